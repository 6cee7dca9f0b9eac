// What a search asks for and what it answers, independent of any transport.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalog/entry.h"

namespace lc {

enum class SortOrder { relevance, distance, name };

struct GeoPoint {
    double lat = 0;
    double lon = 0;
};

struct SearchRequest {
    std::string query;                // empty: everything
    std::vector<std::string> kinds;   // any of (OR); empty: no filter
    std::vector<std::string> themes;  // any of
    std::vector<std::string> areas;   // any of (matched accent- and case-insensitively)
    std::optional<int> stars_min;     // 3..5
    std::vector<int> months;          // 1..12, any of: entries whose season has one
    std::optional<GeoPoint> near;
    std::optional<double> radius_km;  // with near: only entries this close
    SortOrder sort = SortOrder::relevance;
    std::size_t page = 1;  // from 1
    std::size_t per_page = 10;
    std::string lang = "vi";  // vi | en: which text to show
    bool prefix = false;      // the last word is a prefix (search as you type)
};

struct SearchHit {
    std::string slug;
    Kind kind = Kind::destination;
    std::string name;  // in the requested language, falling back to Vietnamese
    std::string summary;
    std::string snippet;  // HTML-escaped, with <mark> around matched words
    std::string area;
    std::string former_district;
    std::vector<std::string> themes;
    std::optional<Location> location;
    std::optional<double> distance_km;
    std::optional<int> ocop_stars;
    std::optional<Photo> cover;  // the entry's first photo, for a thumbnail
    double score = 0;
};

// Facet value → number of matching entries, over the whole match set.
using FacetCounts = std::map<std::string, std::size_t>;

struct SearchResponse {
    std::string query;
    std::optional<std::string> corrected_query;  // when the query was respelled
    std::size_t total = 0;
    std::size_t page = 1;
    std::size_t per_page = 10;
    std::vector<SearchHit> results;
    FacetCounts kind_facet, theme_facet, area_facet, stars_facet;
    FacetCounts month_facet;  // "1".."12": entries whose season has that month
};

// Every match of a search (for export), in the order the search ranks them,
// up to a limit.
struct MatchExport {
    std::size_t total = 0;  // all matches, also those past the limit
    std::vector<Entry> entries;
    bool truncated() const { return entries.size() < total; }
};

struct Suggestion {
    std::string slug;
    Kind kind = Kind::destination;
    std::string name;
};

struct IndexStatus {
    bool ready = false;
    std::string message;         // why not ready
    std::string generation;      // folder name of the index in use
    std::uint64_t revision = 0;  // Xapian revision of that generation
    std::size_t documents = 0;
    std::int64_t change_seq = 0;  // store changes the index reflects
};

}  // namespace lc
