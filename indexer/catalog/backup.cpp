#include "catalog/backup.h"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include "catalog/store.h"
#include "index/index_location.h"
#include "util/error.h"

namespace lc {

namespace fs = std::filesystem;

namespace {

void fsync_path(const fs::path& p, bool directory) {
    int fd = ::open(p.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

// A name beside `target` for writing before the rename that publishes it.
fs::path temporary_beside(const fs::path& target) {
    return fs::path(target.string() + ".partial-" + std::to_string(::getpid()));
}

void remove_sqlite_file(const fs::path& file) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        fs::remove(fs::path(file.string() + suffix), ec);
}

std::size_t count(SQLite::Database& db, const char* sql) {
    return static_cast<std::size_t>(db.execAndGet(sql).getInt64());
}

CatalogFileCounts counts_of(SQLite::Database& db) {
    CatalogFileCounts c;
    c.entries = count(db, "SELECT count(*) FROM entries WHERE deleted = 0");
    c.deleted = count(db, "SELECT count(*) FROM entries WHERE deleted != 0");
    c.revisions = count(db, "SELECT count(*) FROM revisions");
    c.tokens = count(db, "SELECT count(*) FROM tokens");
    return c;
}

// Every problem integrity_check finds, one per row; "ok" alone when none.
void require_intact(SQLite::Database& db, const fs::path& shown_as) {
    SQLite::Statement check(db, "PRAGMA integrity_check");
    std::string problems;
    while (check.executeStep()) {
        std::string row = check.getColumn(0).getString();
        if (row == "ok") return;
        if (!problems.empty()) problems += "; ";
        problems += row;
    }
    throw StoreError(shown_as.string() + " fails PRAGMA integrity_check: " +
                     (problems.empty() ? "no answer" : problems));
}

bool is_empty_folder(const fs::path& dir) {
    std::error_code ec;
    return !fs::exists(dir, ec) || fs::is_empty(dir, ec);
}

}  // namespace

CatalogFileCounts back_up_catalog(const fs::path& data_dir, const fs::path& output) {
    const fs::path source_file = Store::file_in(data_dir);
    std::error_code ec;
    if (!fs::exists(source_file, ec)) throw StoreError("no catalog at " + source_file.string());
    const fs::path partial = temporary_beside(output);
    remove_sqlite_file(partial);
    try {
        SQLite::Database source(source_file.string(), SQLite::OPEN_READONLY, 5000);
        CatalogFileCounts counts;
        {
            SQLite::Database copy(partial.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            SQLite::Backup backup(copy, source);
            // All pages in one step: one read transaction on the source, so the
            // copy is the catalog as of one commit. A writer holding the file
            // at that instant (BUSY/LOCKED) only makes us try again.
            for (int attempt = 0;; ++attempt) {
                int rc = backup.executeStep(-1);
                if (rc == SQLITE_DONE) break;
                if (attempt == 200)
                    throw StoreError("the catalog stayed locked; no backup was written");
                std::this_thread::sleep_for(std::chrono::milliseconds(25));
            }
            // The copy carries the source's WAL flag; a backup is one file.
            SQLite::Statement mode(copy, "PRAGMA journal_mode = DELETE");
            mode.executeStep();
            require_intact(copy, output);
            counts = counts_of(copy);
        }
        // As readable as the catalog it copies (drafts, token hashes), no more.
        fs::permissions(partial, fs::status(source_file).permissions());
        fsync_path(partial, false);
        fs::rename(partial, output);
        fsync_path(output.has_parent_path() ? output.parent_path() : fs::path("."), true);
        return counts;
    } catch (const SQLite::Exception& e) {
        remove_sqlite_file(partial);
        throw StoreError("backup of " + source_file.string() + " to " + output.string() +
                         " failed: " + e.what());
    } catch (const fs::filesystem_error& e) {
        remove_sqlite_file(partial);
        throw StoreError("backup of " + source_file.string() + " to " + output.string() +
                         " failed: " + e.what());
    } catch (...) {
        remove_sqlite_file(partial);
        throw;
    }
}

CatalogFileCounts restore_catalog(const fs::path& backup, const fs::path& data_dir, bool force) {
    std::error_code ec;
    if (!fs::is_regular_file(backup, ec)) throw StoreError("no backup file at " + backup.string());
    if (!force && !is_empty_folder(data_dir))
        throw Conflict("data folder " + data_dir.string() +
                       " is not empty; restore into an empty one, or give --force to replace "
                       "its catalog and index (stop lc-api on it first)");
    fs::create_directories(data_dir, ec);
    if (ec)
        throw StoreError("cannot create data folder " + data_dir.string() + ": " + ec.message());

    // Checked where it will live, so what is installed is exactly what passed.
    const fs::path target = Store::file_in(data_dir);
    const fs::path partial = temporary_beside(target);
    remove_sqlite_file(partial);
    try {
        fs::copy_file(backup, partial, fs::copy_options::overwrite_existing);
        {
            SQLite::Database copy(partial.string(), SQLite::OPEN_READWRITE);
            require_intact(copy, backup);
            if (!copy.tableExists("entries") || !copy.tableExists("revisions") ||
                !copy.tableExists("tokens"))
                throw StoreError(backup.string() + " is an SQLite file but not a catalog");
        }
        fsync_path(partial, false);
        remove_sqlite_file(target);
        fs::remove_all(IndexLocation(data_dir).root(), ec);
        fs::rename(partial, target);
        fsync_path(data_dir, true);
    } catch (const SQLite::Exception& e) {
        remove_sqlite_file(partial);
        throw StoreError("cannot restore " + backup.string() + ": " + e.what());
    } catch (const fs::filesystem_error& e) {
        remove_sqlite_file(partial);
        throw StoreError("cannot restore " + backup.string() + ": " + e.what());
    }
    // Opening it as lc-api will brings the schema up to date and WAL back on.
    Store store(data_dir, Store::Mode::must_exist);
    SQLite::Database db(target.string(), SQLite::OPEN_READONLY);
    return counts_of(db);
}

}  // namespace lc
