// The catalog store: revisions, soft deletes and undelete, optimistic
// concurrency, import semantics, schema and file handling, editor tokens.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "catalog/store.h"
#include "catalog/validation.h"
#include "support/temp_dir.h"
#include "util/sha256.h"

using lc::test::TempDir;
using Mode = lc::Store::Mode;
using nlohmann::json;

namespace {

lc::Entry make_entry(const std::string& slug, const std::string& name,
                     lc::Kind kind = lc::Kind::destination) {
    lc::Entry e;
    e.slug = slug;
    e.kind = kind;
    e.name.vi = name;
    e.summary.vi = "Tóm tắt về " + name + ".";
    e.area = "xã Phong Thổ";
    e.location = lc::Location{22.37, 103.4, lc::Precision::approximate, "a test"};
    return e;
}

std::vector<std::string> actions_of(const std::vector<lc::RevisionInfo>& revs) {
    std::vector<std::string> out;
    for (const auto& r : revs) out.push_back(r.action);
    return out;
}

std::size_t revision_count(const lc::Store& store) {
    return store.counts().revisions;
}

std::string read_bytes(const std::filesystem::path& p) {
    return lc::test::read_file(p);
}

void write_random_bytes(const std::filesystem::path& p, std::size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::string bytes(n, '\0');
    for (auto& c : bytes) c = static_cast<char>(rng() & 0xFF);
    lc::test::write_file(p, bytes);
}

}  // namespace

TEST_CASE("store: create then find and list revisions", "[catalog][store]") {
    TempDir dir;
    lc::Store store(dir.path(), Mode::create_if_missing);
    CHECK(store.path() == dir / "catalog.sqlite");
    CHECK_FALSE(store.find("ban-sin-suoi-ho"));

    auto created = store.create(make_entry("ban-sin-suoi-ho", "Bản Sin Suối Hồ"), "an");
    CHECK(created.revision == 1);
    CHECK_FALSE(created.deleted);
    CHECK(created.updated_by == "an");
    CHECK_FALSE(created.created_at.empty());
    CHECK(created.created_at == created.updated_at);

    auto found = store.find("ban-sin-suoi-ho");
    REQUIRE(found);
    CHECK(found->entry == make_entry("ban-sin-suoi-ho", "Bản Sin Suối Hồ"));
    CHECK(found->revision == 1);
    CHECK(found->updated_by == "an");
    CHECK(found->change_seq == created.change_seq);
    CHECK(found->searchable());

    auto revs = store.revisions("ban-sin-suoi-ho");
    REQUIRE(revs.size() == 1);
    CHECK(revs[0].revision == 1);
    CHECK(revs[0].action == "create");
    CHECK(revs[0].author == "an");
    CHECK_FALSE(revs[0].deleted);
    // The first revision changed every field.
    CHECK(revs[0].changed_fields.size() == 15);
    CHECK_THROWS_AS(store.revisions("no-such-entry"), lc::NotFound);
}

