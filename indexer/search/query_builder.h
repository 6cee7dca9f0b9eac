// Turns a parsed query into a Xapian query over the index's fields.
//
// A word matches its folded form anywhere in an entry's text (the index
// weights a name above a body, schema.h), and counts extra when it is in the
// name or an alias. When the person typed accents, the exact accented form
// counts extra, so "cá" ranks fish above "mắc ca" while "ca" finds both.
// English words also match their stems. Consecutive words that stand
// together in an entry, in order, rank above scattered ones. Synonyms from
// the index widen a word or a run of words to its group.
#pragma once

#include <set>
#include <string>

#include <xapian.h>

#include "index/schema.h"
#include "search/query_parser.h"
#include "search/quick_rank.h"

namespace lc {

// Words a result should highlight: folded forms, English stems, prefixes.
struct HighlightTerms {
    bool exact = false;               // the query was typed with accents: prefer exact forms
    std::set<std::string> canonical;  // with `exact`: the typed words as typed
    std::set<std::string> folded;
    std::set<std::string> stems;
    std::set<std::string> prefixes;
};

class QueryBuilder {
  public:
    explicit QueryBuilder(const Xapian::Database& db);

    // What a query is for; all three have the same match set (boosts only
    // reorder it, and an exact accented term is indexed beside its folded
    // one). `rank` orders the matches: exact accents, words standing together
    // and whole names count extra. `shortlist` judges words standing
    // together by their pair terms (schema::kPairPrefix) instead of phrases,
    // whose checks read positions for every candidate and cost ten times the
    // rest on a large catalog, and finds a quoted pair of words by its pair
    // term too. `count` only finds the matches, for Boolean passes over all
    // of them (totals and facets), with pair terms for two words typed
    // together.
    enum class Purpose { rank, shortlist, count };

    // `all_words`: every included word must match (true) or any may (false).
    Xapian::Query build(const ParsedQuery& query, bool all_words = true,
                        Purpose purpose = Purpose::rank);

    // Limits the words-together boosts to `documents` (the shortlist being
    // re-ranked). On its own a boost is a phrase that, asked for the next
    // entry, reads the positions of every entry that has the words until
    // one has them together; within a small set it checks only those.
    void boost_only_within(Xapian::Query documents) { scope_ = std::move(documents); }

    const HighlightTerms& highlights() const { return highlights_; }

    // After build(..., Purpose::shortlist): the query's terms with their
    // weights, for scoring outside Xapian's matcher (quick_rank.h). Prefix
    // wildcards are not among them.
    const std::vector<WeightedTerm>& weighted_terms() const { return weighted_; }

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
    Xapian::Stem english_{"english"};
    HighlightTerms highlights_;
    Purpose purpose_ = Purpose::rank;
    Xapian::Query scope_;
    std::vector<WeightedTerm> weighted_;
};

}  // namespace lc
