#include "search/result_cache.h"

#include <cstdio>

namespace lc {

namespace {

// What an answer holds, roughly: its strings and a fixed cost per part.
std::size_t approximate_bytes(const std::string& key, const SearchResponse& r) {
    std::size_t n = sizeof(SearchResponse) + 2 * key.size() + r.query.size() + 128;
    if (r.corrected_query) n += r.corrected_query->size();
    for (const auto& hit : r.results) {
        n += sizeof(SearchHit) + hit.slug.size() + hit.name.size() + hit.summary.size() +
             hit.snippet.size() + hit.area.size();
        for (const auto& t : hit.themes) n += sizeof(std::string) + t.size();
    }
    for (const auto* facet : {&r.kind_facet, &r.theme_facet, &r.area_facet, &r.stars_facet})
        for (const auto& [value, count] : *facet) n += 64 + value.size();
    return n;
}

void add_field(std::string& key, std::string_view value) {
    key += value;
    key.push_back('\x1f');
}

}  // namespace

std::string ResultCache::key_of(const SearchRequest& r) {
    std::string key;
    add_field(key, r.query);
    for (const auto* list : {&r.kinds, &r.themes, &r.areas}) {
        for (const auto& v : *list) {
            key += v;
            key.push_back('\x1e');
        }
        key.push_back('\x1f');
    }
    add_field(key, r.stars_min ? std::to_string(*r.stars_min) : "");
    std::string months;
    for (int m : r.months) months += std::to_string(m) + ",";
    add_field(key, months);
    // Coordinates in full (%a is exact), so that two points never share an answer.
    char point[96] = "";
    if (r.near) std::snprintf(point, sizeof point, "%a,%a", r.near->lat, r.near->lon);
    add_field(key, point);
    char radius[48] = "";
    if (r.radius_km) std::snprintf(radius, sizeof radius, "%a", *r.radius_km);
    add_field(key, radius);
    add_field(key, std::to_string(static_cast<int>(r.sort)));
    add_field(key, std::to_string(r.page));
    add_field(key, std::to_string(r.per_page));
    add_field(key, r.lang);
    add_field(key, r.prefix ? "1" : "0");
    return key;
}

void ResultCache::forget_older_than(const IndexStamp& stamp) {
    if (stamp == stamp_) return;
    recent_.clear();
    by_key_.clear();
    bytes_ = 0;
    stamp_ = stamp;
}

std::optional<SearchResponse> ResultCache::find(const std::string& key, const IndexStamp& stamp) {
    if (budget_ == 0) return std::nullopt;
    std::lock_guard lock(mutex_);
    forget_older_than(stamp);
    auto it = by_key_.find(key);
    if (it == by_key_.end()) return std::nullopt;
    recent_.splice(recent_.begin(), recent_, it->second);
    return it->second->response;
}

void ResultCache::keep(std::string key, const IndexStamp& stamp, const SearchResponse& response) {
    if (budget_ == 0) return;
    const std::size_t bytes = approximate_bytes(key, response);
    if (bytes > budget_ / 4) return;  // one answer never pushes out most of the others
    std::lock_guard lock(mutex_);
    // Every answer kept shares the cache's stamp. One from another revision
    // replaces nothing: it is dropped unless the cache is empty.
    if (stamp != stamp_) {
        if (!recent_.empty()) return;
        stamp_ = stamp;
    }
    if (by_key_.count(key)) return;  // another thread kept the same answer first
    recent_.push_front({std::move(key), response, bytes});
    by_key_.emplace(recent_.front().key, recent_.begin());
    bytes_ += bytes;
    while (bytes_ > budget_ && !recent_.empty()) {
        bytes_ -= recent_.back().bytes;
        by_key_.erase(recent_.back().key);
        recent_.pop_back();
    }
}

std::size_t ResultCache::size() const {
    std::lock_guard lock(mutex_);
    return recent_.size();
}

std::size_t ResultCache::bytes() const {
    std::lock_guard lock(mutex_);
    return bytes_;
}

}  // namespace lc
