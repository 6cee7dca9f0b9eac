#include "search/docid_set.h"

#include <algorithm>

namespace lc {

DocidSet::DocidSet(std::vector<Xapian::docid> ids) : ids_(std::move(ids)) {
    std::sort(ids_.begin(), ids_.end());
    ids_.erase(std::unique(ids_.begin(), ids_.end()), ids_.end());
}

void DocidSet::init(const Xapian::Database& db) {
    // The matcher would report an id past the last document as a match.
    ids_.erase(std::upper_bound(ids_.begin(), ids_.end(), db.get_lastdocid()), ids_.end());
    at_ = 0;
    started_ = false;
}

void DocidSet::next(double) {
    if (started_)
        ++at_;
    else
        started_ = true;
}

void DocidSet::skip_to(Xapian::docid did, double) {
    started_ = true;
    auto from = ids_.begin() + static_cast<long>(std::min(at_, ids_.size()));
    at_ = static_cast<std::size_t>(std::lower_bound(from, ids_.end(), did) - ids_.begin());
}

bool DocidSet::at_end() const {
    return started_ && at_ >= ids_.size();
}

Xapian::docid DocidSet::get_docid() const {
    return ids_[at_];
}

Xapian::PostingSource* DocidSet::clone() const {
    return new DocidSet(ids_);
}

}  // namespace lc
