// What visitors search for, counted privately: per day, each normalized query
// (canonical form: NFC, lowercase, one tone placement; spaces trimmed and
// collapsed), how often it was searched, how many results it had the last
// time, and how often a result was opened from it. Nothing about who searched
// is ever given to this class, so nothing about who searched can be stored.
//
// Its own SQLite file (DIR/stats.sqlite), apart from the catalog: counts are
// not content, are not backed up with it, and their writes never wait on an
// editor's. Bounded: at most `max_queries_per_day` distinct queries a day
// (later new queries that day are counted together in one "other" row), and
// days older than `keep_days` are dropped.
//
// record_search() and record_opened() only add to a small map in memory; a
// background thread writes it out about once a second, so searches never wait
// on the disk. Thread-safe.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace lc {

struct SearchStatsOptions {
    std::size_t max_queries_per_day = 10'000;
    int keep_days = 90;
    // Tests inject a clock to move across days.
    std::function<std::chrono::system_clock::time_point()> clock = [] {
        return std::chrono::system_clock::now();
    };
};

struct QueryCount {
    std::string query;
    std::int64_t count = 0;
    std::int64_t results = 0;  // on the most recent day it was searched
    std::int64_t opened = 0;
};

struct DayCount {
    std::string day;  // YYYY-MM-DD (UTC)
    std::int64_t searches = 0;
};

struct SearchReport {
    int days = 0;
    std::int64_t searches = 0;
    std::int64_t other = 0;  // searches beyond a day's bound of distinct queries
    std::vector<DayCount> per_day;
    std::vector<QueryCount> top;           // by count
    std::vector<QueryCount> zero_results;  // no results the last time, by count
    std::vector<QueryCount> not_opened;    // had results, none opened, by count
};

class SearchStats {
  public:
    // Opens (creating if needed) DIR/stats.sqlite; a StoreError names it if it cannot.
    SearchStats(const std::filesystem::path& data_dir, SearchStatsOptions options = {});
    ~SearchStats();  // stops the writer and writes what is pending
    SearchStats(const SearchStats&) = delete;
    SearchStats& operator=(const SearchStats&) = delete;

    static std::filesystem::path file_in(const std::filesystem::path& data_dir);
    // The form a query is counted under ("" for a query of no words).
    static std::string normalize_query(std::string_view query);

    // Cheap: memory only. A query that normalizes to nothing is not counted.
    void record_search(std::string_view query, std::size_t results);
    // A result was opened from a search for `query`; counted only if that query
    // was searched the same day (so it cannot add queries nobody searched).
    void record_opened(std::string_view query);

    // Writes what is pending and drops old days, now (the background writer
    // calls this; tests and the report call it directly).
    void flush();
    void start_background_flush(std::chrono::milliseconds every = std::chrono::seconds(1));

    // The last `days` days, today included; each list at most `limit` long.
    SearchReport report(int days, std::size_t limit = 50);

    // Distinct query rows stored for a day (the "other" row included), for tests.
    std::size_t stored_queries(const std::string& day);
    std::vector<std::string> stored_days();

  private:
    struct Pending {
        std::int64_t count = 0;
        std::int64_t results = 0;
        std::int64_t opened = 0;
    };
    std::string today() const;

    std::filesystem::path path_;
    SearchStatsOptions options_;
    std::mutex pending_mutex_;
    std::map<std::pair<std::string, std::string>, Pending> pending_;  // (day, query)
    std::mutex db_mutex_;
    std::unique_ptr<SQLite::Database> db_;
    std::mutex stop_mutex_;
    std::condition_variable stop_cv_;
    bool stopping_ = false;
    std::thread writer_;
};

}  // namespace lc
