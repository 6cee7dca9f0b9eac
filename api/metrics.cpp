#include "api/metrics.h"

#include <sstream>

namespace lc::api {

namespace {
constexpr double kBounds[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
constexpr std::size_t kBuckets = std::size(kBounds);
}  // namespace

void Metrics::record(const std::string& route, int status, double seconds) {
    std::lock_guard lock(mutex_);
    ++requests_[{route, status}];
    auto& h = latency_[route];
    if (h.buckets.empty()) h.buckets.assign(kBuckets, 0);
    for (std::size_t i = 0; i < kBuckets; ++i)
        if (seconds <= kBounds[i]) {
            ++h.buckets[i];
            break;
        }
    h.sum += seconds;
    ++h.count;
}

std::string Metrics::render(const IndexStatus& index,
                            const SearchService::CacheStats& cache) const {
    std::ostringstream out;
    std::lock_guard lock(mutex_);
    out << "# HELP lc_http_requests_total HTTP requests by route and status.\n"
        << "# TYPE lc_http_requests_total counter\n";
    for (const auto& [key, n] : requests_)
        out << "lc_http_requests_total{route=\"" << key.first << "\",status=\"" << key.second
            << "\"} " << n << "\n";
    out << "# HELP lc_http_request_duration_seconds Time to answer a request.\n"
        << "# TYPE lc_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i < kBuckets; ++i) {
            cumulative += h.buckets[i];
            out << "lc_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\""
                << kBounds[i] << "\"} " << cumulative << "\n";
        }
        out << "lc_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\"+Inf\"} "
            << h.count << "\n"
            << "lc_http_request_duration_seconds_sum{route=\"" << route << "\"} " << h.sum << "\n"
            << "lc_http_request_duration_seconds_count{route=\"" << route << "\"} " << h.count
            << "\n";
    }
    out << "# HELP lc_index_revision Xapian revision of the search index in use.\n"
        << "# TYPE lc_index_revision gauge\n"
        << "lc_index_revision " << index.revision << "\n"
        << "# HELP lc_index_documents Entries in the search index.\n"
        << "# TYPE lc_index_documents gauge\n"
        << "lc_index_documents " << index.documents << "\n"
        << "# HELP lc_index_ready Whether searches can be answered (1) or not (0).\n"
        << "# TYPE lc_index_ready gauge\n"
        << "lc_index_ready " << (index.ready ? 1 : 0) << "\n"
        << "# HELP lc_search_cache_lookups_total Searches looked up in the answer cache, by "
           "outcome.\n"
        << "# TYPE lc_search_cache_lookups_total counter\n"
        << "lc_search_cache_lookups_total{outcome=\"hit\"} " << cache.hits << "\n"
        << "lc_search_cache_lookups_total{outcome=\"miss\"} " << cache.misses << "\n"
        << "# HELP lc_search_cache_bytes Approximate size of the answers kept.\n"
        << "# TYPE lc_search_cache_bytes gauge\n"
        << "lc_search_cache_bytes " << cache.bytes << "\n"
        << "# HELP lc_posting_cache_bytes Approximate size of the decoded posting lists kept for "
           "the index in use.\n"
        << "# TYPE lc_posting_cache_bytes gauge\n"
        << "lc_posting_cache_bytes " << cache.posting_bytes << "\n";
    return out.str();
}

}  // namespace lc::api
