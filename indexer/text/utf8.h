// Strict UTF-8 decoding and encoding. Overlong forms, surrogates and code
// points above U+10FFFF are rejected with lc::InvalidUtf8 naming the byte.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace lc::utf8 {

// The offset of the first invalid byte, or nothing when `s` is valid UTF-8.
std::optional<std::size_t> find_invalid(std::string_view s);

// Throws lc::InvalidUtf8 when `s` is not valid UTF-8.
void require_valid(std::string_view s);

std::u32string decode(std::string_view s);  // throws lc::InvalidUtf8
void append(std::string& out, char32_t cp);
std::string encode(std::u32string_view s);

// Decodes one code point at `pos` of valid UTF-8 and advances `pos`.
char32_t next(std::string_view s, std::size_t& pos);

// Number of code points in valid UTF-8.
std::size_t length(std::string_view s);

inline bool is_ascii(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

}  // namespace lc::utf8
