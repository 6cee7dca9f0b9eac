// lc-api's write API over real HTTP (issue 5): tokens made with lc-indexer,
// create / replace / patch / delete / restore, revisions, If-Match, drafts,
// authentication and its limits, and every refusal with its exact status.
// Each test case has its own data folder and server.
#include <catch2/catch.hpp>

#include <array>
#include <latch>
#include <regex>
#include <thread>

#include "api_helpers.h"

using namespace lc::test;
using namespace lc::test::apitest;

namespace {

const std::string kSlug = "apitest-diem-moi";

std::string entry_path(const std::string& slug = kSlug) {
    return "/api/entries/" + slug;
}

// Sends `body` as JSON (or with `type`).
Reply send(Http& http, const std::string& method, const std::string& path, const json& body,
           const httplib::Headers& headers, const std::string& type = "application/json") {
    return http.send(method, path, body.dump(), headers, type);
}

// POSTs a sample entry and returns the stored reply's body.
json create(Http& http, const std::string& token, const json& entry) {
    Reply r = send(http, "POST", "/api/entries", entry, bearer(token));
    json body = require_json(r, 201);
    REQUIRE(r.header("Location") == entry_path(entry["slug"]));
    return body;
}

json get_entry(Http& http, const std::string& slug, const std::string& token = "") {
    return require_json(
        http.get(entry_path(slug), token.empty() ? httplib::Headers{} : bearer(token)));
}

std::vector<std::string> field_paths(const json& error_body) {
    std::vector<std::string> out;
    for (const auto& f : error_body["error"]["fields"]) {
        CHECK(!f["message"].get<std::string>().empty());
        out.push_back(f["path"]);
    }
    std::sort(out.begin(), out.end());
    return out;
}

// Each field error's path and code, as "path: code".
std::set<std::string> field_codes(const json& error_body) {
    std::set<std::string> out;
    for (const auto& f : error_body["error"]["fields"])
        out.insert(f["path"].get<std::string>() + ": " + f["code"].get<std::string>());
    return out;
}

// The field error at `path` (null when there is none).
json field_at(const json& error_body, const std::string& path) {
    for (const auto& f : error_body["error"]["fields"])
        if (f["path"] == path) return f;
    return nullptr;
}

}  // namespace

TEST_CASE("api write: an editor creates an entry that is searchable within a second",
          "[api][write]") {
    ApiServer api;
    Http& http = api.http();
    std::string token = create_token(api.data(), "bien-tap-vien", "editor");
    CHECK(require_json(http.get("/api/me", bearer(token))) ==
          json({{"name", "bien-tap-vien"}, {"role", "editor"}}));

    json entry = sample_entry(kSlug, "zumbrelka");
    Reply r = send(http, "POST", "/api/entries", entry, bearer(token));
    json created = require_json(r, 201);
    CHECK(r.header("Location") == entry_path());
    CHECK(r.header("ETag") == "\"1\"");
    CHECK(r.header("Access-Control-Allow-Origin").empty());
    CHECK(created["revision"] == 1);
    CHECK(created["updated_by"] == "bien-tap-vien");
    CHECK(created["deleted"] == false);
    CHECK(entry_fields(created) == entry);

    auto start = std::chrono::steady_clock::now();
    CHECK(eventually([&] { return search_lists(http, "zumbrelka", kSlug); }));
    auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    INFO("searchable after " << took.count() << " ms");
    CHECK(took.count() <= 1000);

    Reply got = http.get(entry_path());
    CHECK(got.header("ETag") == "\"1\"");
    CHECK(entry_fields(require_json(got)) == entry);
    json suggestions =
        require_json(http.get("/api/suggest?q=" + url_encode("Điểm thử zumb")))["suggestions"];
    CHECK(std::count_if(suggestions.begin(), suggestions.end(),
                        [](const json& s) { return s["slug"] == kSlug; }) == 1);

    // An admin token writes too.
    std::string admin = create_token(api.data(), "quan-tri", "admin");
    json second = create(http, admin, sample_entry("apitest-diem-hai", "kvistrand"));
    CHECK(second["updated_by"] == "quan-tri");
}

