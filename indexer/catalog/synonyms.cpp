#include "catalog/synonyms.h"

#include "text/utf8.h"
#include "text/vietnamese.h"

namespace lc {

namespace {
constexpr std::size_t kMaxGroups = 10'000;
constexpr std::size_t kMaxMembers = 20;
constexpr std::size_t kMaxMemberChars = 100;
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
            const auto& member = group[m];
            if (!member.is_string()) {
                fail(path, FieldCode::wrong_type, "expected a string");
                continue;
            }
            const auto& raw = member.get_ref<const std::string&>();
            if (auto bad = utf8::find_invalid(raw)) {
                fail(path, FieldCode::invalid_utf8,
                     "invalid UTF-8 at byte " + std::to_string(*bad));
                continue;
            }
            std::string s = text::to_nfc(raw);
            if (text::fold(s).find_first_not_of(" ") == std::string::npos) {
                fail(path, FieldCode::required, "empty");
            } else if (utf8::length(s) > kMaxMemberChars) {
                fail(path, FieldCode::too_long,
                     "too long (at most " + std::to_string(kMaxMemberChars) + " characters)",
                     kMaxMemberChars);
            } else {
                members.push_back(std::move(s));
            }
        }
        if (members.size() == group.size()) out.groups.push_back(std::move(members));
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
