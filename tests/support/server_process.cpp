#include "support/server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/temp_dir.h"

extern char** environ;

namespace lc::test {

namespace {

std::vector<char*> to_argv(const std::vector<std::string>& args) {
    std::vector<char*> out;
    for (const auto& a : args) out.push_back(const_cast<char*>(a.c_str()));
    out.push_back(nullptr);
    return out;
}

std::filesystem::path unique_file(const std::string& stem) {
    static int counter = 0;
    return std::filesystem::temp_directory_path() /
           (stem + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + ".log");
}

}  // namespace

pid_t spawn_program(const std::vector<std::string>& argv, const std::filesystem::path& out,
                    const std::filesystem::path& err, const std::filesystem::path& in) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, in.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid = -1;
    auto args = to_argv(argv);
    int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
    return pid;
}

CommandResult run_command(const std::vector<std::string>& argv, const std::string& input) {
    auto in_path = unique_file("lc-in"), out_path = unique_file("lc-out"),
         err_path = unique_file("lc-err");
    write_file(in_path, input);
    pid_t pid = spawn_program(argv, out_path, err_path, in_path);
    int status = 0;
    waitpid(pid, &status, 0);
    CommandResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = read_file(out_path);
    r.err = read_file(err_path);
    std::error_code ec;
    for (const auto& p : {in_path, out_path, err_path}) std::filesystem::remove(p, ec);
    return r;
}

CommandResult indexer(const std::vector<std::string>& args, const std::string& input) {
    std::vector<std::string> argv{LC_INDEXER_BIN};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv, input);
}

void prepare_data(const std::filesystem::path& data,
                  const std::vector<std::string>& extra_imports) {
    std::vector<std::string> import{"import", content_dir().string()};
    import.insert(import.end(), extra_imports.begin(), extra_imports.end());
    import.insert(import.end(), {"--data", data.string()});
    auto r = indexer(import);
    if (r.exit_code != 0) throw std::runtime_error("import failed: " + r.err);
    r = indexer({"index", "--data", data.string()});
    if (r.exit_code != 0) throw std::runtime_error("index failed: " + r.err);
}

ServerProcess::ServerProcess(const std::filesystem::path& data,
                             const std::vector<std::string>& extra_args) {
    log_path_ = unique_file("lc-api");
    auto out_path = unique_file("lc-api-out");
    std::vector<std::string> argv{
        LC_API_BIN, "--data",    data.string(),
        "--host",   "127.0.0.1", "--port",
        "0",        "--web",     (std::filesystem::path(LC_SOURCE_DIR) / "web").string()};
    argv.insert(argv.end(), extra_args.begin(), extra_args.end());
    pid_ = spawn_program(argv, out_path, log_path_);
    static const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+)/)");
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
        std::smatch m;
        std::string out = read_file(out_path);
        if (std::regex_search(out, m, listening)) {
            port_ = std::stoi(m[1]);
            break;
        }
        if (!running()) throw std::runtime_error("lc-api exited at start: " + log());
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    std::error_code ec;
    std::filesystem::remove(out_path, ec);
    if (port_ == 0) {
        kill_hard();
        throw std::runtime_error("lc-api did not start listening: " + log());
    }
}

ServerProcess::~ServerProcess() {
    if (pid_ > 0) stop();
    std::error_code ec;
    std::filesystem::remove(log_path_, ec);
}

bool ServerProcess::running() const {
    if (pid_ <= 0) return false;
    int status = 0;
    return waitpid(pid_, &status, WNOHANG) == 0;
}

void ServerProcess::kill_hard() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
}

int ServerProcess::stop() {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 200; ++i) {
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    kill_hard();
    return 128 + SIGKILL;
}

std::string ServerProcess::log() const {
    return read_file(log_path_);
}

}  // namespace lc::test