TEST_CASE("api write: PUT replaces the whole entry", "[api][write]") {
    ApiServer api;
    Http& http = api.http();
    std::string token = create_token(api.data(), "editor-a", "editor");
    create(http, token, sample_entry(kSlug, "zumbrelka"));

    json replacement = sample_entry(kSlug, "plovdivka");
    replacement["aliases"] = json::array();
    replacement["location"] = nullptr;
    Reply r = send(http, "PUT", entry_path(), replacement, bearer(token));
    json stored = require_json(r);
    CHECK(r.header("ETag") == "\"2\"");
    CHECK(r.header("Access-Control-Allow-Origin").empty());
    CHECK(stored["revision"] == 2);
    CHECK(entry_fields(stored) == replacement);
    CHECK(entry_fields(get_entry(http, kSlug)) == replacement);
    CHECK(eventually([&] {
        return search_lists(http, "plovdivka", kSlug) && !search_lists(http, "zumbrelka", kSlug);
    }));

    SECTION("the slug may be left out but not changed") {
        json without_slug = replacement;
        without_slug.erase("slug");
        without_slug["area"] = "xã Sìn Hồ";
        CHECK(require_json(send(http, "PUT", entry_path(), without_slug, bearer(token)))["area"] ==
              "xã Sìn Hồ");
        json other = replacement;
        other["slug"] = "apitest-khac";
        json e = require_error(send(http, "PUT", entry_path(), other, bearer(token)), 400,
                               "invalid_entry");
        CHECK(field_paths(e) == std::vector<std::string>{"slug"});
        CHECK(field_codes(e) == std::set<std::string>{"slug: not_allowed"});
    }
    SECTION("a partial body is not a patch") {
        json partial = {{"kind", "destination"}, {"summary", {{"vi", "Chỉ tóm tắt"}}}};
        json e = require_error(send(http, "PUT", entry_path(), partial, bearer(token)), 400,
                               "invalid_entry");
        CHECK(field_paths(e) == std::vector<std::string>{"name.vi"});
        CHECK(field_codes(e) == std::set<std::string>{"name.vi: required"});
        CHECK(get_entry(http, kSlug)["revision"] == 2);
    }
    SECTION("an unknown slug is 404") {
        require_error(send(http, "PUT", entry_path("apitest-khong-co"),
                           sample_entry("apitest-khong-co", "x"), bearer(token)),
                      404, "not_found");
    }
}

TEST_CASE("api write: PATCH changes only the fields it names", "[api][write]") {
    ApiServer api;
    Http& http = api.http();
    std::string token = create_token(api.data(), "editor-a", "editor");
    json original = sample_entry(kSlug, "zumbrelka");
    create(http, token, original);

    json expected = original;
    Reply r = send(http, "PATCH", entry_path(), {{"summary", {{"en", "A patched summary."}}}},
                   bearer(token), kMergePatchType);
    expected["summary"]["en"] = "A patched summary.";
    CHECK(entry_fields(require_json(r)) == expected);
    CHECK(r.header("ETag") == "\"2\"");

    r = send(http, "PATCH", entry_path(), {{"season", {5, 6}}, {"aliases", nullptr}}, bearer(token),
             "application/json");
    expected["season"] = {5, 6};
    expected["aliases"] = json::array();
    CHECK(entry_fields(require_json(r)) == expected);
    CHECK(r.header("ETag") == "\"3\"");
    CHECK(entry_fields(get_entry(http, kSlug)) == expected);

    require_error(http.send("PATCH", entry_path(), R"({"area": "x"})", bearer(token), "text/plain"),
                  415, "unsupported_media_type", "Content-Type");
    json e =
        require_error(send(http, "PATCH", entry_path(), {{"kind", "volcano"}, {"season", {13}}},
                           bearer(token), kMergePatchType),
                      400, "invalid_entry");
    CHECK(field_paths(e) == std::vector<std::string>{"kind", "season[0]"});
    CHECK(field_codes(e) ==
          std::set<std::string>{"kind: unknown_value", "season[0]: out_of_range"});
    CHECK(field_at(e, "season[0]")["min"] == 1);
    CHECK(field_at(e, "season[0]")["max"] == 12);
    e = require_error(send(http, "PATCH", entry_path(), {{"slug", "apitest-doi-ten"}},
                           bearer(token), kMergePatchType),
                      400, "invalid_entry");
    CHECK(field_paths(e) == std::vector<std::string>{"slug"});
    CHECK(field_codes(e) == std::set<std::string>{"slug: not_allowed"});
    require_error(
        send(http, "PATCH", entry_path(), json::array({1}), bearer(token), kMergePatchType), 400,
        "invalid_entry");
    require_error(send(http, "PATCH", entry_path("apitest-khong-co"), {{"area", "x"}},
                       bearer(token), kMergePatchType),
                  404, "not_found");
    json now = get_entry(http, kSlug);
    CHECK(now["revision"] == 3);
    CHECK(entry_fields(now) == expected);
}

