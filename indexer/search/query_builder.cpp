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
// A word found in the name (or an alias) counts this much extra, on top of
// the weight the name already gives it in the text (schema::kNameWdf).
constexpr double kNameWeight = 3.0;
constexpr double kAliasWeight = 2.0;
// In the shortlist, two query words standing together count this much extra
// for each pair (the final ranking checks the whole run's positions instead).
constexpr double kPairWeight = 0.5;
// A query that is a whole name (or alias) counts this much extra.
constexpr double kWholeNameWeight = 25.0;
constexpr double kWholeAliasWeight = 12.0;
// A word typed so far, as a prefix, expands to at most this many terms.
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
    return Xapian::Query(std::string(schema::kPairPrefix) + words[0].folded + " " +
                         words[1].folded);
}

// The words under one set of prefixes: a term, a prefix wildcard, or several
// words, which must stand together (a phrase) when `positional` and only be
// present otherwise (the name and alias terms have no positions). With
// `canonical`, accented words use their exact form; a word without accents
// has only its folded term (see index/schema.h).
Xapian::Query match(const schema::WordPrefixes& prefixes, const std::vector<QueryWord>& words,
                    bool canonical, bool positional) {
    auto term = [&](const QueryWord& w) {
        return canonical && w.accented ? std::string(prefixes.canonical) + w.canonical
                                       : std::string(prefixes.folded) + w.folded;
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
    if (!positional) return Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end());
    return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                         static_cast<Xapian::termcount>(terms.size()));
}

Xapian::Query text_match(const std::vector<QueryWord>& words, bool canonical) {
    return match(schema::kText, words, canonical, true);
}

// Words that must stand together, for counting: with three or more, every two
// neighbours also stand together, so their pair terms (short lists) narrow
// the position checks to the entries that have all the pairs. Same matches.
Xapian::Query counted_text_match(const std::vector<QueryWord>& words, bool canonical) {
    Xapian::Query phrase = text_match(words, canonical);
    if (words.size() < 3 ||
        std::any_of(words.begin(), words.end(), [](const QueryWord& w) { return w.prefix; }))
        return phrase;
    std::vector<Xapian::Query> pairs;
    for (std::size_t i = 1; i < words.size(); ++i)
        pairs.push_back(pair_term({words[i - 1], words[i]}));
    return Xapian::Query(Xapian::Query::OP_FILTER, phrase,
                         Xapian::Query(Xapian::Query::OP_AND, pairs.begin(), pairs.end()));
}

