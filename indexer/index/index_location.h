// Where the index lives: DIR/index/ holds generations (gen-*), each a complete
// Xapian database, and a file CURRENT naming the one in use. A rebuild writes
// a new generation and then replaces CURRENT with rename(2), so a reader opens
// either the old index or the new one, never a half-built one.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace lc {

class IndexLocation {
  public:
    explicit IndexLocation(const std::filesystem::path& data_dir);

    const std::filesystem::path& root() const { return root_; }

    // The generation CURRENT names, or nothing when there is no index yet.
    std::optional<std::filesystem::path> current() const;

    // A fresh, not yet existing folder for building a generation.
    std::filesystem::path new_build_dir() const;

    // Makes `build_dir` the current generation (renaming it to gen-*), then
    // removes older generations. Returns the generation's path.
    std::filesystem::path publish(const std::filesystem::path& build_dir) const;

    // Removes build folders left by builders that died.
    void remove_stale_builds() const;

    // Bytes used by the current generation.
    std::uintmax_t current_size() const;

  private:
    std::filesystem::path root_;
};

}  // namespace lc
