// The addresses of the server-rendered pages, one per page and language:
//   /vi/  /en/                         the home page
//   /{lang}/search?q=…&kind=…          a search, with /api/search's filters
//   /{lang}/entries/{slug}             one entry
// and the older addresses of the page (/?q=…&lang=en, /?entry=…), which
// redirect to them. web/js/state.js writes the same addresses.
#pragma once

#include <httplib.h>

#include <optional>
#include <string>
#include <string_view>

#include "search/search_types.h"

namespace lc::api {

std::string home_href(std::string_view lang);
std::string entry_href(std::string_view lang, std::string_view slug);
// The search's parameters as /api/search reads them, defaults left out
// (lang is the path's, never a parameter).
std::string search_href(const SearchRequest& request);

// A number as the address writes it: the shortest form that reads back the same.
std::string plain_number(double value);

// Percent-encoding for a query parameter's value.
std::string url_encode(std::string_view text);

// Where an older address of the page now lives: "/" and "/index.html" with
// parameters (lang, entry, q and the filters, view); nothing for any other
// path, or for "/index.html" alone (the static shell the page's scripts
// start from). "/" alone goes to "/vi/".
struct Redirect {
    int status = 301;
    std::string location;
};
std::optional<Redirect> redirect_for_old_address(const httplib::Request& req);

}  // namespace lc::api
