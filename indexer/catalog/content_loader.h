// Loads entries and synonyms from content files: YAML entry files (one entry
// each, in folders named for their kind), JSON entry files, JSON Lines files
// (one entry per line, the export format) and synonyms.yaml. Folders are read
// recursively in name order. Every problem is collected with its file, line
// and field; nothing stops at the first.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "catalog/entry.h"
#include "catalog/synonyms.h"

namespace lc {

struct SourcedEntry {
    Entry entry;
    std::string origin;  // "path:line"
};

struct LoadResult {
    std::vector<SourcedEntry> entries;
    std::optional<Synonyms> synonyms;  // set when a synonyms file was read
    std::vector<std::string> errors;   // "path:line: field: message"
    std::size_t files = 0;             // files read
};

// Reads every path (file or folder). Also rejects duplicate slugs across files.
LoadResult load_content(const std::vector<std::filesystem::path>& paths);

}  // namespace lc
