// The entry validator: every rule, each rejected with the path of its field,
// as a table of {what is wrong, the path it must be reported at}. One valid
// entry is changed one field at a time, so each row shows one rule alone.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "catalog/administrative_units.h"
#include "catalog/entry.h"
#include "catalog/province_outline.h"
#include "catalog/validation.h"

using nlohmann::json;

namespace {

// A product with every field set and valid.
json valid_product() {
    return json::parse(R"({
        "slug": "sam-lai-chau",
        "kind": "product",
        "status": "published",
        "name": {"vi": "Sâm Lai Châu", "en": "Lai Chau ginseng"},
        "summary": {"vi": "Loài sâm quý của tỉnh.", "en": "The province's rare ginseng."},
        "body": {"vi": "Sâm mọc dưới tán rừng.\n\nĐoạn hai.", "en": "It grows under the forest."},
        "aliases": ["sam lai chau", "ginseng"],
        "themes": ["medicinal-plants", "ocop"],
        "area": "xã Khun Há",
        "former_district": "Tam Đường",
        "location": {"lat": 22.2297, "lon": 103.5961, "precision": "commune-centre",
                     "source": "GSO commune point of the former xã Khun Há, code 03430"},
        "ocop_stars": 5,
        "certifications": ["OCOP 5 sao"],
        "season": [9, 10, 11],
        "source": "Báo cáo chính trị, mục IV.2.1"
    })");
}

// The smallest valid entry: only what is required.
json minimal(const std::string& kind = "destination") {
    return json{{"slug", "ban-sin-suoi-ho"}, {"kind", kind}, {"name", {{"vi", "Bản Sin Suối Hồ"}}}};
}

std::string describe(const std::vector<lc::FieldError>& errors) {
    std::string out;
    for (const auto& e : errors)
        out += "\n  " + e.path + ": " + e.message + " (" + std::string(lc::to_string(e.code)) + ")";
    return out.empty() ? "(no errors)" : out;
}

std::vector<std::string> paths_of(const std::vector<lc::FieldError>& errors) {
    std::vector<std::string> out;
    for (const auto& e : errors) out.push_back(e.path);
    return out;
}

std::string repeat(const std::string& s, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

json list_of(std::size_t n, const std::string& stem) {
    json out = json::array();
    for (std::size_t i = 0; i < n; ++i) out.push_back(stem + "-" + std::to_string(i));
    return out;
}

using C = lc::FieldCode;

struct Rule {
    const char* what;
    std::function<void(json&)> change;
    const char* path;                     // nullptr: the change is allowed
    std::optional<lc::FieldCode> code{};  // required when `path` is set
};

// Applies each row to a fresh valid product and checks the outcome: exactly
// one error, at the row's path and with the row's code, or none.
void check_rules(const std::vector<Rule>& rules) {
    for (const auto& rule : rules) {
        json value = valid_product();
        rule.change(value);
        auto parsed = lc::parse_entry(value);
        INFO(rule.what << describe(parsed.errors));
        if (rule.path == nullptr) {
            CHECK(parsed.errors.empty());
            CHECK(parsed.entry.has_value());
        } else {
            CHECK(paths_of(parsed.errors) == std::vector<std::string>{rule.path});
            CHECK_FALSE(parsed.entry.has_value());
            REQUIRE(rule.code);
            if (!parsed.errors.empty()) CHECK(parsed.errors[0].code == *rule.code);
        }
    }
}

}  // namespace

TEST_CASE("catalog validation: a complete valid entry passes and keeps every field",
          "[catalog][validation]") {
    auto parsed = lc::parse_entry(valid_product());
    INFO(describe(parsed.errors));
    REQUIRE(parsed.errors.empty());
    REQUIRE(parsed.entry);
    const lc::Entry& e = *parsed.entry;
    CHECK(e.slug == "sam-lai-chau");
    CHECK(e.kind == lc::Kind::product);
    CHECK(e.status == lc::Status::published);
    CHECK(e.name.vi == "Sâm Lai Châu");
    CHECK(e.name.en == "Lai Chau ginseng");
    CHECK(e.summary.en == "The province's rare ginseng.");
    CHECK(e.body.vi == "Sâm mọc dưới tán rừng.\n\nĐoạn hai.");
    CHECK(e.aliases == std::vector<std::string>{"sam lai chau", "ginseng"});
    CHECK(e.themes == std::vector<std::string>{"medicinal-plants", "ocop"});
    CHECK(e.area == "xã Khun Há");
    CHECK(e.former_district == "Tam Đường");
    REQUIRE(e.location);
    CHECK(e.location->lat == Approx(22.2297));
    CHECK(e.location->lon == Approx(103.5961));
    CHECK(e.location->precision == lc::Precision::commune_centre);
    CHECK(e.location->source == "GSO commune point of the former xã Khun Há, code 03430");
    CHECK(e.ocop_stars == 5);
    CHECK(e.certifications == std::vector<std::string>{"OCOP 5 sao"});
    CHECK(e.season == std::vector<int>{9, 10, 11});
    CHECK(e.source == "Báo cáo chính trị, mục IV.2.1");
}

