// Synonym groups editors manage through lc-api: the statuses (201, 200, 400
// naming the field, 401, 404, 412), revisions that can be restored, a new
// group applied to search within a second; and lc-indexer export → import.
#include "api_helpers.h"
#include "catalog/store.h"

using namespace lc::test;
using namespace lc::test::apitest;

namespace {

std::string etag(std::int64_t revision) {
    return "\"" + std::to_string(revision) + "\"";
}

const json* group_with(const json& set, const std::string& term) {
    for (const auto& g : set.at("groups"))
        for (const auto& t : g.at("terms"))
            if (t == term) return &g;
    return nullptr;
}

}  // namespace

TEST_CASE("api synonyms: statuses, If-Match and revisions", "[api][synonyms]") {
    ApiServer api;
    Http& http = api.http();
    const std::string token = create_token(api.data(), "syn-editor", "editor");
    const auto auth = bearer(token);

    require_error(http.get("/api/synonyms"), 401, "unauthorized");
    Reply first = http.get("/api/synonyms", auth);
    json set = require_json(first);
    const std::int64_t rev = set["revision"];
    CHECK(first.header("ETag") == etag(rev));
    REQUIRE(group_with(set, "chè"));  // content/synonyms.yaml's groups, each with an id
    CHECK((*group_with(set, "chè"))["id"].is_number_integer());

    const std::string group =
        R"({"terms": ["gùi", "basket", "back basket"], "note": "Hmong carry"})";
    require_error(http.send("POST", "/api/synonyms", group), 401, "unauthorized");

    SECTION("invalid groups are 400 with every field named") {
        json e = require_error(http.send("POST", "/api/synonyms", R"({"terms": ["one"]})", auth),
                               400, "invalid_synonym_group");
        REQUIRE(e["error"]["fields"].size() == 1);
        CHECK(e["error"]["fields"][0]["path"] == "terms");
        CHECK(e["error"]["fields"][0]["code"] == "required");
        e = require_error(
            http.send("POST", "/api/synonyms",
                      R"({"terms": ["tea", 5, "", "TEA"], "note": 1, "colour": "red"})", auth),
            400, "invalid_synonym_group");
        std::set<std::pair<std::string, std::string>> fields;
        for (const auto& f : e["error"]["fields"])
            fields.insert({f["path"].get<std::string>(), f["code"].get<std::string>()});
        CHECK(fields == std::set<std::pair<std::string, std::string>>{{"terms[1]", "wrong_type"},
                                                                      {"terms[2]", "required"},
                                                                      {"terms[3]", "duplicate"},
                                                                      {"note", "wrong_type"},
                                                                      {"colour", "unknown_field"}});
        CHECK(require_json(http.get("/api/synonyms", auth))["revision"] == rev);  // nothing changed
    }

    SECTION("create, change, remove and restore, each a revision; stale is 412, unknown 404") {
        Reply created =
            http.send("POST", "/api/synonyms", group, with(auth, "If-Match", etag(rev)));
        json after = require_json(created, 201);
        const std::int64_t id = after["id"];
        CHECK(created.header("Location") == "/api/synonyms/" + std::to_string(id));
        CHECK(after["revision"] == rev + 1);
        CHECK(created.header("ETag") == etag(rev + 1));
        REQUIRE(group_with(after, "gùi"));
        CHECK((*group_with(after, "gùi"))["note"] == "Hmong carry");

        // Another editor's page still holds `rev`.
        json stale = require_error(http.send("PUT", "/api/synonyms/" + std::to_string(id), group,
                                             with(auth, "If-Match", etag(rev))),
                                   412, "revision_conflict", "If-Match");
        CHECK(stale["error"]["current_revision"] == rev + 1);
        require_error(http.send("PUT", "/api/synonyms/999999", group, auth), 404, "not_found");
        require_error(http.send("DELETE", "/api/synonyms/999999", "", auth), 404, "not_found");

        json changed = require_json(http.send("PUT", "/api/synonyms/" + std::to_string(id),
                                              R"({"terms": ["gùi", "basket"]})",
                                              with(auth, "If-Match", etag(rev + 1))));
        CHECK(changed["revision"] == rev + 2);
        CHECK((*group_with(changed, "gùi"))["terms"] == json({"gùi", "basket"}));
        json removed = require_json(http.send("DELETE", "/api/synonyms/" + std::to_string(id), "",
                                              with(auth, "If-Match", etag(rev + 2))));
        CHECK_FALSE(group_with(removed, "gùi"));

        json revisions = require_json(http.get("/api/synonyms/revisions", auth))["revisions"];
        REQUIRE(revisions.size() >= 4);
        CHECK(revisions[0]["action"] == "delete");
        CHECK(revisions[0]["author"] == "syn-editor");
        CHECK(revisions[1]["action"] == "update");
        json then =
            require_json(http.get("/api/synonyms/revisions/" + std::to_string(rev + 2), auth));
        CHECK((*group_with(then, "gùi"))["id"] == id);
        require_error(http.get("/api/synonyms/revisions/999999", auth), 404, "not_found");

        json restored = require_json(http.send("POST", "/api/synonyms/restore",
                                               json({{"revision", rev + 2}}).dump(),
                                               with(auth, "If-Match", etag(rev + 3))));
        CHECK(restored["revision"] == rev + 4);
        REQUIRE(group_with(restored, "gùi"));
        CHECK((*group_with(restored, "gùi"))["id"] == id);  // the same group, by its old id
    }
}

