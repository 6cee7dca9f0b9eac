#include "media/image_check.h"

#include <array>
#include <cstdint>
#include <string>

#include "media/photo_error.h"

namespace lc {

namespace {

using Reason = InvalidPhoto::Reason;

std::uint8_t at(std::string_view b, std::size_t i) {
    return static_cast<std::uint8_t>(b[i]);
}

std::uint32_t be32(std::string_view b, std::size_t i) {
    return std::uint32_t{at(b, i)} << 24 | std::uint32_t{at(b, i + 1)} << 16 |
           std::uint32_t{at(b, i + 2)} << 8 | at(b, i + 3);
}

std::uint32_t le32(std::string_view b, std::size_t i) {
    return std::uint32_t{at(b, i + 3)} << 24 | std::uint32_t{at(b, i + 2)} << 16 |
           std::uint32_t{at(b, i + 1)} << 8 | at(b, i);
}

[[noreturn]] void truncated(std::string_view format) {
    throw InvalidPhoto(Reason::truncated, "the " + std::string(format) +
                                              " file ends before its image does (truncated)");
}

void nothing_after(std::string_view b, std::size_t end, std::string_view format) {
    // Zero padding after the end is harmless and some cameras write it.
    for (std::size_t i = end; i < b.size(); ++i)
        if (b[i] != '\0')
            throw InvalidPhoto(Reason::two_formats,
                               "the file holds " + std::to_string(b.size() - end) +
                                   " more bytes after the end of its " + std::string(format) +
                                   " image (another file hidden in it?); save it again as a "
                                   "plain " +
                                   std::string(format));
}

// Markers, segments and entropy-coded scans up to End Of Image (ITU T.81, B.1).
void check_jpeg(std::string_view b) {
    std::size_t pos = 2;
    while (true) {
        if (pos + 2 > b.size()) truncated("JPEG");
        if (at(b, pos) != 0xFF)
            throw InvalidPhoto(Reason::undecodable,
                               "the JPEG file has no marker at byte " + std::to_string(pos));
        while (pos + 1 < b.size() && at(b, pos + 1) == 0xFF) ++pos;  // fill bytes
        if (pos + 2 > b.size()) truncated("JPEG");
        const std::uint8_t marker = at(b, pos + 1);
        pos += 2;
        if (marker == 0xD9) return nothing_after(b, pos, "JPEG");
        if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) continue;
        if (pos + 2 > b.size()) truncated("JPEG");
        const std::size_t length = std::size_t{at(b, pos)} << 8 | at(b, pos + 1);
        if (length < 2 || pos + length > b.size()) truncated("JPEG");
        pos += length;
        if (marker != 0xDA) continue;
        // The scan's data runs to the next marker that is not a stuffed 0xFF
        // or a restart.
        while (true) {
            if (pos + 1 >= b.size()) truncated("JPEG");
            if (at(b, pos) != 0xFF) {
                ++pos;
                continue;
            }
            const std::uint8_t next = at(b, pos + 1);
            if (next == 0x00 || (next >= 0xD0 && next <= 0xD7))
                pos += 2;
            else if (next == 0xFF)
                ++pos;
            else
                break;
        }
    }
}

// Chunks up to IEND (PNG specification, 5.3).
void check_png(std::string_view b) {
    std::size_t pos = 8;
    while (true) {
        if (pos + 12 > b.size()) truncated("PNG");
        const std::uint64_t length = be32(b, pos);
        const std::string_view type = b.substr(pos + 4, 4);
        if (length > 0x7FFFFFFF || pos + 12 + length > b.size()) truncated("PNG");
        pos += 12 + static_cast<std::size_t>(length);
        if (type == "IEND") return nothing_after(b, pos, "PNG");
    }
}

// One RIFF chunk the size of the file (WebP container specification).
void check_webp(std::string_view b) {
    const std::uint64_t end = std::uint64_t{le32(b, 4)} + 8;
    if (end > b.size()) truncated("WebP");
    nothing_after(b, static_cast<std::size_t>(end), "WebP");
}

bool starts(std::string_view b, std::string_view prefix) {
    return b.starts_with(prefix);
}

// Formats people send that are refused by name, so the message can say what
// the file is rather than only what it is not.
std::string known_other_format(std::string_view b) {
    std::string_view text = b.substr(0, 512);
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    while (!text.empty() && (text.front() == ' ' || text.front() == '\n' || text.front() == '\r' ||
                             text.front() == '\t'))
        text.remove_prefix(1);
    if (starts(b, "GIF87a") || starts(b, "GIF89a")) return "GIF";
    if (text.starts_with("<svg") ||
        (text.starts_with("<?xml") && text.find("<svg") != std::string_view::npos))
        return "SVG";
    if (b.size() >= 12 && b.substr(4, 4) == "ftyp") {
        const std::string_view brand = b.substr(8, 4);
        if (brand == "avif" || brand == "avis") return "AVIF";
        return "HEIC";  // heic, heix, mif1, msf1 and the other ISO-BMFF images
    }
    if (starts(b, "BM")) return "BMP";
    if (starts(b, std::string_view("II*\0", 4)) || starts(b, std::string_view("MM\0*", 4)))
        return "TIFF";
    if (starts(b, "\xFF\x0A") || starts(b, std::string_view("\0\0\0\x0CJXL ", 8))) return "JPEG XL";
    if (starts(b, "%PDF")) return "PDF";
    return "";
}

}  // namespace

std::string_view to_string(ImageFormat format) {
    switch (format) {
        case ImageFormat::jpeg:
            return "JPEG";
        case ImageFormat::png:
            return "PNG";
        case ImageFormat::webp:
            return "WebP";
    }
    return "";
}

ImageFormat check_image_bytes(std::string_view b) {
    if (b.size() >= 3 && starts(b, "\xFF\xD8\xFF")) {
        check_jpeg(b);
        return ImageFormat::jpeg;
    }
    if (starts(b, "\x89PNG\r\n\x1A\n")) {
        check_png(b);
        return ImageFormat::png;
    }
    if (b.size() >= 12 && starts(b, "RIFF") && b.substr(8, 4) == "WEBP") {
        check_webp(b);
        return ImageFormat::webp;
    }
    if (std::string other = known_other_format(b); !other.empty())
        throw InvalidPhoto(Reason::unsupported,
                           "the file is " + other + "; send a JPEG, PNG or WebP photo");
    throw InvalidPhoto(Reason::not_an_image,
                       "the file is not an image (send a JPEG, PNG or WebP photo)");
}

std::string_view to_string(InvalidPhoto::Reason reason) {
    switch (reason) {
        case InvalidPhoto::Reason::too_large:
            return "photo_too_large";
        case InvalidPhoto::Reason::not_an_image:
            return "not_an_image";
        case InvalidPhoto::Reason::unsupported:
            return "unsupported_image_format";
        case InvalidPhoto::Reason::truncated:
            return "truncated_image";
        case InvalidPhoto::Reason::two_formats:
            return "two_formats";
        case InvalidPhoto::Reason::too_many_pixels:
            return "too_many_pixels";
        case InvalidPhoto::Reason::undecodable:
            return "undecodable_image";
        case InvalidPhoto::Reason::too_slow:
            return "photo_too_slow";
    }
    return "";
}

}  // namespace lc
