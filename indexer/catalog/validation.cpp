#include "catalog/validation.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <set>

#include "catalog/administrative_units.h"
#include "catalog/province_outline.h"
#include "text/utf8.h"
#include "text/vietnamese.h"

namespace lc {

namespace {

using nlohmann::json;

std::string describe(const std::vector<FieldError>& errors) {
    std::string out = "invalid entry";
    for (const auto& e : errors)
        out += "\n  " + (e.path.empty() ? "(entry)" : e.path) + ": " + e.message;
    return out;
}

bool is_slug(std::string_view s) {
    if (s.empty() || s.front() == '-' || s.back() == '-') return false;
    char prev = 0;
    for (char c : s) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok || (c == '-' && prev == '-')) return false;
        prev = c;
    }
    return true;
}

std::string slug_rule(const std::string& s) {
    return "'" + s + "' must be lowercase letters a-z, digits and single hyphens";
}

const char* type_name(const json& v) {
    switch (v.type()) {
        case json::value_t::null:
            return "null";
        case json::value_t::boolean:
            return "a boolean";
        case json::value_t::string:
            return "a string";
        case json::value_t::array:
            return "a list";
        case json::value_t::object:
            return "an object";
        case json::value_t::binary:
            return "binary data";
        default:
            return "a number";
    }
}

// Collects errors while reading one entry.
class Checker {
  public:
    std::vector<FieldError> errors;

    void fail(std::string path, FieldCode code, std::string message,
              std::optional<double> min = std::nullopt, std::optional<double> max = std::nullopt) {
        errors.push_back({std::move(path), code, std::move(message), min, max});
    }

    // A string field: valid UTF-8, no control characters (line breaks and
    // tabs allowed where `multiline`), within `max` characters (or bytes).
    std::optional<std::string> text(const json& v, const std::string& path, std::size_t max,
                                    bool multiline = false, bool max_is_bytes = false) {
        if (!v.is_string()) {
            fail(path, FieldCode::wrong_type,
                 std::string("expected a string, got ") + type_name(v));
            return std::nullopt;
        }
        const auto& raw = v.get_ref<const std::string&>();
        if (auto bad = utf8::find_invalid(raw)) {
            fail(path, FieldCode::invalid_utf8, "invalid UTF-8 at byte " + std::to_string(*bad));
            return std::nullopt;
        }
        // Control characters: C0 (line breaks and tabs allowed where
        // `multiline`), DEL and C1 (U+0080-U+009F, two bytes: C2 80-9F).
        for (std::size_t i = 0; i < raw.size(); ++i) {
            auto c = static_cast<unsigned char>(raw[i]);
            bool allowed_blank = multiline && (c == '\n' || c == '\t' || c == '\r');
            bool c1 =
                c == 0xC2 && i + 1 < raw.size() && static_cast<unsigned char>(raw[i + 1]) <= 0x9F;
            if ((c < 0x20 && !allowed_blank) || c == 0x7F || c1) {
                fail(path, FieldCode::control_character, "contains a control character");
                return std::nullopt;
            }
        }
        std::string s = text::to_nfc(raw);
        // Surrounding blanks are never meaningful and YAML block text ends in one.
        auto first = s.find_first_not_of(" \t\r\n");
        s = first == std::string::npos ? ""
                                       : s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
        std::size_t size = max_is_bytes ? s.size() : utf8::length(s);
        if (size > max) {
            fail(path, max_is_bytes ? FieldCode::too_large : FieldCode::too_long,
                 "too long: " + std::to_string(size) + (max_is_bytes ? " bytes" : " characters") +
                     ", at most " + std::to_string(max),
                 std::nullopt, static_cast<double>(max));
            return std::nullopt;
        }
        return s;
    }

