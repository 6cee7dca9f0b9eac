// How an entry is laid out in the Xapian index. Writer and searcher both use
// these names; change kIndexFormat when the layout changes so old indexes are
// rebuilt instead of misread.
#pragma once

#include <string_view>

#include <xapian.h>

namespace lc::schema {

inline constexpr std::string_view kIndexFormat = "lc-index-7";

// Words are indexed once for all the text of an entry (name, aliases,
// summary, body, area and themes, both languages), with positions: the
// folded form under kText.folded and, when the word has marks, the canonical
// (accented) form under kText.canonical at the same position. A word written
// without diacritics has the same canonical and folded form; it is stored
// once, folded, which is then also its canonical term (this saves a third of
// the postings, as English text and many Vietnamese syllables carry no marks).
//
// Where a word stands counts through its wdf: each occurrence adds its
// field's weight below, so a word in the name counts as four in the body. One
// posting list per word, rather than one per word and field, is what keeps
// counting and ranking fast on a large catalog: a three-word query reads
// three lists, not fifteen (ARCHITECTURE.md).
struct WordPrefixes {
    std::string_view canonical;
    std::string_view folded;
};
inline constexpr WordPrefixes kText{"V", "W"};
inline constexpr Xapian::termcount kNameWdf = 4;
inline constexpr Xapian::termcount kAliasWdf = 3;
inline constexpr Xapian::termcount kSummaryWdf = 3;
inline constexpr Xapian::termcount kBodyWdf = 1;
inline constexpr Xapian::termcount kPlaceWdf = 1;  // area and theme words

// English text also gets English stems (no positions, same wdf).
inline constexpr std::string_view kStemPrefix = "Z";

// The name's and aliases' words once more on their own (no positions), so
// that ranking can prefer a match in the name and search-as-you-type can
// match names only.
inline constexpr WordPrefixes kNameWords{"N", "XN"};
inline constexpr WordPrefixes kAliasWords{"A", "XA"};

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
inline constexpr std::string_view kIdPrefix = "Q";     // + slug (unique)
inline constexpr std::string_view kKindPrefix = "K";   // + kind
inline constexpr std::string_view kThemePrefix = "T";  // + theme slug
inline constexpr std::string_view kAreaPrefix = "G";   // + fold(area), fold(former_district)
inline constexpr std::string_view kStarsPrefix = "S";  // + 3..5
inline constexpr std::string_view kMonthPrefix = "M";  // + 1..12, each month of season

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
