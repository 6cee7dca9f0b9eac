// Loads entries and synonyms from content files: YAML entry files (one entry
// each, in folders named for their kind), JSON entry files, JSON Lines files
// (one entry per line, the export format) and synonyms.yaml. Folders are read
// recursively in name order. Every problem is collected with its file, line
// and field; nothing stops at the first.
//
// A YAML entry file lists its photos by file (PhotoShape::file), a path from
// the content folder — the folder holding the kind folders, so
// content/destination/x.yaml names content/photos/x/a.jpg as
// "photos/x/a.jpg". The loader finds each file and refuses one that is
// missing or lies outside the content folder (through a symbolic link too);
// processing it is import's (media/content_photo_import.h).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "catalog/entry.h"
#include "catalog/synonyms.h"

namespace lc {

// A photo file an entry file names.
struct PhotoFileRef {
    std::string file;            // as written, from the content folder
    std::filesystem::path path;  // the file found (empty if not: the load has an error)
    std::string origin;          // "path:line: photos[i].file", for messages
};

struct SourcedEntry {
    Entry entry;
    std::string origin;  // "path:line"
    // For a YAML entry file, one per photo of `entry`, in order: those photos
    // have their alt and credit, and their id and size once import has
    // processed the files.
    std::vector<PhotoFileRef> photo_files;
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
