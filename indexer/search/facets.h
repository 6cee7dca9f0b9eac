// Facet counting over the whole match set.
//
// Reading four values from every matching document is the slow part of exact
// facets; instead, a FacetTable keeps each document's kind, area, stars and
// themes as small integer codes (and its months as bits) in arrays indexed by document id, built
// once per index revision and shared by all searching threads. FacetCounter only increments
// counters from those arrays for each document of a match set (match_set.h): matching and counting
// stay separate.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "search/search_types.h"

namespace lc {

class FacetTable {
  public:
    // Reads the facet values of every document of `db`.
    static std::shared_ptr<const FacetTable> build(const Xapian::Database& db);

    struct Doc {
        std::uint8_t kind = 0;                           // index into kinds + 1; 0 = none
        std::uint8_t stars = 0;                          // 0 or 3..5
        std::uint16_t area = 0;                          // index into areas + 1; 0 = none
        std::uint32_t themes_begin = 0, themes_end = 0;  // range in theme_codes
        std::uint16_t months = 0;                        // bit m set: season has month m (1..12)
    };
    std::vector<Doc> docs;  // by document id
    std::vector<std::uint16_t> theme_codes;
    std::vector<std::string> kinds, areas, themes;
};

class FacetCounter {
  public:
    // `table` must outlive the counter.
    explicit FacetCounter(const FacetTable& table);
    // Counts one matching document.
    void count(Xapian::docid id);

    // Counts by facet value, for the response.
    void fill(SearchResponse& response) const;

  private:
    const FacetTable& table_;
    std::vector<std::size_t> kind_, area_, theme_, stars_, months_;
};

}  // namespace lc
