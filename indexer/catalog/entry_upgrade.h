// Bringing entries stored by an older program up to today's rules, so a
// catalog keeps opening after the rules tighten (the store's migrations call
// this on every stored version, current and past).
#pragma once

#include <nlohmann/json.hpp>

namespace lc {

// Schema 2 (December 2026): a location carries a precision and a source and
// lies within the province's outline; `area` names a unit in force since
// 1 July 2025. An old point gets precision "approximate" and a source saying
// it predates the rule, and is dropped if outside the outline; an area that
// names an old district moves to former_district; any other area that is not
// a 2025 unit moves to the aliases (still searchable), leaving `area` empty.
void upgrade_to_2025_units(nlohmann::json& entry);

}  // namespace lc
