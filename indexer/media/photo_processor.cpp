#include "media/photo_processor.h"

#include <webp/encode.h>
#include <vips/vips8>

#include <condition_variable>
#include <mutex>
#include <set>

#include "media/image_check.h"
#include "media/photo_error.h"
#include "util/sha256.h"

namespace lc {

namespace {

using Reason = InvalidPhoto::Reason;
using vips::VImage;

// libvips is set up once per process: only the three loaders we pick
// ourselves may run (untrusted ones such as ImageMagick's are blocked), one
// worker thread per image, and no operation cache, which would otherwise
// keep decoded images between uploads.
void start_vips() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (VIPS_INIT("lc-photos") != 0)
            throw Error("libvips could not start: " + std::string(vips_error_buffer()));
        vips_block_untrusted_set(TRUE);
        vips_concurrency_set(1);
        vips_cache_set_max(0);
        vips_cache_set_max_mem(0);
        vips_cache_set_max_files(0);
    });
}

// Stops a computation that runs past its deadline: libvips checks the kill
// flag between tiles.
struct Deadline {
    std::chrono::steady_clock::time_point at;
    bool passed = false;
};

void on_eval(VipsImage* image, VipsProgress*, void* data) {
    auto* deadline = static_cast<Deadline*>(data);
    if (std::chrono::steady_clock::now() > deadline->at) {
        deadline->passed = true;
        vips_image_set_kill(image, TRUE);
    }
}

VImage watched(VImage image, Deadline& deadline) {
    vips_image_set_progress(image.get_image(), TRUE);
    g_signal_connect(image.get_image(), "eval", G_CALLBACK(on_eval), &deadline);
    return image;
}

// Unreferences a blob that points into the caller's bytes (no copy).
struct Blob {
    explicit Blob(std::string_view bytes)
        : blob(vips_blob_new(nullptr, bytes.data(), bytes.size())) {}
    ~Blob() { vips_area_unref(VIPS_AREA(blob)); }
    Blob(const Blob&) = delete;
    Blob& operator=(const Blob&) = delete;
    VipsBlob* blob;
};

VImage load_header(std::string_view bytes, ImageFormat format) {
    auto* options =
        VImage::option()->set("access", VIPS_ACCESS_SEQUENTIAL)->set("fail_on", VIPS_FAIL_ON_ERROR);
    Blob blob(bytes);
    switch (format) {
        case ImageFormat::jpeg:
            return VImage::jpegload_buffer(blob.blob, options);
        case ImageFormat::png:
            return VImage::pngload_buffer(blob.blob, options);
        case ImageFormat::webp:
            return VImage::webpload_buffer(blob.blob, options);
    }
    throw Error("unknown image format");
}

// Upright, sRGB, 8 bits, no larger than `width` wide (and twice that tall,
// so one file's pixels stay bounded whatever the shape).
VImage sized(std::string_view bytes, int width) {
    Blob blob(bytes);
    VImage out = VImage::thumbnail_buffer(blob.blob, width,
                                          VImage::option()
                                              ->set("height", 2 * width)
                                              ->set("size", VIPS_SIZE_DOWN)
                                              ->set("option_string", "fail_on=error"));
    return out.colourspace(VIPS_INTERPRETATION_sRGB);
}

// Every metadata field (EXIF with its GPS block, XMP, IPTC, ICC, comments)
// removed from the image itself, so no saver can copy one into a file.
VImage without_metadata(VImage image) {
    static const std::set<std::string, std::less<>> kHeader = {
        "width",   "height",  "bands", "format", "coding",   "interpretation",
        "xoffset", "yoffset", "xres",  "yres",   "filename", "mode"};
    VImage out = image.copy();
    gchar** fields = vips_image_get_fields(out.get_image());
    for (gchar** f = fields; *f; ++f)
        if (!kHeader.contains(std::string_view(*f))) out.remove(*f);
    g_strfreev(fields);
    return out;
}

// JPEG through libvips, whose "strip" writes no APP marker at all (no JFIF,
// EXIF, XMP, ICC or IPTC). Called through the C API, where "strip" is a
// gboolean as the saver expects.
std::string jpeg_of(const VImage& image) {
    void* buffer = nullptr;
    std::size_t size = 0;
    if (vips_jpegsave_buffer(image.get_image(), &buffer, &size, "Q", 82, "optimize_coding", TRUE,
                             "interlace", TRUE, "strip", TRUE, nullptr))
        throw vips::VError();
    std::string out(static_cast<const char*>(buffer), size);
    g_free(buffer);
    return out;
}

