// The engine's error hierarchy. Every failure the engine reports on purpose is
// an lc::Error; the HTTP layer maps each type to one status in one table
// (write_current_exception in api/errors.cpp), and the command line prints
// what() and exits 1.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace lc {

class Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Bytes that are not UTF-8. `offset` is the first bad byte.
class InvalidUtf8 : public Error {
  public:
    explicit InvalidUtf8(std::size_t offset)
        : Error("invalid UTF-8 at byte " + std::to_string(offset)), offset_(offset) {}
    std::size_t offset() const { return offset_; }

  private:
    std::size_t offset_;
};

// Something asked for does not exist (an entry, a revision, a token).
class NotFound : public Error {
  public:
    using Error::Error;
};

// A request that is well-formed but not allowed in the current state
// (e.g. creating a slug that exists).
class Conflict : public Error {
  public:
    using Error::Error;
};

// The catalog file or the index cannot be used (missing, corrupt, wrong version).
class StoreError : public Error {
  public:
    using Error::Error;
};

// The store is readable but refuses writes right now (read-only folder, full disk).
class StoreUnavailable : public Error {
  public:
    using Error::Error;
};

// The search index is being built or rebuilt; searches cannot be answered yet.
class IndexNotReady : public Error {
  public:
    using Error::Error;
};

}  // namespace lc
