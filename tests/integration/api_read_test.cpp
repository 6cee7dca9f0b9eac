// lc-api's public reads over real HTTP: /api/search with every parameter,
// /api/suggest, /api/entries/{slug}, /healthz and /metrics. One server per
// process over content/ plus a few fixture entries (OCOP stars, locations at
// known distances, a draft), shared by the read-only tests below.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <regex>
#include <sstream>

#include "api_helpers.h"

using namespace lc::test;
using namespace lc::test::apitest;

namespace {

// Entries the content folder lacks: products with each star rating and
// places at known distances from kNear. Every one has a location.
json fixture_entry(const std::string& slug, const std::string& kind, const std::string& vi,
                   const std::string& en, std::optional<int> stars, double lat, double lon,
                   const std::string& status = "published") {
    return {{"slug", slug},
            {"kind", kind},
            {"status", status},
            {"name", {{"vi", vi}, {"en", en}}},
            {"summary", {{"vi", "Mục thử nghiệm " + vi + "."}, {"en", "Test entry " + en + "."}}},
            {"themes", json::array({"tea"})},
            {"area", "xã Bình Lư"},
            {"former_district", "Tam Đường"},
            {"location", {{"lat", lat}, {"lon", lon}, {"precision", "site"}, {"source", "a test"}}},
            {"ocop_stars", stars ? json(*stars) : json(nullptr)}};
}

const char* kNear = "22.35,103.77";
constexpr std::size_t kFixturePublished = 7;
const std::string kDraftSlug = "apitest-ban-nhap";
const std::string kDraftWord = "qorvaxin";

struct ReadServer {
    TempDir fixtures;
    std::unique_ptr<ApiServer> api;

