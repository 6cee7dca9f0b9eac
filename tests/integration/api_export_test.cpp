// The best time to go and data to take away, over real HTTP: month=1..12 on
// /api/search and its month facet, and format=csv / format=geojson (every
// match of the same filters). Fixture entries share a made-up word, so the
// expected counts come from the fixtures below, not from the content folder.
#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <sstream>

#include "api/export.h"
#include "api/export_csv.h"
#include "api_helpers.h"

using namespace lc::test;
using namespace lc::test::apitest;

namespace {

const std::string kWord = "zelkovar";

struct Fixture {
    std::string slug, name_vi, name_en;
    std::vector<int> season;
    std::optional<std::pair<double, double>> lat_lon;
};

// Names with commas and quotes, entries with and without season and location.
const std::vector<Fixture>& imported() {
    static const std::vector<Fixture> rows = {
        {"export-phay",
         "Bản thử, có dấu phẩy",
         "Test village, with a comma",
         {9, 10},
         std::pair{22.4, 103.4}},
        {"export-ngoac",
         "Chợ \"Phiên\" thử",
         "The \"Fair\" test",
         {12, 1, 2},
         std::pair{22.41, 103.41}},
        {"export-khong-mua", "Điểm thử không mùa", "No season test", {}, std::pair{22.42, 103.42}},
        {"export-khong-vi-tri", "Điểm thử không vị trí", "No location test", {3}, std::nullopt},
    };
    return rows;
}
// Created through the write API by the test.
const Fixture kPosted = {"export-viet-qua-api",
                         "Điểm \"ngoặc\", phẩy",
                         "Posted, \"quoted\"",
                         {3, 4},
                         std::pair{22.43, 103.43}};

json entry_json(const Fixture& f) {
    json e = {{"slug", f.slug},
              {"kind", "destination"},
              {"name", {{"vi", f.name_vi}, {"en", f.name_en}}},
              {"summary", {{"vi", "Mục thử " + kWord + "."}, {"en", "Test entry " + kWord + "."}}},
              {"themes", json::array({"culture", "tea"})},
              {"area", "xã Bình Lư"},
              {"season", f.season}};
    if (f.lat_lon)
        e["location"] = {{"lat", f.lat_lon->first},
                         {"lon", f.lat_lon->second},
                         {"precision", "site"},
                         {"source", "a test"}};
    return e;
}

const std::vector<Fixture>& all_fixtures() {
    static const std::vector<Fixture> all = [] {
        auto rows = imported();
        rows.push_back(kPosted);
        return rows;
    }();
    return all;
}

struct ExportServer {
    TempDir fixtures;
    std::unique_ptr<ApiServer> api;

    ExportServer() {
        std::ostringstream lines;
        for (const auto& f : imported()) lines << entry_json(f).dump() << "\n";
        write_file(fixtures / "fixtures.jsonl", lines.str());
        api = std::make_unique<ApiServer>(
            std::vector<std::string>{(fixtures / "fixtures.jsonl").string()});
        std::string token = create_token(api->data(), "export-editor", "editor");
        Reply r =
            api->http().send("POST", "/api/entries", entry_json(kPosted).dump(), bearer(token));
        INFO(describe(r));
        REQUIRE(r.status == 201);
        REQUIRE(eventually([&] { return search_lists(api->http(), kWord, kPosted.slug); },
                           std::chrono::milliseconds(5000)));
    }
};

ExportServer& shared() {
    static ExportServer s;
    return s;
}

Http& http() {
    return shared().api->http();
}

// RFC 4180: fields separated by commas, records by CRLF, quoted fields with
// doubled quotes.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                rows.back().back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                rows.back().back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().emplace_back();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            rows.emplace_back(1);
            ++i;
        } else {
            rows.back().back() += c;
        }
    }
    if (rows.back() == std::vector<std::string>(1)) rows.pop_back();
    return rows;
}

