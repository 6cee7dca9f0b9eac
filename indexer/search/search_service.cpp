#include "search/search_service.h"

#include <condition_variable>
#include <thread>

#include "index/index_location.h"
#include "index/index_writer.h"
#include "index/schema.h"
#include "search/searcher.h"
#include "text/tokenizer.h"
#include "util/error.h"

namespace lc {

namespace {

constexpr auto kRecheckEvery = std::chrono::milliseconds(250);
// Words a handle's tokenizer remembers: the vocabulary of queries and of the
// entries shown, a few megabytes at most.
constexpr std::size_t kTokenizerCacheWords = 20'000;
// The share of the posting cache's budget filled ahead of searches; the rest
// is for the lists that queries bring.
constexpr double kPreloadShare = 0.75;
// A new index revision's cache is preloaded once the revision has stood this
// long. While editors keep changing the index, preloading a cache that the
// next change replaces would take a core from the searches (1.2 s for 190 MB
// at 100,000 generated entries); searches then fill it with what they read.
constexpr auto kPreloadAfter = std::chrono::seconds(2);

}  // namespace

struct SearchService::Handle {
    std::unique_ptr<Xapian::Database> db;
    // Lent to the search for its queries and snippets: the word cache lives
    // with the few handles instead of with every server thread.
    text::Tokenizer tokenizer{kTokenizerCacheWords};
    std::string generation;
    std::uint64_t version = 0;
    std::chrono::steady_clock::time_point checked;
    std::shared_ptr<const IndexSnapshot> snapshot;  // of the revision it is at
};

// A handle borrowed from the pool, returned when the search is done.
class SearchService::Lease {
  public:
    explicit Lease(SearchService& service) : service_(service) {
        std::unique_lock lock(service_.pool_mutex_);
        service_.handle_returned_.wait(lock, [&] {
            return !service_.idle_handles_.empty() ||
                   service_.handles_made_ < service_.max_handles_;
        });
        if (service_.idle_handles_.empty()) {
            handle_ = std::make_unique<Handle>();
            ++service_.handles_made_;
        } else {
            handle_ = std::move(service_.idle_handles_.back());
            service_.idle_handles_.pop_back();
        }
    }
    ~Lease() {
        {
            std::lock_guard lock(service_.pool_mutex_);
            service_.idle_handles_.push_back(std::move(handle_));
        }
        service_.handle_returned_.notify_one();
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;

    Handle& operator*() { return *handle_; }

  private:
    SearchService& service_;
    std::unique_ptr<Handle> handle_;
};

namespace {

std::size_t default_handles() {
    return std::max(2u, 2 * std::thread::hardware_concurrency());
}

}  // namespace

SearchService::SearchService(const std::filesystem::path& data_dir, Options options)
    : data_dir_(data_dir),
      max_handles_(options.handles ? options.handles : default_handles()),
      snapshot_options_{options.posting_cache_bytes, options.posting_cache_min},
      ranking_(options.ranking),
      cache_(options.cache_bytes) {}

SearchService::~SearchService() = default;

void SearchService::notify_changed() {
    ++version_;
}

void SearchService::set_unavailable(const std::string& message) {
    std::lock_guard lock(mutex_);
    unavailable_ = message;
}

void SearchService::set_available() {
    {
        std::lock_guard lock(mutex_);
        unavailable_.clear();
    }
    notify_changed();
}

void SearchService::on_corrupt(std::function<void(const std::string&)> callback) {
    std::lock_guard lock(mutex_);
    on_corrupt_ = std::move(callback);
}

namespace {

// Preloads `cache` from `db` (at the cache's revision) with the lists every
// query reads: the words of the text, folded and accented, and the English
// stems.
void preload_text_lists(PostingCache& cache, const Xapian::Database& db,
                        std::stop_token stop = {}) {
    cache.preload(db,
                  {std::string(schema::kText.folded), std::string(schema::kText.canonical),
                   std::string(schema::kStemPrefix)},
                  kPreloadShare, stop);
}

// Preloads `cache`, which is for `revision` of the index at `index`, once
// that revision has stood for kPreloadAfter.
void preload_when_settled(const std::shared_ptr<PostingCache>& cache,
                          const std::filesystem::path& index, Xapian::rev revision,
                          std::stop_token stop) {
    std::mutex mutex;
    std::condition_variable_any stopped;
    std::unique_lock lock(mutex);
    stopped.wait_for(lock, stop, kPreloadAfter, [] { return false; });  // wakes early when stopped
    if (stop.stop_requested()) return;
    try {
        Xapian::Database db(index.string());
        // Already stale: the newer revision gets its own.
        if (db.get_revision() != revision) return;
        preload_text_lists(*cache, db, stop);
    } catch (const Xapian::Error&) {
        // A writer moved on, or the generation was replaced: searches decode
        // what they need themselves.
    }
}

}  // namespace

std::shared_ptr<const IndexSnapshot> SearchService::snapshot_for(const std::filesystem::path& index,
                                                                 const Xapian::Database& db) {
    const IndexStamp stamp{index.filename().string(), db.get_revision()};
    std::promise<std::shared_ptr<const IndexSnapshot>> promise;
    std::unique_lock lock(mutex_);
    if (snapshot_ && snapshot_->stamp() == stamp) return snapshot_;
    if (making_.valid() && making_stamp_ == stamp) {
        auto pending = making_;
        lock.unlock();
        return pending.get();
    }
    making_ = promise.get_future().share();
    making_stamp_ = stamp;
    const auto previous_snapshot = snapshot_;
    lock.unlock();
    // Made outside the lock: searches on older revisions go on meanwhile.
    std::shared_ptr<const IndexSnapshot> made;
    try {
        made = IndexSnapshot::next(previous_snapshot, stamp.generation, db, snapshot_options_);
    } catch (...) {
        promise.set_exception(std::current_exception());
        std::lock_guard relock(mutex_);
        if (making_stamp_ == stamp) making_ = {};
        throw;
    }
    std::jthread previous;  // stopped and joined after the lock is released
    {
        std::lock_guard relock(mutex_);
        if (making_stamp_ == stamp) making_ = {};
        previous = publish(made, index);
    }
    promise.set_value(made);
    return made;
}

std::jthread SearchService::publish(const std::shared_ptr<const IndexSnapshot>& made,
                                    const std::filesystem::path& index) {
    if (snapshot_ && snapshot_->stamp().generation == made->stamp().generation &&
        snapshot_->stamp().revision > made->stamp().revision)
        return {};
    snapshot_ = made;
    std::jthread previous = std::move(preloader_);
    if (snapshot_options_.posting_cache_bytes)
        preloader_ = std::jthread([cache = made->shared_postings(), index,
                                   revision = made->stamp().revision](std::stop_token stop) {
            preload_when_settled(cache, index, revision, stop);
        });
    return previous;
}

void SearchService::refresh(Handle& h) {
    auto now = std::chrono::steady_clock::now();
    std::uint64_t version = version_.load();
    if (h.db && h.version == version && now - h.checked < kRecheckEvery) return;
    h.checked = now;
    h.version = version;
    IndexLocation location(data_dir_);
    auto current = location.current();
    if (!current) throw IndexNotReady("the search index has not been built yet");
    std::string generation = current->filename().string();
    if (!h.db || h.generation != generation) {
        h.db = std::make_unique<Xapian::Database>(current->string());
        h.generation = generation;
        if (h.db->get_metadata(std::string(schema::kMetaFormat)) != schema::kIndexFormat)
            throw Xapian::DatabaseCorruptError("index format is not " +
                                               std::string(schema::kIndexFormat));
    } else {
        h.db->reopen();
    }
    h.snapshot = snapshot_for(*current, *h.db);
}

// Runs `fn(handle)` on a handle from the pool, catching up first. A handle that
// lost a race with a writer (DatabaseModifiedError) reopens and tries again, up
// to three tries in all; one that cannot open the index just now, twice.
template <typename F>
auto SearchService::with_handle(F&& fn) {
    {
        std::lock_guard lock(mutex_);
        if (!unavailable_.empty()) throw IndexNotReady(unavailable_);
    }
    Lease lease(*this);
    Handle& h = *lease;
    for (int attempt = 0;; ++attempt) {
        try {
            refresh(h);
            text::TokenizerLoan loan(h.tokenizer);
            return fn(h);
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= 2) throw IndexNotReady("the search index is busy; try again");
            h.db.reset();
        } catch (const Xapian::DatabaseOpeningError& e) {
            h.db.reset();
            if (attempt >= 1)
                // Xapian's message names files on the server: not for clients.
                throw IndexNotReady("the search index cannot be opened just now; try again");
            // The generation may just have been replaced; read CURRENT again.
            h.checked = {};
        } catch (const Xapian::DatabaseCorruptError& e) {
            h.db.reset();
            std::function<void(const std::string&)> callback;
            {
                std::lock_guard lock(mutex_);
                callback = on_corrupt_;
            }
            if (callback) callback(e.get_msg());
            throw IndexNotReady("the search index is damaged and is being rebuilt");
        }
    }
}

Searcher SearchService::searcher(Handle& h) {
    return Searcher(*h.db, h.snapshot, ranking_);
}

SearchResponse SearchService::search(const SearchRequest& request) {
    return with_handle([&](Handle& h) {
        const IndexStamp& stamp = h.snapshot->stamp();
        std::string key = ResultCache::key_of(request);
        if (auto kept = cache_.find(key, stamp)) {
            ++cache_hits_;
            return std::move(*kept);
        }
        ++cache_misses_;
        SearchResponse response = searcher(h).search(request);
        cache_.keep(std::move(key), stamp, response);
        return response;
    });
}

MatchExport SearchService::export_matches(const SearchRequest& request, std::size_t limit) {
    return with_handle([&](Handle& h) { return searcher(h).export_matches(request, limit); });
}

void SearchService::warm_up() {
    with_handle([](Handle& h) {
        preload_text_lists(h.snapshot->postings(), *h.db);
        return true;
    });
}

std::size_t SearchService::handles_open() {
    std::lock_guard lock(pool_mutex_);
    return handles_made_;
}

SearchService::CacheStats SearchService::cache_stats() {
    std::shared_ptr<const IndexSnapshot> snapshot;
    {
        std::lock_guard lock(mutex_);
        snapshot = snapshot_;
    }
    return {cache_hits_.load(), cache_misses_.load(), cache_.bytes(),
            snapshot ? snapshot->postings().bytes() : 0};
}

std::vector<Suggestion> SearchService::suggest(std::string_view typed, std::string_view lang,
                                               std::size_t limit) {
    return with_handle([&](Handle& h) { return searcher(h).suggest(typed, lang, limit); });
}

IndexStatus SearchService::status() {
    IndexStatus s;
    try {
        return with_handle([&](Handle& h) {
            s.ready = true;
            s.generation = h.generation;
            s.revision = h.db->get_revision();
            s.documents = h.db->get_doccount();
            s.change_seq = applied_seq(*h.db);
            return s;
        });
    } catch (const IndexNotReady& e) {
        s.ready = false;
        s.message = e.what();
        return s;
    }
}

}  // namespace lc
