#include "search/searcher.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "catalog/validation.h"
#include "index/schema.h"
#include "search/docid_set.h"
#include "search/match_set.h"
#include "search/posting_cache.h"
#include "search/query_builder.h"
#include "search/query_parser.h"
#include "search/quick_rank.h"
#include "search/snippet.h"
#include "search/spelling.h"
#include "text/vietnamese.h"

namespace lc {

namespace {

// Ranking is BM25 over each word's wdf, which the index weights by field (a
// word in the name adds four, schema.h). k1 says how soon more wdf stops
// counting: Xapian's default (1) saturates so early that the field weights
// barely register, so it is higher, as in BM25F, which also weights term
// frequency by field. Every judgement in tests/data/relevance.yaml holds for
// k1 from 3.5 to 15; 5 keeps close to the low end, where a long text that
// repeats a word cannot outweigh a name. b is Xapian's default, as are the
// rest.
constexpr Bm25Parameters kBm25{5.0, 0.5};
// A correction is tried when the query found fewer than this many entries.
constexpr Xapian::doccount kFewResults = 3;
constexpr double kNoLocationKm = 1e9;
// Matches up to this many are ranked in one pass, among themselves.
constexpr Xapian::doccount kRankAllUpTo = 100;
// Larger matches: the shortlist re-ranked by the full query is five times
// the page deep, at least 50 entries. On the generated 100,000-entry corpus
// its first page keeps 98% of the full ranking's (tests/bench/search_bench
// measures it); the re-ranking reads positions and long posting lists for
// each entry of the shortlist, so depth costs time.
constexpr Xapian::doccount kShortlistFactor = 5;
constexpr Xapian::doccount kShortlistMin = 50;

Xapian::Query filter_terms(std::string_view prefix, const std::vector<std::string>& values,
                           bool fold_values) {
    std::vector<Xapian::Query> terms;
    for (const auto& v : values)
        terms.emplace_back(std::string(prefix) + (fold_values ? text::fold(v) : v));
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

enum class FacetGroup { none, kind, theme, area, stars };

// The request's filters as one boolean query (empty when there are none),
// leaving out one facet group's filter when asked.
Xapian::Query filters_of(const SearchRequest& r, FacetGroup except = FacetGroup::none) {
    std::vector<Xapian::Query> all;
    if (!r.kinds.empty() && except != FacetGroup::kind)
        all.push_back(filter_terms(schema::kKindPrefix, r.kinds, false));
    if (!r.themes.empty() && except != FacetGroup::theme)
        all.push_back(filter_terms(schema::kThemePrefix, r.themes, false));
    if (!r.areas.empty() && except != FacetGroup::area)
        all.push_back(filter_terms(schema::kAreaPrefix, r.areas, true));
    if (r.stars_min && except != FacetGroup::stars) {
        std::vector<std::string> stars;
        for (int s = std::max(3, *r.stars_min); s <= 5; ++s) stars.push_back(std::to_string(s));
        all.push_back(filter_terms(schema::kStarsPrefix, stars, false));
    }
    if (r.near && r.radius_km) {
        Xapian::LatLongCoord centre(r.near->lat, r.near->lon);
        // Xapian reads a range of 0 as "no limit"; a radius of 0 km means "at
        // the point", so it becomes one metre.
        double range_m = std::max(*r.radius_km * 1000.0, 1.0);
        auto* source = new Xapian::LatLongDistancePostingSource(
            schema::kSlotLocation, centre, Xapian::GreatCircleMetric(), range_m);
        all.emplace_back(source->release());
    }
    if (all.empty()) return Xapian::Query();
    return Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end());
}

// The included words of a query as one phrase.
ParsedQuery as_phrase(const ParsedQuery& q) {
    ParsedQuery out;
    out.accented = q.accented;
    QueryPart part;
    part.words = q.included_words();
    part.phrase = part.words.size() > 1;
    out.parts.push_back(std::move(part));
    return out;
}

double distance_km(const GeoPoint& a, const Location& b) {
    return Xapian::GreatCircleMetric()(Xapian::LatLongCoord(a.lat, a.lon),
                                       Xapian::LatLongCoord(b.lat, b.lon)) /
           1000.0;
}

}  // namespace

Searcher::Searcher(const Xapian::Database& db, std::shared_ptr<const FacetTable> facets,
                   std::shared_ptr<PostingCache> postings, SpellingSource spelling, Ranking ranking)
    : db_(db),
      facets_(std::move(facets)),
      postings_(std::move(postings)),
      spelling_(std::move(spelling)),
      ranking_(ranking) {}

SearchResponse Searcher::search(const SearchRequest& request) {
    const Xapian::Query filters = filters_of(request);
    const std::size_t per_page = std::max<std::size_t>(1, request.per_page);
    const std::size_t page = std::max<std::size_t>(1, request.page);

    // Counting and ranking are separate. Counting finds the whole match set
    // (exact totals and facets) from the Boolean form of the query, outside
    // Xapian's matcher where it can (match_set.h); ranking computes weights
    // for the requested page only, so Xapian can skip entries that cannot
    // reach it.
    auto query_matches = [&](const ParsedQuery& p, bool all) {
        QueryBuilder builder(db_);
        return match_set(db_, builder.build(p, all, QueryBuilder::Purpose::count), postings_.get());
    };
    auto restricted = [&](MatchSet set, const Xapian::Query& filter) {
        if (!filter.empty()) set &= match_set(db_, filter, postings_.get());
        return set;
    };
    // The request's filters, read once: respelling compares several queries under them.
    const std::optional<MatchSet> filter_set =
        filters.empty() ? std::nullopt
                        : std::optional<MatchSet>(match_set(db_, filters, postings_.get()));
    auto filtered = [&](MatchSet set) {
        if (filter_set) set &= *filter_set;
        return set;
    };

    ParsedQuery parsed = parse_query(request.query, request.prefix);
    bool all_words = true;
    SearchResponse response;
    response.query = request.query;
    response.page = page;
    response.per_page = per_page;
    MatchSet found = query_matches(parsed, true);  // before filters
    MatchSet shown = filtered(found);

    // Respell when nothing matched, or when few did and some word is not a
    // word of the catalog; keep the respelling that finds the most.
    if (!parsed.empty() && shown.count() < kFewResults) {
        auto dictionary = spelling_();
        SpellingCorrector corrector(db_, *dictionary);
        const std::size_t total = shown.count();
        if (total == 0 || corrector.has_unknown(parsed)) {
            // The respelling whose words most often stand together wins ("ruong
            // bac thang" is a phrase of the catalog, "ruong bac than" is not),
            // then the one that finds the most.
            std::optional<ParsedQuery> best;
            std::pair<std::size_t, std::size_t> best_score{0, total};
            for (const auto& alternative : corrector.alternatives(parsed)) {
                std::pair<std::size_t, std::size_t> score{
                    filtered(query_matches(as_phrase(alternative), true)).count(),
                    filtered(query_matches(alternative, true)).count()};
                if (score.second > total && score > best_score) {
                    best = alternative;
                    best_score = score;
                }
            }
            if (best) {
                response.corrected_query = to_text(*best);
                parsed = std::move(*best);
                found = query_matches(parsed, true);
                shown = filtered(found);
            }
        }
    }
    if (shown.count() == 0 && parsed.included_words().size() > 1) {
        // Nothing has every word: show what has most of them.
        all_words = false;
        found = query_matches(parsed, false);
        shown = filtered(found);
    }

    response.total = shown.count();
    auto fill_facets = [&](const MatchSet& set, SearchResponse& out) {
        FacetCounter facets(facets_);
        set.for_each([&](Xapian::docid id) { facets.count(id); });
        facets.fill(out);
    };
    fill_facets(shown, response);
    // A facet group's counts ignore that group's own filter, so that choosing
    // one area still shows how many the other areas have (and can be added).
    auto recount = [&](FacetGroup group, FacetCounts SearchResponse::*counts) {
        SearchResponse all;
        fill_facets(restricted(found, filters_of(request, group)), all);
        response.*counts = std::move(all.*counts);
    };
    if (!request.kinds.empty()) recount(FacetGroup::kind, &SearchResponse::kind_facet);
    if (!request.themes.empty()) recount(FacetGroup::theme, &SearchResponse::theme_facet);
    if (!request.areas.empty()) recount(FacetGroup::area, &SearchResponse::area_facet);
    if (request.stars_min) recount(FacetGroup::stars, &SearchResponse::stars_facet);

    // The page, ranked in two passes: a shortlist of the best matches, scored
    // from the weighted terms' posting lists over the counted match
    // (quick_rank.h: words standing together are judged by their pair terms,
    // not positions), then the shortlist re-ranked by the full query (scores
    // use the whole catalog's statistics, so they are the scores a single
    // pass would give). An entry the first pass underrates can be missed;
    // that is the price of reading positions for 50 entries instead of all
    // matches. Sorted by name or distance, relevance only breaks ties, and
    // the shortlist query alone orders the page.
    auto enquire_for = [&](const Xapian::Query& query) {
        auto enquire = std::make_unique<Xapian::Enquire>(db_);
        enquire->set_query(query);
        enquire->set_weighting_scheme(Xapian::BM25Weight(kBm25.k1, 0, 1, kBm25.b, 0.5));
        if (request.sort == SortOrder::distance && request.near) {
            Xapian::LatLongCoord centre(request.near->lat, request.near->lon);
            auto* keys = new Xapian::LatLongDistanceKeyMaker(
                schema::kSlotLocation, centre, Xapian::GreatCircleMetric(), kNoLocationKm * 1000);
            enquire->set_sort_by_key_then_relevance(keys->release(), false);
        } else if (request.sort == SortOrder::name || parsed.empty()) {
            enquire->set_sort_by_value_then_relevance(
                request.lang == "en" ? schema::kSlotSortEn : schema::kSlotSortVi, false);
        }
        return enquire;
    };
    auto with_filters = [&](Xapian::Query q) {
        return filters.empty() ? q : Xapian::Query(Xapian::Query::OP_FILTER, q, filters);
    };
    const auto first = static_cast<Xapian::doccount>((page - 1) * per_page);
    const auto page_size = static_cast<Xapian::doccount>(per_page);
    QueryBuilder builder(db_);  // its highlights mark the page's snippets
    auto query_for = [&](QueryBuilder::Purpose purpose) {
        return with_filters(builder.build(parsed, all_words, purpose));
    };
    // Ranks these entries with the full query: its phrases and words-together
    // boosts then read the positions of these entries only.
    auto rank_among = [&](std::vector<Xapian::docid> ids) {
        Xapian::Query candidates((new DocidSet(std::move(ids)))->release());
        builder.boost_only_within(candidates);
        return enquire_for(Xapian::Query(Xapian::Query::OP_FILTER,
                                         query_for(QueryBuilder::Purpose::rank), candidates))
            ->get_mset(first, page_size);
    };
    Xapian::MSet mset;
    if (response.total == 0) {
        // Nothing to rank.
    } else if (request.sort != SortOrder::relevance || parsed.empty()) {
        mset = enquire_for(query_for(QueryBuilder::Purpose::shortlist))->get_mset(first, page_size);
    } else if (ranking_ == Ranking::every_match) {
        mset = enquire_for(query_for(QueryBuilder::Purpose::rank))->get_mset(first, page_size);
    } else if (response.total <= kRankAllUpTo) {
        std::vector<Xapian::docid> ids;
        shown.for_each([&](Xapian::docid id) { ids.push_back(id); });
        mset = rank_among(std::move(ids));
    } else {
        const Xapian::doccount depth =
            std::max(kShortlistMin, (first + page_size) * kShortlistFactor);
        Xapian::Query quick = query_for(QueryBuilder::Purpose::shortlist);
        const auto words = parsed.included_words();
        std::vector<Xapian::docid> ids;
        if (std::none_of(words.begin(), words.end(), [](const QueryWord& w) { return w.prefix; })) {
            ids = quick_rank(db_, shown, builder.weighted_terms(), depth, kBm25, *postings_);
        } else {
            // A word still being typed expands to many words, which only
            // Xapian's matcher weighs.
            Xapian::MSet shortlist = enquire_for(quick)->get_mset(0, depth);
            for (auto it = shortlist.begin(); it != shortlist.end(); ++it) ids.push_back(*it);
        }
        mset = rank_among(std::move(ids));
    }
    const HighlightTerms& highlights = builder.highlights();
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        Xapian::Document doc = it.get_document();
        Entry entry = entry_from_canonical_json(doc.get_data());
        SearchHit hit;
        hit.slug = entry.slug;
        hit.kind = entry.kind;
        hit.name = entry.name.in(request.lang);
        hit.summary = entry.summary.in(request.lang);
        const std::string& body = entry.body.in(request.lang);
        hit.snippet = make_snippet(body.empty() ? hit.summary : body, highlights);
        hit.area = entry.area;
        hit.former_district = entry.former_district;
        hit.themes = entry.themes;
        hit.location = entry.location;
        if (request.near && entry.location)
            hit.distance_km = std::round(distance_km(*request.near, *entry.location) * 100) / 100;
        hit.ocop_stars = entry.ocop_stars;
        hit.score = std::round(it.get_weight() * 1000) / 1000;
        response.results.push_back(std::move(hit));
    }
    return response;
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
