// The search index as written from the store: one document per published
// entry, its terms, values, synonyms and spelling words; incremental changes;
// and the atomic swap of a rebuilt generation.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "catalog/store.h"
#include "catalog/validation.h"
#include "index/document_builder.h"
#include "index/index_location.h"
#include "index/index_writer.h"
#include "index/progress.h"
#include "index/schema.h"
#include "support/temp_dir.h"

using lc::test::TempDir;
using nlohmann::json;
namespace fs = std::filesystem;
namespace schema = lc::schema;

namespace {

lc::Entry ginseng() {
    lc::Entry e;
    e.slug = "sam-lai-chau";
    e.kind = lc::Kind::product;
    e.name = {"Sâm Lai Châu", "Lai Chau ginseng"};
    e.summary = {"Loài sâm quý mọc dưới tán rừng.", "A rare ginseng of the forest."};
    e.body = {"Sâm mọc dưới tán rừng già ở độ cao trên 1.600 mét.",
              "It grows on shaded terraces of old forests."};
    e.aliases = {"sâm ngọc linh lai châu"};
    e.themes = {"medicinal-plants", "ocop"};
    e.area = "xã Khun Há";
    e.former_district = "Tam Đường";
    e.location = lc::Location{22.2297, 103.5961, lc::Precision::commune_centre, "GSO 03430"};
    e.ocop_stars = 5;
    return e;
}

lc::Entry pass() {
    lc::Entry e;
    e.slug = "deo-o-quy-ho";
    e.kind = lc::Kind::destination;
    e.name = {"Đèo Ô Quy Hồ", "O Quy Ho pass"};
    e.aliases = {"Hoàng Liên pass"};
    e.area = "xã Bình Lư";
    e.location = lc::Location{22.3532, 103.7645, lc::Precision::site, "vi.wikipedia"};
    return e;
}

lc::Entry festival() {
    lc::Entry e;
    e.slug = "le-hoi-tra-tan-uyen";
    e.kind = lc::Kind::event;
    e.name = {"Lễ hội trà Tân Uyên", "Tan Uyen tea festival"};
    e.season = {3, 4};
    e.themes = {"tea"};
    return e;
}

lc::Entry simple(const std::string& slug, const std::string& name,
                 lc::Status status = lc::Status::published) {
    lc::Entry e;
    e.slug = slug;
    e.name.vi = name;
    e.status = status;
    return e;
}

// A store with three published entries, a draft and a deleted one, and synonyms.
void fill(lc::Store& store) {
    store.create(ginseng(), "t");
    store.create(pass(), "t");
    store.create(festival(), "t");
    store.create(simple("ban-nhap", "Bản nháp riêng", lc::Status::draft), "t");
    store.create(simple("da-xoa", "Mục đã xoá"), "t");
    store.remove("da-xoa", std::nullopt, "t");
    store.import({}, lc::Synonyms{{"chè", "trà", "tea"}, {"sâm", "ginseng"}}, "t");
}

struct RecordingProgress : lc::Progress {
    std::size_t total = 0, last = 0, finished = 0;
    std::string what;
    void start(const std::string& w, std::size_t t) override {
        what = w;
        total = t;
    }
    void advance(std::size_t done) override { last = std::max(last, done); }
    void finish() override { ++finished; }
};

lc::BuildStats build(const lc::Store& store, const fs::path& data, unsigned threads = 2) {
    lc::SilentProgress quiet;
    lc::BuildOptions options;
    options.threads = threads;
    return lc::rebuild_index(store, data, quiet, options);
}

Xapian::Database open_current(const fs::path& data) {
    auto current = lc::IndexLocation(data).current();
    REQUIRE(current);
    return Xapian::Database(current->string());
}

Xapian::docid doc_of(const Xapian::Database& db, const std::string& slug) {
    auto it = db.postlist_begin(std::string(schema::kIdPrefix) + slug);
    return it == db.postlist_end(std::string(schema::kIdPrefix) + slug) ? 0 : *it;
}

bool has_term(const Xapian::Database& db, Xapian::docid id, const std::string& term) {
    auto it = db.termlist_begin(id);
    it.skip_to(term);
    return it != db.termlist_end(id) && *it == term;
}

// How often `term` is in document `id`, as the index weighs it (0: not at all).
Xapian::termcount wdf_of(const Xapian::Database& db, Xapian::docid id, const std::string& term) {
    auto it = db.termlist_begin(id);
    it.skip_to(term);
    return it != db.termlist_end(id) && *it == term ? it.get_wdf() : 0;
}

std::vector<Xapian::termpos> positions(const Xapian::Database& db, Xapian::docid id,
                                       const std::string& term) {
    return {db.positionlist_begin(id, term), db.positionlist_end(id, term)};
}

std::set<std::string> synonyms_of(const Xapian::Database& db, const std::string& key) {
    return {db.synonyms_begin(key), db.synonyms_end(key)};
}

std::set<std::string> terms_with_prefix(const Xapian::Database& db, Xapian::docid id,
                                        const std::string& prefix) {
    std::set<std::string> out;
    for (auto it = db.termlist_begin(id); it != db.termlist_end(id); ++it)
        if ((*it).rfind(prefix, 0) == 0) out.insert(*it);
    return out;
}

}  // namespace

