// lc-api and signals: SIGTERM stops the server whenever it comes, including
// while it is still opening the catalog and before it listens.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "support/server_process.h"
#include "support/temp_dir.h"

using lc::test::TempDir;

TEST_CASE("lc-api stops on SIGTERM at any moment of its start-up", "[cli][api]") {
    TempDir dir;
    lc::test::prepare_data(dir.path());
    // Signals sent from the moment the process exists until well after it
    // listens: a signal taken before the server runs must still stop it.
    for (int delay_ms = 0; delay_ms <= 200; delay_ms += 10) {
        pid_t pid = lc::test::spawn_program(
            {LC_API_BIN, "--data", dir.path().string(), "--port", "0", "--web", ""}, "/dev/null",
            "/dev/null");
        std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
        ::kill(pid, SIGTERM);
        bool exited = false;
        int status = 0;
        for (int i = 0; i < 400 && !exited; ++i) {
            exited = waitpid(pid, &status, WNOHANG) == pid;
            if (!exited) std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
        INFO("SIGTERM " << delay_ms << " ms after start");
        CHECK(exited);
        if (!exited) {
            ::kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
        }
    }
}
