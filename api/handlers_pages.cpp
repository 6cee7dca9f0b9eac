// The pages a browser, a search engine or a link preview reads without
// running scripts: home, search and entry pages in each language, the
// sitemap and robots.txt. The engine answers; page_views.h lays it out in
// the page's shell (page_shell.h); page_meta.h writes the head.
#include "api/app.h"
#include "api/errors.h"
#include "api/export.h"
#include "api/html.h"
#include "api/http_util.h"
#include "api/page_addresses.h"
#include "api/page_meta.h"
#include "api/page_shell.h"
#include "api/page_views.h"
#include "api/params.h"
#include "util/error.h"
#include "util/sha256.h"

namespace lc::api {

namespace {

const PageShell& shell_of(const App& app) {
    if (!app.pages) throw NotFound("this server shows no pages (it was started without --web)");
    return *app.pages;
}

std::string lang_of(const httplib::Request& req) {
    return req.matches[1].str();
}

// Pages change with the catalog: kept by browsers and proxies but asked
// again each time, which costs a 304 when nothing changed.
void send_page(const httplib::Request& req, httplib::Response& res, std::string html,
               int status = 200) {
    res.status = status;
    res.set_header("Cache-Control", "no-cache");
    if (status == 200) {
        const std::string etag = "\"" + sha256_hex(html).substr(0, 20) + "\"";
        res.set_header("ETag", etag);
        if (if_none_match(req, etag)) {
            res.status = 304;
            return;
        }
    }
    res.set_content(std::move(html), "text/html; charset=utf-8");
}

// An error on a page is a page too, with the status and the words of the
// one error table (errors.h).
void send_error_page(const App& app, const httplib::Request& req, httplib::Response& res,
                     const std::string& lang) {
    std::string message;
    try {
        message = nlohmann::json::parse(res.body).at("error").at("message").get<std::string>();
    } catch (const nlohmann::json::exception&) {
    }
    const PageStrings& words = app.pages->strings();
    PageContent page;
    page.lang = lang;
    page.title =
        (res.status == 404 ? words.t(lang, "detail.notFound") : words.t(lang, "page.error")) +
        " — " + words.t(lang, "site.name");
    page.description = message;
    page.vi_href = home_href("vi");
    page.en_href = home_href("en");
    page.head_html = "<meta name=\"robots\" content=\"noindex\">\n";
    page.detail_html = "<h2 id=\"detail-title\" class=\"detail-title\" tabindex=\"-1\">" +
                       html_escape(res.status == 404 ? words.t(lang, "detail.notFound")
                                                     : words.t(lang, "page.error")) +
                       "</h2><p>" + html_escape(message) +
                       "</p><p class=\"back\"><a class=\"back-link\" href=\"" + home_href(lang) +
                       "\">← " + html_escape(words.t(lang, "site.name")) + "</a></p>";
    const int status = res.status;
    res.body.clear();
    res.headers.erase("Content-Type");
    send_page(req, res, app.pages->render(page), status);
}

// Runs a page's renderer; what it throws becomes an error page.
template <typename Render>
void page(App& app, const httplib::Request& req, httplib::Response& res, Render render) {
    shell_of(app);
    try {
        render(*app.pages, lang_of(req));
    } catch (...) {
        write_current_exception(res);
        send_error_page(app, req, res, lang_of(req));
    }
}

PageMeta meta_for(const App& app, const httplib::Request& req, const PageContent& page,
                  const std::string& vi_path, const std::string& en_path) {
    const std::string base = public_base_url(app, req);
    PageMeta meta;
    meta.lang = page.lang;
    meta.title = page.title;
    meta.description = page.description;
    meta.vi_url = base + vi_path;
    meta.en_url = base + en_path;
    meta.canonical = page.lang == "en" ? meta.en_url : meta.vi_url;
    return meta;
}

// The search a page's address asks for. The page's own GET form sends
// empty values for "any" (stars_min=) and an empty box (q=): they mean no
// filter here, where /api/search would refuse some of them.
SearchRequest page_search_request(const httplib::Request& req, const std::string& lang) {
    httplib::Request asked;
    for (const auto& [name, value] : req.params)
        if (!value.empty() && name != "lang") asked.params.emplace(name, value);
    SearchRequest request = search_request_from(asked);
    request.lang = lang;
    return request;
}

void render_search_page(App& app, const httplib::Request& req, httplib::Response& res, bool home) {
    page(app, req, res, [&](const PageShell& shell, const std::string& lang) {
        const PageStrings& words = shell.strings();
        // The home page lists everything; a search page what its address asks.
        SearchRequest request = home ? SearchRequest{} : page_search_request(req, lang);
        request.lang = lang;
        SearchResponse response = app.search.search(request);
        record_search(app, req, request, response);

        PageContent content;
        content.lang = lang;
        render_search(content, request, response, words);
        SearchRequest in_vi = request, in_en = request;
        in_vi.lang = "vi";
        in_en.lang = "en";
        const std::string vi_path = home ? home_href("vi") : search_href(in_vi);
        const std::string en_path = home ? home_href("en") : search_href(in_en);
        content.vi_href = vi_path;
        content.en_href = en_path;
        if (home) {
            content.title = words.t(lang, "site.title");
            content.description = words.t(lang, "footer.about");
        } else {
            const std::string what = request.query.empty()
                                         ? words.t(lang, "results.all")
                                         : words.t(lang, "page.search", {{"q", request.query}});
            content.title = what + " — " + words.t(lang, "site.name");
            content.description = content.count_text;
        }
        PageMeta meta = meta_for(app, req, content, vi_path, en_path);
        // A list of results is a way to the entries, not a page to list.
        meta.index = home;
        content.head_html = head_html(meta);
        send_page(req, res, shell.render(content));
    });
}

}  // namespace

void get_home_page(App& app, const httplib::Request& req, httplib::Response& res) {
    render_search_page(app, req, res, true);
}

void get_search_page(App& app, const httplib::Request& req, httplib::Response& res) {
    render_search_page(app, req, res, false);
}

void get_entry_page(App& app, const httplib::Request& req, httplib::Response& res) {
    page(app, req, res, [&](const PageShell& shell, const std::string& lang) {
        const std::string slug = req.matches[2].str();
        auto stored = app.store.find(slug);
        // Drafts and deleted entries have no page, for anyone.
        if (!stored || !stored->searchable()) throw NotFound("no entry '" + slug + "'");
        const Entry& e = stored->entry;
        const PageStrings& words = shell.strings();

        PageContent content;
        content.lang = lang;
        content.title = e.name.in(lang) + " — " + words.t(lang, "site.name");
        content.description = e.summary.in(lang);
        content.vi_href = entry_href("vi", slug);
        content.en_href = entry_href("en", slug);
        content.detail_html = render_entry(*stored, words, lang);
        PageMeta meta = meta_for(app, req, content, content.vi_href, content.en_href);
        if (!e.photos.empty()) {
            meta.image = public_base_url(app, req) + PhotoStore::url(e.photos[0].id, 1600, "jpg");
            meta.image_alt = e.photos[0].alt.in(lang);
        }
        meta.json_ld = entry_json_ld(e, lang, meta.canonical, meta.image);
        content.head_html = head_html(meta);
        send_page(req, res, shell.render(content));
    });
}

// Every published entry in both languages, each with its alternates and
// the time of its latest revision; and the two home pages.
void get_sitemap(App& app, const httplib::Request& req, httplib::Response& res) {
    const std::string base = public_base_url(app, req);
    auto url = [&base](const std::string& vi, const std::string& en, const std::string& lang,
                       const std::string& lastmod) {
        std::string out = "<url><loc>" + html_escape(base + (lang == "en" ? en : vi)) + "</loc>";
        if (!lastmod.empty()) out += "<lastmod>" + html_escape(lastmod) + "</lastmod>";
        for (const auto& [hreflang, path] : {std::pair{"vi", vi}, {"en", en}, {"x-default", vi}})
            out += "<xhtml:link rel=\"alternate\" hreflang=\"" + std::string(hreflang) +
                   "\" href=\"" + html_escape(base + path) + "\"/>";
        return out + "</url>\n";
    };
    std::string xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
        "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
    for (const char* lang : {"vi", "en"}) xml += url(home_href("vi"), home_href("en"), lang, "");
    app.store.for_each([&](const StoredEntry& stored) {
        if (!stored.searchable()) return;
        const std::string& slug = stored.entry.slug;
        for (const char* lang : {"vi", "en"})
            xml += url(entry_href("vi", slug), entry_href("en", slug), lang, stored.updated_at);
    });
    xml += "</urlset>\n";
    res.status = 200;
    res.set_header("Cache-Control", "no-cache");
    res.set_content(xml, "application/xml; charset=utf-8");
}

void get_robots(App& app, const httplib::Request& req, httplib::Response& res) {
    res.status = 200;
    res.set_header("Cache-Control", "no-cache");
    // The API (and its exports) is for programs; the pages are for everyone.
    res.set_content("User-agent: *\nDisallow: /api/\nAllow: /\n\nSitemap: " +
                        public_base_url(app, req) + "/sitemap.xml\n",
                    "text/plain; charset=utf-8");
}

}  // namespace lc::api