TEST_CASE("index: one document per published entry", "[index]") {
    TempDir dir;
    lc::Store store(dir.path(), lc::Store::Mode::create_if_missing);
    fill(store);
    RecordingProgress progress;
    lc::BuildOptions options;
    options.threads = 2;
    auto stats = lc::rebuild_index(store, dir.path(), progress, options);
    CHECK(stats.documents == 3);
    CHECK(stats.change_seq == store.change_seq());
    CHECK(stats.index_bytes > 0);
    CHECK(progress.total == 3);
    CHECK(progress.last == 3);
    CHECK(progress.finished == 1);

    auto db = open_current(dir.path());
    std::size_t published = 0;
    for (const auto& [kind, n] : store.counts().published_by_kind) published += n;
    CHECK(db.get_doccount() == published);
    CHECK(db.get_doccount() == 3);
    for (const char* slug : {"sam-lai-chau", "deo-o-quy-ho", "le-hoi-tra-tan-uyen"}) {
        INFO(slug);
        CHECK(db.get_termfreq(std::string("Q") + slug) == 1);
    }
    CHECK_FALSE(db.term_exists("Qban-nhap"));  // draft
    CHECK_FALSE(db.term_exists("Qda-xoa"));    // deleted
    CHECK_FALSE(db.term_exists("XNnhap"));     // none of their words either
    CHECK_FALSE(db.term_exists("XNxoa"));

    CHECK(db.get_metadata(std::string(schema::kMetaChangeSeq)) ==
          std::to_string(store.change_seq()));
    CHECK(lc::applied_seq(db) == store.change_seq());
    CHECK(db.get_metadata(std::string(schema::kMetaFormat)) == schema::kIndexFormat);
    CHECK(db.get_metadata(std::string(schema::kMetaSynonymsVersion)) == "1");
}