TEST_CASE("catalog validation: only slug and kind and name.vi are required",
          "[catalog][validation]") {
    for (const char* kind : {"destination", "product", "opportunity", "event"}) {
        auto parsed = lc::parse_entry(minimal(kind));
        INFO(kind << describe(parsed.errors));
        REQUIRE(parsed.entry);
        CHECK(lc::to_string(parsed.entry->kind) == kind);
        CHECK(parsed.entry->status == lc::Status::published);  // the default
        CHECK(parsed.entry->name.en.empty());
        CHECK(parsed.entry->summary == lc::LocalizedText{});
        CHECK_FALSE(parsed.entry->location);
        CHECK_FALSE(parsed.entry->ocop_stars);
    }
    // Explicit nulls mean "not set".
    json with_nulls = minimal();
    for (const char* field :
         {"summary", "body", "aliases", "themes", "area", "former_district", "location",
          "ocop_stars", "certifications", "season", "source", "status"})
        with_nulls[field] = nullptr;
    auto parsed = lc::parse_entry(with_nulls);
    INFO(describe(parsed.errors));
    CHECK(parsed.entry.has_value());
}

TEST_CASE("catalog validation: kind and slug and status rules", "[catalog][validation]") {
    check_rules({
        {"kind missing", [](json& v) { v.erase("kind"); }, "kind", C::required},
        {"kind unknown", [](json& v) { v["kind"] = "shop"; }, "kind", C::unknown_value},
        {"kind in capitals", [](json& v) { v["kind"] = "Product"; }, "kind", C::unknown_value},
        {"kind not a string", [](json& v) { v["kind"] = 3; }, "kind", C::wrong_type},
        {"slug missing", [](json& v) { v.erase("slug"); }, "slug", C::required},
        {"slug with capitals", [](json& v) { v["slug"] = "Sam-lai-chau"; }, "slug",
         C::invalid_format},
        {"slug with an accent", [](json& v) { v["slug"] = "sâm-lai-chau"; }, "slug",
         C::invalid_format},
        {"slug with a double hyphen", [](json& v) { v["slug"] = "sam--lai-chau"; }, "slug",
         C::invalid_format},
        {"slug starting with a hyphen", [](json& v) { v["slug"] = "-sam"; }, "slug",
         C::invalid_format},
        {"slug ending with a hyphen", [](json& v) { v["slug"] = "sam-"; }, "slug",
         C::invalid_format},
        {"slug with an underscore", [](json& v) { v["slug"] = "sam_lai"; }, "slug",
         C::invalid_format},
        {"slug with a space", [](json& v) { v["slug"] = "sam lai"; }, "slug", C::invalid_format},
        {"slug empty", [](json& v) { v["slug"] = ""; }, "slug", C::invalid_format},
        {"slug of 101 characters", [](json& v) { v["slug"] = std::string(101, 'a'); }, "slug",
         C::too_long},
        {"slug of 100 characters", [](json& v) { v["slug"] = std::string(100, 'a'); }, nullptr},
        {"slug of digits and hyphens", [](json& v) { v["slug"] = "ct13-2025-2030"; }, nullptr},
        {"status unknown", [](json& v) { v["status"] = "hidden"; }, "status", C::unknown_value},
        {"status draft", [](json& v) { v["status"] = "draft"; }, nullptr},
    });
    json draft = minimal();
    draft["status"] = "draft";
    CHECK(lc::entry_from_json(draft).status == lc::Status::draft);
}