TEST_CASE("store: every change keeps the previous version", "[catalog][store]") {
    TempDir dir;
    lc::Store store(dir.path(), Mode::create_if_missing);
    const lc::Entry v1 = make_entry("deo-o-quy-ho", "Đèo Ô Quy Hồ");
    store.create(v1, "an");

    lc::Entry v2 = v1;
    v2.name.en = "O Quy Ho pass";
    v2.themes = {"mountain-pass"};
    auto r2 = store.replace(v2, std::nullopt, "binh");
    CHECK(r2.revision == 2);
    CHECK(r2.updated_by == "binh");

    auto r3 =
        store.patch("deo-o-quy-ho",
                    json{{"summary", {{"en", "A high pass."}}}, {"location", nullptr}}, 2, "chi");
    CHECK(r3.revision == 3);
    CHECK(r3.entry.summary.vi == v1.summary.vi);  // merge patch keeps what it does not name
    CHECK(r3.entry.summary.en == "A high pass.");
    CHECK_FALSE(r3.entry.location);  // null removes

    auto revs = store.revisions("deo-o-quy-ho");
    REQUIRE(revs.size() == 3);
    CHECK(actions_of(revs) == std::vector<std::string>{"create", "update", "update"});
    CHECK(revs[1].author == "binh");
    CHECK(revs[2].author == "chi");
    CHECK(revs[1].changed_fields == std::vector<std::string>{"name", "themes"});
    CHECK(revs[2].changed_fields == std::vector<std::string>{"location", "summary"});

    REQUIRE(store.revision_entry("deo-o-quy-ho", 1));
    CHECK(*store.revision_entry("deo-o-quy-ho", 1) == v1);
    CHECK(*store.revision_entry("deo-o-quy-ho", 2) == v2);
    CHECK(*store.revision_entry("deo-o-quy-ho", 3) == r3.entry);
    CHECK_FALSE(store.revision_entry("deo-o-quy-ho", 4));
    CHECK(store.find("deo-o-quy-ho")->entry == r3.entry);
    CHECK(store.find("deo-o-quy-ho")->created_at == revs[0].created_at);

    // Saving what is already there records nothing.
    auto same = store.replace(r3.entry, 3, "dung");
    CHECK(same.revision == 3);
    CHECK(store
              .patch("deo-o-quy-ho", json{{"summary", {{"en", "A high pass."}}}}, std::nullopt,
                     "dung")
              .revision == 3);
    CHECK(store.revisions("deo-o-quy-ho").size() == 3);
}

TEST_CASE("store: a stale expected revision is a conflict and changes nothing",
          "[catalog][store]") {
    TempDir dir;
    lc::Store store(dir.path(), Mode::create_if_missing);
    lc::Entry e = make_entry("rung-la-phong", "Rừng lá phong");
    store.create(e, "an");
    e.name.en = "Maple forest";
    store.replace(e, 1, "an");  // now at revision 2

    const auto before = *store.find("rung-la-phong");
    const auto seq = store.change_seq();
    const auto revisions = revision_count(store);
    lc::Entry changed = e;
    changed.area = "xã Tả Lèng";

    auto expect_conflict = [&](auto&& write) {
        try {
            write();
            FAIL("a stale revision was accepted");
        } catch (const lc::RevisionConflict& c) {
            CHECK(c.current() == 2);
        }
        auto after = *store.find("rung-la-phong");
        CHECK(after.entry == before.entry);
        CHECK(after.revision == 2);
        CHECK_FALSE(after.deleted);
        CHECK(store.change_seq() == seq);
        CHECK(revision_count(store) == revisions);
    };
    expect_conflict([&] { store.replace(changed, 1, "binh"); });
    expect_conflict([&] { store.patch("rung-la-phong", json{{"area", "xã Tả Lèng"}}, 1, "binh"); });
    expect_conflict([&] { store.remove("rung-la-phong", 1, "binh"); });
    expect_conflict([&] { store.restore("rung-la-phong", 1, 3, "binh"); });

    // The right revision goes through.
    CHECK(store.replace(changed, 2, "binh").revision == 3);
}

