#include "api/config.h"

#include <CLI/CLI.hpp>

#include "cli/parse_errors.h"

#include "api/client_address.h"
#include "util/error.h"

namespace lc::api {

bool load_config(int argc, char** argv, Config& c, int& exit_code) {
    CLI::App app{"lc-api: the Lai Châu Explorer HTTP server"};
    // Each option reads its LC_* variable through CLI11, so the environment
    // passes the same checks as the flag, and a flag given wins over it.
    app.add_option("--data", c.data, "Data folder (catalog and index)")->envname("LC_DATA");
    app.add_option("--host", c.host, "Address to listen on")->envname("LC_HOST");
    app.add_option("--port", c.port, "Port to listen on (0: any free port, printed at start)")
        ->envname("LC_PORT")
        ->check(CLI::Range(0, 65535));
    app.add_option("--web", c.web, "Folder of the web page ('' for none)")->envname("LC_WEB");
    app.add_option("--public-url", c.public_url,
                   "Address visitors reach the site at, for links in pages, the sitemap and "
                   "exports (default: from each request's Host)")
        ->envname("LC_PUBLIC_URL")
        ->check([](const std::string& url) -> std::string {
            const bool scheme = url.starts_with("http://") || url.starts_with("https://");
            if (!scheme || url.find_first_of(" \"<>'\\?#") != std::string::npos || url.size() > 200)
                return "must be an address like https://laichau.example (no path)";
            return "";
        });
    app.add_option("--threads", c.threads,
                   "Most HTTP worker threads (one per request being answered)")
        ->envname("LC_THREADS")
        ->check(CLI::Range(2, 1024));
    app.add_option("--cache-mb", c.cache_mb, "Megabytes of recent search answers kept (0: none)")
        ->envname("LC_CACHE_MB")
        ->check(CLI::Range(0, 4096));
    app.add_option("--posting-cache-mb", c.posting_cache_mb,
                   "Megabytes of decoded posting lists kept, for large catalogs (0: none)")
        ->envname("LC_POSTING_CACHE_MB")
        ->check(CLI::Range(0, 4096));
    app.add_option("--request-timeout", c.request_timeout_s,
                   "Seconds a whole request (headers and body) may take to arrive")
        ->envname("LC_REQUEST_TIMEOUT")
        ->check(CLI::Range(1, 3600));
    app.add_option("--max-connections", c.max_connections,
                   "Most open connections (0: as many as the file limit allows)")
        ->envname("LC_MAX_CONNECTIONS")
        ->check(CLI::Range(0, 1'000'000));
    app.add_option("--max-connections-per-address", c.max_connections_per_address,
                   "Most open connections from one address (trusted proxies exempt)")
        ->envname("LC_MAX_CONNECTIONS_PER_ADDRESS")
        ->check(CLI::Range(1, 1'000'000));
    app.add_option("--trusted-proxy", c.trusted_proxies,
                   "A reverse proxy (ADDR or ADDR/BITS, repeatable) whose X-Forwarded-For is "
                   "believed")
        ->envname("LC_TRUSTED_PROXY")
        ->check([](const std::string& cidr) {
            try {
                TrustedProxies({cidr});
                return std::string();
            } catch (const lc::Error& e) {
                return std::string(e.what());
            }
        });
    app.add_option("--stats-days", c.stats_days,
                   "Days of search statistics kept (0: record no searches)")
        ->envname("LC_STATS_DAYS")
        ->check(CLI::Range(0, 3650));
    app.add_option("--stats-max-queries", c.stats_max_queries,
                   "Distinct queries recorded a day; later new ones are counted together")
        ->envname("LC_STATS_MAX_QUERIES")
        ->check(CLI::Range(10, 1'000'000));
    try {
        app.parse(argc, argv);
        while (c.public_url.ends_with('/')) c.public_url.pop_back();
    } catch (const CLI::ParseError& e) {
        exit_code = cli::exit_on_parse_error("lc-api", app, e, argc, argv);
        return false;
    }
    return true;
}

}  // namespace lc::api
