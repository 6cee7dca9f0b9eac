// Entries written as YAML content files (`lc-indexer export --content`) read
// back as the same entries: every entry of content/, and text that YAML would
// read as something else.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "catalog/content_loader.h"
#include "catalog/entry_yaml.h"
#include "catalog/validation.h"
#include "catalog/yaml_document.h"
#include "support/temp_dir.h"

namespace {

// The entry and photo files `yaml` reads back as, or the errors.
lc::ParsedEntry read_back(const std::string& yaml) {
    return lc::parse_entry(lc::parse_yaml_document(yaml).value, lc::PhotoShape::file);
}

std::string describe(const lc::ParsedEntry& parsed) {
    std::string out;
    for (const auto& e : parsed.errors) out += "\n  " + e.path + ": " + e.message;
    return out;
}

}  // namespace

TEST_CASE("entry yaml: every entry of content/ reads back the same", "[catalog][content]") {
    auto loaded = lc::load_content({lc::test::content_dir()});
    REQUIRE(loaded.errors.empty());
    REQUIRE(loaded.entries.size() > 50);
    for (const auto& sourced : loaded.entries) {
        const std::string yaml = lc::entry_to_yaml(sourced.entry, {});
        auto parsed = read_back(yaml);
        INFO(yaml << describe(parsed));
        REQUIRE(parsed.entry);
        CHECK(*parsed.entry == sourced.entry);
        // Written as editors write them: no quotes where none are needed.
        CHECK_THAT(yaml, Catch::StartsWith("slug: " + sourced.entry.slug + "\nkind: "));
    }
}

TEST_CASE("entry yaml: text YAML would read as something else, photos by file",
          "[catalog][content]") {
    lc::Entry e;
    e.slug = "su-kien-2030";
    e.kind = lc::Kind::event;
    e.status = lc::Status::draft;
    e.name = {"2030", "true"};
    e.summary = {"null", "~"};
    e.body = {
        "Đoạn một: có dấu hai chấm # và dấu thăng.\n\n  Thụt vào.\n\tTab.\nCuối dòng có dấu "
        "cách   \nhết",
        "A line\r\nwith a carriage return"};
    e.aliases = {"- a dash", "[brackets]", "{braces}", "'quoted'", "\"double\"", "a, b",
                 "@x",       "`x`",        "*x",       "&x",       "!x",         "%x",
                 "yes",      "0x1F",       "1e3",      ".5",       "+1"};
    e.themes = {"tea", "ocop"};
    e.area = "xã Tả Lèng";
    e.former_district = "Tam Đường";
    e.location = lc::Location{22.4344, 103.5, lc::Precision::site, "OSM: a point, (c) ODbL"};
    e.certifications = {"OCOP 4 sao"};
    e.season = {1, 12};
    e.source = "#1: nguồn";
    e.photos = {{"", {"Ảnh: một", "One: photo"}, "false", 0, 0},
                {"", {"Hai", "Two"}, "Ảnh: Nguyễn Văn A, CC BY 4.0", 0, 0}};
    const std::vector<std::string> files = {"photos/su-kien-2030/a.jpg",
                                            "photos/su-kien-2030/b c.png"};
    const std::string yaml = lc::entry_to_yaml(e, files);
    auto parsed = read_back(yaml);
    INFO(yaml << describe(parsed));
    REQUIRE(parsed.entry);
    CHECK(*parsed.entry == e);
    CHECK(parsed.photo_files == files);
    CHECK_THAT(yaml, Catch::Contains("  vi: \"2030\"\n"));
    CHECK_THAT(yaml, Catch::Contains("\nstatus: draft\n"));
    CHECK_THAT(yaml, Catch::Contains("\nocop_stars: null\n"));
    CHECK_THAT(yaml, Catch::Contains("  - file: photos/su-kien-2030/a.jpg\n"));
}
