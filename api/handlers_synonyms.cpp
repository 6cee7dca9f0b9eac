// Synonym groups as editors manage them: the whole set has one revision (its
// ETag), each write names the revision it was based on (If-Match) and makes
// the next; the index follower applies the new set to search at once.
#include "api/app.h"
#include "api/errors.h"
#include "api/http_util.h"
#include "catalog/synonyms.h"
#include "catalog/validation.h"

namespace lc::api {

namespace {

nlohmann::ordered_json group_json(const StoredSynonymGroup& g) {
    return {{"id", g.id}, {"terms", g.terms}, {"note", g.note}};
}

nlohmann::ordered_json set_json(const SynonymSet& set) {
    nlohmann::ordered_json groups = nlohmann::ordered_json::array();
    for (const auto& g : set.groups) groups.push_back(group_json(g));
    return {{"revision", set.revision}, {"groups", std::move(groups)}};
}

SynonymGroupInput group_from_body(const httplib::Request& req) {
    ParsedSynonymGroup parsed = parse_synonym_group(json_body(req));
    if (!parsed.errors.empty()) throw ValidationError(std::move(parsed.errors), "synonym_group");
    return std::move(parsed.group);
}

std::int64_t group_id_of(const httplib::Request& req) {
    return std::stoll(req.matches[1].str());
}

// The set after a write: the follower is woken to index it.
void send_set(App& app, httplib::Response& res, int status, const SynonymSet& set,
              nlohmann::ordered_json body) {
    app.follower.notify();
    res.set_header("ETag", etag_of(set.revision));
    send_json(res, status, body);
}

std::optional<std::int64_t> synonyms_if_match(const httplib::Request& req) {
    return if_match(req, 0);
}

}  // namespace

void get_synonyms(App& app, const httplib::Request& req, httplib::Response& res) {
    app.auth.require_editor(req);
    SynonymSet set = app.store.synonym_set();
    res.set_header("ETag", etag_of(set.revision));
    send_json(res, 200, set_json(set));
}

void post_synonym_group(App& app, const httplib::Request& req, httplib::Response& res) {
    Editor editor = app.auth.require_editor(req);
    SynonymGroupInput group = group_from_body(req);
    auto [set, id] = app.store.add_synonym_group(group, synonyms_if_match(req), editor.name);
    res.set_header("Location", "/api/synonyms/" + std::to_string(id));
    nlohmann::ordered_json body = set_json(set);
    body["id"] = id;
    send_set(app, res, 201, set, std::move(body));
}

void put_synonym_group(App& app, const httplib::Request& req, httplib::Response& res) {
    Editor editor = app.auth.require_editor(req);
    SynonymGroupInput group = group_from_body(req);
    SynonymSet set = app.store.update_synonym_group(group_id_of(req), group, synonyms_if_match(req),
                                                    editor.name);
    send_set(app, res, 200, set, set_json(set));
}

void delete_synonym_group(App& app, const httplib::Request& req, httplib::Response& res) {
    Editor editor = app.auth.require_editor(req);
    SynonymSet set =
        app.store.remove_synonym_group(group_id_of(req), synonyms_if_match(req), editor.name);
    send_set(app, res, 200, set, set_json(set));
}

void get_synonym_revisions(App& app, const httplib::Request& req, httplib::Response& res) {
    app.auth.require_editor(req);
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& r : app.store.synonym_revisions())
        list.push_back({{"revision", r.revision},
                        {"action", r.action},
                        {"author", r.author},
                        {"created_at", r.created_at},
                        {"groups", r.groups}});
    send_json(res, 200, {{"revisions", std::move(list)}});
}

void get_synonym_revision(App& app, const httplib::Request& req, httplib::Response& res) {
    app.auth.require_editor(req);
    const std::int64_t revision = group_id_of(req);
    auto set = app.store.synonym_revision(revision);
    if (!set) throw NotFound("the synonyms have no revision " + std::to_string(revision));
    send_json(res, 200, set_json(*set));
}

// POST /api/synonyms/restore {"revision": N}: the groups of revision N come
// back as a new revision.
void post_synonyms_restore(App& app, const httplib::Request& req, httplib::Response& res) {
    Editor editor = app.auth.require_editor(req);
    nlohmann::json body = json_body(req);
    auto it = body.is_object() ? body.find("revision") : body.end();
    if (it == body.end() || !it->is_number_integer() || it->get<long long>() < 0)
        throw bad_parameter("revision", "send {\"revision\": N}, N a synonyms revision");
    SynonymSet set =
        app.store.restore_synonyms(it->get<std::int64_t>(), synonyms_if_match(req), editor.name);
    send_set(app, res, 200, set, set_json(set));
}

}  // namespace lc::api
