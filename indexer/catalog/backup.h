// Backups of the catalog: one SQLite file holding entries, every revision,
// synonyms and tokens (hashes only). The search index is not in it; it is
// rebuilt from the catalog when lc-api or `lc-indexer index` next starts.
#pragma once

#include <cstddef>
#include <filesystem>

namespace lc {

// What a catalog file holds, as printed after a backup or a restore.
struct CatalogFileCounts {
    std::size_t entries = 0;  // not deleted (drafts included)
    std::size_t deleted = 0;
    std::size_t revisions = 0;
    std::size_t tokens = 0;
};

// Copies DIR/catalog.sqlite to `output` with SQLite's online backup API: a
// consistent snapshot as of one moment even while lc-api writes (WAL readers
// do not block the writer, nor it them). The file appears under its name only
// when complete. StoreError when the catalog is missing or the copy fails.
CatalogFileCounts back_up_catalog(const std::filesystem::path& data_dir,
                                  const std::filesystem::path& output);

// Installs `backup` as DIR/catalog.sqlite after PRAGMA integrity_check passes
// on a copy inside DIR. A data folder with anything in it is refused unless
// `force`; then the old catalog (with its WAL) and the index are replaced.
// No lc-api may be running on DIR meanwhile.
CatalogFileCounts restore_catalog(const std::filesystem::path& backup,
                                  const std::filesystem::path& data_dir, bool force);

}  // namespace lc