bool is_english_like(const std::string& folded) {
    return utf8::is_ascii(folded) &&
           std::any_of(folded.begin(), folded.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

}  // namespace

std::vector<std::string> contained_names(const Xapian::Database& db,
                                         const std::vector<QueryWord>& words) {
    // Names run to a few words; longer runs cannot be one.
    constexpr std::size_t kLongestName = 10;
    std::vector<std::string> out;
    for (std::size_t from = 0; from < words.size(); ++from) {
        std::string run = words[from].folded;
        for (std::size_t to = from + 1; to < words.size() && to - from < kLongestName; ++to) {
            if (words[from].prefix || words[to].prefix) break;
            run += " " + words[to].folded;
            if (from == 0 && to + 1 == words.size()) break;  // the whole query: boosted as such
            for (auto prefix : {schema::kWholeNamePrefix, schema::kWholeAliasPrefix}) {
                std::string term = std::string(prefix) + run;
                if (db.term_exists(term)) out.push_back(std::move(term));
            }
        }
    }
    return out;
}

namespace {

// The state of one build_query: the purpose, what it has found to
// highlight and to weigh. Used once, then dropped.
class QueryBuilding {
  public:
    QueryBuilding(const Xapian::Database& db, QueryPurpose purpose, Xapian::Query scope)
        : db_(db), purpose_(purpose), scope_(std::move(scope)) {}

    Xapian::Query build(const ParsedQuery& query, bool all_words);

    BuiltQuery result(Xapian::Query query) && {
        return {std::move(query), std::move(weighted_), std::move(highlights_)};
    }

  private:
    using Words = std::vector<QueryWord>;
    // Words that mean the same: the typed words first, then their synonyms.
    // They form one OP_SYNONYM, so an entry that says both "chè" and "trà"
    // scores like one that says either, and a rare synonym does not outweigh
    // the word typed.
    Xapian::Query group(const std::vector<Words>& alternatives, bool exact);
    Xapian::Query proximity_boost(const Words& words);
    Xapian::Query plain_run(const Words& words, bool exact, bool all_words);
    std::vector<Words> synonyms_of(const Words& words, std::size_t from, std::size_t n);
    void remember(const QueryWord& w);
    // Adds `query`, weighted by `factor`, to `parts`, noting its terms when shortlisting.
    void add_weighted(std::vector<Xapian::Query>& parts, double factor, Xapian::Query query);
    std::vector<Xapian::Query> stems(const std::vector<Words>& alternatives) const;

    const Xapian::Database& db_;
    const QueryPurpose purpose_;
    const Xapian::Query scope_;
    Xapian::Stem english_{"english"};
    HighlightTerms highlights_;
    std::vector<WeightedTerm> weighted_;
};

void QueryBuilding::remember(const QueryWord& w) {
    if (w.prefix)
        highlights_.prefixes.insert(w.folded);
    else {
        highlights_.folded.insert(w.folded);
        highlights_.canonical.insert(w.canonical);
    }
    if (!w.accented && is_english_like(w.folded)) highlights_.stems.insert(english_(w.folded));
}

void QueryBuilding::add_weighted(std::vector<Xapian::Query>& parts, double factor,
                                 Xapian::Query query) {
    if (query.empty()) return;
    if (purpose_ == QueryPurpose::shortlist)
        for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t)
            weighted_.push_back({*t, factor});
    parts.push_back(scaled(factor, std::move(query)));
}

// An English word also matches the words that share its English stem
// ("forests" finds "forest" and "forested").
std::vector<Xapian::Query> QueryBuilding::stems(const std::vector<Words>& alternatives) const {
    std::vector<Xapian::Query> out;
    for (const auto& alt : alternatives) {
        const QueryWord& w = alt.front();
        if (alt.size() != 1 || w.prefix || w.accented || !is_english_like(w.folded))
            continue;  // English has no marks
        out.emplace_back(std::string(schema::kStemPrefix) + english_(w.folded));
    }
    return out;
}

Xapian::Query QueryBuilding::group(const std::vector<Words>& alternatives, bool exact) {
    for (const auto& alt : alternatives)
        for (const auto& w : alt) remember(w);
    const Words& typed = alternatives.front();
    std::vector<Xapian::Query> parts;
    // Outside full ranking, two words typed together are found by their pair
    // term instead of a phrase: the same entries, no positions.
    const bool pair_by_term = purpose_ != QueryPurpose::rank && is_pair(typed);
    if (purpose_ == QueryPurpose::count) {
        parts.push_back(pair_by_term ? pair_term(typed) : counted_text_match(typed, false));
        // Synonyms come from the editors' file, accents and all: they match
        // exactly ("trà" is not "kiểm tra").
        for (std::size_t i = 1; i < alternatives.size(); ++i)
            parts.push_back(counted_text_match(alternatives[i], true));
        for (auto& stem : stems(alternatives)) parts.push_back(std::move(stem));
        return combine(Xapian::Query::OP_OR, parts);
    }
    if (pair_by_term) {
        // Shortlisting: weighted as both words, found by the pair.
        add_weighted(
            parts, 1.0,
            Xapian::Query(Xapian::Query::OP_AND,
                          Xapian::Query(std::string(schema::kText.folded) + typed[0].folded),
                          Xapian::Query(std::string(schema::kText.folded) + typed[1].folded)));
        parts.back() = Xapian::Query(Xapian::Query::OP_FILTER, parts.back(), pair_term(typed));
    }
    // Exact accents only count where the typed words have some.
    const bool exact_possible =
        exact && std::any_of(typed.begin(), typed.end(),
                             [](const QueryWord& w) { return w.accented && !w.prefix; });
    std::vector<Xapian::Query> same;
    if (!pair_by_term) same.push_back(text_match(typed, exact_possible));
    for (std::size_t i = 1; i < alternatives.size(); ++i)
        same.push_back(text_match(alternatives[i], true));
    if (exact_possible && !pair_by_term) {
        // Typed with accents: the exact form counts fully, the same letters
        // with other accents only a little ("cá" finds "mắc ca", after fish).
        add_weighted(parts, kExactWeight, combine(Xapian::Query::OP_SYNONYM, same));
        add_weighted(parts, kOtherAccentsWeight, text_match(typed, false));
    } else {
        add_weighted(parts, 1.0, combine(Xapian::Query::OP_SYNONYM, same));
    }
    std::vector<Xapian::Query> stem_terms = stems(alternatives);
    add_weighted(parts, kStemWeight, combine(Xapian::Query::OP_SYNONYM, stem_terms));

    // In the name or an alias the words count extra; these only add weight
    // to what the text matched, never widen it.
    std::vector<Xapian::Query> boosts;
    for (auto [prefixes, weight] : {std::pair{schema::kNameWords, kNameWeight},
                                    std::pair{schema::kAliasWords, kAliasWeight}}) {
        std::vector<Xapian::Query> in_field{match(prefixes, typed, exact_possible, false)};
        for (std::size_t i = 1; i < alternatives.size(); ++i)
            in_field.push_back(match(prefixes, alternatives[i], true, false));
        add_weighted(boosts, weight, combine(Xapian::Query::OP_SYNONYM, in_field));
    }
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, combine(Xapian::Query::OP_OR, parts),
                         combine(Xapian::Query::OP_OR, boosts));
}

