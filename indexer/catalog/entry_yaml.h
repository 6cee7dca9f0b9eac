// An entry as a YAML content file (content/<kind>/<slug>.yaml), as
// `lc-indexer export --content` writes it: the fields in the order
// content/README.md shows them, text of several lines as literal blocks, and
// the photos by file (PhotoShape::file).
#pragma once

#include <string>
#include <vector>

#include "catalog/entry.h"

namespace lc {

// `photo_files[i]` is the file of entry.photos[i], from the content folder.
// The text reads back (parse_yaml_document) as the entry's fields: a string
// YAML would read as something else ("2030", "true", "null") is quoted, and
// the text is read back to check; should it ever differ, every string is
// written double-quoted instead, which YAML reads back exactly. Throws Error
// if even that differs.
std::string entry_to_yaml(const Entry& entry, const std::vector<std::string>& photo_files);

}  // namespace lc
