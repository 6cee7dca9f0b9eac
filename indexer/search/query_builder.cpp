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

Xapian::Query QueryBuilder::group(const std::vector<Words>& alternatives, bool exact) {
    for (const auto& alt : alternatives)
        for (const auto& w : alt) remember(w);
    // Exact accents only count where the typed words have some.
    const bool exact_possible =
        exact && std::any_of(alternatives.front().begin(), alternatives.front().end(),
                             [](const QueryWord& w) { return w.accented && !w.prefix; });
    std::vector<Xapian::Query> parts;
    for (const auto& f : schema::kTextFields) {
        // Synonyms come from the editors' file, accents and all: they match
        // exactly ("trà" is not "kiểm tra").
        std::vector<Xapian::Query> same{field_match(f, alternatives.front(), exact_possible)};
        for (std::size_t i = 1; i < alternatives.size(); ++i) same.push_back(field_match(f, alternatives[i], true));
        if (exact_possible) {
            // Typed with accents: the exact form counts fully, the same letters
            // with other accents only a little ("cá" finds "mắc ca", after fish).
            parts.push_back(scaled(f.weight * kExactWeight, combine(Xapian::Query::OP_SYNONYM, same)));
            parts.push_back(scaled(f.weight * kOtherAccentsWeight, field_match(f, alternatives.front(), false)));
        } else {
            parts.push_back(scaled(f.weight, combine(Xapian::Query::OP_SYNONYM, same)));
        }
        if (f.stemmed.empty()) continue;
        std::vector<Xapian::Query> stems;
        for (const auto& alt : alternatives)
            if (alt.size() == 1 && !alt.front().prefix && is_english_like(alt.front().folded))
                stems.emplace_back(std::string(f.stemmed) + english_(alt.front().folded));
        if (!stems.empty()) parts.push_back(scaled(f.weight * kStemWeight, combine(Xapian::Query::OP_SYNONYM, stems)));
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
