#include "search/query_builder.h"

#include <algorithm>

#include "index/schema.h"
#include "text/tokenizer.h"
#include "text/utf8.h"
#include "text/vietnamese.h"

namespace lc {

namespace {

// For a word typed with accents: the weight of a match with exactly those
// accents, and of the same letters with other accents.
constexpr double kExactWeight = 1.65;
constexpr double kOtherAccentsWeight = 0.35;
// Stems are looser than the word itself.
constexpr double kStemWeight = 0.6;
// A query that is a whole name (or alias) counts this much extra.
constexpr double kWholeNameWeight = 25.0;
constexpr double kWholeAliasWeight = 12.0;
// A word typed so far, as a prefix, expands to at most this many terms per field.
constexpr Xapian::termcount kPrefixExpansion = 40;
// Runs of up to this many words are looked up as multi-word synonyms.
constexpr std::size_t kMaxSynonymWords = 4;

Xapian::Query scaled(double factor, Xapian::Query q) {
    return factor == 1.0 ? q : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, factor);
}

Xapian::Query combine(Xapian::Query::op op, std::vector<Xapian::Query>& qs) {
    if (qs.empty()) return Xapian::Query();
    if (qs.size() == 1) return qs.front();
    return Xapian::Query(op, qs.begin(), qs.end());
}

// Two whole words: the pair term finds them standing together in any field.
bool is_pair(const std::vector<QueryWord>& words) {
    return words.size() == 2 && !words[0].prefix && !words[1].prefix;
}

Xapian::Query pair_term(const std::vector<QueryWord>& words) {
    return Xapian::Query(std::string(schema::kPairPrefix) + words[0].folded + " " + words[1].folded);
}

bool is_english_like(const std::string& folded) {
    return utf8::is_ascii(folded) &&
           std::any_of(folded.begin(), folded.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

}  // namespace

QueryBuilder::QueryBuilder(const Xapian::Database& db) : db_(db) {}

void QueryBuilder::remember(const QueryWord& w) {
    if (w.prefix)
        highlights_.prefixes.insert(w.folded);
    else {
        highlights_.folded.insert(w.folded);
        highlights_.canonical.insert(w.canonical);
    }
    if (!w.accented && is_english_like(w.folded)) highlights_.stems.insert(english_(w.folded));
}

// The words in one field: a term, a prefix wildcard, or a phrase. With
// `canonical`, accented words use their exact form; a word without accents
// has only its folded term (see index/schema.h).
Xapian::Query QueryBuilder::field_match(const schema::TextField& f, const Words& words, bool canonical) const {
    auto term = [&](const QueryWord& w) {
        return canonical && w.accented ? std::string(f.canonical) + w.canonical : std::string(f.folded) + w.folded;
    };
    if (words.size() == 1) {
        const QueryWord& w = words.front();
        if (w.prefix)
            return Xapian::Query(Xapian::Query::OP_WILDCARD, term(w), kPrefixExpansion,
                                 Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
        return Xapian::Query(term(w));
    }
    std::vector<Xapian::Query> terms;
    for (const auto& w : words)
        if (!w.prefix) terms.emplace_back(term(w));
    return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                         static_cast<Xapian::termcount>(terms.size()));
}

std::vector<Xapian::Query> QueryBuilder::stems(const schema::TextField& f, const std::vector<Words>& alternatives) const {
    std::vector<Xapian::Query> out;
    if (f.stemmed.empty()) return out;
    for (const auto& alt : alternatives)
        if (alt.size() == 1 && !alt.front().prefix && is_english_like(alt.front().folded))
            out.emplace_back(std::string(f.stemmed) + english_(alt.front().folded));
    return out;
}

Xapian::Query QueryBuilder::group(const std::vector<Words>& alternatives, bool exact) {
    for (const auto& alt : alternatives)
        for (const auto& w : alt) remember(w);
    const Words& typed = alternatives.front();
    std::vector<Xapian::Query> parts;
    // Outside full ranking, two words typed together are found by their pair
    // term instead of a phrase in each field: the same entries, no positions.
    const bool pair_by_term = purpose_ != Purpose::rank && is_pair(typed);
    if (purpose_ == Purpose::count) {
        if (pair_by_term) parts.push_back(pair_term(typed));
        for (const auto& f : schema::kTextFields) {
            if (!pair_by_term) parts.push_back(field_match(f, typed, false));
            for (std::size_t i = 1; i < alternatives.size(); ++i) parts.push_back(field_match(f, alternatives[i], true));
            for (auto& stem : stems(f, alternatives)) parts.push_back(std::move(stem));
        }
        return combine(Xapian::Query::OP_OR, parts);
    }
    if (pair_by_term) {
        // Shortlisting: weighted as both words in a field, found by the pair.
        std::vector<Xapian::Query> per_field;
        for (const auto& f : schema::kTextFields)
            per_field.push_back(scaled(f.weight, Xapian::Query(Xapian::Query::OP_AND,
                                                               Xapian::Query(std::string(f.folded) + typed[0].folded),
                                                               Xapian::Query(std::string(f.folded) + typed[1].folded))));
        parts.push_back(Xapian::Query(Xapian::Query::OP_FILTER, combine(Xapian::Query::OP_OR, per_field), pair_term(typed)));
    }
    // Exact accents only count where the typed words have some.
    const bool exact_possible =
        exact && std::any_of(typed.begin(), typed.end(), [](const QueryWord& w) { return w.accented && !w.prefix; });
    for (const auto& f : schema::kTextFields) {
        // Synonyms come from the editors' file, accents and all: they match
        // exactly ("trà" is not "kiểm tra").
        std::vector<Xapian::Query> same;
        if (!pair_by_term) same.push_back(field_match(f, typed, exact_possible));
        for (std::size_t i = 1; i < alternatives.size(); ++i) same.push_back(field_match(f, alternatives[i], true));
        if (exact_possible && !pair_by_term) {
            // Typed with accents: the exact form counts fully, the same letters
            // with other accents only a little ("cá" finds "mắc ca", after fish).
            parts.push_back(scaled(f.weight * kExactWeight, combine(Xapian::Query::OP_SYNONYM, same)));
            parts.push_back(scaled(f.weight * kOtherAccentsWeight, field_match(f, typed, false)));
        } else if (!same.empty()) {
            parts.push_back(scaled(f.weight, combine(Xapian::Query::OP_SYNONYM, same)));
        }
        std::vector<Xapian::Query> stem_terms = stems(f, alternatives);
        if (!stem_terms.empty())
            parts.push_back(scaled(f.weight * kStemWeight, combine(Xapian::Query::OP_SYNONYM, stem_terms)));
    }
    return combine(Xapian::Query::OP_OR, parts);
}

Xapian::Query QueryBuilder::proximity_boost(const Words& words) {
    std::size_t complete = std::count_if(words.begin(), words.end(), [](const QueryWord& w) { return !w.prefix; });
    if (complete < 2) return Xapian::Query();
    std::vector<Xapian::Query> per_field;
    for (const auto& f : schema::kTextFields) per_field.push_back(scaled(f.weight, field_match(f, words, false)));
    return combine(Xapian::Query::OP_OR, per_field);
}

std::vector<QueryBuilder::Words> QueryBuilder::synonyms_of(const Words& words, std::size_t from, std::size_t n) {
    bool accented = false;
    std::string key;
    for (std::size_t i = from; i < from + n; ++i) {
        if (words[i].prefix) return {};
        accented = accented || words[i].accented;
    }
    for (std::size_t i = from; i < from + n; ++i) {
        if (!key.empty()) key.push_back(' ');
        key += accented ? words[i].canonical : words[i].folded;
    }
    std::vector<Words> out;
    for (auto it = db_.synonyms_begin(key); it != db_.synonyms_end(key); ++it) {
        Words syn;
        for (const auto& t : text::tokenize(*it))
            syn.push_back({t.canonical, t.folded, text::has_diacritics(t.canonical), false});
        if (!syn.empty()) out.push_back(std::move(syn));
    }
    return out;
}

// A run of plain words: each must match (or any, when relaxed); a run of
// words that has synonyms becomes one group with them.
Xapian::Query QueryBuilder::plain_run(const Words& words, bool exact, bool all_words) {
    std::vector<Xapian::Query> required;
    std::size_t i = 0;
    while (i < words.size()) {
        std::size_t matched = 1;
        std::vector<Words> synonyms;
        for (std::size_t n = std::min(kMaxSynonymWords, words.size() - i); n >= 1; --n) {
            synonyms = synonyms_of(words, i, n);
            if (!synonyms.empty()) {
                matched = n;
                break;
            }
        }
        std::vector<Words> alternatives{Words(words.begin() + static_cast<long>(i),
                                              words.begin() + static_cast<long>(i + matched))};
        alternatives.insert(alternatives.end(), synonyms.begin(), synonyms.end());
        required.push_back(group(alternatives, exact));
        i += matched;
    }
    return combine(all_words ? Xapian::Query::OP_AND : Xapian::Query::OP_OR, required);
}

Xapian::Query QueryBuilder::build(const ParsedQuery& query, bool all_words, Purpose purpose) {
    highlights_.exact = query.accented;
    purpose_ = purpose;
    const bool ranking = purpose != Purpose::count;
    const bool exact = ranking && query.accented;
    std::vector<Xapian::Query> required, excluded;
    Words run;  // consecutive plain words
    auto flush_run = [&] {
        if (run.empty()) return;
        Xapian::Query q = plain_run(run, exact, all_words);
        Xapian::Query boost = purpose == Purpose::rank ? proximity_boost(run) : Xapian::Query();
        required.push_back(boost.empty() ? q : Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, boost));
        run.clear();
    };
    for (const auto& part : query.parts) {
        if (part.excluded) {
            std::vector<Xapian::Query> fields;
            for (const auto& f : schema::kTextFields) fields.push_back(field_match(f, part.words, false));
            excluded.push_back(combine(Xapian::Query::OP_OR, fields));
        } else if (part.phrase) {
            flush_run();
            required.push_back(group({part.words}, exact));
        } else {
            run.insert(run.end(), part.words.begin(), part.words.end());
        }
    }
    flush_run();
    if (required.empty()) {
        Xapian::Query all = Xapian::Query::MatchAll;
        return excluded.empty() ? all : Xapian::Query(Xapian::Query::OP_AND_NOT, all, combine(Xapian::Query::OP_OR, excluded));
    }
    Xapian::Query q = combine(all_words ? Xapian::Query::OP_AND : Xapian::Query::OP_OR, required);
    if (!ranking) return excluded.empty() ? q : Xapian::Query(Xapian::Query::OP_AND_NOT, q, combine(Xapian::Query::OP_OR, excluded));
    std::string words;
    for (const auto& w : query.included_words()) words += (words.empty() ? "" : " ") + w.folded;
    Xapian::Query whole(Xapian::Query::OP_OR,
                        scaled(kWholeNameWeight, Xapian::Query(std::string(schema::kWholeNamePrefix) + words)),
                        scaled(kWholeAliasWeight, Xapian::Query(std::string(schema::kWholeAliasPrefix) + words)));
    q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, whole);
    if (!excluded.empty()) q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, combine(Xapian::Query::OP_OR, excluded));
    return q;
}

}  // namespace lc
