// Photos over real HTTP (issue 19): each accepted format, each refused file,
// what the served files carry (no metadata, upright, the listed widths),
// removal, restore, and a kill -9 during uploads. Test images are made here
// with libvips itself; exiftool (libimage-exiftool-perl) adds EXIF and GPS
// and reads the served files back.
#include <cstdlib>
#include <fstream>
#include <thread>
#include <vips/vips8>

#include "integration/api_helpers.h"
#include "integration/raw_socket.h"
#include "integration/test_images.h"
#include "media/photo_processor.h"
#include "media/photo_store.h"

using namespace lc::test;
using namespace lc::test::apitest;
using vips::VImage;

namespace {

const std::string kSlug = "chan-nuoi-trang-trai";
const std::string kBoundary = "lcphotoboundary7f3a";

std::string form(const std::string& file, const std::string& alt_vi = "Ruộng bậc thang",
                 const std::string& alt_en = "Rice terraces",
                 const std::string& credit = "Ảnh: Nguyễn Văn A, CC BY 4.0") {
    std::string body;
    auto field = [&](const std::string& name, const std::string& value,
                     const std::string& filename = "") {
        body += "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"" +
                (filename.empty() ? "" : "; filename=\"" + filename + "\"") + "\r\n\r\n" + value +
                "\r\n";
    };
    field("alt_vi", alt_vi);
    field("alt_en", alt_en);
    field("credit", credit);
    field("file", file, "photo.bin");
    return body + "--" + kBoundary + "--\r\n";
}

Reply upload(ApiServer& api, const std::string& token, const std::string& file) {
    return api.http().send("POST", "/api/entries/" + kSlug + "/photos", form(file), bearer(token),
                           "multipart/form-data; boundary=" + kBoundary);
}

VImage served_image(ApiServer& api, const std::string& url, const fs::path& keep_as = {}) {
    Reply r = api.http().get(url);
    INFO(url << " " << r.status);
    REQUIRE(r.status == 200);
    if (!keep_as.empty()) write_file(keep_as, r.body);
    return VImage::new_from_buffer(r.body.data(), r.body.size(), "").copy_memory();
}

}  // namespace