TEST_CASE("catalog validation: names and texts", "[catalog][validation]") {
    const std::string a200 = repeat("ấ", 200);  // characters, not bytes: 600 bytes
    check_rules({
        {"name missing", [](json& v) { v.erase("name"); }, "name.vi", C::required},
        {"name.vi missing", [](json& v) { v["name"].erase("vi"); }, "name.vi", C::required},
        {"name.vi empty", [](json& v) { v["name"]["vi"] = ""; }, "name.vi", C::required},
        // The tab is a control character in a one-line field.
        {"name.vi only blanks", [](json& v) { v["name"]["vi"] = "  \t "; }, "name.vi",
         C::control_character},
        {"name.vi not a string", [](json& v) { v["name"]["vi"] = 12; }, "name.vi", C::wrong_type},
        {"name not an object", [](json& v) { v["name"] = "Sâm"; }, "name", C::wrong_type},
        {"name in an unknown language", [](json& v) { v["name"]["fr"] = "Ginseng"; }, "name.fr",
         C::unknown_field},
        {"name.en missing", [](json& v) { v["name"].erase("en"); }, nullptr},
        {"name.vi of 200 characters", [&](json& v) { v["name"]["vi"] = a200; }, nullptr},
        {"name.vi of 201 characters", [&](json& v) { v["name"]["vi"] = a200 + "a"; }, "name.vi",
         C::too_long},
        {"name.en of 201 characters", [](json& v) { v["name"]["en"] = std::string(201, 'x'); },
         "name.en", C::too_long},
        {"summary.vi of 1000 characters", [](json& v) { v["summary"]["vi"] = repeat("ư", 1000); },
         nullptr},
        {"summary.vi of 1001 characters", [](json& v) { v["summary"]["vi"] = repeat("ư", 1001); },
         "summary.vi", C::too_long},
        {"summary.en of 1001 characters",
         [](json& v) { v["summary"]["en"] = std::string(1001, 'x'); }, "summary.en", C::too_long},
        {"body.vi of 100 KB", [](json& v) { v["body"]["vi"] = std::string(100 * 1024, 'x'); },
         nullptr},
        {"body.vi over 100 KB", [](json& v) { v["body"]["vi"] = std::string(100 * 1024 + 1, 'x'); },
         "body.vi", C::too_large},
        // 40,000 characters of three bytes each: within a character limit, over the byte limit.
        {"body.en counted in bytes", [](json& v) { v["body"]["en"] = repeat("ấ", 40'000); },
         "body.en", C::too_large},
        {"area not a string", [](json& v) { v["area"] = json::array({"xã Tả Lèng"}); }, "area",
         C::wrong_type},
        {"source not a string", [](json& v) { v["source"] = 1; }, "source", C::wrong_type},
    });
}

TEST_CASE("catalog validation: unknown fields are reported at their path",
          "[catalog][validation]") {
    check_rules({
        {"unknown top-level field", [](json& v) { v["colour"] = "red"; }, "colour",
         C::unknown_field},
        {"misspelt field",
         [](json& v) {
             v["sumary"] = {{"vi", "x"}};
         },
         "sumary", C::unknown_field},
        {"unknown key in location", [](json& v) { v["location"]["alt"] = 1200; }, "location.alt",
         C::unknown_field},
        {"unknown language in body", [](json& v) { v["body"]["de"] = "x"; }, "body.de",
         C::unknown_field},
    });
}

TEST_CASE("catalog validation: location inside Lai Chau's outline", "[catalog][validation]") {
    auto at = [](json lat, json lon) {
        return [=](json& v) {
            v["location"]["lat"] = lat;
            v["location"]["lon"] = lon;
        };
    };
    check_rules({
        // Than Uyên and Tân Uyên: outside the old box and the old outline, inside the province.
        {"Than Uyên", at(21.9591, 103.8800), nullptr},
        {"Tân Uyên", at(22.1992, 103.7850), nullptr},
        {"Mường Than field, 103.92 E", at(22.0122, 103.9208), nullptr},
        // Tả Liên Sơn's summit lies 58 m outside this outline: within the tolerance.
        {"a summit on the boundary", at(22.4628, 103.5560), nullptr},
        {"Sa Pa, in Lào Cai", at(22.3364, 103.8438), "location", C::out_of_range},
        {"Điện Biên Phủ", at(21.3860, 103.0230), "location", C::out_of_range},
        {"inside the old box but in Yunnan", at(22.85, 103.5), "location", C::out_of_range},
        {"latitude out of range", at(-91.0, 103.3), "location.lat", C::out_of_range},
        {"longitude out of range", at(22.4, 181.0), "location.lon", C::out_of_range},
        {"latitude as a string", at("22.4", 103.3), "location.lat", C::wrong_type},
        {"longitude missing", [](json& v) { v["location"].erase("lon"); }, "location.lon",
         C::required},
        {"location not an object",
         [](json& v) {
             v["location"] = json::array({22.4, 103.3});
         },
         "location", C::wrong_type},
    });
}

TEST_CASE("catalog validation: km outside the province's outline", "[catalog][validation]") {
    CHECK(lc::km_outside_province(22.3964, 103.4582) == 0);  // Lai Châu city
    // Tả Liên Sơn: just outside; Sa Pa: a few kilometres beyond the pass.
    CHECK(lc::km_outside_province(22.4628, 103.5560) == Approx(0.058).margin(0.03));
    CHECK(lc::km_outside_province(22.3364, 103.8438) > 2);
    CHECK(lc::in_province(22.4628, 103.5560));
    CHECK_FALSE(lc::in_province(22.3364, 103.8438));
}

TEST_CASE("catalog validation: a location says how precise it is and where it comes from",
          "[catalog][validation]") {
    check_rules({
        {"every precision",
         [](json& v) {
             for (const char* p : {"site", "village", "commune-centre", "town", "approximate"}) {
                 v["location"]["precision"] = p;
                 REQUIRE(lc::parse_entry(v).entry);
             }
         },
         nullptr},
        {"precision missing", [](json& v) { v["location"].erase("precision"); },
         "location.precision", C::required},
        {"precision unknown", [](json& v) { v["location"]["precision"] = "exact"; },
         "location.precision", C::unknown_value},
        {"precision null", [](json& v) { v["location"]["precision"] = nullptr; },
         "location.precision", C::required},
        {"source missing", [](json& v) { v["location"].erase("source"); }, "location.source",
         C::required},
        {"source empty", [](json& v) { v["location"]["source"] = "  "; }, "location.source",
         C::required},
        {"source not a string", [](json& v) { v["location"]["source"] = 1; }, "location.source",
         C::wrong_type},
    });
}

TEST_CASE("catalog validation: area names a unit in force since 1 July 2025",
          "[catalog][validation]") {
    auto area = [](json value) { return [=](json& v) { v["area"] = value; }; };
    auto former = [](json value) { return [=](json& v) { v["former_district"] = value; }; };
    check_rules({
        {"a xã", area("xã Tả Lèng"), nullptr},
        {"a phường", area("phường Tân Phong"), nullptr},
        {"province-wide", area("Toàn tỉnh"), nullptr},
        {"Mù Cả, unchanged in 2025", area("xã Mù Cả"), nullptr},
        {"an old district", area("Tam Đường"), "area", C::unknown_value},
        {"an old commune merged away", area("xã Hồ Thầu"), "area", C::unknown_value},
        {"a new name without its type", area("Tả Lèng"), "area", C::unknown_value},
        {"the city that ended in 2025", area("Thành phố Lai Châu"), "area", C::unknown_value},
        {"a former district", former("Than Uyên"), nullptr},
        {"the former city", former("Thành phố Lai Châu"), nullptr},
        {"no former district", former(nullptr), nullptr},
        {"a 2025 unit as a former district", former("xã Tả Lèng"), "former_district",
         C::unknown_value},
        {"an unknown former district", former("Sa Pa"), "former_district", C::unknown_value},
    });
    // All 38 units, each spelled as the resolution does.
    CHECK(lc::kUnits2025.size() == 38);
    for (auto unit : lc::kUnits2025) CHECK(lc::is_area_2025(unit));
}

TEST_CASE("catalog validation: ocop_stars only on products and 3 to 5", "[catalog][validation]") {
    check_rules({
        {"3 stars", [](json& v) { v["ocop_stars"] = 3; }, nullptr},
        {"4 stars", [](json& v) { v["ocop_stars"] = 4; }, nullptr},
        {"2 stars", [](json& v) { v["ocop_stars"] = 2; }, "ocop_stars", C::out_of_range},
        {"6 stars", [](json& v) { v["ocop_stars"] = 6; }, "ocop_stars", C::out_of_range},
        {"3.5 stars", [](json& v) { v["ocop_stars"] = 3.5; }, "ocop_stars", C::wrong_type},
        {"stars as a string", [](json& v) { v["ocop_stars"] = "4"; }, "ocop_stars", C::wrong_type},
        {"stars on a destination", [](json& v) { v["kind"] = "destination"; }, "ocop_stars",
         C::not_allowed},
        {"stars on an event", [](json& v) { v["kind"] = "event"; }, "ocop_stars", C::not_allowed},
        {"stars on an opportunity", [](json& v) { v["kind"] = "opportunity"; }, "ocop_stars",
         C::not_allowed},
        {"no stars on a destination",
         [](json& v) {
             v["kind"] = "destination";
             v["ocop_stars"] = nullptr;
         },
         nullptr},
    });
}

TEST_CASE("catalog validation: season months", "[catalog][validation]") {
    check_rules({
        {"month 0",
         [](json& v) {
             v["season"] = {1, 0};
         },
         "season[1]", C::out_of_range},
        {"month 13", [](json& v) { v["season"] = {13}; }, "season[0]", C::out_of_range},
        {"a month twice",
         [](json& v) {
             v["season"] = {3, 4, 3};
         },
         "season[2]", C::duplicate},
        {"a month as a word",
         [](json& v) {
             v["season"] = {1, "may"};
         },
         "season[1]", C::wrong_type},
        {"a fractional month", [](json& v) { v["season"] = {2.5}; }, "season[0]", C::wrong_type},
        {"season not a list", [](json& v) { v["season"] = 5; }, "season", C::wrong_type},
        {"every month", [](json& v) { v["season"] = {12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}; },
         nullptr},
    });
    json v = valid_product();
    v["season"] = {12, 1, 2};
    CHECK(lc::entry_from_json(v).season == std::vector<int>{1, 2, 12});  // stored in month order
}

TEST_CASE("catalog validation: lists of aliases and themes and certifications",
          "[catalog][validation]") {
    check_rules({
        {"20 aliases", [](json& v) { v["aliases"] = list_of(20, "alias"); }, nullptr},
        {"21 aliases", [](json& v) { v["aliases"] = list_of(21, "alias"); }, "aliases",
         C::too_many},
        {"20 themes", [](json& v) { v["themes"] = list_of(20, "theme"); }, nullptr},
        {"21 themes", [](json& v) { v["themes"] = list_of(21, "theme"); }, "themes", C::too_many},
        {"20 certifications", [](json& v) { v["certifications"] = list_of(20, "c"); }, nullptr},
        {"21 certifications", [](json& v) { v["certifications"] = list_of(21, "c"); },
         "certifications", C::too_many},
        {"a theme with capitals",
         [](json& v) {
             v["themes"] = {"ocop", "Culture"};
         },
         "themes[1]", C::invalid_format},
        {"a theme with a space", [](json& v) { v["themes"] = {"rice terraces"}; }, "themes[0]",
         C::invalid_format},
        {"a theme with an accent", [](json& v) { v["themes"] = {"văn-hóa"}; }, "themes[0]",
         C::invalid_format},
        {"a theme listed twice",
         [](json& v) {
             v["themes"] = {"ocop", "ocop"};
         },
         "themes[1]", C::duplicate},
        {"an empty alias",
         [](json& v) {
             v["aliases"] = {"x", " "};
         },
         "aliases[1]", C::required},
        {"an alias not a string",
         [](json& v) {
             v["aliases"] = {"x", 5};
         },
         "aliases[1]", C::wrong_type},
        {"aliases not a list", [](json& v) { v["aliases"] = "x"; }, "aliases", C::wrong_type},
        {"an alias of 201 characters", [](json& v) { v["aliases"] = {std::string(201, 'x')}; },
         "aliases[0]", C::too_long},
    });
}

TEST_CASE("catalog validation: invalid UTF-8 names the field and the byte",
          "[catalog][validation]") {
    struct Row {
        std::string path;
        std::function<void(json&, const std::string&)> put;
    };
    const std::string bad = std::string("S") + "\xC3\x28" + "m";  // a lead byte followed by ASCII
    const Row rows[] = {
        {"name.vi", [](json& v, const std::string& s) { v["name"]["vi"] = s; }},
        {"summary.en", [](json& v, const std::string& s) { v["summary"]["en"] = s; }},
        {"body.vi", [](json& v, const std::string& s) { v["body"]["vi"] = s; }},
        {"aliases[1]", [](json& v, const std::string& s) { v["aliases"][1] = s; }},
        {"area", [](json& v, const std::string& s) { v["area"] = s; }},
        {"source", [](json& v, const std::string& s) { v["source"] = s; }},
    };
    for (const auto& row : rows) {
        json v = valid_product();
        row.put(v, bad);
        auto parsed = lc::parse_entry(v);
        INFO(row.path << describe(parsed.errors));
        REQUIRE(parsed.errors.size() == 1);
        CHECK(parsed.errors[0].path == row.path);
        CHECK(parsed.errors[0].message == "invalid UTF-8 at byte 1");
        CHECK(parsed.errors[0].code == C::invalid_utf8);
    }
    json v = valid_product();
    v["name"]["vi"] = std::string("Sâm\xFF");  // "Sâm" is 4 bytes: the bad one is byte 4
    auto parsed = lc::parse_entry(v);
    REQUIRE(parsed.errors.size() == 1);
    CHECK(parsed.errors[0].message == "invalid UTF-8 at byte 4");
    CHECK(parsed.errors[0].code == C::invalid_utf8);
}

TEST_CASE("catalog validation: control characters", "[catalog][validation]") {
    check_rules({
        {"a bell in name.vi", [](json& v) { v["name"]["vi"] = "Sâm\a"; }, "name.vi",
         C::control_character},
        {"a line break in name.vi", [](json& v) { v["name"]["vi"] = "Sâm\nLai Châu"; }, "name.vi",
         C::control_character},
        {"a tab in the slug", [](json& v) { v["slug"] = "sam\tlai"; }, "slug",
         C::control_character},
        {"a NUL in area", [](json& v) { v["area"] = std::string("Tam\0Đường", 11); }, "area",
         C::control_character},
        {"DEL in an alias", [](json& v) { v["aliases"] = {"sam\x7F"}; }, "aliases[0]",
         C::control_character},
        {"escape in summary.vi", [](json& v) { v["summary"]["vi"] = "a\x1b[31mred"; }, "summary.vi",
         C::control_character},
        {"C1 control (U+0085) in name.vi", [](json& v) { v["name"]["vi"] = "Sâm\u0085"; },
         "name.vi", C::control_character},
        {"C1 control (U+009B) in body.en", [](json& v) { v["body"]["en"] = "a\u009B31m"; },
         "body.en", C::control_character},
        // Prose may have paragraphs and tabs.
        {"line breaks in body.vi", [](json& v) { v["body"]["vi"] = "Một.\n\nHai.\r\nBa\tbốn."; },
         nullptr},
        {"line breaks in summary.en", [](json& v) { v["summary"]["en"] = "One.\nTwo."; }, nullptr},
    });
}

TEST_CASE("catalog validation: text comes back NFC and trimmed", "[catalog][validation]") {
    json v = valid_product();
    // "Sâm Lai Châu" decomposed: a + U+0302 (circumflex).
    v["name"]["vi"] = "Sa\xCC\x82m Lai Cha\xCC\x82u";
    v["summary"]["vi"] =
        "  Thuy\xCC\x89 \xC4\x91ie\xCC\x82\xCC\xA3n  \n";  // thuỷ điện, marks decomposed
    v["aliases"] = {"  sâm  ", " sa\xCC\x82m lai cha\xCC\x82u "};
    v["area"] = " xã Khun Há ";
    v["body"]["vi"] = "\n  Đoạn một.\n\nĐoạn hai.\n\n";
    lc::Entry e = lc::entry_from_json(v);
    CHECK(e.name.vi == "Sâm Lai Châu");
    CHECK(e.summary.vi == "Thuỷ điện");
    CHECK(e.aliases == std::vector<std::string>{"sâm", "sâm lai châu"});
    CHECK(e.area == "xã Khun Há");
    CHECK(e.body.vi == "Đoạn một.\n\nĐoạn hai.");
    // NFC keeps case and tone placement as written: only the code points change.
    v["name"]["vi"] = "Thuỷ điện Hoà Bình";
    CHECK(lc::entry_from_json(v).name.vi == "Thuỷ điện Hoà Bình");
    // Two aliases that differ only in composition are the same alias.
    v["aliases"] = {"sâm", "sa\xCC\x82m"};
    auto parsed = lc::parse_entry(v);
    CHECK(paths_of(parsed.errors) == std::vector<std::string>{"aliases[1]"});
}

TEST_CASE("catalog validation: every problem is reported not only the first",
          "[catalog][validation]") {
    json v = valid_product();
    v["slug"] = "Bad Slug";
    v["kind"] = "destination";  // and it keeps ocop_stars 5
    v["name"]["vi"] = "";
    v["location"]["lat"] = 40.0;
    v["season"] = {1, 13};
    auto parsed = lc::parse_entry(v);
    INFO(describe(parsed.errors));
    CHECK_FALSE(parsed.entry);
    auto paths = paths_of(parsed.errors);
    std::sort(paths.begin(), paths.end());
    CHECK(paths ==
          std::vector<std::string>{"location", "name.vi", "ocop_stars", "season[1]", "slug"});

    // Both coordinates wrong: said as what it is.
    json swapped = valid_product();
    swapped["location"]["lat"] = 103.5961;
    swapped["location"]["lon"] = 22.2297;
    auto both = lc::parse_entry(swapped);
    REQUIRE(both.errors.size() == 1);
    CHECK(both.errors[0] == lc::FieldError{"location", lc::FieldCode::invalid_format,
                                           "latitude and longitude are swapped"});

    // Not an object at all.
    auto not_object = lc::parse_entry(json::array({1, 2}));
    REQUIRE(not_object.errors.size() == 1);
    CHECK(not_object.errors[0].path == "");
    CHECK(not_object.errors[0].code == C::wrong_type);

    // entry_from_json throws them all, with each path in the message.
    try {
        lc::entry_from_json(v);
        FAIL("entry_from_json accepted an invalid entry");
    } catch (const lc::ValidationError& e) {
        CHECK(e.errors().size() == 5);
        for (const char* path : {"slug", "name.vi", "location", "ocop_stars", "season[1]"})
            CHECK_THAT(e.what(), Catch::Contains(std::string(path) + ": "));
    }
}

TEST_CASE("catalog validation: to_json gives the import shape back", "[catalog][validation]") {
    lc::Entry e = lc::entry_from_json(valid_product());
    auto j = lc::to_json(e);
    std::vector<std::string> keys;
    for (const auto& [k, value] : j.items()) keys.push_back(k);
    CHECK(keys == std::vector<std::string>{"slug", "kind", "name", "summary", "body", "aliases",
                                           "themes", "area", "former_district", "location",
                                           "ocop_stars", "certifications", "season", "source",
                                           "status"});
    CHECK(lc::entry_from_json(json::parse(j.dump())) == e);
    CHECK(lc::to_canonical_json(lc::entry_from_json(json::parse(lc::to_canonical_json(e)))) ==
          lc::to_canonical_json(e));
    lc::Entry m = lc::entry_from_json(minimal());
    auto mj = lc::to_json(m);
    CHECK(mj["location"].is_null());
    CHECK(mj["ocop_stars"].is_null());
    CHECK(mj["status"] == "published");
    CHECK(lc::entry_from_json(json::parse(mj.dump())) == m);

    // What the index stores reads back unchanged without validation, every
    // field (the product has all of them, the minimal entry none).
    CHECK(lc::entry_from_canonical_json(lc::to_canonical_json(e)) == e);
    CHECK(lc::entry_from_canonical_json(lc::to_canonical_json(m)) == m);
    lc::Entry draft = e;
    draft.kind = lc::Kind::opportunity;
    draft.status = lc::Status::draft;
    draft.ocop_stars.reset();
    CHECK(lc::entry_from_canonical_json(lc::to_canonical_json(draft)) == draft);
}

TEST_CASE("catalog validation: limits come with the codes that name them",
          "[catalog][validation]") {
    auto only_error = [](const std::function<void(json&)>& change) {
        json v = valid_product();
        change(v);
        auto parsed = lc::parse_entry(v);
        INFO(describe(parsed.errors));
        REQUIRE(parsed.errors.size() == 1);
        return parsed.errors[0];
    };
    auto name = only_error([](json& v) { v["name"]["en"] = std::string(201, 'x'); });
    CHECK(name.code == C::too_long);
    CHECK(name.max == 200);
    CHECK_FALSE(name.min);
    auto body = only_error([](json& v) { v["body"]["vi"] = std::string(100 * 1024 + 1, 'x'); });
    CHECK(body.code == C::too_large);
    CHECK(body.max == 100 * 1024);
    auto aliases = only_error([](json& v) { v["aliases"] = list_of(21, "alias"); });
    CHECK(aliases.code == C::too_many);
    CHECK(aliases.max == 20);
    auto lat = only_error([](json& v) { v["location"]["lat"] = -91.0; });
    CHECK(lat.code == C::out_of_range);
    CHECK(lat.min == -90);
    CHECK(lat.max == 90);
    // Beyond the outline there is no range to give: the distance is in the message.
    auto outside = only_error([](json& v) { v["location"]["lat"] = 23.5; });
    CHECK(outside.path == "location");
    CHECK(outside.code == C::out_of_range);
    CHECK_FALSE(outside.min);
    auto stars = only_error([](json& v) { v["ocop_stars"] = 2; });
    CHECK(stars.min == 3);
    CHECK(stars.max == 5);
    auto month = only_error([](json& v) { v["season"] = {13}; });
    CHECK(month.min == 1);
    CHECK(month.max == 12);
    // Codes without a bound carry none.
    auto unknown = only_error([](json& v) { v["colour"] = "red"; });
    CHECK(unknown.code == C::unknown_field);
    CHECK_FALSE(unknown.min);
    CHECK_FALSE(unknown.max);
}

TEST_CASE("catalog validation: every field code has one distinct name", "[catalog][validation]") {
    // (api_openapi_test checks that the API documents and the page translates each one.)
    const auto& codes = lc::all_field_codes();
    CHECK(codes.front() == C::required);
    CHECK(std::find(codes.begin(), codes.end(), C::not_allowed) != codes.end());
    std::set<std::string> names;
    for (auto code : codes) {
        std::string name(lc::to_string(code));
        CHECK(std::regex_match(name, std::regex("[a-z][a-z0-9_]*")));
        CHECK(names.insert(name).second);
    }
}

TEST_CASE("catalog validation: a content file lists photos by file, the API by id only",
          "[catalog][validation]") {
    auto with_photos = [](json photos) {
        json v = valid_product();
        v["photos"] = std::move(photos);
        return v;
    };
    const json good = {{"file", "photos/sam-lai-chau/cu-sam.jpg"},
                       {"alt", {{"vi", "Củ sâm"}, {"en", "A ginseng root"}}},
                       {"credit", "Ảnh: tỉnh Lai Châu"}};
    auto parsed =
        lc::parse_entry(with_photos(json::array({good,
                                                 {{"file", "photos/x/LA.WEBP"},
                                                  {"alt", {{"vi", "Lá"}, {"en", "Leaves"}}},
                                                  {"credit", "x"}}})),
                        lc::PhotoShape::file);
    INFO(describe(parsed.errors));
    REQUIRE(parsed.entry);
    CHECK(parsed.photo_files ==
          std::vector<std::string>{"photos/sam-lai-chau/cu-sam.jpg", "photos/x/LA.WEBP"});
    REQUIRE(parsed.entry->photos.size() == 2);
    CHECK(parsed.entry->photos[0].alt.en == "A ginseng root");
    CHECK(parsed.entry->photos[0].credit == "Ảnh: tỉnh Lai Châu");
    CHECK(parsed.entry->photos[0].id.empty());  // until import processes the file
    CHECK(parsed.entry->photos[0].width == 0);

    struct Row {
        const char* what;
        std::function<void(json&)> change;
        std::string path;
        C code;
    };
    const std::vector<Row> rows = {
        {"no file", [](json& p) { p.erase("file"); }, "photos[1].file", C::required},
        {"an empty file", [](json& p) { p["file"] = " "; }, "photos[1].file", C::required},
        {"a number", [](json& p) { p["file"] = 3; }, "photos[1].file", C::wrong_type},
        {"up and out", [](json& p) { p["file"] = "../x.jpg"; }, "photos[1].file",
         C::invalid_format},
        {"up and out, further in", [](json& p) { p["file"] = "photos/a/../../../x.jpg"; },
         "photos[1].file", C::invalid_format},
        {"just ..", [](json& p) { p["file"] = "photos/.."; }, "photos[1].file", C::invalid_format},
        {"absolute", [](json& p) { p["file"] = "/etc/passwd.jpg"; }, "photos[1].file",
         C::invalid_format},
        {"backslashes", [](json& p) { p["file"] = "photos\\x.jpg"; }, "photos[1].file",
         C::invalid_format},
        {"not a photo's name", [](json& p) { p["file"] = "photos/x/notes.txt"; }, "photos[1].file",
         C::invalid_format},
        {"a GIF's name", [](json& p) { p["file"] = "photos/x/a.gif"; }, "photos[1].file",
         C::invalid_format},
        {"a control character", [](json& p) { p["file"] = "photos/x\n.jpg"; }, "photos[1].file",
         C::control_character},
        {"over 300 characters", [](json& p) { p["file"] = std::string(300, 'a') + ".jpg"; },
         "photos[1].file", C::too_long},
        {"listed twice", [&](json& p) { p["file"] = good["file"]; }, "photos[1].file",
         C::duplicate},
        {"an id as well", [](json& p) { p["id"] = std::string(32, 'a'); }, "photos[1].id",
         C::unknown_field},
        {"a size as well", [](json& p) { p["width"] = 100; }, "photos[1].width", C::unknown_field},
        {"no Vietnamese alt", [](json& p) { p["alt"].erase("vi"); }, "photos[1].alt.vi",
         C::required},
        {"an empty English alt", [](json& p) { p["alt"]["en"] = ""; }, "photos[1].alt.en",
         C::required},
        {"no credit", [](json& p) { p.erase("credit"); }, "photos[1].credit", C::required},
    };
    for (const auto& row : rows) {
        json second = good;
        second["file"] = "photos/sam-lai-chau/la.png";
        row.change(second);
        auto r = lc::parse_entry(with_photos(json::array({good, second})), lc::PhotoShape::file);
        INFO(row.what << describe(r.errors));
        CHECK(paths_of(r.errors) == std::vector<std::string>{row.path});
        if (!r.errors.empty()) CHECK(r.errors[0].code == row.code);
        CHECK_FALSE(r.entry);
    }

    // The HTTP API's shape never takes a file: a client cannot name one on
    // the server.
    json stored = good;
    stored.update({{"id", std::string(32, 'a')}, {"width", 10}, {"height", 10}});
    auto api = lc::parse_entry(with_photos(json::array({stored})));
    INFO(describe(api.errors));
    CHECK(paths_of(api.errors) == std::vector<std::string>{"photos[0].file"});
    CHECK(api.errors.at(0).code == C::unknown_field);
    stored.erase("file");
    CHECK(lc::parse_entry(with_photos(json::array({stored}))).entry);
}