TEST_CASE("store: remove is soft and restore without a revision undeletes", "[catalog][store]") {
    TempDir dir;
    lc::Store store(dir.path(), Mode::create_if_missing);
    lc::Entry e = make_entry("ruong-bac-thang-ta-leng", "Ruộng bậc thang Tả Lèng");
    store.create(e, "an");
    store.create(make_entry("other", "Khác"), "an");
    auto patched =
        store.patch("ruong-bac-thang-ta-leng", json{{"season", {9, 10}}}, std::nullopt, "an");

    auto removed = store.remove("ruong-bac-thang-ta-leng", 2, "binh");
    CHECK(removed.revision == 3);
    CHECK(removed.deleted);

    auto found = store.find("ruong-bac-thang-ta-leng");
    REQUIRE(found);  // still there, marked
    CHECK(found->deleted);
    CHECK_FALSE(found->searchable());
    CHECK(found->entry == patched.entry);  // the content is kept
    CHECK(found->updated_by == "binh");

    std::vector<std::string> live, all;
    store.for_each([&](const lc::StoredEntry& s) { live.push_back(s.entry.slug); });
    store.for_each([&](const lc::StoredEntry& s) { all.push_back(s.entry.slug); }, true);
    CHECK(live == std::vector<std::string>{"other"});
    CHECK(all == std::vector<std::string>{"other", "ruong-bac-thang-ta-leng"});
    CHECK(store.counts().deleted == 1);
    CHECK(store.counts().published_by_kind.at("destination") == 1);

    auto revs = store.revisions("ruong-bac-thang-ta-leng");
    REQUIRE(revs.size() == 3);
    CHECK(revs[2].action == "delete");
    CHECK(revs[2].author == "binh");
    CHECK(revs[2].deleted);

    // A deleted entry cannot be written, deleted again or created anew.
    CHECK_THROWS_AS(store.replace(e, std::nullopt, "x"), lc::NotFound);
    CHECK_THROWS_AS(store.patch("ruong-bac-thang-ta-leng", json{{"area", "x"}}, std::nullopt, "x"),
                    lc::NotFound);
    CHECK_THROWS_AS(store.remove("ruong-bac-thang-ta-leng", std::nullopt, "x"), lc::NotFound);
    CHECK_THROWS_AS(store.create(e, "x"), lc::Conflict);
    CHECK(store.revisions("ruong-bac-thang-ta-leng").size() == 3);

    // Undelete: the latest live version comes back as a new revision.
    auto restored = store.restore("ruong-bac-thang-ta-leng", std::nullopt, 3, "chi");
    CHECK(restored.revision == 4);
    CHECK_FALSE(restored.deleted);
    CHECK(restored.entry == patched.entry);
    CHECK_FALSE(store.find("ruong-bac-thang-ta-leng")->deleted);
    CHECK(store.counts().deleted == 0);
    revs = store.revisions("ruong-bac-thang-ta-leng");
    CHECK(actions_of(revs) == std::vector<std::string>{"create", "update", "delete", "restore"});
    CHECK(revs[3].author == "chi");
    CHECK_FALSE(revs[3].deleted);
}

TEST_CASE("store: restore brings back revision N as a new revision", "[catalog][store]") {
    TempDir dir;
    lc::Store store(dir.path(), Mode::create_if_missing);
    const lc::Entry v1 = make_entry("que", "Quế", lc::Kind::product);
    store.create(v1, "an");
    lc::Entry v2 = v1;
    v2.name.vi = "Quế Lai Châu";
    v2.ocop_stars = 4;
    store.replace(v2, std::nullopt, "an");

    auto back = store.restore("que", 1, std::nullopt, "binh");
    CHECK(back.revision == 3);
    CHECK(back.entry == v1);
    CHECK(store.find("que")->entry == v1);
    auto revs = store.revisions("que");
    REQUIRE(revs.size() == 3);
    CHECK(revs[2].action == "restore");
    CHECK(revs[2].changed_fields == std::vector<std::string>{"name", "ocop_stars"});
    CHECK(*store.revision_entry("que", 2) == v2);  // nothing is lost

    // Restoring a revision of a deleted entry undeletes it with that content.
    store.remove("que", std::nullopt, "binh");
    auto again = store.restore("que", 2, std::nullopt, "binh");
    CHECK(again.revision == 5);
    CHECK_FALSE(again.deleted);
    CHECK(again.entry == v2);

    CHECK_THROWS_AS(store.restore("que", 99, std::nullopt, "x"), lc::NotFound);
    CHECK_THROWS_AS(store.restore("nothing-here", std::nullopt, std::nullopt, "x"), lc::NotFound);
    CHECK(store.revisions("que").size() == 5);
}

TEST_CASE("store: creating an existing slug is a conflict", "[catalog][store]") {
    TempDir dir;
    lc::Store store(dir.path(), Mode::create_if_missing);
    store.create(make_entry("mac-ca", "Mắc ca", lc::Kind::product), "an");
    auto seq = store.change_seq();
    CHECK_THROWS_AS(store.create(make_entry("mac-ca", "Something else"), "binh"), lc::Conflict);
    CHECK(store.find("mac-ca")->entry.name.vi == "Mắc ca");
    CHECK(store.change_seq() == seq);
    CHECK_THROWS_AS(store.replace(make_entry("not-there", "X"), std::nullopt, "binh"),
                    lc::NotFound);
}

