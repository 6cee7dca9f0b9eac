#include "index/touched_record.h"

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "index/schema.h"

namespace lc {

namespace {

// Readers more than this many batches behind start cold: by then most of
// what they kept has been touched anyway.
constexpr Xapian::rev kRecordsKept = 64;
// A batch touching more documents is not recorded: rereading the touched
// documents' terms would cost more than a cold start.
constexpr std::size_t kMostRecorded = 2000;

std::string key_of(Xapian::rev base) {
    return "lc.touched." + std::to_string(base);
}

}  // namespace

void record_touched(Xapian::WritableDatabase& db, Xapian::rev base,
                    const TouchedDocuments& touched) {
    if (base >= kRecordsKept) db.set_metadata(key_of(base - kRecordsKept), "");
    if (touched.ids.size() > kMostRecorded) return;
    std::string value = touched.values_changed ? "v" : "-";
    for (Xapian::docid id : touched.ids) value += " " + std::to_string(id);
    db.set_metadata(key_of(base), value);
}

std::optional<TouchedDocuments> touched_between(const Xapian::Database& db, Xapian::rev from,
                                                Xapian::rev to) {
    if (to < from || to - from > kRecordsKept) return std::nullopt;
    TouchedDocuments all;
    for (Xapian::rev r = from; r < to; ++r) {
        const std::string value = db.get_metadata(key_of(r));
        if (value.empty()) return std::nullopt;
        all.values_changed = all.values_changed || value[0] == 'v';
        std::istringstream ids(value.substr(1));
        for (Xapian::docid id; ids >> id;) all.ids.push_back(id);
    }
    std::sort(all.ids.begin(), all.ids.end());
    all.ids.erase(std::unique(all.ids.begin(), all.ids.end()), all.ids.end());
    return all;
}

namespace {

std::vector<std::string> month_terms(const Xapian::Document& doc) {
    std::vector<std::string> terms;
    auto it = doc.termlist_begin();
    it.skip_to(std::string(schema::kMonthPrefix));
    for (; it != doc.termlist_end(); ++it) {
        const std::string term = *it;
        if (!term.starts_with(schema::kMonthPrefix)) break;
        terms.push_back(term);
    }
    return terms;
}

}  // namespace

bool same_facet_inputs(const Xapian::Document& before, const Xapian::Document& after) {
    auto a = before.values_begin(), b = after.values_begin();
    for (; a != before.values_end() && b != after.values_end(); ++a, ++b)
        if (a.get_valueno() != b.get_valueno() || *a != *b) return false;
    if (a != before.values_end() || b != after.values_end()) return false;
    return month_terms(before) == month_terms(after);
}

}  // namespace lc
