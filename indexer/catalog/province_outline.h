// Lai Châu's outline, for telling a real place from a typing mistake. The
// outline is web/map/lai-chau-outline.geojson (Who's On First record 85680607,
// CC BY 2.0), compiled into the engine so the indexer never reads web/.
#pragma once

namespace lc {

// Ridge summits lie within about 700 m of the boundary and outlines disagree
// on which side (Tả Liên Sơn falls 58 m outside this one), so a point this
// close outside still counts as in the province.
inline constexpr double kOutlineToleranceKm = 1.0;

// 0 for a point inside the outline; otherwise its distance to the outline in
// kilometres.
double km_outside_province(double lat, double lon);

// True when the point is inside or within kOutlineToleranceKm of the outline.
bool in_province(double lat, double lon);

}  // namespace lc