TEST_CASE("store: a patch is validated like any entry", "[catalog][store]") {
    TempDir dir;
    lc::Store store(dir.path(), Mode::create_if_missing);
    store.create(make_entry("qua-le", "Quả lê", lc::Kind::product), "an");
    auto field_paths = [&](const json& patch) {
        std::vector<std::string> paths;
        try {
            store.patch("qua-le", patch, std::nullopt, "binh");
        } catch (const lc::ValidationError& e) {
            for (const auto& f : e.errors()) paths.push_back(f.path);
        }
        return paths;
    };
    CHECK(field_paths(json{{"season", {0}}, {"ocop_stars", 9}}) ==
          std::vector<std::string>{"ocop_stars", "season[0]"});
    CHECK(field_paths(json{{"name", {{"vi", nullptr}}}}) == std::vector<std::string>{"name.vi"});
    CHECK(field_paths(json{{"slug", "qua-le-2"}}) == std::vector<std::string>{"slug"});
    CHECK(field_paths(json{{"colour", "green"}}) == std::vector<std::string>{"colour"});
    CHECK(field_paths(json::array({1})) == std::vector<std::string>{""});
    CHECK(store.find("qua-le")->revision == 1);
    CHECK(store.revisions("qua-le").size() == 1);
}

TEST_CASE("store: schema version and WAL mode", "[catalog][store]") {
    TempDir dir;
    int version = 0;
    {
        lc::Store store(dir.path(), Mode::create_if_missing);
        version = store.schema_version();
        CHECK(version >= 1);
        store.create(make_entry("a", "A"), "an");
        // Another connection sees what the store set up.
        SQLite::Database db((dir / "catalog.sqlite").string(), SQLite::OPEN_READONLY);
        CHECK(db.execAndGet("PRAGMA user_version").getInt() == version);
        CHECK(db.execAndGet("PRAGMA journal_mode").getString() == "wal");
        for (const char* table : {"entries", "revisions", "meta", "tokens"}) {
            SQLite::Statement q(db,
                                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
            q.bind(1, table);
            CHECK(q.executeStep());
        }
        // The revisions table refers to entries, so foreign keys matter.
        SQLite::Statement fk(db, "PRAGMA foreign_key_list(revisions)");
        REQUIRE(fk.executeStep());
        CHECK(fk.getColumn(2).getString() == "entries");
    }
    {
        // Reopening migrates nothing and keeps the data.
        lc::Store again(dir.path(), Mode::must_exist);
        CHECK(again.schema_version() == version);
        CHECK(again.find("a"));
    }
    {
        // A catalog from a newer program is refused, not misread.
        SQLite::Database db((dir / "catalog.sqlite").string(), SQLite::OPEN_READWRITE);
        db.exec("PRAGMA user_version = " + std::to_string(version + 1));
    }
    try {
        lc::Store newer(dir.path(), Mode::must_exist);
        FAIL("a newer schema was opened");
    } catch (const lc::StoreError& e) {
        CHECK_THAT(e.what(), Catch::Contains("schema version " + std::to_string(version + 1)));
    }
}

TEST_CASE("store: a missing catalog with must_exist names the file", "[catalog][store]") {
    TempDir dir;
    const auto file = dir / "data" / "catalog.sqlite";
    try {
        lc::Store store(dir / "data", Mode::must_exist);
        FAIL("opened a catalog that does not exist");
    } catch (const lc::StoreError& e) {
        CHECK_THAT(e.what(), Catch::Contains(file.string()));
    }
    CHECK_FALSE(std::filesystem::exists(dir / "data"));  // nothing was created

    lc::Store created(dir / "data", Mode::create_if_missing);  // folders are made
    CHECK(std::filesystem::exists(file));
}

TEST_CASE("store: a corrupt catalog file is an error not an empty catalog", "[catalog][store]") {
    SECTION("random bytes") {
        TempDir dir;
        const auto file = dir / "catalog.sqlite";
        write_random_bytes(file, 16 * 1024, 7);
        const std::string before = read_bytes(file);
        for (auto mode : {Mode::must_exist, Mode::create_if_missing}) {
            try {
                lc::Store store(dir.path(), mode);
                FAIL("a file of random bytes opened as a catalog");
            } catch (const lc::StoreError& e) {
                CHECK_THAT(e.what(), Catch::Contains(file.string()));
            }
        }
        CHECK(read_bytes(file) == before);  // and it was left as it was
    }
    SECTION("a catalog whose pages were overwritten") {
        TempDir dir;
        const auto file = dir / "catalog.sqlite";
        {
            lc::Store store(dir.path(), Mode::create_if_missing);
            for (int i = 0; i < 200; ++i) {
                lc::Entry e = make_entry("entry-" + std::to_string(i), "Mục " + std::to_string(i));
                e.body.vi = std::string(500, 'x');
                store.create(e, "an");
            }
        }
        auto size = std::filesystem::file_size(file);
        REQUIRE(size > 64 * 1024);
        // Keep the header page, scramble the rest.
        std::string bytes = read_bytes(file);
        std::mt19937 rng(11);
        for (std::size_t i = 4096; i < bytes.size(); ++i)
            bytes[i] = static_cast<char>(rng() & 0xFF);
        lc::test::write_file(file, bytes);
        CHECK_THROWS_AS(lc::Store(dir.path(), Mode::must_exist), lc::StoreError);
    }
}

TEST_CASE("store: tokens keep only a hash", "[catalog][store]") {
    TempDir dir;
    std::string token;
    {
        lc::Store store(dir.path(), Mode::create_if_missing);
        token = store.create_token("an@example", lc::TokenRole::editor);
        std::string admin = store.create_token("boss", lc::TokenRole::admin);
        CHECK_THAT(token, Catch::StartsWith("lct_"));
        CHECK(token.size() == 4 + 64);
        CHECK(token != admin);
        CHECK_THROWS_AS(store.create_token("an@example", lc::TokenRole::admin), lc::Conflict);
        CHECK_THROWS_AS(store.create_token("bad name", lc::TokenRole::editor), lc::Error);
        CHECK_THROWS_AS(store.create_token("", lc::TokenRole::editor), lc::Error);

        auto list = store.tokens();
        REQUIRE(list.size() == 2);
        CHECK(list[0].name == "an@example");
        CHECK(list[0].role == lc::TokenRole::editor);
        CHECK(list[0].last_used_at.empty());
        CHECK(list[0].revoked_at.empty());
        CHECK(list[1].role == lc::TokenRole::admin);

        auto who = store.authenticate(token);
        REQUIRE(who);
        CHECK(who->name == "an@example");
        CHECK(who->role == lc::TokenRole::editor);
        CHECK(store.authenticate(admin)->role == lc::TokenRole::admin);
        CHECK_FALSE(store.authenticate(token.substr(0, token.size() - 1) +
                                       (token.back() == 'a' ? "b" : "a")));
        CHECK_FALSE(store.authenticate(""));
        CHECK_FALSE(store.tokens()[0].last_used_at.empty());  // the list shows the last use

        store.revoke_token("an@example");
        CHECK_FALSE(store.authenticate(token));
        CHECK_FALSE(store.tokens()[0].revoked_at.empty());
        CHECK(store.authenticate(admin));
        CHECK_THROWS_AS(store.revoke_token("an@example"), lc::NotFound);
        CHECK_THROWS_AS(store.revoke_token("nobody"), lc::NotFound);
    }
    // Only the SHA-256 is in the table, and the token text is nowhere in the files.
    SQLite::Database db((dir / "catalog.sqlite").string(), SQLite::OPEN_READONLY);
    SQLite::Statement q(db, "SELECT hash FROM tokens WHERE name = 'an@example'");
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(0).getString() == lc::sha256_hex(token));
    for (const auto& f : std::filesystem::directory_iterator(dir.path())) {
        INFO(f.path());
        const std::string bytes = read_bytes(f.path());
        CHECK(bytes.find(token) == std::string::npos);
        CHECK(bytes.find(token.substr(4)) == std::string::npos);
    }
}

