// SearchService's answer cache and handle pool: a kept answer is reused only
// for the same request on the same index revision, and many threads share a
// bounded number of index handles.
#include <catch2/catch.hpp>

#include <atomic>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "catalog/store.h"
#include "index/index_location.h"
#include "index/index_writer.h"
#include "index/progress.h"
#include "search/index_snapshot.h"
#include "search/posting_cache.h"
#include "search/result_cache.h"
#include "search/search_service.h"
#include "support/temp_dir.h"

namespace {

lc::SearchResponse answer(std::size_t total, const std::string& slug) {
    lc::SearchResponse r;
    r.total = total;
    lc::SearchHit hit;
    hit.slug = slug;
    hit.snippet = std::string(200, 'x');
    r.results.push_back(hit);
    r.kind_facet["destination"] = total;
    return r;
}

lc::SearchRequest asking(const std::string& q) {
    lc::SearchRequest r;
    r.query = q;
    return r;
}

std::string key(const std::string& q) {
    return lc::ResultCache::key_of(asking(q));
}

lc::Entry entry(const std::string& slug, const std::string& body) {
    lc::Entry e;
    e.slug = slug;
    e.kind = lc::Kind::destination;
    e.name.vi = "Bản " + slug;
    e.body.vi = body;
    return e;
}

// Applies the store's one new change to the current index generation (a new
// revision of it), as the server's index follower does after an editor's change.
void apply_in_place(const lc::Store& store, const std::filesystem::path& data) {
    auto current = lc::IndexLocation(data).current();
    REQUIRE(current);
    Xapian::WritableDatabase db(current->string(), Xapian::DB_OPEN);
    REQUIRE(lc::apply_changes(store, db) == 1);
}

// What the decoded lists of text and stem terms with at least `min` postings
// take in a posting cache (posting_cache.h).
std::size_t text_lists_bytes(const std::filesystem::path& data, Xapian::doccount min) {
    auto current = lc::IndexLocation(data).current();
    REQUIRE(current);
    Xapian::Database db(current->string());
    std::size_t bytes = 0;
    for (std::string prefix : {"V", "W", "Z"})
        for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it)
            if (it.get_termfreq() >= min)
                bytes += it.get_termfreq() * 5 + sizeof(lc::DecodedPostings);
    return bytes;
}

}  // namespace

TEST_CASE("the result cache answers the same request on the same revision only",
          "[search][cache]") {
    lc::ResultCache cache(1 << 20);
    const lc::IndexStamp first{"gen-1", 7};
    CHECK_FALSE(cache.find(key("chè"), first));
    cache.keep(key("chè"), first, answer(3, "tan-uyen"));
    auto kept = cache.find(key("chè"), first);
    REQUIRE(kept);
    CHECK(kept->total == 3);
    CHECK(kept->results.at(0).slug == "tan-uyen");
    CHECK(kept->kind_facet["destination"] == 3);
    CHECK_FALSE(cache.find(key("che"), first));  // another query (no accent folding here)

    // A new revision, or a new generation, and nothing kept before is served.
    CHECK_FALSE(cache.find(key("chè"), {"gen-1", 8}));
    CHECK(cache.size() == 0);
    cache.keep(key("chè"), {"gen-1", 8}, answer(4, "x"));
    CHECK_FALSE(cache.find(key("chè"), {"gen-2", 8}));

    // An answer computed on an older revision, kept late, is not served for a newer one.
    cache.keep(key("sâm"), {"gen-1", 8}, answer(1, "old"));
    CHECK_FALSE(cache.find(key("sâm"), {"gen-2", 8}));
    cache.keep(key("sâm"), {"gen-2", 8}, answer(2, "new"));
    cache.keep(key("mận"), {"gen-1", 8}, answer(1, "old"));  // dropped: the cache holds gen-2
    CHECK(cache.size() == 1);
    auto fresh = cache.find(key("sâm"), {"gen-2", 8});
    REQUIRE(fresh);
    CHECK(fresh->total == 2);
}

