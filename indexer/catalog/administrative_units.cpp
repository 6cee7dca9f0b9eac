#include "catalog/administrative_units.h"

#include <algorithm>

namespace lc {

const std::array<std::string_view, 38> kUnits2025 = {
    "xã Mường Kim",    "xã Khoen On",   "xã Than Uyên",    "xã Mường Than", "xã Pắc Ta",
    "xã Nậm Sỏ",       "xã Tân Uyên",   "xã Mường Khoa",   "xã Bản Bo",     "xã Bình Lư",
    "xã Tả Lèng",      "xã Khun Há",    "xã Sin Suối Hồ",  "xã Phong Thổ",  "xã Dào San",
    "xã Sì Lở Lầu",    "xã Khổng Lào",  "xã Tủa Sín Chải", "xã Sìn Hồ",     "xã Hồng Thu",
    "xã Nậm Tăm",      "xã Pu Sam Cáp", "xã Nậm Cuổi",     "xã Nậm Mạ",     "xã Lê Lợi",
    "xã Nậm Hàng",     "xã Mường Mô",   "xã Hua Bum",      "xã Pa Tần",     "xã Bum Nưa",
    "xã Bum Tở",       "xã Mường Tè",   "xã Thu Lũm",      "xã Pa Ủ",       "phường Tân Phong",
    "phường Đoàn Kết", "xã Mù Cả",      "xã Tà Tổng",
};

bool is_area_2025(std::string_view area) {
    return area == kProvinceWide ||
           std::find(kUnits2025.begin(), kUnits2025.end(), area) != kUnits2025.end();
}

bool is_former_district(std::string_view name) {
    return std::find(kFormerDistricts.begin(), kFormerDistricts.end(), name) !=
           kFormerDistricts.end();
}

}  // namespace lc
