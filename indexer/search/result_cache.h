// Recent search answers, kept for the index revision they were computed on.
//
// Visitors ask the same things (the festival, the pass, the tea) and a page of
// results is asked again when someone goes back; an answer over a large
// catalog costs milliseconds, a copy of it microseconds. An answer is only
// reused for the same request on the same index revision: the first lookup
// on a newer revision empties the cache, so a change is never hidden.
// Least recently used answers leave first once the byte budget is reached.
// Thread-safe.
#pragma once

#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "search/search_types.h"

namespace lc {

// Which index an answer came from: the generation's folder and its revision.
struct IndexStamp {
    std::string generation;
    std::uint64_t revision = 0;
    bool operator==(const IndexStamp&) const = default;
};

class ResultCache {
  public:
    // `budget_bytes` 0: nothing is kept.
    explicit ResultCache(std::size_t budget_bytes) : budget_(budget_bytes) {}

    // `key`: key_of(the request), made once per search for both calls.
    std::optional<SearchResponse> find(const std::string& key, const IndexStamp& stamp);
    void keep(std::string key, const IndexStamp& stamp, const SearchResponse& response);

    std::size_t size() const;
    std::size_t bytes() const;

    // The request as a key: every field that can change the answer.
    static std::string key_of(const SearchRequest& request);

  private:
    struct Kept {
        std::string key;
        SearchResponse response;
        std::size_t bytes;
    };
    void forget_older_than(const IndexStamp& stamp);  // mutex_ held

    const std::size_t budget_;
    mutable std::mutex mutex_;
    IndexStamp stamp_;
    std::list<Kept> recent_;  // most recently used first
    std::unordered_map<std::string, std::list<Kept>::iterator> by_key_;
    std::size_t bytes_ = 0;
};

}  // namespace lc
