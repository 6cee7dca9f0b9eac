// Lai Châu's administrative units as people must write them in `area`, and
// the districts that ended on 1 July 2025, which people still use to name
// places.
#pragma once

#include <array>
#include <string_view>

namespace lc {

// The 38 commune-level units in force since 1 July 2025 (36 xã, 2 phường),
// each with its type as the official name carries it. Source: Resolution
// 1670/NQ-UBTVQH15 of 16 June 2025, Article 1; codes in the statistics
// office's letter 1027/CTK-CSCL. Mù Cả and Tà Tổng were left unchanged.
extern const std::array<std::string_view, 38> kUnits2025;

// The value of `area` for what concerns the whole province.
inline constexpr std::string_view kProvinceWide = "Toàn tỉnh";

// The seven districts and the city the province had until 30 June 2025 (Law
// 72/2025/QH15 ended the district level). Several of these names are now
// also the names of new, smaller xã, which is why `area` carries the type.
inline constexpr std::array<std::string_view, 8> kFormerDistricts = {
    "Tam Đường", "Phong Thổ", "Sìn Hồ",   "Mường Tè",
    "Nậm Nhùn",  "Than Uyên", "Tân Uyên", "Thành phố Lai Châu"};

// True for a unit of kUnits2025 or kProvinceWide, written exactly (NFC).
bool is_area_2025(std::string_view area);

bool is_former_district(std::string_view name);

}  // namespace lc