    ReadServer() {
        std::ostringstream lines;
        for (const json& e : {
                 fixture_entry("apitest-che-ba-sao", "product", "Chè thử ba sao",
                               "Three star test tea", 3, 22.30, 103.30),
                 fixture_entry("apitest-che-bon-sao", "product", "Chè thử bốn sao",
                               "Four star test tea", 4, 22.31, 103.31),
                 fixture_entry("apitest-che-nam-sao-a", "product", "Chè thử năm sao A",
                               "Five star test tea A", 5, 22.32, 103.32),
                 fixture_entry("apitest-che-nam-sao-b", "product", "Chè thử năm sao B",
                               "Five star test tea B", 5, 22.33, 103.33),
                 fixture_entry("apitest-diem-gan", "destination", "Điểm thử gần", "Near test place",
                               std::nullopt, 22.30, 103.77),
                 fixture_entry("apitest-diem-xa", "destination", "Điểm thử xa", "Far test place",
                               std::nullopt, 22.1379, 102.9839),
                 fixture_entry("apitest-diem-tam", "destination", "Điểm thử tâm",
                               "Centre test place", std::nullopt, 22.35, 103.77),
                 fixture_entry(kDraftSlug, "destination", "Bản nháp " + kDraftWord,
                               "Draft " + kDraftWord, std::nullopt, 22.34, 103.76, "draft"),
             })
            lines << e.dump() << "\n";
        write_file(fixtures / "fixtures.jsonl", lines.str());
        api = std::make_unique<ApiServer>(
            std::vector<std::string>{(fixtures / "fixtures.jsonl").string()});
    }
};

ReadServer& shared() {
    static ReadServer s;
    return s;
}

Http& http() {
    return shared().api->http();
}

// Published products in content/ with each OCOP rating, plus the fixtures'.
std::map<std::string, std::size_t> stars_count() {
    std::map<std::string, std::size_t> n = {{"3", 1}, {"4", 1}, {"5", 2}};
    static const std::regex stars(R"((?:^|\n)ocop_stars: ([345])\s*(?:#.*)?(?:\n|$))");
    for (const auto& f : fs::recursive_directory_iterator(content_dir())) {
        if (f.path().extension() != ".yaml") continue;
        std::string text = read_file(f.path());
        std::smatch m;
        if (std::regex_search(text, m, stars) && text.find("\nstatus: draft") == std::string::npos)
            ++n[m[1]];
    }
    return n;
}

// Published entries: the content files (none of which is a draft unless it
// says so) plus the fixtures.
std::size_t published_count() {
    std::size_t n = 0;
    for (const auto& f : fs::recursive_directory_iterator(content_dir())) {
        if (f.path().extension() != ".yaml" || f.path().parent_path() == content_dir()) continue;
        if (read_file(f.path()).find("\nstatus: draft") == std::string::npos) ++n;
    }
    return n + kFixturePublished;
}

json search(const std::string& query_string) {
    return require_json(http().get("/api/search?" + query_string));
}

void require_bad_search(const std::string& query_string, const std::string& parameter) {
    INFO("GET /api/search?" << query_string);
    require_error(http().get("/api/search?" + query_string), 400, "invalid_parameter", parameter);
}

std::size_t facet_sum(const json& facet) {
    std::size_t n = 0;
    for (const auto& [value, count] : facet.items()) n += count.get<std::size_t>();
    return n;
}

std::string repeat(const std::string& s, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

// One metric's value from Prometheus text ("name{labels} value").
std::optional<double> metric(const std::string& text, const std::string& series) {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (line.size() > series.size() && line.compare(0, series.size(), series) == 0 &&
            line[series.size()] == ' ')
            return std::stod(line.substr(series.size() + 1));
    return std::nullopt;
}

}  // namespace

TEST_CASE("api search: an empty query lists every published entry", "[api]") {
    json all = search("q=");
    CHECK(all["total"] == published_count());
    CHECK(all["page"] == 1);
    CHECK(all["per_page"] == 10);
    CHECK(all["results"].size() == 10);
    CHECK(all["query"] == "");
    CHECK(search("")["total"] == all["total"]);

    SECTION("the kind facet adds up to the total") {
        CHECK(facet_sum(all["facets"]["kind"]) == all["total"].get<std::size_t>());
        CHECK(facet_sum(all["facets"]["area"]) == all["total"].get<std::size_t>());
    }
    SECTION("paging walks every entry once") {
        std::set<std::string> seen;
        const std::size_t total = all["total"];
        for (std::size_t page = 1; page <= (total + 49) / 50; ++page) {
            json r = search("sort=name&per_page=50&page=" + std::to_string(page));
            CHECK(r["page"] == page);
            CHECK(r["per_page"] == 50);
            for (const auto& slug : slugs_of(r)) CHECK(seen.insert(slug).second);
        }
        CHECK(seen.size() == total);
        CHECK(seen.count(kDraftSlug) == 0);
        json beyond = search("per_page=50&page=" + std::to_string((total + 49) / 50 + 1));
        CHECK(beyond["results"].empty());
        CHECK(beyond["total"] == total);
    }
    SECTION("pages of five are consecutive slices of one order") {
        json ten = search("q=ch%C3%A8&per_page=10");
        json first = search("q=ch%C3%A8&per_page=5&page=1");
        json second = search("q=ch%C3%A8&per_page=5&page=2");
        REQUIRE(ten["results"].size() == 10);
        for (std::size_t i = 0; i < 5; ++i) {
            CHECK(first["results"][i]["slug"] == ten["results"][i]["slug"]);
            CHECK(second["results"][i]["slug"] == ten["results"][i + 5]["slug"]);
        }
    }
}

TEST_CASE("api search: facet counts are exact", "[api]") {
    for (const char* q : {"", "ch%C3%A8", "du%20l%E1%BB%8Bch"}) {
        json base = search(std::string("per_page=1&q=") + q);
        INFO("q=" << q);
        const auto& facets = base["facets"];
        CHECK(facet_sum(facets["kind"]) == base["total"].get<std::size_t>());
        for (const char* name : {"kind", "theme", "area"}) {
            REQUIRE(!facets[name].empty());
            for (const auto& [value, count] : facets[name].items()) {
                INFO(name << "=" << value);
                json filtered =
                    search(std::string("per_page=1&q=") + q + "&" + name + "=" + url_encode(value));
                CHECK(filtered["total"] == count);
                CHECK(filtered["facets"][name][value] == count);
            }
        }
    }
}

TEST_CASE("api search: repeated kind theme and area values are alternatives", "[api]") {
    json base = search("per_page=1");
    const auto& kinds = base["facets"]["kind"];
    CHECK(search("kind=product&kind=event")["total"] ==
          kinds["product"].get<std::size_t>() + kinds["event"].get<std::size_t>());
    const auto& areas = base["facets"]["area"];
    CHECK(search("area=" + url_encode("xã Tả Lèng") +
                 "&area=" + url_encode("xã Phong Thổ"))["total"] ==
          areas["xã Tả Lèng"].get<std::size_t>() + areas["xã Phong Thổ"].get<std::size_t>());
    // Areas match without accents or case, as people type them.
    CHECK(search("area=xa%20ta%20leng")["total"] == areas["xã Tả Lèng"]);
    // A district that ended in 2025 still finds its places (through former_district),
    // and more of them than any one of its new units has.
    json old = search("per_page=50&area=" + url_encode("Tam Đường"));
    CHECK(old["total"].get<std::size_t>() > areas["xã Tả Lèng"].get<std::size_t>());
    CHECK(search("area=tam%20duong")["total"] == old["total"]);
    for (const auto& hit : old["results"]) CHECK(hit["former_district"] == "Tam Đường");
    const auto& themes = base["facets"]["theme"];
    std::size_t tea = themes["tea"], ginseng = themes["ginseng"];
    std::size_t either = search("theme=tea&theme=ginseng")["total"];
    CHECK(either >= std::max(tea, ginseng));
    CHECK(either <= tea + ginseng);
    json one = search("kind=product&theme=tea&per_page=50");
    for (const auto& hit : one["results"]) {
        CHECK(hit["kind"] == "product");
        CHECK(std::count(hit["themes"].begin(), hit["themes"].end(), "tea") == 1);
    }
}

TEST_CASE("api search: stars_min keeps products with at least that many stars", "[api]") {
    auto stars = stars_count();
    json all = search("per_page=1");
    CHECK(all["facets"]["ocop_stars"] == json(stars));
    CHECK(search("stars_min=5")["total"] == stars["5"]);
    CHECK(search("stars_min=4")["total"] == stars["4"] + stars["5"]);
    json three = search("stars_min=3&per_page=50");
    CHECK(three["total"] == stars["3"] + stars["4"] + stars["5"]);
    for (const auto& hit : three["results"]) {
        CHECK(hit["kind"] == "product");
        CHECK(hit["ocop_stars"].get<int>() >= 3);
    }
    for (const char* bad : {"2", "6", "0", "4.5", "x", ""})
        require_bad_search(std::string("stars_min=") + bad, "stars_min");
}

TEST_CASE("api search: near radius_km and sort=distance", "[api]") {
    SECTION("distance_km is present only when near is given") {
        json without = search("per_page=50");
        for (const auto& hit : without["results"]) CHECK(!hit.contains("distance_km"));
        json with_near = search(std::string("per_page=50&near=") + kNear);
        for (const auto& hit : with_near["results"]) CHECK(hit.contains("distance_km"));
    }
    SECTION("radius_km keeps entries within that distance") {
        json close = search(std::string("per_page=50&radius_km=10&near=") + kNear);
        std::set<std::string> slugs = slugs_of(close);
        CHECK(slugs.count("apitest-diem-gan") == 1);
        CHECK(slugs.count("apitest-diem-xa") == 0);
        CHECK(slugs.count(kDraftSlug) == 0);
        for (const auto& hit : close["results"]) {
            REQUIRE(hit["distance_km"].is_number());
            CHECK(hit["distance_km"].get<double>() <= 10.0);
        }
        // The fixture 0.05° south of the centre is about 5.6 km away.
        for (const auto& hit : close["results"])
            if (hit["slug"] == "apitest-diem-gan")
                CHECK(hit["distance_km"].get<double>() == Approx(5.56).margin(0.1));
        json everywhere = search(std::string("per_page=50&radius_km=300&near=") + kNear);
        CHECK(slugs_of(everywhere).count("apitest-diem-xa") == 1);
        for (const auto& hit : everywhere["results"]) CHECK(hit["location"].is_object());
    }
    SECTION("sort=distance orders by distance with unlocated entries last") {
        json r = search(std::string("sort=distance&per_page=50&near=") + kNear);
        double last = -1;
        bool unlocated_seen = false;
        for (const auto& hit : r["results"]) {
            if (hit["distance_km"].is_null()) {
                unlocated_seen = true;
                continue;
            }
            CHECK(!unlocated_seen);
            CHECK(hit["distance_km"].get<double>() >= last);
            last = hit["distance_km"];
        }
        CHECK(r["results"][0]["distance_km"].get<double>() < 0.01);
        CHECK(last > 0);
    }
    SECTION("bad values name their parameter") {
        for (const char* bad : {"", "22.3", "x,103", "22.3,y", "91,103", "22.3,181", "22.3,103,5",
                                "22.3;103", "nan,1"})
            require_bad_search(std::string("near=") + url_encode(bad), "near");
        for (const char* bad : {"-1", "301", "x", "1e999", ""})
            require_bad_search(std::string("near=") + kNear + "&radius_km=" + bad, "radius_km");
        require_bad_search("radius_km=10", "radius_km");
        require_bad_search("sort=distance", "sort");
        require_bad_search("sort=distance&radius_km=5", "radius_km");
        require_bad_search("sort=size", "sort");
        CHECK(search(std::string("near=") + kNear + "&radius_km=300")["total"].get<int>() > 0);
        CHECK(search(std::string("near=") + kNear + "&radius_km=0")["total"].is_number());
    }
}

TEST_CASE("api search: radius_km=0 keeps only entries at the centre", "[api]") {
    json zero = search(std::string("per_page=50&radius_km=0&near=") + kNear);
    std::string found;
    for (const auto& hit : zero["results"]) found += hit["slug"].get<std::string>() + " ";
    INFO("GET /api/search?radius_km=0&near=" << kNear << " found " << found);
    // Xapian reads a range of 0 as "no limit"; 0 km must mean "at the point".
    json close = search(std::string("per_page=50&radius_km=10&near=") + kNear);
    std::size_t at_centre = 0;
    for (const auto& hit : close["results"]) at_centre += hit["distance_km"].get<double>() < 0.001;
    REQUIRE(at_centre >= 1);  // apitest-diem-tam at least
    CHECK(zero["total"] == at_centre);
    for (const auto& hit : zero["results"]) CHECK(hit["distance_km"].get<double>() < 0.001);
}

TEST_CASE("api search: sort by name follows the names in the chosen language", "[api]") {
    for (const char* lang : {"en", "vi"}) {
        json r = search(std::string("sort=name&per_page=50&lang=") + lang);
        INFO("lang=" << lang);
        REQUIRE(r["results"].size() == 50);
        if (std::string(lang) == "en") {
            // English names are ASCII apart from a few dashes: initials must not go back.
            char last = 0;
            for (const auto& hit : r["results"]) {
                char first = static_cast<char>(
                    std::tolower(static_cast<unsigned char>(hit["name"].get<std::string>()[0])));
                CHECK(first >= last);
                last = first;
            }
        }
        CHECK(search(std::string("sort=relevance&lang=") + lang)["total"] == r["total"]);
    }
}

TEST_CASE("api search: page per_page lang and prefix are checked", "[api]") {
    CHECK(search("per_page=1")["results"].size() == 1);
    CHECK(search("per_page=50")["results"].size() == 50);
    CHECK(search("page=1")["page"] == 1);
    for (const char* bad : {"0", "-1", "x", "1.5"})
        require_bad_search(std::string("page=") + bad, "page");
    for (const char* bad : {"0", "51", "x"})
        require_bad_search(std::string("per_page=") + bad, "per_page");
    for (const char* bad : {"fr", "VI", "x"})
        require_bad_search(std::string("lang=") + bad, "lang");
    for (const char* bad : {"2", "yes", "-1"})
        require_bad_search(std::string("prefix=") + bad, "prefix");
}

TEST_CASE("api search: q may have 200 characters and not 201", "[api]") {
    // Characters, not bytes: "ạ" is three bytes.
    CHECK(search("q=" + url_encode(repeat("ạ", 200)))["query"] == repeat("ạ", 200));
    CHECK(search("q=" + repeat("a", 200))["total"].is_number());
    require_bad_search("q=" + url_encode(repeat("ạ", 201)), "q");
    require_bad_search("q=" + repeat("a", 201), "q");
    require_bad_search("q=%FF%FE", "q");
    require_bad_search("q=a%00b", "q");
}

TEST_CASE("api search: lang=en shows names summaries and snippets in English", "[api]") {
    json vi = search("q=" + url_encode("pu ta leng"));
    json en = search("q=" + url_encode("pu ta leng") + "&lang=en");
    REQUIRE(vi["results"][0]["slug"] == "dinh-pu-ta-leng");
    REQUIRE(en["results"][0]["slug"] == "dinh-pu-ta-leng");
    CHECK(vi["results"][0]["name"] == "Đỉnh Pu Ta Leng");
    CHECK(en["results"][0]["name"] == "Pu Ta Leng peak");
    CHECK(en["results"][0]["summary"].get<std::string>().rfind("One of Vietnam's highest peaks",
                                                               0) == 0);
    std::string snippet = en["results"][0]["snippet"];
    CHECK(snippet.find(
              "<mark>Pu</mark> <mark>Ta</mark> <mark>Leng</mark> is one of the highest peaks") !=
          std::string::npos);
    CHECK(vi["results"][0]["snippet"].get<std::string>().find("là một trong những đỉnh núi") !=
          std::string::npos);
}

TEST_CASE("api search: snippets mark matches with mark and no other tag", "[api]") {
    std::size_t marked = 0;
    for (const char* q :
         {"ch%C3%A8", "ginseng&lang=en", "pu%20ta%20leng", "r%E1%BB%ABng&per_page=50"}) {
        json r = search(std::string("q=") + q);
        for (const auto& hit : r["results"]) {
            std::string s = hit["snippet"];
            INFO(s);
            if (s.find("<mark>") != std::string::npos) ++marked;
            CHECK(std::count(s.begin(), s.end(), '<') == std::count(s.begin(), s.end(), '>'));
            std::string rest = std::regex_replace(s, std::regex("</?mark>"), "");
            CHECK(rest.find('<') == std::string::npos);
            CHECK(rest.find('>') == std::string::npos);
            std::size_t open = 0, close = 0;
            for (auto p = s.find("<mark>"); p != std::string::npos; p = s.find("<mark>", p + 1))
                ++open;
            for (auto p = s.find("</mark>"); p != std::string::npos; p = s.find("</mark>", p + 1))
                ++close;
            CHECK(open == close);
        }
    }
    CHECK(marked >= 10);
}

TEST_CASE("api search: prefix=1 completes the last word", "[api]") {
    CHECK(slugs_of(search("q=putal&prefix=1")).count("dinh-pu-ta-leng") == 1);
    CHECK(slugs_of(search("q=putal&prefix=0")).count("dinh-pu-ta-leng") == 0);
    CHECK(slugs_of(search("q=putal")).count("dinh-pu-ta-leng") == 0);
}

TEST_CASE("api search: unknown parameters are ignored and drafts never show", "[api]") {
    json plain = search("q=ch%C3%A8&per_page=20");
    json extra = search("q=ch%C3%A8&per_page=20&utm_source=x&foo=&callback=alert");
    CHECK(extra["total"] == plain["total"]);
    CHECK(slugs_of(extra) == slugs_of(plain));
    CHECK(slugs_of(search("per_page=50&q=" + kDraftWord)).count(kDraftSlug) == 0);
    json suggestions = require_json(http().get("/api/suggest?q=" + kDraftWord))["suggestions"];
    for (const auto& s : suggestions) CHECK(s["slug"] != kDraftSlug);
}

TEST_CASE("api search: replies are JSON in UTF-8 that any origin may read", "[api]") {
    Reply r = http().get("/api/search?q=" + url_encode("Sìn Hồ"));
    CHECK(r.status == 200);
    CHECK(r.header("Content-Type") == "application/json; charset=utf-8");
    CHECK(r.header("Access-Control-Allow-Origin") == "*");
    CHECK(r.json()["query"] == "Sìn Hồ");
}

TEST_CASE("api suggest: at most eight names matched by prefix", "[api]") {
    json pu = require_json(http().get("/api/suggest?q=" + url_encode("pu ta")));
    REQUIRE(!pu["suggestions"].empty());
    CHECK(
        pu["suggestions"][0] ==
        json({{"slug", "dinh-pu-ta-leng"}, {"kind", "destination"}, {"name", "Đỉnh Pu Ta Leng"}}));
    json en = require_json(http().get("/api/suggest?lang=en&q=" + url_encode("pu ta l")));
    REQUIRE(!en["suggestions"].empty());
    CHECK(en["suggestions"][0]["slug"] == "dinh-pu-ta-leng");
    CHECK(en["suggestions"][0]["name"] == "Pu Ta Leng peak");
    for (const char* q : {"b", "t", "c", "ta", "lai"}) {
        json r = require_json(http().get(std::string("/api/suggest?q=") + q));
        INFO("q=" << q);
        CHECK(r["suggestions"].size() <= 8);
    }
    CHECK(require_json(http().get("/api/suggest?q=t"))["suggestions"].size() == 8);
    CHECK(require_json(http().get("/api/suggest?q=" + repeat("a", 200))).contains("suggestions"));
    require_error(http().get("/api/suggest?q=" + repeat("a", 201)), 400, "invalid_parameter", "q");
    require_error(http().get("/api/suggest?q=pu&lang=de"), 400, "invalid_parameter", "lang");
}

TEST_CASE("api entry: one entry with its revision and ETag", "[api]") {
    Reply r = http().get("/api/entries/dinh-pu-ta-leng");
    json e = require_json(r);
    CHECK(e["slug"] == "dinh-pu-ta-leng");
    CHECK(e["kind"] == "destination");
    CHECK(e["name"]["vi"] == "Đỉnh Pu Ta Leng");
    CHECK(e["revision"] == 1);
    CHECK(r.header("ETag") == "\"1\"");
    CHECK(e["deleted"] == false);
    // The name of the editor's token is for editors (issue 14).
    CHECK(!e.contains("updated_by"));
    CHECK(std::regex_match(e["updated_at"].get<std::string>(),
                           std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d.*)")));
    CHECK(std::regex_match(e["created_at"].get<std::string>(),
                           std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d.*)")));
    CHECK(entry_fields(e).size() == 15);
    CHECK(r.header("Access-Control-Allow-Origin") == "*");

    require_error(http().get("/api/entries/no-such-entry"), 404, "not_found");
    require_error(http().get("/api/entries/Not_A_Slug"), 404, "not_found");
}

TEST_CASE("api entry: drafts are hidden without a token and shown with one", "[api]") {
    require_error(http().get("/api/entries/" + kDraftSlug), 404, "not_found");
    std::string token = create_token(shared().api->data(), "read-preview", "editor");
    json draft = require_json(http().get("/api/entries/" + kDraftSlug, bearer(token)));
    CHECK(draft["status"] == "draft");
    CHECK(draft["slug"] == kDraftSlug);
    require_error(http().get("/api/entries/" + kDraftSlug, bearer("not-a-token")), 401,
                  "unauthorized");
}

TEST_CASE("api healthz: the index revision and the number of entries", "[api]") {
    json h = require_json(http().get("/healthz"));
    CHECK(h["status"] == "ok");
    CHECK(h["entries"] == published_count());
    CHECK(h["index"]["ready"] == true);
    CHECK(h["index"]["documents"] == published_count());
    CHECK(h["index"]["revision"].get<long long>() >= 1);
}

TEST_CASE("api metrics: request counts by route and status and a latency histogram", "[api]") {
    auto scrape = [] {
        Reply r = http().get("/metrics");
        REQUIRE(r.status == 200);
        CHECK(r.header("Content-Type").rfind("text/plain", 0) == 0);
        return r.body;
    };
    const std::string ok = R"(lc_http_requests_total{route="search",status="200"})";
    const std::string bad = R"(lc_http_requests_total{route="search",status="400"})";
    const std::string missing = R"(lc_http_requests_total{route="other",status="404"})";
    const std::string count = R"(lc_http_request_duration_seconds_count{route="search"})";
    const std::string inf = R"(lc_http_request_duration_seconds_bucket{route="search",le="+Inf"})";
    std::string before = scrape();
    for (int i = 0; i < 3; ++i) search("q=ch%C3%A8");
    for (int i = 0; i < 2; ++i) require_bad_search("page=0", "page");
    require_error(http().get("/no-such-page"), 404, "not_found");

    // A request is counted once its answer is written, so allow a moment.
    std::string after;
    auto delta = [&](const std::string& series) {
        return metric(after, series).value_or(0) - metric(before, series).value_or(0);
    };
    eventually([&] {
        after = scrape();
        return delta(count) >= 5 && delta(missing) >= 1;
    });
    CHECK(delta(ok) == 3);
    CHECK(delta(bad) == 2);
    CHECK(delta(missing) == 1);
    CHECK(delta(count) == 5);
    CHECK(delta(inf) == 5);
    CHECK(after.find("# TYPE lc_http_request_duration_seconds histogram") != std::string::npos);
    CHECK(after.find("# TYPE lc_http_requests_total counter") != std::string::npos);
    // Buckets are cumulative.
    double previous = 0;
    std::regex bucket(
        R"re(lc_http_request_duration_seconds_bucket\{route="search",le="([^"]+)"\} (\d+))re");
    int buckets = 0;
    for (std::sregex_iterator it(after.begin(), after.end(), bucket), end; it != end;
         ++it, ++buckets) {
        double v = std::stod((*it)[2]);
        CHECK(v >= previous);
        previous = v;
    }
    CHECK(buckets >= 5);
    CHECK(previous == metric(after, count));
    json health = require_json(http().get("/healthz"));
    CHECK(metric(after, "lc_index_revision") == health["index"]["revision"].get<double>());
    CHECK(metric(after, "lc_index_documents") == static_cast<double>(published_count()));
    // The same search three times: computed at most once, then answered from the cache.
    const std::string hits = R"(lc_search_cache_lookups_total{outcome="hit"})";
    const std::string misses = R"(lc_search_cache_lookups_total{outcome="miss"})";
    CHECK(delta(hits) + delta(misses) == 3);
    CHECK(delta(hits) >= 2);
    CHECK(metric(after, "lc_search_cache_bytes").value_or(0) > 0);
    // The catalog's lists are too short to keep decoded (posting_cache.h).
    CHECK(metric(after, "lc_posting_cache_bytes") == 0);
}
