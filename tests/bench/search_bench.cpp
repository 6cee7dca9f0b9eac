// In-process search latency over a generated corpus: lc's SearchService (with
// exact facets over the whole match) beside SQLite FTS5 (unicode61
// remove_diacritics 2, bm25, top 10) on the same entries and queries. Also
// how close the shortlisted ranking's first page comes to the full ranking's
// over every match (Searcher::Ranking), for queries with more than 100
// matches (smaller ones are ranked whole either way).
//
// usage: search_bench --data DIR --corpus CORPUS.jsonl --queries QUERIES.txt [--fts FILE] [--rounds
// N]
//                     [--slowest N] [--no-fts] [--no-ranking-check] [--posting-cache-mb N]
#include <SQLiteCpp/SQLiteCpp.h>
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <numeric>
#include <sstream>
#include <vector>

#include "search/search_service.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Summary {
    double p50 = 0, p99 = 0, mean = 0, max = 0;
    std::size_t n = 0;
};

Summary summarize(std::vector<double> ms) {
    Summary s;
    if (ms.empty()) return s;
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) {
        return ms[std::min(ms.size() - 1,
                           static_cast<std::size_t>(q * static_cast<double>(ms.size())))];
    };
    s.p50 = at(0.50);
    s.p99 = at(0.99);
    s.mean = std::accumulate(ms.begin(), ms.end(), 0.0) / static_cast<double>(ms.size());
    s.max = ms.back();
    s.n = ms.size();
    return s;
}

std::vector<std::string> read_lines(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.push_back(line);
    return out;
}

// synthetic_catalog.py queries: a line in double quotes is a phrase, otherwise AND the words.
std::string fts_query(const std::string& q) {
    if (q.size() >= 2 && q.front() == '"' && q.back() == '"') return q;
    std::istringstream words(q);
    std::string out, w;
    while (words >> w) {
        w.erase(std::remove(w.begin(), w.end(), '"'), w.end());
        if (w.empty()) continue;
        out += (out.empty() ? "" : " ") + ("\"" + w + "\"");
    }
    return out;
}

void build_fts(const std::string& corpus, const std::string& file) {
    std::filesystem::remove(file);
    SQLite::Database db(file, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF");
    db.exec(
        "CREATE VIRTUAL TABLE fts USING fts5(name, summary, body, tokenize = 'unicode61 "
        "remove_diacritics 2')");
    SQLite::Transaction tx(db);
    SQLite::Statement insert(db, "INSERT INTO fts (name, summary, body) VALUES (?, ?, ?)");
    std::ifstream in(corpus);
    for (std::string line; std::getline(in, line);) {
        auto e = nlohmann::json::parse(line);
        auto both = [&](const char* f) {
            return e[f]["vi"].get<std::string>() + "\n" + e[f]["en"].get<std::string>();
        };
        insert.bind(1, both("name"));
        insert.bind(2, both("summary"));
        insert.bind(3, both("body"));
        insert.exec();
        insert.reset();
    }
    tx.commit();
}

void print(const char* what, const Summary& s) {
    std::cout << std::fixed << std::setprecision(2) << what << ": queries=" << s.n
              << " p50_ms=" << s.p50 << " p99_ms=" << s.p99 << " mean_ms=" << s.mean
              << " max_ms=" << s.max << "\n";
}

}  // namespace

