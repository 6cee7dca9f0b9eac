// An entry's best months in words. The rows live in tests/data/season_words.json,
// which the browser module's test (tests/web/month.test.mjs) reads too, so the
// server and the page say the same.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>

#include "catalog/season_words.h"

TEST_CASE("season_words: ranges of consecutive months, over the new year", "[season]") {
    std::ifstream file(std::string(LC_SOURCE_DIR) + "/tests/data/season_words.json");
    REQUIRE(file);
    const auto rows = nlohmann::json::parse(file);
    REQUIRE(rows.size() >= 10);
    for (const auto& row : rows) {
        const auto months = row.at("months").get<std::vector<int>>();
        INFO(row.dump());
        CHECK(lc::season_words(months, "vi") == row.at("vi").get<std::string>());
        CHECK(lc::season_words(months, "en") == row.at("en").get<std::string>());
    }
}
