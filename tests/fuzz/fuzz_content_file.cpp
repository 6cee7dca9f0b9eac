// A content file (content/<kind>/<slug>.yaml) as the loader reads it: YAML to
// JSON with field lines, then the entry validator and the synonyms reader.
// A YamlError is the only way the YAML part may fail; every validation error
// must point at a line of the file.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

#include "catalog/synonyms.h"
#include "catalog/validation.h"
#include "catalog/yaml_document.h"
#include "fuzz_fail.h"

namespace {

[[noreturn]] void fail(const std::string& what, std::string_view input) {
    lc::fuzz::fail("fuzz_content_file", what, input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    lc::YamlDocument doc;
    try {
        doc = lc::parse_yaml_document(input);
    } catch (const lc::YamlError& e) {
        if (e.line() < 1) fail("a YamlError without a line", input);
        return 0;
    } catch (const std::exception& e) {
        fail(std::string("parse_yaml_document threw something else: ") + e.what(), input);
    }

    // YAML strings need not be UTF-8, so the value may not be dumpable; the
    // validator must report such text rather than throw.
    auto parsed = lc::parse_entry(doc.value);
    if (parsed.entry.has_value() == !parsed.errors.empty())
        fail("an entry and errors, or neither", input);
    for (const auto& e : parsed.errors) {
        int line = doc.line_of(e.path);
        if (line < 1) fail("an error at line " + std::to_string(line), input);
    }
    if (parsed.entry) {
        auto again = lc::parse_entry(nlohmann::json::parse(lc::to_canonical_json(*parsed.entry)));
        if (!again.entry || !(*again.entry == *parsed.entry))
            fail("the entry changed in a round trip", input);
    }
    auto synonyms = lc::parse_synonyms(doc.value);
    (void)synonyms;
    return 0;
}
