// The page's HTML shell, web/index.html, made ready once per language for
// pages rendered on the server: its data-i18n words filled from strings.json
// and its addresses made those of the language. Each page is that shell with
// the page's own head and content put into elements found by their id, the
// same elements web/js fills when scripts run, so a page reads the same with
// or without them and the scripts take it over in place.
#pragma once

#include <filesystem>
#include <string>

#include "api/page_strings.h"

namespace lc::api {

// What a page puts into the shell. Text members are plain text (escaped
// here); *_html members are markup the page renderers (page_views.h) made.
struct PageContent {
    std::string lang = "vi";  // "vi" or "en"
    std::string title;
    std::string description;
    std::string head_html;         // canonical, alternates, OpenGraph, JSON-LD
    std::string vi_href, en_href;  // this page in each language
    std::string query;             // the search box's value

    // A search (also the home page): the results column.
    std::string filters_html, count_text, correction_html, sort_html, results_html;
    std::size_t results_start = 1;
    std::string empty_html, paging_html, downloads_html;

    // An entry: the detail, with the results column hidden.
    std::string detail_html;
};

class PageShell {
  public:
    // Reads WEB/index.html and WEB/js/strings.json; std::runtime_error naming
    // the file when either cannot be read or index.html lacks an element a
    // page fills.
    static PageShell load(const std::filesystem::path& web_dir);

    const PageStrings& strings() const { return strings_; }
    std::string render(const PageContent& page) const;

  private:
    PageStrings strings_;
    std::string shell_vi_, shell_en_;
};

}  // namespace lc::api