    LocalizedText localized(const json& obj, const std::string& field, std::size_t max,
                            bool vi_required, bool multiline = false, bool bytes = false) {
        LocalizedText out;
        auto it = obj.find(field);
        if (it == obj.end() || it->is_null()) {
            if (vi_required) fail(field + ".vi", FieldCode::required, "required");
            return out;
        }
        if (!it->is_object()) {
            fail(field, FieldCode::wrong_type,
                 std::string("expected an object with \"vi\" and \"en\", got ") + type_name(*it));
            return out;
        }
        for (const auto& [lang, value] : it->items()) {
            if (lang != "vi" && lang != "en")
                fail(field + "." + lang, FieldCode::unknown_field,
                     "unknown language (use vi or en)");
        }
        for (const char* lang : {"vi", "en"}) {
            std::string path = field + "." + lang;
            auto v = it->find(lang);
            if (v == it->end() || v->is_null()) continue;
            if (auto s = text(*v, path, max, multiline, bytes))
                (lang[0] == 'v' ? out.vi : out.en) = *s;
        }
        if (vi_required && out.vi.empty() && !has_error_at(field + ".vi"))
            fail(field + ".vi", FieldCode::required, "required");
        return out;
    }

    std::vector<std::string> string_list(const json& obj, const std::string& field,
                                         std::size_t max_chars, bool slugs) {
        std::vector<std::string> out;
        auto it = obj.find(field);
        if (it == obj.end() || it->is_null()) return out;
        if (!it->is_array()) {
            fail(field, FieldCode::wrong_type,
                 std::string("expected a list, got ") + type_name(*it));
            return out;
        }
        if (it->size() > limits::kListItems) {
            fail(field, FieldCode::too_many,
                 "too many items: " + std::to_string(it->size()) + ", at most " +
                     std::to_string(limits::kListItems),
                 std::nullopt, static_cast<double>(limits::kListItems));
            return out;
        }
        std::set<std::string> seen;
        for (std::size_t i = 0; i < it->size(); ++i) {
            std::string path = field + "[" + std::to_string(i) + "]";
            auto s = text((*it)[i], path, max_chars);
            if (!s) continue;
            if (s->empty()) {
                fail(path, FieldCode::required, "empty");
            } else if (slugs && !is_slug(*s)) {
                fail(path, FieldCode::invalid_format, slug_rule(*s));
            } else if (!seen.insert(*s).second) {
                fail(path, FieldCode::duplicate, "'" + *s + "' is listed twice");
            } else {
                out.push_back(*s);
            }
        }
        return out;
    }

    bool has_error_at(const std::string& path) const {
        return std::any_of(errors.begin(), errors.end(),
                           [&](const FieldError& e) { return e.path == path; });
    }
};

const std::set<std::string, std::less<>> kFields = {
    "slug",       "kind",           "name",   "summary",         "body",
    "aliases",    "themes",         "area",   "former_district", "location",
    "ocop_stars", "certifications", "season", "source",          "status",
    "photos"};

const std::set<std::string, std::less<>> kPhotoFields = {"id", "alt", "credit", "width", "height"};
const std::set<std::string, std::less<>> kPhotoFileFields = {"file", "alt", "credit"};

const std::set<std::string, std::less<>> kLocationFields = {"lat", "lon", "precision", "source"};

std::optional<double> number(Checker& c, const json& obj, const std::string& field,
                             const std::string& path) {
    auto it = obj.find(field);
    if (it == obj.end() || it->is_null()) {
        c.fail(path, FieldCode::required, "required");
        return std::nullopt;
    }
    if (!it->is_number()) {
        c.fail(path, FieldCode::wrong_type,
               std::string("expected a number, got ") + type_name(*it));
        return std::nullopt;
    }
    double d = it->get<double>();
    if (!std::isfinite(d)) {
        c.fail(path, FieldCode::out_of_range, "not a finite number");
        return std::nullopt;
    }
    return d;
}

