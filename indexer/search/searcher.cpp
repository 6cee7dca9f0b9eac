#include "search/searcher.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "catalog/validation.h"
#include "index/schema.h"
#include "search/query_builder.h"
#include "search/query_parser.h"
#include "search/snippet.h"
#include "search/spelling.h"
#include "text/vietnamese.h"

namespace lc {

namespace {

// A correction is tried when the query found fewer than this many entries.
constexpr Xapian::doccount kFewResults = 3;
constexpr double kNoLocationKm = 1e9;

Xapian::Query filter_terms(std::string_view prefix, const std::vector<std::string>& values, bool fold_values) {
    std::vector<Xapian::Query> terms;
    for (const auto& v : values) terms.emplace_back(std::string(prefix) + (fold_values ? text::fold(v) : v));
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
        auto* source =
            new Xapian::LatLongDistancePostingSource(schema::kSlotLocation, centre, Xapian::GreatCircleMetric(), range_m);
        all.emplace_back(source->release());
    }
    if (all.empty()) return Xapian::Query();
    return Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end());
}

struct Match {
    Xapian::MSet mset;
    std::unique_ptr<FacetCounter> facets;
    HighlightTerms highlights;
    Xapian::doccount total() const { return mset.get_matches_estimated(); }
};

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
    return Xapian::GreatCircleMetric()(Xapian::LatLongCoord(a.lat, a.lon), Xapian::LatLongCoord(b.lat, b.lon)) / 1000.0;
}

}  // namespace

Searcher::Searcher(const Xapian::Database& db, std::shared_ptr<const FacetTable> facets, SpellingSource spelling)
    : db_(db), facets_(std::move(facets)), spelling_(std::move(spelling)) {}

