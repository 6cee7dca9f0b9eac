// Search statistics at the engine level: normalized counting, the opened
// count, the bound on distinct queries a day under a flood, and retention.
#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <string>

#include "stats/search_stats.h"
#include "support/temp_dir.h"

using lc::test::TempDir;
using namespace std::chrono;

namespace {

// A clock the test moves by hand, starting at 2026-12-05 10:00 UTC.
struct ManualClock {
    std::shared_ptr<system_clock::time_point> now =
        std::make_shared<system_clock::time_point>(sys_days{year{2026} / 12 / 5} + hours(10));
    void advance(days d) { *now += d; }
    std::function<system_clock::time_point()> fn() const {
        return [now = now] { return *now; };
    }
};

const lc::QueryCount* find(const std::vector<lc::QueryCount>& list, const std::string& q) {
    for (const auto& row : list)
        if (row.query == q) return &row;
    return nullptr;
}

}  // namespace

TEST_CASE("search stats count normalized queries, results and opens", "[stats]") {
    TempDir dir;
    ManualClock clock;
    lc::SearchStats stats(dir.path(), {100, 90, clock.fn()});
    // NFD input, capitals and stray spaces count as one query.
    stats.record_search("  Sìn  Hồ ", 4);
    stats.record_search("sìn hồ", 4);
    stats.record_search("SI\xCC\x80N HÔ\xCC\x80", 4);
    stats.record_search("xyzzy", 0);
    stats.record_search("xyzzy", 0);
    stats.record_search("chè", 12);
    stats.record_search("   ", 3);  // no words: not counted
    stats.record_opened("Sìn Hồ");
    stats.record_opened("never searched");  // not a way to add queries

    lc::SearchReport r = stats.report(7);
    CHECK(r.searches == 6);
    REQUIRE(r.top.size() == 3);
    CHECK(r.top[0].query == "sìn hồ");
    CHECK(r.top[0].count == 3);
    CHECK(r.top[0].results == 4);
    CHECK(r.top[0].opened == 1);
    CHECK(r.top[1].query == "xyzzy");
    REQUIRE(r.zero_results.size() == 1);
    CHECK(r.zero_results[0].query == "xyzzy");
    CHECK(r.zero_results[0].count == 2);
    REQUIRE(r.not_opened.size() == 1);
    CHECK(r.not_opened[0].query == "chè");
    CHECK(find(r.top, "never searched") == nullptr);
    REQUIRE(r.per_day.size() == 1);
    CHECK(r.per_day[0].day == "2026-12-05");
    CHECK(r.per_day[0].searches == 6);
}

TEST_CASE("search stats keep the latest result count and survive a reopen", "[stats]") {
    TempDir dir;
    ManualClock clock;
    {
        lc::SearchStats stats(dir.path(), {100, 90, clock.fn()});
        stats.record_search("ma lù thàng", 0);
        stats.flush();
        clock.advance(days(1));
        // A synonym later made it findable: the newest day's count wins.
        stats.record_search("ma lù thàng", 2);
    }  // the destructor writes what is pending
    lc::SearchStats reopened(dir.path(), {100, 90, clock.fn()});
    auto r = reopened.report(7);
    REQUIRE(r.top.size() == 1);
    CHECK(r.top[0].count == 2);
    CHECK(r.top[0].results == 2);
    CHECK(r.zero_results.empty());
    CHECK(r.per_day.size() == 2);
    // A report of one day sees only today.
    CHECK(reopened.report(1).searches == 1);
}

TEST_CASE("a flood of unique queries stays within the day's bound", "[stats]") {
    TempDir dir;
    ManualClock clock;
    const std::size_t bound = 500;
    lc::SearchStats stats(dir.path(), {bound, 90, clock.fn()});
    stats.record_search("chè", 5);
    stats.flush();
    const int flood = 100'000;
    for (int i = 0; i < flood; ++i) {
        stats.record_search("junk query " + std::to_string(i), 0);
        if (i % 10'000 == 9'999) stats.flush();  // as the writer would, once a second
    }
    stats.record_search("chè", 5);  // a known query is still counted as itself
    stats.flush();
    CHECK(stats.stored_queries("2026-12-05") <= bound);
    auto r = stats.report(1, 1000);
    CHECK(r.searches == flood + 2);  // nothing lost: the rest are "other"
    CHECK(r.other > 0);
    const auto* che = find(r.top, "chè");
    REQUIRE(che != nullptr);
    CHECK(che->count == 2);
    CHECK(std::filesystem::file_size(lc::SearchStats::file_in(dir.path())) < 1'000'000);
}

TEST_CASE("search stats drop days older than the retention", "[stats]") {
    TempDir dir;
    ManualClock clock;
    lc::SearchStats stats(dir.path(), {100, 3, clock.fn()});
    for (int d = 0; d < 5; ++d) {
        stats.record_search("day " + std::to_string(d), 1);
        stats.flush();
        clock.advance(days(1));
    }
    // Now 2026-12-10: keeping 3 days keeps the 8th, 9th and (empty) 10th.
    stats.flush();
    CHECK(stats.stored_days() == std::vector<std::string>{"2026-12-08", "2026-12-09"});
    auto r = stats.report(90);
    CHECK(r.searches == 2);
    CHECK(find(r.top, "day 0") == nullptr);
    CHECK(find(r.top, "day 4") != nullptr);
}

TEST_CASE("the background writer flushes without being asked", "[stats]") {
    TempDir dir;
    lc::SearchStats stats(dir.path());
    stats.start_background_flush(milliseconds(50));
    stats.record_search("sa pả", 1);
    std::string today;
    for (int i = 0; i < 100; ++i) {
        auto days_stored = stats.stored_days();
        if (!days_stored.empty()) {
            today = days_stored.front();
            break;
        }
        std::this_thread::sleep_for(milliseconds(20));
    }
    REQUIRE_FALSE(today.empty());
    CHECK(stats.stored_queries(today) == 1);
}
