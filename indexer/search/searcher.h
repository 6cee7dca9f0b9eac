// One search over one open index: builds the query, runs the match once with
// the facet counter attached, then turns the page of documents into hits.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include <xapian.h>

#include <functional>

#include "search/facets.h"
#include "search/posting_cache.h"
#include "search/search_types.h"
#include "search/spelling_dictionary.h"

namespace lc {

class Searcher {
  public:
    using SpellingSource = std::function<std::shared_ptr<const SpellingDictionary>()>;

    // How a page sorted by relevance is ranked: from a shortlist that a
    // quick first pass picks (see search()), or by the full ranking over
    // every match, which is slow on a large catalog and is the reference the
    // shortlist is measured against (tests/bench/search_bench.cpp).
    enum class Ranking { shortlisted, every_match };

    // `postings` (not null) is the index revision's cache of decoded posting
    // lists and document lengths; `spelling` is asked for the dictionary only
    // when a query needs respelling.
    Searcher(const Xapian::Database& db, std::shared_ptr<const FacetTable> facets,
             std::shared_ptr<PostingCache> postings, SpellingSource spelling,
             Ranking ranking = Ranking::shortlisted);

    SearchResponse search(const SearchRequest& request);

    // Entries whose name or alias matches what has been typed so far (the last
    // word as a prefix), best first.
    std::vector<Suggestion> suggest(std::string_view typed, std::string_view lang,
                                    std::size_t limit = 8);

  private:
    const Xapian::Database& db_;
    std::shared_ptr<const FacetTable> facets_;
    std::shared_ptr<PostingCache> postings_;
    SpellingSource spelling_;
    Ranking ranking_;
};

}  // namespace lc
