#include "search/quick_rank.h"

#include <algorithm>

#include "search/posting_cache.h"

namespace lc {

std::vector<float> quick_scores(const Xapian::Database& db, const MatchSet& matches,
                                const std::vector<WeightedTerm>& terms, const Bm25Parameters& bm25,
                                PostingCache& postings) {
    const double documents = db.get_doccount();
    const auto relative_lengths = postings.relative_lengths(db);
    const std::vector<float>& lengths = *relative_lengths;
    std::vector<float> score(db.get_lastdocid() + 1, 0.0f);
    const auto k1 = static_cast<float>(bm25.k1), b = static_cast<float>(bm25.b),
               min_normlen = static_cast<float>(bm25.min_normlen);
    for (const auto& [term, factor] : terms) {
        const double n = db.get_termfreq(term);
        if (n == 0 || factor <= 0) continue;
        const auto scale = static_cast<float>(factor * bm25_idf(documents, n) * (bm25.k1 + 1));
        postings.for_each(db, term, [&](Xapian::docid id, std::uint8_t wdf) {
            if (id >= score.size()) return;  // newer than this revision
            const float gain = bm25_gain(scale, k1, b, min_normlen, lengths[id], wdf);
            // Without a branch: about half the postings of a common word
            // are in the match, too many to predict.
            score[id] += matches.contains(id) ? gain : 0.0f;
        });
    }
    return score;
}

std::vector<Xapian::docid> quick_rank(const Xapian::Database& db, const MatchSet& matches,
                                      const std::vector<WeightedTerm>& terms, std::size_t depth,
                                      const Bm25Parameters& bm25, PostingCache& postings) {
    const std::vector<float> score = quick_scores(db, matches, terms, bm25, postings);
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
