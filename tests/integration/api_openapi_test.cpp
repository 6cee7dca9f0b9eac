// /openapi.json against the server: every documented path and method is
// answered (not 404 or 405), every undocumented method on a documented path is
// 405, and every route in api/routes.cpp's table is documented, so adding a
// route without documenting it fails here.
#include <catch2/catch.hpp>

#include <map>
#include <regex>
#include <set>

#include "api_helpers.h"
#include "catalog/validation.h"

using namespace lc::test;
using namespace lc::test::apitest;

namespace {

const std::vector<std::string> kMethods = {"GET", "POST", "PUT", "PATCH", "DELETE"};
const std::string kSlug = "dinh-pu-ta-leng";

// A documented path with its parameters filled in: an existing entry and its
// first revision, synonym group 1, and a photo id and file of the right shape.
std::string concrete(std::string path) {
    path = std::regex_replace(path, std::regex(R"(\{slug\})"), kSlug);
    path = std::regex_replace(path, std::regex(R"(\{lang\})"), "en");
    path = std::regex_replace(path, std::regex(R"(\{revision\})"), "1");
    // Photo ids are 32 hex digits; synonym group ids are numbers.
    const std::string id = path.find("/photos/") != std::string::npos ? std::string(32, 'a') : "1";
    path = std::regex_replace(path, std::regex(R"(\{id\})"), id);
    path = std::regex_replace(path, std::regex(R"(\{file\})"),
                              "aa/" + std::string(32, 'a') + "-320.webp");
    return path;
}

using MethodsByPath = std::map<std::string, std::set<std::string>>;

MethodsByPath documented(const json& spec) {
    MethodsByPath out;
    for (const auto& [path, item] : spec.at("paths").items())
        for (const auto& [key, op] : item.items()) {
            std::string method = key;
            for (auto& c : method)
                c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            if (std::find(kMethods.begin(), kMethods.end(), method) != kMethods.end() ||
                method == "HEAD" || method == "OPTIONS")
                out[path].insert(method);
        }
    return out;
}

struct RouteRow {
    std::string name, pattern;
    std::set<std::string> methods;
};

// The route table as written in api/routes.cpp: {"name", R"(pattern)", {{"GET", handler}, ...},
// ...}.
std::vector<RouteRow> route_table() {
    std::string source = read_file(fs::path(LC_SOURCE_DIR) / "api" / "routes.cpp");
    auto begin = source.find("static const std::vector<Route> table");
    REQUIRE(begin != std::string::npos);
    auto end = source.find("};", begin);
    REQUIRE(end != std::string::npos);
    std::string table = source.substr(begin, end - begin);
    std::regex row(R"re(\{"(\w+)",\s*R"\((.*?)\)")re");
    std::regex method(R"re(\{"(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)",\s*\w+\})re");
    std::vector<RouteRow> out;
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    for (std::sregex_iterator it(table.begin(), table.end(), row), stop; it != stop; ++it) {
        out.push_back({(*it)[1], (*it)[2], {}});
        spans.push_back({static_cast<std::size_t>(it->position()), 0});
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
        std::size_t from = spans[i].first,
                    to = i + 1 < out.size() ? spans[i + 1].first : table.size();
        std::string text = table.substr(from, to - from);
        for (std::sregex_iterator it(text.begin(), text.end(), method), stop; it != stop; ++it)
            out[i].methods.insert((*it)[1]);
    }
    return out;
}

}  // namespace

TEST_CASE("api openapi: the document is OpenAPI 3 JSON and the built-in copy is current", "[api]") {
    ApiServer api;
    Reply r = api.http().get("/openapi.json");
    json spec = require_json(r);
    REQUIRE(spec.at("openapi").is_string());
    CHECK(std::regex_match(spec["openapi"].get<std::string>(), std::regex(R"(3\.\d+\.\d+)")));
    CHECK(spec.at("info").at("title").is_string());
    CHECK(spec.at("info").at("version").is_string());
    CHECK(r.header("Access-Control-Allow-Origin") == "*");
    CHECK(spec == json::parse(read_file(fs::path(LC_SOURCE_DIR) / "api" / "openapi.json")));

    // Every operation documents its answers and declares its path parameters.
    for (const auto& [path, item] : spec["paths"].items()) {
        std::set<std::string> in_path;
        static const std::regex parameter(R"(\{(\w+)\})");
        for (std::sregex_iterator it(path.begin(), path.end(), parameter), stop; it != stop; ++it)
            in_path.insert((*it)[1]);
        for (const auto& [method, op] : item.items()) {
            if (method == "parameters" || method == "summary" || method == "description") continue;
            INFO(method << " " << path);
            REQUIRE(op.contains("responses"));
            CHECK(!op["responses"].empty());
            std::set<std::string> declared;
            for (const json* params : {item.contains("parameters") ? &item["parameters"] : nullptr,
                                       op.contains("parameters") ? &op["parameters"] : nullptr}) {
                if (!params) continue;
                for (const auto& p : *params) {
                    json resolved = p;
                    if (p.contains("$ref")) {
                        std::string ref = p["$ref"];
                        REQUIRE(ref.rfind("#/", 0) == 0);
                        resolved = spec.at(json::json_pointer(ref.substr(1)));
                    }
                    if (resolved.value("in", "") == "path") {
                        CHECK(resolved.value("required", false));
                        declared.insert(resolved.value("name", ""));
                    }
                }
            }
            CHECK(declared == in_path);
        }
    }
}

