#include "api/json_mapping.h"

#include <cmath>

#include "catalog/validation.h"
#include "media/photo_processor.h"
#include "media/photo_store.h"

namespace lc::api {

using oj = nlohmann::ordered_json;

namespace {

oj facet(const FacetCounts& counts) {
    oj out = oj::object();
    // Largest first, then by name, so the page can show them as they come.
    std::vector<std::pair<std::string, std::size_t>> v(counts.begin(), counts.end());
    std::stable_sort(v.begin(), v.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    for (const auto& [value, n] : v) out[value] = n;
    return out;
}

// Shown to people, rounded to `decimals`: ten metres are close enough for a
// distance, and a score needs only enough digits to compare neighbours.
double rounded(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

}  // namespace

oj photo_to_json(const Photo& p) {
    oj out = photos_to_json({p})[0];
    oj urls;
    for (int width : kPhotoWidths)
        urls[std::to_string(width)] = PhotoStore::url(p.id, width, "webp");
    out["urls"] = urls;
    return out;
}

oj to_json(const SearchResponse& r, bool with_distance) {
    oj results = oj::array();
    for (const auto& h : r.results) {
        oj hit;
        hit["slug"] = h.slug;
        hit["kind"] = std::string(to_string(h.kind));
        hit["name"] = h.name;
        hit["summary"] = h.summary;
        hit["snippet"] = h.snippet;
        hit["area"] = h.area;
        hit["former_district"] = h.former_district;
        hit["themes"] = h.themes;
        hit["location"] = h.location ? lc::location_to_json(*h.location) : oj(nullptr);
        if (with_distance)
            hit["distance_km"] = h.distance_km ? oj(rounded(*h.distance_km, 2)) : oj(nullptr);
        hit["ocop_stars"] = h.ocop_stars ? oj(*h.ocop_stars) : oj(nullptr);
        hit["cover"] = h.cover ? photo_to_json(*h.cover) : oj(nullptr);
        hit["score"] = rounded(h.score, 3);
        results.push_back(std::move(hit));
    }
    oj out;
    out["query"] = r.query;
    out["corrected_query"] = r.corrected_query ? oj(*r.corrected_query) : oj(nullptr);
    out["total"] = r.total;
    out["page"] = r.page;
    out["per_page"] = r.per_page;
    out["results"] = std::move(results);
    out["facets"] = {{"kind", facet(r.kind_facet)},
                     {"theme", facet(r.theme_facet)},
                     {"area", facet(r.area_facet)},
                     {"ocop_stars", facet(r.stars_facet)}};
    // Months in calendar order, not largest first: the page shows a calendar.
    oj months = oj::object();
    for (int m = 1; m <= 12; ++m)
        if (auto it = r.month_facet.find(std::to_string(m)); it != r.month_facet.end())
            months[it->first] = it->second;
    out["facets"]["month"] = std::move(months);
    return out;
}

oj to_json(const std::vector<Suggestion>& suggestions) {
    oj list = oj::array();
    for (const auto& s : suggestions)
        list.push_back(
            {{"slug", s.slug}, {"kind", std::string(to_string(s.kind))}, {"name", s.name}});
    return {{"suggestions", std::move(list)}};
}

oj to_json(const StoredEntry& e, bool for_editor) {
    oj out = lc::to_json(e.entry);
    out["revision"] = e.revision;
    out["created_at"] = e.created_at;
    out["updated_at"] = e.updated_at;
    if (for_editor) out["updated_by"] = e.updated_by;
    out["deleted"] = e.deleted;
    return out;
}

oj to_json(const std::vector<RevisionInfo>& revisions) {
    oj list = oj::array();
    for (const auto& r : revisions)
        list.push_back({{"revision", r.revision},
                        {"action", r.action},
                        {"author", r.author},
                        {"created_at", r.created_at},
                        {"deleted", r.deleted},
                        {"changed_fields", r.changed_fields}});
    return {{"revisions", std::move(list)}};
}

}  // namespace lc::api
