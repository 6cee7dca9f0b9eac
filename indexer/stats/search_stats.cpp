#include "stats/search_stats.h"

#include <iostream>

#include <cstdio>

#include "text/vietnamese.h"
#include "util/error.h"

namespace lc {

namespace fs = std::filesystem;

namespace {

// The row that counts a day's searches beyond its bound of distinct queries.
// No counted query is empty (normalize_query drops those), so it cannot clash.
const std::string kOtherQuery;

constexpr const char* kSchema = R"SQL(
    CREATE TABLE IF NOT EXISTS searches (
        day TEXT NOT NULL,
        query TEXT NOT NULL,
        count INTEGER NOT NULL,
        results INTEGER NOT NULL,
        opened INTEGER NOT NULL,
        PRIMARY KEY (day, query)
    ) WITHOUT ROWID;
    PRAGMA user_version = 1;
)SQL";

std::string format_day(std::chrono::sys_days d) {
    std::chrono::year_month_day ymd{d};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buf;
}

// The last `days` days up to `newest`, as the first day to keep.
std::string first_day(std::chrono::system_clock::time_point newest, int days) {
    auto today = std::chrono::floor<std::chrono::days>(newest);
    return format_day(today - std::chrono::days(days - 1));
}

}  // namespace

fs::path SearchStats::file_in(const fs::path& data_dir) {
    return data_dir / "stats.sqlite";
}

std::string SearchStats::normalize_query(std::string_view query) {
    std::string canonical = text::normalize(query);
    // Trimmed, and runs of spaces (tabs, newlines) made one.
    std::string out;
    bool space = false;
    for (char c : canonical) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out.push_back(' ');
        space = false;
        out.push_back(c);
    }
    return out;
}

SearchStats::SearchStats(const fs::path& data_dir, SearchStatsOptions options)
    : path_(file_in(data_dir)), options_(std::move(options)) {
    if (options_.keep_days < 1) options_.keep_days = 1;
    if (options_.max_queries_per_day < 1) options_.max_queries_per_day = 1;
    try {
        db_ = std::make_unique<SQLite::Database>(
            path_.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, 5000);
        {
            SQLite::Statement wal(*db_, "PRAGMA journal_mode = WAL");
            wal.executeStep();
        }
        // Counts are not content: a power cut may lose the last second of them.
        db_->exec("PRAGMA synchronous = NORMAL");
        db_->exec(kSchema);
    } catch (const SQLite::Exception& e) {
        throw StoreError("cannot open search statistics " + path_.string() + ": " + e.what());
    }
}

SearchStats::~SearchStats() {
    {
        std::lock_guard lock(stop_mutex_);
        stopping_ = true;
    }
    stop_cv_.notify_all();
    if (writer_.joinable()) writer_.join();
    try {
        flush();
    } catch (...) {
        // A destructor must not throw; the pending counts are lost.
    }
}

std::string SearchStats::today() const {
    return format_day(std::chrono::floor<std::chrono::days>(options_.clock()));
}

void SearchStats::record_search(std::string_view query, std::size_t results) {
    std::string q = normalize_query(query);
    if (q.empty()) return;
    std::string day = today();
    std::lock_guard lock(pending_mutex_);
    auto it = pending_.find({day, q});
    if (it == pending_.end()) {
        // Bounded in memory as on disk: past the day's bound, into "other".
        if (pending_.size() >= options_.max_queries_per_day) {
            ++pending_[{day, kOtherQuery}].count;
            return;
        }
        it = pending_.emplace(std::pair{std::move(day), std::move(q)}, Pending{}).first;
    }
    ++it->second.count;
    it->second.results = static_cast<std::int64_t>(results);
}

void SearchStats::record_opened(std::string_view query) {
    std::string q = normalize_query(query);
    if (q.empty()) return;
    std::string day = today();
    std::lock_guard lock(pending_mutex_);
    auto it = pending_.find({day, q});
    if (it == pending_.end()) {
        if (pending_.size() >= options_.max_queries_per_day) return;
        it = pending_.emplace(std::pair{std::move(day), std::move(q)}, Pending{}).first;
    }
    ++it->second.opened;
}