TEST_CASE("api write: DELETE hides an entry and restore brings it back", "[api][write]") {
    ApiServer api;
    Http& http = api.http();
    std::string token = create_token(api.data(), "editor-a", "editor");
    json original = sample_entry(kSlug, "zumbrelka");
    create(http, token, original);
    REQUIRE(eventually([&] { return search_lists(http, "zumbrelka", kSlug); }));

    Reply r = http.send("DELETE", entry_path(), "", bearer(token));
    json deleted = require_json(r);
    CHECK(deleted["deleted"] == true);
    CHECK(deleted["revision"] == 2);
    CHECK(r.header("ETag") == "\"2\"");

    require_error(http.get(entry_path()), 404, "not_found");
    json seen = get_entry(http, kSlug, token);
    CHECK(seen["deleted"] == true);
    CHECK(entry_fields(seen) == original);
    CHECK(eventually([&] { return !search_lists(http, "zumbrelka", kSlug); }));

    require_error(http.send("DELETE", entry_path(), "", bearer(token)), 404, "not_found");
    require_error(send(http, "PUT", entry_path(), original, bearer(token)), 404, "not_found");
    require_error(
        send(http, "PATCH", entry_path(), {{"area", "x"}}, bearer(token), kMergePatchType), 404,
        "not_found");
    require_error(send(http, "POST", "/api/entries", original, bearer(token)), 409, "conflict");

    r = send(http, "POST", entry_path() + "/restore", json::object(), bearer(token));
    json restored = require_json(r);
    CHECK(restored["deleted"] == false);
    CHECK(restored["revision"] == 3);
    CHECK(entry_fields(restored) == original);
    CHECK(entry_fields(get_entry(http, kSlug)) == original);
    CHECK(eventually([&] { return search_lists(http, "zumbrelka", kSlug); }));

    // A restore with no body at all restores the latest live version as well.
    require_json(http.send("DELETE", entry_path(), "", bearer(token)));
    CHECK(require_json(
              http.send("POST", entry_path() + "/restore", "", bearer(token)))["revision"] == 5);
    require_error(http.send("DELETE", entry_path("apitest-khong-co"), "", bearer(token)), 404,
                  "not_found");
}