bool is_photo_id(const std::string& s) {
    return s.size() == 32 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// A content file's photo path: relative to the content folder, never leaving
// it, and named as a photo. Whether the file is there is the loader's to say.
std::optional<std::string> photo_file(Checker& c, const json* v, const std::string& at) {
    const char* const kShape =
        "the photo's file, relative to the content folder "
        "(photos/<slug>/<name>.jpg)";
    if (!v || v->is_null()) {
        c.fail(at, FieldCode::required, std::string("required: ") + kShape);
        return std::nullopt;
    }
    auto s = c.text(*v, at, limits::kPhotoFileChars);
    if (!s) return std::nullopt;
    if (s->empty()) {
        c.fail(at, FieldCode::required, std::string("required: ") + kShape);
        return std::nullopt;
    }
    if (s->front() == '/') {
        c.fail(at, FieldCode::invalid_format, "'" + *s + "' is an absolute path; write " + kShape);
        return std::nullopt;
    }
    if (s->find('\\') != std::string::npos) {
        c.fail(at, FieldCode::invalid_format, "'" + *s + "': separate folders with /");
        return std::nullopt;
    }
    for (std::size_t from = 0; from <= s->size();) {
        std::size_t end = std::min(s->find('/', from), s->size());
        if (s->compare(from, end - from, "..") == 0) {
            c.fail(at, FieldCode::invalid_format,
                   "'" + *s + "' leads out of the content folder (..); write " + kShape);
            return std::nullopt;
        }
        from = end + 1;
    }
    std::string extension = s->substr(std::min(s->rfind('.'), s->size()));
    for (char& ch : extension) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (extension != ".jpg" && extension != ".jpeg" && extension != ".png" &&
        extension != ".webp") {
        c.fail(
            at, FieldCode::invalid_format,
            "'" + *s + "' is not named as a photo: JPEG (.jpg, .jpeg), PNG (.png) or WebP (.webp)");
        return std::nullopt;
    }
    return s;
}

// One photo of the list, in either shape; with PhotoShape::file, `file` gets
// its path and the id and size stay empty.
std::optional<Photo> photo(Checker& c, const json& v, const std::string& path, PhotoShape shape,
                           std::string& file) {
    const bool stored = shape == PhotoShape::stored;
    if (!v.is_object()) {
        c.fail(
            path, FieldCode::wrong_type,
            std::string(stored ? "expected an object with id, alt, credit, width and height, got "
                               : "expected an object with file, alt and credit, got ") +
                type_name(v));
        return std::nullopt;
    }
    const std::size_t errors_before = c.errors.size();
    for (const auto& [key, value] : v.items())
        if (!(stored ? kPhotoFields : kPhotoFileFields).contains(key))
            c.fail(path + "." + key, FieldCode::unknown_field,
                   stored || !kPhotoFields.contains(key)
                       ? "unknown field"
                       : "unknown field: a content file names the photo's file, and import "
                         "gives it its id and size");
    Photo p;
    auto required_text = [&](const json* value, const std::string& at) {
        if (!value || value->is_null()) {
            c.fail(at, FieldCode::required, "required");
            return std::string();
        }
        auto s = c.text(*value, at, limits::kPhotoTextChars);
        if (s && s->empty()) c.fail(at, FieldCode::required, "required");
        return s.value_or("");
    };
    auto member = [&](const json& obj, const char* key) -> const json* {
        auto it = obj.find(key);
        return it == obj.end() ? nullptr : &*it;
    };
    if (!stored) {
        file = photo_file(c, member(v, "file"), path + ".file").value_or("");
    } else if (auto id = member(v, "id"); !id || id->is_null()) {
        c.fail(path + ".id", FieldCode::required, "required");
    } else if (auto s = c.text(*id, path + ".id", 32)) {
        if (!is_photo_id(*s))
            c.fail(path + ".id", FieldCode::invalid_format, "a photo id is 32 hex digits");
        else
            p.id = *s;
    }
    const json* alt = member(v, "alt");
    if (alt && !alt->is_null() && !alt->is_object()) {
        c.fail(path + ".alt", FieldCode::wrong_type,
               std::string("expected an object with \"vi\" and \"en\", got ") + type_name(*alt));
    } else {
        const bool given = alt && alt->is_object();
        if (given)
            for (const auto& [lang, value] : alt->items())
                if (lang != "vi" && lang != "en")
                    c.fail(path + ".alt." + lang, FieldCode::unknown_field,
                           "unknown language (use vi or en)");
        p.alt.vi = required_text(given ? member(*alt, "vi") : nullptr, path + ".alt.vi");
        p.alt.en = required_text(given ? member(*alt, "en") : nullptr, path + ".alt.en");
    }
    p.credit = required_text(member(v, "credit"), path + ".credit");
    // A stored photo's size; a content file's comes from processing the file.
    if (stored) {
        for (auto [key, out] : {std::pair{"width", &p.width}, std::pair{"height", &p.height}}) {
            const json* n = member(v, key);
            const std::string at = path + "." + key;
            if (!n || n->is_null())
                c.fail(at, FieldCode::required, "required");
            else if (!n->is_number_integer())
                c.fail(at, FieldCode::wrong_type,
                       std::string("expected a whole number, got ") + type_name(*n));
            else if (n->get<long long>() < 1 || n->get<long long>() > 100000)
                c.fail(at, FieldCode::out_of_range, "must be 1 to 100000 pixels", 1, 100000);
            else
                *out = static_cast<int>(n->get<long long>());
        }
    }
    if (c.errors.size() != errors_before) return std::nullopt;
    return p;
}

}  // namespace

