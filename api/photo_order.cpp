#include "api/photo_order.h"

#include <algorithm>

#include "api/errors.h"
#include "catalog/validation.h"

namespace lc::api {

void photos_from_ids(nlohmann::json& patch, const Entry& current) {
    if (!patch.is_object()) return;
    auto it = patch.find("photos");
    if (it == patch.end() || it->is_null()) return;
    if (!it->is_array())
        throw bad_parameter("photos", "list the entry's photo ids in the order to show them");
    std::vector<Photo> ordered;
    for (std::size_t i = 0; i < it->size(); ++i) {
        const std::string where = "photos[" + std::to_string(i) + "]";
        const auto& id = (*it)[i];
        if (!id.is_string())
            throw bad_parameter(where,
                                "expected a photo id; upload adds a photo, DELETE removes one");
        auto photo = std::find_if(current.photos.begin(), current.photos.end(),
                                  [&](const Photo& p) { return p.id == id.get<std::string>(); });
        if (photo == current.photos.end())
            throw bad_parameter(where, "the entry has no photo " + id.get<std::string>());
        ordered.push_back(*photo);
    }
    *it = nlohmann::json::parse(photos_to_json(ordered).dump());
}

}  // namespace lc::api