// WebP through libwebp's simple encoder, which writes the picture and
// nothing else: libvips 8.14's webpsave rebuilds an EXIF block (orientation,
// resolution, size) even with "strip" and with every field removed (caught
// by photos_test.cpp reading the files back with exiftool).
std::string webp_of(const VImage& image) {
    if (image.format() != VIPS_FORMAT_UCHAR || (image.bands() != 3 && image.bands() != 4))
        throw Error("a photo to encode as WebP must be 8-bit RGB or RGBA");
    VImage pixels = image.copy_memory();
    const auto* data = static_cast<const std::uint8_t*>(pixels.data());
    const int stride = pixels.width() * pixels.bands();
    std::uint8_t* encoded = nullptr;
    const std::size_t size =
        pixels.bands() == 4
            ? WebPEncodeRGBA(data, pixels.width(), pixels.height(), stride, 80, &encoded)
            : WebPEncodeRGB(data, pixels.width(), pixels.height(), stride, 80, &encoded);
    if (size == 0) throw Error("libwebp could not encode the photo");
    std::string out(reinterpret_cast<const char*>(encoded), size);
    WebPFree(encoded);
    return out;
}

}  // namespace

// A counting semaphore with a timed wait that reports how long it waited.
struct PhotoProcessor::Turns {
    std::mutex mutex;
    std::condition_variable freed;
    int running = 0;
};

PhotoProcessor::PhotoProcessor(PhotoLimits limits)
    : limits_(limits), turns_(std::make_unique<Turns>()) {
    start_vips();
}

PhotoProcessor::~PhotoProcessor() = default;

std::string PhotoProcessor::id_of(std::string_view bytes) {
    return sha256_hex(bytes).substr(0, 32);
}

ProcessedPhoto PhotoProcessor::process(std::string_view bytes) {
    if (bytes.size() > limits_.max_bytes)
        throw InvalidPhoto(Reason::too_large,
                           "the photo is over " + std::to_string(limits_.max_bytes >> 20) + " MB");
    const ImageFormat format = check_image_bytes(bytes);

    {
        std::unique_lock lock(turns_->mutex);
        if (!turns_->freed.wait_for(lock, limits_.max_wait,
                                    [&] { return turns_->running < limits_.max_concurrent; }))
            throw PhotoWorkersBusy("every photo worker is busy; try again in a minute");
        ++turns_->running;
    }
    struct Release {
        Turns& t;
        ~Release() {
            // libvips keeps per-thread buffers; this thread may serve
            // searches next, or exit.
            vips_thread_shutdown();
            std::lock_guard lock(t.mutex);
            --t.running;
            t.freed.notify_one();
        }
    } release{*turns_};

    Deadline deadline{std::chrono::steady_clock::now() + limits_.time_limit};
    ProcessedPhoto out;
    out.id = id_of(bytes);
    try {
        // The header alone: no pixel is decoded before the count is checked.
        VImage header = load_header(bytes, format);
        const std::uint64_t pixels = std::uint64_t(header.width()) * std::uint64_t(header.height());
        if (pixels > limits_.max_pixels)
            throw InvalidPhoto(Reason::too_many_pixels,
                               "the photo is " + std::to_string(header.width()) + " × " +
                                   std::to_string(header.height()) + " pixels, over " +
                                   std::to_string(limits_.max_pixels / 1'000'000) + " megapixels");
        for (auto it = kPhotoWidths.rbegin(); it != kPhotoWidths.rend(); ++it) {
            // Decoded once per size (JPEG shrinks while it decodes), held in
            // memory at that size only, then written in both formats.
            VImage image = without_metadata(watched(sized(bytes, *it), deadline).copy_memory());
            if (it == kPhotoWidths.rbegin()) {
                out.width = image.width();
                out.height = image.height();
            }
            out.files.push_back({*it, "webp", webp_of(image)});
            VImage opaque = image.has_alpha()
                                ? image.flatten(VImage::option()->set(
                                      "background", std::vector<double>{255, 255, 255}))
                                : image;
            out.files.push_back({*it, "jpg", jpeg_of(opaque)});
        }
    } catch (const vips::VError& e) {
        vips_error_clear();
        if (deadline.passed)
            throw InvalidPhoto(Reason::too_slow, "processing the photo took too long");
        std::string why = e.what();
        while (!why.empty() && why.back() == '\n') why.pop_back();
        throw InvalidPhoto(Reason::undecodable, "the photo could not be decoded: " + why);
    }
    return out;
}

}  // namespace lc
