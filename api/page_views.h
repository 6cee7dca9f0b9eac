// The HTML of what a server-rendered page shows, laid out as web/js lays it
// out (results.js, facets.js, entry.js, downloads.js) so the page looks the
// same before and after its scripts run. Every text is escaped here; the
// snippets come from the engine escaped already, with their <mark>s.
#pragma once

#include <string>
#include <string_view>

#include "api/page_shell.h"
#include "api/page_strings.h"
#include "catalog/store.h"
#include "search/search_types.h"

namespace lc::api {

// The results column of a search page: count, correction, filters as a GET
// form, sort, results, paging and the download links.
void render_search(PageContent& page, const SearchRequest& request, const SearchResponse& response,
                   const PageStrings& words);

// One entry as a visitor sees it, with its photos.
std::string render_entry(const StoredEntry& stored, const PageStrings& words,
                         std::string_view lang);

// The words that head a search narrowed to months ("Tháng 3 có gì"), "" for none.
std::string what_to_see(const std::vector<int>& months, const PageStrings& words,
                        std::string_view lang);

}  // namespace lc::api