TEST_CASE("every field of a request that changes the answer changes its key", "[search][cache]") {
    const lc::SearchRequest base = asking("ruộng bậc thang");
    std::vector<lc::SearchRequest> variants(13, base);
    variants[0].kinds = {"destination"};
    variants[1].themes = {"trekking"};
    variants[2].areas = {"Tam Đường"};
    variants[3].stars_min = 4;
    variants[4].near = lc::GeoPoint{22.35, 103.47};
    variants[5].near = lc::GeoPoint{22.35, 103.470001};
    variants[6].radius_km = 5;
    variants[7].sort = lc::SortOrder::name;
    variants[8].page = 2;
    variants[9].per_page = 20;
    variants[10].lang = "en";
    variants[11].prefix = true;
    variants[12].query = "ruộng bậc than";
    std::set<std::string> keys{lc::ResultCache::key_of(base)};
    for (const auto& v : variants) CHECK(keys.insert(lc::ResultCache::key_of(v)).second);
    // Lists are not run together: {"a b"} and {"a", "b"} differ, as do a value
    // moved from one list to the next.
    lc::SearchRequest one = base, two = base, moved = base;
    one.areas = {"ab"};
    two.areas = {"a", "b"};
    moved.themes = {"ab"};
    CHECK(lc::ResultCache::key_of(one) != lc::ResultCache::key_of(two));
    CHECK(lc::ResultCache::key_of(one) != lc::ResultCache::key_of(moved));
}

TEST_CASE("the result cache stays within its budget, least recently used first out",
          "[search][cache]") {
    const lc::IndexStamp stamp{"gen", 1};
    lc::ResultCache cache(8 * 1024);
    for (int i = 0; i < 200; ++i) cache.keep(key("q" + std::to_string(i)), stamp, answer(1, "s"));
    CHECK(cache.bytes() <= 8 * 1024);
    CHECK(cache.size() > 2);
    CHECK(cache.size() < 200);
    CHECK_FALSE(cache.find(key("q0"), stamp));  // the oldest went first
    CHECK(cache.find(key("q199"), stamp));

    // A lookup makes an answer recent again.
    const std::size_t held = cache.size();
    const std::string oldest = "q" + std::to_string(200 - held);
    REQUIRE(cache.find(key(oldest), stamp));
    cache.keep(key("new"), stamp, answer(1, "s"));
    CHECK(cache.find(key(oldest), stamp));

    lc::ResultCache none(0);
    none.keep(key("q"), stamp, answer(1, "s"));
    CHECK_FALSE(none.find(key("q"), stamp));
}

TEST_CASE("a cached search never hides a change to the index", "[search][cache]") {
    lc::test::TempDir dir;
    lc::Store store(dir.path(), lc::Store::Mode::create_if_missing);
    store.create(entry("sin-suoi-ho", "Bản Sin Suối Hồ có thác và vườn lan."), "t");
    lc::SilentProgress quiet;
    lc::rebuild_index(store, dir.path(), quiet, {});
    lc::SearchService service(dir.path());

    CHECK(service.search(asking("thac")).total == 1);
    CHECK(service.search(asking("thac")).total == 1);
    CHECK(service.cache_stats().hits == 1);

    // Applied in place (a new revision of the same generation).
    store.create(entry("ta-van", "Bản Tà Văn có thác nước."), "t");
    apply_in_place(store, dir.path());
    service.notify_changed();
    CHECK(service.search(asking("thac")).total == 2);

    // A rebuilt generation.
    store.create(entry("pu-ta-leng", "Đỉnh Pu Ta Leng, thác và rừng đỗ quyên."), "t");
    lc::rebuild_index(store, dir.path(), quiet, {});
    service.notify_changed();
    CHECK(service.search(asking("thac")).total == 3);
}

TEST_CASE("many threads search through a bounded pool of index handles", "[search]") {
    lc::test::TempDir dir;
    lc::Store store(dir.path(), lc::Store::Mode::create_if_missing);
    for (int i = 0; i < 20; ++i)
        store.create(entry("ban-" + std::to_string(i), "Ruộng bậc thang và chè."), "t");
    lc::SilentProgress quiet;
    lc::rebuild_index(store, dir.path(), quiet, {});
    lc::SearchService service(dir.path(), {.handles = 2, .cache_bytes = 0});

    std::atomic<int> right{0}, wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 12; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 25; ++i)
                (service.search(asking("ruong bac thang")).total == 20 ? right : wrong)++;
        });
    for (auto& t : threads) t.join();
    CHECK(right == 300);
    CHECK(wrong == 0);
    CHECK(service.handles_open() <= 2);
    CHECK(service.handles_open() >= 1);
}

