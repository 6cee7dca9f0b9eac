#include "api/page_views.h"

#include <algorithm>
#include <cstdio>

#include "api/html.h"
#include "api/page_addresses.h"
#include "catalog/season_words.h"
#include "media/photo_processor.h"
#include "media/photo_store.h"

namespace lc::api {

namespace {

using Params = PageStrings::Params;

std::string tag(std::string_view name, std::string_view attributes, std::string_view inner) {
    std::string out = "<" + std::string(name);
    if (!attributes.empty()) out += " " + std::string(attributes);
    return out + ">" + std::string(inner) + "</" + std::string(name) + ">";
}

std::string text(std::string_view s) {
    return html_escape(s);
}

std::string link(const std::string& href, std::string_view label, std::string_view extra = "") {
    std::string attributes = "href=\"" + html_escape(href) + "\"";
    if (!extra.empty()) attributes += " " + std::string(extra);
    return tag("a", attributes, text(label));
}

std::string decimal(std::string_view lang, double value, int digits) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
    std::string out = buffer;
    if (lang != "en") std::replace(out.begin(), out.end(), '.', ',');
    return out;
}

// "Tháng 3 có gì": a capital for the sentence's first (ASCII) letter.
std::string capitalized(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

std::string srcset(const Photo& photo, std::string_view extension,
                   const std::vector<int>& widths = {kPhotoWidths.begin(), kPhotoWidths.end()}) {
    std::string out;
    for (int width : widths)
        out += (out.empty() ? "" : ", ") + PhotoStore::url(photo.id, width, extension) + " " +
               std::to_string(width) + "w";
    return out;
}

std::string count_text(const SearchRequest& r, const SearchResponse& res, const PageStrings& w) {
    const std::string& lang = r.lang;
    const std::string n = PageStrings::number(lang, res.total);
    const std::string shown = res.corrected_query.value_or(r.query);
    std::string count;
    const std::string months = what_to_see(r.months, w, lang);
    if (!shown.empty())
        count = w.t(lang, "results.countFor", {{"n", n}, {"q", shown}});
    else if (res.total > 0 && months.empty())
        count = w.t(lang, "results.all") + ": " + n;
    else
        count = w.t(lang, "results.count", {{"n", n}});
    return months.empty() ? count : months + ": " + count;
}

std::string result_item(const SearchHit& hit, std::size_t number, const SearchRequest& r,
                        const PageStrings& w) {
    const std::string& lang = r.lang;
    std::string meta =
        tag("span", "class=\"kind-badge kind-" + std::string(to_string(hit.kind)) + "\"",
            text(w.kind(lang, hit.kind)));
    if (!hit.area.empty())
        meta += tag("span", "class=\"result-area\"", text(w.area(lang, hit.area)));
    if (hit.ocop_stars)
        meta += tag(
            "span", "class=\"result-stars\"", "OCOP " + [&] {
                std::string stars;
                for (int i = 0; i < *hit.ocop_stars; ++i) stars += "★";
                return stars;
            }());
    if (hit.distance_km)
        meta +=
            tag("span", "class=\"result-distance\"",
                text(w.t(lang, "results.distance", {{"d", decimal(lang, *hit.distance_km, 1)}})));

    std::string title;
    if (hit.location)
        title += tag("span",
                     "class=\"result-pin\" title=\"" + text(w.t(lang, "map.title")) +
                         "\" aria-hidden=\"true\"",
                     std::to_string(number));
    title += link(entry_href(lang, hit.slug), hit.name);

    std::string body =
        tag("h3", "class=\"result-title\"", title) + tag("p", "class=\"result-meta\"", meta);
    // The engine's snippet is escaped already, with <mark> around matches.
    if (!r.query.empty() && !hit.snippet.empty())
        body += tag("p", "class=\"result-snippet\"", hit.snippet);
    else if (!hit.summary.empty())
        body += tag("p", "class=\"result-snippet\"", text(hit.summary));
    if (!hit.themes.empty()) {
        std::string tags;
        for (const auto& t : hit.themes) tags += tag("li", "", text(w.theme(lang, t)));
        body += tag("ul", "class=\"tags\" aria-label=\"" + text(w.t(lang, "filters.theme")) + "\"",
                    tags);
    }
    std::string thumb;
    if (hit.cover) {
        const Photo& c = *hit.cover;
        thumb = "<img class=\"result-thumb\" src=\"" + PhotoStore::url(c.id, 320, "webp") +
                "\" srcset=\"" + srcset(c, "webp", {320, 800}) + "\" sizes=\"8rem\" alt=\"" +
                text(c.alt.in(lang)) + "\" width=\"" + std::to_string(c.width) + "\" height=\"" +
                std::to_string(c.height) + "\" loading=\"lazy\" decoding=\"async\">";
    }
    return tag("li",
               std::string(thumb.empty() ? "class=\"result\"" : "class=\"result has-thumb\"") +
                   " data-slug=\"" + text(hit.slug) + "\"",
               thumb + tag("div", "class=\"result-body\"", body));
}

std::string checkbox_group(std::string_view name, const std::string& legend,
                           const FacetCounts& counts, const std::vector<std::string>& chosen,
                           const std::vector<std::string>& order,
                           const std::function<std::string(const std::string&)>& label,
                           std::string_view lang) {
    std::vector<std::string> values;
    for (const auto& [value, n] : counts) values.push_back(value);
    for (const auto& c : chosen)
        if (std::find(values.begin(), values.end(), c) == values.end()) values.push_back(c);
    if (!order.empty()) {
        auto rank = [&order](const std::string& v) {
            return std::find(order.begin(), order.end(), v) - order.begin();
        };
        std::stable_sort(values.begin(), values.end(),
                         [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
    }
    if (values.empty()) return "";
    std::string items;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const std::string& value = values[i];
        const std::string id = "f-" + std::string(name) + "-" + std::to_string(i);
        const bool on = std::find(chosen.begin(), chosen.end(), value) != chosen.end();
        auto n = counts.find(value);
        items +=
            tag("li", "",
                "<input type=\"checkbox\" id=\"" + id + "\" name=\"" + std::string(name) +
                    "\" value=\"" + text(value) + "\"" + (on ? " checked" : "") + ">" +
                    tag("label", "for=\"" + id + "\"",
                        tag("span", "class=\"facet-label\"", text(label(value))) +
                            tag("span", "class=\"facet-count\"",
                                PageStrings::number(lang, n == counts.end() ? 0 : n->second))));
    }
    return tag("fieldset", "class=\"facet\"",
               tag("legend", "", text(legend)) + tag("ul", "class=\"facet-list\"", items));
}

std::string stars_group(const FacetCounts& counts, std::optional<int> chosen, const PageStrings& w,
                        std::string_view lang) {
    if (counts.empty() && !chosen) return "";
    std::string items;
    for (int min : {0, 3, 4, 5}) {
        const std::string id = "f-stars-" + (min ? std::to_string(min) : std::string("any"));
        const bool on = min ? chosen == min : !chosen;
        std::size_t at_least = 0;
        for (const auto& [stars, n] : counts)
            if (std::atoi(stars.c_str()) >= min) at_least += n;
        std::string label =
            tag("span", "class=\"facet-label\"",
                text(min ? w.t(lang, "filters.starsMin", {{"n", std::to_string(min)}})
                         : w.t(lang, "filters.starsAny")));
        if (min) label += tag("span", "class=\"facet-count\"", PageStrings::number(lang, at_least));
        items += tag("li", "",
                     "<input type=\"radio\" id=\"" + id + "\" name=\"stars_min\" value=\"" +
                         (min ? std::to_string(min) : "") + "\"" + (on ? " checked" : "") + ">" +
                         tag("label", "for=\"" + id + "\"", label));
    }
    return tag("fieldset", "class=\"facet\"",
               tag("legend", "", text(w.t(lang, "filters.stars"))) +
                   tag("ul", "class=\"facet-list\"", items));
}

std::string hidden_input(std::string_view name, const std::string& value) {
    return "<input type=\"hidden\" name=\"" + std::string(name) + "\" value=\"" + text(value) +
           "\">";
}

std::string filters_form(const SearchRequest& r, const SearchResponse& res, const PageStrings& w) {
    const std::string& lang = r.lang;
    std::string html;
    if (!r.query.empty()) html += hidden_input("q", r.query);
    if (r.near)
        html += hidden_input("near", plain_number(r.near->lat) + "," + plain_number(r.near->lon));
    if (r.radius_km) html += hidden_input("radius_km", plain_number(*r.radius_km));
    std::vector<std::string> kinds(kKindNames.begin(), kKindNames.end());
    std::vector<std::string> month_keys, months;
    for (int m = 1; m <= 12; ++m) month_keys.push_back(std::to_string(m));
    for (int m : r.months) months.push_back(std::to_string(m));
    html += checkbox_group(
        "kind", w.t(lang, "filters.kind"), res.kind_facet, r.kinds, kinds,
        [&](const std::string& k) {
            auto kind = parse_kind(k);
            return kind ? w.kind(lang, *kind) : k;
        },
        lang);
    html += checkbox_group(
        "theme", w.t(lang, "filters.theme"), res.theme_facet, r.themes, {},
        [&](const std::string& t) { return w.theme(lang, t); }, lang);
    html += checkbox_group(
        "area", w.t(lang, "filters.area"), res.area_facet, r.areas, {},
        [&](const std::string& a) { return w.area(lang, a); }, lang);
    html += stars_group(res.stars_facet, r.stars_min, w, lang);
    html += checkbox_group(
        "month", w.t(lang, "filters.month"), res.month_facet, months, month_keys,
        [&](const std::string& m) { return w.month(lang, std::atoi(m.c_str())); }, lang);
    html += "<button type=\"submit\" class=\"button button-small\">" +
            text(w.t(lang, "filters.apply")) + "</button>";
    const bool filtered = !r.kinds.empty() || !r.themes.empty() || !r.areas.empty() ||
                          r.stars_min || !r.months.empty();
    if (filtered) {
        SearchRequest cleared;
        cleared.query = r.query;
        cleared.lang = r.lang;
        html += " " + link(search_href(cleared), w.t(lang, "filters.clear"),
                           "class=\"button button-small clear-filters\"");
    }
    return html;
}

std::string sort_options(const SearchRequest& r, const PageStrings& w) {
    std::string html;
    std::vector<std::pair<SortOrder, std::string>> sorts = {{SortOrder::relevance, "relevance"},
                                                            {SortOrder::name, "name"}};
    if (r.near) sorts.emplace_back(SortOrder::distance, "distance");
    for (const auto& [order, name] : sorts)
        html += tag("option", "value=\"" + name + "\"" + (r.sort == order ? " selected" : ""),
                    text(w.t(r.lang, "sort." + name)));
    return html;
}

std::string paging(const SearchRequest& r, const SearchResponse& res, const PageStrings& w) {
    const std::size_t pages =
        std::max<std::size_t>(1, (res.total + res.per_page - 1) / res.per_page);
    if (pages <= 1) return "";
    const std::size_t current = res.page;
    auto href = [&r](std::size_t page) {
        SearchRequest at = r;
        at.page = page;
        return search_href(at);
    };
    const std::string& lang = r.lang;
    auto page_label = [&](std::size_t p) {
        return "aria-label=\"" + text(w.t(lang, "paging.page", {{"p", std::to_string(p)}})) + "\"";
    };
    std::string links;
    if (current > 1)
        links +=
            link(href(current - 1), w.t(lang, "paging.prev"), "rel=\"prev\" class=\"paging-step\"");
    std::size_t last = 0;
    for (std::size_t p = 1; p <= pages; ++p) {
        const bool wanted =
            p == 1 || p == pages || p + 1 == current || p == current || p == current + 1;
        if (!wanted) continue;
        if (p - last > 1) links += "<span class=\"paging-gap\" aria-hidden=\"true\">…</span>";
        if (p == current)
            links += tag("span", "class=\"paging-current\" aria-current=\"page\" " + page_label(p),
                         std::to_string(p));
        else
            links += link(href(p), std::to_string(p), page_label(p));
        last = p;
    }
    if (current < pages)
        links +=
            link(href(current + 1), w.t(lang, "paging.next"), "rel=\"next\" class=\"paging-step\"");
    return tag("p", "class=\"paging-status\"",
               text(w.t(lang, "results.page",
                        {{"p", std::to_string(current)}, {"n", std::to_string(pages)}}))) +
           tag("div", "class=\"paging-links\"", links);
}

// As web/js/downloads.js: every match of this search as CSV and GeoJSON.
std::string downloads(const SearchRequest& r, const SearchResponse& res, const PageStrings& w) {
    if (res.total == 0) return "";
    SearchRequest all = r;
    all.page = 1;
    all.per_page = SearchRequest{}.per_page;
    const std::string page_href = search_href(all);
    const std::size_t query_at = page_href.find('?');
    std::string query = query_at == std::string::npos ? "?" : page_href.substr(query_at) + "&";
    query += "lang=" + r.lang + "&format=";
    const std::string& lang = r.lang;
    constexpr std::size_t kExportLimit = 10'000;  // api/export.h's kExportMaxMatches
    const std::string note =
        res.total > kExportLimit
            ? w.t(lang, "download.first",
                  {{"max", PageStrings::number(lang, kExportLimit)},
                   {"n", PageStrings::number(lang, res.total)}})
            : w.t(lang, "download.all", {{"n", PageStrings::number(lang, res.total)}});
    return text(w.t(lang, "download.title")) + ": " +
           link("/api/search" + query + "csv", w.t(lang, "download.csv"),
                "download=\"\" data-format=\"csv\"") +
           " · " +
           link("/api/search" + query + "geojson", w.t(lang, "download.geojson"),
                "download=\"\" data-format=\"geojson\"") +
           " " + tag("span", "class=\"downloads-note\"", text(note));
}

std::string paragraphs(const std::string& body, std::string_view lang) {
    std::string html;
    std::size_t start = 0;
    while (start < body.size()) {
        std::size_t end = start;
        // A paragraph ends at a line that holds only white space.
        std::size_t next = body.size();
        for (std::size_t nl = body.find('\n', start); nl != std::string::npos;
             nl = body.find('\n', nl + 1)) {
            std::size_t after = body.find_first_not_of(" \t\r", nl + 1);
            if (after != std::string::npos && body[after] == '\n') {
                end = nl;
                next = after + 1;
                break;
            }
        }
        if (next == body.size()) end = body.size();
        std::string p = body.substr(start, end - start);
        const std::size_t first = p.find_first_not_of(" \t\r\n");
        if (first != std::string::npos) {
            p = p.substr(first, p.find_last_not_of(" \t\r\n") - first + 1);
            html += tag("p", "lang=\"" + std::string(lang) + "\"", text(p));
        }
        start = next;
    }
    return html;
}

std::string gallery(const Entry& e, const PageStrings& w, std::string_view lang) {
    if (e.photos.empty()) return "";
    const std::string sizes = "(max-width: 800px) 100vw, 800px";
    std::string figures;
    for (std::size_t i = 0; i < e.photos.size(); ++i) {
        const Photo& p = e.photos[i];
        const std::string alt = p.alt.in(lang);
        const std::string img = "<img src=\"" + PhotoStore::url(p.id, 800, "jpg") + "\" srcset=\"" +
                                srcset(p, "jpg") + "\" sizes=\"" + sizes + "\" alt=\"" + text(alt) +
                                "\" width=\"" + std::to_string(p.width) + "\" height=\"" +
                                std::to_string(p.height) + "\"" +
                                (i == 0 ? "" : " loading=\"lazy\"") + " decoding=\"async\">";
        figures += tag("figure", "class=\"photo\"",
                       tag("picture", "",
                           "<source type=\"image/webp\" srcset=\"" + srcset(p, "webp") +
                               "\" sizes=\"" + sizes + "\">" + img) +
                           tag("figcaption", "",
                               tag("span", "class=\"photo-alt\"", text(alt)) + " " +
                                   tag("span", "class=\"photo-credit\"", text(p.credit))));
    }
    return tag("section", "class=\"gallery\" aria-labelledby=\"gallery-title\"",
               tag("h3", "id=\"gallery-title\"", text(w.t(lang, "detail.photos"))) + figures);
}

std::string fact(const std::string& label, const std::string& value_html) {
    return tag("div", "class=\"fact\"", tag("dt", "", text(label)) + tag("dd", "", value_html));
}

std::string list_or_none(const std::vector<std::string>& items, const std::string& none,
                         std::string_view list_class = "inline-list") {
    if (items.empty()) return tag("span", "class=\"muted\"", text(none));
    std::string li;
    for (const auto& item : items) li += tag("li", "", text(item));
    return tag("ul", "class=\"" + std::string(list_class) + "\"", li);
}

std::string facts(const Entry& e, const PageStrings& w, std::string_view lang) {
    const std::string none = w.t(lang, "detail.none");
    auto muted = [&](const std::string& s) { return tag("span", "class=\"muted\"", text(s)); };
    std::string rows = fact(w.t(lang, "field.kind"), text(w.kind(lang, e.kind)));
    std::vector<std::string> themes;
    for (const auto& t : e.themes) themes.push_back(w.theme(lang, t));
    rows += fact(w.t(lang, "field.themes"), list_or_none(themes, none, "tags"));
    std::string area = e.area.empty() ? muted(none) : text(w.area(lang, e.area));
    if (!e.former_district.empty())
        area +=
            tag("span", "class=\"former-district\"",
                " (" +
                    text(e.former_district == "Thành phố Lai Châu"
                             ? w.t(lang, "area.formerCity")
                             : w.t(lang, "area.formerDistrict", {{"name", e.former_district}})) +
                    ")");
    rows += fact(w.t(lang, "field.area"), area);
    if (e.location) {
        const Location& l = *e.location;
        rows += fact(
            w.t(lang, "field.location"),
            tag("span",
                "class=\"location-fact\" data-precision=\"" + std::string(to_string(l.precision)) +
                    "\"",
                text(w.t(lang, "map.at",
                         {{"lat", decimal(lang, l.lat, 4)}, {"lon", decimal(lang, l.lon, 4)}})) +
                    " — " + text(w.t(lang, "precision." + std::string(to_string(l.precision)))) +
                    "<br>" +
                    tag("small", "class=\"muted\"",
                        text(w.t(lang, "loc.source", {{"source", l.source}})))));
    } else {
        rows += fact(w.t(lang, "field.location"), muted(w.t(lang, "map.entryNoLocation")));
    }
    if (e.kind == Kind::product || e.ocop_stars)
        rows += fact(w.t(lang, "field.ocop_stars"),
                     e.ocop_stars
                         ? tag("span", "class=\"stars\"",
                               text(w.t(lang, "stars", {{"n", std::to_string(*e.ocop_stars)}})))
                         : muted(none));
    rows += fact(w.t(lang, "field.certifications"), list_or_none(e.certifications, none));
    const std::string season = season_words(e.season, lang);
    rows +=
        fact(w.t(lang, "field.season"),
             season.empty() ? muted(none) : tag("span", "class=\"season-words\"", text(season)));
    rows += fact(w.t(lang, "field.aliases"), list_or_none(e.aliases, none));
    rows += fact(w.t(lang, "field.source"), e.source.empty() ? muted(none) : text(e.source));
    return tag(
        "section", "class=\"facts\" aria-labelledby=\"facts-title\"",
        tag("h3", "id=\"facts-title\"", text(w.t(lang, "detail.facts"))) + tag("dl", "", rows));
}

}  // namespace

std::string what_to_see(const std::vector<int>& months, const PageStrings& w,
                        std::string_view lang) {
    const std::string words = season_words(months, lang);
    if (words.empty()) return "";
    std::vector<int> distinct = months;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    return capitalized(distinct.size() == 12 ? w.t(lang, "months.whatAllYear")
                                             : w.t(lang, "months.whatIn", {{"months", words}}));
}

void render_search(PageContent& page, const SearchRequest& r, const SearchResponse& res,
                   const PageStrings& w) {
    const std::string& lang = r.lang;
    page.query = r.query;
    page.count_text = count_text(r, res, w);
    if (res.corrected_query) {
        SearchRequest corrected;
        corrected.query = *res.corrected_query;
        corrected.lang = lang;
        page.correction_html = tag("p", "class=\"correction-ask\"",
                                   text(w.t(lang, "results.didYouMean")) + " " +
                                       link(search_href(corrected), *res.corrected_query,
                                            "class=\"correction-link\"") +
                                       "?") +
                               tag("p", "class=\"correction-note\"",
                                   text(w.t(lang, "results.showingInstead",
                                            {{"shown", *res.corrected_query}, {"q", r.query}})));
    }
    page.filters_html = filters_form(r, res, w);
    page.sort_html = sort_options(r, w);
    page.results_start = (res.page - 1) * res.per_page + 1;
    for (std::size_t i = 0; i < res.results.size(); ++i)
        page.results_html += result_item(res.results[i], i + 1, r, w);
    if (res.total == 0)
        page.empty_html = tag("p", "class=\"empty-title\"", text(w.t(lang, "results.none"))) +
                          tag("p", "", text(w.t(lang, "results.noneHint")));
    page.paging_html = paging(r, res, w);
    page.downloads_html = downloads(r, res, w);
}

std::string render_entry(const StoredEntry& stored, const PageStrings& w, std::string_view lang) {
    const Entry& e = stored.entry;
    const std::string other = lang == "en" ? "vi" : "en";
    auto pick = [&](const LocalizedText& t) {
        const bool own = lang == "en" ? !t.en.empty() : !t.vi.empty();
        return std::pair<std::string, std::string>{
            own ? (lang == "en" ? t.en : t.vi) : (lang == "en" ? t.vi : t.en),
            own ? std::string(lang) : other};
    };
    const auto [name, name_lang] = pick(e.name);
    const auto [summary, summary_lang] = pick(e.summary);
    const auto [body, body_lang] = pick(e.body);
    const std::string& other_name = other == "en" ? e.name.en : e.name.vi;

    std::string head =
        tag("p", "class=\"detail-badges\"",
            tag("span", "class=\"kind-badge kind-" + std::string(to_string(e.kind)) + "\"",
                text(w.kind(lang, e.kind)))) +
        tag("h2",
            "id=\"detail-title\" class=\"detail-title\" tabindex=\"-1\" lang=\"" + name_lang + "\"",
            text(name));
    if (!other_name.empty() && other_name != name)
        head += tag("p", "class=\"detail-other-name\"",
                    text(w.t(lang, "detail.otherName")) + ": " +
                        tag("span", "lang=\"" + other + "\"", text(other_name)));
    if (!summary.empty())
        head += tag("p", "class=\"detail-summary\" lang=\"" + summary_lang + "\"", text(summary));

    std::string html =
        tag("p", "class=\"back\"",
            link(home_href(lang), "← " + w.t(lang, "detail.back"), "class=\"back-link\""));
    html += tag("header", "class=\"detail-head\"", head);
    html += gallery(e, w, lang);
    html += tag("div", "class=\"detail-body\"",
                body.empty() ? tag("p", "class=\"muted\"", text(w.t(lang, "detail.noBody")))
                             : paragraphs(body, body_lang));
    html += facts(e, w, lang);
    html += tag("p", "class=\"detail-updated\"",
                text(w.t(lang, "detail.updated",
                         {{"date", stored.updated_at.substr(0, 10)},
                          {"rev", std::to_string(stored.revision)}})));
    return html;
}

}  // namespace lc::api
