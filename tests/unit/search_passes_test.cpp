// Search in separate passes on a catalog larger than the shortlist: a Boolean
// pass counts every match (totals and facets), a quick pass scores the
// matches outside Xapian's matcher to shortlist the best, and a last pass
// re-ranks the shortlist with the full query. The relevance suite's catalog is
// too small to reach the shortlist, so these tests build one that does.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <stop_token>
#include <string>
#include <vector>

#include "catalog/store.h"
#include "index/index_location.h"
#include "index/index_writer.h"
#include "index/progress.h"
#include "index/schema.h"
#include "search/docid_set.h"
#include "search/match_set.h"
#include "search/posting_cache.h"
#include "search/query_builder.h"
#include "search/query_parser.h"
#include "search/quick_rank.h"
#include "search/search_service.h"
#include "support/temp_dir.h"

namespace {

lc::Entry place(const std::string& slug, const std::string& body,
                lc::Kind kind = lc::Kind::destination) {
    lc::Entry e;
    e.slug = slug;
    e.kind = kind;
    e.name.vi =
        "Điểm số " + std::to_string(std::hash<std::string>{}(slug) % 100000);  // no query word
    e.body.vi = body;
    return e;
}

std::vector<Xapian::docid> matches(const Xapian::Database& db, const Xapian::Query& q) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    std::vector<Xapian::docid> ids;
    for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(*it);
    std::sort(ids.begin(), ids.end());
    return ids;
}

// 151 entries that all say "nậm" and "bản": 60 destinations say both twice,
// apart; 90 longer events say each once, apart; one destination, created
// last, says "Nậm Bản" together once and alone has a location.
void build_catalog(const std::filesystem::path& data) {
    lc::Store store(data, lc::Store::Mode::create_if_missing);
    for (int i = 0; i < 60; ++i)
        store.create(place("hai-lan-" + std::to_string(i),
                           "Nậm có suối. Bản có chợ. Nậm có thác. Bản có nhà."),
                     "t");
    for (int i = 0; i < 90; ++i)
        store.create(place("mot-lan-" + std::to_string(i),
                           "Nậm chảy qua rừng già, đồi chè, nương ngô và thung lũng rộng. Bản ở "
                           "xa, bên kia núi cao.",
                           lc::Kind::event),
                     "t");
    lc::Entry together = place("nam-ban", "Đường lên Nậm Bản đi qua rừng.");
    together.location = lc::Location{22.4, 103.3, lc::Precision::approximate, "a test"};
    store.create(together, "t");
    lc::SilentProgress quiet;
    lc::rebuild_index(store, data, quiet, {});
}

// build_catalog's index, opened.
Xapian::Database built_index(const std::filesystem::path& data) {
    build_catalog(data);
    auto current = lc::IndexLocation(data).current();
    REQUIRE(current);
    return Xapian::Database(current->string());
}

}  // namespace

TEST_CASE("DocidSet is a Boolean filter of exactly its documents", "[search]") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (int i = 0; i < 12; ++i) {
        Xapian::Document doc;
        doc.add_term(i % 2 ? "odd" : "even");  // ids from 1: "odd" is on ids 2, 4 … 12
        db.add_document(doc);
    }
    auto only = [](std::vector<Xapian::docid> ids) {
        return Xapian::Query((new lc::DocidSet(std::move(ids)))->release());
    };
    CHECK(matches(db, only({9, 2, 5, 2})) == std::vector<Xapian::docid>{2, 5, 9});
    CHECK(matches(db, Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query("odd"),
                                    only({1, 2, 3, 4, 12}))) ==
          std::vector<Xapian::docid>{2, 4, 12});
    CHECK(matches(db, Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query("even"), only({})))
              .empty());
    // Ids past the last document are simply never reached.
    CHECK(matches(db, only({11, 40})) == std::vector<Xapian::docid>{11});
}

