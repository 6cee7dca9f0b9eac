// Writing the index: a full rebuild from the store, and applying the store's
// changes to an existing index.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <xapian.h>

#include "catalog/store.h"
#include "index/progress.h"

namespace lc {

struct BuildOptions {
    unsigned threads = 0;              // 0: one per core (at most 4)
    Xapian::doccount flush_every = 0;  // documents per shard between commits; 0: a tuned default
};

struct BuildStats {
    std::size_t documents = 0;
    unsigned shards = 0;
    double seconds = 0;
    std::uintmax_t index_bytes = 0;
    std::int64_t change_seq = 0;
    std::filesystem::path generation;
};

// Builds a new generation from every searchable entry in `store` and makes it
// current. Each thread writes a shard; the shards are then merged with
// Xapian's compactor into the new generation.
BuildStats rebuild_index(const Store& store, const std::filesystem::path& data_dir,
                         Progress& progress, const BuildOptions& options = {});

// Replaces the synonym table with `groups`: each member maps to every other
// member, keyed by its canonical and its folded syllables.
void write_synonyms(Xapian::WritableDatabase& db, const Synonyms& groups);

// The synonym lookup key of a text: its tokens' canonical (or folded) forms
// joined by single spaces.
std::string synonym_key(const std::string& text, bool folded);

// Applies the store's changes after the index's recorded sequence number, in
// one Xapian transaction per batch, and records the new sequence number with
// them. Returns how many changes were applied.
std::size_t apply_changes(const Store& store, Xapian::WritableDatabase& db,
                          std::size_t batch = 500);

// The sequence number an index has applied (0 when none is recorded).
std::int64_t applied_seq(const Xapian::Database& db);

}  // namespace lc
