// A PATCH of an entry orders its photos by id ("photos": ["<id>", …]); it
// never adds one (only an upload, whose files are stored, may) nor changes
// one's size, alt or credit through ids it does not know.
#pragma once

#include <nlohmann/json.hpp>

#include "catalog/entry.h"

namespace lc::api {

// Replaces `patch["photos"]`, a list of the entry's photo ids, with those
// photos in that order (a photo left out is removed). Throws a 400 naming
// the position of an id the entry does not have, or of a value that is not
// an id. A patch without "photos" is left as it is.
void photos_from_ids(nlohmann::json& patch, const Entry& current);

}  // namespace lc::api
