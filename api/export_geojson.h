// Search matches as a GeoJSON FeatureCollection (RFC 7946): one Point
// feature, [lon, lat], per match that has a location; matches without one
// are left out (and counted in the foreign member "unlocated").
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "search/search_types.h"

namespace lc::api {

// `lang` words the season ("season_words"); page_url is `page_url_prefix` +
// slug. Foreign members say what the collection is of: "total_matches",
// "unlocated", "truncated" and "limit".
nlohmann::ordered_json geojson_of(const MatchExport& matches, std::size_t limit,
                                  const std::string& lang, const std::string& page_url_prefix);

}  // namespace lc::api