int main(int argc, char** argv) {
    std::string data, corpus, queries_file, fts_file;
    int rounds = 1;
    CLI::App app{"search latency benchmark"};
    app.add_option("--data", data)->required();
    app.add_option("--corpus", corpus)->required();
    app.add_option("--queries", queries_file)->required();
    app.add_option("--fts", fts_file,
                   "FTS5 database to build and query (default: DATA/fts5.sqlite)");
    app.add_option("--rounds", rounds);
    std::size_t slowest = 0;
    app.add_option("--slowest", slowest, "also list this many of the slowest lc queries");
    bool skip_fts = false;
    app.add_flag("--no-fts", skip_fts, "measure lc only");
    std::size_t posting_cache_mb = lc::SearchService::Options{}.posting_cache_bytes >> 20;
    app.add_option("--posting-cache-mb", posting_cache_mb,
                   "decoded posting lists kept (the server's default)");
    bool skip_ranking_check = false;
    app.add_flag("--no-ranking-check", skip_ranking_check,
                 "do not compare the first pages with the full ranking's");
    CLI11_PARSE(app, argc, argv);
    if (fts_file.empty()) fts_file = data + "/fts5.sqlite";
    auto queries = read_lines(queries_file);

    // No answer cache: every query below is computed (repeated rounds would
    // otherwise measure the cache).
    lc::SearchService service(data,
                              {.cache_bytes = 0, .posting_cache_bytes = posting_cache_mb << 20});
    // As a server does after start-up or an index change: the longest
    // posting lists decoded ahead of searches (posting_cache.h).
    const auto preload_start = Clock::now();
    service.warm_up();
    std::cout << "lc preload_s="
              << std::chrono::duration<double>(Clock::now() - preload_start).count()
              << " posting_cache_mb=" << service.cache_stats().posting_bytes / (1 << 20) << "\n";
    // Warm up: the OS cache of the index, the word caches of the pooled handles.
    for (std::size_t i = 0; i < std::min<std::size_t>(50, queries.size()); ++i) {
        lc::SearchRequest r;
        r.query = queries[i];
        service.search(r);
    }
    std::vector<double> lc_ms;
    std::vector<std::pair<double, std::string>> by_query;
    std::size_t total_hits = 0;
    std::vector<std::vector<std::string>> first_pages(
        queries.size());  // of the queries with over 100 matches
    for (int round = 0; round < rounds; ++round)
        for (std::size_t i = 0; i < queries.size(); ++i) {
            lc::SearchRequest r;
            r.query = queries[i];
            auto t0 = Clock::now();
            auto res = service.search(r);
            lc_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
            total_hits += res.total;
            if (slowest)
                by_query.emplace_back(lc_ms.back(),
                                      queries[i] + " (" + std::to_string(res.total) + " matches)");
            if (round == 0 && res.total > 100)
                for (const auto& hit : res.results) first_pages[i].push_back(hit.slug);
        }
    print("lc (exact facets)", summarize(lc_ms));
    std::cout << "lc mean_total_matches=" << total_hits / std::max<std::size_t>(1, lc_ms.size())
              << "\n";
    std::sort(by_query.rbegin(), by_query.rend());
    for (std::size_t i = 0; i < std::min(slowest, by_query.size()); ++i)
        std::cout << "  slow: " << std::fixed << std::setprecision(2) << by_query[i].first
                  << " ms  " << by_query[i].second << "\n";
    if (!skip_ranking_check) {
        lc::SearchService reference(
            data, {.cache_bytes = 0, .ranking = lc::Searcher::Ranking::every_match});
        std::size_t compared = 0, same_page = 0, kept = 0, shown = 0;
        for (std::size_t i = 0; i < queries.size(); ++i) {
            if (first_pages[i].empty()) continue;
            lc::SearchRequest r;
            r.query = queries[i];
            std::vector<std::string> full;
            for (const auto& hit : reference.search(r).results) full.push_back(hit.slug);
            ++compared;
            same_page += first_pages[i] == full;
            for (const auto& slug : full)
                kept += std::find(first_pages[i].begin(), first_pages[i].end(), slug) !=
                        first_pages[i].end();
            shown += full.size();
        }
        std::cout << std::fixed << std::setprecision(3) << "lc shortlist: queries=" << compared
                  << " recall_at_10="
                  << (shown ? static_cast<double>(kept) / static_cast<double>(shown) : 1.0)
                  << " same_first_page=" << same_page << "\n";
    }
    if (skip_fts) return 0;

    auto t0 = Clock::now();
    build_fts(corpus, fts_file);
    std::cout << "fts5 build_s=" << std::chrono::duration<double>(Clock::now() - t0).count()
              << "\n";
    SQLite::Database fts(fts_file, SQLite::OPEN_READONLY);
    SQLite::Statement q(
        fts, "SELECT rowid, bm25(fts) FROM fts WHERE fts MATCH ? ORDER BY bm25(fts) LIMIT 10");
    for (std::size_t i = 0; i < std::min<std::size_t>(50, queries.size()); ++i) {
        q.bind(1, fts_query(queries[i]));
        while (q.executeStep()) {
        }
        q.reset();
    }
    std::vector<double> fts_ms;
    std::size_t fts_errors = 0;
    for (int round = 0; round < rounds; ++round)
        for (const auto& query : queries) {
            auto t1 = Clock::now();
            try {
                q.bind(1, fts_query(query));
                while (q.executeStep()) {
                }
            } catch (const SQLite::Exception&) {
                ++fts_errors;
            }
            q.reset();
            fts_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t1).count());
        }
    print("sqlite fts5 (bm25 top 10)", summarize(fts_ms));
    std::cout << "fts5 errors=" << fts_errors << "\n";
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::cout << "peak_rss_mb=" << usage.ru_maxrss / 1024 << "\n";
    return 0;
}