TEST_CASE("photos: upload, serve, remove and restore over HTTP", "[photos]") {
    ApiServer api;
    const std::string token = create_token(api.data(), "photographer", "editor");
    TempDir scratch;

    SECTION("a phone JPEG: turned upright, every piece of metadata dropped") {
        // 600 × 300 as stored, with orientation 6 (turn 90° clockwise to view)
        // and a GPS position, as phones write them.
        const fs::path original = scratch / "phone.jpg";
        write_file(original, saved(test_image(600, 300), ".jpg"));
        auto tag = run_command({"/usr/bin/exiftool", "-q", "-overwrite_original", "-Orientation#=6",
                                "-GPSLatitude=22.39", "-GPSLatitudeRef=N", "-GPSLongitude=103.46",
                                "-GPSLongitudeRef=E", "-XMP:Creator=Someone", original.string()});
        REQUIRE(tag.exit_code == 0);
        REQUIRE(
            run_command({"/usr/bin/exiftool", "-GPSLatitude", original.string()}).out.find("22") !=
            std::string::npos);

        Reply r = upload(api, token, read_file(original));
        INFO(describe(r));
        REQUIRE(r.status == 201);
        json photo = r.json();
        CHECK(photo["width"] == 300);  // upright: the sides swapped
        CHECK(photo["height"] == 600);
        CHECK(photo["alt"]["vi"] == "Ruộng bậc thang");
        CHECK(photo["credit"] == "Ảnh: Nguyễn Văn A, CC BY 4.0");
        CHECK(r.header("Location") ==
              "/api/entries/" + kSlug + "/photos/" + photo["id"].get<std::string>());

        for (const char* width : {"320", "800", "1600"}) {
            const std::string url = photo["urls"][width];
            for (const std::string& u : {url, url.substr(0, url.size() - 4) + "jpg"}) {
                Reply file = api.http().get(u);
                REQUIRE(file.status == 200);
                CHECK(file.header("Cache-Control") == "public, max-age=31536000, immutable");
                CHECK(file.header("Content-Type") ==
                      (u.ends_with(".webp") ? "image/webp" : "image/jpeg"));
                const fs::path copy =
                    scratch / ("served-" + std::string(width) + u.substr(u.size() - 4));
                write_file(copy, file.body);
                auto tags =
                    run_command({"/usr/bin/exiftool", "-a", "-G1", "-s", "-EXIF:all", "-XMP:all",
                                 "-GPS:all", "-IPTC:all", "-ICC_Profile:all", copy.string()});
                INFO(u << "\n" << tags.out);
                // No metadata of any kind: exiftool lists no EXIF (so no
                // GPS), XMP, IPTC or ICC tag at all.
                CHECK(tags.exit_code == 0);
                CHECK(tags.out.empty());
                VImage img = VImage::new_from_buffer(file.body.data(), file.body.size(), "");
                CHECK(img.width() == std::min(300, std::stoi(width)));
                CHECK(img.height() == 2 * img.width());
                // The bright quarter was on the left of the stored pixels;
                // upright (turned clockwise) it is along the top.
                CHECK(img.crop(0, 0, img.width(), img.height() / 8).avg() > 150);
                CHECK(img.crop(0, img.height() * 3 / 4, img.width(), img.height() / 4).avg() < 100);
            }
        }
        // The entry lists it, first: the cover.
        json entry = api.http().get("/api/entries/" + kSlug).json();
        REQUIRE(entry["photos"].size() == 1);
        CHECK(entry["photos"][0]["id"] == photo["id"]);
    }

    SECTION(
        "PNG (with transparency) and WebP, large and small: the listed widths, never enlarged") {
        VImage rgba = test_image(2400, 1200, 4);
        for (const auto& [bytes, width] : std::vector<std::pair<std::string, int>>{
                 {saved(rgba, ".png"), 2400}, {saved(test_image(500, 400), ".webp"), 500}}) {
            Reply r = upload(api, token, bytes);
            INFO(describe(r));
            REQUIRE(r.status == 201);
            json photo = r.json();
            CHECK(photo["width"] == std::min(width, 1600));
            for (int w : lc::kPhotoWidths) {
                VImage img = served_image(api, photo["urls"][std::to_string(w)]);
                CHECK(img.width() == std::min(w, width));
            }
        }
    }

    SECTION("refused files: a clear 4xx and nothing stored") {
        const std::string jpeg = saved(test_image(320, 240), ".jpg");
        const std::vector<std::tuple<std::string, std::string, int, std::string>> bad = {
            {"not an image", "hello, this is text\n", 422, "not_an_image"},
            {"GIF", saved(test_image(20, 20), ".gif"), 415, "unsupported_image_format"},
            {"SVG", "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>", 415,
             "unsupported_image_format"},
            {"HEIC",
             std::string("\0\0\0\x18"
                         "ftypheic\0\0\0\0mif1heic",
                         24),
             415, "unsupported_image_format"},
            {"truncated JPEG", jpeg.substr(0, jpeg.size() / 2), 422, "truncated_image"},
            {"JPEG with a ZIP after it",
             jpeg + std::string("PK\x03\x04", 4) + std::string(200, 'z'), 422, "two_formats"},
            {"decompression bomb", png_claiming(30000, 30000), 422, "too_many_pixels"},
        };
        for (const auto& [what, bytes, status, code] : bad) {
            Reply r = upload(api, token, bytes);
            INFO(what << ": " << describe(r));
            CHECK(r.status == status);
            if (r.status == status) CHECK(r.json()["error"]["code"] == code);
        }
        // Over 15 MB: refused from the Content-Length alone, before any
        // byte of the body is sent.
        {
            RawSocket raw(api.server().port());
            REQUIRE(raw.send("POST /api/entries/" + kSlug +
                             "/photos HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                             token +
                             "\r\nContent-Type: multipart/form-data; boundary=" + kBoundary +
                             "\r\nContent-Length: " + std::to_string(16 << 20) + "\r\n\r\n"));
            RawReply early = raw.read_reply(std::chrono::seconds(10));
            CHECK(early.status == 413);
        }
        Reply big = upload(api, token, std::string(16 << 20, 'x'));
        CHECK(big.status == 413);
        CHECK(
            api.http().get("/api/entries/" + kSlug).json().value("photos", json::array()).empty());
        std::size_t files = 0;
        if (fs::exists(api.data() / "media"))
            for (auto& f : fs::recursive_directory_iterator(api.data() / "media"))
                files += f.is_regular_file();
        CHECK(files == 0);
    }

    SECTION("missing alt or credit: 400 naming the field, before any processing") {
        std::string body = form(saved(test_image(100, 100), ".jpg"), "Ruộng", "", "");
        Reply r = api.http().send("POST", "/api/entries/" + kSlug + "/photos", body, bearer(token),
                                  "multipart/form-data; boundary=" + kBoundary);
        INFO(describe(r));
        REQUIRE(r.status == 400);
        std::set<std::string> paths;
        const json answer = r.json();
        for (auto& f : answer["error"]["fields"]) paths.insert(f["path"]);
        CHECK(paths == std::set<std::string>{"alt_en", "credit"});
        CHECK(upload(api, "", saved(test_image(100, 100), ".jpg")).status == 401);
    }

    SECTION("removal is a revision; restore brings the photo back, files and all") {
        Reply up = upload(api, token, saved(test_image(900, 600), ".jpg"));
        REQUIRE(up.status == 201);
        const std::string id = up.json()["id"];
        const std::string etag = up.header("ETag");
        // A stale If-Match is refused.
        Reply stale = api.http().send("DELETE", "/api/entries/" + kSlug + "/photos/" + id, "",
                                      with(bearer(token), "If-Match", "\"1\""));
        CHECK(stale.status == 412);
        Reply del = api.http().send("DELETE", "/api/entries/" + kSlug + "/photos/" + id, "",
                                    with(bearer(token), "If-Match", etag));
        INFO(describe(del));
        REQUIRE(del.status == 200);
        CHECK(del.json().value("photos", json::array()).empty());
        Reply restored = api.http().send(
            "POST", "/api/entries/" + kSlug + "/restore",
            json{{"revision", std::stoll(etag.substr(1, etag.size() - 2))}}.dump(), bearer(token));
        INFO(describe(restored));
        REQUIRE(restored.status == 200);
        REQUIRE(restored.json()["photos"].size() == 1);
        CHECK(restored.json()["photos"][0]["id"] == id);
        CHECK(api.http().get(lc::PhotoStore::url(id, 800, "webp")).status == 200);
    }
}

