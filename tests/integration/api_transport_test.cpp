// lc-api against hostile transports and passing failures (issue 14): held and
// trickling connections from one address while another is served, 411 before
// a body without a length is read, header floods with memory bounded, a burst
// of connections past the file limit, /healthz while search is down, the
// sign-in limiter behind a trusted proxy, and the smaller answers (1e400,
// season and error caps, updated_by, 304 on static files, gzip).
//
// Floods come from 127.0.0.1 and probes from 127.0.0.2 (raw_socket.h binds the
// source), so the per-address cap and the gate can be told apart.
#include <sys/resource.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "api_helpers.h"
#include "raw_socket.h"

using namespace lc::test;
using namespace lc::test::apitest;
using namespace std::chrono_literals;

namespace {

using Clock = std::chrono::steady_clock;

// Resident memory of a process, in KB.
long rss_kb(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line))
        if (line.starts_with("VmRSS:")) return std::stol(line.substr(6));
    return -1;
}

std::string get(const std::string& target, const std::string& headers = "") {
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers +
           "\r\n";
}

// One GET from 127.0.0.2; the reply and how long it took.
std::pair<RawReply, Clock::duration> probe(int port, const std::string& target) {
    auto start = Clock::now();
    RawSocket s(port, "127.0.0.2");
    s.send(get(target));
    RawReply r = s.read_reply(5s);
    return {r, Clock::now() - start};
}

long ms(Clock::duration d) {
    return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(d).count());
}