TEST_CASE("a large match is counted whole and its words-together entry still ranks first",
          "[search]") {
    lc::test::TempDir dir;
    build_catalog(dir.path());
    lc::SearchService service(dir.path());

    lc::SearchRequest request;
    request.query = "nam ban";
    lc::SearchResponse res = service.search(request);
    CHECK(res.total == 151);
    CHECK(res.kind_facet["destination"] == 61);
    CHECK(res.kind_facet["event"] == 90);
    REQUIRE(res.results.size() == 10);
    CHECK(res.results.front().slug == "nam-ban");
    // The next ones are the entries that say the words most.
    for (std::size_t i = 1; i < res.results.size(); ++i)
        CHECK(res.results[i].slug.rfind("hai-lan-", 0) == 0);

    // A filter applies to the count and to every pass; the words-together
    // entry is still first among the destinations.
    request.kinds = {"destination"};
    res = service.search(request);
    CHECK(res.total == 61);
    REQUIRE_FALSE(res.results.empty());
    CHECK(res.results.front().slug == "nam-ban");
    // Its kind's counts ignore its own filter.
    CHECK(res.kind_facet["event"] == 90);

    // Deep pages come from a deeper shortlist: the last page holds the
    // entries that say the words once, and pages do not overlap.
    request.kinds.clear();
    request.per_page = 50;
    std::set<std::string> seen;
    for (std::size_t page = 1; page <= 4; ++page) {
        request.page = page;
        for (const auto& hit : service.search(request).results) CHECK(seen.insert(hit.slug).second);
    }
    CHECK(seen.size() == 151);

    // Every page is the page the full ranking over all 151 gives. On the
    // first, the shortlist is 50 deep and the 60 entries that say the words
    // twice score above "nam-ban" word by word: only its pair term keeps it
    // in the shortlist.
    lc::SearchService reference(dir.path(), {.ranking = lc::Searcher::Ranking::every_match});
    request.per_page = 10;
    for (std::size_t page = 1; page <= 4; ++page) {
        CAPTURE(page);
        request.page = page;
        auto slugs = [](const lc::SearchResponse& r) {
            std::vector<std::string> out;
            for (const auto& hit : r.results) out.push_back(hit.slug);
            return out;
        };
        const lc::SearchResponse full = reference.search(request);
        CHECK(full.total == 151);
        CHECK(slugs(service.search(request)) == slugs(full));
    }
}

TEST_CASE("match_set finds exactly what Xapian's matcher finds", "[search]") {
    lc::test::TempDir dir;
    Xapian::Database db = built_index(dir.path());

    lc::PostingCache cache(4096, 1);  // every list, 4 KB at most

    // Every shape of query the search builds: plain words with and without
    // accents, phrases, a prefix, an excluded word, relaxed (any word), and
    // filters, including one by distance.
    for (const std::string text :
         {"nam ban", "nậm bản", "\"nam ban\"", "nậm ch", "nam -suoi", "ban chợ nhà", "rung gia",
          "\"nam co suoi\"", "\"nam co thac ban\"", "khong co gi", ""}) {
        for (bool all_words : {true, false}) {
            lc::ParsedQuery parsed = lc::parse_query(text, text == "nậm ch");
            lc::QueryBuilder builder(db);
            Xapian::Query q = builder.build(parsed, all_words, lc::QueryBuilder::Purpose::count);
            for (const auto& filter : {Xapian::Query(), Xapian::Query("Kevent"),
                                       Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("Kevent"),
                                                     Xapian::Query("Kproduct"))}) {
                Xapian::Query full =
                    filter.empty() ? q : Xapian::Query(Xapian::Query::OP_FILTER, q, filter);
                CAPTURE(text, all_words, full.get_description());
                std::vector<Xapian::docid> ours, cached;
                lc::match_set(db, full).for_each([&](Xapian::docid id) { ours.push_back(id); });
                CHECK(ours == matches(db, full));
                // The same from decoded lists, in a cache small enough to
                // drop some between queries.
                lc::match_set(db, full, &cache).for_each([&](Xapian::docid id) {
                    cached.push_back(id);
                });
                CHECK(cached == ours);
                // The counting query (pair terms) finds what the ranking query
                // (phrases in each field) finds.
                lc::QueryBuilder ranker(db);
                Xapian::Query rank = ranker.build(parsed, all_words);
                CHECK(ours == matches(db, filter.empty() ? rank
                                                         : Xapian::Query(Xapian::Query::OP_FILTER,
                                                                         rank, filter)));
            }
        }
    }
    // A part left to the matcher: a distance filter (1 km around the one
    // entry with a location).
    auto* near = new Xapian::LatLongDistancePostingSource(lc::schema::kSlotLocation,
                                                          Xapian::LatLongCoord(22.4, 103.3),
                                                          Xapian::GreatCircleMetric(), 1000.0);
    Xapian::Query nearby(Xapian::Query::OP_FILTER, Xapian::Query("Wnam"),
                         Xapian::Query(near->release()));
    std::vector<Xapian::docid> ours;
    lc::match_set(db, nearby).for_each([&](Xapian::docid id) { ours.push_back(id); });
    CHECK(ours.size() == 1);
    CHECK(ours == matches(db, nearby));
    CHECK(lc::match_set(db, Xapian::Query::MatchNothing).count() == 0);
    CHECK(lc::match_set(db, Xapian::Query::MatchAll).count() == 151);
}

