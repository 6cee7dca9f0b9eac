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

namespace {

std::shared_ptr<const std::vector<float>> relative(const std::vector<Xapian::termcount>& raw,
                                                   const Xapian::Database& db) {
    auto lengths = std::make_shared<std::vector<float>>(raw.size(), 0.0f);
    const double average = std::max(db.get_avlength(), 1.0);
    for (std::size_t id = 0; id < raw.size(); ++id)
        (*lengths)[id] = static_cast<float>(raw[id] / average);
    return lengths;
}

// Whether the ascending lists `a` and `b` share an id.
bool intersect(const std::vector<Xapian::docid>& a, const std::vector<Xapian::docid>& b) {
    auto i = a.begin(), j = b.begin();
    while (i != a.end() && j != b.end()) {
        if (*i == *j) return true;
        if (*i < *j)
            i = std::lower_bound(i, a.end(), *j);
        else
            j = std::lower_bound(j, b.end(), *i);
    }
    return false;
}

}  // namespace

std::shared_ptr<const std::vector<float>> PostingCache::relative_lengths(
    const Xapian::Database& db) {
    {
        std::lock_guard lock(mutex_);
        check_revision_locked(db);
        if (lengths_) return lengths_;
    }
    auto raw = std::make_shared<std::vector<Xapian::termcount>>(db.get_lastdocid() + 1, 0);
    for (auto it = db.postlist_begin(std::string()); it != db.postlist_end(std::string()); ++it)
        (*raw)[*it] = it.get_doclength();
    auto lengths = relative(*raw, db);
    std::lock_guard lock(mutex_);
    if (!lengths_) {
        lengths_ = std::move(lengths);
        raw_lengths_ = std::move(raw);
    }
    return lengths_;
}

std::shared_ptr<PostingCache> PostingCache::carried_over(
    PostingCache& previous, const Xapian::Database& db, const std::vector<Xapian::docid>& touched) {
    auto next =
        std::make_shared<PostingCache>(previous.budget_, previous.min_postings_, db.get_revision());
    std::vector<std::string> now_in_touched;  // terms the touched documents have now
    for (Xapian::docid id : touched) try {
            for (auto t = db.termlist_begin(id); t != db.termlist_end(id); ++t)
                now_in_touched.push_back(*t);
        } catch (const Xapian::DocNotFoundError&) {
            // Deleted: its old terms' lists hold its id.
        }
    std::sort(now_in_touched.begin(), now_in_touched.end());
    std::lock_guard lock(previous.mutex_);
    for (auto term = previous.recency_.rbegin(); term != previous.recency_.rend(); ++term) {
        const auto& postings = previous.entries_.at(*term).postings;
        if (intersect(postings->ids, touched) ||
            std::binary_search(now_in_touched.begin(), now_in_touched.end(), *term))
            continue;
        next->recency_.push_front(*term);
        next->entries_.emplace(*term, Entry{postings, next->recency_.begin()});
        next->bytes_ += size_of(*postings);
    }
    if (previous.raw_lengths_) {
        auto raw = std::make_shared<std::vector<Xapian::termcount>>(*previous.raw_lengths_);
        raw->resize(db.get_lastdocid() + 1, 0);
        for (Xapian::docid id : touched) {
            if (id >= raw->size()) continue;
            try {
                (*raw)[id] = db.get_doclength(id);
            } catch (const Xapian::DocNotFoundError&) {
                (*raw)[id] = 0;
            }
        }
        next->lengths_ = relative(*raw, db);
        next->raw_lengths_ = std::move(raw);
    }
    return next;
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
