#include "media/content_photo_import.h"

#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "media/image_check.h"
#include "media/photo_error.h"
#include "util/file_bytes.h"

namespace lc {

namespace fs = std::filesystem;

namespace {

std::string problem(const PhotoFileRef& ref, const std::string& why) {
    return ref.origin + ": '" + ref.file + "': " + why;
}

// The file's bytes, or why not: too large to be a photo (then not read at
// all), or unreadable.
std::optional<std::string> read_photo(const PhotoFileRef& ref, std::size_t max_bytes,
                                      std::string& why) {
    std::error_code ec;
    const auto size = fs::file_size(ref.path, ec);
    if (ec) {
        why = "cannot read: " + ec.message();
        return std::nullopt;
    }
    if (size > max_bytes) {
        why = "the photo is over " + std::to_string(max_bytes >> 20) + " MB";
        return std::nullopt;
    }
    auto bytes = file_bytes(ref.path);
    if (!bytes) why = "cannot read";
    return bytes;
}

}  // namespace

bool names_photo_files(const std::vector<SourcedEntry>& entries) {
    for (const auto& e : entries)
        if (!e.photo_files.empty()) return true;
    return false;
}

std::vector<std::string> check_content_photos(const std::vector<SourcedEntry>& entries,
                                              const PhotoLimits& limits) {
    std::vector<std::string> problems;
    for (const auto& e : entries)
        for (const auto& ref : e.photo_files) {
            std::string why;
            auto bytes = read_photo(ref, limits.max_bytes, why);
            try {
                if (bytes) check_image_bytes(*bytes);
            } catch (const InvalidPhoto& x) {
                why = x.what();
            }
            if (!why.empty()) problems.push_back(problem(ref, why));
        }
    return problems;
}

ContentPhotoImport::ContentPhotoImport(PhotoStore& store, PhotoProcessor& processor)
    : store_(store), processor_(processor) {}

std::vector<std::string> ContentPhotoImport::resolve(std::vector<SourcedEntry>& entries) {
    std::vector<std::string> problems;
    for (auto& e : entries) {
        for (std::size_t i = 0; i < e.photo_files.size(); ++i) {
            const PhotoFileRef& ref = e.photo_files[i];
            std::string why;
            auto bytes = read_photo(ref, processor_.limits().max_bytes, why);
            if (!bytes) {
                problems.push_back(problem(ref, why));
                continue;
            }
            try {
                if (!problems.empty()) {
                    check_image_bytes(*bytes);
                    continue;
                }
                Photo& photo = e.entry.photos[i];
                // A file export wrote: its name is its photo's id, and it is
                // that photo's largest JPEG, byte for byte.
                const std::string named_id = fs::path(ref.file).stem().string();
                const std::string id = PhotoProcessor::id_of(*bytes);
                if (auto exported = store_.find(named_id);
                    exported &&
                    file_bytes(store_.file_path(named_id, kPhotoWidths.back(), "jpg")) == *bytes) {
                    photo.id = named_id;
                    photo.width = exported->width;
                    photo.height = exported->height;
                    ++already_stored_;
                } else if (auto stored = store_.find(id)) {
                    photo.id = id;
                    photo.width = stored->width;
                    photo.height = stored->height;
                    ++already_stored_;
                } else {
                    ProcessedPhoto processed = processor_.process(*bytes);
                    store_.save(processed);
                    stored_.push_back(processed.id);
                    photo.id = processed.id;
                    photo.width = processed.width;
                    photo.height = processed.height;
                }
            } catch (const InvalidPhoto& x) {
                problems.push_back(problem(ref, x.what()));
            }
        }
        if (!problems.empty()) continue;
        // Two files of one entry that are the same photo.
        std::map<std::string, std::size_t> first;
        for (std::size_t i = 0; i < e.photo_files.size(); ++i) {
            auto [it, inserted] = first.emplace(e.entry.photos[i].id, i);
            if (!inserted)
                problems.push_back(problem(
                    e.photo_files[i], "the same photo as photos[" + std::to_string(it->second) +
                                          "] ('" + e.photo_files[it->second].file + "')"));
        }
    }
    return problems;
}

void ContentPhotoImport::discard_new(const std::vector<std::string>& named) {
    const std::set<std::string> keep(named.begin(), named.end());
    for (const auto& id : stored_)
        if (!keep.contains(id)) store_.remove(id);
    stored_.clear();
}

}  // namespace lc
