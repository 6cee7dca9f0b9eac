// lc-api: serves search to visitors and investors, writes to editors, and the
// web page. A thin adapter: the engine does the work.
#include <malloc.h>
#include <sys/socket.h>

#include <csignal>
#include <iostream>
#include <thread>

#include "api/app.h"
#include "api/config.h"
#include "api/thread_pool.h"
#include "util/error.h"

namespace {

// cpp-httplib 0.11 listens with a backlog of 5, so a burst of connections (a
// page's files, a few clients at once) overflowed it and the kernel made the
// rest retry a second or more later. listen() again on the bound socket
// raises it (the kernel caps it at net.core.somaxconn).
class Server : public httplib::Server {
  public:
    bool raise_backlog(int backlog) { return ::listen(svr_sock_, backlog) == 0; }
};

// SIGINT/SIGTERM are taken by a thread with sigwait, which stops the server
// cleanly (stop() is not safe inside a signal handler).
void stop_on_signals(httplib::Server& server) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    std::thread([set, &server]() mutable {
        int sig = 0;
        sigwait(&set, &sig);
        std::cerr << "lc-api: stopping\n";
        // A signal that came during start-up (opening a large catalog takes
        // seconds) is taken here before the server listens, and stop() on a
        // server not yet running does nothing: wait until it runs.
        while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        server.stop();
    }).detach();
}

int serve(const lc::api::Config& config) {
    // Block the signals before any thread starts, so all threads inherit it.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    lc::Store store(config.data, lc::Store::Mode::must_exist);
    lc::SearchService search(
        config.data,
        {.cache_bytes = static_cast<std::size_t>(config.cache_mb) << 20,
         .posting_cache_bytes = static_cast<std::size_t>(config.posting_cache_mb) << 20});
    lc::IndexFollower follower(
        store, config.data,
        {.committed = [&search] { search.notify_changed(); },
         .rebuilding = [&search](const std::string& why) { search.set_unavailable(why); },
         .rebuilt = [&search] { search.set_available(); },
         .log = [](const std::string& what) { std::cerr << "lc-api: " << what << "\n"; }});
    search.on_corrupt(
        [&follower](const std::string& why) { follower.request_rebuild("index damaged: " + why); });

    Server server;
    const auto max_threads = static_cast<std::size_t>(config.threads);
    server.new_task_queue = [max_threads] {
        return new lc::api::ElasticThreadPool(8, max_threads);
    };
    server.set_payload_max_length(config.max_body_bytes);
    // httplib writes the headers and the body of an answer separately; with
    // Nagle's algorithm the body then waited for the client's delayed ACK,
    // 40 ms on Linux, on every small answer of a kept-alive connection.
    server.set_tcp_nodelay(true);
    server.set_read_timeout(config.read_timeout_s, 0);
    server.set_write_timeout(config.write_timeout_s, 0);
    server.set_keep_alive_timeout(config.keep_alive_s);
    server.set_keep_alive_max_count(1000);
    lc::api::App app(config, store, search, follower);
    lc::api::register_routes(server, app);

    int port = config.port;
    if (port == 0) {
        port = server.bind_to_any_port(config.host);
    } else if (!server.bind_to_port(config.host, port)) {
        port = -1;
    }
    if (port < 0)
        throw lc::Error("cannot listen on " + config.host + ":" + std::to_string(config.port));
    if (!server.raise_backlog(1024)) std::cerr << "lc-api: cannot raise the listen backlog\n";
    follower.start();
    // Opens the index now rather than on the first search: its facet table is
    // built and, two seconds on, its posting cache preloaded in the background.
    search.status();
    stop_on_signals(server);
    // Tests and scripts read this line to find the port.
    std::cout << "lc-api listening on http://" << config.host << ":" << port << "/" << std::endl;
    bool ok = server.listen_after_bind();
    follower.stop();
    return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    // glibc gives busy threads their own malloc arenas (up to 8 per core) and
    // keeps what they free; with one worker per open connection that grew the
    // server by 150 MB under load before it levelled off. Four arenas keep it
    // flat at no measurable cost in throughput.
    mallopt(M_ARENA_MAX, 4);
    lc::api::Config config;
    int exit_code = 0;
    if (!lc::api::load_config(argc, argv, config, exit_code)) return exit_code;
    // The catch boundary: a problem at start is a clear message, never a crash.
    try {
        return serve(config);
    } catch (const lc::Error& e) {
        std::cerr << "lc-api: " << e.what() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "lc-api: unexpected error: " << e.what() << "\n";
    }
    return 1;
}
