#include "api/export_geojson.h"

#include "catalog/season_words.h"

namespace lc::api {

using oj = nlohmann::ordered_json;

oj geojson_of(const MatchExport& matches, std::size_t limit, const std::string& lang,
              const std::string& page_url_prefix) {
    oj features = oj::array();
    std::size_t unlocated = 0;
    for (const auto& e : matches.entries) {
        if (!e.location) {
            ++unlocated;
            continue;
        }
        oj properties;
        properties["slug"] = e.slug;
        properties["kind"] = std::string(to_string(e.kind));
        properties["name_vi"] = e.name.vi;
        properties["name_en"] = e.name.en;
        properties["area"] = e.area;
        properties["themes"] = e.themes;
        properties["location_precision"] = std::string(to_string(e.location->precision));
        properties["months"] = e.season;
        properties["season_words"] = season_words(e.season, lang);
        properties["page_url"] = page_url_prefix + e.slug;
        features.push_back(
            {{"type", "Feature"},
             {"id", e.slug},
             {"geometry",
              {{"type", "Point"}, {"coordinates", oj::array({e.location->lon, e.location->lat})}}},
             {"properties", std::move(properties)}});
    }
    oj out;
    out["type"] = "FeatureCollection";
    out["features"] = std::move(features);
    out["total_matches"] = matches.total;
    out["unlocated"] = unlocated;
    out["truncated"] = matches.truncated();
    out["limit"] = limit;
    return out;
}

}  // namespace lc::api
