// Turns an uploaded photo into the files that are served: decoded with
// libvips from memory, checked (signature, structure, pixel count from the
// header before any pixel is decoded), turned upright by its EXIF
// orientation, stripped of every piece of metadata (phones write GPS
// positions), and re-encoded as WebP and JPEG at each width in kPhotoWidths,
// never enlarged.
//
// At most `max_concurrent` photos are processed at once, each on one libvips
// thread with libvips' operation cache off, so memory stays bounded and the
// server's two cores keep answering searches; a photo that waits longer than
// `max_wait` for its turn is PhotoWorkersBusy, one that runs past `time_limit`
// is InvalidPhoto(too_slow).
#pragma once

#include <array>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace lc {

inline constexpr std::array<int, 3> kPhotoWidths = {320, 800, 1600};

struct PhotoLimits {
    std::size_t max_bytes = 15 << 20;
    std::uint64_t max_pixels = 50'000'000;
    int max_concurrent = 1;
    std::chrono::milliseconds max_wait{20'000};
    std::chrono::milliseconds time_limit{30'000};
};

struct PhotoFile {
    int size_class = 0;     // one of kPhotoWidths: the name's number
    std::string extension;  // "webp" or "jpg"
    std::string bytes;
};

struct ProcessedPhoto {
    std::string id;  // from the uploaded bytes (Photo::id)
    int width = 0;   // of the largest file, upright
    int height = 0;
    std::vector<PhotoFile> files;
};

class PhotoProcessor {
  public:
    explicit PhotoProcessor(PhotoLimits limits = {});
    ~PhotoProcessor();
    PhotoProcessor(const PhotoProcessor&) = delete;
    PhotoProcessor& operator=(const PhotoProcessor&) = delete;

    const PhotoLimits& limits() const { return limits_; }

    // The id a photo of these bytes gets (half a SHA-256, hex).
    static std::string id_of(std::string_view bytes);

    // Throws InvalidPhoto or PhotoWorkersBusy.
    ProcessedPhoto process(std::string_view bytes);

  private:
    struct Turns;
    PhotoLimits limits_;
    std::unique_ptr<Turns> turns_;
};

}  // namespace lc
