#include "catalog/entry_upgrade.h"

#include <algorithm>

#include "catalog/administrative_units.h"
#include "catalog/entry.h"
#include "catalog/province_outline.h"

namespace lc {

void upgrade_to_2025_units(nlohmann::json& e) {
    if (!e.is_object()) return;
    if (auto l = e.find("location"); l != e.end() && l->is_object()) {
        if (!l->contains("precision")) (*l)["precision"] = "approximate";
        if (!l->contains("source")) (*l)["source"] = "entered before points carried a source";
        const auto lat = l->find("lat"), lon = l->find("lon");
        if (lat == l->end() || lon == l->end() || !lat->is_number() || !lon->is_number() ||
            !in_province(lat->get<double>(), lon->get<double>()))
            *l = nullptr;
    }
    const auto area = e.find("area");
    if (area == e.end() || !area->is_string()) return;
    const std::string name = *area;
    if (name.empty() || is_area_2025(name)) return;
    if (is_former_district(name)) {
        e["former_district"] = name;
    } else {
        auto& aliases = e["aliases"];
        if (aliases.is_null()) aliases = nlohmann::json::array();
        if (aliases.is_array() && aliases.size() < limits::kListItems &&
            std::find(aliases.begin(), aliases.end(), name) == aliases.end())
            aliases.push_back(name);
    }
    *area = "";
}

}  // namespace lc
