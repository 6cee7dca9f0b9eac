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
// One cache serves one index revision: SearchService makes a new one when
// the index changes. Thread-safe; a list handed out stays valid while held.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace lc {

struct DecodedPostings {
    std::vector<Xapian::docid> ids;     // ascending
    std::vector<std::uint8_t> wdfs;     // capped at 255, where BM25 has long levelled off
};

class PostingCache {
public:
    // Lists shorter than this are not kept by default.
    static constexpr Xapian::doccount kMinPostings = 1000;

    explicit PostingCache(std::size_t budget_bytes, Xapian::doccount min_postings = kMinPostings)
        : budget_(budget_bytes), min_postings_(min_postings) {}

    // The postings of `term` in `db` (which must be at this cache's
    // revision), decoded; nullptr when the list is too short to keep or the
    // budget is 0.
    std::shared_ptr<const DecodedPostings> find(const Xapian::Database& db, const std::string& term);

    // Each document's length divided by the average, by document id (0 for
    // ids with no document), computed on first use.
    std::shared_ptr<const std::vector<float>> relative_lengths(const Xapian::Database& db);

    std::size_t bytes() const;

private:
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
};

}  // namespace lc
