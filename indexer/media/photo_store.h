// Where processed photos live: DATA/media/<id[0:2]>/<id>-<width>.<webp|jpg>,
// beside a <id>.json that says the photo's size and is written last, so its
// presence means every file of the photo is on disk.
//
// Order of a write, so that a kill -9 at any point leaves nothing referenced
// whose files are missing: each file goes to a temporary name, is synced and
// renamed; then the .json; the entry's revision naming the photo is
// committed only after save() returns. What a crash leaves behind (temporary
// files, photos no revision names) is removed by sweep() at the next start.
// Files are never deleted while any revision names them, so restoring an old
// revision brings its photos back.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/photo_processor.h"

namespace lc {

struct StoredPhoto {
    int width = 0;
    int height = 0;
};

struct SweepSummary {
    std::size_t photos_removed = 0;
    std::size_t temporary_files_removed = 0;
};

class PhotoStore {
  public:
    explicit PhotoStore(const std::filesystem::path& data_dir);

    const std::filesystem::path& root() const { return root_; }

    // Writes every file of `photo` (atomically each); a photo already stored
    // is left as it is.
    void save(const ProcessedPhoto& photo);
    // The photo's size, when all its files are stored.
    std::optional<StoredPhoto> find(std::string_view id) const;
    // Removes every photo whose id is not in `keep`, and every temporary file.
    SweepSummary sweep(const std::vector<std::string>& keep);
    // Removes one photo (its .json first, so it is never found half there).
    // Only for a photo no revision names: one a failed import stored.
    void remove(std::string_view id);

    // Where one of the photo's files is (width one of kPhotoWidths,
    // extension "webp" or "jpg"); `id` must be a photo id.
    std::filesystem::path file_path(std::string_view id, int width,
                                    std::string_view extension) const;

    // The address a page uses for one of the photo's files: width is one of
    // kPhotoWidths, extension "webp" or "jpg".
    static std::string url(std::string_view id, int width, std::string_view extension);
    // The file behind a /media/ path ("ab/abcd…-800.webp"), if that path has
    // the exact shape of one (nothing else under the folder is ever served).
    std::optional<std::filesystem::path> file_for(std::string_view media_path) const;

  private:
    std::filesystem::path folder_of(std::string_view id) const;
    std::filesystem::path root_;
};

}  // namespace lc
