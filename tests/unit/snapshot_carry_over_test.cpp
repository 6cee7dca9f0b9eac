// A snapshot made from the previous revision's (IndexSnapshot::next) answers
// exactly as a cold one of the same revision, after each kind of change the
// index follower applies: an entry added, replaced, deleted, and the synonyms
// changed. The caches are filled with every list first (no minimum length),
// so a list or length kept when it should have been dropped shows as a
// different total, facet count, order or score.
#include <catch2/catch.hpp>

#include <sstream>

#include "catalog/store.h"
#include "index/index_location.h"
#include "index/index_writer.h"
#include "index/progress.h"
#include "search/index_snapshot.h"
#include "search/searcher.h"
#include "support/temp_dir.h"

namespace {

lc::Entry place(const std::string& slug, lc::Kind kind, const std::string& name,
                const std::string& body, const std::string& theme, const std::string& area) {
    lc::Entry e;
    e.slug = slug;
    e.kind = kind;
    e.name.vi = name;
    e.body.vi = body;
    e.themes = {theme};
    e.area = area;
    e.season = {3, 4};
    return e;
}

std::vector<lc::SearchRequest> requests() {
    std::vector<lc::SearchRequest> all;
    for (std::string q : {"thác", "ruộng bậc thang", "chè", "thac nuoc", "san", "", "bản"}) {
        lc::SearchRequest r;
        r.query = q;
        all.push_back(r);
        r.kinds = {"destination"};
        all.push_back(r);
        r.kinds.clear();
        r.themes = {"tea"};
        all.push_back(r);
        r.themes.clear();
        r.months = {9};
        all.push_back(r);
        r.months.clear();
    }
    return all;
}

// Everything an answer shows, as text to compare.
std::string shown(const lc::SearchResponse& r) {
    std::ostringstream out;
    out << r.total << '|' << r.corrected_query.value_or("-") << '|';
    for (const auto& hit : r.results) out << hit.slug << ':' << hit.score << ',';
    for (const auto* facet :
         {&r.kind_facet, &r.theme_facet, &r.area_facet, &r.stars_facet, &r.month_facet}) {
        out << '|';
        for (const auto& [value, n] : *facet) out << value << '=' << n << ',';
    }
    return out.str();
}

std::vector<std::string> answers(const Xapian::Database& db,
                                 const std::shared_ptr<const lc::IndexSnapshot>& snapshot) {
    std::vector<std::string> out;
    lc::Searcher searcher(db, snapshot);
    for (const auto& r : requests()) out.push_back(shown(searcher.search(r)));
    return out;
}

struct Fixture {
    lc::test::TempDir dir;
    lc::Store store{dir.path(), lc::Store::Mode::create_if_missing};
    std::string generation;
    std::unique_ptr<Xapian::Database> db;
    std::shared_ptr<const lc::IndexSnapshot> snapshot;
    const lc::IndexSnapshot::Options options{1 << 20, 1};  // every list kept

    Fixture() {
        store.create(place("thac-tac-tinh", lc::Kind::destination, "Thác Tắc Tình",
                           "Thác nước giữa rừng, gần bản.", "nature", "xã Bình Lư"),
                     "t");
        store.create(place("ruong-bac-thang", lc::Kind::destination, "Ruộng bậc thang Sìn Hồ",
                           "Ruộng bậc thang và thác nhỏ quanh bản.", "nature", "xã Sìn Hồ"),
                     "t");
        store.create(place("che-tan-uyen", lc::Kind::product, "Chè Tân Uyên",
                           "Chè san tuyết trên đồi, gần ruộng bậc thang.", "tea", "xã Tân Uyên"),
                     "t");
        lc::SilentProgress quiet;
        lc::rebuild_index(store, dir.path(), quiet, {});
        auto current = lc::IndexLocation(dir.path()).current();
        REQUIRE(current);
        generation = current->filename().string();
        db = std::make_unique<Xapian::Database>(current->string());
        snapshot = lc::IndexSnapshot::next(nullptr, generation, *db, options);
        CHECK_FALSE(snapshot->carried_over());
        answers(*db, snapshot);  // fills the posting cache and the lengths
    }

