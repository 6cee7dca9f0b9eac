#include "api/multipart.h"

#include <algorithm>
#include <cctype>

#include "api/errors.h"

namespace lc::api {

namespace {

constexpr std::size_t kMaxParts = 16;
constexpr std::size_t kMaxPartHeadBytes = 4096;

bool istarts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), s.begin(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) ==
                      std::tolower(static_cast<unsigned char>(b));
           });
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

ApiError bad_form(const std::string& why) {
    return ApiError(400, "invalid_form", "the form could not be read: " + why);
}

// The value of parameter `name` in a header value ("form-data; name=\"file\"").
std::string parameter(std::string_view header, std::string_view name) {
    std::size_t at = 0;
    while ((at = header.find(';', at)) != std::string_view::npos) {
        std::string_view rest = trim(header.substr(at + 1));
        at += 1;
        if (!istarts_with(rest, name) || rest.size() <= name.size() || rest[name.size()] != '=')
            continue;
        rest.remove_prefix(name.size() + 1);
        if (!rest.empty() && rest.front() == '"') {
            std::size_t end = rest.find('"', 1);
            if (end == std::string_view::npos) throw bad_form("an unclosed quote in a header");
            return std::string(rest.substr(1, end - 1));
        }
        return std::string(rest.substr(0, rest.find(';')));
    }
    return "";
}

}  // namespace

std::vector<FormPart> parse_multipart(std::string_view content_type, std::string_view body) {
    if (!istarts_with(content_type, "multipart/form-data") &&
        !istarts_with(content_type, kKeptMultipartType))
        throw ApiError(415, "unsupported_media_type", "send the photo as multipart/form-data");
    const std::string boundary = parameter(content_type, "boundary");
    if (boundary.empty() || boundary.size() > 70)
        throw bad_form("no boundary (1 to 70 characters)");
    const std::string delimiter = "--" + boundary;
    std::size_t pos = body.find(delimiter);
    if (pos == std::string_view::npos) throw bad_form("the boundary never appears");
    std::vector<FormPart> parts;
    while (true) {
        pos += delimiter.size();
        if (body.substr(pos, 2) == "--") return parts;  // the closing delimiter
        if (body.substr(pos, 2) != "\r\n") throw bad_form("a boundary line does not end");
        pos += 2;
        if (parts.size() == kMaxParts)
            throw bad_form("more than " + std::to_string(kMaxParts) + " parts");
        const std::size_t head_end = body.find("\r\n\r\n", pos);
        if (head_end == std::string_view::npos || head_end - pos > kMaxPartHeadBytes)
            throw bad_form("a part's headers do not end");
        FormPart part;
        std::string_view head = body.substr(pos, head_end - pos);
        while (!head.empty()) {
            std::size_t nl = head.find("\r\n");
            std::string_view line = head.substr(0, nl);
            head = nl == std::string_view::npos ? std::string_view{} : head.substr(nl + 2);
            if (istarts_with(line, "content-disposition:")) {
                std::string_view value = trim(line.substr(20));
                if (!istarts_with(value, "form-data")) throw bad_form("a part is not form-data");
                part.name = parameter(value, "name");
                part.filename = parameter(value, "filename");
            }
        }
        if (part.name.empty()) throw bad_form("a part has no name");
        pos = head_end + 4;
        const std::size_t end = body.find("\r\n" + delimiter, pos);
        if (end == std::string_view::npos) throw bad_form("the last part does not end");
        part.data = body.substr(pos, end - pos);
        parts.push_back(std::move(part));
        pos = end + 2;
    }
}

void keep_multipart_body(std::string& request) {
    const std::size_t head_end = request.find("\r\n\r\n");
    if (head_end == std::string::npos) return;
    std::size_t line = request.find("\r\n");
    while (line != std::string::npos && line < head_end) {
        line += 2;
        if (istarts_with(std::string_view(request).substr(line), "content-type:")) {
            std::size_t value = request.find_first_not_of(" \t", line + 13);
            if (istarts_with(std::string_view(request).substr(value), "multipart/form-data"))
                request.replace(value, 19, kKeptMultipartType);
            return;
        }
        line = request.find("\r\n", line);
    }
}

}  // namespace lc::api
