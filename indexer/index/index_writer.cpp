#include "index/index_writer.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include "catalog/validation.h"
#include "index/document_builder.h"
#include "index/index_location.h"
#include "index/schema.h"
#include "index/touched_record.h"
#include "text/tokenizer.h"
#include "util/clock.h"

namespace lc {

namespace fs = std::filesystem;

namespace {

// A bounded queue from the store reader to the indexing threads, so memory
// stays flat however large the catalog is.
class WorkQueue {
  public:
    struct Item {
        std::string json;
    };

    void push(Item item) {
        std::unique_lock lock(mutex_);
        not_full_.wait(lock, [&] { return items_.size() < kCapacity || aborted_; });
        if (aborted_) return;
        items_.push_back(std::move(item));
        not_empty_.notify_one();
    }
    std::optional<Item> pop() {
        std::unique_lock lock(mutex_);
        not_empty_.wait(lock, [&] { return !items_.empty() || closed_ || aborted_; });
        if (items_.empty() || aborted_) return std::nullopt;
        Item item = std::move(items_.front());
        items_.pop_front();
        not_full_.notify_one();
        return item;
    }
    void close() {
        std::lock_guard lock(mutex_);
        closed_ = true;
        not_empty_.notify_all();
    }
    void abort() {
        std::lock_guard lock(mutex_);
        aborted_ = true;
        not_empty_.notify_all();
        not_full_.notify_all();
    }