std::size_t with_month(int month) {
    std::size_t n = 0;
    for (const auto& f : all_fixtures())
        n += std::count(f.season.begin(), f.season.end(), month) ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("api export: month filters by season, any of the months given", "[api][month]") {
    for (int month = 1; month <= 12; ++month) {
        json body = require_json(
            http().get("/api/search?per_page=50&q=" + kWord + "&month=" + std::to_string(month)));
        INFO("month " << month);
        std::set<std::string> expected;
        for (const auto& f : all_fixtures())
            if (std::count(f.season.begin(), f.season.end(), month)) expected.insert(f.slug);
        CHECK(slugs_of(body) == expected);
        CHECK(body["total"] == expected.size());
    }
    // Any of: March or September.
    json either =
        require_json(http().get("/api/search?per_page=50&q=" + kWord + "&month=3&month=9"));
    CHECK(slugs_of(either) ==
          std::set<std::string>{"export-khong-vi-tri", "export-viet-qua-api", "export-phay"});
    // With other filters: both must hold.
    json themed = require_json(
        http().get("/api/search?per_page=50&q=" + kWord + "&month=3&kind=destination&theme=tea"));
    CHECK(themed["total"] == 2);
    // An entry without a season never matches a month.
    json all_months = require_json(http().get(
        "/api/search?per_page=50&q=" + kWord +
        "&month=1&month=2&month=3&month=4&month=5&month=6&month=7&month=8&month=9&month=10&"
        "month=11&month=12"));
    CHECK(all_months["total"] == all_fixtures().size() - 1);
    CHECK(slugs_of(all_months).count("export-khong-mua") == 0);
}

TEST_CASE("api export: the month facet counts the match by month, ignoring its own filter",
          "[api][month]") {
    json body = require_json(http().get("/api/search?q=" + kWord));
    json expected = json::object();
    for (int month = 1; month <= 12; ++month)
        if (std::size_t n = with_month(month)) expected[std::to_string(month)] = n;
    CHECK(body["facets"]["month"] == expected);
    // Calendar order, not largest first (as sent: ordered_json keeps it).
    auto as_sent = nlohmann::ordered_json::parse(http().get("/api/search?q=" + kWord).body);
    std::vector<int> order;
    for (const auto& [month, n] : as_sent["facets"]["month"].items())
        order.push_back(std::stoi(month));
    REQUIRE(order.size() == expected.size());
    CHECK(std::is_sorted(order.begin(), order.end()));

    // Choosing a month still shows what the other months hold (like the other
    // facets), while the other facets count the filtered match.
    json march = require_json(http().get("/api/search?q=" + kWord + "&month=3"));
    CHECK(march["facets"]["month"] == expected);
    CHECK(march["facets"]["kind"] == json({{"destination", with_month(3)}}));
}

TEST_CASE("api export: bad month values are refused naming the parameter", "[api][month]") {
    for (const char* bad : {"13", "0", "abc", "-1", "3.5", "%203", "99999999999"}) {
        INFO(bad);
        json error = require_error(http().get("/api/search?month=" + std::string(bad)), 400,
                                   "invalid_parameter", "month");
        CHECK_THAT(error["error"]["message"].get<std::string>(), Catch::Contains("1 to 12"));
    }
    require_error(http().get("/api/search?format=xml"), 400, "invalid_parameter", "format");
}

TEST_CASE("api export: CSV of every match, with a BOM, a header and RFC 4180 quoting",
          "[api][export]") {
    Reply r = http().get("/api/search?per_page=1&q=" + kWord + "&format=csv");
    INFO(describe(r));
    REQUIRE(r.status == 200);
    CHECK(r.header("Content-Type") == "text/csv; charset=utf-8");
    CHECK(r.header("Content-Disposition") == "attachment; filename=\"lai-chau-explorer.csv\"");
    CHECK(r.header("X-Total-Count") == std::to_string(all_fixtures().size()));
    CHECK(r.header("X-Export-Truncated") == "false");
    REQUIRE(r.body.starts_with("\xEF\xBB\xBF"));
    const std::string header =
        "slug,kind,name_vi,name_en,area,themes,lat,lon,location_precision,months,page_url\r\n";
    CHECK(r.body.substr(3, header.size()) == header);
    // The quoting itself, as a spreadsheet reads it.
    CHECK_THAT(r.body, Catch::Contains("\"Bản thử, có dấu phẩy\",\"Test village, with a comma\""));
    CHECK_THAT(r.body, Catch::Contains("\"Chợ \"\"Phiên\"\" thử\",\"The \"\"Fair\"\" test\""));
    CHECK_THAT(r.body, Catch::Contains("\"Điểm \"\"ngoặc\"\", phẩy\",\"Posted, \"\"quoted\"\"\""));

    auto rows = parse_csv(r.body.substr(3));
    REQUIRE(rows.size() == all_fixtures().size() + 1);  // per_page does not limit an export
    std::map<std::string, std::vector<std::string>> by_slug;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        REQUIRE(rows[i].size() == 11);
        by_slug[rows[i][0]] = rows[i];
    }
    const std::string host = "http://127.0.0.1:" + std::to_string(shared().api->server().port());
    for (const auto& f : all_fixtures()) {
        INFO(f.slug);
        REQUIRE(by_slug.count(f.slug));
        const auto& row = by_slug[f.slug];
        CHECK(row[1] == "destination");
        CHECK(row[2] == f.name_vi);
        CHECK(row[3] == f.name_en);
        CHECK(row[4] == "xã Bình Lư");
        CHECK(row[5] == "culture;tea");
        if (f.lat_lon) {
            CHECK(std::stod(row[6]) == f.lat_lon->first);
            CHECK(std::stod(row[7]) == f.lat_lon->second);
            CHECK(row[8] == "site");
        } else {
            CHECK((row[6] + row[7] + row[8]).empty());
        }
        std::vector<int> sorted = f.season;
        std::sort(sorted.begin(), sorted.end());
        std::string months;
        for (int m : sorted) months += (months.empty() ? "" : ";") + std::to_string(m);
        CHECK(row[9] == months);
        CHECK(row[10] == host + "/vi/entries/" + f.slug);
    }

    // The same filters as the search: month=3 exports the March entries only,
    // and lang=en links the English pages.
    auto march = parse_csv(
        http().get("/api/search?q=" + kWord + "&month=3&format=csv&lang=en").body.substr(3));
    REQUIRE(march.size() == with_month(3) + 1);
    for (std::size_t i = 1; i < march.size(); ++i)
        CHECK(march[i][10] == host + "/en/entries/" + march[i][0]);
}

