// `lc-indexer export --content DIR`: the catalog as a content folder, laid out
// as content/ is: DIR/<kind>/<slug>.yaml for every entry (drafts too, deleted
// ones not), listing its photos in order with their alt text and credit, and
// the photo files in DIR/photos/<slug>/:
// - a file already there that the photo was imported from (the same bytes
//   give the photo's id) stays, under its name: an editor's original is
//   kept, and content imported into one data folder and exported from it
//   comes back unchanged;
// - otherwise <id>.jpg, the photo's largest processed JPEG, as the uploaded
//   file is never kept. Importing it into the data folder it came from
//   changes nothing (content_photo_import.h).
// Importing DIR gives the same catalog.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "catalog/store.h"
#include "media/photo_store.h"

namespace lc {

struct ContentExportSummary {
    std::size_t entries = 0;
    std::size_t photos = 0;
    std::size_t removed = 0;  // files of photos the entries no longer have
};

// Writes the photos before the YAML that names them. An entry's photo folder
// ends up holding exactly its photos: files an earlier export left there for
// photos since removed are deleted, so the repository does not keep them.
// Throws Error when a photo's file is missing from the data folder or a file
// cannot be written.
ContentExportSummary export_content(const Store& store, const PhotoStore& photos,
                                    const std::filesystem::path& dir);

// The file a photo without a source file is exported to, from the content
// folder: "photos/<slug>/<id>.jpg".
std::string content_photo_file(std::string_view slug, std::string_view id);

}  // namespace lc
