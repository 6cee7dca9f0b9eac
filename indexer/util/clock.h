#pragma once

#include <string>

namespace lc {

// The current UTC time as ISO 8601 with milliseconds: 2026-11-30T12:34:56.789Z.
std::string now_iso8601();

}  // namespace lc
