// Requests refused from their request line and headers alone, before httplib
// parses or reads anything for a route: no Host on HTTP/1.1, NULs and bad
// escapes in addresses, and form bodies httplib would parse itself. Called
// from the pre-routing handler. (Size, framing and header-count refusals come
// earlier still, in connection_gate.h.)
#pragma once

#include <httplib.h>

namespace lc::api {

// True when `res` now holds the refusal (a 4xx JSON error). The gate has read
// the request's body in full, so the connection stays usable after it.
bool refused_early(const httplib::Request& req, httplib::Response& res);

}  // namespace lc::api
