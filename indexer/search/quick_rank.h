// The first ranking pass over a large match: which of its entries are worth
// ranking properly (see Searcher::search).
//
// The match is already known as a bitmap (match_set.h), so this pass only
// scores: BM25 of each weighted term on its own, read straight from its
// posting list, for the entries in the match. Xapian's matcher did the same
// job by walking the whole query tree entry by entry, which cost three to
// four times as much on a 100,000-entry catalog (16-21 ms against 4-6 ms for
// a three-word query matching half of it). The score is close to, not
// the same as, the final one: the terms of an OP_SYNONYM are scored apart
// and words standing together are not checked; the second pass, Xapian's
// matcher on the shortlist alone, gives the final order.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "search/bm25.h"
#include "search/match_set.h"

namespace lc {

struct WeightedTerm {
    std::string term;
    double factor;  // the query's weight for it (OP_SCALE_WEIGHT)
};

class PostingCache;

// Each entry's quick score, by document id (0 outside `matches`): the sum
// over `terms` of factor × BM25 (bm25.h) of the term alone.
std::vector<float> quick_scores(const Xapian::Database& db, const MatchSet& matches,
                                const std::vector<WeightedTerm>& terms, const Bm25Parameters& bm25,
                                PostingCache& postings);

// The `depth` best-scored entries of `matches`, best first (ties: lower
// document id first, as Xapian orders them). Posting lists and document
// lengths come through `postings` (decoded when it keeps them).
std::vector<Xapian::docid> quick_rank(const Xapian::Database& db, const MatchSet& matches,
                                      const std::vector<WeightedTerm>& terms, std::size_t depth,
                                      const Bm25Parameters& bm25, PostingCache& postings);

}  // namespace lc
