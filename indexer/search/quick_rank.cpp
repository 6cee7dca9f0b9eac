#include "search/quick_rank.h"

#include <algorithm>
#include <cmath>

#include "search/posting_cache.h"

namespace lc {

namespace {

// BM25's idf as Xapian's BM25Weight computes it, so that the first pass
// weighs a term as the final ranking does: log((N - n + ½) / (n + ½)), with
// the ratio r below 2 (words in a third of the entries or more) replaced by
// r / 2 + 1, which keeps a common word's weight small but positive.
double idf(double documents, double n) {
    double ratio = (documents - n + 0.5) / (n + 0.5);
    if (ratio < 2) ratio = std::max(ratio, 1e-6) / 2 + 1;
    return std::log(ratio);
}

}  // namespace

std::vector<Xapian::docid> quick_rank(const Xapian::Database& db, const MatchSet& matches,
                                      const std::vector<WeightedTerm>& terms, std::size_t depth,
                                      Bm25Parameters bm25, PostingCache& postings) {
    const double documents = db.get_doccount();
    const auto relative_lengths = postings.relative_lengths(db);
    const std::vector<float>& lengths = *relative_lengths;
    std::vector<float> score(db.get_lastdocid() + 1, 0.0f);
    const auto k1 = static_cast<float>(bm25.k1), b = static_cast<float>(bm25.b);
    for (const auto& [term, factor] : terms) {
        const double n = db.get_termfreq(term);
        if (n == 0 || factor <= 0) continue;
        const auto scale = static_cast<float>(factor * idf(documents, n) * (bm25.k1 + 1));
        postings.for_each(db, term, [&](Xapian::docid id, std::uint8_t wdf) {
            if (id >= score.size()) return;  // newer than this revision
            const float norm = k1 * (1 - b + b * std::max(lengths[id], 0.5f));
            const float gain = scale * wdf / (norm + wdf);
            // Without a branch: about half the postings of a common word
            // are in the match, too many to predict.
            score[id] += matches.contains(id) ? gain : 0.0f;
        });
    }
    std::vector<Xapian::docid> ids;
    matches.for_each([&](Xapian::docid id) { ids.push_back(id); });
    auto better = [&](Xapian::docid a, Xapian::docid b) {
        return score[a] != score[b] ? score[a] > score[b] : a < b;
    };
    const auto keep = static_cast<std::ptrdiff_t>(std::min(depth, ids.size()));
    std::partial_sort(ids.begin(), ids.begin() + keep, ids.end(), better);
    ids.resize(static_cast<std::size_t>(keep));
    return ids;
}

}  // namespace lc
