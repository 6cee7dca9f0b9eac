// What search engines and link previews read in a page's <head>: canonical
// address, the page in each language (hreflang), OpenGraph, and for an
// entry a schema.org description (JSON-LD) fitting its kind.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "api/page_strings.h"
#include "catalog/store.h"

namespace lc::api {

struct PageMeta {
    std::string lang;  // "vi" or "en"
    std::string title, description;
    std::string canonical;         // absolute, as are the next ones
    std::string vi_url, en_url;    // the same page in each language (x-default: Vietnamese)
    std::string image, image_alt;  // the cover photo; "" for none
    bool index = true;             // false: search engines may follow the links, not list the page
    std::optional<nlohmann::ordered_json> json_ld;
};

std::string head_html(const PageMeta& meta);

// The schema.org object for an entry: TouristAttraction (destinations),
// Product, Event (its months as a yearly schedule) or Project (investment
// opportunities: a planned undertaking looking for investors); with the
// administrative area, the point when it has one, and the cover photo.
nlohmann::ordered_json entry_json_ld(const Entry& entry, std::string_view lang,
                                     const std::string& url, const std::string& image);

}  // namespace lc::api