TEST_CASE("api export: GeoJSON of the located matches, [lon, lat]", "[api][export]") {
    Reply r = http().get("/api/search?q=" + kWord + "&format=geojson");
    INFO(describe(r));
    REQUIRE(r.status == 200);
    CHECK(r.header("Content-Type") == "application/geo+json");
    CHECK(r.header("Content-Disposition") == "attachment; filename=\"lai-chau-explorer.geojson\"");
    json body = json::parse(r.body);
    CHECK(body["type"] == "FeatureCollection");
    std::size_t located = 0;
    for (const auto& f : all_fixtures()) located += f.lat_lon ? 1 : 0;
    REQUIRE(body["features"].size() == located);
    CHECK(body["total_matches"] == all_fixtures().size());
    CHECK(body["unlocated"] == all_fixtures().size() - located);
    CHECK(body["truncated"] == false);
    for (const auto& feature : body["features"]) {
        INFO(feature.dump());
        CHECK(feature["type"] == "Feature");
        CHECK(feature["geometry"]["type"] == "Point");
        const json& c = feature["geometry"]["coordinates"];
        REQUIRE(c.size() == 2);
        const double lon = c[0], lat = c[1];
        CHECK(lon >= -180);
        CHECK(lon <= 180);
        CHECK(lat >= -90);
        CHECK(lat <= 90);
        const std::string slug = feature["properties"]["slug"];
        auto f = std::find_if(all_fixtures().begin(), all_fixtures().end(),
                              [&](const Fixture& x) { return x.slug == slug; });
        REQUIRE(f != all_fixtures().end());
        REQUIRE(f->lat_lon);
        CHECK(lat == f->lat_lon->first);
        CHECK(lon == f->lat_lon->second);
        CHECK(feature["properties"]["name_vi"] == f->name_vi);
    }
    // Words for the season, in the request's language.
    json en = json::parse(http().get("/api/search?q=" + kWord + "&format=geojson&lang=en").body);
    std::map<std::string, std::string> words;
    for (const auto& feature : en["features"])
        words[feature["properties"]["slug"]] = feature["properties"]["season_words"];
    CHECK(words["export-ngoac"] == "December – February");
    CHECK(words["export-phay"] == "September – October");
    CHECK(words["export-khong-mua"] == "");

    // The whole catalog: every located published entry, each in range.
    json all = json::parse(http().get("/api/search?format=geojson").body);
    CHECK(all["features"].size() + all["unlocated"].get<std::size_t>() ==
          all["total_matches"].get<std::size_t>());
    CHECK(all["total_matches"] == require_json(http().get("/api/search"))["total"]);
}