std::string_view to_string(FieldCode code) {
    // No default: the compiler names a code left out here.
    switch (code) {
        case FieldCode::required:
            return "required";
        case FieldCode::wrong_type:
            return "wrong_type";
        case FieldCode::invalid_utf8:
            return "invalid_utf8";
        case FieldCode::control_character:
            return "control_character";
        case FieldCode::too_long:
            return "too_long";
        case FieldCode::too_large:
            return "too_large";
        case FieldCode::too_many:
            return "too_many";
        case FieldCode::invalid_format:
            return "invalid_format";
        case FieldCode::duplicate:
            return "duplicate";
        case FieldCode::out_of_range:
            return "out_of_range";
        case FieldCode::unknown_field:
            return "unknown_field";
        case FieldCode::unknown_value:
            return "unknown_value";
        case FieldCode::not_allowed:
            return "not_allowed";
    }
    return "";
}

const std::vector<FieldCode>& all_field_codes() {
    // The enumerators are 0, 1, 2...: the first value without a name is past the end.
    static const std::vector<FieldCode> codes = [] {
        std::vector<FieldCode> out;
        for (int i = 0; !to_string(static_cast<FieldCode>(i)).empty(); ++i)
            out.push_back(static_cast<FieldCode>(i));
        return out;
    }();
    return codes;
}

ValidationError::ValidationError(std::vector<FieldError> errors, std::string subject)
    : Error(describe(errors)), errors_(std::move(errors)), subject_(std::move(subject)) {}