void SearchStats::flush() {
    std::map<std::pair<std::string, std::string>, Pending> batch;
    {
        std::lock_guard lock(pending_mutex_);
        batch.swap(pending_);
    }
    std::lock_guard lock(db_mutex_);
    try {
        SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
        SQLite::Statement update(*db_,
                                 "UPDATE searches SET count = count + ?1, opened = opened + ?2, "
                                 "results = CASE WHEN ?1 > 0 THEN ?3 ELSE results END "
                                 "WHERE day = ?4 AND query = ?5");
        SQLite::Statement insert(
            *db_,
            "INSERT INTO searches (day, query, count, results, opened) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (day, query) DO UPDATE SET count = count + excluded.count");
        SQLite::Statement distinct(*db_, "SELECT COUNT(*) FROM searches WHERE day = ?");
        std::map<std::string, std::size_t> rows_of_day;
        auto rows_on = [&](const std::string& day) -> std::size_t& {
            auto it = rows_of_day.find(day);
            if (it != rows_of_day.end()) return it->second;
            distinct.bind(1, day);
            distinct.executeStep();
            auto n = static_cast<std::size_t>(distinct.getColumn(0).getInt64());
            distinct.reset();
            return rows_of_day[day] = n;
        };
        auto add_row = [&](const std::string& day, const std::string& query, const Pending& p) {
            insert.bind(1, day);
            insert.bind(2, query);
            insert.bind(3, p.count);
            insert.bind(4, p.results);
            insert.bind(5, p.opened);
            insert.exec();
            insert.reset();
        };
        for (const auto& [key, p] : batch) {
            const auto& [day, query] = key;
            if (query == kOtherQuery) {
                add_row(day, query, {p.count, 0, 0});
                continue;
            }
            update.bind(1, p.count);
            update.bind(2, p.opened);
            update.bind(3, p.results);
            update.bind(4, day);
            update.bind(5, query);
            int changed = update.exec();
            update.reset();
            if (changed > 0 || p.count == 0) continue;  // an open of a query not searched: dropped
            // The bound counts the "other" row too, so a day holds at most
            // max_queries_per_day rows in all.
            std::size_t& rows = rows_on(day);
            if (rows + 1 < options_.max_queries_per_day) {
                add_row(day, query, p);
                ++rows;
            } else {
                if (rows + 1 == options_.max_queries_per_day) ++rows;  // the "other" row
                add_row(day, kOtherQuery, {p.count, 0, 0});
            }
        }
        SQLite::Statement drop(*db_, "DELETE FROM searches WHERE day < ?");
        drop.bind(1, first_day(options_.clock(), options_.keep_days));
        drop.exec();
        tx.commit();
    } catch (const SQLite::Exception& e) {
        throw StoreError("cannot write search statistics " + path_.string() + ": " + e.what());
    }
}

void SearchStats::start_background_flush(std::chrono::milliseconds every) {
    writer_ = std::thread([this, every] {
        std::unique_lock lock(stop_mutex_);
        while (!stop_cv_.wait_for(lock, every, [this] { return stopping_; })) {
            lock.unlock();
            try {
                flush();
            } catch (const std::exception& e) {
                // A full or read-only disk: the second's counts are lost,
                // searches go on. The next flush tries again.
                std::cerr << "search statistics not written: " << e.what() << "\n";
            }
            lock.lock();
        }
    });
}

SearchReport SearchStats::report(int days, std::size_t limit) {
    flush();
    SearchReport r;
    r.days = days;
    const std::string from = first_day(options_.clock(), days);
    std::lock_guard lock(db_mutex_);
    SQLite::Statement per_day(
        *db_, "SELECT day, SUM(count) FROM searches WHERE day >= ? GROUP BY day ORDER BY day");
    per_day.bind(1, from);
    while (per_day.executeStep()) {
        DayCount d{per_day.getColumn(0).getString(), per_day.getColumn(1).getInt64()};
        r.searches += d.searches;
        r.per_day.push_back(std::move(d));
    }
    SQLite::Statement other(*db_,
                            "SELECT COALESCE(SUM(count), 0) FROM searches WHERE day >= ? AND "
                            "query = ''");
    other.bind(1, from);
    other.executeStep();
    r.other = other.getColumn(0).getInt64();

    // One row per query over the days; SQLite gives the bare `results` column
    // from the row holding MAX(day), i.e. the most recent day's count.
    const std::string grouped =
        "SELECT query, SUM(count) AS n, results, MAX(day), SUM(opened) AS opened FROM searches "
        "WHERE day >= ?1 AND query <> '' GROUP BY query";
    auto read = [&](const std::string& where, std::vector<QueryCount>& out) {
        SQLite::Statement q(*db_, "SELECT query, n, results, opened FROM (" + grouped + ")" +
                                      where + " ORDER BY n DESC, query LIMIT ?2");
        q.bind(1, from);
        q.bind(2, static_cast<std::int64_t>(limit));
        while (q.executeStep())
            out.push_back({q.getColumn(0).getString(), q.getColumn(1).getInt64(),
                           q.getColumn(2).getInt64(), q.getColumn(3).getInt64()});
    };
    read("", r.top);
    read(" WHERE results = 0", r.zero_results);
    read(" WHERE results > 0 AND opened = 0", r.not_opened);
    return r;
}

std::size_t SearchStats::stored_queries(const std::string& day) {
    std::lock_guard lock(db_mutex_);
    SQLite::Statement q(*db_, "SELECT COUNT(*) FROM searches WHERE day = ?");
    q.bind(1, day);
    q.executeStep();
    return static_cast<std::size_t>(q.getColumn(0).getInt64());
}

std::vector<std::string> SearchStats::stored_days() {
    std::lock_guard lock(db_mutex_);
    SQLite::Statement q(*db_, "SELECT DISTINCT day FROM searches ORDER BY day");
    std::vector<std::string> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
}

}  // namespace lc