TEST_CASE("index: accented and folded terms with positions", "[index]") {
    TempDir dir;
    lc::Store store(dir.path(), lc::Store::Mode::create_if_missing);
    fill(store);
    build(store, dir.path());
    auto db = open_current(dir.path());
    const auto id = doc_of(db, "sam-lai-chau");
    REQUIRE(id != 0);

    // All text: accented words under both the canonical and the folded
    // prefix, at the same positions. (A word without marks may be stored
    // once, folded.)
    for (auto [canonical, folded] :
         {std::pair{"Vsâm", "Wsam"}, std::pair{"Vchâu", "Wchau"}, std::pair{"Vrừng", "Wrung"},
          std::pair{"Vquý", "Wquy"}, std::pair{"Vngọc", "Wngoc"}, std::pair{"Vđường", "Wduong"}}) {
        INFO(canonical << " / " << folded);
        auto p = positions(db, id, canonical), f = positions(db, id, folded);
        CHECK_FALSE(p.empty());
        // Every accented occurrence is also a folded one ("chau" is in the English name too).
        CHECK(std::includes(f.begin(), f.end(), p.begin(), p.end()));
    }
    CHECK_FALSE(has_term(db, id, "Vlai"));  // no marks: folded only
    CHECK_FALSE(positions(db, id, "Wlai").empty());
    CHECK_FALSE(positions(db, id, "Wterraces").empty());
    // "Sâm Lai Châu" is a phrase: consecutive positions.
    auto sam = positions(db, id, "Wsam"), lai = positions(db, id, "Wlai"),
         chau = positions(db, id, "Wchau");
    REQUIRE(!sam.empty());
    REQUIRE(!lai.empty());
    REQUIRE(!chau.empty());
    CHECK(lai[0] == sam[0] + 1);
    CHECK(chau[0] == lai[0] + 1);

    // Each occurrence weighs what its field does: "sâm" is in the name (4),
    // the alias (3), the summary (3) and the body (1); "terraces" only in the
    // body; "ngọc" only in the alias; "đường" in the area.
    CHECK(wdf_of(db, id, "Wsam") ==
          schema::kNameWdf + schema::kAliasWdf + schema::kSummaryWdf + schema::kBodyWdf);
    CHECK(wdf_of(db, id, "Vsâm") == wdf_of(db, id, "Wsam"));
    CHECK(wdf_of(db, id, "Wterraces") == schema::kBodyWdf);
    CHECK(wdf_of(db, id, "Wngoc") == schema::kAliasWdf);
    CHECK(wdf_of(db, id, "Wduong") == schema::kPlaceWdf);
    CHECK(wdf_of(db, id, "Wginseng") == schema::kNameWdf + schema::kSummaryWdf);

    // The name's and the aliases' own words, without positions.
    for (const char* term :
         {"Nsâm", "XNsam", "Nchâu", "XNchau", "XNlai", "XNginseng", "Angọc", "XAngoc", "XAsam"}) {
        INFO(term);
        CHECK(has_term(db, id, term));
        CHECK(positions(db, id, term).empty());
    }
    CHECK_FALSE(has_term(db, id, "XNrung"));  // in the summary, not the name
    CHECK_FALSE(has_term(db, id, "XAginseng"));
    CHECK(has_term(db, id, "XEsam lai chau"));  // the whole name

    // Pairs of words standing together in one field, folded, no positions.
    for (const char* pair : {"XPsam lai", "XPlai chau", "XPchau ginseng", "XPtan rung",
                             "XPtam duong", "XPmedicinal plants"}) {
        INFO(pair);
        CHECK(has_term(db, id, pair));
    }
    CHECK(positions(db, id, "XPsam lai").empty());
    // Not across fields, nor across punctuation-free gaps between them: the
    // Vietnamese name ends with "châu", the English one starts with "lai";
    // the summary ends "rừng." and the body starts "Sâm".
    CHECK_FALSE(has_term(db, id, "XPchau lai"));
    CHECK_FALSE(has_term(db, id, "XPrung sam"));
    CHECK_FALSE(has_term(db, id, "XPsam rung"));  // words apart

    Xapian::Stem english("english");
    // English stems, for English text only.
    for (const char* word : {"ginseng", "terraces", "forests"})
        CHECK(has_term(db, id, "Z" + english(word)));
    CHECK(english("terraces") != "terraces");
    CHECK(wdf_of(db, id, "Z" + english("ginseng")) == schema::kNameWdf + schema::kSummaryWdf);
    CHECK_FALSE(has_term(db, id, "Zsam"));  // "sâm" is only in Vietnamese text
    CHECK_FALSE(has_term(db, id, "Zrung"));

    // Boolean filter terms.
    for (const char* term :
         {"Kproduct", "Tocop", "Tmedicinal-plants", "Gtam duong", "S5", "Qsam-lai-chau"}) {
        INFO(term);
        CHECK(has_term(db, id, term));
    }
    const auto pass_id = doc_of(db, "deo-o-quy-ho");
    CHECK(has_term(db, pass_id, "Nđèo"));
    CHECK(has_term(db, pass_id, "XNdeo"));
    CHECK(has_term(db, pass_id, "Nhồ"));
    CHECK(has_term(db, pass_id, "XNho"));
    CHECK(has_term(db, pass_id, "Kdestination"));
    CHECK(terms_with_prefix(db, pass_id, "S").empty());  // no stars on a destination
    CHECK(terms_with_prefix(db, pass_id, "T").empty());  // no themes

    // The stored document is the entry's canonical JSON.
    CHECK(db.get_document(id).get_data() == lc::to_canonical_json(ginseng()));
}