TEST_CASE("api write: revisions list who changed what and restore brings one back",
          "[api][write]") {
    ApiServer api;
    Http& http = api.http();
    std::string a = create_token(api.data(), "editor-a", "editor");
    std::string b = create_token(api.data(), "editor-b", "editor");
    std::string admin = create_token(api.data(), "admin-c", "admin");
    json v1 = sample_entry(kSlug, "zumbrelka");
    create(http, a, v1);
    require_json(send(http, "PATCH", entry_path(), {{"summary", {{"vi", "Tóm tắt mới."}}}},
                      bearer(b), kMergePatchType));
    json v3 = sample_entry(kSlug, "plovdivka");
    v3["themes"] = {"culture"};
    require_json(send(http, "PUT", entry_path(), v3, bearer(admin)));
    require_json(http.send("DELETE", entry_path(), "", bearer(b)));

    json list = require_json(http.get(entry_path() + "/revisions", bearer(a)))["revisions"];
    REQUIRE(list.size() == 4);
    const std::array<const char*, 4> authors = {"editor-a", "editor-b", "admin-c", "editor-b"};
    const std::array<const char*, 4> actions = {"create", "update", "update", "delete"};
    for (std::size_t i = 0; i < 4; ++i) {
        INFO("revision " << i + 1);
        CHECK(list[i]["revision"] == i + 1);
        CHECK(list[i]["author"] == authors[i]);
        CHECK(list[i]["action"] == actions[i]);
        CHECK(std::regex_match(list[i]["created_at"].get<std::string>(),
                               std::regex(R"(\d{4}-\d\d-\d\dT.*)")));
    }
    CHECK(list[0]["changed_fields"].size() == 15);
    CHECK(list[1]["changed_fields"] == json({"summary"}));
    CHECK(list[2]["changed_fields"] == json({"aliases", "body", "name", "summary", "themes"}));
    CHECK(list[3]["deleted"] == true);
    CHECK(list[2]["deleted"] == false);

    json r1 = require_json(http.get(entry_path() + "/revisions/1", bearer(a)));
    CHECK(r1["revision"] == 1);
    CHECK(entry_fields(r1) == v1);
    json r3 = require_json(http.get(entry_path() + "/revisions/3", bearer(a)));
    CHECK(entry_fields(r3) == v3);
    require_error(http.get(entry_path() + "/revisions/99", bearer(a)), 404, "not_found");
    require_error(http.get(entry_path("apitest-khong-co") + "/revisions", bearer(a)), 404,
                  "not_found");

    // Restoring revision 1 revives the deleted entry as revision 5.
    Reply r = send(http, "POST", entry_path() + "/restore", {{"revision", 1}}, bearer(a));
    json restored = require_json(r);
    CHECK(r.header("ETag") == "\"5\"");
    CHECK(restored["revision"] == 5);
    CHECK(restored["deleted"] == false);
    CHECK(entry_fields(restored) == v1);
    CHECK(entry_fields(get_entry(http, kSlug)) == v1);
    json after = require_json(http.get(entry_path() + "/revisions", bearer(a)))["revisions"];
    REQUIRE(after.size() == 5);
    CHECK(after[4]["action"] == "restore");
    CHECK(after[4]["author"] == "editor-a");
    CHECK(eventually([&] { return search_lists(http, "zumbrelka", kSlug); }));

    require_error(send(http, "POST", entry_path() + "/restore", {{"revision", 99}}, bearer(a)), 404,
                  "not_found");
    require_error(send(http, "POST", entry_path() + "/restore", {{"revision", "x"}}, bearer(a)),
                  400, "invalid_parameter", "revision");
    require_error(send(http, "POST", entry_path() + "/restore", {{"revision", 0}}, bearer(a)), 400,
                  "invalid_parameter", "revision");
    require_error(send(http, "POST", entry_path() + "/restore", {{"revision", 2}},
                       with(bearer(a), "If-Match", "\"3\"")),
                  412, "revision_conflict", "If-Match");
    CHECK(get_entry(http, kSlug)["revision"] == 5);
}

