#include "api/page_addresses.h"

#include <array>
#include <cctype>
#include <charconv>
#include <regex>

namespace lc::api {

namespace {

void add(std::string& query, std::string_view name, std::string_view value) {
    query += query.empty() ? "?" : "&";
    query += name;
    query += '=';
    query += url_encode(value);
}

}  // namespace

std::string plain_number(double value) {
    std::array<char, 32> buffer{};
    auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return error == std::errc() ? std::string(buffer.data(), end) : std::to_string(value);
}

std::string url_encode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

std::string home_href(std::string_view lang) {
    return "/" + std::string(lang) + "/";
}

std::string entry_href(std::string_view lang, std::string_view slug) {
    return home_href(lang) + "entries/" + std::string(slug);
}

std::string search_href(const SearchRequest& r) {
    std::string query;
    if (!r.query.empty()) add(query, "q", r.query);
    for (const auto& k : r.kinds) add(query, "kind", k);
    for (const auto& t : r.themes) add(query, "theme", t);
    for (const auto& a : r.areas) add(query, "area", a);
    if (r.stars_min) add(query, "stars_min", std::to_string(*r.stars_min));
    for (int m : r.months) add(query, "month", std::to_string(m));
    if (r.near) add(query, "near", plain_number(r.near->lat) + "," + plain_number(r.near->lon));
    if (r.radius_km) add(query, "radius_km", plain_number(*r.radius_km));
    if (r.sort == SortOrder::name) add(query, "sort", "name");
    if (r.sort == SortOrder::distance) add(query, "sort", "distance");
    if (r.page > 1) add(query, "page", std::to_string(r.page));
    if (r.per_page != SearchRequest{}.per_page) add(query, "per_page", std::to_string(r.per_page));
    return home_href(r.lang) + "search" + query;
}

std::optional<Redirect> redirect_for_old_address(const httplib::Request& req) {
    const bool root = req.path == "/";
    if (!root && req.path != "/index.html") return std::nullopt;
    if (req.params.empty()) {
        if (!root) return std::nullopt;
        return Redirect{302, "/vi/"};
    }
    const std::string lang = req.get_param_value("lang") == "en" ? "en" : "vi";
    static const std::regex slug(R"([a-z0-9-]{1,100})");
    const std::string entry = req.get_param_value("entry");
    std::string rest;
    bool searched = false;
    for (const auto& [name, value] : req.params) {
        if (name == "lang" || name == "entry") continue;
        searched = searched || name != "view";
        add(rest, name, value);
    }
    if (std::regex_match(entry, slug)) return Redirect{301, entry_href(lang, entry) + rest};
    return Redirect{301, home_href(lang) + (searched ? "search" : "") + rest};
}

}  // namespace lc::api
