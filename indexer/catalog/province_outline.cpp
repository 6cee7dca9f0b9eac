#include "catalog/province_outline.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <numbers>
#include <string_view>
#include <vector>

namespace lc {

extern const std::string_view kProvinceOutlineGeoJson;

namespace {

struct Point {
    double lon;
    double lat;
};

// The outer ring of the outline's one polygon (the province has no holes).
const std::vector<Point>& ring() {
    static const std::vector<Point> points = [] {
        const auto doc = nlohmann::json::parse(kProvinceOutlineGeoJson);
        std::vector<Point> out;
        for (const auto& c : doc.at("features").at(0).at("geometry").at("coordinates").at(0))
            out.push_back({c.at(0).get<double>(), c.at(1).get<double>()});
        return out;
    }();
    return points;
}

bool inside_ring(const std::vector<Point>& r, double lat, double lon) {
    bool inside = false;
    for (std::size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) {
        if ((r[i].lat > lat) != (r[j].lat > lat) &&
            lon < (r[j].lon - r[i].lon) * (lat - r[i].lat) / (r[j].lat - r[i].lat) + r[i].lon)
            inside = !inside;
    }
    return inside;
}

}  // namespace

double km_outside_province(double lat, double lon) {
    const auto& r = ring();
    if (inside_ring(r, lat, lon)) return 0;
    // Over a few kilometres a flat projection centred on the point is exact
    // enough for a 1 km tolerance.
    constexpr double kKmPerDegreeLat = 110.57;
    const double km_per_degree_lon = 111.32 * std::cos(lat * std::numbers::pi / 180);
    auto x = [&](const Point& p) { return (p.lon - lon) * km_per_degree_lon; };
    auto y = [&](const Point& p) { return (p.lat - lat) * kKmPerDegreeLat; };
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t i = 1; i < r.size(); ++i) {
        const double ax = x(r[i - 1]), ay = y(r[i - 1]), bx = x(r[i]), by = y(r[i]);
        const double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
        const double t = len2 > 0 ? std::clamp(-(ax * dx + ay * dy) / len2, 0.0, 1.0) : 0.0;
        best = std::min(best, std::hypot(ax + t * dx, ay + t * dy));
    }
    return best;
}

bool in_province(double lat, double lon) {
    return km_outside_province(lat, lon) <= kOutlineToleranceKm;
}

}  // namespace lc
