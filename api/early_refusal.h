// Requests refused from their headers alone, before cpp-httplib reads their
// bodies. httplib 0.11 (Debian 12) accepts or reads in full some requests no
// route wants: chunked bodies of any size, any number of header lines, NULs
// and bad escapes in addresses, form bodies it parses itself, and oversized
// bodies it reads to the end before answering 413. Called from the
// pre-routing handler.
#pragma once

#include <httplib.h>

#include "api/config.h"

namespace lc::api {

// True when `res` now holds the refusal (a 4xx JSON error). The connection is
// closed after that answer, since an unread body would otherwise be taken for
// the next request on it; what the client is still sending is read and
// dropped first (a "lingering close"), so that the close does not reset the
// connection before the client has read the answer.
bool refused_early(const Config& config, const httplib::Request& req, httplib::Response& res);

}  // namespace lc::api