TEST_CASE("store: import creates and then leaves unchanged entries alone", "[catalog][store]") {
    TempDir dir;
    lc::Store store(dir.path(), Mode::create_if_missing);
    std::vector<lc::Entry> files = {make_entry("a", "Một"), make_entry("b", "Hai"),
                                    make_entry("c", "Ba")};

    auto first = store.import(files, std::nullopt, "import");
    CHECK(first.created == 3);
    CHECK(first.updated + first.unchanged + first.kept_edits + first.restored == 0);
    CHECK(revision_count(store) == 3);
    CHECK(store.revisions("a")[0].action == "import");
    CHECK(store.revisions("a")[0].author == "import");

    const auto seq = store.change_seq();
    auto second = store.import(files, std::nullopt, "import");
    CHECK(second.unchanged == 3);
    CHECK(second.created + second.updated == 0);
    CHECK(revision_count(store) == 3);  // no new revisions
    CHECK(store.change_seq() == seq);

    // An editor changes a and deletes b after the import.
    lc::Entry edited = files[0];
    edited.name.en = "One";
    store.replace(edited, std::nullopt, "editor");
    store.remove("b", std::nullopt, "editor");
    const auto after_edits = revision_count(store);

    // Re-importing the unchanged files keeps the editor's work.
    auto third = store.import(files, std::nullopt, "import");
    CHECK(third.kept_edits == 2);
    CHECK(third.unchanged == 1);
    CHECK(store.find("a")->entry == edited);
    CHECK(store.find("b")->deleted);
    CHECK(revision_count(store) == after_edits);

    // When the files change, the import wins.
    files[0].summary.vi = "Tóm tắt mới.";
    files[1].summary.vi = "Tóm tắt mới.";
    auto fourth = store.import(files, std::nullopt, "import");
    CHECK(fourth.updated == 1);
    CHECK(fourth.restored == 1);
    CHECK(fourth.unchanged == 1);
    CHECK(store.find("a")->entry == files[0]);
    CHECK_FALSE(store.find("b")->deleted);
    CHECK(store.find("b")->entry == files[1]);
    CHECK(store.revisions("a").back().action == "import");
    CHECK(revision_count(store) == after_edits + 2);

    // And the next unchanged import is a no-op again.
    auto fifth = store.import(files, std::nullopt, "import");
    CHECK(fifth.unchanged == 3);
    CHECK(revision_count(store) == after_edits + 2);
}