TEST_CASE("api write: If-Match with a stale revision is 412 and changes nothing", "[api][write]") {
    ApiServer api;
    Http& http = api.http();
    std::string token = create_token(api.data(), "editor-a", "editor");
    json v1 = sample_entry(kSlug, "zumbrelka");
    create(http, token, v1);
    json v2 = v1;
    v2["area"] = "xã Phong Thổ";
    require_json(send(http, "PUT", entry_path(), v2, with(bearer(token), "If-Match", "\"1\"")));

    auto stale = with(bearer(token), "If-Match", "\"1\"");
    json changed = sample_entry(kSlug, "plovdivka");
    std::vector<Reply> refused;
    refused.push_back(send(http, "PUT", entry_path(), changed, stale));
    refused.push_back(
        send(http, "PATCH", entry_path(), {{"area", "xã Sìn Hồ"}}, stale, kMergePatchType));
    refused.push_back(http.send("DELETE", entry_path(), "", stale));
    refused.push_back(send(http, "POST", entry_path() + "/restore", {{"revision", 1}}, stale));
    for (const Reply& reply : refused) {
        json e = require_error(reply, 412, "revision_conflict", "If-Match");
        CHECK(e["error"]["current_revision"] == 2);
        CHECK(reply.header("ETag") == "\"2\"");
    }
    json now = get_entry(http, kSlug);
    CHECK(now["revision"] == 2);
    CHECK(entry_fields(now) == v2);
    CHECK(require_json(http.get(entry_path() + "/revisions", bearer(token)))["revisions"].size() ==
          2);

    // The current ETag (bare or quoted) and "*" match; garbage is a bad parameter.
    CHECK(require_json(send(http, "PATCH", entry_path(), {{"area", "xã Sìn Hồ"}},
                            with(bearer(token), "If-Match", "\"2\""),
                            kMergePatchType))["revision"] == 3);
    CHECK(require_json(send(http, "PATCH", entry_path(), {{"area", "xã Tân Uyên"}},
                            with(bearer(token), "If-Match", "3"), kMergePatchType))["revision"] ==
          4);
    CHECK(require_json(send(http, "PATCH", entry_path(), {{"area", "xã Than Uyên"}},
                            with(bearer(token), "If-Match", "*"), kMergePatchType))["revision"] ==
          5);
    require_error(send(http, "PATCH", entry_path(), {{"area", "x"}},
                       with(bearer(token), "If-Match", "W/\"5\""), kMergePatchType),
                  400, "invalid_parameter", "If-Match");
    // Without If-Match a write applies to the latest revision.
    CHECK(require_json(send(http, "PUT", entry_path(), v1, bearer(token)))["revision"] == 6);
    CHECK(entry_fields(get_entry(http, kSlug)) == v1);
}

TEST_CASE("api write: two editors with the same If-Match make exactly one 200 and one 412",
          "[api][write]") {
    ApiServer api;
    Http& http = api.http();
    std::string a = create_token(api.data(), "editor-a", "editor");
    std::string b = create_token(api.data(), "editor-b", "editor");
    create(http, a, sample_entry(kSlug, "zumbrelka"));

    for (int round = 0; round < 5; ++round) {
        INFO("round " << round);
        Reply current = http.get(entry_path());
        const std::string etag = current.header("ETag");
        const long long revision = current.json()["revision"];
        REQUIRE(etag == "\"" + std::to_string(revision) + "\"");
        const std::array<json, 2> bodies = {sample_entry(kSlug, "alpha" + std::to_string(round)),
                                            sample_entry(kSlug, "beta" + std::to_string(round))};
        const std::array<std::string, 2> tokens = {a, b};
        std::array<Reply, 2> replies;
        std::latch start(2);
        std::vector<std::thread> threads;
        for (std::size_t i = 0; i < 2; ++i)
            threads.emplace_back([&, i] {
                Http own(api.server().port());
                start.arrive_and_wait();
                replies[i] = own.send("PUT", entry_path(), bodies[i].dump(),
                                      with(bearer(tokens[i]), "If-Match", etag));
            });
        for (auto& t : threads) t.join();
        INFO(describe(replies[0]) << "\n" << describe(replies[1]));
        REQUIRE(((replies[0].status == 200 && replies[1].status == 412) ||
                 (replies[0].status == 412 && replies[1].status == 200)));
        std::size_t winner = replies[0].status == 200 ? 0 : 1;
        json conflict = require_error(replies[1 - winner], 412, "revision_conflict", "If-Match");
        CHECK(conflict["error"]["current_revision"] == revision + 1);
        json stored = get_entry(http, kSlug, a);  // updated_by is for editors only
        CHECK(stored["revision"] == revision + 1);
        CHECK(entry_fields(stored) == bodies[winner]);
        CHECK(stored["updated_by"] == (winner == 0 ? "editor-a" : "editor-b"));
    }
}