Xapian::Query QueryBuilding::proximity_boost(const Words& words) {
    std::size_t complete =
        std::count_if(words.begin(), words.end(), [](const QueryWord& w) { return !w.prefix; });
    if (complete < 2) return Xapian::Query();
    if (purpose_ == QueryPurpose::shortlist) {
        // Without positions: each two neighbours standing together, by their
        // pair term, stand in for the phrase.
        std::vector<Xapian::Query> pairs;
        for (std::size_t i = 1; i < words.size(); ++i)
            if (is_pair({words[i - 1], words[i]}))
                add_weighted(pairs, kPairWeight, pair_term({words[i - 1], words[i]}));
        return combine(Xapian::Query::OP_OR, pairs);
    }
    Xapian::Query phrase = text_match(words, false);
    return scope_.empty() ? phrase : Xapian::Query(Xapian::Query::OP_FILTER, phrase, scope_);
}

std::vector<QueryBuilding::Words> QueryBuilding::synonyms_of(const Words& words, std::size_t from,
                                                             std::size_t n) {
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
Xapian::Query QueryBuilding::plain_run(const Words& words, bool exact, bool all_words) {
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

Xapian::Query QueryBuilding::build(const ParsedQuery& query, bool all_words) {
    highlights_.exact = query.accented;
    const bool ranking = purpose_ != QueryPurpose::count;
    const bool exact = ranking && query.accented;
    std::vector<Xapian::Query> required, excluded;
    Words run;  // consecutive plain words
    auto flush_run = [&] {
        if (run.empty()) return;
        Xapian::Query q = plain_run(run, exact, all_words);
        Xapian::Query boost = ranking ? proximity_boost(run) : Xapian::Query();
        required.push_back(boost.empty() ? q
                                         : Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, boost));
        run.clear();
    };
    for (const auto& part : query.parts) {
        if (part.excluded) {
            excluded.push_back(text_match(part.words, false));
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
        return excluded.empty() ? all
                                : Xapian::Query(Xapian::Query::OP_AND_NOT, all,
                                                combine(Xapian::Query::OP_OR, excluded));
    }
    Xapian::Query q = combine(all_words ? Xapian::Query::OP_AND : Xapian::Query::OP_OR, required);
    if (ranking) {
        std::string words;
        for (const auto& w : query.included_words()) words += (words.empty() ? "" : " ") + w.folded;
        std::vector<Xapian::Query> whole;
        add_weighted(whole, kWholeNameWeight,
                     Xapian::Query(std::string(schema::kWholeNamePrefix) + words));
        add_weighted(whole, kWholeAliasWeight,
                     Xapian::Query(std::string(schema::kWholeAliasPrefix) + words));
        q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, combine(Xapian::Query::OP_OR, whole));
    }
    // Names win: an entry whose whole name or alias the query holds among
    // other words matches, whatever those words, and ranks as its name would.
    std::vector<Xapian::Query> named;
    for (const auto& term : contained_names(db_, query.included_words()))
        add_weighted(named,
                     !ranking                                     ? 0.0
                     : term.starts_with(schema::kWholeNamePrefix) ? kWholeNameWeight
                                                                  : kWholeAliasWeight,
                     Xapian::Query(term));
    if (!named.empty())
        q = Xapian::Query(Xapian::Query::OP_OR, q, combine(Xapian::Query::OP_OR, named));
    if (!excluded.empty())
        q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, combine(Xapian::Query::OP_OR, excluded));
    return q;
}

}  // namespace

BuiltQuery build_query(const Xapian::Database& db, const ParsedQuery& parsed, QueryPurpose purpose,
                       bool all_words, const Xapian::Query& boost_scope) {
    QueryBuilding building(db, purpose, boost_scope);
    Xapian::Query query = building.build(parsed, all_words);
    return std::move(building).result(std::move(query));
}

}  // namespace lc