TEST_CASE("store: an import that matches an entry created by an editor records nothing",
          "[catalog][store]") {
    TempDir dir;
    lc::Store store(dir.path(), Mode::create_if_missing);
    lc::Entry e = make_entry("a", "Một");
    store.create(e, "editor");
    auto s = store.import({e}, std::nullopt, "import");
    CHECK(s.unchanged == 1);
    CHECK(store.revisions("a").size() == 1);
    // It is now the imported version: an editor's later change survives a re-import.
    lc::Entry edited = e;
    edited.area = "xã Sìn Hồ";
    store.replace(edited, std::nullopt, "editor");
    CHECK(store.import({e}, std::nullopt, "import").kept_edits == 1);
    CHECK(store.find("a")->entry.area == "xã Sìn Hồ");
}

TEST_CASE("store: a catalog from before the 2025 units opens with its entries brought up to date",
          "[catalog][store]") {
    TempDir dir;
    {
        lc::Store store(dir.path(), Mode::create_if_missing);
        store.create(make_entry("district", "Một"), "an");
        store.create(make_entry("far", "Hai"), "an");
        store.create(make_entry("other", "Ba"), "an");
    }
    {
        // Rewind to schema 1: a bare point, an old district, a point in Yunnan,
        // an area that is no unit at all.
        SQLite::Database db((dir / "catalog.sqlite").string(), SQLite::OPEN_READWRITE);
        auto old = [](const char* area, double lat, double lon) {
            json e = json::parse(lc::to_canonical_json(make_entry("x", "x")));
            e.erase("former_district");
            e["area"] = area;
            e["location"] = {{"lat", lat}, {"lon", lon}};
            return e;
        };
        const std::pair<const char*, json> rows[] = {{"district", old("Phong Thổ", 22.37, 103.4)},
                                                     {"far", old("Tam Đường", 22.85, 103.5)},
                                                     {"other", old("Bản Lướt", 22.37, 103.4)}};
        for (const auto& [slug, data] : rows) {
            json stored = data;
            stored["slug"] = slug;
            SQLite::Statement u(db, "UPDATE entries SET data = ? WHERE slug = ?");
            u.bind(1, stored.dump());
            u.bind(2, slug);
            u.exec();
            SQLite::Statement r(db,
                                "UPDATE revisions SET data = ? WHERE entry_id = (SELECT id FROM "
                                "entries WHERE slug = ?)");
            r.bind(1, stored.dump());
            r.bind(2, slug);
            r.exec();
        }
        // Schema 1 had no editable synonym groups (migration 3 adds them).
        db.exec("DROP TABLE synonym_groups; DROP TABLE synonym_revisions;");
        db.exec("DELETE FROM meta WHERE key = 'synonyms_imported_hash'");
        db.exec("PRAGMA user_version = 1");
    }
    lc::Store store(dir.path(), Mode::must_exist);
    CHECK(store.schema_version() == 3);
    auto district = store.find("district")->entry;
    CHECK(district.area.empty());
    CHECK(district.former_district == "Phong Thổ");
    REQUIRE(district.location);
    CHECK(district.location->precision == lc::Precision::approximate);
    CHECK_FALSE(district.location->source.empty());
    CHECK_FALSE(store.find("far")->entry.location);  // outside the outline
    auto other = store.find("other")->entry;
    CHECK(other.area.empty());
    CHECK(std::find(other.aliases.begin(), other.aliases.end(), "Bản Lướt") != other.aliases.end());
    // Past revisions read too (restoring one gives the upgraded version).
    CHECK(store.restore("far", 1, std::nullopt, "an").entry == store.find("far")->entry);
}

