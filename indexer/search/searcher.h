// One search over one open index revision: runs the stages of
// search_pipeline.h (resolve the match, count facets, rank the page, make
// the hits), and suggestions for what is being typed.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "search/index_snapshot.h"
#include "search/search_pipeline.h"
#include "search/search_types.h"

namespace lc {

class Searcher {
  public:
    using Ranking = PageRanking;

    // `snapshot` (not null) is of `db`'s revision: its facet table, decoded
    // posting lists and, when a query needs respelling, its dictionary.
    Searcher(const Xapian::Database& db, std::shared_ptr<const IndexSnapshot> snapshot,
             Ranking ranking = Ranking::shortlisted);

    SearchResponse search(const SearchRequest& request);

    // Every match of `request` (its page and per_page ignored), in the order
    // its pages would show them, up to `limit` entries read from the index.
    MatchExport export_matches(const SearchRequest& request, std::size_t limit);

    // Entries whose name or alias matches what has been typed so far (the last
    // word as a prefix), best first.
    std::vector<Suggestion> suggest(std::string_view typed, std::string_view lang,
                                    std::size_t limit = 8);

  private:
    const Xapian::Database& db_;
    std::shared_ptr<const IndexSnapshot> snapshot_;
    Ranking ranking_;
};

}  // namespace lc
