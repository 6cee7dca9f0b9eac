// Entry JSON as the API and JSON Lines files receive it: any JSON value through
// the validator; a valid entry must survive its canonical serialization
// unchanged (to_canonical_json → parse → parse_entry gives the same entry and
// the same bytes). The same value is also read as a synonyms file.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "catalog/synonyms.h"
#include "catalog/validation.h"
#include "fuzz_fail.h"
#include "text/utf8.h"

namespace {

[[noreturn]] void fail(const std::string& what, std::string_view input) {
    lc::fuzz::fail("fuzz_entry_json", what, input);
}

void check_entry(const nlohmann::json& value, std::string_view input) {
    auto parsed = lc::parse_entry(value);
    if (parsed.entry.has_value() == !parsed.errors.empty())
        fail("an entry and errors, or neither", input);
    for (const auto& e : parsed.errors)
        if (e.message.empty() || lc::utf8::find_invalid(e.path))
            fail("an error without a message", input);
    if (!parsed.entry) return;

    const std::string canonical = lc::to_canonical_json(*parsed.entry);
    auto again = nlohmann::json::parse(canonical, nullptr, false);
    if (again.is_discarded()) fail("canonical JSON does not parse", input);
    auto reparsed = lc::parse_entry(again);
    if (!reparsed.entry) fail("canonical JSON is not a valid entry", input);
    if (!(*reparsed.entry == *parsed.entry)) fail("the entry changed in a round trip", input);
    if (lc::to_canonical_json(*reparsed.entry) != canonical) fail("canonical JSON changed", input);
}

void check_synonyms(const nlohmann::json& value, std::string_view input) {
    auto parsed = lc::parse_synonyms(value);
    if (!parsed.errors.empty()) return;
    auto again = lc::parse_synonyms(lc::synonyms_to_json(parsed.groups));
    if (!again.errors.empty() || again.groups != parsed.groups)
        fail("synonyms changed in a round trip", input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    auto value = nlohmann::json::parse(input, nullptr, false);
    if (value.is_discarded()) return 0;
    check_entry(value, input);
    check_synonyms(value, input);
    return 0;
}
