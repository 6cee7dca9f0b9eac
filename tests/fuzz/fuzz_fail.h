// How a fuzz target reports a broken property: what failed and the input as
// escaped bytes, then abort() so that libFuzzer saves the input as a crash.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace lc::fuzz {

[[noreturn]] inline void fail(const char* target, const std::string& what, std::string_view input) {
    std::fprintf(stderr, "%s: %s\n  input (%zu bytes): ", target, what.c_str(), input.size());
    for (unsigned char c : input) std::fprintf(stderr, "\\x%02x", c);
    std::fprintf(stderr, "\n");
    std::abort();
}

}  // namespace lc::fuzz
