// A whole file read into memory, for the callers that need all of it at
// once (a photo to process or serve, a content file to parse, the page's
// shell); nothing when it cannot be opened or read.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace lc {

std::optional<std::string> file_bytes(const std::filesystem::path& path);

}  // namespace lc
