#include "search/index_snapshot.h"

namespace lc {

IndexSnapshot::IndexSnapshot(std::string generation, const Xapian::Database& db,
                             const Options& options)
    : stamp_{std::move(generation), db.get_revision()},
      facets_(FacetTable::build(db)),
      postings_(std::make_shared<PostingCache>(options.posting_cache_bytes,
                                               options.posting_cache_min, stamp_.revision)) {}

std::shared_ptr<const SpellingDictionary> IndexSnapshot::spelling(
    const Xapian::Database& db) const {
    postings_->check_revision(db);
    std::lock_guard lock(spelling_mutex_);
    if (!spelling_) spelling_ = SpellingDictionary::build(db);
    return spelling_;
}

}  // namespace lc
