// The relevance suite: judged queries over the real content/ catalog
// (tests/data/relevance.yaml, where the fields are described), each searched
// in-process through SearchService and checked against what a person who
// knows the catalog expects to see near the top.
#include <yaml-cpp/yaml.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "search/search_service.h"
#include "support/server_process.h"
#include "support/temp_dir.h"
#include "text/vietnamese.h"

namespace fs = std::filesystem;

namespace {

const fs::path kJudgementsFile = fs::path(LC_SOURCE_DIR) / "tests" / "data" / "relevance.yaml";

const std::set<std::string> kRequestKeys{"query", "why",   "tags", "lang",
                                         "kind",  "theme", "area", "stars_min"};
const std::set<std::string> kExpectKeys{
    "expect_top3",      "expect_top3_within",   "expect_first",
    "expect_before",    "expect_absent",        "expect_total",
    "expect_corrected", "expect_not_corrected", "expect_corrected_not_contains"};

// The least number of rows of each kind the issue asks for.
const std::map<std::string, std::size_t> kMinimumPerTag{
    {"accented", 10}, {"unaccented", 8}, {"uppercase", 3}, {"nfd", 1},    {"typo", 5},
    {"english", 6},   {"synonym", 5},    {"phrase", 4},    {"filter", 5}, {"accent-preference", 2}};

// One data folder with content/ imported and indexed, shared by every row and
// removed when the process ends.
const fs::path& indexed_catalog() {
    static const lc::test::TempDir dir;
    static const fs::path data = [] {
        fs::path d = dir / "data";
        lc::test::prepare_data(d);
        return d;
    }();
    return data;
}

YAML::Node judgements() {
    return YAML::LoadFile(kJudgementsFile.string());
}

std::vector<std::string> strings(const YAML::Node& row, const char* key) {
    std::vector<std::string> out;
    if (row[key]) out = row[key].as<std::vector<std::string>>();
    return out;
}

std::optional<std::string> string_field(const YAML::Node& row, const char* key) {
    if (!row[key]) return std::nullopt;
    return row[key].as<std::string>();
}

// Every slug a row names, whichever expectation it is in.
std::vector<std::string> named_slugs(const YAML::Node& row) {
    std::vector<std::string> out;
    for (const char* key : {"expect_top3", "expect_top3_within", "expect_absent"}) {
        auto v = strings(row, key);
        out.insert(out.end(), v.begin(), v.end());
    }
    if (auto first = string_field(row, "expect_first")) out.push_back(*first);
    if (row["expect_before"]) {
        for (const auto& pair : row["expect_before"]) {
            for (const auto& s : pair.as<std::vector<std::string>>()) out.push_back(s);
        }
    }
    return out;
}

std::set<std::string> catalog_slugs() {
    std::set<std::string> out;
    for (const auto& kind_dir : fs::directory_iterator(lc::test::content_dir())) {
        if (!kind_dir.is_directory()) continue;
        for (const auto& file : fs::directory_iterator(kind_dir.path())) {
            if (file.path().extension() == ".yaml") out.insert(file.path().stem().string());
        }
    }
    return out;
}

lc::SearchRequest request_for(const YAML::Node& row) {
    lc::SearchRequest r;
    r.query = row["query"].as<std::string>();
    r.lang = string_field(row, "lang").value_or("vi");
    r.kinds = strings(row, "kind");
    r.themes = strings(row, "theme");
    r.areas = strings(row, "area");
    if (row["stars_min"]) r.stars_min = row["stars_min"].as<int>();
    r.per_page = 100;  // more than the catalog holds: "absent" means not matched at all
    return r;
}

std::optional<std::size_t> rank_of(const std::vector<std::string>& slugs, const std::string& slug) {
    auto it = std::find(slugs.begin(), slugs.end(), slug);
    if (it == slugs.end()) return std::nullopt;
    return static_cast<std::size_t>(it - slugs.begin());
}

// What the engine answered, for the failure message.
std::string describe(const std::vector<std::string>& slugs, const lc::SearchResponse& res) {
    std::string out = "engine top 5:";
    for (std::size_t i = 0; i < std::min<std::size_t>(5, slugs.size()); ++i) out += " " + slugs[i];
    if (slugs.empty()) out += " (nothing)";
    out += "; total " + std::to_string(res.total) +
           "; corrected_query: " + res.corrected_query.value_or("null");
    return out;
}

bool satisfies_filters(const lc::SearchRequest& r, const lc::SearchHit& hit) {
    if (!r.kinds.empty() && std::find(r.kinds.begin(), r.kinds.end(),
                                      std::string(lc::to_string(hit.kind))) == r.kinds.end()) {
        return false;
    }
    if (!r.themes.empty() &&
        std::none_of(hit.themes.begin(), hit.themes.end(), [&](const std::string& t) {
            return std::find(r.themes.begin(), r.themes.end(), t) != r.themes.end();
        })) {
        return false;
    }
    if (!r.areas.empty() && std::none_of(r.areas.begin(), r.areas.end(), [&](const std::string& a) {
            // An old district name finds its places through former_district.
            return lc::text::fold(a) == lc::text::fold(hit.area) ||
                   lc::text::fold(a) == lc::text::fold(hit.former_district);
        })) {
        return false;
    }
    if (r.stars_min && (!hit.ocop_stars || *hit.ocop_stars < *r.stars_min)) return false;
    return true;
}

}  // namespace

