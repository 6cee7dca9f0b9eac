// Runs the real lc-api (or lc-indexer) as a child process for integration
// tests: on a free loopback port, stopped when the object goes out of scope.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace lc::test {

struct CommandResult {
    int exit_code = -1;
    std::string out, err;
};

// Starts a program with standard input from /dev/null and its output into
// the given files ("/dev/null" to drop it); returns its pid. Throws when it
// cannot start.
pid_t spawn_program(const std::vector<std::string>& argv, const std::filesystem::path& out,
                    const std::filesystem::path& err,
                    const std::filesystem::path& in = "/dev/null");

// Runs a program to completion, feeding `input` to its standard input.
CommandResult run_command(const std::vector<std::string>& argv, const std::string& input = "");

// lc-indexer with these arguments.
CommandResult indexer(const std::vector<std::string>& args, const std::string& input = "");

// A data folder with content/ imported and indexed (and the given extra
// import paths), ready for a server.
void prepare_data(const std::filesystem::path& data,
                  const std::vector<std::string>& extra_imports = {});

class ServerProcess {
  public:
    // Starts lc-api on 127.0.0.1 with a free port; waits until it listens.
    explicit ServerProcess(const std::filesystem::path& data,
                           const std::vector<std::string>& extra_args = {});
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    int port() const { return port_; }
    pid_t pid() const { return pid_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    void kill_hard();  // SIGKILL, as a crash
    int stop();        // SIGTERM and wait; returns the exit status
    bool running() const;
    std::string log() const;  // what it wrote to stderr so far

  private:
    pid_t pid_ = -1;
    int port_ = 0;
    std::filesystem::path log_path_;
};

}  // namespace lc::test