TEST_CASE("photos: a PATCH orders them by id, each change is a revision, restore brings them back",
          "[photos]") {
    ApiServer api;
    const std::string token = create_token(api.data(), "photographer", "editor");
    const std::string entry_path = "/api/entries/" + kSlug;
    auto ids_of = [](const json& entry) {
        std::vector<std::string> ids;
        for (auto& p : entry.value("photos", json::array())) ids.push_back(p["id"]);
        return ids;
    };
    auto revision_of = [](const Reply& r) {
        const std::string etag = r.header("ETag");
        return std::stoll(etag.substr(1, etag.size() - 2));
    };
    Reply first = upload(api, token, saved(test_image(400, 300), ".jpg"));
    Reply second = upload(api, token, saved(test_image(401, 300), ".jpg"));
    REQUIRE(first.status == 201);
    REQUIRE(second.status == 201);
    const std::string a = first.json()["id"], b = second.json()["id"];
    CHECK(revision_of(second) == revision_of(first) + 1);  // each upload is a revision
    const json before = api.http().get(entry_path).json();
    REQUIRE(ids_of(before) == std::vector<std::string>{a, b});

    auto patch = [&](const json& body, const std::string& etag) {
        return api.http().send("PATCH", entry_path, body.dump(),
                               with(bearer(token), "If-Match", etag), "application/json");
    };
    // A stale If-Match is refused and changes nothing.
    CHECK(patch({{"photos", {b, a}}}, "\"1\"").status == 412);
    CHECK(ids_of(api.http().get(entry_path).json()) == std::vector<std::string>{a, b});
    // Ids the entry does not have, or photos as objects, are refused by position.
    Reply unknown = patch({{"photos", {b, std::string(32, 'f')}}}, second.header("ETag"));
    CHECK(unknown.status == 400);
    CHECK(unknown.json()["error"]["parameter"] == "photos[1]");
    CHECK(patch({{"photos", {before["photos"][0]}}}, second.header("ETag")).status == 400);

    Reply reordered = patch({{"photos", {b, a}}}, second.header("ETag"));
    INFO(describe(reordered));
    REQUIRE(reordered.status == 200);
    CHECK(ids_of(reordered.json()) == std::vector<std::string>{b, a});
    CHECK(revision_of(reordered) == revision_of(second) + 1);
    // The photo keeps its alt and credit when it moves.
    CHECK(reordered.json()["photos"][1]["credit"] == before["photos"][0]["credit"]);
    CHECK(ids_of(api.http().get(entry_path).json()) == std::vector<std::string>{b, a});

    // Restoring the first upload's revision brings back that list and order.
    Reply restored = api.http().send("POST", entry_path + "/restore",
                                     json{{"revision", revision_of(first)}}.dump(), bearer(token));
    REQUIRE(restored.status == 200);
    CHECK(ids_of(restored.json()) == std::vector<std::string>{a});
    Reply again = api.http().send("POST", entry_path + "/restore",
                                  json{{"revision", revision_of(reordered)}}.dump(), bearer(token));
    REQUIRE(again.status == 200);
    CHECK(ids_of(again.json()) == std::vector<std::string>{b, a});
    for (const auto& id : {a, b})
        CHECK(api.http().get(lc::PhotoStore::url(id, 320, "jpg")).status == 200);

    // A PUT that does not list photos (the editor's text form) keeps them.
    json text_only = again.json();
    for (const char* stored_only :
         {"photos", "revision", "created_at", "updated_at", "updated_by", "deleted"})
        text_only.erase(stored_only);
    text_only["summary"]["en"] = "Edited without touching the photos.";
    Reply put = api.http().send("PUT", entry_path, text_only.dump(),
                                with(bearer(token), "If-Match", again.header("ETag")));
    INFO(describe(put));
    REQUIRE(put.status == 200);
    CHECK(ids_of(put.json()) == std::vector<std::string>{b, a});
    // Search hits carry the cover (the first photo) with its files' addresses.
    auto cover_in_search = [&]() -> json {
        const json found = api.http().get("/api/search?q=chan%20nuoi%20trang%20trai").json();
        for (const auto& hit : found["results"])
            if (hit["slug"] == kSlug) return hit["cover"];
        return nullptr;
    };
    REQUIRE(eventually(
        [&] {
            const json cover = cover_in_search();
            return cover.is_object() && cover["id"] == b;
        },
        std::chrono::milliseconds(5000)));
    CHECK(cover_in_search()["urls"]["320"] == lc::PhotoStore::url(b, 320, "webp"));
}

