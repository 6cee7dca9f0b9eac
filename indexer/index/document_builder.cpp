#include "index/document_builder.h"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <vector>

#include "index/schema.h"
#include "text/vietnamese.h"
#include "util/error.h"

namespace lc {

namespace {

// Words worth offering as spelling corrections: letters, not too short or long.
bool spelling_candidate(std::string_view folded) {
    if (folded.size() < 2 || folded.size() > 32) return false;
    for (char c : folded)
        if (c >= '0' && c <= '9') return false;
    return true;
}

std::unique_ptr<icu::Collator> make_collator(const char* locale) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale(locale), status));
    if (U_FAILURE(status) || !c) throw Error(std::string("ICU: no collator for ") + locale);
    return c;
}

}  // namespace

struct DocumentBuilder::Collators {
    std::unique_ptr<icu::Collator> vi = make_collator("vi");
    std::unique_ptr<icu::Collator> en = make_collator("en");
};

DocumentBuilder::DocumentBuilder() : collators_(std::make_unique<Collators>()) {}
DocumentBuilder::~DocumentBuilder() = default;

std::string DocumentBuilder::sort_key(const std::string& name, std::string_view lang) {
    icu::Collator& c = lang == "en" ? *collators_->en : *collators_->vi;
    auto u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
    std::vector<uint8_t> key(64 + 4 * name.size());
    int32_t n = c.getSortKey(u, key.data(), static_cast<int32_t>(key.size()));
    if (n > static_cast<int32_t>(key.size())) {
        key.resize(static_cast<std::size_t>(n));
        n = c.getSortKey(u, key.data(), n);
    }
    // The key ends with a NUL byte that carries no order.
    return std::string(reinterpret_cast<const char*>(key.data()),
                       n > 0 ? static_cast<std::size_t>(n - 1) : 0);
}

Xapian::termpos DocumentBuilder::index_text(Xapian::Document& doc, const std::string& text,
                                            Xapian::termpos pos, const FieldRule& rule) {
    if (text.empty()) return pos;
    previous_.clear();
    Xapian::termpos previous_position = 0;
    pos = tokenizer_.each(text, pos, [&](const text::TokenView& t) {
        if (!previous_.empty() && t.position == previous_position + 1) {
            term_.assign(schema::kPairPrefix).append(previous_).append(" ").append(t.folded);
            doc.add_term(term_);
        }
        previous_.assign(t.folded);
        previous_position = t.position;
        const bool marked = t.canonical != t.folded;
        if (marked) {
            term_.assign(schema::kText.canonical).append(t.canonical);
            doc.add_posting(term_, t.position, rule.wdf);
        }
        term_.assign(schema::kText.folded).append(t.folded);
        doc.add_posting(term_, t.position, rule.wdf);
        if (rule.own_words) {
            if (marked) {
                term_.assign(rule.own_words->canonical).append(t.canonical);
                doc.add_term(term_);
            }
            term_.assign(rule.own_words->folded).append(t.folded);
            doc.add_term(term_);
        }
        if (rule.stems) {
            term_.assign(schema::kStemPrefix).append(english_(std::string(t.folded)));
            doc.add_term(term_, rule.wdf);
        }
        if (spelling_candidate(t.folded)) {
            if (auto it = spelling_.find(t.folded); it != spelling_.end())
                ++it->second;
            else
                spelling_.emplace(std::string(t.folded), 1);
        }
    });
    return pos + schema::kFieldGap;
}

void DocumentBuilder::add_whole_name(Xapian::Document& doc, std::string_view prefix,
                                     const std::string& name) {
    term_.assign(prefix);
    std::size_t start = term_.size();
    tokenizer_.each(name, 0, [&](const text::TokenView& t) {
        if (term_.size() > start) term_.push_back(' ');
        term_.append(t.folded);
    });
    if (term_.size() > start && term_.size() < 240) doc.add_term(term_);
}

Xapian::Document DocumentBuilder::build(const Entry& e, const std::string& stored_json) {
    namespace s = schema;
    Xapian::Document doc;
    doc.set_data(stored_json);

    const FieldRule vi_name{s::kNameWdf, false, &s::kNameWords},
        en_name{s::kNameWdf, true, &s::kNameWords}, alias{s::kAliasWdf, false, &s::kAliasWords},
        vi_summary{s::kSummaryWdf, false, nullptr}, en_summary{s::kSummaryWdf, true, nullptr},
        vi_body{s::kBodyWdf, false, nullptr}, en_body{s::kBodyWdf, true, nullptr},
        place{s::kPlaceWdf, false, nullptr};
    Xapian::termpos pos = 1;
    pos = index_text(doc, e.name.vi, pos, vi_name);
    pos = index_text(doc, e.name.en, pos, en_name);
    for (const auto& a : e.aliases) pos = index_text(doc, a, pos, alias);
    pos = index_text(doc, e.summary.vi, pos, vi_summary);
    pos = index_text(doc, e.summary.en, pos, en_summary);
    pos = index_text(doc, e.body.vi, pos, vi_body);
    pos = index_text(doc, e.body.en, pos, en_body);
    pos = index_text(doc, e.area, pos, place);
    pos = index_text(doc, e.former_district, pos, place);
    for (const auto& theme : e.themes) pos = index_text(doc, theme, pos, place);

    for (const std::string* name : {&e.name.vi, &e.name.en})
        add_whole_name(doc, schema::kWholeNamePrefix, *name);
    for (const auto& alias : e.aliases) add_whole_name(doc, schema::kWholeAliasPrefix, alias);

    doc.add_boolean_term(std::string(s::kIdPrefix) + e.slug);
    doc.add_boolean_term(std::string(s::kKindPrefix) + std::string(to_string(e.kind)));
    std::string themes;
    for (const auto& theme : e.themes) {
        doc.add_boolean_term(std::string(s::kThemePrefix) + theme);
        if (!themes.empty()) themes.push_back(s::kListSeparator);
        themes += theme;
    }
    // Filtering by a district that ended in 2025 still finds its places: the
    // old name is a second area term ("Tân Uyên" the district, while the new
    // unit's term carries its type, "xã Tân Uyên").
    for (const std::string* area : {&e.area, &e.former_district})
        if (!area->empty()) doc.add_boolean_term(std::string(s::kAreaPrefix) + text::fold(*area));
    if (e.ocop_stars)
        doc.add_boolean_term(std::string(s::kStarsPrefix) + std::to_string(*e.ocop_stars));
    for (int month : e.season)
        doc.add_boolean_term(std::string(s::kMonthPrefix) + std::to_string(month));

    doc.add_value(s::kSlotKind, std::string(to_string(e.kind)));
    if (!e.area.empty()) doc.add_value(s::kSlotArea, e.area);
    if (!themes.empty()) doc.add_value(s::kSlotThemes, themes);
    if (e.ocop_stars) doc.add_value(s::kSlotStars, std::to_string(*e.ocop_stars));
    if (e.location)
        doc.add_value(s::kSlotLocation,
                      Xapian::LatLongCoords(Xapian::LatLongCoord(e.location->lat, e.location->lon))
                          .serialise());
    doc.add_value(s::kSlotSortVi, sort_key(e.name.vi, "vi"));
    doc.add_value(s::kSlotSortEn, sort_key(e.name.en.empty() ? e.name.vi : e.name.en, "en"));
    return doc;
}

}  // namespace lc
