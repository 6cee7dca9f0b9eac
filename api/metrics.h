// Request counts by route and status, and a latency histogram by route, in
// Prometheus' text format.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "search/search_service.h"
#include "search/search_types.h"

namespace lc::api {

class Metrics {
  public:
    void record(const std::string& route, int status, double seconds);
    std::string render(const IndexStatus& index, const SearchService::CacheStats& cache) const;

  private:
    struct Histogram {
        std::vector<std::uint64_t> buckets;  // cumulative counts are computed when rendering
        double sum = 0;
        std::uint64_t count = 0;
    };
    mutable std::mutex mutex_;
    std::map<std::pair<std::string, int>, std::uint64_t> requests_;
    std::map<std::string, Histogram> latency_;
};

}  // namespace lc::api
