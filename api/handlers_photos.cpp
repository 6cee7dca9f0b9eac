// Photos: editors upload and remove them; anyone reads the processed files
// under /media/. Processing is the engine's (media/); this only translates.
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "api/app.h"
#include "api/errors.h"
#include "api/http_util.h"
#include "api/json_mapping.h"
#include "api/multipart.h"
#include "catalog/validation.h"
#include "util/file_bytes.h"

namespace lc::api {

namespace {

const FormPart* part_named(const std::vector<FormPart>& parts, std::string_view name) {
    for (const auto& p : parts)
        if (p.name == name) return &p;
    return nullptr;
}

// Test hook for photos_test.cpp's kill -9 case: a pause between the files
// being stored and the revision naming them, so the test can kill the server
// exactly there. Unset (always, outside that test), it costs nothing.
void pause_for_crash_test() {
    static const int milliseconds = [] {
        const char* value = std::getenv("LC_TEST_PHOTO_PAUSE_MS");
        return value ? std::atoi(value) : 0;
    }();
    if (milliseconds > 0) std::this_thread::sleep_for(std::chrono::milliseconds(milliseconds));
}

}  // namespace

void post_photo(App& app, const httplib::Request& req, httplib::Response& res) {
    Editor editor = app.auth.require_editor(req);
    const std::string slug = slug_of(req);
    auto current = app.store.find(slug);
    if (!current || current->deleted) throw NotFound("no entry '" + slug + "'");
    const auto parts = parse_multipart(req.get_header_value("Content-Type"), req.body);
    const FormPart* file = part_named(parts, "file");
    if (!file || file->data.empty())
        throw bad_parameter("file", "send the photo as the part 'file'");
    Photo photo;
    photo.alt.vi =
        part_named(parts, "alt_vi") ? std::string(part_named(parts, "alt_vi")->data) : "";
    photo.alt.en =
        part_named(parts, "alt_en") ? std::string(part_named(parts, "alt_en")->data) : "";
    photo.credit =
        part_named(parts, "credit") ? std::string(part_named(parts, "credit")->data) : "";
    // The text is checked before the photo is processed, with the entry's
    // own rules (a fake id and size stand in until processing gives them).
    {
        Photo probe = photo;
        probe.id = std::string(32, '0');
        probe.width = probe.height = 1;
        Entry check = current->entry;
        check.photos = {probe};
        auto parsed = parse_entry(nlohmann::json::parse(to_canonical_json(check)));
        std::vector<FieldError> errors;
        for (auto& e : parsed.errors) {
            const std::string prefix = "photos[0].";
            if (e.path.rfind(prefix, 0) != 0) continue;
            std::string field = e.path.substr(prefix.size());
            e.path = field == "alt.vi" ? "alt_vi" : field == "alt.en" ? "alt_en" : field;
            errors.push_back(std::move(e));
        }
        if (!errors.empty()) throw ValidationError(std::move(errors));
    }

    ProcessedPhoto processed = app.photo_processor.process(file->data);
    photo.id = processed.id;
    photo.width = processed.width;
    photo.height = processed.height;
    // Files first, revision second: a crash between them leaves files no
    // revision names, which the next start sweeps (media/photo_store.h).
    app.photos.save(processed);
    pause_for_crash_test();
    StoredEntry stored = app.store.update(
        slug,
        [&](Entry e) {
            for (const auto& p : e.photos)
                if (p.id == photo.id) throw Conflict("this photo is already in the entry");
            e.photos.push_back(photo);
            return e;
        },
        if_match(req), editor.name);
    app.follower.notify();
    res.set_header("Location", "/api/entries/" + slug + "/photos/" + photo.id);
    res.set_header("ETag", etag_of(stored.revision));
    send_json(res, 201, photo_to_json(photo));
}

void delete_photo(App& app, const httplib::Request& req, httplib::Response& res) {
    Editor editor = app.auth.require_editor(req);
    const std::string slug = slug_of(req);
    const std::string id = req.matches[2].str();
    StoredEntry stored = app.store.update(
        slug,
        [&](Entry e) {
            auto it = std::find_if(e.photos.begin(), e.photos.end(),
                                   [&](const Photo& p) { return p.id == id; });
            if (it == e.photos.end()) throw NotFound("entry '" + slug + "' has no photo " + id);
            e.photos.erase(it);
            return e;
        },
        if_match(req), editor.name);
    app.follower.notify();
    res.set_header("ETag", etag_of(stored.revision));
    send_json(res, 200, to_json(stored, true));
}

// Only files of the exact shape a photo's are found; their names come from
// their content's hash, so they never change: a year's immutable cache.
void get_media(App& app, const httplib::Request& req, httplib::Response& res) {
    auto path = app.photos.file_for(req.matches[1].str());
    std::optional<std::string> bytes = path ? file_bytes(*path) : std::nullopt;
    if (!bytes) throw NotFound("no such photo file");
    const bool webp = path->extension() == ".webp";
    res.status = 200;
    res.set_header("Cache-Control", "public, max-age=31536000, immutable");
    res.set_content(std::move(*bytes), webp ? "image/webp" : "image/jpeg");
}

}  // namespace lc::api