TEST_CASE("store: imported synonyms and their version", "[catalog][store]") {
    TempDir dir;
    lc::Store store(dir.path(), Mode::create_if_missing);
    CHECK(store.synonyms().empty());
    CHECK(store.synonyms_version() == 0);
    const lc::Synonyms groups = {{"chè", "trà", "tea"}, {"sâm", "ginseng"}};
    CHECK(store.import({}, groups, "import").synonyms_changed);
    CHECK(store.synonyms() == groups);
    CHECK(store.synonyms_version() == 1);
    CHECK_FALSE(store.import({}, groups, "import").synonyms_changed);
    CHECK_FALSE(store.import({}, std::nullopt, "import").synonyms_changed);  // no file: keep them
    CHECK(store.synonyms_version() == 1);
    CHECK(store.import({}, lc::Synonyms{{"chè", "trà"}}, "import").synonyms_changed);
    CHECK(store.synonyms_version() == 2);
    CHECK(store.synonyms() == lc::Synonyms{{"chè", "trà"}});
}

TEST_CASE("store: the change sequence tells the index what to apply", "[catalog][store]") {
    TempDir dir;
    lc::Store store(dir.path(), Mode::create_if_missing);
    CHECK(store.change_seq() == 0);
    store.create(make_entry("a", "Một"), "an");
    lc::Entry draft = make_entry("b", "Hai");
    draft.status = lc::Status::draft;
    store.create(draft, "an");
    store.create(make_entry("c", "Ba"), "an");
    store.remove("c", std::nullopt, "an");
    CHECK(store.change_seq() == 4);

    auto changes = store.changes_since(0, 100);
    REQUIRE(changes.size() == 3);  // one per entry, at its latest sequence number
    CHECK(changes[0].slug == "a");
    CHECK(changes[0].seq == 1);
    REQUIRE(changes[0].searchable_entry);
    CHECK(changes[0].searchable_entry->name.vi == "Một");
    CHECK(changes[1].slug == "b");
    CHECK_FALSE(changes[1].searchable_entry);  // a draft is not searchable
    CHECK(changes[2].slug == "c");
    CHECK(changes[2].seq == 4);
    CHECK_FALSE(changes[2].searchable_entry);  // nor a deleted entry
    CHECK(store.changes_since(2, 100).size() == 1);
    CHECK(store.changes_since(0, 1).size() == 1);
    CHECK(store.changes_since(4, 100).empty());

    std::vector<std::string> snap;
    auto seq = store.snapshot([&](std::string_view slug, std::string_view data) {
        snap.emplace_back(slug);
        CHECK(lc::entry_from_json(json::parse(data)).slug == slug);
    });
    CHECK(seq == 4);
    CHECK(snap == std::vector<std::string>{"a"});
}

