#include "catalog/synonyms.h"

#include <functional>
#include <set>

#include "text/utf8.h"
#include "text/vietnamese.h"

namespace lc {

namespace {
constexpr std::size_t kMaxGroups = 10'000;
constexpr std::size_t kMaxMembers = 20;
constexpr std::size_t kMaxMemberChars = 100;
constexpr std::size_t kMaxNoteChars = 500;

using Fail = std::function<void(std::string, FieldCode, std::string, std::optional<double>)>;

// One member of a group: its NFC form, or nothing after reporting why at `path`.
std::optional<std::string> check_member(const nlohmann::json& member, const std::string& path,
                                        const Fail& fail) {
    if (!member.is_string()) {
        fail(path, FieldCode::wrong_type, "expected a string", std::nullopt);
        return std::nullopt;
    }
    const auto& raw = member.get_ref<const std::string&>();
    if (auto bad = utf8::find_invalid(raw)) {
        fail(path, FieldCode::invalid_utf8, "invalid UTF-8 at byte " + std::to_string(*bad),
             std::nullopt);
        return std::nullopt;
    }
    std::string s = text::to_nfc(raw);
    if (text::fold(s).find_first_not_of(" ") == std::string::npos) {
        fail(path, FieldCode::required, "empty", std::nullopt);
        return std::nullopt;
    }
    if (utf8::length(s) > kMaxMemberChars) {
        fail(path, FieldCode::too_long,
             "too long (at most " + std::to_string(kMaxMemberChars) + " characters)",
             kMaxMemberChars);
        return std::nullopt;
    }
    return s;
}
}  // namespace

ParsedSynonyms parse_synonyms(const nlohmann::json& value) {
    ParsedSynonyms out;
    auto fail = [&](std::string path, FieldCode code, std::string message,
                    std::optional<double> max = std::nullopt) {
        out.errors.push_back({std::move(path), code, std::move(message), std::nullopt, max});
    };
    if (!value.is_object()) {
        fail("", FieldCode::wrong_type, "expected an object with a 'groups' list");
        return out;
    }
    for (const auto& [key, v] : value.items())
        if (key != "groups") fail(key, FieldCode::unknown_field, "unknown field");
    auto groups = value.find("groups");
    if (groups == value.end() || !groups->is_array()) {
        fail("groups", FieldCode::required, "required: a list of groups");
        return out;
    }
    if (groups->size() > kMaxGroups) {
        fail("groups", FieldCode::too_many,
             "too many groups (at most " + std::to_string(kMaxGroups) + ")", kMaxGroups);
        return out;
    }
    for (std::size_t g = 0; g < groups->size(); ++g) {
        const auto& group = (*groups)[g];
        std::string gpath = "groups[" + std::to_string(g) + "]";
        if (!group.is_array() || group.size() < 2 || group.size() > kMaxMembers) {
            fail(gpath, FieldCode::invalid_format,
                 "expected a list of 2 to " + std::to_string(kMaxMembers) + " words");
            continue;
        }
        SynonymGroup members;
        for (std::size_t m = 0; m < group.size(); ++m) {
            std::string path = gpath + "[" + std::to_string(m) + "]";
            if (auto s = check_member(group[m], path, fail)) members.push_back(std::move(*s));
        }
        if (members.size() == group.size()) out.groups.push_back(std::move(members));
    }
    return out;
}

ParsedSynonymGroup parse_synonym_group(const nlohmann::json& value) {
    ParsedSynonymGroup out;
    Fail fail = [&](std::string path, FieldCode code, std::string message,
                    std::optional<double> max) {
        out.errors.push_back({std::move(path), code, std::move(message), std::nullopt, max});
    };
    if (!value.is_object()) {
        fail("", FieldCode::wrong_type, "expected an object with 'terms' and 'note'", std::nullopt);
        return out;
    }
    for (const auto& [key, v] : value.items())
        if (key != "terms" && key != "note" && key != "id")
            fail(key, FieldCode::unknown_field, "unknown field", std::nullopt);
    auto terms = value.find("terms");
    if (terms == value.end() || !terms->is_array() || terms->size() < 2) {
        fail(
            "terms",
            terms == value.end() || terms->is_array() ? FieldCode::required : FieldCode::wrong_type,
            "a list of at least 2 words or phrases that mean the same", std::nullopt);
    } else if (terms->size() > kMaxMembers) {
        fail("terms", FieldCode::too_many,
             "too many terms (at most " + std::to_string(kMaxMembers) + ")", kMaxMembers);
    } else {
        // Two terms that search the same (same canonical form) are one term.
        std::set<std::string> seen;
        for (std::size_t m = 0; m < terms->size(); ++m) {
            std::string path = "terms[" + std::to_string(m) + "]";
            auto s = check_member((*terms)[m], path, fail);
            if (!s) continue;
            if (!seen.insert(text::normalize(*s)).second) {
                fail(path, FieldCode::duplicate, "listed twice in this group", std::nullopt);
                continue;
            }
            out.group.terms.push_back(std::move(*s));
        }
    }
    if (auto note = value.find("note"); note != value.end() && !note->is_null()) {
        if (!note->is_string()) {
            fail("note", FieldCode::wrong_type, "expected a string", std::nullopt);
        } else if (auto bad = utf8::find_invalid(note->get_ref<const std::string&>())) {
            fail("note", FieldCode::invalid_utf8, "invalid UTF-8 at byte " + std::to_string(*bad),
                 std::nullopt);
        } else {
            out.group.note = text::to_nfc(note->get_ref<const std::string&>());
            if (utf8::length(out.group.note) > kMaxNoteChars)
                fail("note", FieldCode::too_long,
                     "too long (at most " + std::to_string(kMaxNoteChars) + " characters)",
                     kMaxNoteChars);
        }
    }
    return out;
}

nlohmann::json synonyms_to_json(const Synonyms& groups) {
    return {{"groups", groups}};
}

std::size_t synonym_pair_count(const Synonyms& groups) {
    std::size_t pairs = 0;
    for (const auto& g : groups) pairs += g.size() * (g.size() - 1) / 2;
    return pairs;
}

}  // namespace lc
