// Posting lists of common words, decoded once per index revision.
//
// Reading a posting list through Xapian costs about 30 ns a posting: 3 ms for
// a word in 97,000 of 100,000 entries, on this project's 2-core machine, and
// twice that with document lengths. The same list decoded into an array
// reads in under 0.1 ms. Counting (match_set.h) and the quick ranking
// (quick_rank.h) read the whole list of every word of a query, and a
// catalog's common words recur in most queries, so their lists are kept
// decoded, within a byte budget, least recently used out first. Short lists
// are read from Xapian each time: they cost little.
//
// One cache serves one index revision, which it knows: given to it, or the
// revision of the first database it reads; a database at another revision
// is refused (std::logic_error), since its lists could differ. Each
// IndexSnapshot has one, preloaded in the background with the longest lists,
// which cost the most to decode and belong to the words most queries have.
// Thread-safe; a list handed out stays valid while held.
#pragma once

#include <algorithm>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace lc {

struct DecodedPostings {
    std::vector<Xapian::docid> ids;  // ascending
    std::vector<std::uint8_t> wdfs;  // capped at 255, where BM25 has long levelled off
};

class PostingCache {
  public:
    // Lists shorter than this are not kept by default.
    static constexpr Xapian::doccount kMinPostings = 1000;

    explicit PostingCache(std::size_t budget_bytes, Xapian::doccount min_postings = kMinPostings,
                          std::optional<Xapian::rev> revision = std::nullopt)
        : budget_(budget_bytes), min_postings_(min_postings), revision_(revision) {}

    // A cache for `db`'s revision that keeps `previous`'s decoded lists and
    // document lengths except what the documents `touched` (ascending ids,
    // touched_record.h) between the two revisions could have changed: a list
    // holding one of them (its old terms), a list of a term one of them now
    // has, their lengths. Everything kept equals what `db` would give.
    static std::shared_ptr<PostingCache> carried_over(PostingCache& previous,
                                                      const Xapian::Database& db,
                                                      const std::vector<Xapian::docid>& touched);

    // Throws std::logic_error when `db` is not at this cache's revision.
    void check_revision(const Xapian::Database& db);

    // The postings of `term` in `db` (which must be at this cache's
    // revision), decoded; nullptr when the list is too short to keep or the
    // budget is 0.
    std::shared_ptr<const DecodedPostings> find(const Xapian::Database& db,
                                                const std::string& term);

    // Each document's length divided by the average, by document id (0 for
    // ids with no document), computed on first use.
    std::shared_ptr<const std::vector<float>> relative_lengths(const Xapian::Database& db);

    // Calls fn(id, wdf) for each posting of `term` in `db` (at this cache's
    // revision), from the decoded list when there is one, else from Xapian.
    // wdf is capped at 255 either way.
    template <typename F>
    void for_each(const Xapian::Database& db, const std::string& term, F&& fn);

    // Decodes the longest lists of the terms that start with one of
    // `prefixes`, longest first, until they would fill more than `share` of
    // the budget or `stop` is requested; the rest of the budget stays for the
    // words of the queries that come. Also computes relative_lengths().
    // Returns how many lists it decoded.
    std::size_t preload(const Xapian::Database& db, const std::vector<std::string>& prefixes,
                        double share, std::stop_token stop = {});

    std::size_t bytes() const;
    // Whether the decoded list of `term` is kept (does not count as a use).
    bool holds(const std::string& term) const;

  private:
    void check_revision_locked(const Xapian::Database& db);  // mutex_ held
    struct Entry {
        std::shared_ptr<const DecodedPostings> postings;
        std::list<std::string>::iterator recency;
    };
    const std::size_t budget_;
    const Xapian::doccount min_postings_;
    mutable std::mutex mutex_;  // guards the fields below
    std::unordered_map<std::string, Entry> entries_;
    std::list<std::string> recency_;  // most recent first
    std::size_t bytes_ = 0;
    std::shared_ptr<const std::vector<float>> lengths_;
    std::shared_ptr<const std::vector<Xapian::termcount>> raw_lengths_;  // lengths_ before dividing
    std::optional<Xapian::rev> revision_;
};

inline std::uint8_t capped_wdf(Xapian::termcount wdf) {
    return static_cast<std::uint8_t>(std::min<Xapian::termcount>(wdf, 255));
}

template <typename F>
void PostingCache::for_each(const Xapian::Database& db, const std::string& term, F&& fn) {
    if (auto decoded = find(db, term)) {
        for (std::size_t i = 0; i < decoded->ids.size(); ++i) fn(decoded->ids[i], decoded->wdfs[i]);
        return;
    }
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it)
        fn(*it, capped_wdf(it.get_wdf()));
}

}  // namespace lc
