#include "search/match_set.h"

#include <algorithm>
#include <bit>

#include "search/posting_cache.h"

namespace lc {

MatchSet& MatchSet::operator&=(const MatchSet& other) {
    for (std::size_t i = 0; i < bits_.size(); ++i)
        bits_[i] &= i < other.bits_.size() ? other.bits_[i] : 0;
    return *this;
}

MatchSet& MatchSet::operator|=(const MatchSet& other) {
    for (std::size_t i = 0; i < std::min(bits_.size(), other.bits_.size()); ++i)
        bits_[i] |= other.bits_[i];
    return *this;
}

MatchSet& MatchSet::subtract(const MatchSet& other) {
    for (std::size_t i = 0; i < std::min(bits_.size(), other.bits_.size()); ++i)
        bits_[i] &= ~other.bits_[i];
    return *this;
}

std::size_t MatchSet::count() const {
    std::size_t n = 0;
    for (auto word : bits_) n += static_cast<std::size_t>(std::popcount(word));
    return n;
}

namespace {

class BitSpy : public Xapian::MatchSpy {
  public:
    explicit BitSpy(MatchSet& set) : set_(set) {}
    void operator()(const Xapian::Document& doc, double) override { set_.add(doc.get_docid()); }

  private:
    MatchSet& set_;
};

// Every document of `db`, or those with `term`.
void add_postings(const Xapian::Database& db, const std::string& term, MatchSet& set,
                  PostingCache* cache) {
    if (cache && !term.empty())
        cache->for_each(db, term, [&](Xapian::docid id, std::uint8_t) { set.add(id); });
    else
        for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) set.add(*it);
}

// What Xapian's matcher finds for `q`.
MatchSet by_matcher(const Xapian::Database& db, const Xapian::Query& q, Xapian::docid last) {
    MatchSet set(last);
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    BitSpy spy(set);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db.get_doccount());
    return set;
}

MatchSet evaluate(const Xapian::Database& db, const Xapian::Query& q, Xapian::docid last,
                  PostingCache* cache) {
    MatchSet set(last);
    const std::size_t n = q.get_num_subqueries();
    switch (q.get_type()) {
        case Xapian::Query::LEAF_MATCH_NOTHING:
            return set;
        case Xapian::Query::LEAF_MATCH_ALL:
            add_postings(db, std::string(), set, cache);
            return set;
        case Xapian::Query::LEAF_TERM:
            add_postings(db, *q.get_terms_begin(), set, cache);
            return set;
        case Xapian::Query::OP_SCALE_WEIGHT:
            return evaluate(db, q.get_subquery(0), last, cache);
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_SYNONYM:
            for (std::size_t i = 0; i < n; ++i) set |= evaluate(db, q.get_subquery(i), last, cache);
            return set;
        case Xapian::Query::OP_FILTER:
            // A phrase narrowed by a filter (query_builder.cpp): the matcher
            // checks positions only where the filter matches.
            if (q.get_subquery(0).get_type() == Xapian::Query::OP_PHRASE)
                return by_matcher(db, q, last);
            [[fallthrough]];
        case Xapian::Query::OP_AND:
            set = evaluate(db, q.get_subquery(0), last, cache);
            for (std::size_t i = 1; i < n && set.count(); ++i)
                set &= evaluate(db, q.get_subquery(i), last, cache);
            return set;
        case Xapian::Query::OP_AND_MAYBE:  // matches what its first part matches
            return evaluate(db, q.get_subquery(0), last, cache);
        case Xapian::Query::OP_AND_NOT:
            set = evaluate(db, q.get_subquery(0), last, cache);
            for (std::size_t i = 1; i < n; ++i)
                set.subtract(evaluate(db, q.get_subquery(i), last, cache));
            return set;
        default:  // phrases, wildcards, posting sources, value ranges
            return by_matcher(db, q, last);
    }
}

}  // namespace

MatchSet match_set(const Xapian::Database& db, const Xapian::Query& query, PostingCache* postings) {
    return evaluate(db, query, db.get_lastdocid(), postings);
}

}  // namespace lc
