#include "api/params.h"

#include <charconv>
#include <cmath>
#include <set>

#include "api/errors.h"
#include "catalog/entry.h"
#include "text/utf8.h"

namespace lc::api {

namespace {

constexpr std::size_t kMaxQueryChars = 200;
constexpr std::size_t kMaxFilterValues = 20;
constexpr double kMaxRadiusKm = 300;
constexpr long long kMaxPage = 1000;

void check_text(const std::string& name, const std::string& value, std::size_t max_chars) {
    if (auto bad = utf8::find_invalid(value))
        throw bad_parameter(name, name + " is not valid UTF-8 (byte " + std::to_string(*bad) + ")");
    // C0, DEL and the C1 controls (U+0080-U+009F, encoded C2 80-C2 9F), as the catalog rejects
    // them.
    for (std::size_t i = 0; i < value.size(); ++i) {
        auto c = static_cast<unsigned char>(value[i]);
        bool c1 =
            c == 0xC2 && i + 1 < value.size() && static_cast<unsigned char>(value[i + 1]) <= 0x9F;
        if (c < 0x20 || c == 0x7F || c1)
            throw bad_parameter(name, name + " contains a control character");
    }
    if (utf8::length(value) > max_chars)
        throw bad_parameter(name,
                            name + " is longer than " + std::to_string(max_chars) + " characters");
}

std::vector<std::string> list_param(const httplib::Request& req, const std::string& name,
                                    std::size_t max_chars) {
    std::vector<std::string> out;
    auto n = req.get_param_value_count(name);
    if (n > kMaxFilterValues)
        throw bad_parameter(name,
                            "at most " + std::to_string(kMaxFilterValues) + " " + name + " values");
    for (std::size_t i = 0; i < n; ++i) {
        std::string v = req.get_param_value(name, i);
        check_text(name, v, max_chars);
        if (!v.empty()) out.push_back(std::move(v));
    }
    return out;
}

std::optional<double> parse_double(std::string_view s) {
    double v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

bool is_slug_like(const std::string& s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

// month=1..12, repeatable (any of); sorted, each once.
std::vector<int> month_params(const httplib::Request& req) {
    std::set<int> months;
    for (const auto& v : list_param(req, "month", 20)) {
        int month = 0;
        auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), month);
        if (ec != std::errc() || end != v.data() + v.size() || month < 1 || month > 12)
            throw bad_parameter("month", "month must be a whole number from 1 to 12");
        months.insert(month);
    }
    return {months.begin(), months.end()};
}

}  // namespace

std::optional<std::string> text_param(const httplib::Request& req, const std::string& name,
                                      std::size_t max_chars) {
    if (!req.has_param(name)) return std::nullopt;
    std::string v = req.get_param_value(name);
    check_text(name, v, max_chars);
    return v;
}

std::optional<long long> int_param(const httplib::Request& req, const std::string& name,
                                   long long min, long long max) {
    auto v = text_param(req, name, 20);
    if (!v) return std::nullopt;
    long long n = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || end != v->data() + v->size() || n < min || n > max)
        throw bad_parameter(name, name + " must be a whole number from " + std::to_string(min) +
                                      " to " + std::to_string(max));
    return n;
}

ResultFormat format_param(const httplib::Request& req) {
    auto format = text_param(req, "format", 10);
    if (!format || format->empty() || *format == "json") return ResultFormat::json;
    if (*format == "csv") return ResultFormat::csv;
    if (*format == "geojson") return ResultFormat::geojson;
    throw bad_parameter("format", "format must be json, csv or geojson");
}

std::string lang_param(const httplib::Request& req) {
    auto lang = text_param(req, "lang", 5);
    if (!lang || lang->empty()) return "vi";
    if (*lang != "vi" && *lang != "en") throw bad_parameter("lang", "lang must be vi or en");
    return *lang;
}

SearchRequest search_request_from(const httplib::Request& req) {
    SearchRequest r;
    r.query = text_param(req, "q", kMaxQueryChars).value_or("");
    r.kinds = list_param(req, "kind", 20);
    for (const auto& k : r.kinds)
        if (!parse_kind(k))
            throw bad_parameter(
                "kind", "unknown kind '" + k + "' (destination, product, opportunity, event)");
    r.themes = list_param(req, "theme", limits::kThemeChars);
    for (const auto& t : r.themes)
        if (!is_slug_like(t))
            throw bad_parameter("theme", "theme must be lowercase letters, digits and hyphens");
    r.areas = list_param(req, "area", limits::kAreaChars);
    if (auto stars = int_param(req, "stars_min", 3, 5)) r.stars_min = static_cast<int>(*stars);
    r.months = month_params(req);
    if (auto near = text_param(req, "near", 60)) {
        auto comma = near->find(',');
        auto lat = comma == std::string::npos
                       ? std::nullopt
                       : parse_double(std::string_view(*near).substr(0, comma));
        auto lon = comma == std::string::npos
                       ? std::nullopt
                       : parse_double(std::string_view(*near).substr(comma + 1));
        if (!lat || !lon || std::abs(*lat) > 90 || std::abs(*lon) > 180)
            throw bad_parameter("near",
                                "near must be LAT,LON in decimal degrees, e.g. near=22.35,103.77");
        r.near = GeoPoint{*lat, *lon};
    }
    if (auto radius = text_param(req, "radius_km", 20)) {
        auto km = parse_double(*radius);
        if (!km || *km < 0 || *km > kMaxRadiusKm)
            throw bad_parameter("radius_km", "radius_km must be a number from 0 to 300");
        if (!r.near) throw bad_parameter("radius_km", "radius_km needs near=LAT,LON");
        r.radius_km = *km;
    }
    if (auto sort = text_param(req, "sort", 20)) {
        if (*sort == "relevance" || sort->empty())
            r.sort = SortOrder::relevance;
        else if (*sort == "name")
            r.sort = SortOrder::name;
        else if (*sort == "distance") {
            if (!r.near) throw bad_parameter("sort", "sort=distance needs near=LAT,LON");
            r.sort = SortOrder::distance;
        } else
            throw bad_parameter("sort", "sort must be relevance, distance or name");
    }
    r.page = static_cast<std::size_t>(int_param(req, "page", 1, kMaxPage).value_or(1));
    r.per_page = static_cast<std::size_t>(int_param(req, "per_page", 1, 50).value_or(10));
    r.lang = lang_param(req);
    r.prefix = int_param(req, "prefix", 0, 1).value_or(0) == 1;
    return r;
}

}  // namespace lc::api
