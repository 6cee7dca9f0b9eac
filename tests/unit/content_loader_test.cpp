// Reading content files: YAML entries laid out as <kind>/<slug>.yaml, JSON
// Lines, synonyms.yaml. Errors read "file:line: field: message" and point at
// the line of the field; every error is collected.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "catalog/content_loader.h"
#include "catalog/province_outline.h"
#include "catalog/yaml_document.h"
#include "support/temp_dir.h"

using lc::test::TempDir;
using lc::test::write_file;

namespace {

std::string all_errors(const lc::LoadResult& r) {
    std::string out;
    for (const auto& e : r.errors) out += "\n  " + e;
    return out.empty() ? "(no errors)" : out;
}

lc::LoadResult load(const std::filesystem::path& p) {
    return lc::load_content({p});
}

const char* const kGinseng = R"(slug: sam-lai-chau
kind: product
name:
  vi: Sâm Lai Châu
  en: Lai Chau ginseng
ocop_stars: 5
season:
  - 9
  - 10
)";

}  // namespace

TEST_CASE("content loader: a valid YAML entry in its kind folder", "[catalog][content]") {
    TempDir dir;
    write_file(dir / "product/sam-lai-chau.yaml", kGinseng);
    write_file(dir / "README.md", "# not content\n");
    write_file(dir / ".hidden/bad.yaml", "this: [is not read\n");
    auto r = load(dir.path());
    INFO(all_errors(r));
    REQUIRE(r.errors.empty());
    REQUIRE(r.entries.size() == 1);
    CHECK(r.files == 1);
    CHECK(r.entries[0].entry.slug == "sam-lai-chau");
    CHECK(r.entries[0].entry.name.vi == "Sâm Lai Châu");
    CHECK(r.entries[0].entry.ocop_stars == 5);
    CHECK(r.entries[0].origin == (dir / "product/sam-lai-chau.yaml").string() + ":1");
    CHECK_FALSE(r.synonyms);
}

TEST_CASE("content loader: YAML errors name the file and line and field", "[catalog][content]") {
    TempDir dir;
    const auto file = dir / "product/sam-lai-chau.yaml";
    write_file(file, R"(slug: sam-lai-chau
kind: product
name:
  en: Lai Chau ginseng
ocop_stars: 7
season:
  - 9
  - 13
location:
  lat: 22.4
  lon: 110.0
  precision: site
  source: a test
colour: red
)");
    auto r = load(dir.path());
    INFO(all_errors(r));
    CHECK(r.entries.empty());
    const std::string f = file.string();
    char km[32];
    std::snprintf(km, sizeof km, "%.1f", lc::km_outside_province(22.4, 110.0));
    std::vector<std::string> expected = {
        f + ":14: colour: unknown field",
        f + ":3: name.vi: required",
        f + ":5: ocop_stars: must be 3, 4 or 5",
        f + ":8: season[1]: month 13 is outside 1-12",
        f + ":9: location: outside Lai Châu: " + km + " km beyond the province's outline",
    };
    auto got = r.errors;
    std::sort(got.begin(), got.end());
    std::sort(expected.begin(), expected.end());
    CHECK(got == expected);
}

TEST_CASE("content loader: YAML files must be named slug.yaml in a folder named for their kind",
          "[catalog][content]") {
    SECTION("file name differs from the slug") {
        TempDir dir;
        write_file(dir / "product/sam.yaml", kGinseng);
        auto r = load(dir.path());
        INFO(all_errors(r));
        REQUIRE(r.errors.size() == 1);
        CHECK_THAT(r.errors[0],
                   Catch::StartsWith((dir / "product/sam.yaml").string() + ":1: slug: "));
        CHECK_THAT(r.errors[0], Catch::Contains("sam-lai-chau.yaml"));
    }
    SECTION("the folder of another kind") {
        TempDir dir;
        write_file(dir / "destination/sam-lai-chau.yaml", kGinseng);
        auto r = load(dir.path());
        INFO(all_errors(r));
        REQUIRE(r.errors.size() == 1);
        CHECK_THAT(r.errors[0], Catch::StartsWith((dir / "destination/sam-lai-chau.yaml").string() +
                                                  ":2: kind: "));
    }
    SECTION("a folder that is not a kind") {
        TempDir dir;
        write_file(dir / "misc/sam-lai-chau.yaml", kGinseng);
        auto r = load(dir.path());
        INFO(all_errors(r));
        REQUIRE(r.errors.size() == 1);
        CHECK_THAT(r.errors[0],
                   Catch::StartsWith((dir / "misc/sam-lai-chau.yaml").string() + ":2: kind: "));
        CHECK_THAT(r.errors[0], Catch::Contains("product/"));
    }
    SECTION("a single file given by path follows the same rule") {
        TempDir dir;
        write_file(dir / "product/sam-lai-chau.yaml", kGinseng);
        auto r = load(dir / "product/sam-lai-chau.yaml");
        INFO(all_errors(r));
        CHECK(r.errors.empty());
        CHECK(r.entries.size() == 1);
    }
}