TEST_CASE("api write: missing unknown and revoked tokens are 401", "[api][write]") {
    ApiServer api;
    Http& http = api.http();
    std::string token = create_token(api.data(), "tam-thoi", "editor");
    json entry = sample_entry(kSlug, "zumbrelka");

    // No Authorization header: every write and editor read is 401.
    const std::string rev = entry_path("dinh-pu-ta-leng");
    require_error(send(http, "POST", "/api/entries", entry, {}), 401, "unauthorized");
    require_error(send(http, "PUT", rev, entry, {}), 401, "unauthorized");
    require_error(send(http, "PATCH", rev, {{"area", "x"}}, {}, kMergePatchType), 401,
                  "unauthorized");
    require_error(http.send("DELETE", rev, "", {}), 401, "unauthorized");
    require_error(http.get(rev + "/revisions"), 401, "unauthorized");
    require_error(http.get(rev + "/revisions/1"), 401, "unauthorized");
    require_error(send(http, "POST", rev + "/restore", {{"revision", 1}}, {}), 401, "unauthorized");
    require_error(http.send("DELETE", rev + "/revisions?before=2", "", {}), 401, "unauthorized");
    require_error(http.get("/api/me"), 401, "unauthorized");
    require_error(http.get("/api/entries"), 401, "unauthorized");

    // Each of these counts as a failed attempt; the limiter allows four.
    require_error(send(http, "POST", "/api/entries", entry, bearer("lc_not_a_real_token")), 401,
                  "unauthorized");
    require_error(
        send(http, "POST", "/api/entries", entry, {{"Authorization", "Basic dXNlcjpwYXNz"}}), 401,
        "unauthorized");

    json created = create(http, token, entry);
    CHECK(created["updated_by"] == "tam-thoi");
    auto revoked = indexer({"token", "revoke", "tam-thoi", "--data", api.data().string()});
    INFO(revoked.err);
    REQUIRE(revoked.exit_code == 0);
    require_error(
        send(http, "PATCH", entry_path(), {{"area", "x"}}, bearer(token), kMergePatchType), 401,
        "unauthorized");
    CHECK(get_entry(http, kSlug)["revision"] == 1);
    CHECK(http.get("/api/search?q=x").status == 200);
}

TEST_CASE("api write: after five failed sign-ins a client's failures get 429 with Retry-After",
          "[api][write]") {
    ApiServer api;
    Http& http = api.http();
    std::string token = create_token(api.data(), "editor-a", "editor");
    json entry = sample_entry(kSlug, "zumbrelka");
    for (int i = 0; i < 5; ++i) {
        INFO("attempt " << i + 1);
        require_error(
            send(http, "POST", "/api/entries", entry, bearer("wrong-" + std::to_string(i))), 401,
            "unauthorized");
    }
    Reply r = send(http, "POST", "/api/entries", entry, bearer("wrong-again"));
    require_error(r, 429, "too_many_attempts");
    REQUIRE(std::regex_match(r.header("Retry-After"), std::regex("[1-9][0-9]*")));
    CHECK(std::stoi(r.header("Retry-After")) <= 60);
    // Only failures are refused: the right token from the same client works
    // (issue 14: strangers behind one proxy could lock every editor out).
    CHECK(http.get("/api/entries/dinh-pu-ta-leng", bearer(token)).status == 200);
    CHECK(http.get("/api/entries/dinh-pu-ta-leng").status == 200);
    CHECK(http.get("/api/search?q=x").status == 200);
    require_error(http.get(entry_path()), 404, "not_found");
}