SearchResponse Searcher::search(const SearchRequest& request) {
    const Xapian::Query filters = filters_of(request);
    const std::size_t per_page = std::max<std::size_t>(1, request.per_page);
    const std::size_t page = std::max<std::size_t>(1, request.page);

    auto run = [&](const ParsedQuery& parsed, bool all_words) {
        QueryBuilder builder(db_);
        Xapian::Query q = builder.build(parsed, all_words);
        if (!filters.empty()) q = Xapian::Query(Xapian::Query::OP_FILTER, q, filters);
        Xapian::Enquire enquire(db_);
        enquire.set_query(q);
        bool empty_query = parsed.empty();
        if (request.sort == SortOrder::distance && request.near) {
            Xapian::LatLongCoord centre(request.near->lat, request.near->lon);
            auto* keys = new Xapian::LatLongDistanceKeyMaker(schema::kSlotLocation, centre, Xapian::GreatCircleMetric(),
                                                             kNoLocationKm * 1000);
            enquire.set_sort_by_key_then_relevance(keys->release(), false);
        } else if (request.sort == SortOrder::name || empty_query) {
            enquire.set_sort_by_value_then_relevance(request.lang == "en" ? schema::kSlotSortEn : schema::kSlotSortVi,
                                                     false);
        }
        Match m;
        m.facets = std::make_unique<FacetCounter>(facets_);
        enquire.add_matchspy(m.facets.get());
        // Checking every match makes the facet counts and the total exact.
        m.mset = enquire.get_mset(static_cast<Xapian::doccount>((page - 1) * per_page),
                                  static_cast<Xapian::doccount>(per_page), db_.get_doccount());
        m.highlights = builder.highlights();
        return m;
    };

    // Roughly how many entries a query matches: enough to compare respellings.
    auto count = [&](const ParsedQuery& parsed, bool all_words) {
        QueryBuilder builder(db_);
        Xapian::Query q = builder.build(parsed, all_words);
        if (!filters.empty()) q = Xapian::Query(Xapian::Query::OP_FILTER, q, filters);
        Xapian::Enquire enquire(db_);
        enquire.set_query(q);
        return enquire.get_mset(0, 0, 1000).get_matches_estimated();
    };

    ParsedQuery parsed = parse_query(request.query, request.prefix);
    bool all_words = true;
    SearchResponse response;
    response.query = request.query;
    response.page = page;
    response.per_page = per_page;
    Match match = run(parsed, true);

    // Respell when nothing matched, or when few did and some word is not a
    // word of the catalog; keep the respelling that finds the most.
    if (!parsed.empty() && match.total() < kFewResults) {
        auto dictionary = spelling_();
        SpellingCorrector corrector(db_, *dictionary);
        if (match.total() == 0 || corrector.has_unknown(parsed)) {
            // The respelling whose words most often stand together wins ("ruong
            // bac thang" is a phrase of the catalog, "ruong bac than" is not),
            // then the one that finds the most.
            std::optional<ParsedQuery> best;
            std::pair<Xapian::doccount, Xapian::doccount> best_score{0, match.total()};
            for (const auto& alternative : corrector.alternatives(parsed)) {
                std::pair<Xapian::doccount, Xapian::doccount> score{count(as_phrase(alternative), true),
                                                                    count(alternative, true)};
                if (score.second > match.total() && score > best_score) {
                    best = alternative;
                    best_score = score;
                }
            }
            if (best) {
                response.corrected_query = to_text(*best);
                parsed = std::move(*best);
                match = run(parsed, true);
            }
        }
    }
    if (match.total() == 0 && parsed.included_words().size() > 1) {
        // Nothing has every word: show what has most of them.
        all_words = false;
        match = run(parsed, false);
    }

    response.total = match.total();
    match.facets->fill(response);
    // A facet group's counts ignore that group's own filter, so that choosing
    // one area still shows how many the other areas have (and can be added).
    auto recount = [&](FacetGroup group, FacetCounts SearchResponse::*counts) {
        QueryBuilder builder(db_);
        Xapian::Query q = builder.build(parsed, all_words);
        Xapian::Query others = filters_of(request, group);
        if (!others.empty()) q = Xapian::Query(Xapian::Query::OP_FILTER, q, others);
        Xapian::Enquire enquire(db_);
        enquire.set_query(q);
        enquire.set_weighting_scheme(Xapian::BoolWeight());  // counting only: no ranking needed
        FacetCounter counter(facets_);
        enquire.add_matchspy(&counter);
        enquire.get_mset(0, 0, db_.get_doccount());
        SearchResponse all;
        counter.fill(all);
        response.*counts = std::move(all.*counts);
    };
    if (!request.kinds.empty()) recount(FacetGroup::kind, &SearchResponse::kind_facet);
    if (!request.themes.empty()) recount(FacetGroup::theme, &SearchResponse::theme_facet);
    if (!request.areas.empty()) recount(FacetGroup::area, &SearchResponse::area_facet);
    if (request.stars_min) recount(FacetGroup::stars, &SearchResponse::stars_facet);
    for (auto it = match.mset.begin(); it != match.mset.end(); ++it) {
        Xapian::Document doc = it.get_document();
        Entry entry = entry_from_json(nlohmann::json::parse(doc.get_data()));
        SearchHit hit;
        hit.slug = entry.slug;
        hit.kind = entry.kind;
        hit.name = entry.name.in(request.lang);
        hit.summary = entry.summary.in(request.lang);
        const std::string& body = entry.body.in(request.lang);
        hit.snippet = make_snippet(body.empty() ? hit.summary : body, match.highlights);
        hit.area = entry.area;
        hit.themes = entry.themes;
        hit.location = entry.location;
        if (request.near && entry.location) hit.distance_km = std::round(distance_km(*request.near, *entry.location) * 100) / 100;
        hit.ocop_stars = entry.ocop_stars;
        hit.score = std::round(it.get_weight() * 1000) / 1000;
        response.results.push_back(std::move(hit));
    }
    return response;
}

std::vector<Suggestion> Searcher::suggest(std::string_view typed, std::string_view lang, std::size_t limit) {
    ParsedQuery parsed = parse_query(typed, true);
    std::vector<Suggestion> out;
    if (parsed.empty()) return out;
    // Suggestions are names: match the name and alias fields only.
    std::vector<Xapian::Query> words;
    for (const auto& w : parsed.included_words()) {
        std::vector<Xapian::Query> fields;
        for (const auto& f : {schema::kName, schema::kAliases}) {
            std::string folded = std::string(f.folded) + w.folded;
            if (w.prefix)
                fields.push_back(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                               Xapian::Query(Xapian::Query::OP_WILDCARD, folded, 40,
                                                             Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT),
                                               f.weight));
            else
                fields.push_back(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(folded), f.weight));
            if (w.accented && !w.prefix)
                fields.push_back(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                               Xapian::Query(std::string(f.canonical) + w.canonical), f.weight));
        }
        words.emplace_back(Xapian::Query::OP_OR, fields.begin(), fields.end());
    }
    Xapian::Enquire enquire(db_);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end()));
    Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        Entry entry = entry_from_json(nlohmann::json::parse(it.get_document().get_data()));
        out.push_back({entry.slug, entry.kind, entry.name.in(lang)});
    }
    return out;
}

}  // namespace lc
