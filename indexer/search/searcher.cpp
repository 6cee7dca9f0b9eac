#include "search/searcher.h"

#include <algorithm>

#include "catalog/validation.h"
#include "index/schema.h"
#include "search/query_parser.h"

namespace lc {

Searcher::Searcher(const Xapian::Database& db, std::shared_ptr<const IndexSnapshot> snapshot,
                   Ranking ranking)
    : db_(db), snapshot_(std::move(snapshot)), ranking_(ranking) {}

SearchResponse Searcher::search(const SearchRequest& request) {
    const SearchContext context(db_, request, &snapshot_->postings());
    ResolvedMatch match = resolve_match(context, [&] { return snapshot_->spelling(db_); });
    SearchResponse response;
    response.query = request.query;
    response.corrected_query = match.corrected_query;
    response.page = context.page;
    response.per_page = context.per_page;
    count_facets(context, match, snapshot_->facets(), response);
    response.results = make_hits(rank_page(context, match, ranking_), request);
    return response;
}

MatchExport Searcher::export_matches(const SearchRequest& request, std::size_t limit) {
    // One "page" as long as the limit: the match is resolved (respelled,
    // relaxed) as the search does, and ordered by the same query without
    // positions (rank_in_order), which costs one pass over the match rather
    // than the two-pass ranking a page of ten gets.
    SearchRequest all = request;
    all.page = 1;
    all.per_page = std::max<std::size_t>(1, limit);
    const SearchContext context(db_, all, &snapshot_->postings());
    ResolvedMatch match = resolve_match(context, [&] { return snapshot_->spelling(db_); });
    MatchExport out;
    out.total = match.shown.count();
    if (out.total == 0 || limit == 0) return out;
    RankedPage page = rank_in_order(context, match);
    out.entries.reserve(page.entries.size());
    for (auto it = page.entries.begin(); it != page.entries.end(); ++it)
        out.entries.push_back(entry_from_canonical_json(it.get_document().get_data()));
    return out;
}

std::vector<Suggestion> Searcher::suggest(std::string_view typed, std::string_view lang,
                                          std::size_t limit) {
    ParsedQuery parsed = parse_query(typed, true);
    std::vector<Suggestion> out;
    if (parsed.empty()) return out;
    // Suggestions are names: match the name and alias words only, a name
    // above an alias.
    constexpr std::pair<schema::WordPrefixes, double> kFields[] = {{schema::kNameWords, 4.0},
                                                                   {schema::kAliasWords, 3.0}};
    std::vector<Xapian::Query> words;
    for (const auto& w : parsed.included_words()) {
        std::vector<Xapian::Query> fields;
        for (const auto& [prefixes, weight] : kFields) {
            std::string folded = std::string(prefixes.folded) + w.folded;
            if (w.prefix)
                fields.push_back(
                    Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                  Xapian::Query(Xapian::Query::OP_WILDCARD, folded, 40,
                                                Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT),
                                  weight));
            else
                fields.push_back(
                    Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(folded), weight));
            if (w.accented && !w.prefix)
                fields.push_back(Xapian::Query(
                    Xapian::Query::OP_SCALE_WEIGHT,
                    Xapian::Query(std::string(prefixes.canonical) + w.canonical), weight));
        }
        words.emplace_back(Xapian::Query::OP_OR, fields.begin(), fields.end());
    }
    Xapian::Enquire enquire(db_);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end()));
    Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        Entry entry = entry_from_canonical_json(it.get_document().get_data());
        out.push_back({entry.slug, entry.kind, entry.name.in(lang)});
    }
    return out;
}

}  // namespace lc
