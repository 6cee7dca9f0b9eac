#include "search/index_snapshot.h"

#include <optional>

#include "index/touched_record.h"

namespace lc {

IndexSnapshot::IndexSnapshot(std::string generation, const Xapian::Database& db,
                             const Options& options)
    : stamp_{std::move(generation), db.get_revision()},
      facets_(FacetTable::build(db)),
      postings_(std::make_shared<PostingCache>(options.posting_cache_bytes,
                                               options.posting_cache_min, stamp_.revision)) {}

IndexSnapshot::IndexSnapshot(IndexStamp stamp, std::shared_ptr<const FacetTable> facets,
                             std::shared_ptr<PostingCache> postings)
    : stamp_(std::move(stamp)),
      carried_over_(true),
      facets_(std::move(facets)),
      postings_(std::move(postings)) {}

std::shared_ptr<const IndexSnapshot> IndexSnapshot::next(
    const std::shared_ptr<const IndexSnapshot>& previous, const std::string& generation,
    const Xapian::Database& db, const Options& options) {
    const Xapian::rev revision = db.get_revision();
    std::optional<TouchedDocuments> touched;
    if (previous && previous->stamp_.generation == generation &&
        previous->stamp_.revision < revision)
        touched = touched_between(db, previous->stamp_.revision, revision);
    if (!touched) return std::make_shared<const IndexSnapshot>(generation, db, options);
    auto facets = touched->values_changed ? FacetTable::build(db) : previous->facets_;
    auto postings = PostingCache::carried_over(*previous->postings_, db, touched->ids);
    return std::shared_ptr<const IndexSnapshot>(new IndexSnapshot(
        IndexStamp{generation, revision}, std::move(facets), std::move(postings)));
}

std::shared_ptr<const SpellingDictionary> IndexSnapshot::spelling(
    const Xapian::Database& db) const {
    postings_->check_revision(db);
    std::lock_guard lock(spelling_mutex_);
    if (!spelling_) spelling_ = SpellingDictionary::build(db);
    return spelling_;
}

}  // namespace lc
