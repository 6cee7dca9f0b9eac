// What the searches on one index revision share, made once per revision and
// immutable once made: the facet table, the cache of decoded posting lists
// (which refuses a database at another revision) and, built on first need,
// the spelling dictionary.
//
// SearchService keeps the newest snapshot and makes the next one when a
// handle reaches a newer revision, outside the lock that searches take:
// searches still on the previous revision go on with the previous snapshot,
// which lives as long as a search holds it. A new revision's snapshot is
// made from the previous one when the index records what changed (next()).
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include <xapian.h>

#include "search/facets.h"
#include "search/posting_cache.h"
#include "search/result_cache.h"
#include "search/spelling_dictionary.h"

namespace lc {

class IndexSnapshot {
  public:
    struct Options {
        std::size_t posting_cache_bytes = 256u << 20;                     // 0: no decoded lists
        Xapian::doccount posting_cache_min = PostingCache::kMinPostings;  // shorter: not kept
    };

    // The snapshot of `db` (at its current revision) of the index generation
    // named `generation`. Reads every document's facet values.
    IndexSnapshot(std::string generation, const Xapian::Database& db, const Options& options);

    // The snapshot of `db` (of generation `generation`) made from `previous`,
    // the snapshot of an earlier revision: when the index records what the
    // batches between them touched (touched_record.h), it keeps the
    // previous facet table unless a document's values changed, and the
    // previous posting cache's lists and lengths that the touched documents
    // left as they were; otherwise (or without `previous`) it starts cold.
    // The spelling dictionary is built anew, lazily, either way.
    static std::shared_ptr<const IndexSnapshot> next(
        const std::shared_ptr<const IndexSnapshot>& previous, const std::string& generation,
        const Xapian::Database& db, const Options& options);

    const IndexStamp& stamp() const { return stamp_; }
    // Whether this snapshot was made from the previous one's caches.
    bool carried_over() const { return carried_over_; }
    bool is_of(const std::string& generation, Xapian::rev revision) const {
        return stamp_ == IndexStamp{generation, revision};
    }

    const FacetTable& facets() const { return *facets_; }
    // Thread-safe; refuses a database at another revision (posting_cache.h).
    PostingCache& postings() const { return *postings_; }
    const std::shared_ptr<PostingCache>& shared_postings() const { return postings_; }

    // The dictionary of `db` (at this snapshot's revision), built by the
    // first search that needs it; the others that need it meanwhile wait
    // for it, no other search does.
    std::shared_ptr<const SpellingDictionary> spelling(const Xapian::Database& db) const;

  private:
    IndexSnapshot(IndexStamp stamp, std::shared_ptr<const FacetTable> facets,
                  std::shared_ptr<PostingCache> postings);

    const IndexStamp stamp_;
    bool carried_over_ = false;
    const std::shared_ptr<const FacetTable> facets_;
    const std::shared_ptr<PostingCache> postings_;
    mutable std::mutex spelling_mutex_;
    mutable std::shared_ptr<const SpellingDictionary> spelling_;
};

}  // namespace lc
