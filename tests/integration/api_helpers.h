// Shared pieces of the lc-api integration tests (api_*_test.cpp): a prepared
// data folder with a server over it, editor tokens, the error-body checks and
// polling for what the index follower makes searchable.
#pragma once

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/http_client.h"
#include "support/server_process.h"
#include "support/temp_dir.h"

namespace lc::test::apitest {

using nlohmann::json;
namespace fs = std::filesystem;

inline const std::string kJsonType = "application/json; charset=utf-8";
inline const std::string kMergePatchType = "application/merge-patch+json";

// A data folder imported from content/ (plus `extra_imports`) and indexed,
// with lc-api running over it; both go away with the object.
class ApiServer {
  public:
    explicit ApiServer(const std::vector<std::string>& extra_imports = {})
        : data_(prepared(dir_, extra_imports)), server_(data_), http_(server_.port()) {}

    const fs::path& data() const { return data_; }
    const TempDir& dir() const { return dir_; }
    ServerProcess& server() { return server_; }
    Http& http() { return http_; }

  private:
    static fs::path prepared(const TempDir& dir, const std::vector<std::string>& extra_imports) {
        fs::path data = dir / "data";
        prepare_data(data, extra_imports);
        return data;
    }

    TempDir dir_;
    fs::path data_;
    ServerProcess server_;
    Http http_;
};

// `lc-indexer token create`; returns the token it prints.
inline std::string create_token(const fs::path& data, const std::string& name,
                                const std::string& role) {
    auto r = indexer({"token", "create", "--name", name, "--role", role, "--data", data.string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::string token = r.out;
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
    REQUIRE(!token.empty());
    REQUIRE(token.find('\n') == std::string::npos);
    return token;
}

inline httplib::Headers bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
}

inline httplib::Headers with(httplib::Headers headers, const std::string& name,
                             const std::string& value) {
    headers.emplace(name, value);
    return headers;
}

inline std::string describe(const Reply& r) {
    return std::to_string(r.status) + " " + r.body.substr(0, 2000);
}

// The body of an error reply: {"error": {"code", "message", "parameter"}} with
// this status, code and parameter (nullopt: "parameter" is null).
inline json require_error(const Reply& r, int status, const std::string& code,
                          const std::optional<std::string>& parameter = std::nullopt) {
    INFO(describe(r));
    REQUIRE(r.status == status);
    CHECK(r.header("Content-Type") == kJsonType);
    json body = json::parse(r.body);
    REQUIRE(body.is_object());
    REQUIRE(body.size() == 1);
    REQUIRE(body.contains("error"));
    const json& e = body["error"];
    REQUIRE(e.is_object());
    CHECK(e.value("code", json()) == json(code));
    REQUIRE(e.contains("message"));
    CHECK(e["message"].is_string());
    CHECK(!e["message"].get<std::string>().empty());
    REQUIRE(e.contains("parameter"));
    if (parameter)
        CHECK(e["parameter"] == json(*parameter));
    else
        CHECK(e["parameter"].is_null());
    return body;
}

// A successful JSON reply with this status; its body.
inline json require_json(const Reply& r, int status = 200) {
    INFO(describe(r));
    REQUIRE(r.status == status);
    CHECK(r.header("Content-Type") == kJsonType);
    return json::parse(r.body);
}

// Polls `done` until it holds or `timeout` passes; true when it held.
inline bool eventually(const std::function<bool()>& done,
                       std::chrono::milliseconds timeout = std::chrono::milliseconds(1000)) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        if (done()) return true;
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

// The slugs of a search reply's results.
inline std::set<std::string> slugs_of(const json& search) {
    std::set<std::string> out;
    for (const auto& hit : search.at("results")) out.insert(hit.at("slug").get<std::string>());
    return out;
}

// Whether a search for `query` (all kinds, the first 50 results) lists `slug`.
inline bool search_lists(Http& http, const std::string& query, const std::string& slug) {
    Reply r = http.get("/api/search?per_page=50&q=" + url_encode(query));
    if (r.status != 200) return false;
    return slugs_of(r.json()).count(slug) == 1;
}

// The import shape of an entry reply: without revision, created_at,
// updated_at, updated_by and deleted.
inline json entry_fields(json entry) {
    for (const char* k : {"revision", "created_at", "updated_at", "updated_by", "deleted"})
        entry.erase(k);
    return entry;
}

// A complete, valid entry in the import shape (every field present).
inline json sample_entry(const std::string& slug, const std::string& word) {
    return {
        {"slug", slug},
        {"kind", "destination"},
        {"name", {{"vi", "Điểm thử " + word}, {"en", "Test place " + word}}},
        {"summary", {{"vi", "Tóm tắt về " + word + "."}, {"en", "A summary about " + word + "."}}},
        {"body",
         {{"vi", "Nội dung dài về " + word + " ở Lai Châu."},
          {"en", "A longer text about " + word + "."}}},
        {"aliases", json::array({word + " alias"})},
        {"themes", json::array({"adventure"})},
        {"area", "xã Tả Lèng"},
        {"former_district", "Tam Đường"},
        {"location",
         {{"lat", 22.35},
          {"lon", 103.5},
          {"precision", "approximate"},
          {"source", "integration test"}}},
        {"ocop_stars", nullptr},
        {"certifications", json::array()},
        {"season", json::array({3, 4})},
        {"source", "integration test"},
        {"status", "published"}};
}

}  // namespace lc::test::apitest