TEST_CASE("a posting cache holds what Xapian reads, within its budget", "[search]") {
    lc::test::TempDir dir;
    Xapian::Database db = built_index(dir.path());

    auto read = [&](const std::string& term) {
        lc::DecodedPostings p;
        for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
            p.ids.push_back(*it);
            p.wdfs.push_back(static_cast<std::uint8_t>(it.get_wdf()));
        }
        return p;
    };
    // "Wnam" is in all 151 entries, "Wrung" in 91, "Wco" in 60.
    const lc::DecodedPostings nam = read("Wnam"), rung = read("Wrung"), co = read("Wco");
    REQUIRE(nam.ids.size() == 151);
    REQUIRE(rung.ids.size() == 91);
    REQUIRE(co.ids.size() == 60);
    const std::size_t nam_bytes = 151 * 5 + sizeof(lc::DecodedPostings),
                      rung_bytes = 91 * 5 + sizeof(lc::DecodedPostings);

    SECTION("lists as Xapian reads them; short lists are not kept") {
        lc::PostingCache cache(1 << 20, 61);
        auto p = cache.find(db, "Wnam");
        REQUIRE(p);
        CHECK(p->ids == nam.ids);
        CHECK(p->wdfs == nam.wdfs);
        CHECK(nam.wdfs.front() == 2 * lc::schema::kBodyWdf);  // "Nậm" twice in a body
        CHECK(cache.find(db, "Wnam") == p);                   // decoded once
        CHECK(cache.find(db, "Wco") == nullptr);              // 60 postings: below 61
        CHECK(cache.find(db, "Wnothing") == nullptr);
        CHECK(cache.bytes() == nam_bytes);
    }
    SECTION("the least recently used list leaves first") {
        lc::PostingCache cache(nam_bytes + rung_bytes, 1);
        auto first = cache.find(db, "Wnam");
        cache.find(db, "Wrung");
        CHECK(cache.bytes() == nam_bytes + rung_bytes);
        CHECK(cache.find(db, "Wnam") == first);  // now the most recent
        auto co_list = cache.find(db, "Wco");    // pushes out "Wrung"
        REQUIRE(co_list);
        CHECK(co_list->ids == co.ids);
        CHECK(cache.bytes() <= nam_bytes + rung_bytes);
        CHECK(cache.find(db, "Wnam") == first);
        CHECK(cache.bytes() == nam_bytes + 60 * 5 + sizeof(lc::DecodedPostings));
        // A list handed out stays valid after it leaves the cache.
        auto rung_again = cache.find(db, "Wrung");
        CHECK(rung_again->ids == rung.ids);
        CHECK(first->ids == nam.ids);
    }
    SECTION("no budget, no cache") {
        lc::PostingCache cache(0, 1);
        CHECK(cache.find(db, "Wnam") == nullptr);
        CHECK(cache.bytes() == 0);
    }
    SECTION("preloading keeps the longest lists, within its share of the budget") {
        std::vector<std::pair<Xapian::doccount, std::string>> lists;  // the W terms, longest first
        for (auto it = db.allterms_begin("W"); it != db.allterms_end("W"); ++it)
            lists.emplace_back(it.get_termfreq(), *it);
        std::sort(lists.begin(), lists.end(),
                  [](const auto& a, const auto& b) { return a.first > b.first; });
        REQUIRE(lists.size() > 3);
        const std::size_t budget = 4 * nam_bytes;
        lc::PostingCache cache(budget, 1);
        const std::size_t decoded = cache.preload(db, {"W"}, 0.5);
        CHECK(decoded >= 1);
        CHECK(cache.bytes() <= budget / 2);
        CHECK(cache.bytes() > 0);
        std::size_t held = 0;
        Xapian::doccount shortest_held = 0, longest_not_held = 0;
        for (const auto& [frequency, term] : lists) {
            if (cache.holds(term)) {
                ++held;
                shortest_held = frequency;
            } else {
                longest_not_held = std::max(longest_not_held, frequency);
            }
        }
        CHECK(held == decoded);
        CHECK(shortest_held >= longest_not_held);
        CHECK_FALSE(cache.holds("Nnam"));  // other prefixes are left alone
    }
    SECTION("a stopped preload decodes nothing but the document lengths") {
        lc::PostingCache cache(1 << 20, 1);
        std::stop_source stop;
        stop.request_stop();
        CHECK(cache.preload(db, {"W"}, 1.0, stop.get_token()) == 0);
        CHECK(cache.bytes() == 0);
        CHECK_FALSE(cache.holds("Wnam"));
    }
    SECTION("document lengths relative to the average") {
        lc::PostingCache cache(1 << 20, 1);
        auto lengths = cache.relative_lengths(db);
        REQUIRE(lengths->size() == db.get_lastdocid() + 1);
        CHECK((*lengths)[0] == 0.0f);
        for (Xapian::docid id = 1; id <= db.get_lastdocid(); ++id)
            CHECK((*lengths)[id] == Approx(db.get_doclength(id) / db.get_avlength()));
    }
}

