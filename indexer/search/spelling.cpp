#include "search/spelling.h"

#include "index/schema.h"
#include "text/utf8.h"
#include "text/vietnamese.h"

namespace lc {

bool SpellingCorrector::known(const std::string& folded) const {
    // The spelling dictionary holds exactly the folded words of the text
    // fields, so the folded terms answer "is this a word of the catalog".
    for (const auto& f : schema::kTextFields)
        if (db_.term_exists(std::string(f.folded) + folded)) return true;
    return false;
}

std::optional<QueryWord> SpellingCorrector::correction(const QueryWord& w) const {
    if (w.prefix) return std::nullopt;
    // Short words have many neighbours one edit away; allow fewer edits.
    unsigned max_edits = utf8::length(w.folded) <= 4 ? 1 : 2;
    std::string suggestion = db_.get_spelling_suggestion(w.folded, max_edits);
    if (suggestion.empty() || suggestion == w.folded) return std::nullopt;
    if (!w.accented) return QueryWord{suggestion, suggestion, false, false};
    std::string accented = text::transfer_accents(w.canonical, suggestion);
    for (const auto& f : schema::kTextFields)
        if (db_.term_exists(std::string(f.canonical) + accented))
            return QueryWord{accented, suggestion, true, false};
    return QueryWord{suggestion, suggestion, false, false};
}

std::optional<ParsedQuery> SpellingCorrector::correct_unknown(const ParsedQuery& query) const {
    ParsedQuery out = query;
    bool changed = false;
    for (auto& part : out.parts) {
        if (part.excluded) continue;
        for (auto& w : part.words) {
            if (w.prefix || known(w.folded)) continue;
            if (auto fixed = correction(w)) {
                w = *fixed;
                changed = true;
            }
        }
    }
    if (!changed) return std::nullopt;
    return out;
}

std::vector<ParsedQuery> SpellingCorrector::one_word_variants(const ParsedQuery& query) const {
    std::vector<ParsedQuery> out;
    for (std::size_t p = 0; p < query.parts.size(); ++p) {
        if (query.parts[p].excluded) continue;
        for (std::size_t i = 0; i < query.parts[p].words.size(); ++i) {
            const QueryWord& w = query.parts[p].words[i];
            // A known word typed with accents is never respelled: its tone is
            // what the person meant.
            if (w.accented) continue;
            if (auto fixed = correction(w)) {
                ParsedQuery variant = query;
                variant.parts[p].words[i] = *fixed;
                out.push_back(std::move(variant));
            }
        }
    }
    return out;
}

}  // namespace lc
