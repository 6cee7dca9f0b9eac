// The server-rendered pages over real HTTP (issue 18, items 1 and 2): the
// older addresses redirect, search and entry pages carry their results and
// entries in the HTML, drafts and deleted entries have no page, every page
// has what search engines and link previews read, and the sitemap lists
// every published entry in both languages. Fixture entries share a made-up
// word, so expectations come from the fixtures, not from content/.
#include <catch2/catch.hpp>

#include <memory>
#include <regex>
#include <sstream>

#include "api_helpers.h"

using namespace lc::test;
using namespace lc::test::apitest;

namespace {

const std::string kWord = "quarvelin";

json fixture(const std::string& slug, const std::string& kind, const std::string& name_vi,
             const std::string& name_en) {
    return {{"slug", slug},
            {"kind", kind},
            {"name", {{"vi", name_vi}, {"en", name_en}}},
            {"summary", {{"vi", "Mục thử " + kWord + "."}, {"en", "Test entry " + kWord + "."}}},
            {"body", {{"vi", "Đoạn một " + kWord + ".\n\nĐoạn hai."}, {"en", "One.\n\nTwo."}}},
            {"themes", json::array({"culture"})},
            {"area", "xã Bình Lư"}};
}

json located(json e, double lat, double lon) {
    e["location"] = {{"lat", lat}, {"lon", lon}, {"precision", "site"}, {"source", "a test"}};
    return e;
}

struct PagesServer {
    TempDir fixtures;
    std::unique_ptr<ApiServer> api;
    std::string token;

