// Small pieces shared by the handlers: JSON bodies in and out, revisions as
// ETags, If-Match.
#pragma once

#include <httplib.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lc::api {

// Content-Security-Policy and the other headers every answer carries.
const std::vector<std::pair<const char*, const char*>>& security_headers();

void send_json(httplib::Response& res, int status, const nlohmann::ordered_json& body);

// The media type of the request's Content-Type, lowercased, without parameters
// ("application/json" for "Application/JSON; charset=utf-8"); "" without one.
std::string media_type(const httplib::Request& req);

// The request body as JSON. Wrong content type: 415; not JSON, or nested
// deeper than an entry can be: 400.
nlohmann::json json_body(const httplib::Request& req, bool allow_merge_patch = false);

std::string etag_of(std::int64_t revision);

// Whether If-None-Match names `etag` (or is "*"); weak forms match too, as
// RFC 9110 13.1.2 asks for a GET.
bool if_none_match(const httplib::Request& req, const std::string& etag);

// The revision an If-Match header names: nothing without the header or for
// "*"; ApiError 400 for anything that is not one of our ETags. Entries start
// at revision 1; the synonyms of a catalog that never had any are at 0.
std::optional<std::int64_t> if_match(const httplib::Request& req, std::int64_t min_revision = 1);

// The slug captured by the route pattern.
std::string slug_of(const httplib::Request& req);

}  // namespace lc::api
