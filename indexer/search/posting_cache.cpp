#include "search/posting_cache.h"

#include <algorithm>
#include <stdexcept>

namespace lc {

namespace {

// What a decoded list of `postings` postings takes in the budget.
std::size_t size_of(std::size_t postings) {
    return postings * (sizeof(Xapian::docid) + sizeof(std::uint8_t)) + sizeof(DecodedPostings);
}

std::size_t size_of(const DecodedPostings& p) {
    return size_of(p.ids.size());
}

}  // namespace

void PostingCache::check_revision(const Xapian::Database& db) {
    std::lock_guard lock(mutex_);
    check_revision_locked(db);
}

void PostingCache::check_revision_locked(const Xapian::Database& db) {
    const Xapian::rev revision = db.get_revision();
    if (!revision_) revision_ = revision;
    if (*revision_ != revision)
        throw std::logic_error("a posting cache of index revision " + std::to_string(*revision_) +
                               " was given a database at revision " + std::to_string(revision));
}

std::shared_ptr<const DecodedPostings> PostingCache::find(const Xapian::Database& db,
                                                          const std::string& term) {
    {
        std::lock_guard lock(mutex_);
        check_revision_locked(db);
        if (budget_ == 0) return nullptr;
        if (auto it = entries_.find(term); it != entries_.end()) {
            recency_.splice(recency_.begin(), recency_, it->second.recency);
            return it->second.postings;
        }
    }
    const Xapian::doccount frequency = db.get_termfreq(term);
    if (frequency < min_postings_) return nullptr;
    // Decoded outside the lock: two searches may decode the same list at
    // once; the second keeps the first's.
    auto decoded = std::make_shared<DecodedPostings>();
    decoded->ids.reserve(frequency);
    decoded->wdfs.reserve(frequency);
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        decoded->ids.push_back(*it);
        decoded->wdfs.push_back(capped_wdf(it.get_wdf()));
    }
    const std::size_t size = size_of(*decoded);
    if (size > budget_) return decoded;
    std::lock_guard lock(mutex_);
    if (auto it = entries_.find(term); it != entries_.end()) return it->second.postings;
    while (bytes_ + size > budget_ && !recency_.empty()) {
        auto victim = entries_.find(recency_.back());
        bytes_ -= size_of(*victim->second.postings);
        entries_.erase(victim);
        recency_.pop_back();
    }
    recency_.push_front(term);
    entries_.emplace(term, Entry{decoded, recency_.begin()});
    bytes_ += size;
    return decoded;
}

std::shared_ptr<const std::vector<float>> PostingCache::relative_lengths(
    const Xapian::Database& db) {
    {
        std::lock_guard lock(mutex_);
        check_revision_locked(db);
        if (lengths_) return lengths_;
    }
    auto lengths = std::make_shared<std::vector<float>>(db.get_lastdocid() + 1, 0.0f);
    const double average = std::max(db.get_avlength(), 1.0);
    for (auto it = db.postlist_begin(std::string()); it != db.postlist_end(std::string()); ++it)
        (*lengths)[*it] = static_cast<float>(it.get_doclength() / average);
    std::lock_guard lock(mutex_);
    if (!lengths_) lengths_ = std::move(lengths);
    return lengths_;
}

std::size_t PostingCache::preload(const Xapian::Database& db,
                                  const std::vector<std::string>& prefixes, double share,
                                  std::stop_token stop) {
    relative_lengths(db);
    if (budget_ == 0) return 0;
    std::vector<std::pair<Xapian::doccount, std::string>> longest;
    for (const auto& prefix : prefixes)
        for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it)
            if (it.get_termfreq() >= min_postings_) longest.emplace_back(it.get_termfreq(), *it);
    std::sort(longest.begin(), longest.end(),
              [](const auto& a, const auto& b) { return a.first > b.first; });
    const auto room =
        static_cast<std::size_t>(static_cast<double>(budget_) * std::clamp(share, 0.0, 1.0));
    std::size_t planned = 0, decoded = 0;
    for (const auto& [frequency, term] : longest) {
        planned += size_of(frequency);
        if (planned > room || stop.stop_requested()) break;
        find(db, term);
        ++decoded;
    }
    return decoded;
}

std::size_t PostingCache::bytes() const {
    std::lock_guard lock(mutex_);
    return bytes_;
}

bool PostingCache::holds(const std::string& term) const {
    std::lock_guard lock(mutex_);
    return entries_.contains(term);
}

}  // namespace lc
