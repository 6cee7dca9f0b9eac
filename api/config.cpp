#include "api/config.h"

#include <CLI/CLI.hpp>
#include <cstdlib>

#include "api/client_address.h"
#include "util/error.h"

namespace lc::api {

namespace {
void from_env(const char* name, auto& field) {
    const char* v = std::getenv(name);
    if (!v || !*v) return;
    if constexpr (std::is_same_v<std::decay_t<decltype(field)>, int>)
        field = std::atoi(v);
    else
        field = v;
}
}  // namespace

bool load_config(int argc, char** argv, Config& c, int& exit_code) {
    from_env("LC_DATA", c.data);
    from_env("LC_HOST", c.host);
    from_env("LC_PORT", c.port);
    from_env("LC_WEB", c.web);
    from_env("LC_THREADS", c.threads);
    from_env("LC_CACHE_MB", c.cache_mb);
    from_env("LC_POSTING_CACHE_MB", c.posting_cache_mb);
    CLI::App app{"lc-api: the Lai Châu Explorer HTTP server"};
    app.add_option("--data", c.data, "Data folder (catalog and index)");
    app.add_option("--host", c.host, "Address to listen on");
    app.add_option("--port", c.port, "Port to listen on (0: any free port, printed at start)")
        ->check(CLI::Range(0, 65535));
    app.add_option("--web", c.web, "Folder of the web page ('' for none)");
    app.add_option("--threads", c.threads,
                   "Most HTTP worker threads (one per request being answered)")
        ->check(CLI::Range(2, 1024));
    app.add_option("--cache-mb", c.cache_mb, "Megabytes of recent search answers kept (0: none)")
        ->check(CLI::Range(0, 4096));
    app.add_option("--posting-cache-mb", c.posting_cache_mb,
                   "Megabytes of decoded posting lists kept, for large catalogs (0: none)")
        ->check(CLI::Range(0, 4096));
    app.add_option("--request-timeout", c.request_timeout_s,
                   "Seconds a whole request (headers and body) may take to arrive")
        ->check(CLI::Range(1, 3600));
    app.add_option("--max-connections", c.max_connections,
                   "Most open connections (0: as many as the file limit allows)")
        ->check(CLI::Range(0, 1'000'000));
    app.add_option("--max-connections-per-address", c.max_connections_per_address,
                   "Most open connections from one address (trusted proxies exempt)")
        ->check(CLI::Range(1, 1'000'000));
    app.add_option("--trusted-proxy", c.trusted_proxies,
                   "A reverse proxy (ADDR or ADDR/BITS, repeatable) whose X-Forwarded-For is "
                   "believed")
        ->check([](const std::string& cidr) {
            try {
                TrustedProxies({cidr});
                return std::string();
            } catch (const lc::Error& e) {
                return std::string(e.what());
            }
        });
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        exit_code = app.exit(e);
        return false;
    }
    return true;
}

}  // namespace lc::api