TEST_CASE("index: values for facets and sorting and distance", "[index]") {
    TempDir dir;
    lc::Store store(dir.path(), lc::Store::Mode::create_if_missing);
    fill(store);
    build(store, dir.path());
    auto db = open_current(dir.path());
    auto doc = db.get_document(doc_of(db, "sam-lai-chau"));
    CHECK(doc.get_value(schema::kSlotKind) == "product");
    CHECK(doc.get_value(schema::kSlotArea) == "xã Khun Há");
    CHECK(doc.get_value(schema::kSlotThemes) ==
          std::string("medicinal-plants") + schema::kListSeparator + "ocop");
    CHECK(doc.get_value(schema::kSlotStars) == "5");
    Xapian::LatLongCoords coords;
    coords.unserialise(doc.get_value(schema::kSlotLocation));
    REQUIRE(coords.size() == 1);
    CHECK((*coords.begin()).latitude == Approx(22.2297).margin(1e-6));
    CHECK((*coords.begin()).longitude == Approx(103.5961).margin(1e-6));
    CHECK_FALSE(doc.get_value(schema::kSlotSortVi).empty());
    CHECK_FALSE(doc.get_value(schema::kSlotSortEn).empty());

    auto fest = db.get_document(doc_of(db, "le-hoi-tra-tan-uyen"));
    CHECK(fest.get_value(schema::kSlotKind) == "event");
    CHECK(fest.get_value(schema::kSlotStars).empty());
    CHECK(fest.get_value(schema::kSlotLocation).empty());
    CHECK(fest.get_value(schema::kSlotArea).empty());

    // Vietnamese order: Đèo < Lễ < Sâm (raw bytes would put Đ last).
    auto pass_doc = db.get_document(doc_of(db, "deo-o-quy-ho"));
    CHECK(pass_doc.get_value(schema::kSlotSortVi) < fest.get_value(schema::kSlotSortVi));
    CHECK(fest.get_value(schema::kSlotSortVi) < doc.get_value(schema::kSlotSortVi));
    // English order by the English names: Lai Chau ginseng < O Quy Ho pass < Tan Uyen tea festival.
    CHECK(doc.get_value(schema::kSlotSortEn) < pass_doc.get_value(schema::kSlotSortEn));
    CHECK(pass_doc.get_value(schema::kSlotSortEn) < fest.get_value(schema::kSlotSortEn));

    lc::DocumentBuilder builder;
    CHECK(builder.sort_key("Sâm", "vi") < builder.sort_key("Sen", "vi"));   // â before e
    CHECK(builder.sort_key("Dung", "vi") < builder.sort_key("Đào", "vi"));  // d before đ
    CHECK(builder.sort_key("đào", "vi") < builder.sort_key("Em", "vi"));    // đ before e
}

TEST_CASE("index: synonyms and spelling words from the store", "[index]") {
    TempDir dir;
    lc::Store store(dir.path(), lc::Store::Mode::create_if_missing);
    fill(store);
    build(store, dir.path());
    auto db = open_current(dir.path());

    auto che = synonyms_of(db, "chè");
    CHECK(che.count("trà") == 1);
    CHECK(che.count("tea") == 1);
    CHECK(synonyms_of(db, "che").count("trà") == 1);  // folded keys too
    CHECK(synonyms_of(db, "tra").count("chè") == 1);
    CHECK(synonyms_of(db, "tea").count("chè") == 1);
    CHECK(synonyms_of(db, "ginseng").count("sâm") == 1);
    CHECK(synonyms_of(db, "sam").count("ginseng") == 1);
    CHECK(synonyms_of(db, "chè").count("chè") == 0);  // not itself

    CHECK(db.get_spelling_suggestion("hoo") == "ho");
    CHECK(db.get_spelling_suggestion("ginsen") == "ginseng");
    std::set<std::string> words(db.spellings_begin(), db.spellings_end());
    CHECK(words.count("sam") == 1);  // folded
    CHECK(words.count("sâm") == 0);
    CHECK(words.count("deo") == 1);
    CHECK(words.count("nhap") == 0);  // nothing from the draft
    CHECK(words.count("1600") == 0);  // numbers are not spelling words
}

TEST_CASE("index: synonym keys of several syllables", "[index]") {
    TempDir dir;
    Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
    lc::write_synonyms(db, {{"Sâm Lai Châu", "lai chau ginseng"}, {"chè", "trà"}});
    db.commit();
    CHECK(lc::synonym_key("Sâm  Lai Châu", false) == "sâm lai châu");
    CHECK(lc::synonym_key("Sâm  Lai Châu", true) == "sam lai chau");
    CHECK(synonyms_of(db, "sâm lai châu").count("lai chau ginseng") == 1);
    CHECK(synonyms_of(db, "sam lai chau").count("lai chau ginseng") == 1);
    CHECK(synonyms_of(db, "lai chau ginseng").count("sâm lai châu") == 1);
    // Writing again replaces the table.
    lc::write_synonyms(db, {{"chè", "tea"}});
    db.commit();
    CHECK(synonyms_of(db, "chè") == std::set<std::string>{"tea"});
    CHECK(synonyms_of(db, "sâm lai châu").empty());
}

