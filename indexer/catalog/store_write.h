// Store::write, shared by the files that implement Store (not a public header).
#pragma once

#include <sqlite3.h>

#include "catalog/store.h"

namespace lc {

namespace store_detail {

inline bool is_unavailable(int code) {
    switch (code & 0xFF) {
        case SQLITE_READONLY:
        case SQLITE_FULL:
        case SQLITE_IOERR:
        case SQLITE_CANTOPEN:
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
        case SQLITE_PERM:
            return true;
        default:
            return false;
    }
}

inline std::string unavailable_reason(const SQLite::Exception& e) {
    switch (e.getErrorCode() & 0xFF) {
        case SQLITE_FULL:
            return "the disk is full";
        case SQLITE_READONLY:
        case SQLITE_PERM:
        case SQLITE_CANTOPEN:
            return "the data folder is read-only";
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return "the catalog is busy";
        default:
            return std::string("an I/O error (") + e.what() + ")";
    }
}

}  // namespace store_detail

// Runs `fn` in an IMMEDIATE transaction under the mutex; SQLite failures that
// mean "cannot write now" become StoreUnavailable, and nothing is changed.
template <typename F>
auto Store::write(F&& fn) {
    if (read_only_)
        throw StoreUnavailable("cannot save to the catalog: the data folder is read-only");
    std::lock_guard lock(mutex_);
    try {
        SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
        if constexpr (std::is_void_v<decltype(fn())>) {
            fn();
            tx.commit();
        } else {
            auto result = fn();
            tx.commit();
            return result;
        }
    } catch (const SQLite::Exception& e) {
        if (store_detail::is_unavailable(e.getErrorCode()))
            throw StoreUnavailable("cannot save to the catalog: " +
                                   store_detail::unavailable_reason(e));
        throw StoreError(std::string("catalog write failed: ") + e.what());
    }
}

}  // namespace lc