TEST_CASE("the quick ranking scores the matches by their weighted terms", "[search]") {
    lc::test::TempDir dir;
    Xapian::Database db = built_index(dir.path());

    lc::QueryBuilder builder(db);
    lc::ParsedQuery parsed = lc::parse_query("nam ban", false);
    builder.build(parsed, true, lc::QueryBuilder::Purpose::shortlist);
    const auto& terms = builder.weighted_terms();
    auto has = [&](const std::string& term, double factor) {
        return std::any_of(terms.begin(), terms.end(), [&](const lc::WeightedTerm& t) {
            return t.term == term && t.factor == Approx(factor);
        });
    };
    CHECK(has("Wnam", 1.0));
    CHECK(has("Wban", 1.0));
    CHECK(has("XNnam", 3.0));       // in the name
    CHECK(has("XAban", 2.0));       // in an alias
    CHECK(has("XPnam ban", 0.5));   // standing together
    CHECK(has("XEnam ban", 25.0));  // the whole name

    lc::MatchSet all =
        lc::match_set(db, builder.build(parsed, true, lc::QueryBuilder::Purpose::count));
    REQUIRE(all.count() == 151);
    builder.build(parsed, true, lc::QueryBuilder::Purpose::shortlist);
    const lc::Bm25Parameters bm25{5.0, 0.5};
    lc::PostingCache uncached(0);  // document lengths only
    std::vector<Xapian::docid> best =
        lc::quick_rank(db, all, builder.weighted_terms(), 70, bm25, uncached);
    REQUIRE(best.size() == 70);
    // The one that says the words together comes first (by its pair term),
    // then the 60 short entries that say both words twice, in document order
    // (they tie), then the rest.
    auto slug = [&](Xapian::docid id) {
        auto it = db.termlist_begin(id);
        it.skip_to("Q");
        return (*it).substr(1);
    };
    CHECK(slug(best[0]) == "nam-ban");
    for (std::size_t i = 1; i <= 60; ++i) {
        CAPTURE(i);
        CHECK(slug(best[i]).rfind("hai-lan-", 0) == 0);
        if (i > 1) CHECK(best[i] > best[i - 1]);
    }
    CHECK(slug(best[61]).rfind("mot-lan-", 0) == 0);

    // Only matches are ranked; a cache changes nothing.
    lc::MatchSet events = lc::match_set(db, Xapian::Query("Kevent"));
    std::vector<Xapian::docid> among_events =
        lc::quick_rank(db, events, builder.weighted_terms(), 500, bm25, uncached);
    CHECK(among_events.size() == 90);
    for (auto id : among_events) CHECK(slug(id).rfind("mot-lan-", 0) == 0);
    lc::PostingCache cache(1 << 20, 1);
    CHECK(lc::quick_rank(db, all, builder.weighted_terms(), 70, bm25, cache) == best);
    CHECK(cache.bytes() > 0);
}