// The cap, in process over the content folder: send_export takes its limit
// as a parameter (kExportMaxMatches behind the server), so a limit of 5 shows
// what 10,000 does on a catalog larger than that.
TEST_CASE(
    "api export: past the limit, the first matches in search order and a truncation "
    "notice",
    "[api][export]") {
    CHECK(lc::api::kExportMaxMatches == 10'000);
    TempDir dir;
    const auto data = dir / "data";
    prepare_data(data);
    lc::api::Config config;
    lc::Store store{data, lc::Store::Mode::must_exist};
    lc::SearchService search{data};
    lc::IndexFollower follower{store, data, {}};
    lc::api::App app{config, store, search, follower};

    lc::SearchRequest everything;
    everything.per_page = 5;  // no words: sorted by name, as the search's pages are
    const auto first_page = search.search(everything);
    REQUIRE(first_page.total > 5);
    const std::string total = std::to_string(first_page.total);

    httplib::Request req;
    req.set_header("Host", "example.org");
    httplib::Response csv;
    lc::api::send_export(app, req, everything, lc::api::ResultFormat::csv, csv, 5);
    CHECK(csv.get_header_value("X-Total-Count") == total);
    CHECK(csv.get_header_value("X-Export-Truncated") == "true");
    CHECK(csv.get_header_value("Content-Disposition") ==
          "attachment; filename=\"lai-chau-explorer-first-5-of-" + total + ".csv\"");
    auto rows = parse_csv(csv.body.substr(3));
    REQUIRE(rows.size() == 6);
    for (std::size_t i = 0; i < 5; ++i) {
        CHECK(rows[i + 1][0] == first_page.results[i].slug);
        CHECK(rows[i + 1][10] == "http://example.org/vi/entries/" + first_page.results[i].slug);
    }

    httplib::Response geo;
    lc::api::send_export(app, req, everything, lc::api::ResultFormat::geojson, geo, 5);
    json body = json::parse(geo.body);
    CHECK(body["truncated"] == true);
    CHECK(body["limit"] == 5);
    CHECK(body["total_matches"] == first_page.total);
    CHECK(body["features"].size() + body["unlocated"].get<std::size_t>() == 5);
    CHECK(geo.get_header_value("X-Export-Truncated") == "true");

    // A Host header that is not a host name is not copied into the links.
    httplib::Request forged;
    forged.set_header("Host", "evil.example\"><script>");
    CHECK(lc::api::public_base_url(app, forged) == "http://127.0.0.1:8080");
}

TEST_CASE("csv_field quotes commas, quotes and line breaks, and defuses formulas",
          "[api][export]") {
    using lc::api::csv_field;
    const std::pair<const char*, const char*> rows[] = {
        {"plain", "plain"},
        {"Sìn Hồ", "Sìn Hồ"},
        {"a,b", "\"a,b\""},
        {"say \"hi\"", "\"say \"\"hi\"\"\""},
        {"two\nlines", "\"two\nlines\""},
        {"cr\rlf", "\"cr\rlf\""},
        {"=SUM(A1)", "'=SUM(A1)"},
        {"+1", "'+1"},
        {"-1", "'-1"},
        {"@cmd", "'@cmd"},
        {"=a,b", "\"'=a,b\""},
        {"", ""},
    };
    for (const auto& [in, out] : rows) {
        INFO(in);
        CHECK(csv_field(in) == out);
    }
}
