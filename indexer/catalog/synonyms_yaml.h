// The synonym groups as a content/synonyms.yaml file, for `lc-indexer export
// --synonyms`: the editors' groups go back into the repository's content, and
// importing that file changes nothing.
#pragma once

#include <string>

#include "catalog/store.h"

namespace lc {

// A YAML document {groups: [[term, ...], ...]}; each group's note, when it
// has one, is a comment above it.
std::string synonyms_to_yaml(const SynonymSet& set);

}  // namespace lc
