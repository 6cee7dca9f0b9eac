#include "media/photo_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "util/error.h"
#include "util/sha256.h"

namespace lc {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kTemporaryMark = ".tmp-";

void sync_path(const fs::path& path, int flags) {
    int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0) throw StoreUnavailable("cannot open " + path.string() + " to sync it");
    bool ok = ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) throw StoreUnavailable("cannot sync " + path.string());
}

// Writes to a temporary name in the same folder, syncs, renames.
void write_atomically(const fs::path& path, std::string_view bytes) {
    fs::path temporary = path;
    temporary += std::string(kTemporaryMark) + random_hex(6);
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.close();
        if (!out) {
            std::error_code ignored;
            fs::remove(temporary, ignored);
            throw StoreUnavailable("cannot write " + temporary.string() + " (disk full?)");
        }
    }
    sync_path(temporary, O_RDONLY);
    std::error_code ec;
    fs::rename(temporary, path, ec);
    if (ec) throw StoreUnavailable("cannot rename " + temporary.string() + ": " + ec.message());
}

// "ab/<32 hex>-<width>.<ext>"
const std::regex& media_path_shape() {
    static const std::regex shape(R"(([0-9a-f]{2})/([0-9a-f]{32})-(320|800|1600)\.(webp|jpg))");
    return shape;
}

}  // namespace

PhotoStore::PhotoStore(const fs::path& data_dir) : root_(data_dir / "media") {}

fs::path PhotoStore::folder_of(std::string_view id) const {
    return root_ / std::string(id.substr(0, 2));
}

void PhotoStore::save(const ProcessedPhoto& photo) {
    if (find(photo.id)) return;
    const fs::path folder = folder_of(photo.id);
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) throw StoreUnavailable("cannot create " + folder.string() + ": " + ec.message());
    for (const auto& f : photo.files)
        write_atomically(file_path(photo.id, f.size_class, f.extension), f.bytes);
    const nlohmann::json meta = {{"width", photo.width}, {"height", photo.height}};
    write_atomically(folder / (photo.id + ".json"), meta.dump());
    // The renames themselves are durable once the folder is synced.
    sync_path(folder, O_RDONLY | O_DIRECTORY);
}

std::optional<StoredPhoto> PhotoStore::find(std::string_view id) const {
    if (id.size() != 32 || id.find_first_not_of("0123456789abcdef") != std::string_view::npos)
        return std::nullopt;
    std::ifstream in(folder_of(id) / (std::string(id) + ".json"));
    if (!in) return std::nullopt;
    nlohmann::json meta = nlohmann::json::parse(in, nullptr, false);
    if (!meta.is_object() || !meta.contains("width") || !meta.contains("height"))
        return std::nullopt;
    return StoredPhoto{meta["width"].get<int>(), meta["height"].get<int>()};
}

SweepSummary PhotoStore::sweep(const std::vector<std::string>& keep) {
    SweepSummary summary;
    std::error_code ec;
    if (!fs::is_directory(root_, ec)) return summary;
    const std::set<std::string, std::less<>> kept(keep.begin(), keep.end());
    std::set<std::string> removed_ids;
    for (const auto& folder : fs::directory_iterator(root_, ec)) {
        if (!folder.is_directory()) continue;
        for (const auto& file : fs::directory_iterator(folder.path(), ec)) {
            const std::string name = file.path().filename().string();
            if (name.find(kTemporaryMark) != std::string::npos) {
                if (fs::remove(file.path(), ec)) ++summary.temporary_files_removed;
                continue;
            }
            const std::string id = name.substr(0, 32);
            if (kept.contains(id)) continue;
            if (fs::remove(file.path(), ec)) removed_ids.insert(id);
        }
    }
    summary.photos_removed = removed_ids.size();
    return summary;
}

void PhotoStore::remove(std::string_view id) {
    const fs::path folder = folder_of(id);
    std::error_code ec;
    fs::remove(folder / (std::string(id) + ".json"), ec);
    for (int width : kPhotoWidths)
        for (const char* extension : {"webp", "jpg"})
            fs::remove(file_path(id, width, extension), ec);
    fs::remove(folder, ec);  // only when empty: other photos may share it
}

fs::path PhotoStore::file_path(std::string_view id, int width, std::string_view extension) const {
    return folder_of(id) /
           (std::string(id) + "-" + std::to_string(width) + "." + std::string(extension));
}

std::string PhotoStore::url(std::string_view id, int width, std::string_view extension) {
    return "/media/" + std::string(id.substr(0, 2)) + "/" + std::string(id) + "-" +
           std::to_string(width) + "." + std::string(extension);
}

std::optional<fs::path> PhotoStore::file_for(std::string_view media_path) const {
    std::match_results<std::string_view::const_iterator> m;
    if (!std::regex_match(media_path.begin(), media_path.end(), m, media_path_shape()))
        return std::nullopt;
    if (m[2].str().substr(0, 2) != m[1].str()) return std::nullopt;
    return root_ / std::string(media_path);
}

}  // namespace lc