TEST_CASE("api openapi: documented routes and the server's routes are the same", "[api]") {
    ApiServer api;
    Http& http = api.http();
    std::string admin = create_token(api.data(), "openapi-admin", "admin");
    json spec = require_json(http.get("/openapi.json"));
    MethodsByPath docs = documented(spec);
    REQUIRE(docs.size() >= 10);

    SECTION("every documented method is answered and no other method is") {
        // Requests that reach their handler but change nothing: an empty body,
        // an If-Match no entry has, an admin token.
        httplib::Headers headers = with(bearer(admin), "If-Match", "\"999999\"");
        for (const auto& [path, methods] : docs) {
            const std::string url = concrete(path);
            for (const auto& method : kMethods) {
                INFO(method << " " << url << " (documented as " << path << ")");
                Reply r = method == "GET" ? http.get(url, headers)
                                          : http.send(method, url, "{}", headers);
                INFO(describe(r));
                if (methods.count(method)) {
                    // A photo file that does not exist is a 404 by right.
                    if (path != "/media/{file}") CHECK(r.status != 404);
                    CHECK(r.status != 405);
                    CHECK(r.status < 500);
                } else {
                    CHECK(r.status == 405);
                    std::set<std::string> allowed = methods;
                    if (allowed.count("GET")) allowed.insert("HEAD");
                    allowed.insert("OPTIONS");
                    std::set<std::string> allow;
                    static const std::regex word("[A-Z]+");
                    std::string header = r.header("Allow");
                    for (auto it = std::sregex_iterator(header.begin(), header.end(), word);
                         it != std::sregex_iterator(); ++it)
                        allow.insert(it->str());
                    CHECK(allow == allowed);
                }
            }
        }
        // Nothing was changed by all that.
        json entry = require_json(http.get("/api/entries/" + kSlug));
        CHECK(entry["revision"] == 1);
        CHECK(require_json(
                  http.get("/api/entries/" + kSlug + "/revisions", bearer(admin)))["revisions"]
                  .size() == 1);
    }

    SECTION("every route in api/routes.cpp is documented with the same methods") {
        std::vector<RouteRow> routes = route_table();
        REQUIRE(routes.size() >= 10);
        std::set<std::string> matched_docs;
        for (const auto& route : routes) {
            INFO("route " << route.name << " " << route.pattern);
            REQUIRE(!route.methods.empty());
            std::regex pattern(route.pattern);
            std::vector<std::string> docs_matching;
            for (const auto& [path, methods] : docs)
                if (std::regex_match(concrete(path), pattern)) docs_matching.push_back(path);
            REQUIRE(docs_matching.size() == 1);
            matched_docs.insert(docs_matching[0]);
            CHECK(docs.at(docs_matching[0]) == route.methods);
            // And the server really answers the route's methods.
            for (const auto& method : route.methods) {
                Reply r = method == "GET"
                              ? http.get(concrete(docs_matching[0]), bearer(admin))
                              : http.send(method, concrete(docs_matching[0]), "{}",
                                          with(bearer(admin), "If-Match", "\"999999\""));
                INFO(method << " " << describe(r));
                CHECK(r.status != 405);
            }
        }
        CHECK(matched_docs.size() == docs.size());
        CHECK(routes.size() == docs.size());
    }
}

TEST_CASE("api openapi: every field error code is documented and translated by the page", "[api]") {
    json spec = json::parse(read_file(fs::path(LC_SOURCE_DIR) / "api" / "openapi.json"));
    std::vector<std::string> engine;
    for (auto code : lc::all_field_codes()) engine.emplace_back(lc::to_string(code));
    const json& documented =
        spec.at("components").at("schemas").at("FieldError").at("properties").at("code");
    CHECK(documented.at("enum").get<std::vector<std::string>>() == engine);

    // The page's words (web/js/strings.json): a message per code in each language.
    const json words =
        json::parse(read_file(fs::path(LC_SOURCE_DIR) / "web" / "js" / "strings.json"));
    for (const auto& code : engine) {
        INFO(code);
        CHECK(words.at("ui").at("vi").contains("fieldError." + code));
        CHECK(words.at("ui").at("en").contains("fieldError." + code));
    }
}
