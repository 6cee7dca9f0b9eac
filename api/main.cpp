// lc-api: serves search to visitors and investors, writes to editors, and the
// web page. A thin adapter: the engine does the work.
#include <malloc.h>
#include <sys/resource.h>

#include <csignal>
#include <filesystem>
#include <iostream>
#include <optional>
#include <thread>

#include "api/app.h"
#include "api/config.h"
#include "api/connection_gate.h"
#include "api/multipart.h"
#include "api/thread_pool.h"
#include "util/error.h"

namespace {

// SIGINT/SIGTERM are taken by a thread with sigwait, which stops the server
// cleanly (nothing but a flag is safe inside a signal handler). A signal that
// came during start-up (opening a large catalog takes seconds) stops the gate
// before it runs, and run() then returns at once.
void stop_on_signals(lc::api::ConnectionGate& gate) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    std::thread([set, &gate]() mutable {
        int sig = 0;
        sigwait(&set, &sig);
        std::cerr << "lc-api: stopping\n";
        gate.stop();
    }).detach();
}

// Connections the file limit allows, leaving descriptors for the index (a
// few per pooled handle), the catalog, the page's files and a rebuild. An
// operator's --max-connections is taken as given.
std::size_t connection_capacity(int configured) {
    if (configured > 0) return static_cast<std::size_t>(configured);
    constexpr std::size_t kReserved = 256;
    rlimit limit{};
    std::size_t files = ::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY
                            ? static_cast<std::size_t>(limit.rlim_cur)
                            : 65536;
    return files > kReserved + 16 ? files - kReserved : 16;
}

constexpr std::size_t kRequestsPerConnection = 1000;

// The shell of server-rendered pages, checked at start: a web folder whose
// index.html lacks what pages fill is a start-up error (thrown), not a 500
// later. Without a page at all (no such folder, as for an API-only server)
// there are no pages, as there are no files.
std::optional<lc::api::PageShell> page_shell(const std::filesystem::path& web) {
    if (web.empty()) return std::nullopt;
    if (!std::filesystem::exists(web / "index.html")) {
        std::cerr << "lc-api: no page at " << (web / "index.html").string()
                  << ": serving the API alone\n";
        return std::nullopt;
    }
    return lc::api::PageShell::load(web);
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

    lc::api::Server server;
    // The gate holds each route to its body limit; httplib's own must let the
    // largest (a photo upload) through.
    server.set_payload_max_length(std::max(config.max_body_bytes, lc::api::kPhotoUploadBodyBytes));
    server.set_keep_alive_timeout(config.keep_alive_s);
    server.set_keep_alive_max_count(kRequestsPerConnection);
    lc::api::App app(config, store, search, follower);
    // Counted in memory on the request's thread, written once a second by
    // the stats' own thread: a search never waits on the disk for them.
    std::unique_ptr<lc::SearchStats> stats;
    // Statistics are a help to editors, not part of the service: a data
    // folder they cannot be written to (read-only, full) leaves them off and
    // search and reads go on (tests/faults/faults_tmpfs.sh).
    if (config.stats_days > 0) {
        try {
            stats = std::make_unique<lc::SearchStats>(
                config.data, lc::SearchStatsOptions{.max_queries_per_day = static_cast<std::size_t>(
                                                        config.stats_max_queries),
                                                    .keep_days = config.stats_days});
            stats->start_background_flush();
            app.stats = stats.get();
        } catch (const lc::StoreError& e) {
            std::cerr << "lc-api: search statistics are off: " << e.what() << "\n";
        }
    }
    // Files a crash left behind: photos no revision names, temporary files.
    auto swept = app.photos.sweep(store.photo_ids_in_revisions());
    if (swept.photos_removed + swept.temporary_files_removed > 0)
        std::cerr << "lc-api: removed " << swept.photos_removed << " unreferenced photos and "
                  << swept.temporary_files_removed << " temporary files\n";
    std::optional<lc::api::PageShell> pages;
    try {
        pages = page_shell(config.web);
    } catch (const std::exception& e) {
        std::cerr << "lc-api: " << e.what() << "\n";
        return 1;
    }
    if (pages) app.pages = &*pages;
    lc::api::register_routes(server, app);

    // Workers answer complete requests only (the gate reads them), so a
    // thread is busy for as long as a request takes, never while a client
    // idles or trickles.
    lc::api::ElasticThreadPool workers(8, static_cast<std::size_t>(config.threads));
    const auto write_timeout = std::chrono::seconds(config.write_timeout_s);
    std::unique_ptr<lc::api::ConnectionGate> gate;
    lc::api::ConnectionGate::Limits limits{
        .max_connections = connection_capacity(config.max_connections),
        .per_address = static_cast<std::size_t>(config.max_connections_per_address),
        .request_deadline = std::chrono::seconds(config.request_timeout_s),
        .idle = std::chrono::seconds(config.read_timeout_s),
        .max_body_bytes = config.max_body_bytes,
        .larger_body = lc::api::is_photo_upload,
        .max_larger_body_bytes = lc::api::kPhotoUploadBodyBytes};
    gate = std::make_unique<lc::api::ConnectionGate>(
        limits,
        [&](lc::api::ConnectionGate::Request r) {
            workers.enqueue([&, r = std::move(r)]() mutable {
                lc::api::keep_multipart_body(r.bytes);
                lc::api::RequestStream stream(r.fd, std::move(r.bytes), std::move(r.peer),
                                              write_timeout, r.continue_sent);
                bool keep = server.answer(stream, r.served + 1 >= kRequestsPerConnection);
                gate->finished(r.id, keep);
            });
        },
        [&app](const std::string& address) { return app.proxies.contains(address); });

    int port = gate->bind(config.host, config.port);
    if (port < 0)
        throw lc::Error("cannot listen on " + config.host + ":" + std::to_string(config.port));
    follower.start();
    // Opens the index now rather than on the first search: its facet table is
    // built and, two seconds on, its posting cache preloaded in the background.
    search.status();
    stop_on_signals(*gate);
    // Tests and scripts read this line to find the port.
    std::cout << "lc-api listening on http://" << config.host << ":" << port << "/" << std::endl;
    gate->run();
    workers.shutdown();  // answers what is under way; the gate closes the rest
    gate.reset();
    follower.stop();
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    // glibc gives busy threads their own malloc arenas (up to 8 per core) and
    // keeps what they free; when each open connection had its own worker, that grew the
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