  private:
    static constexpr std::size_t kCapacity = 2048;
    std::mutex mutex_;
    std::condition_variable not_empty_, not_full_;
    std::deque<Item> items_;
    bool closed_ = false, aborted_ = false;
};

Xapian::termcount capped(std::uint64_t n) {
    return static_cast<Xapian::termcount>(std::min<std::uint64_t>(n, 1u << 30));
}

std::uintmax_t folder_size(const fs::path& dir) {
    std::uintmax_t total = 0;
    std::error_code ec;
    for (const auto& e : fs::recursive_directory_iterator(dir, ec))
        if (e.is_regular_file(ec)) total += e.file_size(ec);
    return total;
}

}  // namespace

std::string synonym_key(const std::string& text_value, bool folded) {
    std::string key;
    text::thread_tokenizer().each(text_value, 0, [&](const text::TokenView& t) {
        if (!key.empty()) key.push_back(' ');
        key.append(folded ? t.folded : t.canonical);
    });
    return key;
}

void write_synonyms(Xapian::WritableDatabase& db, const Synonyms& groups) {
    std::vector<std::string> old_keys(db.synonym_keys_begin(), db.synonym_keys_end());
    for (const auto& key : old_keys) db.clear_synonyms(key);
    for (const auto& group : groups) {
        for (const auto& member : group) {
            for (bool folded : {false, true}) {
                std::string key = synonym_key(member, folded);
                if (key.empty()) continue;
                for (const auto& other : group)
                    if (&other != &member) db.add_synonym(key, synonym_key(other, false));
            }
        }
    }
}

std::int64_t applied_seq(const Xapian::Database& db) {
    std::string v = db.get_metadata(std::string(schema::kMetaChangeSeq));
    return v.empty() ? 0 : std::stoll(v);
}

namespace {

struct RemovedUnlessPublished {
    std::vector<fs::path> paths;
    bool published = false;
    ~RemovedUnlessPublished() {
        if (published) return;
        std::error_code ec;
        for (const auto& p : paths) fs::remove_all(p, ec);
    }
};

}  // namespace

BuildStats rebuild_index(const Store& store, const fs::path& data_dir, Progress& progress,
                         const BuildOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    IndexLocation location(data_dir);
    fs::create_directories(location.root());
    location.remove_stale_builds();

    unsigned threads =
        options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    threads = std::min(threads, 4u);
    // Xapian keeps a shard's postings in memory until a commit (or its own
    // threshold, 10,000 documents by default). Buffered documents cost about
    // 90 KB each here (positions of two forms of every word), so a commit
    // every 5,000 per shard keeps two shards under a gigabyte while making
    // few, large merges. Committing, rather than setting the threshold's
    // environment variable, leaves the process's environment alone: this is
    // library code, and the server indexes while other threads run.
    const Xapian::doccount flush_every = options.flush_every ? options.flush_every : 5'000;

    const fs::path build_dir = location.new_build_dir();
    const fs::path ready = location.new_build_dir();
    // Whatever fails from here (out of file descriptors, disk or memory), no
    // build folder is left behind: stale ones are only swept for dead processes.
    RemovedUnlessPublished cleanup{{build_dir, ready}};
    fs::create_directories(build_dir);
    std::size_t total = 0;
    for (const auto& [kind, n] : store.counts().published_by_kind) total += n;
    progress.start("indexing", total);

    WorkQueue queue;
    std::atomic<std::size_t> done{0};
    std::vector<DocumentBuilder::SpellingCounts> spelling(threads);
    std::vector<std::exception_ptr> failures(threads);
    // Every shard's folder is named before any worker starts: a worker reads
    // its entry while the loop below is still starting the others.
    std::vector<fs::path> shard_dirs;
    for (unsigned i = 0; i < threads; ++i)
        shard_dirs.push_back(build_dir / ("shard-" + std::to_string(i)));
    std::vector<std::thread> workers;
    for (unsigned i = 0; i < threads; ++i) {
        workers.emplace_back([&, i] {
            try {
                Xapian::WritableDatabase shard(shard_dirs[i].string(),
                                               Xapian::DB_CREATE_OR_OVERWRITE);
                DocumentBuilder builder;
                Xapian::doccount buffered = 0;
                while (auto item = queue.pop()) {
                    Entry entry = entry_from_json(nlohmann::json::parse(item->json));
                    shard.add_document(builder.build(entry, item->json));
                    if (++buffered == flush_every) {
                        shard.commit();
                        buffered = 0;
                    }
                    progress.advance(++done);
                }
                shard.commit();
                spelling[i] = std::move(builder.spelling_counts());
            } catch (...) {
                failures[i] = std::current_exception();
                queue.abort();
            }
        });
    }
    std::int64_t seq = 0;
    try {
        seq = store.snapshot(
            [&](std::string_view, std::string_view json) { queue.push({std::string(json)}); });
    } catch (...) {
        queue.abort();
        for (auto& w : workers) w.join();
        throw;
    }
    queue.close();
    for (auto& w : workers) w.join();
    for (auto& f : failures) {
        if (f) std::rethrow_exception(f);
    }
    progress.finish();

    // Merge the shards into one compact database.
    const fs::path merged = build_dir / "db";
    {
        Xapian::Database all;
        for (const auto& dir : shard_dirs) all.add_database(Xapian::Database(dir.string()));
        all.compact(merged.string());
    }
    {
        Xapian::WritableDatabase db(merged.string(), Xapian::DB_OPEN);
        DocumentBuilder::SpellingCounts words = std::move(spelling[0]);
        for (unsigned i = 1; i < threads; ++i)
            for (auto& [word, n] : spelling[i]) words[word] += n;
        for (const auto& [word, n] : words) db.add_spelling(word, capped(n));
        write_synonyms(db, store.synonyms());
        db.set_metadata(std::string(schema::kMetaFormat), std::string(schema::kIndexFormat));
        db.set_metadata(std::string(schema::kMetaChangeSeq), std::to_string(seq));
        db.set_metadata(std::string(schema::kMetaSynonymsVersion),
                        std::to_string(store.synonyms_version()));
        db.set_metadata(std::string(schema::kMetaBuiltAt), now_iso8601());
        db.commit();
    }
    for (const auto& dir : shard_dirs) fs::remove_all(dir);

    // build_dir/db becomes the generation itself.
    fs::rename(merged, ready);
    fs::remove_all(build_dir);
    BuildStats stats;
    stats.generation = location.publish(ready);
    cleanup.published = true;
    stats.documents = done.load();
    stats.shards = threads;
    stats.change_seq = seq;
    stats.index_bytes = folder_size(stats.generation);
    stats.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return stats;
}

namespace {

// Applies one change of the store, noting the document it touched.
void apply_change(Xapian::WritableDatabase& db, DocumentBuilder& builder, const Change& change,
                  TouchedDocuments& touched) {
    const std::string id = std::string(schema::kIdPrefix) + change.slug;
    std::optional<Xapian::Document> before;
    if (auto it = db.postlist_begin(id); it != db.postlist_end(id)) before = db.get_document(*it);
    if (!change.searchable_entry) {
        if (!before) return;
        touched.ids.push_back(before->get_docid());
        touched.values_changed = true;
        db.delete_document(id);
        return;
    }
    Xapian::Document after =
        builder.build(*change.searchable_entry, to_canonical_json(*change.searchable_entry));
    touched.values_changed =
        touched.values_changed || !before || !same_facet_inputs(*before, after);
    touched.ids.push_back(db.replace_document(id, after));
}

}  // namespace

std::size_t apply_changes(const Store& store, Xapian::WritableDatabase& db, std::size_t batch) {
    std::size_t applied = 0;
    DocumentBuilder builder;
    for (;;) {
        std::int64_t from = applied_seq(db);
        auto changes = store.changes_since(from, batch);
        std::int64_t synonyms_version = store.synonyms_version();
        bool synonyms_stale = db.get_metadata(std::string(schema::kMetaSynonymsVersion)) !=
                              std::to_string(synonyms_version);
        if (changes.empty() && !synonyms_stale) return applied;
        // Xapian 1.4 may flush in the middle of replace_document; a transaction
        // makes the batch and its sequence number land together or not at all.
        const Xapian::rev base = db.get_revision();
        db.begin_transaction();
        try {
            TouchedDocuments touched;
            for (const auto& change : changes) apply_change(db, builder, change, touched);
            record_touched(db, base, touched);
            for (const auto& [word, n] : builder.spelling_counts())
                db.add_spelling(word, capped(n));
            builder.spelling_counts().clear();
            if (synonyms_stale) {
                write_synonyms(db, store.synonyms());
                db.set_metadata(std::string(schema::kMetaSynonymsVersion),
                                std::to_string(synonyms_version));
            }
            if (!changes.empty())
                db.set_metadata(std::string(schema::kMetaChangeSeq),
                                std::to_string(changes.back().seq));
            db.commit_transaction();
        } catch (...) {
            db.cancel_transaction();
            throw;
        }
        applied += changes.size();
        if (changes.size() < batch && !synonyms_stale) return applied;
    }
}

}  // namespace lc