TEST_CASE("the posting cache of each index revision is preloaded with the longest lists",
          "[search]") {
    lc::test::TempDir dir;
    lc::Store store(dir.path(), lc::Store::Mode::create_if_missing);
    for (int i = 0; i < 20; ++i)
        store.create(entry("ban-" + std::to_string(i), "Ruộng bậc thang và chè."), "t");
    lc::SilentProgress quiet;
    lc::SearchService empty(dir.path());
    CHECK_THROWS_AS(empty.warm_up(), lc::IndexNotReady);  // no index yet

    lc::rebuild_index(store, dir.path(), quiet, {});
    // Every list of 20 postings is kept (the default keeps 1,000 or more).
    lc::SearchService service(
        dir.path(), {.cache_bytes = 0, .posting_cache_bytes = 1 << 20, .posting_cache_min = 20});
    service.warm_up();
    const std::size_t preloaded = service.cache_stats().posting_bytes;
    CHECK(preloaded > 0);
    CHECK(preloaded == text_lists_bytes(dir.path(), 20));
    CHECK(service.search(asking("ruong bac thang")).total == 20);

    // A new revision starts a new cache, preloaded again.
    store.create(entry("ban-20", "Ruộng bậc thang."), "t");
    apply_in_place(store, dir.path());
    service.notify_changed();
    service.warm_up();
    CHECK(service.cache_stats().posting_bytes == text_lists_bytes(dir.path(), 20));
    CHECK(service.cache_stats().posting_bytes >
          preloaded);  // "ruộng" and the rest have 21 postings now
    CHECK(service.search(asking("ruong bac thang")).total == 21);

    lc::SearchService uncached(dir.path(), {.posting_cache_bytes = 0, .posting_cache_min = 1});
    uncached.warm_up();
    CHECK(uncached.cache_stats().posting_bytes == 0);
    CHECK(uncached.search(asking("ruong bac thang")).total == 21);
}

TEST_CASE("an index snapshot serves its own revision only", "[search][snapshot]") {
    lc::test::TempDir dir;
    lc::Store store(dir.path(), lc::Store::Mode::create_if_missing);
    for (int i = 0; i < 5; ++i)
        store.create(entry("ban-" + std::to_string(i), "Ruộng bậc thang và chè."), "t");
    lc::SilentProgress quiet;
    lc::rebuild_index(store, dir.path(), quiet, {});
    auto current = lc::IndexLocation(dir.path()).current();
    REQUIRE(current);
    Xapian::Database db(current->string());
    const lc::IndexSnapshot snapshot(current->filename().string(), db, {1 << 20, 1});
    CHECK(snapshot.is_of(current->filename().string(), db.get_revision()));
    CHECK(snapshot.facets().docs.size() == db.get_lastdocid() + 1);
    REQUIRE(snapshot.postings().find(db, "Wruong"));
    CHECK(snapshot.spelling(db)->contains("ruong"));

    // The index moves on: the old snapshot refuses the newer database,
    // whose lists differ, rather than answer from its own.
    store.create(entry("ban-5", "Ruộng bậc thang."), "t");
    apply_in_place(store, dir.path());
    db.reopen();
    CHECK_FALSE(snapshot.is_of(current->filename().string(), db.get_revision()));
    CHECK_THROWS_AS(snapshot.postings().find(db, "Wruong"), std::logic_error);
    CHECK_THROWS_AS(snapshot.postings().relative_lengths(db), std::logic_error);
    CHECK_THROWS_AS(snapshot.spelling(Xapian::Database(current->string())), std::logic_error);

    // A cache given no revision takes the first database's.
    lc::PostingCache unbound(1 << 20, 1);
    REQUIRE(unbound.find(db, "Wruong"));
    CHECK(unbound.find(db, "Wruong")->ids.size() == 6);
}