TEST_CASE("api write: only an admin purges old revisions", "[api][write]") {
    ApiServer api;
    Http& http = api.http();
    std::string editor = create_token(api.data(), "editor-a", "editor");
    std::string admin = create_token(api.data(), "admin-b", "admin");
    create(http, editor, sample_entry(kSlug, "zumbrelka"));
    for (const char* area : {"xã Phong Thổ", "xã Sìn Hồ", "xã Tân Uyên"})
        require_json(
            send(http, "PATCH", entry_path(), {{"area", area}}, bearer(editor), kMergePatchType));

    require_error(http.send("DELETE", entry_path() + "/revisions?before=3", "", bearer(editor)),
                  403, "forbidden");
    CHECK(require_json(http.get(entry_path() + "/revisions", bearer(editor)))["revisions"].size() ==
          4);
    require_error(http.send("DELETE", entry_path() + "/revisions", "", bearer(admin)), 400,
                  "invalid_parameter", "before");
    require_error(http.send("DELETE", entry_path() + "/revisions?before=x", "", bearer(admin)), 400,
                  "invalid_parameter", "before");
    json purged =
        require_json(http.send("DELETE", entry_path() + "/revisions?before=3", "", bearer(admin)));
    CHECK(purged == json({{"slug", kSlug}, {"purged", 2}}));
    json left = require_json(http.get(entry_path() + "/revisions", bearer(editor)))["revisions"];
    REQUIRE(left.size() == 2);
    CHECK(left[0]["revision"] == 3);
    CHECK(left[1]["revision"] == 4);
    require_error(http.get(entry_path() + "/revisions/1", bearer(editor)), 404, "not_found");
    // The latest revision is never purged.
    CHECK(require_json(http.send("DELETE", entry_path() + "/revisions?before=100", "",
                                 bearer(admin)))["purged"] == 1);
    CHECK(get_entry(http, kSlug)["revision"] == 4);
    require_error(http.send("DELETE", entry_path("apitest-khong-co") + "/revisions?before=2", "",
                            bearer(admin)),
                  404, "not_found");
}

TEST_CASE("api write: an invalid entry is 400 naming every bad field", "[api][write]") {
    ApiServer api;
    Http& http = api.http();
    std::string token = create_token(api.data(), "editor-a", "editor");

    json bad = sample_entry("Bad Slug!", "zumbrelka");
    bad["kind"] = "volcano";
    bad["location"] = {{"lat", 10.0}, {"lon", 103.5}};
    bad["ocop_stars"] = 9;
    bad["season"] = {13, 4};
    json e =
        require_error(send(http, "POST", "/api/entries", bad, bearer(token)), 400, "invalid_entry");
    CHECK(field_paths(e) == std::vector<std::string>{"kind", "location", "location.precision",
                                                     "location.source", "ocop_stars", "season[0]",
                                                     "slug"});
    CHECK(field_codes(e) ==
          std::set<std::string>{"kind: unknown_value", "location: out_of_range",
                                "location.precision: required", "location.source: required",
                                "ocop_stars: out_of_range", "season[0]: out_of_range",
                                "slug: invalid_format"});
    CHECK(field_at(e, "ocop_stars")["min"] == 3);
    CHECK(field_at(e, "ocop_stars")["max"] == 5);
    CHECK_FALSE(field_at(e, "slug").contains("max"));

    json stars = sample_entry(kSlug, "zumbrelka");
    stars["ocop_stars"] = 4;
    stars["colour"] = "red";
    stars["name"]["vi"] = "";
    e = require_error(send(http, "POST", "/api/entries", stars, bearer(token)), 400,
                      "invalid_entry");
    CHECK(field_paths(e) == std::vector<std::string>{"colour", "name.vi", "ocop_stars"});
    CHECK(field_codes(e) == std::set<std::string>{"colour: unknown_field", "name.vi: required",
                                                  "ocop_stars: not_allowed"});
    require_error(http.get(entry_path()), 404, "not_found");

    require_error(send(http, "POST", "/api/entries", json::array(), bearer(token)), 400,
                  "invalid_entry");
    require_error(http.send("POST", "/api/entries", "{\"slug\": ", bearer(token)), 400,
                  "invalid_json");
    require_error(http.send("POST", "/api/entries", "", bearer(token)), 400, "invalid_json");
    require_error(http.send("POST", "/api/entries", std::string(40, '[') + std::string(40, ']'),
                            bearer(token)),
                  400, "invalid_json");
    require_error(
        send(http, "POST", "/api/entries", sample_entry("dinh-pu-ta-leng", "x"), bearer(token)),
        409, "conflict");
    require_error(
        send(http, "POST", "/api/entries", sample_entry(kSlug, "x"), bearer(token), "text/plain"),
        415, "unsupported_media_type", "Content-Type");
    require_error(send(http, "POST", "/api/entries", sample_entry(kSlug, "x"), bearer(token),
                       kMergePatchType),
                  415, "unsupported_media_type", "Content-Type");
    require_error(
        send(http, "PUT", entry_path("dinh-pu-ta-leng"), sample_entry("dinh-pu-ta-leng", "x"),
             bearer(token), "application/x-www-form-urlencoded"),
        415, "unsupported_media_type", "Content-Type");
    // A charset parameter is fine.
    CHECK(send(http, "POST", "/api/entries", sample_entry(kSlug, "x"), bearer(token),
               "application/json; charset=utf-8")
              .status == 201);
}