TEST_CASE("store: the editors' list filters and counts", "[catalog][store]") {
    TempDir dir;
    lc::Store store(dir.path(), Mode::create_if_missing);
    for (int i = 0; i < 5; ++i) store.create(make_entry("e" + std::to_string(i), "Mục"), "an");
    lc::Entry draft = make_entry("d", "Nháp", lc::Kind::event);
    draft.status = lc::Status::draft;
    store.create(draft, "an");
    store.remove("e0", std::nullopt, "an");

    auto [all, total] = store.list({});
    CHECK(total == 6);
    CHECK(all.size() == 6);
    lc::ListFilter drafts;
    drafts.status = lc::Status::draft;
    auto [d, dn] = store.list(drafts);
    REQUIRE(dn == 1);
    CHECK(d[0].slug == "d");
    CHECK(d[0].name == "Nháp");
    CHECK(d[0].kind == "event");
    lc::ListFilter deleted;
    deleted.deleted = true;
    auto [x, xn] = store.list(deleted);
    REQUIRE(xn == 1);
    CHECK(x[0].slug == "e0");
    CHECK(x[0].deleted);
    lc::ListFilter page;
    page.limit = 2;
    page.offset = 5;
    auto [p, pn] = store.list(page);
    CHECK(pn == 6);
    CHECK(p.size() == 1);

    auto counts = store.counts();
    CHECK(counts.published_by_kind.at("destination") == 4);
    CHECK(counts.drafts == 1);
    CHECK(counts.deleted == 1);
    CHECK(counts.revisions == 7);
}

TEST_CASE("store: purging old revisions keeps the latest", "[catalog][store]") {
    TempDir dir;
    lc::Store store(dir.path(), Mode::create_if_missing);
    lc::Entry e = make_entry("a", "Một");
    store.create(e, "an");
    for (int i = 0; i < 4; ++i) {
        e.summary.vi = "Lần " + std::to_string(i);
        store.replace(e, std::nullopt, "an");
    }
    CHECK(revision_count(store) == 5);  // counted (and kept) before the purge
    CHECK(store.purge_revisions("a", 3) == 2);
    CHECK(revision_count(store) == 3);
    auto revs = store.revisions("a");
    REQUIRE(revs.size() == 3);
    CHECK(revs[0].revision == 3);
    CHECK(store.purge_revisions("a", 100) == 2);  // never the latest
    REQUIRE(store.revisions("a").size() == 1);
    CHECK(store.revisions("a")[0].revision == 5);
    CHECK(store.find("a")->entry == e);
}

TEST_CASE("store: counts follow changes, also those of another process", "[catalog][store]") {
    TempDir dir;
    lc::Store store(dir.path(), Mode::create_if_missing);
    store.create(make_entry("a", "Một"), "an");
    CHECK(store.counts().published_by_kind.at("destination") == 1);
    {
        lc::Store other(dir.path(), Mode::must_exist);  // as lc-indexer import would
        other.create(make_entry("b", "Hai"), "an");
    }
    CHECK(store.counts().published_by_kind.at("destination") == 2);
    store.remove("a", std::nullopt, "an");
    CHECK(store.counts().published_by_kind.at("destination") == 1);
    CHECK(store.counts().deleted == 1);
}
