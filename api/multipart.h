// multipart/form-data bodies (RFC 7578), read by lc-api itself rather than by
// httplib, so the parser is bounded (parts, header sizes) and can be fuzzed
// (tests/fuzz/fuzz_multipart.cpp). Parts point into the body; nothing is copied.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lc::api {

struct FormPart {
    std::string name;
    std::string filename;  // empty for a plain field
    std::string_view data;
};

// The parts of `body` under `content_type` ("multipart/form-data;
// boundary=..."). ApiError 400 for a body that is not such a form.
std::vector<FormPart> parse_multipart(std::string_view content_type, std::string_view body);

// httplib 0.11.4 parses multipart bodies itself, without a bound on the
// number of parts, and then keeps no raw body. The gate hands a complete
// request to this, which renames the media type in its Content-Type to
// kKeptMultipartType so httplib keeps the body as it is for parse_multipart.
void keep_multipart_body(std::string& request);
inline constexpr std::string_view kKeptMultipartType = "multipart/x-lc-form-data";

}  // namespace lc::api
