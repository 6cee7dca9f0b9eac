// Reads a YAML document into JSON, remembering the line of every field so
// that validation errors can point at it ("file.yaml:12: name.vi: required").
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "util/error.h"

namespace lc {

struct YamlDocument {
    nlohmann::json value;
    std::map<std::string, int> lines;  // field path ("name.vi", "season[2]") → 1-based line

    // The line of `path`, or of its nearest parent that has one, or 1.
    int line_of(const std::string& path) const;
};

// A syntax error or a document too large or deep to be an entry.
class YamlError : public Error {
  public:
    YamlError(int line, const std::string& message) : Error(message), line_(line) {}
    int line() const { return line_; }

  private:
    int line_;
};

// Plain scalars follow YAML's core schema (null, true/false, numbers); quoted
// scalars are always strings. Throws YamlError.
YamlDocument parse_yaml_document(std::string_view text);

// Whether `text`, written as a plain (unquoted) scalar, reads back as that
// string, and not as null, a boolean or a number ("2030", "true").
bool plain_scalar_is_string(const std::string& text);

}  // namespace lc
