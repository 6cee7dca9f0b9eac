// Progress of a long job: a bar on a terminal, plain lines otherwise.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <mutex>
#include <string>

namespace lc {

class Progress {
  public:
    virtual ~Progress() = default;
    virtual void start(const std::string& what, std::size_t total) = 0;
    virtual void advance(std::size_t done) = 0;  // thread-safe
    virtual void finish() = 0;
};

// Writes to `out` (stderr by default): a redrawn bar when it is a terminal,
// otherwise a line at every 10%.
class ConsoleProgress : public Progress {
  public:
    explicit ConsoleProgress(std::FILE* out = stderr);
    void start(const std::string& what, std::size_t total) override;
    void advance(std::size_t done) override;
    void finish() override;

  private:
    void draw(std::size_t done);

    std::FILE* out_;
    bool tty_;
    std::mutex mutex_;
    std::string what_;
    std::size_t total_ = 0;
    int last_step_ = -1;
    std::chrono::steady_clock::time_point started_, last_draw_;
};

// For callers that want no output.
class SilentProgress : public Progress {
  public:
    void start(const std::string&, std::size_t) override {}
    void advance(std::size_t) override {}
    void finish() override {}
};

}  // namespace lc
