#pragma once

#include <string>
#include <string_view>

namespace lc {

// Lowercase hex SHA-256 of `data` (OpenSSL).
std::string sha256_hex(std::string_view data);

// `n` bytes from OpenSSL's CSPRNG, as lowercase hex.
std::string random_hex(std::size_t n);

// Constant-time equality of two strings of the same length (false otherwise).
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace lc
