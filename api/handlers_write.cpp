// Editors' writes. Each answer comes after the change is committed to SQLite;
// the index follower is woken to make it searchable.
#include "api/app.h"
#include "api/errors.h"
#include "api/http_util.h"
#include "api/json_mapping.h"
#include "api/params.h"
#include "api/photo_order.h"
#include "catalog/validation.h"

namespace lc::api {

namespace {

void send_entry(App& app, httplib::Response& res, int status, const StoredEntry& stored) {
    app.follower.notify();
    res.set_header("ETag", etag_of(stored.revision));
    send_json(res, status, to_json(stored, true));
}

}  // namespace

void get_me(App& app, const httplib::Request& req, httplib::Response& res) {
    Editor e = app.auth.require_editor(req);
    send_json(res, 200, {{"name", e.name}, {"role", std::string(to_string(e.role))}});
}

void list_entries(App& app, const httplib::Request& req, httplib::Response& res) {
    app.auth.require_editor(req);
    ListFilter filter;
    if (auto status = text_param(req, "status", 20); status && !status->empty()) {
        filter.status = parse_status(*status);
        if (!filter.status) throw bad_parameter("status", "status must be published or draft");
    }
    if (auto deleted = int_param(req, "deleted", 0, 1)) filter.deleted = *deleted == 1;
    auto page = static_cast<std::size_t>(int_param(req, "page", 1, 100000).value_or(1));
    filter.limit = static_cast<std::size_t>(int_param(req, "per_page", 1, 200).value_or(50));
    filter.offset = (page - 1) * filter.limit;
    auto [entries, total] = app.store.list(filter);
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& e : entries)
        list.push_back({{"slug", e.slug},
                        {"kind", e.kind},
                        {"name", e.name},
                        {"status", e.status},
                        {"revision", e.revision},
                        {"deleted", e.deleted},
                        {"updated_at", e.updated_at},
                        {"updated_by", e.updated_by}});
    send_json(res, 200,
              {{"total", total}, {"page", page}, {"per_page", filter.limit}, {"entries", list}});
}

void post_entry(App& app, const httplib::Request& req, httplib::Response& res) {
    Editor editor = app.auth.require_editor(req);
    Entry entry = entry_from_json(json_body(req));
    StoredEntry stored = app.store.create(entry, editor.name);
    res.set_header("Location", "/api/entries/" + stored.entry.slug);
    send_entry(app, res, 201, stored);
}

void put_entry(App& app, const httplib::Request& req, httplib::Response& res) {
    Editor editor = app.auth.require_editor(req);
    const std::string slug = slug_of(req);
    nlohmann::json body = json_body(req);
    if (body.is_object() && !body.contains("slug")) body["slug"] = slug;
    if (body.is_object() && body["slug"] != slug)
        throw ValidationError(std::vector<FieldError>{
            {"slug", FieldCode::not_allowed, "does not match the address (" + slug + ")"}});
    // Photos come and go through their own addresses (upload, DELETE) and a
    // PATCH orders them: a PUT that does not list them keeps them, so a form
    // that edits the text never drops an entry's photos.
    const bool lists_photos = body.is_object() && body.contains("photos");
    Entry entry = entry_from_json(body);
    if (!lists_photos)
        if (auto current = app.store.find(slug)) entry.photos = current->entry.photos;
    send_entry(app, res, 200, app.store.replace(entry, if_match(req), editor.name));
}

void patch_entry(App& app, const httplib::Request& req, httplib::Response& res) {
    Editor editor = app.auth.require_editor(req);
    nlohmann::json patch = json_body(req, true);
    if (auto current = app.store.find(slug_of(req))) photos_from_ids(patch, current->entry);
    send_entry(app, res, 200, app.store.patch(slug_of(req), patch, if_match(req), editor.name));
}

void delete_entry(App& app, const httplib::Request& req, httplib::Response& res) {
    Editor editor = app.auth.require_editor(req);
    send_entry(app, res, 200, app.store.remove(slug_of(req), if_match(req), editor.name));
}

void get_revisions(App& app, const httplib::Request& req, httplib::Response& res) {
    app.auth.require_editor(req);
    send_json(res, 200, to_json(app.store.revisions(slug_of(req))));
}

void get_revision(App& app, const httplib::Request& req, httplib::Response& res) {
    app.auth.require_editor(req);
    const std::string slug = slug_of(req);
    std::int64_t revision = std::stoll(req.matches[2].str());
    auto entry = app.store.revision_entry(slug, revision);
    if (!entry) throw NotFound("entry '" + slug + "' has no revision " + std::to_string(revision));
    nlohmann::ordered_json body = to_json(*entry);
    body["revision"] = revision;
    send_json(res, 200, body);
}

void post_restore(App& app, const httplib::Request& req, httplib::Response& res) {
    Editor editor = app.auth.require_editor(req);
    std::optional<std::int64_t> revision;
    if (!req.body.empty()) {
        nlohmann::json body = json_body(req);
        if (!body.is_object()) throw bad_parameter("revision", "send {\"revision\": N}");
        if (auto it = body.find("revision"); it != body.end() && !it->is_null()) {
            if (!it->is_number_integer() || it->get<long long>() < 1)
                throw bad_parameter("revision", "revision must be a revision number");
            revision = it->get<std::int64_t>();
        }
    }
    send_entry(app, res, 200,
               app.store.restore(slug_of(req), revision, if_match(req), editor.name));
}

void purge_revisions(App& app, const httplib::Request& req, httplib::Response& res) {
    app.auth.require_admin(req);
    auto before = int_param(req, "before", 1, std::numeric_limits<int>::max());
    if (!before) throw bad_parameter("before", "say which revisions to purge: before=N");
    std::size_t n = app.store.purge_revisions(slug_of(req), *before);
    send_json(res, 200, {{"slug", slug_of(req)}, {"purged", n}});
}

}  // namespace lc::api
