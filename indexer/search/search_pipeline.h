// The stages of one search (Searcher::search runs them in order), each a
// function of what the stages before it found:
//
//   resolve_match  the query parsed, respelled when it found little, relaxed
//                  to any word when it found nothing: the whole match set,
//                  counted outside Xapian's matcher (match_set.h)
//   count_facets   the match's facets, each group ignoring its own filter
//   rank_page      the requested page, by one ranking strategy
//   make_hits      the page's entries as hits with snippets
//
// Counting and ranking are separate: counting finds the whole match set
// (exact totals and facets) from the Boolean form of the query; ranking
// computes weights for the requested page only.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "search/facets.h"
#include "search/match_set.h"
#include "search/posting_cache.h"
#include "search/query_builder.h"
#include "search/query_parser.h"
#include "search/search_types.h"
#include "search/spelling_dictionary.h"

namespace lc {

// How a page sorted by relevance is ranked: from a shortlist that a quick
// first pass picks (rank_shortlisted), or by the full ranking over every
// match, which is slow on a large catalog and is the reference the shortlist
// is measured against (tests/bench/search_bench.cpp).
enum class PageRanking { shortlisted, every_match };

// What every stage of one search reads: the index, the request and its
// filters (read once: respelling compares several queries under them).
class SearchContext {
  public:
    // `postings` (may be null) holds decoded posting lists of `db`'s revision.
    SearchContext(const Xapian::Database& db, const SearchRequest& request, PostingCache* postings);

    const Xapian::Database& db;
    const SearchRequest& request;
    PostingCache* const postings;
    const Xapian::Query filters;  // the request's filters as one Boolean query; empty: none
    const std::size_t page, per_page;

    // The entries `parsed` matches, before the filters.
    MatchSet matches(const ParsedQuery& parsed, bool all_words) const;
    // `set` under the request's filters.
    MatchSet filtered(MatchSet set) const;

  private:
    std::optional<MatchSet> filter_set_;
};

struct ResolvedMatch {
    ParsedQuery parsed;                          // as searched: respelled when it was
    std::optional<std::string> corrected_query;  // the respelling, when there was one
    bool all_words = true;                       // false: relaxed to any of the words
    MatchSet found;                              // before the filters
    MatchSet shown;                              // after them
};

// Asked for the spelling dictionary only when a query needs respelling.
using SpellingSource = std::function<std::shared_ptr<const SpellingDictionary>()>;

ResolvedMatch resolve_match(const SearchContext& context, const SpellingSource& spelling);

// Fills the response's total and facet counts.
void count_facets(const SearchContext& context, const ResolvedMatch& match, const FacetTable& table,
                  SearchResponse& response);

struct RankedPage {
    Xapian::MSet entries;
    HighlightTerms highlights;  // of the query that ranked them
};

// The requested page of the match, best first (or in the requested order).
RankedPage rank_page(const SearchContext& context, const ResolvedMatch& match, PageRanking ranking);
// The strategies rank_page chooses from:
// sorted by name or distance (or no words), relevance only breaking ties;
RankedPage rank_in_order(const SearchContext& context, const ResolvedMatch& match);
// the full ranking over every match;
RankedPage rank_every_match(const SearchContext& context, const ResolvedMatch& match);
// the full ranking over a few matches (all of a small match, or a shortlist);
RankedPage rank_among(const SearchContext& context, const ResolvedMatch& match,
                      std::vector<Xapian::docid> ids);
// a shortlist of a large match, picked by a quick first pass, then ranked.
RankedPage rank_shortlisted(const SearchContext& context, const ResolvedMatch& match);

// The page's entries in the request's language, with snippets. Scores and
// distances are as computed; rounding them is for display.
std::vector<SearchHit> make_hits(const RankedPage& page, const SearchRequest& request);

}  // namespace lc