TEST_CASE(
    "photos: a kill -9 during an upload leaves no photo without files, no orphan after a start",
    "[photos][crash]") {
    TempDir dir;
    fs::path data = dir / "data";
    prepare_data(data);
    const std::string token = create_token(data, "photographer", "editor");
    const std::string kept_bytes = saved(test_image(1000, 700), ".jpg");
    const std::string lost_bytes = saved(test_image(1001, 700), ".jpg");
    const std::string kept = lc::PhotoProcessor::id_of(kept_bytes);
    const std::string lost = lc::PhotoProcessor::id_of(lost_bytes);
    {
        ServerProcess server(data);
        Http http(server.port());
        REQUIRE(http.send("POST", "/api/entries/" + kSlug + "/photos", form(kept_bytes),
                          bearer(token), "multipart/form-data; boundary=" + kBoundary)
                    .status == 201);
        REQUIRE(server.stop() == 0);
    }
    {
        // The server pauses after storing the files, before the revision
        // (handlers_photos.cpp's test hook): the kill lands exactly there.
        ::setenv("LC_TEST_PHOTO_PAUSE_MS", "60000", 1);
        ServerProcess server(data);
        ::unsetenv("LC_TEST_PHOTO_PAUSE_MS");
        std::thread uploader([&] {
            try {
                Http http(server.port());
                http.send("POST", "/api/entries/" + kSlug + "/photos", form(lost_bytes),
                          bearer(token), "multipart/form-data; boundary=" + kBoundary);
            } catch (const std::exception&) {
                // the server is gone
            }
        });
        const fs::path marker = data / "media" / lost.substr(0, 2) / (lost + ".json");
        for (int i = 0; i < 600 && !fs::exists(marker); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const bool stored = fs::exists(marker);
        server.kill_hard();
        uploader.join();
        REQUIRE(stored);  // the crash left the files of a photo no revision names
    }
    ServerProcess server(data);
    Http http(server.port());
    json entry = http.get("/api/entries/" + kSlug).json();
    REQUIRE(entry["photos"].size() == 1);
    CHECK(entry["photos"][0]["id"] == kept);
    for (int w : lc::kPhotoWidths)
        for (const char* ext : {"webp", "jpg"})
            CHECK(http.get(lc::PhotoStore::url(kept, w, ext)).status == 200);
    // Every file left on disk belongs to the photo the entry names.
    std::size_t files = 0;
    for (auto& f : fs::recursive_directory_iterator(data / "media")) {
        if (!f.is_regular_file()) continue;
        ++files;
        const std::string name = f.path().filename().string();
        INFO(name);
        CHECK(name.starts_with(kept));
    }
    CHECK(files == 2 * lc::kPhotoWidths.size() + 1);  // both formats at each width, and the .json
}
