#include "catalog/season_words.h"

#include <array>
#include <bitset>

namespace lc {

namespace {

constexpr std::array<std::string_view, 12> kEnglishMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

std::string month_name(int month, std::string_view lang) {
    if (lang == "en") return std::string(kEnglishMonths[static_cast<std::size_t>(month - 1)]);
    return "tháng " + std::to_string(month);
}

int next_month(int month) {
    return month % 12 + 1;
}
int previous_month(int month) {
    return (month + 10) % 12 + 1;
}

}  // namespace

std::string season_words(const std::vector<int>& months, std::string_view lang) {
    std::bitset<13> in_season;
    for (int m : months)
        if (m >= 1 && m <= 12) in_season.set(static_cast<std::size_t>(m));
    if (in_season.none()) return "";
    if (in_season.count() == 12) return lang == "en" ? "all year" : "cả năm";

    std::string out;
    // A range starts at a month whose previous month is not in season; going
    // through starts in calendar order lists December – February after June.
    for (int start = 1; start <= 12; ++start) {
        if (!in_season[static_cast<std::size_t>(start)] ||
            in_season[static_cast<std::size_t>(previous_month(start))])
            continue;
        int end = start;
        while (in_season[static_cast<std::size_t>(next_month(end))]) end = next_month(end);
        if (!out.empty()) out += ", ";
        out += month_name(start, lang);
        if (end != start) out += " – " + month_name(end, lang);
    }
    return out;
}

}  // namespace lc