TEST_CASE("content loader: YAML syntax and encoding errors point at their line",
          "[catalog][content]") {
    TempDir dir;
    write_file(dir / "product/a.yaml", "slug: a\nkind: product\nname:\n  vi: S\xFFm\n");
    write_file(dir / "product/b.yaml", "slug: b\nkind: product\nname: {vi: [Sâm\n");
    write_file(dir / "product/c.yaml", "slug: c\nkind: product\nname:\n  vi: Sâm\nslug: c2\n");
    write_file(dir / "product/d.yaml", "slug: d\nkind: product\nname: {vi: Sâm}\n---\nslug: e\n");
    // A plain 2030 is a number: quote it to make it text.
    write_file(dir / "product/e.yaml", "slug: e\nkind: product\nname:\n  vi: 2030\n");
    write_file(dir / "product/f.yaml", "slug: f\nkind: product\nname:\n  vi: \"2030\"\n");
    auto r = load(dir.path());
    INFO(all_errors(r));
    REQUIRE(r.errors.size() == 5);
    const std::string p = (dir / "product").string();
    CHECK(r.errors[0] == p + "/a.yaml:4: invalid UTF-8 at byte 35");
    CHECK_THAT(r.errors[1], Catch::StartsWith(p + "/b.yaml:"));
    CHECK_THAT(r.errors[1], Catch::Contains("YAML syntax"));
    CHECK(r.errors[2] == p + "/c.yaml:5: duplicate key 'slug'");
    CHECK_THAT(r.errors[3], Catch::StartsWith(p + "/d.yaml:1: expected exactly one YAML document"));
    CHECK(r.errors[4] == p + "/e.yaml:4: name.vi: expected a string, got a number");
    REQUIRE(r.entries.size() == 1);
    CHECK(r.entries[0].entry.name.vi == "2030");
}

TEST_CASE("content loader: JSON Lines errors carry the line number", "[catalog][content]") {
    TempDir dir;
    const auto file = dir / "batch.jsonl";
    write_file(file, R"({"slug": "one", "kind": "event", "name": {"vi": "Một"}})"
                     "\n"
                     "\n"
                     R"({"slug": "two", "kind": "event", "name": {"en": "Two"}})"
                     "\n"
                     R"({"slug": "three", "kind": "event", )"
                     "\n"
                     R"({"slug": "four", "kind": "event", "name": {"vi": "Bốn"}, "season": [0]})"
                     "\n"
                     "{\"slug\": \"five\", \"kind\": \"event\", \"name\": {\"vi\": \"N\xE1m\"}}\n"
                     R"({"slug": "six", "kind": "event", "name": {"vi": "Sáu"}})"
                     "\n");
    auto r = load(file);
    INFO(all_errors(r));
    const std::string f = file.string();
    REQUIRE(r.errors.size() == 4);
    CHECK(r.errors[0] == f + ":3: name.vi: required");
    CHECK_THAT(r.errors[1], Catch::StartsWith(f + ":4: JSON syntax: "));
    CHECK(r.errors[2] == f + ":5: season[0]: month 0 is outside 1-12");
    CHECK_THAT(r.errors[3], Catch::StartsWith(f + ":6: invalid UTF-8 at byte "));
    REQUIRE(r.entries.size() == 2);
    CHECK(r.entries[0].origin == f + ":1");
    CHECK(r.entries[1].origin == f + ":7");
}

TEST_CASE("content loader: duplicate slugs across files name both places", "[catalog][content]") {
    TempDir dir;
    write_file(dir / "a.jsonl",
               R"({"slug": "x", "kind": "event", "name": {"vi": "X"}})"
               "\n"
               R"({"slug": "sam-lai-chau", "kind": "product", "name": {"vi": "Sâm"}})"
               "\n");
    write_file(dir / "product/sam-lai-chau.yaml", kGinseng);
    auto r = load(dir.path());
    INFO(all_errors(r));
    REQUIRE(r.errors.size() == 1);
    const std::string first = (dir / "a.jsonl").string() + ":2";
    const std::string second = (dir / "product/sam-lai-chau.yaml").string() + ":1";
    CHECK(r.errors[0] == second + ": slug: duplicate slug 'sam-lai-chau' (first in " + first + ")");
}

