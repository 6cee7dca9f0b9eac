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

// One group as editors edit it through the API: {"terms": [...], "note": "..."}.
struct SynonymGroupInput {
    SynonymGroup terms;  // NFC, no two with the same canonical form
    std::string note;    // why the group exists, for other editors ("" if none)
};

struct ParsedSynonymGroup {
    SynonymGroupInput group;
    std::vector<FieldError> errors;  // paths like "terms[1]", "note"
};

// Validates a group as content/synonyms.yaml's are (2 to 20 terms, each
// non-empty, at most 100 characters), and refuses a term listed twice.
ParsedSynonymGroup parse_synonym_group(const nlohmann::json& value);

nlohmann::json synonyms_to_json(const Synonyms& groups);

// Number of (a, b) pairs the groups state: n·(n-1)/2 per group of n.
std::size_t synonym_pair_count(const Synonyms& groups);

}  // namespace lc
