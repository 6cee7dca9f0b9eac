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

// What is wrong with a field, as a stable name a client can translate (the
// message is English, for logs and the command line). A closed set: the API
// documents it (api/openapi.json, FieldError.code) and the page translates
// each one (web/js/i18n.js, "fieldError.<code>"); tests check both lists
// against all_field_codes(). A new rule reuses one of these or adds one here
// (no explicit values), a case to to_string, the name to the enum in
// openapi.json, and a message to i18n.js.
enum class FieldCode {
    required,           // missing, null or empty
    wrong_type,         // a JSON type other than the one expected
    invalid_utf8,       // bytes that are not UTF-8
    control_character,  // a control character in text
    too_long,           // more characters than `max`
    too_large,          // more bytes than `max`
    too_many,           // more list items than `max`
    invalid_format,     // a string or list of the wrong shape (e.g. a slug)
    duplicate,          // a value listed twice
    out_of_range,       // a number outside [min, max]
    unknown_field,      // a key the entry shape does not have
    unknown_value,      // a value outside a fixed list (kind, status)
    not_allowed,        // valid on its own, not here (OCOP stars on an event)
};

std::string_view to_string(FieldCode code);
// Every code, in declaration order.
const std::vector<FieldCode>& all_field_codes();

struct FieldError {
    std::string path;  // "" for the entry as a whole
    FieldCode code;
    std::string message;
    // The bound that was crossed, for too_long/too_large/too_many (max) and
    // out_of_range (min and max, when the range is fixed).
    std::optional<double> min{}, max{};
    bool operator==(const FieldError&) const = default;
};

// Thrown where a single entry must be valid (the write API, tests).
class ValidationError : public Error {
  public:
    // `subject`: what was refused ("entry", "synonym_group"); the API's error
    // code is invalid_<subject>.
    explicit ValidationError(std::vector<FieldError> errors, std::string subject = "entry");
    const std::vector<FieldError>& errors() const { return errors_; }
    const std::string& subject() const { return subject_; }

  private:
    std::vector<FieldError> errors_;
    std::string subject_;
};

// How an entry lists its photos.
enum class PhotoShape {
    // {id, alt, credit, width, height}: the catalog's own, in the HTTP API and
    // JSON Lines. The ids name photos already stored.
    stored,
    // {file, alt, credit}: a YAML content file's. `file` is a path relative to
    // the content folder that stays inside it (content_loader.h finds it);
    // the id and size come from processing the file at import.
    file,
};

struct ParsedEntry {
    std::optional<Entry> entry;  // set when `errors` is empty
    std::vector<FieldError> errors;
    // PhotoShape::file: each photo's file as written, by position in the
    // list ("" where it is missing or wrong, with an error). With no errors,
    // one per photo of entry->photos, whose ids stay empty and sizes 0 until
    // import processes the files.
    std::vector<std::string> photo_files;
};

// Validates a JSON value as an entry and converts it; text comes back NFC.
// Only content files are read with PhotoShape::file: a file path in anything
// the HTTP API accepts would let a client name files on the server.
ParsedEntry parse_entry(const nlohmann::json& value, PhotoShape photos = PhotoShape::stored);

// Like parse_entry but throws ValidationError.
Entry entry_from_json(const nlohmann::json& value);

// The entry in the import shape, every field present, in a fixed order.
nlohmann::ordered_json to_json(const Entry& entry);

// An entry's photos as every JSON shape writes them: id, alt {vi, en}, credit,
// width, height.
nlohmann::ordered_json photos_to_json(const std::vector<Photo>& photos);

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
