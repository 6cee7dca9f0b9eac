#include "catalog/entry_yaml.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "catalog/validation.h"
#include "catalog/yaml_document.h"
#include "util/error.h"

namespace lc {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

enum class Style { readable, quoted };

// The fields as the file has them: to_json's, with status after kind (as
// editors read them) and the photos by file.
ordered_json content_fields(const Entry& entry, const std::vector<std::string>& photo_files) {
    if (photo_files.size() != entry.photos.size())
        throw Error("entry '" + entry.slug + "': one file per photo is needed");
    const ordered_json all = to_json(entry);
    ordered_json out;
    for (const char* key : {"slug", "kind", "status"}) out[key] = all[key];
    for (const auto& [key, value] : all.items())
        if (!out.contains(key) && key != "photos") out[key] = value;
    if (!entry.photos.empty()) {
        ordered_json list = ordered_json::array();
        for (std::size_t i = 0; i < entry.photos.size(); ++i) {
            const Photo& p = entry.photos[i];
            list.push_back({{"file", photo_files[i]},
                            {"alt", {{"vi", p.alt.vi}, {"en", p.alt.en}}},
                            {"credit", p.credit}});
        }
        out["photos"] = list;
    }
    return out;
}

void emit_string(YAML::Emitter& out, const std::string& s, Style style) {
    if (style == Style::quoted)
        out << YAML::DoubleQuoted << s;
    else if (s.find('\n') != std::string::npos && s.find('\r') == std::string::npos)
        out << YAML::Literal << s;  // a body's paragraphs, as editors write them
    else if (!plain_scalar_is_string(s))
        out << YAML::DoubleQuoted << s;  // "2030", "true", "null", "~"
    else
        out << s;  // yaml-cpp quotes what YAML's syntax needs (": ", "#", "[")
}

// A list of numbers or of single words goes on one line (themes, season);
// other lists have an item per line (aliases).
bool one_line(const ordered_json& list) {
    return std::all_of(list.begin(), list.end(), [](const ordered_json& item) {
        return item.is_number() ||
               (item.is_string() && item.get_ref<const std::string&>().find_first_of(
                                        " ,:#[]{}\"'") == std::string::npos);
    });
}

void emit(YAML::Emitter& out, const ordered_json& value, Style style) {
    switch (value.type()) {
        case ordered_json::value_t::object:
            out << YAML::BeginMap;
            for (const auto& [key, item] : value.items()) {
                out << YAML::Key << key << YAML::Value;
                emit(out, item, style);
            }
            out << YAML::EndMap;
            break;
        case ordered_json::value_t::array:
            if (value.empty() || one_line(value)) out << YAML::Flow;
            out << YAML::BeginSeq;
            for (const auto& item : value) emit(out, item, style);
            out << YAML::EndSeq;
            break;
        case ordered_json::value_t::string:
            emit_string(out, value.get_ref<const std::string&>(), style);
            break;
        case ordered_json::value_t::number_float:
            // JSON's shortest form that reads back as the same double, plain.
            out << value.dump();
            break;
        case ordered_json::value_t::null:
            out << YAML::Null;
            break;
        default:  // whole numbers and booleans
            out << value.dump();
            break;
    }
}

std::string write(const ordered_json& fields, Style style) {
    YAML::Emitter out;
    out.SetNullFormat(YAML::LowerNull);
    emit(out, fields, style);
    if (!out.good()) throw Error("cannot write YAML: " + out.GetLastError());
    return std::string(out.c_str()) + "\n";
}

// Equal as the validator reads them: strings up to surrounding blanks, which
// it trims (a literal block ends in a line break), numbers by value.
bool same_reading(const json& a, const json& b) {
    if (a.is_string() && b.is_string()) {
        auto trim = [](const std::string& s) {
            const auto first = s.find_first_not_of(" \t\r\n");
            return first == std::string::npos
                       ? std::string()
                       : s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
        };
        return trim(a.get_ref<const std::string&>()) == trim(b.get_ref<const std::string&>());
    }
    if (a.is_object() && b.is_object()) {
        if (a.size() != b.size()) return false;
        for (const auto& [key, value] : a.items())
            if (!b.contains(key) || !same_reading(value, b.at(key))) return false;
        return true;
    }
    if (a.is_array() && b.is_array()) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (!same_reading(a[i], b[i])) return false;
        return true;
    }
    return a == b;
}

bool reads_back(const std::string& text, const ordered_json& fields) {
    try {
        return same_reading(parse_yaml_document(text).value, json::parse(fields.dump()));
    } catch (const YamlError&) {
        return false;
    }
}

}  // namespace

std::string entry_to_yaml(const Entry& entry, const std::vector<std::string>& photo_files) {
    const ordered_json fields = content_fields(entry, photo_files);
    for (Style style : {Style::readable, Style::quoted}) {
        std::string text = write(fields, style);
        if (reads_back(text, fields)) return text;
    }
    throw Error("entry '" + entry.slug + "' cannot be written as YAML that reads back the same");
}

}  // namespace lc
