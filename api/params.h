// Reading query parameters. Every bad value is an ApiError (400) that names
// the parameter; unknown parameters are ignored.
#pragma once

#include <httplib.h>

#include <optional>
#include <string>
#include <vector>

#include "search/search_types.h"

namespace lc::api {

// The search parameters of /api/search (and the shared ones of /api/suggest).
SearchRequest search_request_from(const httplib::Request& req);

// format: "json" (the default), "csv" or "geojson" (api/export.h).
enum class ResultFormat { json, csv, geojson };
ResultFormat format_param(const httplib::Request& req);

// One text parameter: valid UTF-8, no control characters, at most max_chars.
std::optional<std::string> text_param(const httplib::Request& req, const std::string& name,
                                      std::size_t max_chars);

// "vi" (default) or "en".
std::string lang_param(const httplib::Request& req);

// An integer parameter within [min, max].
std::optional<long long> int_param(const httplib::Request& req, const std::string& name,
                                   long long min, long long max);

}  // namespace lc::api