TEST_CASE("api synonyms: a new group changes search results within a second", "[api][synonyms]") {
    ApiServer api;
    Http& http = api.http();
    const std::string token = create_token(api.data(), "syn-search", "editor");
    const std::string word = "zorbleflax";
    const std::string slug = "dinh-pu-ta-leng";
    REQUIRE(require_json(http.get("/api/search?q=" + word))["total"] == 0);
    REQUIRE(search_lists(http, "pu ta leng", slug));

    json created =
        require_json(http.send("POST", "/api/synonyms",
                               json({{"terms", {word, "pu ta leng"}}}).dump(), bearer(token)),
                     201);
    CHECK(eventually([&] { return search_lists(http, word, slug); },
                     std::chrono::milliseconds(1000)));

    // And removing it takes it away again.
    require_json(http.send("DELETE", "/api/synonyms/" + std::to_string(created["id"].get<long>()),
                           "", bearer(token)));
    CHECK(eventually([&] { return !search_lists(http, word, slug); },
                     std::chrono::milliseconds(1000)));
}

TEST_CASE("lc-indexer export writes the editors' synonyms; import keeps their later changes",
          "[cli][synonyms]") {
    TempDir dir;
    const fs::path data = dir / "data";
    prepare_data(data);
    const fs::path content = fs::path(LC_SOURCE_DIR) / "content";
    {
        ServerProcess server(data);
        Http http(server.port());
        const std::string token = create_token(data, "syn-export", "editor");
        require_json(
            http.send("POST", "/api/synonyms",
                      R"({"terms": ["gùi", "back basket"], "note": "carried on the back"})",
                      bearer(token)),
            201);
    }
    // The content's synonyms file has not changed since it was imported:
    // re-importing it keeps the editor's group.
    auto again = indexer({"import", content.string(), "--data", data.string()});
    INFO(again.out << again.err);
    REQUIRE(again.exit_code == 0);
    CHECK_THAT(again.out, Catch::Contains("synonyms kept as edited since the last import"));

    fs::create_directories(dir / "out");
    const fs::path synonyms = dir / "out" / "synonyms.yaml";
    auto exported =
        indexer({"export", "--data", data.string(), "-o", (dir / "out" / "entries.jsonl").string(),
                 "--synonyms", synonyms.string()});
    INFO(exported.err);
    REQUIRE(exported.exit_code == 0);
    const std::string yaml = read_file(synonyms);
    CHECK_THAT(yaml, Catch::Contains("[gùi, back basket]"));
    CHECK_THAT(yaml, Catch::Contains("# carried on the back"));

    // A new catalog from the export has the same groups.
    const fs::path fresh = dir / "fresh";
    auto imported = indexer({"import", (dir / "out").string(), "--data", fresh.string()});
    INFO(imported.out << imported.err);
    REQUIRE(imported.exit_code == 0);
    auto terms_of = [](const fs::path& d) {
        lc::Store store(d, lc::Store::Mode::must_exist);
        std::set<lc::SynonymGroup> out;
        for (const auto& g : store.synonym_set().groups) out.insert(g.terms);
        return out;
    };
    CHECK(terms_of(fresh) == terms_of(data));
    CHECK(terms_of(data).count({"gùi", "back basket"}) == 1);

    // The refreshed file, imported where it came from, changes nothing.
    const std::int64_t before = lc::Store(data, lc::Store::Mode::must_exist).synonyms_version();
    auto back = indexer({"import", synonyms.string(), "--data", data.string()});
    INFO(back.out << back.err);
    REQUIRE(back.exit_code == 0);
    CHECK(lc::Store(data, lc::Store::Mode::must_exist).synonyms_version() == before);
}