TEST_CASE("relevance judgements are well formed and cover the required kinds of query",
          "[relevance]") {
    const YAML::Node rows = judgements();
    REQUIRE(rows.IsSequence());
    CHECK(rows.size() >= 40);

    const auto slugs = catalog_slugs();
    REQUIRE(slugs.size() >= 40);
    std::map<std::string, std::size_t> per_tag;
    for (const auto& row : rows) {
        REQUIRE(row["query"]);
        const auto query = row["query"].as<std::string>();
        CAPTURE(query);
        CHECK(row["why"]);
        std::size_t expectations = 0;
        for (const auto& kv : row) {
            const auto key = kv.first.as<std::string>();
            CAPTURE(key);
            CHECK((kRequestKeys.count(key) == 1 || kExpectKeys.count(key) == 1));
            expectations += kExpectKeys.count(key);
        }
        CHECK(expectations > 0);
        for (const auto& slug : named_slugs(row)) {
            CAPTURE(slug);
            CHECK(slugs.count(slug) == 1);
        }

        // A tag must be true of the query, so the coverage counts below mean something.
        const auto canonical = lc::text::normalize(query);
        for (const auto& tag : strings(row, "tags")) {
            CAPTURE(tag);
            ++per_tag[tag];
            if (tag == "accented") CHECK(lc::text::has_diacritics(canonical));
            if (tag == "unaccented") CHECK_FALSE(lc::text::has_diacritics(canonical));
            if (tag == "nfd") CHECK(lc::text::to_nfc(query) != query);
            if (tag == "phrase") CHECK(query.find('"') != std::string::npos);
            if (tag == "english")
                CHECK(string_field(row, "lang") == std::optional<std::string>("en"));
            if (tag == "filter") {
                CHECK((row["kind"] || row["theme"] || row["area"] || row["stars_min"]));
            }
        }
    }
    for (const auto& [tag, minimum] : kMinimumPerTag) {
        CAPTURE(tag);
        CHECK(per_tag[tag] >= minimum);
    }
}

TEST_CASE("relevance judgements hold over the real catalog", "[relevance]") {
    lc::SearchService service(indexed_catalog());
    const YAML::Node rows = judgements();
    REQUIRE(rows.size() >= 40);

    for (const auto& row : rows) {
        const lc::SearchRequest request = request_for(row);
        const std::string query = request.query;
        const std::string why = row["why"].as<std::string>();
        CAPTURE(query, why);

        const lc::SearchResponse res = service.search(request);
        std::vector<std::string> slugs;
        for (const auto& hit : res.results) slugs.push_back(hit.slug);
        const std::string engine = describe(slugs, res);
        INFO(engine);
        REQUIRE(slugs.size() == std::min<std::size_t>(res.total, request.per_page));

        for (const auto& hit : res.results) {
            CAPTURE(hit.slug);
            CHECK(satisfies_filters(request, hit));
        }
        if (auto first = string_field(row, "expect_first")) {
            CAPTURE(*first);
            CHECK(rank_of(slugs, *first) == std::optional<std::size_t>(0));
        }
        for (const auto& slug : strings(row, "expect_top3")) {
            INFO("expected in the top 3: " << slug);
            const auto rank = rank_of(slugs, slug);
            CHECK((rank && *rank < 3));
        }
        if (row["expect_top3_within"]) {
            const auto allowed = strings(row, "expect_top3_within");
            CHECK_FALSE(slugs.empty());
            for (std::size_t i = 0; i < std::min<std::size_t>(3, slugs.size()); ++i) {
                INFO("result #" << i + 1 << " " << slugs[i] << " is not one of expect_top3_within");
                CHECK(std::find(allowed.begin(), allowed.end(), slugs[i]) != allowed.end());
            }
        }
        if (row["expect_before"]) {
            for (const auto& pair : row["expect_before"]) {
                const auto ab = pair.as<std::vector<std::string>>();
                REQUIRE(ab.size() == 2);
                INFO("expected " << ab[0] << " above " << ab[1]);
                const auto a = rank_of(slugs, ab[0]), b = rank_of(slugs, ab[1]);
                CHECK((a && (!b || *a < *b)));
            }
        }
        for (const auto& slug : strings(row, "expect_absent")) {
            INFO("expected not found: " << slug);
            CHECK_FALSE(rank_of(slugs, slug));
        }
        if (row["expect_total"]) CHECK(res.total == row["expect_total"].as<std::size_t>());
        if (auto corrected = string_field(row, "expect_corrected")) {
            CHECK(res.corrected_query == corrected);
        }
        if (row["expect_not_corrected"] && row["expect_not_corrected"].as<bool>()) {
            CHECK_FALSE(res.corrected_query);
        }
        if (auto banned = string_field(row, "expect_corrected_not_contains")) {
            CHECK(res.corrected_query.value_or("").find(*banned) == std::string::npos);
        }
    }
}
