// Search matches as CSV (RFC 4180) for spreadsheets: UTF-8 with a byte-order
// mark, so that spreadsheet programs read Vietnamese as UTF-8 rather than
// their locale's code page, CRLF line ends and one header row of stable
// columns (kExportCsvColumns).
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/entry.h"

namespace lc::api {

inline constexpr std::array<std::string_view, 11> kExportCsvColumns = {
    "slug",   "kind",    "name_vi", "name_en", "area", "themes", "lat", "lon", "location_precision",
    "months", "page_url"};

// One field: quoted when it holds a comma, a quote, CR or LF (quotes
// doubled); a text cell a spreadsheet would run as a formula (starting with
// = + - @, tab or CR) is prefixed with an apostrophe (OWASP's CSV-injection
// advice). Numbers do not go through this.
std::string csv_field(std::string_view text);

// The whole file; page_url is `page_url_prefix` + slug. Lists (themes,
// months) are joined by ";"; an entry without a location leaves lat, lon and
// location_precision empty.
std::string csv_of(const std::vector<Entry>& entries, const std::string& page_url_prefix);

}  // namespace lc::api
