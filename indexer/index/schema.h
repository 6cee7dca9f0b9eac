// How an entry is laid out in the Xapian index. Writer and searcher both use
// these names; change kIndexFormat when the layout changes so old indexes are
// rebuilt instead of misread.
#pragma once

#include <string_view>

#include <xapian.h>

namespace lc::schema {

inline constexpr std::string_view kIndexFormat = "lc-index-4";

// Text fields. Each word is indexed twice, with positions: the canonical
// (accented) form under the field's prefix and the folded form under the
// folded prefix. A word written without diacritics has the same canonical
// and folded form; it is stored once, under the folded prefix, which is then
// also its canonical term (this saves a third of the postings, as English
// text and many Vietnamese syllables carry no marks). English text also gets
// English stems (no positions).
struct TextField {
    std::string_view canonical;
    std::string_view folded;
    std::string_view stemmed;  // empty: no stems for this field
    double weight;             // how much a match here counts at query time
};
inline constexpr TextField kName{"N", "XN", "ZN", 4.0};
inline constexpr TextField kAliases{"A", "XA", "", 3.0};
inline constexpr TextField kSummary{"D", "XD", "ZD", 1.6};
inline constexpr TextField kBody{"B", "XB", "ZB", 1.0};
inline constexpr TextField kPlace{"L", "XL", "", 1.2};  // area and theme words
inline constexpr TextField kTextFields[] = {kName, kAliases, kSummary, kBody, kPlace};

// Positions: each field (and each alias, each language) starts this far after
// the last, so a phrase never spans two of them.
inline constexpr Xapian::termpos kFieldGap = 100;

// The whole name (and each whole alias), folded, syllables joined by spaces:
// a query that is exactly a name ranks that entry first.
inline constexpr std::string_view kWholeNamePrefix = "XE";
inline constexpr std::string_view kWholeAliasPrefix = "XF";

// Two words standing together in one field (adjacent positions), folded and
// joined by a space, without positions: "XPdu lich". A two-word phrase is then
// one posting list instead of position checks on every entry with both
// words, which on a large catalog was most of the cost of a quoted query.
inline constexpr std::string_view kPairPrefix = "XP";

// Boolean terms for filters.
inline constexpr std::string_view kIdPrefix = "Q";      // + slug (unique)
inline constexpr std::string_view kKindPrefix = "K";    // + kind
inline constexpr std::string_view kThemePrefix = "T";   // + theme slug
inline constexpr std::string_view kAreaPrefix = "G";    // + fold(area)
inline constexpr std::string_view kStarsPrefix = "S";   // + 3..5

// Values for facets, sorting and distance.
enum Slot : Xapian::valueno {
    kSlotKind = 0,
    kSlotArea = 1,
    kSlotThemes = 2,  // theme slugs joined by kListSeparator
    kSlotStars = 3,
    kSlotLocation = 4,  // Xapian::LatLongCoords serialisation
    kSlotSortVi = 5,    // ICU Vietnamese collation key of name.vi
    kSlotSortEn = 6,    // ICU English collation key of name.en (or name.vi)
};
inline constexpr char kListSeparator = '\x1f';

// Metadata keys.
inline constexpr std::string_view kMetaFormat = "lc.format";
inline constexpr std::string_view kMetaChangeSeq = "lc.change_seq";
inline constexpr std::string_view kMetaSynonymsVersion = "lc.synonyms_version";
inline constexpr std::string_view kMetaBuiltAt = "lc.built_at";

}  // namespace lc::schema
