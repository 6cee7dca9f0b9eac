// lc-api and lc-indexer read their LC_* environment variables through the same
// checks as the flags: a bad value stops the program with a message naming the
// variable, a good one takes effect, and a flag given wins over it.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "support/http_client.h"
#include "support/server_process.h"
#include "support/temp_dir.h"

using lc::test::read_file;
using lc::test::TempDir;
namespace fs = std::filesystem;

namespace {

// A program run under `env` with these variables, its output in files.
struct Run {
    pid_t pid = -1;
    fs::path out, err;
};

Run start(const TempDir& dir, const std::vector<std::string>& variables,
          const std::vector<std::string>& argv) {
    static int counter = 0;
    Run run;
    run.out = dir.path() / ("out-" + std::to_string(++counter));
    run.err = dir.path() / ("err-" + std::to_string(counter));
    std::vector<std::string> command{"/usr/bin/env"};
    command.insert(command.end(), variables.begin(), variables.end());
    command.insert(command.end(), argv.begin(), argv.end());
    run.pid = lc::test::spawn_program(command, run.out, run.err);
    return run;
}

// Waits up to `seconds` for the program to exit; kills it if it does not
// (a refused value must stop it, not leave a server running). Returns the
// exit status, or -1 when it had to be killed.
int wait_exit(Run& run, int seconds) {
    int status = 0;
    for (int i = 0; i < seconds * 20; ++i) {
        if (waitpid(run.pid, &status, WNOHANG) == run.pid)
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ::kill(run.pid, SIGKILL);
    waitpid(run.pid, &status, 0);
    return -1;
}

// The port lc-api printed once listening, or 0 when it exited or did not say in time.
int listening_port(const Run& run) {
    static const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+)/)");
    for (int i = 0; i < 600; ++i) {
        std::smatch m;
        std::string out = read_file(run.out);
        if (std::regex_search(out, m, listening)) return std::stoi(m[1]);
        int status = 0;
        if (waitpid(run.pid, &status, WNOHANG) == run.pid) return 0;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return 0;
}

void stop(Run& run) {
    ::kill(run.pid, SIGTERM);
    wait_exit(run, 10);
}

}  // namespace

TEST_CASE("lc-api refuses a bad LC_* value as it refuses the flag, naming the variable",
          "[cli][api][config]") {
    TempDir dir;
    struct Row {
        std::string variable, value, flag;
    };
    const Row rows[] = {
        {"LC_PORT", "abc", "--port"},
        {"LC_PORT", "70000", "--port"},
        {"LC_THREADS", "1", "--threads"},
        {"LC_CACHE_MB", "-1", "--cache-mb"},
        {"LC_CACHE_MB", "lots", "--cache-mb"},
        {"LC_POSTING_CACHE_MB", "5000", "--posting-cache-mb"},
        {"LC_STATS_DAYS", "-1", "--stats-days"},
        {"LC_STATS_DAYS", "forever", "--stats-days"},
        {"LC_STATS_MAX_QUERIES", "5", "--stats-max-queries"},
    };
    const std::string data = (dir.path() / "data").string();
    for (const auto& row : rows) {
        INFO(row.variable << "=" << row.value);
        std::vector<std::string> args{LC_API_BIN, "--data", data, "--web", ""};
        // A port of 0 in case the value were taken, but not when the flag would win.
        if (row.flag != "--port") args.insert(args.end(), {"--port", "0"});
        Run by_env = start(dir, {row.variable + "=" + row.value}, args);
        int env_exit = wait_exit(by_env, 10);
        std::string message = read_file(by_env.err);
        INFO(message);
        CHECK(env_exit > 0);
        CHECK_THAT(message, Catch::Contains("environment variable " + row.variable));
        CHECK_THAT(message, Catch::Contains(row.value));

        Run by_flag =
            start(dir, {}, {LC_API_BIN, "--data", data, "--web", "", row.flag, row.value});
        CHECK(wait_exit(by_flag, 10) == env_exit);  // the same check, the same status
    }
    CHECK_FALSE(fs::exists(data));  // refused before anything was opened
}

