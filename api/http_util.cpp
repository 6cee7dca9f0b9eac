#include "api/http_util.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <vector>

#include "api/errors.h"

namespace lc::api {

namespace {

constexpr int kMaxJsonDepth = 16;

// Deeper structures are never an entry; rejecting them early keeps recursive
// JSON operations (merge patch) bounded.
bool too_deep(const nlohmann::json& root) {
    std::vector<std::pair<const nlohmann::json*, int>> stack{{&root, 1}};
    while (!stack.empty()) {
        auto [node, depth] = stack.back();
        stack.pop_back();
        if (depth > kMaxJsonDepth) return true;
        if (node->is_structured())
            for (const auto& child : *node) stack.push_back({&child, depth + 1});
    }
    return false;
}

}  // namespace

const std::vector<std::pair<const char*, const char*>>& security_headers() {
    static const std::vector<std::pair<const char*, const char*>> headers = {
        {"Content-Security-Policy",
         "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
         "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
         "frame-ancestors 'none'; form-action 'self'"},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
        {"X-Frame-Options", "DENY"},
        {"Cross-Origin-Opener-Policy", "same-origin"},
    };
    return headers;
}

void send_json(httplib::Response& res, int status, const nlohmann::ordered_json& body) {
    res.status = status;
    res.set_content(body.dump(), "application/json; charset=utf-8");
}

std::string media_type(const httplib::Request& req) {
    std::string type = req.get_header_value("Content-Type");
    std::string media = type.substr(0, type.find(';'));
    while (!media.empty() && (media.back() == ' ' || media.back() == '\t')) media.pop_back();
    for (char& c : media) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return media;
}

nlohmann::json json_body(const httplib::Request& req, bool allow_merge_patch) {
    std::string media = media_type(req);
    bool ok = media == "application/json" ||
              (allow_merge_patch && media == "application/merge-patch+json");
    if (!ok)
        throw ApiError(415, "unsupported_media_type",
                       std::string("send the entry as Content-Type: application/json") +
                           (allow_merge_patch ? " or application/merge-patch+json" : ""),
                       std::string("Content-Type"));
    nlohmann::json body;
    // The keys on the way to the value being read, to name the field of a
    // number out of range (1e400), which nlohmann reports without one.
    std::vector<std::string> keys;
    auto track = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
        if (event == nlohmann::json::parse_event_t::key) {
            keys.resize(static_cast<std::size_t>(std::max(depth, 1)));
            keys.back() = parsed.get<std::string>();
        }
        return true;
    };
    try {
        body = nlohmann::json::parse(req.body, track);
    } catch (const nlohmann::json::parse_error& e) {
        throw ApiError(400, "invalid_json",
                       "the body is not valid JSON (at byte " + std::to_string(e.byte) + ")");
    } catch (const nlohmann::json::out_of_range&) {
        std::string field;
        for (const auto& k : keys) field += (field.empty() ? "" : ".") + k;
        throw ApiError(
            400, "invalid_json",
            "a number in " + (field.empty() ? std::string("the body") : field) + " is out of range",
            field.empty() ? std::nullopt : std::optional<std::string>(field));
    }
    if (too_deep(body))
        throw ApiError(400, "invalid_json", "the body is nested too deeply to be an entry");
    return body;
}

std::string etag_of(std::int64_t revision) {
    return "\"" + std::to_string(revision) + "\"";
}

bool if_none_match(const httplib::Request& req, const std::string& etag) {
    const std::string header = req.get_header_value("If-None-Match");
    if (header == "*") return true;
    std::size_t at = 0;
    while ((at = header.find(etag, at)) != std::string::npos) {
        const bool starts = at == 0 || header[at - 1] == ' ' || header[at - 1] == ',' ||
                            (at >= 2 && header.compare(at - 2, 2, "W/") == 0);
        if (starts) return true;
        at += etag.size();
    }
    return false;
}

std::optional<std::int64_t> if_match(const httplib::Request& req, std::int64_t min_revision) {
    if (!req.has_header("If-Match")) return std::nullopt;
    std::string v = req.get_header_value("If-Match");
    if (v == "*") return std::nullopt;
    std::string_view s(v);
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
    std::int64_t revision = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), revision);
    if (ec != std::errc() || end != s.data() + s.size() || revision < min_revision)
        throw ApiError(400, "invalid_parameter",
                       "If-Match must be an ETag from this API, like \"3\"",
                       std::string("If-Match"));
    return revision;
}

std::string slug_of(const httplib::Request& req) {
    return req.matches.size() > 1 ? req.matches[1].str() : "";
}

}  // namespace lc::api
