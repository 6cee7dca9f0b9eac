// Test photos made with libvips itself (photos_test.cpp, content_photos_test.cpp).
#pragma once

#include <zlib.h>

#include <cstdint>
#include <string>
#include <vector>
#include <vips/vips8>

#include "media/photo_processor.h"

namespace lc::test {

// A gradient with a bright left edge, so its orientation can be read back.
inline vips::VImage test_image(int width, int height, int bands = 3) {
    lc::PhotoProcessor start_libvips;  // VIPS_INIT
    vips::VImage x = vips::VImage::xyz(width, height)[0];
    vips::VImage left = (x < width / 4).ifthenelse(255, 40);
    std::vector<vips::VImage> more(static_cast<std::size_t>(bands - 1), left);
    return left.bandjoin(more).cast(VIPS_FORMAT_UCHAR);
}

// The image as a file of the format `suffix` names (".jpg", ".png", ".webp", ".gif").
inline std::string saved(const vips::VImage& image, const char* suffix) {
    void* buf = nullptr;
    std::size_t size = 0;
    image.write_to_buffer(suffix, &buf, &size);
    std::string out(static_cast<char*>(buf), size);
    g_free(buf);
    return out;
}

// PNG with a header that claims `width` × `height` and one tiny IDAT: whole
// as a file, but its pixels are not there.
inline std::string png_claiming(std::uint32_t width, std::uint32_t height) {
    auto be = [](std::uint32_t v) {
        return std::string{char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
    };
    auto chunk = [&](const std::string& type, const std::string& data) {
        std::string body = type + data;
        auto crc = crc32(0, reinterpret_cast<const Bytef*>(body.data()), uInt(body.size()));
        return be(std::uint32_t(data.size())) + body + be(std::uint32_t(crc));
    };
    std::string ihdr = be(width) + be(height) + std::string("\x08\x02\x00\x00\x00", 5);
    return std::string("\x89PNG\r\n\x1A\n", 8) + chunk("IHDR", ihdr) +
           chunk("IDAT", std::string("\x78\x9c\x03\x00\x00\x00\x00\x01", 8)) + chunk("IEND", "");
}

}  // namespace lc::test
