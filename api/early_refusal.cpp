#include "api/early_refusal.h"

#include <cctype>
#include <optional>
#include <string>

#include "api/errors.h"
#include "api/http_util.h"

namespace lc::api {

namespace {

bool valid_percent_encoding(const std::string& target) {
    auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
    for (std::size_t i = 0; i < target.size(); ++i)
        if (target[i] == '%' &&
            (i + 2 >= target.size() || !hex(target[i + 1]) || !hex(target[i + 2])))
            return false;
    return true;
}

bool has_control_character(const std::string& s) {
    for (unsigned char c : s)
        if (c < 0x20 || c == 0x7F) return true;
    return false;
}

}  // namespace

bool refused_early(const httplib::Request& req, httplib::Response& res) {
    auto refuse = [&](int status, const std::string& code, const std::string& message,
                      const std::optional<std::string>& parameter = std::nullopt) {
        write_error(res, status, code, message, parameter);
        return true;
    };
    if (req.version == "HTTP/1.1" && !req.has_header("Host"))
        return refuse(400, "bad_request", "an HTTP/1.1 request needs a Host header", "Host");
    // httplib keeps "%zz" and a lone "%" as they are, and decodes "%00" into
    // the path, where it cut a file name short: /js/main.js%00.html served
    // the script as text/html.
    if (!valid_percent_encoding(req.target))
        return refuse(400, "bad_request", "the address has a malformed percent-encoding");
    if (has_control_character(req.path))
        return refuse(400, "bad_request", "the address contains a control character");
    // Form bodies httplib parses itself, before a route could answer 415.
    const std::string media = media_type(req);
    if (media == "multipart/form-data" || media == "application/x-www-form-urlencoded")
        return refuse(415, "unsupported_media_type",
                      "send the entry as Content-Type: application/json", "Content-Type");
    return false;
}

}  // namespace lc::api
