// Engine results as JSON bodies. JSON is always built with nlohmann::json,
// never by string concatenation.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "catalog/store.h"
#include "search/search_types.h"

namespace lc::api {

nlohmann::ordered_json to_json(const SearchResponse& r, bool with_distance);
nlohmann::ordered_json to_json(const std::vector<Suggestion>& suggestions);
// The import shape plus revision, created_at, updated_at, updated_by, deleted.
// `for_editor`: with updated_by, the name of the editor's token, which
// anonymous readers are not shown.
nlohmann::ordered_json to_json(const StoredEntry& e, bool for_editor);
nlohmann::ordered_json to_json(const std::vector<RevisionInfo>& revisions);
// A photo as uploads answer and search hits carry it: id, alt, credit, size,
// and "urls" of its WebP files by width.
nlohmann::ordered_json photo_to_json(const Photo& photo);

}  // namespace lc::api
