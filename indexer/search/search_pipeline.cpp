#include "search/search_pipeline.h"

#include <algorithm>
#include <tuple>

#include "catalog/validation.h"
#include "index/schema.h"
#include "search/bm25.h"
#include "search/docid_set.h"
#include "search/quick_rank.h"
#include "search/snippet.h"
#include "search/spelling.h"
#include "text/vietnamese.h"

namespace lc {

namespace {

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

enum class FacetGroup { none, kind, theme, area, stars, month };

Xapian::Query distance_filter(const GeoPoint& near, double radius_km) {
    Xapian::LatLongCoord centre(near.lat, near.lon);
    // Xapian reads a range of 0 as "no limit"; a radius of 0 km means "at
    // the point", so it becomes one metre.
    double range_m = std::max(radius_km * 1000.0, 1.0);
    auto* source = new Xapian::LatLongDistancePostingSource(schema::kSlotLocation, centre,
                                                            Xapian::GreatCircleMetric(), range_m);
    return Xapian::Query(source->release());
}

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
    if (!r.months.empty() && except != FacetGroup::month) {
        std::vector<std::string> months;
        for (int m : r.months) months.push_back(std::to_string(m));
        all.push_back(filter_terms(schema::kMonthPrefix, months, false));
    }
    if (r.near && r.radius_km) all.push_back(distance_filter(*r.near, *r.radius_km));
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

// Respell when nothing matched, or when few did and some word is not a word
// of the catalog. A reading of the letters as typed (Telex or VNI spelled
// out, run-together words split) that finds its words together wins over
// any change of letters ("tanuyen" is Tân Uyên, not "tuyen" two edits away);
// then the respelling whose words most often stand together ("ruong bac
// thang" is a phrase of the catalog, "ruong bac than" is not), then the one
// that finds the most; it must find more than the query did.
void respell_if_few(const SearchContext& context, const SpellingSource& spelling,
                    ResolvedMatch& match) {
    const std::size_t total = match.shown.count();
    if (match.parsed.empty() || total >= kFewResults) return;
    auto dictionary = spelling();
    SpellingCorrector corrector(context.db, *dictionary);
    if (total != 0 && !corrector.has_unknown(match.parsed)) return;
    std::optional<ParsedQuery> best;
    std::tuple<bool, std::size_t, std::size_t> best_score{false, 0, total};
    for (const auto& [alternative, reread] : corrector.alternatives(match.parsed)) {
        const std::size_t together =
            context.filtered(context.matches(as_phrase(alternative), true)).count();
        std::tuple<bool, std::size_t, std::size_t> score{
            reread && together > 0, together,
            context.filtered(context.matches(alternative, true)).count()};
        if (std::get<2>(score) > total && score > best_score) {
            best = alternative;
            best_score = score;
        }
    }
    if (!best) return;
    match.corrected_query = to_text(*best);
    match.parsed = std::move(*best);
    match.found = context.matches(match.parsed, true);
    match.shown = context.filtered(match.found);
}

// Nothing has every word: show what has most of them.
void relax_if_none(const SearchContext& context, ResolvedMatch& match) {
    if (match.shown.count() != 0 || match.parsed.included_words().size() < 2) return;
    match.all_words = false;
    match.found = context.matches(match.parsed, false);
    match.shown = context.filtered(match.found);
}

void add_facets(const FacetTable& table, const MatchSet& set, SearchResponse& out) {
    FacetCounter facets(table);
    set.for_each([&](Xapian::docid id) { facets.count(id); });
    facets.fill(out);
}

std::unique_ptr<Xapian::Enquire> enquire_for(const SearchContext& context,
                                             const ResolvedMatch& match,
                                             const Xapian::Query& query) {
    const SearchRequest& request = context.request;
    auto enquire = std::make_unique<Xapian::Enquire>(context.db);
    const bool filtered = !context.filters.empty();
    enquire->set_query(filtered ? Xapian::Query(Xapian::Query::OP_FILTER, query, context.filters)
                                : query);
    enquire->set_weighting_scheme(bm25_weight());
    if (request.sort == SortOrder::distance && request.near) {
        Xapian::LatLongCoord centre(request.near->lat, request.near->lon);
        auto* keys = new Xapian::LatLongDistanceKeyMaker(
            schema::kSlotLocation, centre, Xapian::GreatCircleMetric(), kNoLocationKm * 1000);
        enquire->set_sort_by_key_then_relevance(keys->release(), false);
    } else if (request.sort == SortOrder::name || match.parsed.empty()) {
        enquire->set_sort_by_value_then_relevance(
            request.lang == "en" ? schema::kSlotSortEn : schema::kSlotSortVi, false);
    }
    return enquire;
}

Xapian::MSet page_of(const SearchContext& context, Xapian::Enquire& enquire) {
    return enquire.get_mset(static_cast<Xapian::doccount>((context.page - 1) * context.per_page),
                            static_cast<Xapian::doccount>(context.per_page));
}

}  // namespace

SearchContext::SearchContext(const Xapian::Database& db_, const SearchRequest& request_,
                             PostingCache* postings_)
    : db(db_),
      request(request_),
      postings(postings_),
      filters(filters_of(request_)),
      page(std::max<std::size_t>(1, request_.page)),
      per_page(std::max<std::size_t>(1, request_.per_page)) {
    if (!filters.empty()) filter_set_ = match_set(db, filters, postings);
}

MatchSet SearchContext::matches(const ParsedQuery& parsed, bool all_words) const {
    return match_set(db, build_query(db, parsed, QueryPurpose::count, all_words).query, postings);
}

MatchSet SearchContext::filtered(MatchSet set) const {
    if (filter_set_) set &= *filter_set_;
    return set;
}

ResolvedMatch resolve_match(const SearchContext& context, const SpellingSource& spelling) {
    ParsedQuery parsed = parse_query(context.request.query, context.request.prefix);
    MatchSet found = context.matches(parsed, true);
    MatchSet shown = context.filtered(found);
    ResolvedMatch match{std::move(parsed), std::nullopt, true, std::move(found), std::move(shown)};
    respell_if_few(context, spelling, match);
    relax_if_none(context, match);
    return match;
}

void count_facets(const SearchContext& context, const ResolvedMatch& match, const FacetTable& table,
                  SearchResponse& response) {
    const SearchRequest& request = context.request;
    response.total = match.shown.count();
    add_facets(table, match.shown, response);
    // A facet group's counts ignore that group's own filter, so that choosing
    // one area still shows how many the other areas have (and can be added).
    auto recount = [&](FacetGroup group, FacetCounts SearchResponse::*counts) {
        MatchSet set = match.found;
        if (Xapian::Query others = filters_of(request, group); !others.empty())
            set &= match_set(context.db, others, context.postings);
        SearchResponse all;
        add_facets(table, set, all);
        response.*counts = std::move(all.*counts);
    };
    if (!request.kinds.empty()) recount(FacetGroup::kind, &SearchResponse::kind_facet);
    if (!request.themes.empty()) recount(FacetGroup::theme, &SearchResponse::theme_facet);
    if (!request.areas.empty()) recount(FacetGroup::area, &SearchResponse::area_facet);
    if (request.stars_min) recount(FacetGroup::stars, &SearchResponse::stars_facet);
    if (!request.months.empty()) recount(FacetGroup::month, &SearchResponse::month_facet);
}

// The page is ranked in two passes: a shortlist of the best matches, scored
// from the weighted terms' posting lists over the counted match (quick_rank.h:
// words standing together are judged by their pair terms, not positions),
// then the shortlist re-ranked by the full query (scores use the whole
// catalog's statistics, so they are the scores a single pass would give). An
// entry the first pass underrates can be missed; that is the price of reading
// positions for 50 entries instead of all matches.
RankedPage rank_page(const SearchContext& context, const ResolvedMatch& match,
                     PageRanking ranking) {
    const std::size_t total = match.shown.count();
    if (total == 0) return {};
    if (context.request.sort != SortOrder::relevance || match.parsed.empty())
        return rank_in_order(context, match);
    if (ranking == PageRanking::every_match) return rank_every_match(context, match);
    if (total <= kRankAllUpTo) {
        std::vector<Xapian::docid> ids;
        match.shown.for_each([&](Xapian::docid id) { ids.push_back(id); });
        return rank_among(context, match, std::move(ids));
    }
    return rank_shortlisted(context, match);
}

// Sorted by name or distance, relevance only breaks ties, and the shortlist
// query alone orders the page.
RankedPage rank_in_order(const SearchContext& context, const ResolvedMatch& match) {
    BuiltQuery built =
        build_query(context.db, match.parsed, QueryPurpose::shortlist, match.all_words);
    auto enquire = enquire_for(context, match, built.query);
    return {page_of(context, *enquire), std::move(built.highlights)};
}

RankedPage rank_every_match(const SearchContext& context, const ResolvedMatch& match) {
    BuiltQuery built = build_query(context.db, match.parsed, QueryPurpose::rank, match.all_words);
    auto enquire = enquire_for(context, match, built.query);
    return {page_of(context, *enquire), std::move(built.highlights)};
}

// The full query's phrases and words-together boosts read the positions of
// these entries only.
RankedPage rank_among(const SearchContext& context, const ResolvedMatch& match,
                      std::vector<Xapian::docid> ids) {
    Xapian::Query candidates((new DocidSet(std::move(ids)))->release());
    BuiltQuery built =
        build_query(context.db, match.parsed, QueryPurpose::rank, match.all_words, candidates);
    auto enquire = enquire_for(context, match,
                               Xapian::Query(Xapian::Query::OP_FILTER, built.query, candidates));
    return {page_of(context, *enquire), std::move(built.highlights)};
}

RankedPage rank_shortlisted(const SearchContext& context, const ResolvedMatch& match) {
    const auto depth = std::max<Xapian::doccount>(
        kShortlistMin,
        static_cast<Xapian::doccount>(context.page * context.per_page) * kShortlistFactor);
    BuiltQuery quick =
        build_query(context.db, match.parsed, QueryPurpose::shortlist, match.all_words);
    const auto words = match.parsed.included_words();
    std::vector<Xapian::docid> ids;
    if (std::none_of(words.begin(), words.end(), [](const QueryWord& w) { return w.prefix; })) {
        PostingCache uncached(0);
        ids = quick_rank(context.db, match.shown, quick.weighted_terms, depth, kBm25,
                         context.postings ? *context.postings : uncached);
    } else {
        // A word still being typed expands to many words, which only
        // Xapian's matcher weighs.
        Xapian::MSet shortlist = enquire_for(context, match, quick.query)->get_mset(0, depth);
        for (auto it = shortlist.begin(); it != shortlist.end(); ++it) ids.push_back(*it);
    }
    return rank_among(context, match, std::move(ids));
}

std::vector<SearchHit> make_hits(const RankedPage& page, const SearchRequest& request) {
    std::vector<SearchHit> hits;
    for (auto it = page.entries.begin(); it != page.entries.end(); ++it) {
        Entry entry = entry_from_canonical_json(it.get_document().get_data());
        SearchHit hit;
        hit.slug = entry.slug;
        hit.kind = entry.kind;
        hit.name = entry.name.in(request.lang);
        hit.summary = entry.summary.in(request.lang);
        const std::string& body = entry.body.in(request.lang);
        hit.snippet = make_snippet(body.empty() ? hit.summary : body, page.highlights);
        hit.area = entry.area;
        hit.former_district = entry.former_district;
        hit.themes = entry.themes;
        hit.location = entry.location;
        if (request.near && entry.location)
            hit.distance_km = distance_km(*request.near, *entry.location);
        hit.ocop_stars = entry.ocop_stars;
        if (!entry.photos.empty()) hit.cover = entry.photos.front();
        hit.score = it.get_weight();
        hits.push_back(std::move(hit));
    }
    return hits;
}

}  // namespace lc