TEST_CASE("content loader: synonyms.yaml", "[catalog][content]") {
    SECTION("groups are read and composed") {
        TempDir dir;
        write_file(dir / "synonyms.yaml",
                   "# comment\ngroups:\n  - [ch\x65\xCC\x80, trà, tea]\n  - [sâm, ginseng, sâm lai "
                   "châu]\n");
        auto r = load(dir.path());
        INFO(all_errors(r));
        REQUIRE(r.errors.empty());
        REQUIRE(r.synonyms);
        CHECK(*r.synonyms ==
              lc::Synonyms{{"chè", "trà", "tea"}, {"sâm", "ginseng", "sâm lai châu"}});
        CHECK(r.entries.empty());
        CHECK(lc::synonym_pair_count(*r.synonyms) == 6);
    }
    SECTION("errors point at the group") {
        TempDir dir;
        write_file(dir / "synonyms.yaml",
                   "groups:\n  - [chè, trà]\n  - [alone]\n  - [x, 5]\nextra: 1\n");
        auto r = load(dir.path());
        INFO(all_errors(r));
        const std::string f = (dir / "synonyms.yaml").string();
        auto got = r.errors;
        std::sort(got.begin(), got.end());
        CHECK(got == std::vector<std::string>{f + ":3: groups[1]: expected a list of 2 to 20 words",
                                              f + ":4: groups[2][1]: expected a string",
                                              f + ":5: extra: unknown field"});
        CHECK_FALSE(r.synonyms);
    }
    SECTION("a second synonyms file is an error") {
        TempDir dir;
        write_file(dir / "a/synonyms.yaml", "groups:\n  - [chè, trà]\n");
        write_file(dir / "b/synonyms.yaml", "groups:\n  - [sâm, ginseng]\n");
        auto r = load(dir.path());
        REQUIRE(r.errors.size() == 1);
        CHECK_THAT(r.errors[0], Catch::Contains("second synonyms file"));
    }
}

TEST_CASE("content loader: missing paths and the repository content", "[catalog][content]") {
    TempDir dir;
    auto missing = load(dir / "nope");
    REQUIRE(missing.errors.size() == 1);
    CHECK(missing.errors[0] == (dir / "nope").string() + ": no such file or folder");

    write_file(dir / "notes.txt", "x");
    auto wrong_type = load(dir / "notes.txt");
    REQUIRE(wrong_type.errors.size() == 1);
    CHECK_THAT(wrong_type.errors[0], Catch::Contains("not a content file"));

    auto content = load(lc::test::content_dir());
    INFO(all_errors(content));
    CHECK(content.errors.empty());
    CHECK(content.entries.size() >= 40);
    REQUIRE(content.synonyms);
    CHECK_FALSE(content.synonyms->empty());
}

TEST_CASE("content loader: the YAML reader keeps lines and scalar types", "[catalog][content]") {
    auto doc = lc::parse_yaml_document(
        "a: 1\nb:\n  c: [x, 'y']\n  d:\n    - true\n    - ~\n    - 1.5\n    - \"3\"\n");
    CHECK(doc.value["a"] == 1);
    CHECK(doc.value["b"]["c"] == nlohmann::json::array({"x", "y"}));
    CHECK(doc.value["b"]["d"] == nlohmann::json::array({true, nullptr, 1.5, "3"}));
    CHECK(doc.line_of("a") == 1);
    CHECK(doc.line_of("b.c") == 3);
    CHECK(doc.line_of("b.c[1]") == 3);
    CHECK(doc.line_of("b.d[2]") == 7);
    CHECK(doc.line_of("b.missing") == 2);  // the nearest parent
    CHECK(doc.line_of("nowhere") == 1);
    // A billion laughs stops early instead of expanding.
    std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    for (char c = 'b'; c <= 'j'; ++c)
        bomb += std::string(1, c) + ": &" + c + " [*" + char(c - 1) + ", *" + char(c - 1) + ", *" +
                char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1) +
                ", *" + char(c - 1) + "]\n";
    CHECK_THROWS_AS(lc::parse_yaml_document(bomb), lc::YamlError);
}