    // Applies the store's changes in place, as the index follower does, and
    // checks the carried-over snapshot against a cold one.
    void apply_and_compare() {
        {
            Xapian::WritableDatabase writer(lc::IndexLocation(dir.path()).current()->string(),
                                            Xapian::DB_OPEN);
            lc::apply_changes(store, writer);
        }
        db->reopen();
        auto carried = lc::IndexSnapshot::next(snapshot, generation, *db, options);
        REQUIRE(carried->carried_over());
        CHECK(carried->postings().bytes() > 0);  // something was kept
        auto cold = lc::IndexSnapshot::next(nullptr, generation, *db, options);
        CHECK(answers(*db, carried) == answers(*db, cold));
        snapshot = carried;
    }
};

}  // namespace

TEST_CASE("a carried-over snapshot answers as a cold one after each kind of change",
          "[search][snapshot]") {
    Fixture f;
    SECTION("an entry added") {
        f.store.create(place("thac-mu-cang", lc::Kind::destination, "Thác Mù Cang",
                             "Thác nước và ruộng bậc thang, chè san tuyết.", "tea", "xã Bình Lư"),
                       "t");
        f.apply_and_compare();
    }
    SECTION("an entry replaced, its text and its facets") {
        auto e = place("thac-tac-tinh", lc::Kind::destination, "Thác Tắc Tình",
                       "Thác nước cao, bản người Dao, chè.", "tea", "xã Sìn Hồ");
        f.store.replace(e, std::nullopt, "t");
        f.apply_and_compare();
        e.body.vi = "Thác nước cao giữa rừng già, bản người Dao.";  // text only
        f.store.replace(e, std::nullopt, "t");
        f.apply_and_compare();
    }
    SECTION("an entry replaced, its season only (months are terms, not values)") {
        auto e = place("thac-tac-tinh", lc::Kind::destination, "Thác Tắc Tình",
                       "Thác nước giữa rừng, gần bản.", "nature", "xã Bình Lư");
        e.season = {9, 10};
        f.store.replace(e, std::nullopt, "t");
        f.apply_and_compare();
    }
    SECTION("an entry deleted") {
        f.store.remove("ruong-bac-thang", std::nullopt, "t");
        f.apply_and_compare();
    }
    SECTION("the synonyms changed") {
        f.store.import({}, lc::Synonyms{{"thác", "san"}}, "t");
        f.apply_and_compare();
    }
    SECTION("several batches at once") {
        f.store.remove("che-tan-uyen", std::nullopt, "t");
        f.store.create(place("ban-sang", lc::Kind::destination, "Bản Sàng", "Bản và thác.",
                             "nature", "xã Bình Lư"),
                       "t");
        {
            Xapian::WritableDatabase writer(lc::IndexLocation(f.dir.path()).current()->string(),
                                            Xapian::DB_OPEN);
            lc::apply_changes(f.store, writer, 1);  // one revision a change
        }
        f.store.remove("ban-sang", std::nullopt, "t");
        f.apply_and_compare();
    }
}

TEST_CASE("a snapshot starts cold when the index does not say what changed", "[search][snapshot]") {
    Fixture f;
    {
        // A writer that records nothing (not apply_changes).
        Xapian::WritableDatabase writer(lc::IndexLocation(f.dir.path()).current()->string(),
                                        Xapian::DB_OPEN);
        writer.set_metadata("lc.unrecorded", "1");
        writer.commit();
    }
    f.db->reopen();
    CHECK_FALSE(
        lc::IndexSnapshot::next(f.snapshot, f.generation, *f.db, f.options)->carried_over());
    // Nor from a snapshot of another generation.
    CHECK_FALSE(lc::IndexSnapshot::next(f.snapshot, "other", *f.db, f.options)->carried_over());
}
