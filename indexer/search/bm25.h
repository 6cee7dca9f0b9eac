// BM25, the one definition both ranking passes use: the quick first pass
// (quick_rank.h) scores with these functions, the final pass asks Xapian's
// BM25Weight for the same parameters (tests/unit/search_passes_test.cpp
// checks that a single term scores the same both ways).
//
// Ranking is BM25 over each word's wdf, which the index weights by field (a
// word in the name adds four, schema.h). k1 says how soon more wdf stops
// counting: Xapian's default (1) saturates so early that the field weights
// barely register, so it is higher, as in BM25F, which also weights term
// frequency by field. Every judgement in tests/data/relevance.yaml holds for
// k1 from 3.5 to 15; 5 keeps close to the low end, where a long text that
// repeats a word cannot outweigh a name. b and the shortest length a document
// is taken to have (relative to the average) are Xapian's defaults.
#pragma once

#include <xapian.h>

namespace lc {

struct Bm25Parameters {
    double k1;
    double b;
    double min_normlen;
};

inline constexpr Bm25Parameters kBm25{5.0, 0.5, 0.5};

// Xapian's weighting scheme with `p` (query-frequency terms k2 and k3 off, as
// every query term appears once).
Xapian::BM25Weight bm25_weight(const Bm25Parameters& p = kBm25);

// BM25's idf as Xapian's BM25Weight computes it without relevance data:
// log((N - n + ½) / (n + ½)), with the ratio r below 2 (words in a third of
// the entries or more) replaced by r / 2 + 1, which keeps a common word's
// weight small but positive.
double bm25_idf(double documents, double term_frequency);

// A term's weight in one document: `scale` is factor × idf × (k1 + 1), the
// part that is the same for every document (computed once per term);
// `relative_length` is the document's length over the average.
inline float bm25_gain(float scale, float k1, float b, float min_normlen, float relative_length,
                       float wdf) {
    const float norm =
        k1 * (1 - b + b * (relative_length > min_normlen ? relative_length : min_normlen));
    return scale * wdf / (norm + wdf);
}

}  // namespace lc
