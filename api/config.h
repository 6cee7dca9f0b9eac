// lc-api's configuration: defaults < environment (LC_*) < command line,
// checked once at start and passed by reference.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace lc::api {

struct Config {
    std::filesystem::path data = "./data";  // LC_DATA, --data
    std::string host = "127.0.0.1";         // LC_HOST, --host
    int port = 8080;                        // LC_PORT, --port
    std::filesystem::path web = "web";      // LC_WEB, --web: the page's files ("" to serve none)
    // LC_PUBLIC_URL, --public-url: "https://host" visitors use; "" to take
    // each request's Host header (api/export.h, public_base_url).
    std::string public_url;
    int threads = 256;  // LC_THREADS, --threads: most HTTP worker threads
                        // (one per request being answered; idle ones exit)
    int cache_mb = 32;  // LC_CACHE_MB, --cache-mb: recent search answers kept (0: none)
    int posting_cache_mb =
        256;  // LC_POSTING_CACHE_MB, --posting-cache-mb: decoded posting lists kept
    std::size_t max_body_bytes = 1 << 20;  // request bodies above this get 413 before being read
    int read_timeout_s = 5;                // a client that sends nothing for this long is dropped
    int write_timeout_s = 5;
    int keep_alive_s = 5;
    // --request-timeout: a whole request (headers and body) must arrive within this.
    int request_timeout_s = 10;
    // --max-connections: open connections (0: what the file limit allows,
    // keeping 256 descriptors for the index and the catalog).
    int max_connections = 0;
    int max_connections_per_address = 128;     // --max-connections-per-address (proxies exempt)
    std::vector<std::string> trusted_proxies;  // --trusted-proxy ADDR[/BITS], repeatable
    // Search statistics (indexer/stats/search_stats.h): days kept, and distinct
    // queries stored a day (the rest are counted together).
    int stats_days = 90;            // LC_STATS_DAYS, --stats-days (0: record nothing)
    int stats_max_queries = 10000;  // LC_STATS_MAX_QUERIES, --stats-max-queries
};

// Parses argv over the environment over the defaults. Prints help or errors
// and returns false when the program should exit (with `exit_code`).
bool load_config(int argc, char** argv, Config& config, int& exit_code);

}  // namespace lc::api
