// What visitors search, through lc-api: counts and the opened flag after real
// searches and entry views, nothing identifying in the stats store's bytes,
// the bound on distinct queries a day and the retention of days
// (--stats-max-queries, --stats-days).
#include <SQLiteCpp/SQLiteCpp.h>

#include "api_helpers.h"
#include "stats/search_stats.h"

using namespace lc::test;
using namespace lc::test::apitest;

namespace {

const json* row_for(const json& list, const std::string& query) {
    for (const auto& row : list)
        if (row.at("query") == query) return &row;
    return nullptr;
}

std::string search_path(const std::string& q, const std::string& extra = "") {
    return "/api/search?q=" + url_encode(q) + extra;
}

// Everything SQLite keeps of the stats: the database and its write-ahead log.
std::string stats_bytes(const fs::path& data) {
    fs::path file = lc::SearchStats::file_in(data);
    std::string bytes = read_file(file);
    fs::path wal = file.string() + "-wal";
    if (fs::exists(wal)) bytes += read_file(wal);
    return bytes;
}

}  // namespace

TEST_CASE("api stats: counts and the opened flag after real searches and entry views",
          "[api][stats]") {
    ApiServer api;
    Http& http = api.http();
    const std::string token = create_token(api.data(), "stats-editor", "editor");
    // What a visitor's browser sends, none of which may be stored.
    const std::string agent = "ProbeBrowser/9.41 (stats-privacy-marker)";
    const std::string forwarded = "203.0.113.77";
    httplib::Headers visitor = {{"User-Agent", agent}, {"X-Forwarded-For", forwarded}};

    json found = require_json(http.get(search_path("Sìn Hồ"), visitor));
    REQUIRE(found.at("total").get<int>() > 0);
    const std::string opened_slug = found["results"][0]["slug"];
    http.get(search_path("  SÌN   HỒ "), visitor);  // the same query, normalized
    http.get(search_path("sìn hồ"), visitor);
    const std::string nothing = "xqzvbnkw wpvq";
    CHECK(require_json(http.get(search_path(nothing), visitor))["total"] == 0);
    http.get(search_path(nothing), visitor);
    json tea = require_json(http.get(search_path("chè"), visitor));
    REQUIRE(tea["total"].get<int>() > 0);
    // Not counted: typing so far, a later page, the page's repeat for its map.
    http.get(search_path("sìn h", "&prefix=1"), visitor);
    http.get(search_path("chè", "&page=2"), visitor);
    http.get(search_path("chè", "&record=0"), visitor);
    // A result opened from the search for "sìn hồ" (the page passes it along).
    CHECK(http.get("/api/entries/" + opened_slug + "?q=" + url_encode("Sìn Hồ"), visitor).status ==
          200);

    require_error(http.get("/api/stats/searches?days=7"), 401, "unauthorized");
    json stats = require_json(http.get("/api/stats/searches?days=7", bearer(token)));
    INFO(stats.dump());
    CHECK(stats["days"] == 7);
    CHECK(stats["searches"] == 6);
    const json* sin_ho = row_for(stats["top"], "sìn hồ");
    REQUIRE(sin_ho);
    CHECK((*sin_ho)["count"] == 3);
    CHECK((*sin_ho)["results"] == found["total"]);
    CHECK((*sin_ho)["opened"] == 1);
    CHECK(stats["top"][0]["query"] == "sìn hồ");  // sorted by count
    REQUIRE(stats["zero_results"].size() == 1);
    CHECK(stats["zero_results"][0] == json({{"query", nothing}, {"count", 2}}));
    REQUIRE(stats["not_opened"].size() == 1);
    CHECK(stats["not_opened"][0] == json({{"query", "chè"}, {"count", 1}}));
    CHECK_FALSE(row_for(stats["top"], "sìn h"));
    REQUIRE(stats["per_day"].size() == 1);
    CHECK(stats["per_day"][0]["searches"] == 6);
    require_error(http.get("/api/stats/searches?days=0", bearer(token)), 400, "invalid_parameter",
                  "days");

    // The report wrote the counts out; the store's bytes hold the queries and
    // nothing about who asked.
    std::string bytes = stats_bytes(api.data());
    CHECK(bytes.find(nothing) != std::string::npos);
    CHECK(bytes.find("stats-privacy-marker") == std::string::npos);
    CHECK(bytes.find("ProbeBrowser") == std::string::npos);
    CHECK(bytes.find(forwarded) == std::string::npos);
    CHECK(bytes.find("127.0.0.1") == std::string::npos);
    CHECK(bytes.find(token) == std::string::npos);
}

TEST_CASE("api stats: a flood of unique queries stays within the bound, old days are dropped",
          "[api][stats]") {
    TempDir dir;
    const fs::path data = dir / "data";
    prepare_data(data);
    const auto now = std::chrono::system_clock::now();
    {
        // Days recorded earlier: 30 days ago (past a 7-day retention) and 2 days ago.
        auto at =
            std::make_shared<std::chrono::system_clock::time_point>(now - std::chrono::days(30));
        lc::SearchStats earlier(data, {100, 90, [at] { return *at; }});
        earlier.record_search("a month ago", 1);
        earlier.flush();
        *at = now - std::chrono::days(2);
        earlier.record_search("two days ago", 1);
        earlier.flush();
    }
    const int bound = 50;
    ServerProcess server(data, {"--stats-days", "7", "--stats-max-queries", std::to_string(bound)});
    Http http(server.port());
    const std::string token = create_token(data, "flood-editor", "editor");

    const int flood = 1000;
    for (int i = 0; i < flood; ++i) {
        INFO(i);
        REQUIRE(http.get(search_path("junk " + std::to_string(i) + " qzx")).status == 200);
    }
    json stats = require_json(http.get("/api/stats/searches?days=90&limit=500", bearer(token)));
    CHECK(stats["searches"] == flood + 1);  // every search counted, the rest as "other"
    CHECK(stats["other"].get<int>() > flood - bound);
    CHECK(row_for(stats["top"], "two days ago"));
    CHECK_FALSE(row_for(stats["top"], "a month ago"));
    REQUIRE(stats["per_day"].size() == 2);

    SQLite::Database db(lc::SearchStats::file_in(data).string(), SQLite::OPEN_READONLY);
    const std::string today = stats["per_day"][1]["day"];
    SQLite::Statement rows(db, "SELECT COUNT(*) FROM searches WHERE day = ?");
    rows.bind(1, today);
    REQUIRE(rows.executeStep());
    CHECK(rows.getColumn(0).getInt() <= bound);
    CHECK(db.execAndGet("SELECT COUNT(*) FROM searches WHERE day < date('now', '-6 days')")
              .getInt() == 0);
}

TEST_CASE("api stats: --stats-days 0 records nothing", "[api][stats]") {
    TempDir dir;
    const fs::path data = dir / "data";
    prepare_data(data);
    ServerProcess server(data, {"--stats-days", "0"});
    Http http(server.port());
    const std::string token = create_token(data, "off-editor", "editor");
    CHECK(http.get(search_path("chè")).status == 200);
    require_error(http.get("/api/stats/searches", bearer(token)), 404, "stats_off");
    CHECK_FALSE(fs::exists(lc::SearchStats::file_in(data)));
}
