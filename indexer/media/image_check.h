// What an uploaded file is, from its bytes alone, before any decoder sees it:
// the signature picks the one decoder allowed to read it, and the container's
// structure must end where the file ends (a truncated image, or a second file
// appended to the first — a polyglot — is refused).
#pragma once

#include <string_view>

namespace lc {

enum class ImageFormat { jpeg, png, webp };

// The format of `bytes`, or InvalidPhoto (not_an_image, unsupported,
// truncated, two_formats).
ImageFormat check_image_bytes(std::string_view bytes);

std::string_view to_string(ImageFormat format);

}  // namespace lc