ParsedEntry parse_entry(const json& value, PhotoShape photo_shape) {
    Checker c;
    Entry e;
    std::vector<std::string> photo_files;
    if (!value.is_object()) {
        c.fail("", FieldCode::wrong_type,
               std::string("expected an object, got ") + type_name(value));
        return {std::nullopt, std::move(c.errors), {}};
    }
    for (const auto& [key, v] : value.items())
        if (!kFields.contains(key)) c.fail(key, FieldCode::unknown_field, "unknown field");

    if (auto it = value.find("slug"); it == value.end() || it->is_null()) {
        c.fail("slug", FieldCode::required, "required");
    } else if (auto s = c.text(*it, "slug", limits::kSlugChars)) {
        if (!is_slug(*s))
            c.fail("slug", FieldCode::invalid_format, slug_rule(*s));
        else
            e.slug = *s;
    }

    bool kind_known = false;
    if (auto it = value.find("kind"); it == value.end() || it->is_null()) {
        c.fail("kind", FieldCode::required, "required");
    } else if (auto s = c.text(*it, "kind", 50)) {
        if (auto k = parse_kind(*s)) {
            e.kind = *k;
            kind_known = true;
        } else {
            c.fail("kind", FieldCode::unknown_value,
                   "unknown kind '" + *s + "' (destination, product, opportunity or event)");
        }
    }

    e.name = c.localized(value, "name", limits::kNameChars, true);
    e.summary = c.localized(value, "summary", limits::kSummaryChars, false, true);
    e.body = c.localized(value, "body", limits::kBodyBytes, false, true, true);
    e.aliases = c.string_list(value, "aliases", limits::kItemChars, false);
    e.themes = c.string_list(value, "themes", limits::kThemeChars, true);
    e.certifications = c.string_list(value, "certifications", limits::kItemChars, false);

    if (auto it = value.find("area"); it != value.end() && !it->is_null()) {
        if (auto s = c.text(*it, "area", limits::kAreaChars)) {
            if (s->empty() || is_area_2025(*s))
                e.area = *s;
            else if (is_former_district(*s))
                c.fail("area", FieldCode::unknown_value,
                       "'" + *s +
                           "' is a district that ended on 1 July 2025: name the xã or "
                           "phường (e.g. 'xã Tả Lèng') and put the district in "
                           "former_district");
            else
                c.fail("area", FieldCode::unknown_value,
                       "'" + *s +
                           "' is not a unit in force since 1 July 2025: use its official "
                           "name with its type ('xã Tả Lèng', 'phường Tân Phong') or '" +
                           std::string(kProvinceWide) + "'");
        }
    }
    if (auto it = value.find("former_district"); it != value.end() && !it->is_null()) {
        if (auto s = c.text(*it, "former_district", limits::kAreaChars)) {
            if (s->empty() || is_former_district(*s))
                e.former_district = *s;
            else
                c.fail("former_district", FieldCode::unknown_value,
                       "'" + *s +
                           "' is not one of the districts before 1 July 2025 "
                           "(Tam Đường, Phong Thổ, Sìn Hồ, Mường Tè, Nậm Nhùn, "
                           "Than Uyên, Tân Uyên, Thành phố Lai Châu)");
        }
    }
    if (auto it = value.find("source"); it != value.end() && !it->is_null())
        if (auto s = c.text(*it, "source", limits::kSourceChars)) e.source = *s;

    if (auto it = value.find("location"); it != value.end() && !it->is_null()) {
        if (!it->is_object()) {
            c.fail("location", FieldCode::wrong_type,
                   std::string("expected an object with lat, lon, precision and "
                               "source, got ") +
                       type_name(*it));
        } else {
            for (const auto& [key, v] : it->items())
                if (!kLocationFields.contains(key))
                    c.fail("location." + key, FieldCode::unknown_field, "unknown field");
            auto lat = number(c, *it, "lat", "location.lat");
            auto lon = number(c, *it, "lon", "location.lon");
            std::optional<Precision> precision;
            if (auto p = it->find("precision"); p == it->end() || p->is_null()) {
                c.fail("location.precision", FieldCode::required,
                       "required (site, village, commune-centre, town or approximate)");
            } else if (auto s = c.text(*p, "location.precision", 50)) {
                precision = parse_precision(*s);
                if (!precision)
                    c.fail("location.precision", FieldCode::unknown_value,
                           "unknown precision '" + *s +
                               "' (site, village, commune-centre, town "
                               "or approximate)");
            }
            std::optional<std::string> source;
            if (auto p = it->find("source"); p == it->end() || p->is_null()) {
                c.fail("location.source", FieldCode::required,
                       "required: say where the point comes from");
            } else if ((source = c.text(*p, "location.source", limits::kSourceChars)) &&
                       source->empty()) {
                c.fail("location.source", FieldCode::required,
                       "required: say where the point comes from");
                source.reset();
            }
            bool inside = false;
            if (lat && lon) {
                if (in_province(*lon, *lat)) {
                    c.fail("location", FieldCode::invalid_format,
                           "latitude and longitude are swapped");
                } else if (std::abs(*lat) > 90) {
                    c.fail("location.lat", FieldCode::out_of_range, "not a latitude (-90 to 90)",
                           -90, 90);
                } else if (std::abs(*lon) > 180) {
                    c.fail("location.lon", FieldCode::out_of_range, "not a longitude (-180 to 180)",
                           -180, 180);
                } else if (double km = km_outside_province(*lat, *lon); km > kOutlineToleranceKm) {
                    char distance[32];
                    std::snprintf(distance, sizeof distance, "%.1f", km);
                    c.fail("location", FieldCode::out_of_range,
                           std::string("outside Lai Châu: ") + distance +
                               " km beyond the province's outline");
                } else {
                    inside = true;
                }
            }
            if (inside && precision && source)
                e.location = Location{*lat, *lon, *precision, std::move(*source)};
        }
    }

    if (auto it = value.find("ocop_stars"); it != value.end() && !it->is_null()) {
        if (!it->is_number_integer()) {
            c.fail("ocop_stars", FieldCode::wrong_type,
                   std::string("expected a whole number, got ") + type_name(*it));
        } else if (kind_known && e.kind != Kind::product) {
            c.fail("ocop_stars", FieldCode::not_allowed, "only products have OCOP stars");
        } else {
            auto stars = it->get<long long>();
            if (stars < 3 || stars > 5)
                c.fail("ocop_stars", FieldCode::out_of_range, "must be 3, 4 or 5", 3, 5);
            else
                e.ocop_stars = static_cast<int>(stars);
        }
    }

    if (auto it = value.find("season"); it != value.end() && !it->is_null()) {
        if (!it->is_array()) {
            c.fail("season", FieldCode::wrong_type,
                   std::string("expected a list of months, got ") + type_name(*it));
        } else if (it->size() > 12) {
            c.fail("season", FieldCode::too_many,
                   "at most 12 months, got " + std::to_string(it->size()), std::nullopt, 12);
        } else {
            std::set<int> months;
            for (std::size_t i = 0; i < it->size(); ++i) {
                const json& m = (*it)[i];
                std::string path = "season[" + std::to_string(i) + "]";
                if (!m.is_number_integer()) {
                    c.fail(path, FieldCode::wrong_type,
                           std::string("expected a month number, got ") + type_name(m));
                    continue;
                }
                auto month = m.get<long long>();
                if (month < 1 || month > 12)
                    c.fail(path, FieldCode::out_of_range,
                           "month " + std::to_string(month) + " is outside 1-12", 1, 12);
                else if (!months.insert(static_cast<int>(month)).second)
                    c.fail(path, FieldCode::duplicate,
                           "month " + std::to_string(month) + " is listed twice");
            }
            e.season.assign(months.begin(), months.end());
        }
    }

    if (auto it = value.find("photos"); it != value.end() && !it->is_null()) {
        if (!it->is_array()) {
            c.fail("photos", FieldCode::wrong_type,
                   std::string("expected a list of photos, got ") + type_name(*it));
        } else if (it->size() > limits::kPhotos) {
            c.fail("photos", FieldCode::too_many,
                   "too many photos: " + std::to_string(it->size()) + ", at most " +
                       std::to_string(limits::kPhotos),
                   std::nullopt, static_cast<double>(limits::kPhotos));
        } else {
            std::set<std::string> ids, files;
            if (photo_shape == PhotoShape::file) photo_files.resize(it->size());
            for (std::size_t i = 0; i < it->size(); ++i) {
                std::string path = "photos[" + std::to_string(i) + "]";
                std::string file;
                auto p = photo(c, (*it)[i], path, photo_shape, file);
                // A well-formed file is kept even when the rest of the photo
                // is wrong, so the loader can say whether it is there too.
                if (!file.empty()) {
                    if (!files.insert(file).second) {
                        c.fail(path + ".file", FieldCode::duplicate,
                               "'" + file + "' is listed twice");
                        continue;
                    }
                    photo_files[i] = std::move(file);
                }
                if (!p) continue;
                if (photo_shape == PhotoShape::stored && !ids.insert(p->id).second) {
                    c.fail(path + ".id", FieldCode::duplicate,
                           "photo " + p->id + " is listed twice");
                    continue;
                }
                e.photos.push_back(std::move(*p));
            }
        }
    }

    if (auto it = value.find("status"); it != value.end() && !it->is_null()) {
        if (auto s = c.text(*it, "status", 20)) {
            if (auto st = parse_status(*s))
                e.status = *st;
            else
                c.fail("status", FieldCode::unknown_value,
                       "unknown status '" + *s + "' (published or draft)");
        }
    }

    if (!c.errors.empty()) return {std::nullopt, std::move(c.errors), std::move(photo_files)};
    return {std::move(e), {}, std::move(photo_files)};
}

