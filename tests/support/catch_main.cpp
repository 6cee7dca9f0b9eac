// The test runner's main: Catch2's, after ignoring SIGPIPE. A server that
// answers 413 and closes while a test is still sending a large body must
// make the send fail, not kill the test process.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <csignal>

int main(int argc, char* argv[]) {
    std::signal(SIGPIPE, SIG_IGN);
    return Catch::Session().run(argc, argv);
}
