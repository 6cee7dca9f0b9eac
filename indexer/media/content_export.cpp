#include "media/content_export.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <vector>

#include "catalog/entry_yaml.h"
#include "util/file_bytes.h"

namespace lc {

namespace fs = std::filesystem;

namespace {

// Leaves a file that already holds `bytes` untouched.
void write_file(const fs::path& path, const std::string& bytes) {
    if (file_bytes(path) == bytes) return;
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec) throw Error("cannot create " + path.parent_path().string() + ": " + ec.message());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) throw Error("cannot write " + path.string());
}

// Removes the files of `folder` not in `keep` (hidden ones, such as a
// .gitkeep, stay), then the folder if nothing is left. Returns how many.
std::size_t remove_others(const fs::path& folder, const std::set<std::string>& keep) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) return 0;
    std::size_t removed = 0;
    std::vector<fs::path> others;
    for (const auto& f : fs::directory_iterator(folder, ec)) {
        const std::string name = f.path().filename().string();
        if (f.is_regular_file() && !name.starts_with(".") && !keep.contains(name))
            others.push_back(f.path());
    }
    for (const auto& path : others) {
        if (!fs::remove(path, ec))
            throw Error("cannot remove " + path.string() + ": " + ec.message());
        ++removed;
    }
    if (fs::is_empty(folder, ec)) fs::remove(folder, ec);
    return removed;
}

// The files already in an entry's photo folder, by the id importing them
// gives (PhotoProcessor::id_of): what the entry's photos were imported from.
std::map<std::string, std::string> sources_in(const fs::path& folder) {
    std::map<std::string, std::string> by_id;
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) return by_id;
    std::vector<fs::path> files;
    for (const auto& f : fs::directory_iterator(folder, ec))
        if (f.is_regular_file() && !f.path().filename().string().starts_with(".") &&
            f.file_size(ec) <= PhotoLimits{}.max_bytes)
            files.push_back(f.path());
    std::sort(files.begin(), files.end());
    for (const auto& path : files)
        if (auto bytes = file_bytes(path))
            by_id.emplace(PhotoProcessor::id_of(*bytes), path.filename().string());
    return by_id;
}

}  // namespace

std::string content_photo_file(std::string_view slug, std::string_view id) {
    return "photos/" + std::string(slug) + "/" + std::string(id) + ".jpg";
}

ContentExportSummary export_content(const Store& store, const PhotoStore& photos,
                                    const fs::path& dir) {
    // Read first: for_each holds the store's lock while it runs.
    std::vector<Entry> entries;
    store.for_each([&](const StoredEntry& e) { entries.push_back(e.entry); });
    ContentExportSummary summary;
    for (const Entry& entry : entries) {
        const fs::path folder = dir / "photos" / entry.slug;
        const auto sources = sources_in(folder);
        std::vector<std::string> files;
        std::set<std::string> names;
        for (const Photo& photo : entry.photos) {
            ++summary.photos;
            // The file the photo was imported from stays as it is (an
            // editor's original is better than our JPEG of it), so content
            // imported into another data folder and exported back is
            // unchanged.
            if (auto it = sources.find(photo.id); it != sources.end()) {
                files.push_back("photos/" + entry.slug + "/" + it->second);
                names.insert(it->second);
                continue;
            }
            const fs::path source = photos.file_path(photo.id, kPhotoWidths.back(), "jpg");
            auto bytes = file_bytes(source);
            if (!bytes)
                throw Error("entry '" + entry.slug + "': photo " + photo.id + " has no file " +
                            source.string() + " in the data folder");
            files.push_back(content_photo_file(entry.slug, photo.id));
            names.insert(photo.id + ".jpg");
            write_file(dir / files.back(), *bytes);
        }
        summary.removed += remove_others(folder, names);
        write_file(dir / std::string(to_string(entry.kind)) / (entry.slug + ".yaml"),
                   entry_to_yaml(entry, files));
        ++summary.entries;
    }
    return summary;
}

}  // namespace lc
