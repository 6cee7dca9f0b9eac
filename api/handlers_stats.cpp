// What visitors search, for editors: counting each search and each entry
// opened from one (only the query, its result count and the day; nothing
// about who asked), and the report. The counting is a map insert in memory;
// SearchStats writes it out from its own thread.
#include "api/app.h"
#include "api/errors.h"
#include "api/http_util.h"
#include "api/params.h"

namespace lc::api {

namespace {

constexpr std::size_t kMaxQueryChars = 200;

nlohmann::ordered_json query_rows(const std::vector<QueryCount>& rows, bool full) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& r : rows) {
        nlohmann::ordered_json row = {{"query", r.query}, {"count", r.count}};
        if (full) {
            row["results"] = r.results;
            row["opened"] = r.opened;
        }
        list.push_back(std::move(row));
    }
    return list;
}

}  // namespace

// Counted: a search a visitor asked for, once. Not counted: the page's
// searches while the words are still being typed (prefix=1), later pages of
// the same search, downloads (format=csv|geojson, which never reach here),
// and repeats the page marks with record=0 (its map's second request).
void record_search(App& app, const httplib::Request& req, const SearchRequest& request,
                   const SearchResponse& response) {
    if (!app.stats || request.query.empty() || request.prefix || request.page != 1) return;
    if (req.get_param_value("record") == "0") return;
    app.stats->record_search(request.query, response.total);
}

// GET /api/entries/{slug}?q=...: the page passes the search the entry was
// opened from. A bad or missing q never fails the entry's answer.
void record_opened(App& app, const httplib::Request& req) {
    if (!app.stats || !req.has_param("q")) return;
    try {
        if (auto q = text_param(req, "q", kMaxQueryChars)) app.stats->record_opened(*q);
    } catch (const ApiError&) {
        // Not a query any search could have counted.
    }
}

void get_search_stats(App& app, const httplib::Request& req, httplib::Response& res) {
    app.auth.require_editor(req);
    if (!app.stats) throw ApiError(404, "stats_off", "search statistics are off (--stats-days 0)");
    const int days = static_cast<int>(int_param(req, "days", 1, 3650).value_or(30));
    const auto limit = static_cast<std::size_t>(int_param(req, "limit", 1, 500).value_or(50));
    SearchReport r = app.stats->report(days, limit);
    nlohmann::ordered_json per_day = nlohmann::ordered_json::array();
    for (const auto& d : r.per_day) per_day.push_back({{"day", d.day}, {"searches", d.searches}});
    send_json(res, 200,
              {{"days", r.days},
               {"searches", r.searches},
               {"top", query_rows(r.top, true)},
               {"zero_results", query_rows(r.zero_results, false)},
               {"not_opened", query_rows(r.not_opened, false)},
               {"per_day", std::move(per_day)},
               {"other", r.other}});
}

}  // namespace lc::api