TEST_CASE("api write: a body over 1 MB is 413", "[api][write]") {
    ApiServer api;
    Http& http = api.http();
    std::string token = create_token(api.data(), "editor-a", "editor");
    json huge = sample_entry(kSlug, "zumbrelka");
    huge["body"]["vi"] = std::string(2'100'000, 'a');
    std::string body = huge.dump();
    REQUIRE(body.size() >= 2'000'000);
    body.resize(2'000'000);  // Content-Length: 2000000; over the limit before it is even parsed
    Reply r = http.send("POST", "/api/entries", body, bearer(token));
    require_error(r, 413, "payload_too_large");
    CHECK(!r.header("Content-Security-Policy").empty());
    require_error(http.get(entry_path()), 404, "not_found");
    // A body under the limit is read (and refused for what it says, not for its size).
    json big = sample_entry(kSlug, "zumbrelka");
    big["body"]["vi"] = std::string(200 * 1024, 'a');
    json e =
        require_error(send(http, "POST", "/api/entries", big, bearer(token)), 400, "invalid_entry");
    CHECK(field_paths(e) == std::vector<std::string>{"body.vi"});
    CHECK(field_codes(e) == std::set<std::string>{"body.vi: too_large"});
    CHECK(field_at(e, "body.vi")["max"] == 100 * 1024);
    CHECK(field_at(e, "body.vi")["max"].is_number_integer());
}

TEST_CASE("api write: drafts stay out of public search and reads", "[api][write]") {
    ApiServer api;
    Http& http = api.http();
    std::string token = create_token(api.data(), "editor-a", "editor");
    json draft = sample_entry(kSlug, "qorvaxin");
    draft["status"] = "draft";
    create(http, token, draft);
    // Changes reach the index in order: once a later entry is searchable the
    // draft has been through the index too.
    create(http, token, sample_entry("apitest-moc", "lindqvast"));
    REQUIRE(eventually([&] { return search_lists(http, "lindqvast", "apitest-moc"); }));

    CHECK(!search_lists(http, "qorvaxin", kSlug));
    CHECK(slugs_of(require_json(http.get("/api/search?per_page=50"))).count(kSlug) == 0);
    json suggestions =
        require_json(http.get("/api/suggest?q=" + url_encode("Điểm thử qorv")))["suggestions"];
    for (const auto& s : suggestions) CHECK(s["slug"] != kSlug);
    require_error(http.get(entry_path()), 404, "not_found");
    json seen = get_entry(http, kSlug, token);
    CHECK(seen["status"] == "draft");
    CHECK(entry_fields(seen) == draft);
    json listed = require_json(http.get("/api/entries?status=draft", bearer(token)));
    CHECK(listed["total"] == 1);
    CHECK(listed["entries"][0]["slug"] == kSlug);

    // Publishing it makes it public.
    require_json(send(http, "PATCH", entry_path(), {{"status", "published"}}, bearer(token),
                      kMergePatchType));
    CHECK(eventually([&] { return search_lists(http, "qorvaxin", kSlug); }));
    CHECK(require_json(http.get(entry_path()))["status"] == "published");
    // And back to draft hides it again.
    require_json(
        send(http, "PATCH", entry_path(), {{"status", "draft"}}, bearer(token), kMergePatchType));
    CHECK(eventually([&] { return !search_lists(http, "qorvaxin", kSlug); }));
    require_error(http.get(entry_path()), 404, "not_found");
}
