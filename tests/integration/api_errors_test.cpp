// What lc-api answers around the routes themselves: 404 and 405 bodies, CORS
// preflights (reads open to any origin, writes same-origin only), security
// headers on every response (errors and static files included) and the page.
#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "api_helpers.h"

using namespace lc::test;
using namespace lc::test::apitest;

namespace {

ApiServer& shared() {
    static ApiServer api;
    return api;
}

Http& http() {
    return shared().http();
}

std::set<std::string> header_list(const std::string& value) {
    std::set<std::string> out;
    std::istringstream in(value);
    for (std::string item; std::getline(in, item, ',');) {
        auto first = item.find_first_not_of(' ');
        auto last = item.find_last_not_of(' ');
        if (first != std::string::npos) out.insert(item.substr(first, last - first + 1));
    }
    return out;
}

void require_security_headers(const Reply& r) {
    INFO(describe(r));
    const std::string csp = r.header("Content-Security-Policy");
    CHECK(csp.find("default-src 'self'") != std::string::npos);
    CHECK(csp.find("script-src 'self'") != std::string::npos);
    CHECK(csp.find("object-src 'none'") != std::string::npos);
    CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
    CHECK(csp.find("unsafe-inline") == std::string::npos);
    CHECK(r.header("X-Content-Type-Options") == "nosniff");
    CHECK(r.header("Referrer-Policy") == "no-referrer");
}

const std::string kEntry = "/api/entries/dinh-pu-ta-leng";

}  // namespace

TEST_CASE("api errors: unknown addresses are 404 in JSON", "[api]") {
    for (const char* path :
         {"/api/nope", "/api", "/api/search/extra", "/api/entries/dinh-pu-ta-leng/nope",
          "/api/entries/UPPER-case", "/api/entries/dinh-pu-ta-leng/revisions/x", "/nope.html",
          "/js/nope.js", "/healthz/x"}) {
        INFO(path);
        require_error(http().get(path), 404, "not_found");
    }
    require_error(http().send("POST", "/api/nope", "{}", {}), 404, "not_found");
    require_error(http().send("DELETE", "/nope", "", {}), 404, "not_found");
    // Nothing outside the web folder is served.
    for (const char* path : {"/../CMakeLists.txt", "/..%2fCMakeLists.txt", "/%2e%2e/api/main.cpp",
                             "/js/../../Makefile"}) {
        INFO(path);
        Reply r = http().get(path);
        CHECK(r.status >= 400);
        CHECK(r.status < 500);
        CHECK(r.body.find("cmake_minimum_required") == std::string::npos);
    }
}

TEST_CASE("api errors: a known address with the wrong method is 405 with Allow", "[api]") {
    struct Row {
        std::string method, path;
        std::set<std::string> allow;
    };
    const std::set<std::string> read_only = {"GET", "HEAD", "OPTIONS"};
    const std::vector<Row> rows = {
        {"POST", "/api/search", read_only},
        {"DELETE", "/api/suggest", read_only},
        {"PUT", "/healthz", read_only},
        {"POST", "/metrics", read_only},
        {"PATCH", "/openapi.json", read_only},
        {"POST", "/api/me", read_only},
        {"PUT", "/api/entries", {"GET", "HEAD", "POST", "OPTIONS"}},
        {"DELETE", "/api/entries", {"GET", "HEAD", "POST", "OPTIONS"}},
        {"POST", kEntry, {"GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS"}},
        {"PUT", kEntry + "/revisions", {"GET", "HEAD", "DELETE", "OPTIONS"}},
        {"DELETE", kEntry + "/revisions/1", read_only},
        {"GET", kEntry + "/restore", {"POST", "OPTIONS"}},
        {"PUT", kEntry + "/restore", {"POST", "OPTIONS"}},
    };
    for (const auto& row : rows) {
        INFO(row.method << " " << row.path);
        Reply r = row.method == "GET" ? http().get(row.path)
                                      : http().send(row.method, row.path, "{}", {});
        require_error(r, 405, "method_not_allowed");
        CHECK(header_list(r.header("Allow")) == row.allow);
        require_security_headers(r);
    }
}

