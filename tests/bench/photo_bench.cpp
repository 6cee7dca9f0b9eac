// Time and peak memory to process one photo (issue 19): makes a textured
// 4000 × 3000 JPEG (12 megapixels, as a phone takes) unless given a file,
// processes it RUNS times as an upload is, and prints each time and the peak
// resident memory of the process (getrusage), which includes the test image.
//
//   build/tests/bench/photo_bench [FILE] [RUNS]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vips/vips8>

#include "media/photo_processor.h"

int main(int argc, char** argv) {
    lc::PhotoProcessor processor;  // starts libvips
    std::string bytes;
    if (argc > 1 && std::string(argv[1]) != "-") {
        std::ifstream in(argv[1], std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    } else {
        // Noise compresses like a detailed photo; a flat image would not.
        vips::VImage noise =
            vips::VImage::gaussnoise(4000, 3000, vips::VImage::option()->set("sigma", 60.0));
        vips::VImage rgb =
            noise.bandjoin({noise.rot180(), noise.fliphor()}).cast(VIPS_FORMAT_UCHAR);
        void* buffer = nullptr;
        std::size_t size = 0;
        rgb.write_to_buffer(".jpg[Q=90]", &buffer, &size);
        bytes.assign(static_cast<char*>(buffer), size);
        g_free(buffer);
    }
    const int runs = argc > 2 ? std::stoi(argv[2]) : 3;
    rusage before{};
    getrusage(RUSAGE_SELF, &before);
    std::printf("input: %zu bytes; peak RSS before processing: %ld MB\n", bytes.size(),
                before.ru_maxrss / 1024);
    for (int i = 0; i < runs; ++i) {
        auto start = std::chrono::steady_clock::now();
        auto photo = processor.process(bytes);
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
        std::printf("run %d: %lld ms, %d × %d, %zu files\n", i + 1, static_cast<long long>(ms),
                    photo.width, photo.height, photo.files.size());
    }
    rusage after{};
    getrusage(RUSAGE_SELF, &after);
    std::printf("peak RSS after processing: %ld MB\n", after.ru_maxrss / 1024);
}
