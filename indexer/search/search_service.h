// Searching the current index from many threads.
//
// A search borrows a Xapian::Database handle from a small pool and has it to
// itself until it returns it (Xapian handles are not shared between threads).
// The pool, not the number of threads, bounds the handles: the HTTP server
// runs one thread per open connection, and a handle per thread held hundreds
// of handles, each with its own buffers and its own index revision's facet
// table, under load. Searches beyond the pool's size wait for a handle; they
// would be waiting for a core anyway.
//
// Before a search a handle catches up when the index has changed: immediately
// after notify_changed() (the in-process index follower calls it after each
// commit), and otherwise at most a quarter of a second after another process
// replaced the index. What searches share for one revision is its
// IndexSnapshot (index_snapshot.h), made by the first search to reach the
// revision while the others on it wait and searches on older revisions go
// on; it starts from the previous revision's snapshot when the index
// records what changed between them (IndexSnapshot::next), and a background
// thread fills its posting cache with the longest lists once the revision
// has stood for two seconds.
//
// Answers are kept in a ResultCache for the index revision they came from,
// and dropped at the next: an edit changes the collection's statistics
// (document count, average length, term frequencies) that every ranked
// answer's scores depend on, so a kept answer could be wrong.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "search/index_snapshot.h"
#include "search/result_cache.h"
#include "search/search_types.h"
#include "search/searcher.h"

namespace lc {

class SearchService {
  public:
    struct Options {
        std::size_t handles = 0;                       // most searches at once (0: two per core)
        std::size_t cache_bytes = 32u << 20;           // recent answers kept (0: none)
        std::size_t posting_cache_bytes = 256u << 20;  // decoded posting lists kept (0: none)
        Xapian::doccount posting_cache_min =
            PostingCache::kMinPostings;  // shorter lists are not kept
        Searcher::Ranking ranking = Searcher::Ranking::shortlisted;
    };
    explicit SearchService(const std::filesystem::path& data_dir)
        : SearchService(data_dir, Options{}) {}
    SearchService(const std::filesystem::path& data_dir, Options options);
    ~SearchService();

    // Throw IndexNotReady while there is no usable index.
    SearchResponse search(const SearchRequest& request);
    // Every match, up to `limit` (Searcher::export_matches); never cached.
    MatchExport export_matches(const SearchRequest& request, std::size_t limit);
    std::vector<Suggestion> suggest(std::string_view typed, std::string_view lang,
                                    std::size_t limit = 8);
    IndexStatus status();

    struct CacheStats {
        std::uint64_t hits = 0, misses = 0;
        std::size_t bytes = 0;
        std::size_t posting_bytes = 0;  // decoded posting lists of the current revision
    };
    CacheStats cache_stats();

    // Preloads the current index revision's posting cache now, on this
    // thread: for benchmarks and a server that wants its first searches at
    // full speed. Throws IndexNotReady without an index.
    void warm_up();

    // Index handles made so far (never more than Options::handles).
    std::size_t handles_open();

    // The index changed (or was replaced): handles catch up before their next search.
    void notify_changed();

    // While an index is being rebuilt, searches answer IndexNotReady(message).
    void set_unavailable(const std::string& message);
    void set_available();

    // Called (once per failure) when the index turns out to be corrupt, so the
    // owner can rebuild it.
    void on_corrupt(std::function<void(const std::string&)> callback);

  private:
    struct Handle;
    class Lease;
    template <typename F>
    auto with_handle(F&& fn);
    void refresh(Handle& h);
    Searcher searcher(Handle& h);
    // The snapshot of `db`, the index at `index`, made if it is new.
    std::shared_ptr<const IndexSnapshot> snapshot_for(const std::filesystem::path& index,
                                                      const Xapian::Database& db);
    // Keeps `made` as the newest snapshot, unless a newer one came first, and
    // starts preloading it; returns the previous preloader, to be stopped
    // once mutex_ (held) is released.
    std::jthread publish(const std::shared_ptr<const IndexSnapshot>& made,
                         const std::filesystem::path& index);

    const std::filesystem::path data_dir_;
    std::atomic<std::uint64_t> version_{0};

    std::mutex pool_mutex_;  // guards the pool
    std::condition_variable handle_returned_;
    std::vector<std::unique_ptr<Handle>> idle_handles_;
    std::size_t handles_made_ = 0;
    const std::size_t max_handles_;
    const IndexSnapshot::Options snapshot_options_;
    const Searcher::Ranking ranking_;

    ResultCache cache_;
    std::atomic<std::uint64_t> cache_hits_{0}, cache_misses_{0};

    std::mutex mutex_;  // guards the fields below
    std::string unavailable_;
    std::function<void(const std::string&)> on_corrupt_;
    std::shared_ptr<const IndexSnapshot> snapshot_;  // the newest made
    // The snapshot being made, and of which revision: searches that reach
    // that revision meanwhile wait for it instead of making it again.
    std::shared_future<std::shared_ptr<const IndexSnapshot>> making_;
    IndexStamp making_stamp_;
    std::jthread preloader_;  // fills snapshot_'s posting cache
};

}  // namespace lc
