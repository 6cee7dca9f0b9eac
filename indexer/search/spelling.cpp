#include "search/spelling.h"

#include <utility>

#include "index/schema.h"
#include "text/input_methods.h"
#include "text/utf8.h"
#include "text/vietnamese.h"

namespace lc {

namespace {
// An unknown word and what it may stand for: each option is one word or,
// for a run-together word, several.
struct Option {
    std::vector<QueryWord> words;
    bool reread = false;  // the letters as typed, read differently
};
struct Slot {
    std::size_t part, word;
    std::vector<Option> options;
};
}  // namespace

bool SpellingCorrector::known(const QueryWord& w) const {
    if (db_.term_exists(std::string(schema::kText.folded) + w.folded)) return true;
    return db_.synonyms_begin(w.folded) != db_.synonyms_end(w.folded) ||
           db_.synonyms_begin(w.canonical) != db_.synonyms_end(w.canonical);
}

bool SpellingCorrector::has_unknown(const ParsedQuery& query) const {
    for (const auto& part : query.parts)
        if (!part.excluded)
            for (const auto& w : part.words)
                if (!w.prefix && !known(w)) return true;
    return false;
}

std::vector<QueryWord> SpellingCorrector::decoded(const QueryWord& w) const {
    std::vector<QueryWord> out;
    if (w.prefix || w.accented) return out;
    for (const auto& syllable : text::decode_input_methods(w.canonical)) {
        // The tones it spells are the tones typed, when the catalog has the
        // word with them; else at least the letters.
        const std::string folded = text::fold(syllable);
        if (db_.term_exists(std::string(schema::kText.canonical) + syllable))
            out.push_back({syllable, folded, true, false});
        else if (dictionary_.contains(folded))
            out.push_back({folded, folded, false, false});
    }
    return out;
}

std::vector<QueryWord> SpellingCorrector::split(const QueryWord& w) const {
    std::vector<QueryWord> out;
    if (w.prefix || w.accented) return out;
    for (const auto& piece : dictionary_.split(w.folded))
        out.push_back({piece, piece, false, false});
    return out;
}

std::vector<QueryWord> SpellingCorrector::corrections(const QueryWord& w, std::size_t limit) const {
    std::vector<QueryWord> out;
    if (w.prefix) return out;
    // Short words have many neighbours one edit away; allow fewer edits.
    unsigned max_edits = utf8::length(w.folded) <= 4 ? 1 : 2;
    for (const auto& c : dictionary_.candidates(w.folded, max_edits, limit)) {
        if (!w.accented) {
            out.push_back({c.word, c.word, false, false});
            continue;
        }
        std::string accented = text::transfer_accents(w.canonical, c.word);
        const bool exists = db_.term_exists(std::string(schema::kText.canonical) + accented);
        out.push_back(exists ? QueryWord{accented, c.word, true, false}
                             : QueryWord{c.word, c.word, false, false});
    }
    return out;
}

std::vector<SpellingCorrector::Respelling> SpellingCorrector::alternatives(
    const ParsedQuery& query, std::size_t limit) const {
    std::vector<Slot> unknown;
    for (std::size_t p = 0; p < query.parts.size(); ++p) {
        if (query.parts[p].excluded) continue;
        for (std::size_t i = 0; i < query.parts[p].words.size(); ++i) {
            const QueryWord& w = query.parts[p].words[i];
            if (w.prefix || known(w)) continue;
            // What an input method left spelled out first, then the word
            // read as several run together, then the nearest words.
            std::vector<Option> options;
            for (auto& d : decoded(w)) options.push_back({{std::move(d)}, true});
            if (auto pieces = split(w); !pieces.empty())
                options.push_back({std::move(pieces), true});
            for (auto& c : corrections(w, 6)) options.push_back({{std::move(c)}, false});
            if (!options.empty()) unknown.push_back({p, i, std::move(options)});
        }
    }
    std::vector<Respelling> out;
    if (!unknown.empty()) {
        // Combinations of the unknown words' options, fewest changes from the
        // best options first (a simple odometer over the option lists).
        std::vector<std::size_t> pick(unknown.size(), 0);
        while (out.size() < limit) {
            Respelling variant{query, true};
            // From the last slot back, so a split does not move the ones before it.
            for (std::size_t k = unknown.size(); k-- > 0;) {
                auto& words = variant.query.parts[unknown[k].part].words;
                const Option& option = unknown[k].options[pick[k]];
                const auto at = words.begin() + static_cast<std::ptrdiff_t>(unknown[k].word);
                words.insert(words.erase(at), option.words.begin(), option.words.end());
                variant.reread = variant.reread && option.reread;
            }
            out.push_back(std::move(variant));
            std::size_t k = 0;
            while (k < unknown.size() && ++pick[k] == unknown[k].options.size()) pick[k++] = 0;
            if (k == unknown.size()) break;
        }
        return out;
    }
    // Every word is known but together they match nothing: respell one word.
    // A word typed with accents is never respelled: its tone is what was meant.
    for (std::size_t p = 0; p < query.parts.size() && out.size() < limit; ++p) {
        if (query.parts[p].excluded) continue;
        for (std::size_t i = 0; i < query.parts[p].words.size() && out.size() < limit; ++i) {
            const QueryWord& w = query.parts[p].words[i];
            if (w.accented) continue;
            for (const auto& fixed : corrections(w, 2)) {
                Respelling variant{query, false};
                variant.query.parts[p].words[i] = fixed;
                out.push_back(std::move(variant));
            }
        }
    }
    return out;
}

}  // namespace lc
