// The query path: what a person types, through the query parser, the query
// builder, spelling correction, facets and snippets, to search results and
// suggestions, over a small index of content/ built once at start.
//
// Input: one byte of options, then the query text (at most the 200 characters
// the API accepts). Nothing may throw: invalid UTF-8 is cut at the first bad
// byte by the query parser.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/content_loader.h"
#include "catalog/store.h"
#include "fuzz_fail.h"
#include "index/index_writer.h"
#include "index/progress.h"
#include "search/search_service.h"
#include "text/utf8.h"

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxQueryChars = 200;  // what lc-api accepts (api/params.cpp)

fs::path& data_dir() {
    static fs::path dir;
    return dir;
}

std::unique_ptr<lc::SearchService>& service() {
    static std::unique_ptr<lc::SearchService> s;
    return s;
}

void remove_data_dir() {
    service().reset();
    std::error_code ec;
    if (!data_dir().empty()) fs::remove_all(data_dir(), ec);
}

[[noreturn]] void fail(const std::string& what, std::string_view input) {
    lc::fuzz::fail("fuzz_query", what, input);
}

// At most `max_chars` code points of the valid part. Invalid bytes after a
// short valid part are kept: the query parser must cut them itself.
std::string_view limit(std::string_view s, std::size_t max_chars) {
    std::string_view valid = s;
    if (auto bad = lc::utf8::find_invalid(s)) valid = s.substr(0, *bad);
    std::size_t pos = 0;
    for (std::size_t n = 0; n < max_chars && pos < valid.size(); ++n) lc::utf8::next(valid, pos);
    return pos < valid.size() ? s.substr(0, pos) : s;
}

// Snippets are HTML-escaped text with <mark> around matched words.
bool is_escaped_snippet(std::string s) {
    for (std::string_view tag : {"<mark>", "</mark>"})
        for (auto at = s.find(tag); at != std::string::npos; at = s.find(tag))
            s.erase(at, tag.size());
    return s.find_first_of("<>\"'") == std::string::npos;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    std::string pattern = (fs::temp_directory_path() / "lc-fuzz-query-XXXXXX").string();
    if (!mkdtemp(pattern.data())) {
        std::perror("fuzz_query: mkdtemp");
        std::exit(1);
    }
    data_dir() = pattern;
    std::atexit(remove_data_dir);

    auto loaded = lc::load_content({fs::path(LC_SOURCE_DIR) / "content"});
    if (!loaded.errors.empty() || loaded.entries.empty()) {
        for (const auto& e : loaded.errors) std::fprintf(stderr, "%s\n", e.c_str());
        std::fprintf(stderr, "fuzz_query: content/ did not load\n");
        std::exit(1);
    }
    std::vector<lc::Entry> entries;
    for (auto& e : loaded.entries) entries.push_back(std::move(e.entry));
    {
        lc::Store store(data_dir(), lc::Store::Mode::create_if_missing);
        store.import(entries, loaded.synonyms, "fuzz");
        lc::SilentProgress progress;
        lc::rebuild_index(store, data_dir(), progress, lc::BuildOptions{1, 0});
    }
    service() = std::make_unique<lc::SearchService>(data_dir());
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const unsigned options = data[0];
    const std::string query(limit(input.substr(1), kMaxQueryChars));

    lc::SearchRequest request;
    request.query = query;
    request.lang = options & 1 ? "en" : "vi";
    request.prefix = options & 2;
    if (options & 4) request.sort = lc::SortOrder::name;
    // Small pages keep the fuzzer fast (each hit parses its stored entry and
    // makes a snippet) and let pages 2 to 4 of a small catalog have hits.
    request.per_page = options & 8 ? 10 : 3;
    request.page = 1 + ((options >> 4) & 3);
    if ((options & 0xC0) == 0xC0) request.page = 1000;  // the API's largest page
    if (options & 0x40) {
        request.near = lc::GeoPoint{22.39, 103.46};  // Lai Châu town
        if (options & 0x80)
            request.radius_km = 30;
        else
            request.sort = lc::SortOrder::distance;
    }

    try {
        auto response = service()->search(request);
        if (response.results.size() > request.per_page) fail("more results than per_page", input);
        if (response.total < response.results.size()) fail("total below the results shown", input);
        for (const auto& hit : response.results) {
            if (hit.slug.empty() || hit.name.empty()) fail("a hit without slug or name", input);
            if (lc::utf8::find_invalid(hit.snippet)) fail("a snippet that is not UTF-8", input);
            if (!is_escaped_snippet(hit.snippet))
                fail("a snippet with markup: " + hit.snippet, input);
        }
        auto suggestions = service()->suggest(query, request.lang, 8);
        if (suggestions.size() > 8) fail("more than 8 suggestions", input);
    } catch (const std::exception& e) {
        fail(std::string("exception: ") + e.what(), input);
    }
    return 0;
}
