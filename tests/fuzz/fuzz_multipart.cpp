// The upload path (issue 19): any body through the multipart parser under a
// fixed boundary, then the part named "file" handed to the photo processor,
// as post_photo does. The parser must answer parts or ApiError 400 and never
// point outside the body; the processor must answer a photo or InvalidPhoto
// (or PhotoWorkersBusy), never crash, leak or run past its time limit.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "api/errors.h"
#include "api/multipart.h"
#include "fuzz_fail.h"
#include "media/photo_error.h"
#include "media/photo_processor.h"

namespace {

[[noreturn]] void fail(const std::string& what, std::string_view input) {
    lc::fuzz::fail("fuzz_multipart", what, input);
}

// Small limits keep each input fast; the checks are the same at any size.
lc::PhotoProcessor& processor() {
    static lc::PhotoProcessor p(lc::PhotoLimits{.max_bytes = 1 << 20,
                                                .max_pixels = 1'000'000,
                                                .max_concurrent = 1,
                                                .max_wait = std::chrono::milliseconds(1000),
                                                .time_limit = std::chrono::milliseconds(2000)});
    return p;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    std::vector<lc::api::FormPart> parts;
    try {
        parts = lc::api::parse_multipart("multipart/form-data; boundary=lcfuzz", body);
    } catch (const lc::api::ApiError& e) {
        if (e.status() != 400) fail("a refused form that is not a 400", body);
        return 0;
    }
    for (const auto& part : parts) {
        if (part.data.data() < body.data() ||
            part.data.data() + part.data.size() > body.data() + body.size())
            fail("a part that points outside the body", body);
        if (part.name != "file") continue;
        try {
            auto photo = processor().process(part.data);
            if (photo.files.empty() || photo.width <= 0 || photo.height <= 0)
                fail("a photo without files or size", body);
        } catch (const lc::InvalidPhoto&) {
        } catch (const lc::PhotoWorkersBusy&) {
        }
    }
    return 0;
}