    PagesServer() {
        json event = fixture("trang-le-hoi-thu", "event", "Lễ hội thử", "Test festival");
        event["season"] = {12, 1};
        json draft = fixture("trang-nhap-thu", "destination", "Bản nháp thử", "Draft test");
        draft["status"] = "draft";
        std::ostringstream lines;
        for (const json& e :
             {located(fixture("trang-diem-thu", "destination",
                              "Điểm <script>alert(1)</script> \"thử\"", "Test <b>place</b>"),
                      22.4, 103.4),
              fixture("trang-san-pham-thu", "product", "Sản phẩm thử", "Test product"),
              fixture("trang-co-hoi-thu", "opportunity", "Cơ hội thử", "Test opportunity"),
              fixture("trang-da-xoa-thu", "destination", "Điểm đã xoá thử", "Deleted test"), event,
              draft})
            lines << e.dump() << "\n";
        write_file(fixtures / "fixtures.jsonl", lines.str());
        api = std::make_unique<ApiServer>(
            std::vector<std::string>{(fixtures / "fixtures.jsonl").string()});
        token = create_token(api->data(), "pages-editor", "editor");
        Reply r = api->http().send("DELETE", "/api/entries/trang-da-xoa-thu", "", bearer(token));
        INFO(describe(r));
        REQUIRE(r.status == 200);
        REQUIRE(eventually([&] { return !search_lists(api->http(), kWord, "trang-da-xoa-thu"); },
                           std::chrono::milliseconds(5000)));
    }
};

PagesServer& shared() {
    static PagesServer s;
    return s;
}

Http& http() {
    return shared().api->http();
}

std::string canonical_of(const std::string& html) {
    std::smatch m;
    REQUIRE(std::regex_search(html, m, std::regex(R"re(<link rel="canonical" href="([^"]+)">)re")));
    return m[1];
}

std::string alternate_of(const std::string& html, const std::string& hreflang) {
    std::smatch m;
    REQUIRE(std::regex_search(
        html, m,
        std::regex("<link rel=\"alternate\" hreflang=\"" + hreflang + "\" href=\"([^\"]+)\">")));
    return m[1];
}

std::string meta_of(const std::string& html, const std::string& property) {
    std::smatch m;
    REQUIRE(std::regex_search(
        html, m, std::regex("<meta (?:property|name)=\"" + property + "\" content=\"([^\"]*)\">")));
    return m[1];
}

json json_ld_of(const std::string& html) {
    const std::string open = "<script type=\"application/ld+json\">";
    const auto start = html.find(open);
    REQUIRE(start != std::string::npos);
    const auto end = html.find("</script>", start);
    REQUIRE(end != std::string::npos);
    return json::parse(html.substr(start + open.size(), end - start - open.size()));
}

Reply page(const std::string& path) {
    Reply r = http().get(path);
    INFO(path << ": " << describe(r));
    REQUIRE(r.status == 200);
    REQUIRE(r.header("Content-Type") == "text/html; charset=utf-8");
    return r;
}

}  // namespace

TEST_CASE("pages: / and the older addresses redirect to the pages' own", "[api][pages]") {
    struct Row {
        std::string from;
        int status;
        std::string to;
    };
    for (const Row& row : std::vector<Row>{
             {"/", 302, "/vi/"},
             {"/?lang=en", 301, "/en/"},
             {"/?q=sam&lang=en", 301, "/en/search?q=sam"},
             {"/?q=tea&kind=product&month=3", 301, "/vi/search?kind=product&month=3&q=tea"},
             {"/?entry=ban-sin-suoi-ho", 301, "/vi/entries/ban-sin-suoi-ho"},
             {"/?entry=ban-sin-suoi-ho&lang=en&view=edit", 301,
              "/en/entries/ban-sin-suoi-ho?view=edit"},
             {"/?view=drafts", 301, "/vi/?view=drafts"},
             {"/index.html?entry=ban-sin-suoi-ho&lang=en", 301, "/en/entries/ban-sin-suoi-ho"},
         }) {
        Reply r = http().get(row.from);
        INFO(row.from << ": " << describe(r));
        CHECK(r.status == row.status);
        CHECK(r.header("Location") == row.to);
    }
    // The shell the page's scripts start from is still a file.
    Reply shell = http().get("/index.html");
    CHECK(shell.status == 200);
    CHECK(shell.body.find("<link rel=\"canonical\"") == std::string::npos);
}

TEST_CASE("pages: a search page holds its results, filters, paging and downloads", "[api][pages]") {
    Reply r = page("/vi/search?q=" + kWord);
    const json api = http().get("/api/search?lang=vi&q=" + kWord).json();
    REQUIRE(api["total"] == 4);  // the draft and the deleted entry are not found
    for (const auto& hit : api["results"]) {
        const std::string slug = hit["slug"];
        INFO(slug);
        CHECK(r.body.find("href=\"/vi/entries/" + slug + "\"") != std::string::npos);
    }
    // Nothing from the catalog is read as markup.
    CHECK(r.body.find("<script>alert(1)") == std::string::npos);
    CHECK(r.body.find("Điểm &lt;script&gt;alert(1)&lt;/script&gt; &quot;thử&quot;") !=
          std::string::npos);
    CHECK(r.body.find("trang-nhap-thu") == std::string::npos);
    CHECK(r.body.find("trang-da-xoa-thu") == std::string::npos);
    CHECK(r.body.find("4 kết quả cho “" + kWord + "”") != std::string::npos);
    CHECK(std::regex_search(r.body, std::regex("<input id=\"q\"[^>]* value=\"" + kWord + "\"")));
    CHECK(r.body.find("name=\"kind\" value=\"event\"") != std::string::npos);
    CHECK(r.body.find("/api/search?q=" + kWord + "&amp;lang=vi&amp;format=csv") !=
          std::string::npos);
    // A list of results is not a page for search engines to list.
    CHECK(meta_of(r.body, "robots") == "noindex, follow");

    SECTION("filters and months narrow it, in English too") {
        Reply en = page("/en/search?q=" + kWord + "&month=12");
        CHECK(en.body.find("href=\"/en/entries/trang-le-hoi-thu\"") != std::string::npos);
        CHECK(en.body.find("href=\"/en/entries/trang-san-pham-thu\"") == std::string::npos);
        CHECK(en.body.find("What to see in December: 1 result") != std::string::npos);
        CHECK(en.body.find("<html lang=\"en\">") != std::string::npos);
        CHECK(alternate_of(en.body, "vi").ends_with("/vi/search?q=" + kWord + "&amp;month=12"));
    }
    SECTION("the form's empty values mean no filter") {
        Reply any = page("/vi/search?q=" + kWord + "&stars_min=&sort=relevance");
        CHECK(any.body.find("4 kết quả") != std::string::npos);
    }
    SECTION("paging links to the next page") {
        Reply first = page("/vi/search?q=" + kWord + "&per_page=2");
        CHECK(first.body.find("href=\"/vi/search?q=" + kWord +
                              "&amp;page=2&amp;per_page=2\" rel=\"next\"") != std::string::npos);
    }
    SECTION("a bad parameter is a page that says so") {
        Reply bad = http().get("/vi/search?q=x&month=13");
        CHECK(bad.status == 400);
        CHECK(bad.header("Content-Type") == "text/html; charset=utf-8");
        CHECK(bad.body.find("month") != std::string::npos);
    }
}

TEST_CASE("pages: an entry page is the whole entry, with what engines and previews read",
          "[api][pages]") {
    Reply r = page("/vi/entries/trang-diem-thu");
    const json entry = http().get("/api/entries/trang-diem-thu").json();
    CHECK(r.body.find("<title>Điểm &lt;script&gt;alert(1)&lt;/script&gt; &quot;thử&quot; — Lai "
                      "Châu Explorer</title>") != std::string::npos);
    CHECK(r.body.find("<p lang=\"vi\">Đoạn một " + kWord + ".</p><p lang=\"vi\">Đoạn hai.</p>") !=
          std::string::npos);
    CHECK(r.body.find("<script>alert(1)") == std::string::npos);
    const std::string base = "http://127.0.0.1:" + std::to_string(shared().api->server().port());
    CHECK(canonical_of(r.body) == base + "/vi/entries/trang-diem-thu");
    CHECK(alternate_of(r.body, "vi") == base + "/vi/entries/trang-diem-thu");
    CHECK(alternate_of(r.body, "en") == base + "/en/entries/trang-diem-thu");
    CHECK(alternate_of(r.body, "x-default") == base + "/vi/entries/trang-diem-thu");
    CHECK(meta_of(r.body, "og:url") == base + "/vi/entries/trang-diem-thu");
    CHECK(meta_of(r.body, "og:locale") == "vi_VN");
    CHECK(meta_of(r.body, "description") == "Mục thử " + kWord + ".");

    const json ld = json_ld_of(r.body);
    CHECK(ld["@type"] == "TouristAttraction");
    CHECK(ld["name"] == entry["name"]["vi"]);
    CHECK(ld["geo"]["latitude"] == 22.4);
    CHECK(ld["geo"]["longitude"] == 103.4);
    CHECK(ld["containedInPlace"]["name"] == "xã Bình Lư");
    // The name's "</script>" cannot close the JSON-LD's script element.
    CHECK(r.body.find("\\u003c/script>") != std::string::npos);

    SECTION("each kind has its schema.org type with the properties it needs") {
        struct Kind {
            std::string slug, type;
            std::vector<std::string> needs;
        };
        for (const Kind& k : std::vector<Kind>{
                 {"trang-diem-thu", "TouristAttraction", {"containedInPlace", "geo"}},
                 {"trang-san-pham-thu", "Product", {}},
                 {"trang-co-hoi-thu", "Project", {"areaServed"}},
                 {"trang-le-hoi-thu", "Event", {"location", "eventSchedule"}},
             }) {
            INFO(k.slug);
            const json ld = json_ld_of(page("/en/entries/" + k.slug).body);
            CHECK(ld["@context"] == "https://schema.org");
            CHECK(ld["@type"] == k.type);
            for (const char* common : {"name", "description", "url"})
                CHECK((ld.contains(common) && ld[common].is_string() &&
                       !ld[common].get<std::string>().empty()));
            for (const auto& property : k.needs) {
                INFO(property);
                CHECK(ld.contains(property));
            }
        }
        const json event = json_ld_of(page("/en/entries/trang-le-hoi-thu").body);
        CHECK(event["@type"] == "Event");
        CHECK(event["eventSchedule"]["byMonth"] ==
              http().get("/api/entries/trang-le-hoi-thu").json()["season"]);
        CHECK(event["eventSchedule"]["byMonth"].size() == 2);
        CHECK(event["name"] == "Test festival");
    }
    SECTION("the two languages point to each other") {
        const std::string en = page("/en/entries/trang-diem-thu").body;
        CHECK(alternate_of(en, "vi") == canonical_of(r.body));
        CHECK(alternate_of(r.body, "en") == canonical_of(en));
        CHECK(alternate_of(en, "x-default") == canonical_of(r.body));
    }
    SECTION("a conditional request for an unchanged page is answered 304") {
        Reply again =
            http().get("/vi/entries/trang-diem-thu", {{"If-None-Match", r.header("ETag")}});
        CHECK(again.status == 304);
    }
    SECTION("drafts, deleted and unknown entries have no page") {
        for (const std::string slug : {"trang-nhap-thu", "trang-da-xoa-thu", "khong-co-muc-nay"}) {
            Reply missing = http().get("/en/entries/" + slug);
            INFO(slug);
            CHECK(missing.status == 404);
            CHECK(missing.header("Content-Type") == "text/html; charset=utf-8");
            CHECK(meta_of(missing.body, "robots") == "noindex");
        }
    }
}

TEST_CASE("pages: the sitemap lists every published entry in both languages", "[api][pages]") {
    Reply r = http().get("/sitemap.xml");
    REQUIRE(r.status == 200);
    CHECK(r.header("Content-Type") == "application/xml; charset=utf-8");
    const std::string base = "http://127.0.0.1:" + std::to_string(shared().api->server().port());
    std::size_t published = 0;
    for (const std::string slug :
         {"trang-diem-thu", "trang-san-pham-thu", "trang-co-hoi-thu", "trang-le-hoi-thu"}) {
        const json entry = http().get("/api/entries/" + slug).json();
        for (const std::string lang : {"vi", "en"}) {
            INFO(slug << " " << lang);
            const std::string loc = "<url><loc>" + base + "/" + lang + "/entries/" + slug +
                                    "</loc><lastmod>" + entry["updated_at"].get<std::string>() +
                                    "</lastmod>";
            CHECK(r.body.find(loc) != std::string::npos);
            ++published;
        }
        CHECK(r.body.find("hreflang=\"en\" href=\"" + base + "/en/entries/" + slug + "\"") !=
              std::string::npos);
    }
    CHECK(published == 8);
    // Exactly the published entries, each in both languages (and the two home pages).
    const std::size_t entries = http().get("/healthz").json()["entries"];
    std::size_t urls = 0, entry_urls = 0;
    for (std::size_t at = r.body.find("<url><loc>"); at != std::string::npos;
         at = r.body.find("<url><loc>", at + 1)) {
        ++urls;
        const std::string loc = r.body.substr(at, r.body.find("</loc>", at) - at);
        if (loc.find("/entries/") != std::string::npos) ++entry_urls;
    }
    CHECK(entry_urls == 2 * entries);
    CHECK(urls == 2 * entries + 2);
    CHECK(r.body.find("trang-nhap-thu") == std::string::npos);
    CHECK(r.body.find("trang-da-xoa-thu") == std::string::npos);

    Reply robots = http().get("/robots.txt");
    CHECK(robots.status == 200);
    CHECK(robots.body.find("Sitemap: " + base + "/sitemap.xml") != std::string::npos);
}

TEST_CASE("pages: every page parses as HTML without an error, and no id is used twice",
          "[api][pages]") {
    TempDir pages;
    std::vector<std::string> command{"/usr/bin/python3",
                                     std::string(LC_SOURCE_DIR) + "/tests/support/check_html.py"};
    int n = 0;
    for (const std::string& path :
         std::vector<std::string>{"/vi/", "/en/", "/vi/search?q=" + kWord,
                                  "/en/search?q=" + kWord + "&month=12&kind=event",
                                  "/vi/search?q=khong+co+gi+ca+xyzw", "/en/search?q=sin+suoi+hoo",
                                  "/vi/search?per_page=2&page=2", "/vi/entries/trang-diem-thu",
                                  "/en/entries/trang-le-hoi-thu", "/vi/entries/trang-san-pham-thu",
                                  "/en/entries/trang-co-hoi-thu", "/en/entries/ban-sin-suoi-ho",
                                  "/vi/entries/khong-co-muc-nay", "/vi/search?month=13"}) {
        Reply r = http().get(path);
        INFO(path << ": " << r.status);
        REQUIRE((r.status == 200 || r.status == 404 || r.status == 400));
        const fs::path file = pages / ("page-" + std::to_string(++n) + ".html");
        write_file(file, r.body);
        command.push_back(file.string());
    }
    CommandResult checked = run_command(command);
    INFO(checked.out << checked.err);
    CHECK(checked.exit_code == 0);
}
