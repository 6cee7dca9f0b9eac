// Respelling a query that found little or nothing, with the index's spelling
// dictionary (the folded words of the catalog, fed to Xapian at index time).
//
// A word typed without accents is corrected on its folded form ("hoo" → "ho").
// A word typed with accents is only corrected when its folded form is unknown,
// and the correction keeps the person's accents and tone where the corrected
// word has them in the catalog; otherwise it is offered without accents. So
// "chó" is never turned into "chòe": "cho" is a known word, and tones are not
// something we guess.
#pragma once

#include <optional>
#include <vector>

#include <xapian.h>

#include "search/query_parser.h"

namespace lc {

class SpellingCorrector {
public:
    explicit SpellingCorrector(const Xapian::Database& db) : db_(db) {}

    // The query with every unknown word respelled, or nothing when no word
    // has a correction.
    std::optional<ParsedQuery> correct_unknown(const ParsedQuery& query) const;

    // Variants of the query with one known word respelled each (for when every
    // word exists but together they match nothing).
    std::vector<ParsedQuery> one_word_variants(const ParsedQuery& query) const;

private:
    bool known(const std::string& folded) const;
    std::optional<QueryWord> correction(const QueryWord& w) const;

    const Xapian::Database& db_;
};

}  // namespace lc
