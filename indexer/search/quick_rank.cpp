#include "search/quick_rank.h"

#include <algorithm>
#include <cmath>

#include "search/posting_cache.h"

namespace lc {

std::vector<Xapian::docid> quick_rank(const Xapian::Database& db, const MatchSet& matches,
                                      const std::vector<WeightedTerm>& terms, std::size_t depth,
                                      Bm25Parameters bm25, PostingCache* postings) {
    const double documents = db.get_doccount();
    const double average_length = std::max(db.get_avlength(), 1.0);
    const auto lengths = postings ? postings->relative_lengths(db) : nullptr;
    std::vector<float> score(db.get_lastdocid() + 1, 0.0f);
    for (const auto& [term, factor] : terms) {
        const double n = db.get_termfreq(term);
        if (n == 0 || factor <= 0) continue;
        // Lucene's form of BM25's idf, which stays positive for common words.
        const double scale = factor * std::log(1.0 + (documents - n + 0.5) / (n + 0.5)) * (bm25.k1 + 1);
        auto add = [&](Xapian::docid id, double wdf, double relative_length) {
            const double norm = bm25.k1 * (1 - bm25.b + bm25.b * std::max(relative_length, 0.5));
            score[id] += static_cast<float>(scale * wdf / (norm + wdf));
        };
        if (auto decoded = postings ? postings->find(db, term) : nullptr) {
            for (std::size_t i = 0; i < decoded->ids.size(); ++i)
                if (const Xapian::docid id = decoded->ids[i]; matches.contains(id))
                    add(id, decoded->wdfs[i], (*lengths)[id]);
        } else {
            for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it)
                if (const Xapian::docid id = *it; matches.contains(id))
                    add(id, it.get_wdf(), lengths ? (*lengths)[id] : it.get_doclength() / average_length);
        }
    }
    std::vector<Xapian::docid> ids;
    matches.for_each([&](Xapian::docid id) { ids.push_back(id); });
    auto better = [&](Xapian::docid a, Xapian::docid b) { return score[a] != score[b] ? score[a] > score[b] : a < b; };
    const auto keep = static_cast<std::ptrdiff_t>(std::min(depth, ids.size()));
    std::partial_sort(ids.begin(), ids.begin() + keep, ids.end(), better);
    ids.resize(static_cast<std::size_t>(keep));
    return ids;
}

}  // namespace lc
