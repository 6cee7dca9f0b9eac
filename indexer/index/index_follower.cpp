#include "index/index_follower.h"

#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

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

namespace {

// A system error that passes by itself: opening the index again later works.
bool transient(const Xapian::Error& e) {
    const char* system = e.get_error_string();
    if (!system) return false;
    for (int code : {EMFILE, ENFILE, ENOMEM, EAGAIN, EINTR, EBUSY})
        if (std::strcmp(system, std::strerror(code)) == 0) return true;
    return false;
}

}  // namespace

void IndexFollower::rebuild(std::string reason) {
    // Bounded: a rebuilt index that cannot be opened is rebuilt again at most
    // this many times; after that, or when building fails, it is tried again
    // later (retry_rebuild_later) rather than at once.
    constexpr int kAttempts = 2;
    for (int attempt = 1;; ++attempt) {
        // Clients see this message; the reason (which may name server files) is only logged.
        if (callbacks_.rebuilding) callbacks_.rebuilding("the search index is being rebuilt");
        if (callbacks_.log) callbacks_.log("rebuilding the search index: " + reason);
        writer_.reset();
        SilentProgress quiet;
        try {
            BuildStats stats = rebuild_index(store_, data_dir_, quiet);
            if (callbacks_.log)
                callbacks_.log("search index rebuilt: " + std::to_string(stats.documents) +
                               " entries in " + std::to_string(stats.seconds) + " s");
        } catch (const Xapian::Error& e) {
            retry_rebuild_later(reason, "the rebuild failed: " + e.get_description());
            return;
        } catch (const std::exception& e) {
            retry_rebuild_later(reason, std::string("the rebuild failed: ") + e.what());
            return;
        }
        std::optional<std::string> damaged;
        try {
            damaged = open_current();
        } catch (...) {
            // Published, but not open for writing just now (a passing
            // failure, retried by run()): searches open it on their own.
            if (callbacks_.rebuilt) callbacks_.rebuilt();
            throw;
        }
        if (!damaged) break;
        if (attempt >= kAttempts) {
            retry_rebuild_later(reason, "the rebuilt index cannot be opened: " + *damaged);
            return;
        }
        reason = *damaged;
    }
    {
        std::lock_guard lock(mutex_);
        rebuild_backoff_ = std::chrono::seconds(0);
    }
    if (callbacks_.rebuilt) callbacks_.rebuilt();
}

void IndexFollower::retry_rebuild_later(const std::string& reason, const std::string& failure) {
    std::lock_guard lock(mutex_);
    rebuild_backoff_ =
        std::clamp(rebuild_backoff_ * 2, std::chrono::seconds(1), std::chrono::seconds(30));
    if (callbacks_.log)
        callbacks_.log(failure + "; trying again in " + std::to_string(rebuild_backoff_.count()) +
                       " s");
    if (rebuild_reason_.empty()) rebuild_reason_ = reason;
    rebuild_after_ = std::chrono::steady_clock::now() + rebuild_backoff_;
}

// Opens the current generation for writing. Returns why it must be rebuilt
// (missing, damaged, outdated), or nothing when it is open. A passing failure
// (out of file descriptors or memory) throws: it is retried, and never taken
// for damage, which started rebuilds that failed the same way.
std::optional<std::string> IndexFollower::open_current() {
    IndexLocation location(data_dir_);
    auto current = location.current();
    if (!current) return "no index yet";
    try {
        auto w = std::make_unique<Writer>(
            Writer{Xapian::WritableDatabase(current->string(), Xapian::DB_OPEN),
                   current->filename().string()});
        if (w->db.get_metadata(std::string(schema::kMetaFormat)) != schema::kIndexFormat)
            return "index format changed";
        writer_ = std::move(w);
        return std::nullopt;
    } catch (const Xapian::DatabaseLockError&) {
        throw;  // another process is writing this generation: not ours to fix
    } catch (const Xapian::DatabaseError& e) {
        if (transient(e)) throw;
        return "index unreadable: " + e.get_msg();
    }
}

void IndexFollower::run() {
    auto report = [&](const std::string& what) {
        if (callbacks_.log) callbacks_.log(what);
    };
    bool first = true;
    while (true) {
        std::string reason;
        bool waiting_to_rebuild = false;
        {
            std::unique_lock lock(mutex_);
            auto rebuild_due = [&] {
                return !rebuild_reason_.empty() &&
                       std::chrono::steady_clock::now() >= rebuild_after_;
            };
            if (!first)
                wake_.wait_for(lock, std::chrono::milliseconds(200),
                               [&] { return stop_ || pending_ || rebuild_due(); });
            if (stop_) return;
            pending_ = false;
            if (rebuild_due()) reason.swap(rebuild_reason_);
            // A rebuild that failed waits for its time; opening meanwhile
            // would find no index and rebuild at once.
            waiting_to_rebuild = !rebuild_reason_.empty();
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
            } else if (waiting_to_rebuild) {
                continue;
            } else {
                IndexLocation location(data_dir_);
                auto current = location.current();
                // Another process published a new generation: follow it.
                if (!writer_ || !current || writer_->generation != current->filename().string()) {
                    writer_.reset();
                    if (auto why = open_current()) rebuild(*why);
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
