#include "index/index_follower.h"

#include <xapian.h>

#include "index/index_location.h"
#include "index/index_writer.h"
#include "index/progress.h"
#include "index/schema.h"
#include "util/error.h"

namespace lc {

struct IndexFollower::Writer {
    Xapian::WritableDatabase db;
    std::string generation;
};

IndexFollower::IndexFollower(const Store& store, std::filesystem::path data_dir,
                             Callbacks callbacks)
    : store_(store), data_dir_(std::move(data_dir)), callbacks_(std::move(callbacks)) {}

IndexFollower::~IndexFollower() {
    stop();
}

void IndexFollower::start() {
    std::lock_guard lock(mutex_);
    if (thread_.joinable()) return;
    stop_ = false;
    thread_ = std::thread([this] { run(); });
}

void IndexFollower::stop() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
        wake_.notify_all();
    }
    if (thread_.joinable()) thread_.join();
    writer_.reset();
}

void IndexFollower::notify() {
    std::lock_guard lock(mutex_);
    pending_ = true;
    wake_.notify_all();
}

void IndexFollower::request_rebuild(const std::string& reason) {
    std::lock_guard lock(mutex_);
    if (rebuild_reason_.empty()) rebuild_reason_ = reason;
    wake_.notify_all();
}

bool IndexFollower::wait_caught_up(std::chrono::milliseconds timeout) {
    const std::int64_t target = store_.change_seq();
    std::unique_lock lock(mutex_);
    return progress_.wait_for(lock, timeout, [&] { return applied_.load() >= target; });
}

void IndexFollower::rebuild(const std::string& reason) {
    if (callbacks_.rebuilding)
        callbacks_.rebuilding("the search index is being rebuilt (" + reason + ")");
    if (callbacks_.log) callbacks_.log("rebuilding the search index: " + reason);
    writer_.reset();
    SilentProgress quiet;
    BuildStats stats = rebuild_index(store_, data_dir_, quiet);
    if (callbacks_.log)
        callbacks_.log("search index rebuilt: " + std::to_string(stats.documents) + " entries in " +
                       std::to_string(stats.seconds) + " s");
    open_or_rebuild();
    if (callbacks_.rebuilt) callbacks_.rebuilt();
}

// Opens the current generation for writing; a missing, unreadable or
// outdated index is rebuilt.
void IndexFollower::open_or_rebuild() {
    IndexLocation location(data_dir_);
    auto current = location.current();
    if (!current) return rebuild("no index yet");
    try {
        auto w = std::make_unique<Writer>(
            Writer{Xapian::WritableDatabase(current->string(), Xapian::DB_OPEN),
                   current->filename().string()});
        if (w->db.get_metadata(std::string(schema::kMetaFormat)) != schema::kIndexFormat)
            return rebuild("index format changed");
        writer_ = std::move(w);
    } catch (const Xapian::DatabaseLockError&) {
        throw;  // another process is writing this generation: not ours to fix
    } catch (const Xapian::DatabaseError& e) {
        return rebuild("index unreadable: " + e.get_msg());
    }
}

void IndexFollower::run() {
    auto report = [&](const std::string& what) {
        if (callbacks_.log) callbacks_.log(what);
    };
    bool first = true;
    while (true) {
        std::string reason;
        {
            std::unique_lock lock(mutex_);
            if (!first)
                wake_.wait_for(lock, std::chrono::milliseconds(200),
                               [&] { return stop_ || pending_ || !rebuild_reason_.empty(); });
            if (stop_) return;
            pending_ = false;
            reason.swap(rebuild_reason_);
        }
        first = false;
        if (store_.read_only()) {
            // Nothing can change and nothing can be written: serve what there is.
            if (!told_read_only_ && callbacks_.log)
                callbacks_.log("the data folder is read-only: the index is served as it is");
            told_read_only_ = true;
            continue;
        }
        try {
            if (!reason.empty()) {
                rebuild(reason);
            } else {
                IndexLocation location(data_dir_);
                auto current = location.current();
                // Another process published a new generation: follow it.
                if (!writer_ || !current || writer_->generation != current->filename().string()) {
                    writer_.reset();
                    open_or_rebuild();
                    if (callbacks_.committed) callbacks_.committed();
                }
            }
            if (writer_) {
                std::size_t n = apply_changes(store_, writer_->db);
                applied_ = applied_seq(writer_->db);
                if (n > 0 && callbacks_.committed) callbacks_.committed();
                std::lock_guard lock(mutex_);
                progress_.notify_all();
            }
        } catch (const Xapian::DatabaseCorruptError& e) {
            report("index damaged: " + e.get_description());
            writer_.reset();
            request_rebuild("index damaged: " + e.get_msg());
        } catch (const Xapian::Error& e) {
            report("index update failed: " + e.get_description());
            writer_.reset();
        } catch (const std::exception& e) {
            report(std::string("index update failed: ") + e.what());
            writer_.reset();
        }
    }
}

}  // namespace lc
