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
#include <vector>

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

// What a query is for; all three have the same match set (boosts only
// reorder it, and an exact accented term is indexed beside its folded one).
// `rank` orders the matches: exact accents, words standing together and whole
// names count extra. `shortlist` judges words standing together by their pair
// terms (schema::kPairPrefix) instead of phrases, whose checks read positions
// for every candidate and cost ten times the rest on a large catalog, and
// finds a quoted pair of words by its pair term too. `count` only finds the
// matches, for Boolean passes over all of them (totals and facets), with pair
// terms for two words typed together.
enum class QueryPurpose { rank, shortlist, count };

struct BuiltQuery {
    Xapian::Query query;
    // With QueryPurpose::shortlist: the query's terms with their weights, for
    // scoring outside Xapian's matcher (quick_rank.h). Prefix wildcards are
    // not among them. Empty for the other purposes.
    std::vector<WeightedTerm> weighted_terms;
    HighlightTerms highlights;
};

// `db` gives the synonyms. `all_words`: every included word must match
// (true) or any may (false). `boost_scope`, with QueryPurpose::rank, limits
// the words-together boosts to these documents (the shortlist being
// re-ranked): on its own a boost is a phrase that, asked for the next entry,
// reads the positions of every entry that has the words until one has them
// together; within a small set it checks only those. Empty: no limit.
// The whole-name and whole-alias terms (schema.h) of the entries whose whole
// name or alias is a run of two or more of these words, short of all of them
// (a query that is a whole name is boosted as such): build_query makes those
// entries match and rank as their names would, whatever the other words.
std::vector<std::string> contained_names(const Xapian::Database& db,
                                         const std::vector<QueryWord>& words);

BuiltQuery build_query(const Xapian::Database& db, const ParsedQuery& parsed, QueryPurpose purpose,
                       bool all_words = true, const Xapian::Query& boost_scope = {});

}  // namespace lc