Entry entry_from_json(const json& value) {
    auto parsed = parse_entry(value);
    if (!parsed.entry) throw ValidationError(std::move(parsed.errors));
    return std::move(*parsed.entry);
}

nlohmann::ordered_json location_to_json(const Location& l) {
    return {{"lat", l.lat},
            {"lon", l.lon},
            {"precision", std::string(to_string(l.precision))},
            {"source", l.source}};
}

nlohmann::ordered_json to_json(const Entry& e) {
    using oj = nlohmann::ordered_json;
    auto text = [](const LocalizedText& t) { return oj{{"vi", t.vi}, {"en", t.en}}; };
    oj j;
    j["slug"] = e.slug;
    j["kind"] = std::string(to_string(e.kind));
    j["name"] = text(e.name);
    j["summary"] = text(e.summary);
    j["body"] = text(e.body);
    j["aliases"] = e.aliases;
    j["themes"] = e.themes;
    j["area"] = e.area;
    j["former_district"] = e.former_district;
    j["location"] = e.location ? location_to_json(*e.location) : oj(nullptr);
    j["ocop_stars"] = e.ocop_stars ? oj(*e.ocop_stars) : oj(nullptr);
    j["certifications"] = e.certifications;
    j["season"] = e.season;
    j["source"] = e.source;
    j["status"] = std::string(to_string(e.status));
    // Only entries with photos carry the field, so every entry stored before
    // photos existed keeps its canonical JSON (and its import fingerprint).
    if (!e.photos.empty()) j["photos"] = photos_to_json(e.photos);
    return j;
}