TEST_CASE("index: apply_changes follows creates and updates and deletes and drafts", "[index]") {
    TempDir dir;
    lc::Store store(dir.path(), lc::Store::Mode::create_if_missing);
    fill(store);
    build(store, dir.path());
    auto current = lc::IndexLocation(dir.path()).current();
    REQUIRE(current);
    Xapian::WritableDatabase db(current->string(), Xapian::DB_OPEN);
    CHECK(lc::applied_seq(db) == store.change_seq());
    CHECK(lc::apply_changes(store, db) == 0);

    auto seq_is_current = [&] {
        CHECK(lc::applied_seq(db) == store.change_seq());
        CHECK(db.get_metadata("lc.change_seq") == std::to_string(store.change_seq()));
    };

    SECTION("create") {
        store.create(simple("ban-lao-chai", "Bản Lao Chải"), "t");
        CHECK(lc::apply_changes(store, db) == 1);
        CHECK(db.get_doccount() == 4);
        CHECK(db.term_exists("Qban-lao-chai"));
        CHECK(db.term_exists("XNchai"));
        CHECK(db.term_exists("Nchải"));
        seq_is_current();
        CHECK(Xapian::Database(current->string()).get_doccount() == 4);  // committed for readers
    }
    SECTION("update") {
        lc::Entry e = pass();
        e.name.vi = "Đèo Hoàng Liên";
        store.replace(e, std::nullopt, "t");
        CHECK(lc::apply_changes(store, db) == 1);
        CHECK(db.get_doccount() == 3);
        CHECK(db.get_termfreq("Qdeo-o-quy-ho") == 1);
        auto id = doc_of(db, "deo-o-quy-ho");
        CHECK(has_term(db, id, "Nliên"));
        CHECK_FALSE(has_term(db, id, "Nhồ"));  // "Hồ" was only in the old Vietnamese name
        CHECK_FALSE(db.term_exists("Nhồ"));
        CHECK(has_term(db, id, "XNho"));  // "O Quy Ho pass" keeps the folded word
        CHECK(db.get_document(id).get_data() == lc::to_canonical_json(e));
        seq_is_current();
    }
    SECTION("to draft and back") {
        store.patch("sam-lai-chau", json{{"status", "draft"}}, std::nullopt, "t");
        CHECK(lc::apply_changes(store, db) == 1);
        CHECK(db.get_doccount() == 2);
        CHECK_FALSE(db.term_exists("Qsam-lai-chau"));
        CHECK_FALSE(db.term_exists("XNsam"));
        store.patch("sam-lai-chau", json{{"status", "published"}}, std::nullopt, "t");
        store.patch("ban-nhap", json{{"status", "published"}}, std::nullopt, "t");
        CHECK(lc::apply_changes(store, db) == 2);
        CHECK(db.get_doccount() == 4);
        CHECK(db.term_exists("Qsam-lai-chau"));
        CHECK(db.term_exists("Qban-nhap"));
        seq_is_current();
    }
    SECTION("delete and undelete") {
        store.remove("le-hoi-tra-tan-uyen", std::nullopt, "t");
        CHECK(lc::apply_changes(store, db) == 1);
        CHECK(db.get_doccount() == 2);
        CHECK_FALSE(db.term_exists("Qle-hoi-tra-tan-uyen"));
        store.restore("le-hoi-tra-tan-uyen", std::nullopt, std::nullopt, "t");
        store.restore("da-xoa", std::nullopt, std::nullopt, "t");
        CHECK(lc::apply_changes(store, db) == 2);
        CHECK(db.get_doccount() == 4);
        CHECK(db.term_exists("Qle-hoi-tra-tan-uyen"));
        CHECK(db.term_exists("Qda-xoa"));
        seq_is_current();
    }
    SECTION("in small batches") {
        for (int i = 0; i < 7; ++i) store.create(simple("moi-" + std::to_string(i), "Mới"), "t");
        CHECK(lc::apply_changes(store, db, 3) == 7);
        CHECK(db.get_doccount() == 10);
        seq_is_current();
    }
    SECTION("synonyms") {
        store.import({}, lc::Synonyms{{"mắc ca", "macadamia"}}, "t");
        CHECK(lc::apply_changes(store, db) == 0);  // no entry changed
        CHECK(synonyms_of(db, "mac ca").count("macadamia") == 1);
        CHECK(synonyms_of(db, "chè").empty());
        CHECK(db.get_metadata("lc.synonyms_version") == std::to_string(store.synonyms_version()));
    }
    SECTION("spelling words of new entries") {
        store.create(simple("pac-ta", "Pắc Ta"), "t");
        lc::apply_changes(store, db);
        CHECK(db.get_spelling_suggestion("pacc") == "pac");
    }
}

