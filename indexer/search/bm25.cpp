#include "search/bm25.h"

#include <algorithm>
#include <cmath>

namespace lc {

Xapian::BM25Weight bm25_weight(const Bm25Parameters& p) {
    return Xapian::BM25Weight(p.k1, 0, 1, p.b, p.min_normlen);
}

double bm25_idf(double documents, double term_frequency) {
    double ratio = (documents - term_frequency + 0.5) / (term_frequency + 0.5);
    if (ratio < 2) ratio = std::max(ratio, 1e-6) / 2 + 1;
    return std::log(ratio);
}

}  // namespace lc
