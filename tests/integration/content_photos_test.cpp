// Photos in content files (issue 19, item 4): `lc-indexer export --content`
// writes each entry's photos beside its YAML, and `lc-indexer import` brings
// them back through the photo processor — same order, alt and credit, stable
// ids so a second import changes nothing; a bad photo file or a path out of
// the content folder fails the whole import and changes nothing.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "catalog/store.h"
#include "integration/test_images.h"
#include "media/photo_processor.h"
#include "media/photo_store.h"
#include "support/http_client.h"
#include "support/server_process.h"
#include "support/temp_dir.h"

using lc::test::indexer;
using lc::test::read_file;
using lc::test::saved;
using lc::test::TempDir;
using lc::test::test_image;
using lc::test::write_file;
namespace fs = std::filesystem;

namespace {

const std::string kEntry = "slug: ban-mot\nkind: destination\nname:\n  vi: Bản Một\n";

std::string import_ok(const fs::path& content, const fs::path& data) {
    auto r = indexer({"import", content.string(), "--data", data.string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return r.out;
}

std::size_t revisions_of(const fs::path& data) {
    lc::Store store(data, lc::Store::Mode::must_exist);
    return store.counts().revisions;
}

// Every file under DATA/media, by path.
std::vector<std::string> media_files(const fs::path& data) {
    std::vector<std::string> out;
    if (fs::exists(data / "media"))
        for (const auto& f : fs::recursive_directory_iterator(data / "media"))
            if (f.is_regular_file()) out.push_back(f.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

// Every file under `dir` with its bytes.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (const auto& f : fs::recursive_directory_iterator(dir))
        if (f.is_regular_file())
            out[f.path().lexically_relative(dir).string()] = read_file(f.path());
    return out;
}

// A YAML entry that lists `photos` ("file" lines and the rest) under its name.
std::string entry_with_photos(const std::string& slug, const std::string& photos) {
    return "slug: " + slug + "\nkind: destination\nname:\n  vi: Bản\nphotos:\n" + photos;
}

std::string photo_item(const std::string& file) {
    return "  - file: " + file +
           "\n    alt: {vi: Ruộng bậc thang, en: Rice terraces}\n    credit: Ảnh của tỉnh\n";
}

}  // namespace

TEST_CASE("content photos: export then import carries the photos, in order, with alt and credit",
          "[cli][photos][content-photos]") {
    TempDir dir;
    const fs::path content = dir / "content", first = dir / "first", second = dir / "second",
                   exported = dir / "exported";
    write_file(content / "destination/ban-mot.yaml", kEntry);
    import_ok(content, first);

    // Two photos stored as an upload stores them: a wide PNG with
    // transparency (over 1600 px, so made smaller) and a tall JPEG.
    std::vector<lc::Photo> added;
    {
        lc::PhotoProcessor processor;
        lc::PhotoStore photos(first);
        const std::vector<std::tuple<std::string, lc::LocalizedText, std::string>> uploads = {
            {saved(test_image(2000, 1000, 4), ".png"),
             {"Ruộng bậc thang: mùa lúa chín", "Rice terraces: harvest time"},
             "Ảnh: Nguyễn Văn A, CC BY 4.0"},
            {saved(test_image(500, 800), ".jpg"), {"Đèo Ô Quy Hồ", "O Quy Ho pass"}, "2030"},
        };
        for (const auto& [bytes, alt, credit] : uploads) {
            lc::ProcessedPhoto processed = processor.process(bytes);
            photos.save(processed);
            added.push_back({processed.id, alt, credit, processed.width, processed.height});
        }
        lc::Store store(first, lc::Store::Mode::must_exist);
        store.update(
            "ban-mot",
            [&](lc::Entry e) {
                e.photos = added;
                return e;
            },
            std::nullopt, "editor");
    }
    REQUIRE(added[0].width == 1600);

    auto r = indexer({"export", "--data", first.string(), "--content", exported.string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.err, Catch::Contains("exported 1 entries and 2 photos"));
    const std::string yaml = read_file(exported / "destination/ban-mot.yaml");
    INFO(yaml);
    std::vector<std::size_t> at;
    for (const auto& p : added) {
        const std::string file = "photos/ban-mot/" + p.id + ".jpg";
        at.push_back(yaml.find("file: " + file));
        CHECK(at.back() != std::string::npos);
        // The photo's largest processed JPEG, byte for byte.
        CHECK(read_file(exported / file) ==
              read_file(lc::PhotoStore(first).file_path(p.id, 1600, "jpg")));
    }
    CHECK(at[0] < at[1]);                                   // the entry's order: the cover first
    CHECK_THAT(yaml, Catch::Contains("credit: \"2030\""));  // a string, not a number

    SECTION("into a fresh data folder: the same photos, stored and served") {
        const std::string out = import_ok(exported, second);
        CHECK_THAT(out, Catch::Contains("1 new"));
        CHECK_THAT(out, Catch::Contains("photos: 2 processed, 0 already stored"));
        std::vector<std::string> ids;
        {
            lc::Store store(second, lc::Store::Mode::must_exist);
            const lc::Entry entry = store.find("ban-mot")->entry;
            REQUIRE(entry.photos.size() == 2);
            lc::PhotoStore photos(second);
            for (std::size_t i = 0; i < 2; ++i) {
                const lc::Photo& p = entry.photos[i];
                INFO(i);
                CHECK(p.alt == added[i].alt);
                CHECK(p.credit == added[i].credit);
                CHECK(p.width == added[i].width);
                CHECK(p.height == added[i].height);
                // The id of the file's bytes, as an upload of that file.
                CHECK(p.id == lc::PhotoProcessor::id_of(read_file(
                                  exported / ("photos/ban-mot/" + added[i].id + ".jpg"))));
                for (int width : lc::kPhotoWidths)
                    for (const char* extension : {"webp", "jpg"})
                        CHECK(fs::is_regular_file(photos.file_path(p.id, width, extension)));
                ids.push_back(p.id);
            }
        }
        // Importing the same files again: the same ids, no new revision,
        // nothing processed.
        const std::size_t revisions = revisions_of(second);
        const std::string again = import_ok(exported, second);
        CHECK_THAT(again, Catch::Contains("0 new, 0 updated, 0 restored, 1 unchanged"));
        CHECK_THAT(again, Catch::Contains("photos: 0 processed, 2 already stored"));
        CHECK(revisions_of(second) == revisions);

        // Exported from there over the same folder: unchanged, as each file
        // is the one its photo was imported from.
        const auto before = snapshot(exported);
        auto back = indexer({"export", "--data", second.string(), "--content", exported.string()});
        INFO(back.err);
        REQUIRE(back.exit_code == 0);
        CHECK(snapshot(exported) == before);

        lc::test::ServerProcess server(second);
        lc::test::Http http(server.port());
        for (const auto& id : ids)
            for (int width : lc::kPhotoWidths) {
                INFO(id << " " << width);
                CHECK(http.get(lc::PhotoStore::url(id, width, "webp")).status == 200);
            }
    }

    SECTION("back into the data folder it came from: nothing changes") {
        const std::size_t revisions = revisions_of(first);
        const auto files = media_files(first);
        const std::string out = import_ok(exported, first);
        CHECK_THAT(out, Catch::Contains("photos: 0 processed, 2 already stored"));
        CHECK(revisions_of(first) == revisions);
        CHECK(media_files(first) == files);
        lc::Store store(first, lc::Store::Mode::must_exist);
        CHECK(store.find("ban-mot")->entry.photos == added);
    }

    SECTION("a second export writes the same files and removes those of removed photos") {
        {
            lc::Store store(first, lc::Store::Mode::must_exist);
            store.update(
                "ban-mot",
                [&](lc::Entry e) {
                    e.photos = {added[1]};
                    return e;
                },
                std::nullopt, "editor");
        }
        auto again = indexer({"export", "--data", first.string(), "--content", exported.string()});
        INFO(again.err);
        REQUIRE(again.exit_code == 0);
        CHECK_THAT(again.err, Catch::Contains("removed 1 photo files"));
        CHECK_FALSE(fs::exists(exported / ("photos/ban-mot/" + added[0].id + ".jpg")));
        CHECK(fs::exists(exported / ("photos/ban-mot/" + added[1].id + ".jpg")));
        CHECK(read_file(exported / "destination/ban-mot.yaml").find(added[0].id) ==
              std::string::npos);
    }
}

TEST_CASE("content photos: export keeps the original file an editor added",
          "[cli][photos][content-photos]") {
    TempDir dir;
    const fs::path content = dir / "content", data = dir / "data";
    const std::string original = saved(test_image(2000, 1000), ".png");
    write_file(content / "photos/ban-a/ruong-bac-thang.png", original);
    write_file(content / "destination/ban-a.yaml",
               entry_with_photos("ban-a", photo_item("photos/ban-a/ruong-bac-thang.png")));
    import_ok(content, data);
    const std::size_t revisions = revisions_of(data);

    auto r = indexer({"export", "--data", data.string(), "--content", content.string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string yaml = read_file(content / "destination/ban-a.yaml");
    INFO(yaml);
    CHECK_THAT(yaml, Catch::Contains("  - file: photos/ban-a/ruong-bac-thang.png\n"));
    CHECK_THAT(yaml, Catch::Contains("credit: Ảnh của tỉnh\n"));
    // The original, not a JPEG of it, and nothing beside it.
    CHECK(snapshot(content / "photos") ==
          std::map<std::string, std::string>{{"ban-a/ruong-bac-thang.png", original}});
    const std::string again = import_ok(content, data);
    CHECK_THAT(again, Catch::Contains("1 unchanged; photos: 0 processed, 1 already stored"));
    CHECK(revisions_of(data) == revisions);
}

TEST_CASE("content photos: a bad photo file fails the import, names it and changes nothing",
          "[cli][photos][content-photos]") {
    TempDir dir;
    const fs::path content = dir / "content", data = dir / "data";
    write_file(content / "destination/ban-mot.yaml", kEntry);
    import_ok(content, data);
    const std::size_t revisions = revisions_of(data);

    // A good photo in the first entry file (processed first), a bad one in
    // the second: the good one must not stay stored either.
    write_file(content / "photos/ban-a/good.jpg", saved(test_image(640, 480), ".jpg"));
    write_file(content / "destination/ban-a.yaml",
               entry_with_photos("ban-a", photo_item("photos/ban-a/good.jpg")));
    const std::string jpeg = saved(test_image(320, 240), ".jpg");
    struct Bad {
        const char* what;
        std::string bytes;
        const char* says;
    };
    for (const Bad& bad : std::vector<Bad>{
             {"text named .jpg", "hello, this is text\n", "not"},
             {"a truncated JPEG", jpeg.substr(0, jpeg.size() / 2), "truncated"},
             {"a GIF named .png", saved(test_image(20, 20), ".gif"), "GIF"},
             {"a JPEG with a ZIP after it",
              jpeg + std::string("PK\x03\x04", 4) + std::string(200, 'z'), "after"},
         }) {
        INFO(bad.what);
        write_file(content / "photos/ban-b/bad.png", bad.bytes);
        write_file(content / "destination/ban-b.yaml",
                   entry_with_photos("ban-b", photo_item("photos/ban-a/good.jpg") +
                                                  photo_item("photos/ban-b/bad.png")));
        auto r = indexer({"import", content.string(), "--data", data.string()});
        CHECK(r.exit_code == 1);
        const std::string where = (content / "destination/ban-b.yaml").string() +
                                  ":9: photos[1].file: 'photos/ban-b/bad.png': ";
        CHECK_THAT(r.err, Catch::Contains(where));
        CHECK_THAT(r.err, Catch::Contains(bad.says));
        CHECK_THAT(r.err, Catch::Contains("nothing was changed"));
        CHECK(revisions_of(data) == revisions);
        CHECK(media_files(data).empty());

        auto check = indexer({"validate", content.string()});
        CHECK(check.exit_code == 1);
        CHECK_THAT(check.err, Catch::Contains(where));
    }

    SECTION("files whole as files, refused by the decoder") {
        // Processed after the good photo was stored: it must go again.
        for (const auto& [bytes, says] : std::vector<std::pair<std::string, std::string>>{
                 {lc::test::png_claiming(64, 64), "could not be decoded"},
                 {lc::test::png_claiming(30000, 30000), "megapixels"}}) {
            INFO(says);
            write_file(content / "photos/ban-b/bad.png", bytes);
            auto r = indexer({"import", content.string(), "--data", data.string()});
            INFO(r.err);
            CHECK(r.exit_code == 1);
            CHECK_THAT(r.err,
                       Catch::Contains("ban-b.yaml:9: photos[1].file: 'photos/ban-b/bad.png': "));
            CHECK_THAT(r.err, Catch::Contains(says));
            CHECK(revisions_of(data) == revisions);
            CHECK(media_files(data).empty());
        }
    }

    SECTION("a fresh data folder gets no catalog") {
        auto r = indexer({"import", content.string(), "--data", (dir / "fresh").string()});
        CHECK(r.exit_code == 1);
        CHECK_FALSE(fs::exists(lc::Store::file_in(dir / "fresh")));
        CHECK(media_files(dir / "fresh").empty());
    }
}

TEST_CASE(
    "content photos: paths out of the content folder, missing files and other names are "
    "refused",
    "[cli][photos][content-photos]") {
    TempDir dir;
    const fs::path content = dir / "content", data = dir / "data";
    const std::string jpeg = saved(test_image(320, 240), ".jpg");
    write_file(dir / "outside.jpg", jpeg);  // beside the content folder, not in it
    write_file(content / "photos/ban-a/ok.jpg", jpeg);
    write_file(content / "photos/ban-a/other.jpg", jpeg);
    fs::create_directories(content / "photos/ban-a");
    fs::create_symlink(dir / "outside.jpg", content / "photos/ban-a/link.jpg");
    const std::string yaml = entry_with_photos(
        "ban-a", photo_item("../outside.jpg") + photo_item((dir / "outside.jpg").string()) +
                     photo_item("photos/ban-a/../../../outside.jpg") +
                     photo_item("photos/ban-a/link.jpg") + photo_item("photos/ban-a/missing.jpg") +
                     photo_item("photos/ban-a/notes.txt") + photo_item("photos/ban-a/ok.jpg") +
                     photo_item("photos/ban-a/ok.jpg") +
                     "  - alt: {vi: Không có tệp, en: No file}\n    credit: x\n" +
                     "  - file: photos/ban-a/other.jpg\n    id: 0123456789abcdef0123456789abcdef\n"
                     "    alt: {vi: Có, en: Yes}\n    credit: x\n");
    const fs::path file = content / "destination/ban-a.yaml";
    write_file(file, yaml);
    const std::string f = file.string();
    // Each photo_item is three lines, from line 6.
    const std::vector<std::string> expected = {
        f + ":6: photos[0].file: '../outside.jpg' leads out of the content folder",
        f + ":9: photos[1].file: '" + (dir / "outside.jpg").string() + "' is an absolute path",
        f + ":12: photos[2].file: 'photos/ban-a/../../../outside.jpg' leads out of the content "
            "folder",
        f + ":15: photos[3].file: 'photos/ban-a/link.jpg': leads out of the content folder",
        f + ":18: photos[4].file: 'photos/ban-a/missing.jpg': no such file",
        f + ":21: photos[5].file: 'photos/ban-a/notes.txt' is not named as a photo",
        f + ":27: photos[7].file: 'photos/ban-a/ok.jpg' is listed twice",
        f + ":30: photos[8].file: required",
        f + ":33: photos[9].id: unknown field",
    };
    for (const char* command : {"validate", "import"}) {
        INFO(command);
        std::vector<std::string> args{command, content.string()};
        if (std::string(command) == "import") args.insert(args.end(), {"--data", data.string()});
        auto r = indexer(args);
        CHECK(r.exit_code == 1);
        for (const auto& e : expected) CHECK_THAT(r.err, Catch::Contains(e));
        CHECK_THAT(r.err, Catch::Contains(std::to_string(expected.size()) + " errors"));
    }
    CHECK_FALSE(fs::exists(lc::Store::file_in(data)));
    CHECK(media_files(data).empty());
}
