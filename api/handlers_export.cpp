// /api/search?format=csv|geojson (get_search hands these over): the matches
// read from the engine in one call, written by export_csv / export_geojson.
#include "api/export.h"
#include "api/export_csv.h"
#include "api/export_geojson.h"
#include "api/http_util.h"

#include <cctype>
#include <string_view>

namespace lc::api {

namespace {

// A Host header we may copy into a URL: a name or address and a port, no
// more (anything else, and the configured address is used).
bool usable_host(const std::string& host) {
    if (host.empty() || host.size() > 255) return false;
    for (char c : host)
        if (!std::isalnum(static_cast<unsigned char>(c)) &&
            std::string_view(".-:[]").find(c) == std::string_view::npos)
            return false;
    return true;
}

}  // namespace

std::string public_base_url(const App& app, const httplib::Request& req) {
    if (!app.config.public_url.empty()) return app.config.public_url;
    const bool https = app.proxies.contains(req.remote_addr) &&
                       req.get_header_value("X-Forwarded-Proto") == "https";
    std::string host = req.get_header_value("Host");
    if (!usable_host(host)) host = app.config.host + ":" + std::to_string(app.config.port);
    return (https ? "https://" : "http://") + host;
}

void send_export(App& app, const httplib::Request& req, const SearchRequest& request,
                 ResultFormat format, httplib::Response& res, std::size_t limit) {
    const MatchExport matches = app.search.export_matches(request, limit);
    // The entry page in the language the search was made in (the page the
    // site shows for that entry, in /{lang}/entries/{slug}).
    const std::string page_url_prefix =
        public_base_url(app, req) + "/" + request.lang + "/entries/";
    res.status = 200;
    res.set_header("X-Total-Count", std::to_string(matches.total));
    res.set_header("X-Export-Truncated", matches.truncated() ? "true" : "false");
    res.set_header("Access-Control-Expose-Headers",
                   "X-Total-Count, X-Export-Truncated, Content-Disposition");
    std::string name = "lai-chau-explorer";
    if (matches.truncated())
        name += "-first-" + std::to_string(matches.entries.size()) + "-of-" +
                std::to_string(matches.total);
    if (format == ResultFormat::csv) {
        res.set_header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
        res.set_content(csv_of(matches.entries, page_url_prefix), "text/csv; charset=utf-8");
    } else {
        res.set_header("Content-Disposition", "attachment; filename=\"" + name + ".geojson\"");
        res.set_content(geojson_of(matches, limit, request.lang, page_url_prefix).dump(),
                        "application/geo+json");
    }
}

}  // namespace lc::api
