// Keeps the index in step with the store inside a running server.
//
// A background thread applies the store's changes to the index as they are
// committed (it is woken by notify(), and looks anyway every 200 ms), so a
// change is searchable well within a second. On start it catches up from the
// sequence number the index recorded, so after a crash only what is missing
// is applied; an index that is missing, damaged or of an older format is
// rebuilt from the store instead, while searches are told to wait.
#pragma once

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "catalog/store.h"

namespace lc {

class IndexFollower {
  public:
    struct Callbacks {
        std::function<void()> committed;                     // new changes are searchable
        std::function<void(const std::string&)> rebuilding;  // searches must wait (why)
        std::function<void()> rebuilt;                       // searches may resume
        std::function<void(const std::string&)> log;         // something worth telling the operator
    };

    IndexFollower(const Store& store, std::filesystem::path data_dir, Callbacks callbacks);
    ~IndexFollower();

    void start();
    void stop();
    void notify();  // the store has new changes
    void request_rebuild(const std::string& reason);

    // Blocks until the index has applied the store's current sequence number
    // (or the timeout passes); true when caught up.
    bool wait_caught_up(std::chrono::milliseconds timeout);
    std::int64_t applied() const { return applied_.load(); }

  private:
    void run();
    std::optional<std::string> open_current();
    void rebuild(std::string reason);
    void retry_rebuild_later(const std::string& reason, const std::string& failure);

    const Store& store_;
    const std::filesystem::path data_dir_;
    Callbacks callbacks_;
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable wake_, progress_;
    bool stop_ = false, pending_ = false, told_read_only_ = false;
    std::string rebuild_reason_;
    std::chrono::steady_clock::time_point rebuild_after_{};  // not before: after a failure
    std::chrono::seconds rebuild_backoff_{0};
    std::atomic<std::int64_t> applied_{-1};
    struct Writer;
    std::unique_ptr<Writer> writer_;
};

}  // namespace lc
