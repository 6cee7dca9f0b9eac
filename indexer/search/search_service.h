// Searching the current index from many threads.
//
// Each thread keeps its own Xapian::Database handle (Xapian handles are not
// shared between threads). Before a search a handle catches up when the index
// has changed: immediately after notify_changed() (the in-process index
// follower calls it after each commit), and otherwise at most a quarter of a
// second after another process replaced the index. Facet tables are built once
// per index revision and shared.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "search/facets.h"
#include "search/searcher.h"
#include "search/spelling_dictionary.h"
#include "search/search_types.h"

namespace lc {

class SearchService {
public:
    explicit SearchService(const std::filesystem::path& data_dir);
    ~SearchService();

    // Throw IndexNotReady while there is no usable index.
    SearchResponse search(const SearchRequest& request);
    std::vector<Suggestion> suggest(std::string_view typed, std::string_view lang, std::size_t limit = 8);
    IndexStatus status();

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
    template <typename F>
    auto with_handle(F&& fn);
    void refresh(Handle& h);
    Searcher searcher(Handle& h);
    std::shared_ptr<const FacetTable> facets_for(const std::string& generation, Xapian::rev revision,
                                                 const Xapian::Database& db);
    std::shared_ptr<const SpellingDictionary> spelling_for(const std::string& generation, Xapian::rev revision,
                                                           const Xapian::Database& db);

    const std::filesystem::path data_dir_;
    const std::uint64_t id_;
    std::atomic<std::uint64_t> version_{0};
    std::mutex mutex_;  // guards the fields below
    std::string unavailable_;
    std::function<void(const std::string&)> on_corrupt_;
    std::string facets_generation_;
    Xapian::rev facets_revision_ = 0;
    std::shared_ptr<const FacetTable> facets_;
    std::string spelling_generation_;
    Xapian::rev spelling_revision_ = 0;
    std::shared_ptr<const SpellingDictionary> spelling_;
};

}  // namespace lc
