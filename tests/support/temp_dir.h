// A fresh folder under the system temp dir, removed when it goes out of scope.
#pragma once

#include <filesystem>
#include <string>

namespace lc::test {

class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

  private:
    std::filesystem::path path_;
};

// Writes `text` to `path`, creating folders.
void write_file(const std::filesystem::path& path, const std::string& text);
std::string read_file(const std::filesystem::path& path);

// The repository's content/ folder.
std::filesystem::path content_dir();

}  // namespace lc::test
