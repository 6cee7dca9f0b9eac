// Checking an entry. Every rule reports the path of the field it concerns
// ("name.vi", "season[2]") so an editor, a file loader or the HTTP API can
// show it next to the field. All problems are reported, not only the first.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/entry.h"
#include "util/error.h"

namespace lc {

struct FieldError {
    std::string path;  // "" for the entry as a whole
    std::string message;
    bool operator==(const FieldError&) const = default;
};

// Thrown where a single entry must be valid (the write API, tests).
class ValidationError : public Error {
  public:
    explicit ValidationError(std::vector<FieldError> errors);
    const std::vector<FieldError>& errors() const { return errors_; }

  private:
    std::vector<FieldError> errors_;
};

struct ParsedEntry {
    std::optional<Entry> entry;  // set when `errors` is empty
    std::vector<FieldError> errors;
};

// Validates a JSON value as an entry and converts it; text comes back NFC.
ParsedEntry parse_entry(const nlohmann::json& value);

// Like parse_entry but throws ValidationError.
Entry entry_from_json(const nlohmann::json& value);

// The entry in the import shape, every field present, in a fixed order.
nlohmann::ordered_json to_json(const Entry& entry);

// A location as every JSON shape writes it: lat, lon, precision, source.
nlohmann::ordered_json location_to_json(const Location& location);

// Compact, deterministic serialization: equal entries give equal strings.
std::string to_canonical_json(const Entry& entry);

// The inverse of to_canonical_json, for text this program wrote and already
// validated (the index's stored documents): no validation and no
// normalization, which cost more than the search itself for a page of hits.
// A value of the wrong type is a nlohmann::json exception.
Entry entry_from_canonical_json(std::string_view text);

}  // namespace lc