TEST_CASE("index: a rebuild swaps in a new generation atomically", "[index]") {
    TempDir dir;
    lc::Store store(dir.path(), lc::Store::Mode::create_if_missing);
    fill(store);
    const fs::path root = dir / "index";
    auto first = build(store, dir.path());
    CHECK(first.generation.parent_path() == root);
    CHECK_THAT(first.generation.filename().string(), Catch::StartsWith("gen-"));
    CHECK(lc::test::read_file(root / "CURRENT") == first.generation.filename().string() + "\n");

    Xapian::Database old_reader(first.generation.string());
    const auto old_id = doc_of(old_reader, "sam-lai-chau");
    REQUIRE(old_id != 0);

    // A build folder left by a builder that died is cleaned up.
    fs::create_directories(root / "build-999999999-dead");
    store.create(simple("ban-moi", "Bản mới"), "t");
    auto second = build(store, dir.path(), 3);
    CHECK(second.generation != first.generation);
    CHECK(lc::test::read_file(root / "CURRENT") == second.generation.filename().string() + "\n");
    CHECK(lc::IndexLocation(dir.path()).current() == second.generation);
    CHECK_FALSE(fs::exists(first.generation));  // the old generation is gone
    std::vector<std::string> left;
    for (const auto& e : fs::directory_iterator(root)) left.push_back(e.path().filename().string());
    std::sort(left.begin(), left.end());
    CHECK(left == std::vector<std::string>{"CURRENT", second.generation.filename().string()});

    // The new generation has the new entry; a reader of the old one still reads it.
    CHECK(open_current(dir.path()).get_doccount() == 4);
    CHECK(old_reader.get_doccount() == 3);
    CHECK(old_reader.get_document(old_id).get_data() == lc::to_canonical_json(ginseng()));
    CHECK(old_reader.term_exists("XNsam"));
    CHECK_FALSE(positions(old_reader, old_id, "Vsâm").empty());
    Xapian::Enquire enquire(old_reader);
    enquire.set_query(Xapian::Query("XNsam"));
    auto matches = enquire.get_mset(0, 10);
    REQUIRE(matches.size() == 1);
    CHECK(matches.begin().get_document().get_value(schema::kSlotKind) == "product");
}

TEST_CASE("index: rebuilding an empty catalog and with one thread", "[index]") {
    TempDir dir;
    lc::Store store(dir.path(), lc::Store::Mode::create_if_missing);
    auto empty = build(store, dir.path(), 1);
    CHECK(empty.documents == 0);
    CHECK(open_current(dir.path()).get_doccount() == 0);
    fill(store);
    auto one = build(store, dir.path(), 1);
    CHECK(one.documents == 3);
    CHECK(one.shards == 1);
    auto db = open_current(dir.path());
    CHECK(db.get_doccount() == 3);
    CHECK(db.get_spelling_suggestion("hoo") == "ho");
}

TEST_CASE("index: progress on a file is plain lines", "[index]") {
    std::FILE* out = std::tmpfile();
    REQUIRE(out);
    {
        lc::ConsoleProgress progress(out);
        progress.start("indexing", 20);
        for (std::size_t i = 1; i <= 20; ++i) progress.advance(i);
        progress.finish();
    }
    std::rewind(out);
    std::string text;
    char buffer[512];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, out)) text.append(buffer, n);
    std::fclose(out);
    INFO(text);
    CHECK(text.find('\r') == std::string::npos);
    CHECK_THAT(text, Catch::StartsWith("indexing: 0/20 (0%)"));
    CHECK_THAT(text, Catch::Contains("indexing: 20/20 (100%)"));
    CHECK(std::count(text.begin(), text.end(), '\n') == 11);  // 0%, 10%, ... 100%
}
