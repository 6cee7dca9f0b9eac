// An entry's season (month numbers) said in words, for pages and exports:
// consecutive months become a range, and a range may run over the new year
// ("tháng 12 – tháng 2", "December – February"). web/js/season-words.js says
// the same in the browser; the two are tested against the same rows.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lc {

// `months` are 1..12 in any order (others and repeats are ignored); `lang` is
// "vi" or "en" (anything else reads as "vi"). Ranges are listed from the
// earliest start month, joined by ", "; every month is "cả năm" / "all year";
// no month is "".
std::string season_words(const std::vector<int>& months, std::string_view lang);

}  // namespace lc
