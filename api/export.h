// /api/search?format=csv|geojson: every match of the search's filters (not
// one page), up to kExportMaxMatches, as a file to take away.
#pragma once

#include <httplib.h>

#include <string>

#include "api/app.h"
#include "api/params.h"
#include "search/search_types.h"

namespace lc::api {

// Past this many matches an export holds the first this many in the search's
// order and says so: headers X-Total-Count and X-Export-Truncated: true
// (both formats), the CSV's file name ("…-first-10000-of-N.csv") and the
// GeoJSON's "truncated" member. Ten thousand rows are a few megabytes; the
// whole 100,000-entry test catalog would be fifty.
inline constexpr std::size_t kExportMaxMatches = 10'000;

// `format` is csv or geojson.
void send_export(App& app, const httplib::Request& req, const SearchRequest& request,
                 ResultFormat format, httplib::Response& res,
                 std::size_t limit = kExportMaxMatches);

// Where entry pages are, absolute: "http(s)://HOST", from the request's Host
// header (what the client reached us by), https when a trusted proxy says so
// in X-Forwarded-Proto; without a usable Host, the address lc-api listens on.
std::string public_base_url(const App& app, const httplib::Request& req);

}  // namespace lc::api
