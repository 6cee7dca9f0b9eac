#include "search/facets.h"

#include <map>

#include "index/schema.h"

namespace lc {

namespace {

template <typename Code>
Code code_of(std::map<std::string, Code>& codes, std::vector<std::string>& names,
             const std::string& value) {
    auto [it, inserted] = codes.emplace(value, static_cast<Code>(names.size() + 1));
    if (inserted) names.push_back(value);
    return it->second;
}

}  // namespace

std::shared_ptr<const FacetTable> FacetTable::build(const Xapian::Database& db) {
    auto table = std::make_shared<FacetTable>();
    table->docs.resize(static_cast<std::size_t>(db.get_lastdocid()) + 1);
    std::map<std::string, std::uint8_t> kinds;
    std::map<std::string, std::uint16_t> areas, themes;
    for (auto it = db.valuestream_begin(schema::kSlotKind);
         it != db.valuestream_end(schema::kSlotKind); ++it)
        table->docs[it.get_docid()].kind = code_of(kinds, table->kinds, *it);
    for (auto it = db.valuestream_begin(schema::kSlotArea);
         it != db.valuestream_end(schema::kSlotArea); ++it) {
        // More than 65,535 distinct areas would be a data error; stop counting new ones.
        if (table->areas.size() < 0xFFFE)
            table->docs[it.get_docid()].area = code_of(areas, table->areas, *it);
    }
    for (auto it = db.valuestream_begin(schema::kSlotStars);
         it != db.valuestream_end(schema::kSlotStars); ++it) {
        int stars = std::atoi((*it).c_str());
        if (stars >= 3 && stars <= 5)
            table->docs[it.get_docid()].stars = static_cast<std::uint8_t>(stars);
    }
    for (auto it = db.valuestream_begin(schema::kSlotThemes);
         it != db.valuestream_end(schema::kSlotThemes); ++it) {
        auto& doc = table->docs[it.get_docid()];
        doc.themes_begin = static_cast<std::uint32_t>(table->theme_codes.size());
        const std::string value = *it;
        std::size_t start = 0;
        while (start <= value.size()) {
            std::size_t end = value.find(schema::kListSeparator, start);
            if (end == std::string::npos) end = value.size();
            if (end > start && table->themes.size() < 0xFFFE)
                table->theme_codes.push_back(
                    code_of(themes, table->themes, value.substr(start, end - start)));
            start = end + 1;
        }
        doc.themes_end = static_cast<std::uint32_t>(table->theme_codes.size());
    }
    // Months are boolean terms, not values: twelve posting lists.
    for (int month = 1; month <= 12; ++month) {
        const std::string term = std::string(schema::kMonthPrefix) + std::to_string(month);
        for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it)
            if (*it < table->docs.size())
                table->docs[*it].months |= static_cast<std::uint16_t>(1u << month);
    }
    return table;
}

FacetCounter::FacetCounter(const FacetTable& table)
    : table_(table),
      kind_(table_.kinds.size() + 1),
      area_(table_.areas.size() + 1),
      theme_(table_.themes.size() + 1),
      stars_(6),
      months_(13) {}

void FacetCounter::count(Xapian::docid id) {
    // A document newer than the table (the index moved on mid-search) is not counted.
    if (id >= table_.docs.size()) return;
    const auto& d = table_.docs[id];
    ++kind_[d.kind];
    ++area_[d.area];
    ++stars_[d.stars];
    for (auto i = d.themes_begin; i < d.themes_end; ++i) ++theme_[table_.theme_codes[i]];
    if (d.months)
        for (std::size_t month = 1; month <= 12; ++month)
            if (d.months & (1u << month)) ++months_[month];
}

void FacetCounter::fill(SearchResponse& r) const {
    auto copy = [](const std::vector<std::size_t>& counts, const std::vector<std::string>& names,
                   FacetCounts& out) {
        for (std::size_t i = 1; i < counts.size(); ++i)
            if (counts[i]) out[names[i - 1]] = counts[i];
    };
    copy(kind_, table_.kinds, r.kind_facet);
    copy(area_, table_.areas, r.area_facet);
    copy(theme_, table_.themes, r.theme_facet);
    for (int s = 3; s <= 5; ++s)
        if (stars_[static_cast<std::size_t>(s)])
            r.stars_facet[std::to_string(s)] = stars_[static_cast<std::size_t>(s)];
    for (std::size_t month = 1; month <= 12; ++month)
        if (months_[month]) r.month_facet[std::to_string(month)] = months_[month];
}

}  // namespace lc