TEST_CASE("lc-api takes good LC_* values, and a flag given wins over them", "[cli][api][config]") {
    TempDir dir;
    const fs::path data = dir.path() / "data";
    lc::test::prepare_data(data);

    // Everything from the environment: the data folder, address and port.
    Run server = start(dir,
                       {"LC_DATA=" + data.string(), "LC_HOST=127.0.0.1", "LC_PORT=0",
                        "LC_WEB=", "LC_THREADS=4", "LC_CACHE_MB=0"},
                       {LC_API_BIN});
    int port = listening_port(server);
    INFO(read_file(server.err));
    REQUIRE(port > 0);
    CHECK(lc::test::Http(port).get("/api/entries/dinh-pu-ta-leng").status == 200);
    stop(server);

    // Flags win: a bad port and a missing folder in the environment are not used.
    Run flagged = start(
        dir, {"LC_PORT=abc", "LC_DATA=" + (dir.path() / "nowhere").string()},
        {LC_API_BIN, "--data", data.string(), "--host", "127.0.0.1", "--port", "0", "--web", ""});
    port = listening_port(flagged);
    INFO(read_file(flagged.err));
    REQUIRE(port > 0);
    CHECK(lc::test::Http(port).get("/api/entries/dinh-pu-ta-leng").status == 200);
    stop(flagged);
    CHECK_FALSE(fs::exists(dir.path() / "nowhere"));
}

TEST_CASE("lc-indexer reads LC_DATA and LC_INDEX_* like its flags", "[cli][config]") {
    TempDir dir;
    const fs::path data = dir.path() / "data";
    lc::test::prepare_data(data);

    Run stats = start(dir, {"LC_DATA=" + data.string()}, {LC_INDEXER_BIN, "stats"});
    CHECK(wait_exit(stats, 60) == 0);
    CHECK_THAT(read_file(stats.out), Catch::Contains(data.string()));

    // A flag wins over the variable.
    Run flagged = start(dir, {"LC_DATA=" + (dir.path() / "nowhere").string()},
                        {LC_INDEXER_BIN, "stats", "--data", data.string()});
    CHECK(wait_exit(flagged, 60) == 0);
    CHECK_THAT(read_file(flagged.out), Catch::Contains(data.string()));

    for (const char* bad : {"LC_INDEX_THREADS=0", "LC_INDEX_THREADS=many", "LC_INDEX_FLUSH=-5"}) {
        INFO(bad);
        Run index = start(dir, {bad, "LC_DATA=" + data.string()}, {LC_INDEXER_BIN, "index"});
        CHECK(wait_exit(index, 60) > 0);
        std::string variable(bad, std::string(bad).find('='));
        CHECK_THAT(read_file(index.err), Catch::Contains("environment variable " + variable));
    }
    Run index =
        start(dir, {"LC_INDEX_THREADS=2", "LC_DATA=" + data.string()}, {LC_INDEXER_BIN, "index"});
    CHECK(wait_exit(index, 120) == 0);
    CHECK_THAT(read_file(index.out), Catch::Contains("with 2 threads"));
}

TEST_CASE("lc-api refuses to start over a page shell its pages cannot fill", "[cli][api][config]") {
    TempDir dir;
    const fs::path data = dir.path() / "data";
    lc::test::prepare_data(data);
    const fs::path web = dir.path() / "web";
    fs::copy(fs::path(LC_SOURCE_DIR) / "web", web, fs::copy_options::recursive);

    SECTION("index.html without an element the pages fill") {
        std::string shell = read_file(web / "index.html");
        const std::string list = "id=\"result-list\"";
        REQUIRE(shell.find(list) != std::string::npos);
        shell.replace(shell.find(list), list.size(), "id=\"renamed-list\"");
        lc::test::write_file(web / "index.html", shell);
        Run server = start(
            dir, {}, {LC_API_BIN, "--data", data.string(), "--port", "0", "--web", web.string()});
        CHECK(wait_exit(server, 10) == 1);
        CHECK(read_file(server.err).find("index.html has no element with id=\"result-list\"") !=
              std::string::npos);
    }
    SECTION("no words for the pages") {
        fs::remove(web / "js" / "strings.json");
        Run server = start(
            dir, {}, {LC_API_BIN, "--data", data.string(), "--port", "0", "--web", web.string()});
        CHECK(wait_exit(server, 10) == 1);
        CHECK(read_file(server.err).find("strings.json") != std::string::npos);
    }
}
