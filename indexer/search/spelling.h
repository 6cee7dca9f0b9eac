// Respelling a query that found little or nothing, with the index's spelling
// dictionary (the folded words of the catalog). An unknown word may be
// Vietnamese typed with the input method off ("ddaof" → đào, with the tone it
// spells), several words run together ("tanuyen" → tan uyen), or a typo
// (the nearest words); each is tried, in that order, and the respelling that
// finds most wins (search_pipeline.cpp).
//
// A word typed without accents is corrected on its folded form ("hoo" → "ho").
// A word typed with accents is only corrected when its folded form is unknown,
// and the correction keeps the person's accents and tone where the corrected
// word has them in the catalog; otherwise it is offered without accents. So
// "chó" is never turned into "chòe": "cho" is a known word, and tones are not
// something we guess. Words known only as synonyms ("hani") are known too.
#pragma once

#include <vector>

#include <xapian.h>

#include "search/query_parser.h"
#include "search/spelling_dictionary.h"

namespace lc {

class SpellingCorrector {
  public:
    SpellingCorrector(const Xapian::Database& db, const SpellingDictionary& dictionary)
        : db_(db), dictionary_(dictionary) {}

    // A word of the catalog: in some text field, or a synonym key.
    bool known(const QueryWord& w) const;
    bool has_unknown(const ParsedQuery& query) const;

    // A way to read the query: `reread` when it only reads the letters typed
    // differently (spelled out from Telex or VNI, or split where words ran
    // together) and changes none of them.
    struct Respelling {
        ParsedQuery query;
        bool reread = false;
    };

    // Respelled versions of the query to try, most likely first: the unknown
    // words replaced by combinations of their readings and nearest words; or,
    // when every word is known, one unaccented word at a time.
    std::vector<Respelling> alternatives(const ParsedQuery& query, std::size_t limit = 12) const;

  private:
    // What the word spells in Telex or VNI (text/input_methods.h), where the
    // catalog has it: with its tones when the catalog has them too.
    std::vector<QueryWord> decoded(const QueryWord& w) const;
    // The word read as several of the catalog's words run together.
    std::vector<QueryWord> split(const QueryWord& w) const;
    std::vector<QueryWord> corrections(const QueryWord& w, std::size_t limit) const;

    const Xapian::Database& db_;
    const SpellingDictionary& dictionary_;
};

}  // namespace lc