// Raises this process's file limit so a test can hold thousands of sockets.
void allow_files(rlim_t n) {
    rlimit limit{};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    if (limit.rlim_cur < n) {
        limit.rlim_cur = std::min(n, limit.rlim_max);
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

struct Served {
    TempDir dir;
    fs::path data = dir / "data";
    std::unique_ptr<ServerProcess> server;
    explicit Served(const std::vector<std::string>& args) {
        prepare_data(data);
        server = std::make_unique<ServerProcess>(data, args);
    }
    int port() const { return server->port(); }
};

}  // namespace

TEST_CASE("2000 held connections do not delay others", "[api][transport]") {
    allow_files(8192);
    // The per-address cap is lifted so that the gate itself holds all 2,000.
    Served s({"--max-connections-per-address", "5000", "--request-timeout", "30"});
    std::vector<std::unique_ptr<RawSocket>> held;
    for (int i = 0; i < 1000; ++i) {
        held.push_back(std::make_unique<RawSocket>(s.port()));
        held.back()->send("GET /api/sea");  // stalled half-way through the request line
    }
    for (int i = 0; i < 1000; ++i) held.push_back(std::make_unique<RawSocket>(s.port()));
    // The second thousand trickle a header byte at a time.
    for (int round = 0; round < 3; ++round)
        for (int i = 1000; i < 2000; ++i)
            held[i]->send(round == 0 ? std::string("GET / HTTP/1.1\r\nX") : std::string("x"));
    auto slowest = Clock::duration::zero();
    for (int i = 0; i < 10; ++i) {
        auto [r, took] = probe(s.port(), "/api/search?q=sin+ho");
        CHECK(r.status == 200);
        slowest = std::max(slowest, took);
    }
    INFO("slowest probe: " << ms(slowest) << " ms");
    CHECK(slowest < 1s);
    for (int i = 0; i < 2000; i += 250) CHECK(!held[i]->wait_closed(1ms));
}

TEST_CASE("a request that trickles is cut at its deadline; one address has a cap",
          "[api][transport]") {
    Served s({"--request-timeout", "2", "--max-connections-per-address", "8"});
    auto start = Clock::now();
    RawSocket trickle(s.port());
    trickle.send("GET /healthz HTTP/1.1\r\n");
    RawReply r;
    while (Clock::now() - start < 6s && !trickle.closed()) {
        trickle.send("X: y\r\n");
        r = trickle.read_reply(500ms);
        if (r.answered()) break;
    }
    INFO("after " << ms(Clock::now() - start) << " ms");
    CHECK(r.status == 408);
    CHECK(Clock::now() - start < 4s);

    std::vector<std::unique_ptr<RawSocket>> mine;
    for (int i = 0; i < 8; ++i) mine.push_back(std::make_unique<RawSocket>(s.port()));
    RawSocket ninth(s.port());
    ninth.send(get("/healthz"));
    RawReply refused = ninth.read_reply(2s);
    CHECK(refused.status == 503);
    CHECK(refused.header("Retry-After") == "1");
    CHECK(probe(s.port(), "/healthz").first.status == 200);  // another address
}

TEST_CASE("411 before a body without a length is read; floods keep memory bounded",
          "[api][transport]") {
    Served s({});
    const long before = rss_kb(s.server->pid());
    {
        RawSocket c(s.port());
        c.send("POST /api/entries HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\r\n");
        std::string chunk(1 << 20, 'a');
        for (int i = 0; i < 64 && c.send(chunk); ++i) {
        }
        RawReply r = c.read_reply(5s);
        CHECK(r.status == 411);
    }
    {
        RawSocket c(s.port());
        c.send("GET /healthz HTTP/1.1\r\nHost: x\r\n");
        const std::string line = "X-Flood: " + std::string(3990, 'b') + "\r\n";
        std::string block;
        for (int i = 0; i < 256; ++i) block += line;
        for (int i = 0; i < 80 && c.send(block); ++i) {
        }
        RawReply r = c.read_reply(5s);
        CHECK(r.status == 431);
    }
    const long after = rss_kb(s.server->pid());
    INFO("RSS " << before << " KB -> " << after << " KB");
    CHECK(after - before < 32 * 1024);
    CHECK(probe(s.port(), "/healthz").first.status == 200);
}

TEST_CASE("a burst past the file limit leaves search working", "[api][transport]") {
    allow_files(8192);
    TempDir dir;
    fs::path data = dir / "data";
    prepare_data(data);
    // The child gets a low file limit and is told to accept more connections
    // than it allows, so that the index's own files cannot be opened.
    rlimit saved{};
    ::getrlimit(RLIMIT_NOFILE, &saved);
    rlimit low = saved;
    low.rlim_cur = 1024;
    ::setrlimit(RLIMIT_NOFILE, &low);
    auto server = std::make_unique<ServerProcess>(
        data, std::vector<std::string>{"--max-connections", "5000", "--max-connections-per-address",
                                       "5000", "--cache-mb", "0"});
    ::setrlimit(RLIMIT_NOFILE, &saved);
    Http http(server->port());
    REQUIRE(http.get("/api/search?q=sin+ho").status == 200);
    {
        std::vector<std::unique_ptr<RawSocket>> burst;
        for (int i = 0; i < 1200; ++i) burst.push_back(std::make_unique<RawSocket>(server->port()));
        std::this_thread::sleep_for(3s);
    }
    CHECK(eventually([&] { return http.get("/healthz").status == 200; }, 15s));
    CHECK(http.get("/api/search?q=sin+ho").status == 200);
    CHECK(http.get("/api/suggest?q=sin").status == 200);
    for (const auto& e : fs::directory_iterator(data / "index"))
        CHECK(!e.path().filename().string().starts_with("build-"));
    INFO(server->log());
    CHECK(server->log().find("rebuilding") == std::string::npos);
}

TEST_CASE("healthz is 503 while search is down, and search comes back", "[api][transport]") {
    Served s({});
    Http http(s.port());
    REQUIRE(http.get("/healthz").status == 200);
    // The index folder replaced by a file: rebuilds fail until it goes.
    fs::rename(s.data / "index", s.data / "index.moved");
    { std::ofstream(s.data / "index") << "not a folder"; }
    CHECK(eventually([&] { return http.get("/healthz").status == 503; }, 10s));
    Reply down = http.get("/api/search?q=sin+ho");
    CHECK(down.status == 503);
    CHECK(down.body.find(s.dir.path().string()) == std::string::npos);
    CHECK(http.get("/healthz").body.find(s.dir.path().string()) == std::string::npos);
    fs::remove(s.data / "index");
    CHECK(eventually([&] { return http.get("/healthz").status == 200; }, 20s));
    CHECK(http.get("/api/search?q=sin+ho").status == 200);
    for (const auto& e : fs::directory_iterator(s.data / "index"))
        CHECK(!e.path().filename().string().starts_with("build-"));
}

TEST_CASE("failed sign-ins never lock out a valid token; behind a trusted proxy",
          "[api][transport]") {
    Served s({"--trusted-proxy", "127.0.0.1", "--trusted-proxy", "::1/128"});
    Http http(s.port());
    const std::string token = create_token(s.data, "transport-editor", "editor");
    auto me = [&](const std::string& bearer_token, const std::string& forwarded) {
        httplib::Headers h = {{"Authorization", "Bearer " + bearer_token}};
        if (!forwarded.empty()) h.emplace("X-Forwarded-For", forwarded);
        return http.get("/api/me", h).status;
    };
    for (int i = 0; i < 5; ++i) CHECK(me("wrong", "203.0.113.7") == 401);
    CHECK(me("wrong", "203.0.113.7") == 429);
    CHECK(me(token, "203.0.113.7") == 200);    // a valid token always works
    CHECK(me("wrong", "203.0.113.8") == 401);  // another client behind the proxy
    // The right-most address that is not a trusted proxy is the client.
    CHECK(me("wrong", "198.51.100.1, 203.0.113.7") == 429);
    CHECK(me("wrong", "203.0.113.7, 127.0.0.1") == 429);
    // IPv6 clients are counted per /64.
    for (int i = 0; i < 5; ++i) me("wrong", "2001:db8:1:2::" + std::to_string(i + 1));
    CHECK(me("wrong", "2001:db8:1:2:ffff::9") == 429);
    CHECK(me("wrong", "2001:db8:1:3::1") == 401);
    // From an address that is not a trusted proxy, X-Forwarded-For is ignored.
    RawSocket other(s.port(), "127.0.0.2");
    other.send(get("/api/me", "Authorization: Bearer wrong\r\nX-Forwarded-For: 203.0.113.8\r\n"));
    CHECK(other.read_reply(5s).status == 401);
}

TEST_CASE("bodies and answers: 1e400, season and error caps, updated_by, 304, gzip",
          "[api][transport]") {
    Served s({});
    Http http(s.port());
    const std::string token = create_token(s.data, "transport-writer", "editor");
    const std::string slug = "/api/entries/dinh-pu-ta-leng";
    json entry = require_json(http.get(slug, bearer(token)));
    CHECK(entry.contains("updated_by"));
    CHECK(!require_json(http.get(slug)).contains("updated_by"));

    Reply big = http.send("PATCH", slug, R"({"location": {"lat": 1e400}})",
                          with(bearer(token), "If-Match", "*"), "application/merge-patch+json");
    require_error(big, 400, "invalid_json", "location.lat");

    std::string months = "[";
    for (int i = 0; i < 5000; ++i) months += (i ? "," : "") + std::to_string(13 + i);
    Reply season = http.send("PATCH", slug, R"({"season": )" + months + "]}",
                             with(bearer(token), "If-Match", "*"), "application/merge-patch+json");
    json fields = require_error(season, 400, "invalid_entry")["error"]["fields"];
    REQUIRE(fields.size() == 1);
    CHECK(fields[0]["path"] == "season");

    std::string many = "{";
    for (int i = 0; i < 200; ++i)
        many += std::string(i ? "," : "") + "\"unknown" + std::to_string(i) + "\": 1";
    Reply errors = http.send("POST", "/api/entries", many + "}", bearer(token));
    json error = require_error(errors, 400, "invalid_entry")["error"];
    CHECK(error["fields"].size() == 50);
    CHECK(error["more_fields"].get<int>() >= 150);

    RawReply page = raw_exchange(s.port(), get("/index.html"));
    REQUIRE(page.status == 200);
    CHECK(page.header("Cache-Control") == "no-cache");
    const std::string etag = page.header("ETag");
    REQUIRE(!etag.empty());
    RawReply again = raw_exchange(s.port(), get("/index.html", "If-None-Match: " + etag + "\r\n"));
    CHECK(again.status == 304);
    CHECK(again.body.empty());

    RawReply plain = raw_exchange(s.port(), get("/api/search?q=sin+ho"));
    RawReply packed =
        raw_exchange(s.port(), get("/api/search?q=sin+ho", "Accept-Encoding: gzip\r\n"));
    CHECK(plain.header("Content-Encoding").empty());
    CHECK(packed.header("Content-Encoding") == "gzip");
    CHECK(packed.body.size() < plain.body.size());
    CHECK(packed.body.substr(0, 2) == std::string("\x1f\x8b"));
}

TEST_CASE("a body sent after 100 Continue", "[api][transport]") {
    Served s({});
    RawSocket c(s.port());
    const std::string body = R"({"slug": "x"})";
    c.send(
        "POST /api/entries HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Expect: 100-continue\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\n\r\n");
    RawReply interim = c.read_reply(2s);
    CHECK(interim.status == 100);
    c.send(body);
    RawReply r = c.read_reply(5s);
    CHECK(r.status == 401);  // the real answer, once (no second 100)
}
