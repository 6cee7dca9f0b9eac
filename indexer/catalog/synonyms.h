// Editor-maintained synonym groups: every member of a group means the same to
// a searcher ("chè", "trà", "tea"). Members may have several syllables.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "catalog/validation.h"

namespace lc {

using SynonymGroup = std::vector<std::string>;
using Synonyms = std::vector<SynonymGroup>;

struct ParsedSynonyms {
    Synonyms groups;
    std::vector<FieldError> errors;  // paths like "groups[3][1]"
};

// Reads {"groups": [["chè", "trà", "tea"], ...]}; text comes back NFC.
ParsedSynonyms parse_synonyms(const nlohmann::json& value);

nlohmann::json synonyms_to_json(const Synonyms& groups);

// Number of (a, b) pairs the groups state: n·(n-1)/2 per group of n.
std::size_t synonym_pair_count(const Synonyms& groups);

}  // namespace lc