TEST_CASE("api errors: preflight lets any origin read but not write", "[api]") {
    const httplib::Headers preflight = {{"Origin", "https://example.org"},
                                        {"Access-Control-Request-Method", "GET"}};
    for (const std::string& path : std::vector<std::string>{"/api/search", "/api/suggest",
                                                            "/healthz", "/openapi.json", kEntry}) {
        INFO("OPTIONS " << path);
        Reply r = http().send("OPTIONS", path, "", preflight);
        CHECK(r.status == 204);
        CHECK(r.header("Access-Control-Allow-Origin") == "*");
        std::set<std::string> methods = header_list(r.header("Access-Control-Allow-Methods"));
        CHECK(methods.count("GET") == 1);
        for (const char* write : {"POST", "PUT", "PATCH", "DELETE"})
            CHECK(methods.count(write) == 0);
        CHECK(r.header("Access-Control-Allow-Headers").find("Authorization") == std::string::npos);
        CHECK(r.header("Access-Control-Allow-Credentials").empty());
        require_security_headers(r);
    }
    const httplib::Headers write_preflight = {
        {"Origin", "https://example.org"},
        {"Access-Control-Request-Method", "POST"},
        {"Access-Control-Request-Headers", "authorization, content-type"}};
    for (const std::string& path :
         std::vector<std::string>{"/api/entries", "/api/me", "/metrics", kEntry + "/revisions",
                                  kEntry + "/revisions/1", kEntry + "/restore"}) {
        INFO("OPTIONS " << path);
        Reply r = http().send("OPTIONS", path, "", write_preflight);
        CHECK(r.status == 204);
        CHECK(r.header("Access-Control-Allow-Origin").empty());
        CHECK(r.header("Access-Control-Allow-Methods").empty());
        require_security_headers(r);
    }
    // The answers themselves: reads carry the header, writes and editor reads do not.
    CHECK(http().get("/api/search?q=x").header("Access-Control-Allow-Origin") == "*");
    CHECK(http().get("/api/suggest?q=x").header("Access-Control-Allow-Origin") == "*");
    CHECK(http().get(kEntry).header("Access-Control-Allow-Origin") == "*");
    CHECK(http().get("/api/me").header("Access-Control-Allow-Origin").empty());
    CHECK(http()
              .send("POST", "/api/entries", "{}", {})
              .header("Access-Control-Allow-Origin")
              .empty());
    for (const char* method : {"PUT", "PATCH", "DELETE"}) {
        INFO(method << " " << kEntry);
        Reply r = http().send(method, kEntry, "{}", {});
        CHECK(r.status == 401);
        CHECK(r.header("Access-Control-Allow-Origin").empty());
    }
}

TEST_CASE("api errors: every response carries the security headers", "[api]") {
    struct Row {
        std::string method, path;
        int status;
    };
    const std::vector<Row> rows = {
        {"GET", "/api/search?q=ch%C3%A8", 200},
        {"GET", "/api/search?per_page=0", 400},
        {"GET", "/api/suggest?q=pu", 200},
        {"GET", kEntry, 200},
        {"GET", "/api/entries/no-such-entry", 404},
        {"GET", "/api/me", 401},
        {"POST", "/api/entries", 401},
        {"GET", "/healthz", 200},
        {"GET", "/metrics", 200},
        {"GET", "/openapi.json", 200},
        {"GET", "/nope", 404},
        {"DELETE", "/healthz", 405},
        {"OPTIONS", "/api/search", 204},
        {"GET", "/", 302},
        {"GET", "/vi/", 200},
        {"GET", "/index.html", 200},
        {"GET", "/js/main.js", 200},
        {"GET", "/css/app.css", 200},
        {"GET", "/favicon.svg", 200},
        {"GET", "/js/nope.js", 404},
    };
    for (const auto& row : rows) {
        INFO(row.method << " " << row.path);
        Reply r =
            row.method == "GET" ? http().get(row.path) : http().send(row.method, row.path, "", {});
        CHECK(r.status == row.status);
        require_security_headers(r);
    }
}

TEST_CASE("api errors: the web page and its files are served with their types", "[api]") {
    // The shell the page's scripts start from ("/" itself redirects to /vi/).
    Reply page = http().get("/index.html");
    REQUIRE(page.status == 200);
    CHECK(page.header("Content-Type") == "text/html; charset=utf-8");
    CHECK(page.body.find("<html") != std::string::npos);
    CHECK(page.body == read_file(fs::path(LC_SOURCE_DIR) / "web" / "index.html"));
    CHECK(http().get("/js/main.js").header("Content-Type") == "text/javascript; charset=utf-8");
    CHECK(http().get("/css/app.css").header("Content-Type") == "text/css; charset=utf-8");
    CHECK(http().get("/favicon.svg").header("Content-Type") == "image/svg+xml");
}