nlohmann::ordered_json photos_to_json(const std::vector<Photo>& photos) {
    using oj = nlohmann::ordered_json;
    oj list = oj::array();
    for (const auto& p : photos)
        list.push_back({{"id", p.id},
                        {"alt", {{"vi", p.alt.vi}, {"en", p.alt.en}}},
                        {"credit", p.credit},
                        {"width", p.width},
                        {"height", p.height}});
    return list;
}

std::string to_canonical_json(const Entry& entry) {
    return to_json(entry).dump();
}

Entry entry_from_canonical_json(std::string_view text) {
    const json j = json::parse(text);
    auto localized = [&](const char* field) {
        return LocalizedText{j.at(field).at("vi"), j.at(field).at("en")};
    };
    Entry e;
    e.slug = j.at("slug");
    e.kind = parse_kind(j.at("kind").get<std::string>()).value_or(Kind::destination);
    e.name = localized("name");
    e.summary = localized("summary");
    e.body = localized("body");
    e.aliases = j.at("aliases").get<std::vector<std::string>>();
    e.themes = j.at("themes").get<std::vector<std::string>>();
    e.area = j.at("area");
    e.former_district = j.at("former_district");
    if (const auto& l = j.at("location"); !l.is_null())
        e.location = Location{
            l.at("lat"), l.at("lon"),
            parse_precision(l.at("precision").get<std::string>()).value_or(Precision::approximate),
            l.at("source")};
    if (const auto& s = j.at("ocop_stars"); !s.is_null()) e.ocop_stars = s.get<int>();
    e.certifications = j.at("certifications").get<std::vector<std::string>>();
    e.season = j.at("season").get<std::vector<int>>();
    e.source = j.at("source");
    e.status = parse_status(j.at("status").get<std::string>()).value_or(Status::published);
    if (auto it = j.find("photos"); it != j.end())
        for (const auto& p : *it)
            e.photos.push_back(Photo{p.at("id"),
                                     {p.at("alt").at("vi"), p.at("alt").at("en")},
                                     p.at("credit"),
                                     p.at("width"),
                                     p.at("height")});
    return e;
}

}  // namespace lc
