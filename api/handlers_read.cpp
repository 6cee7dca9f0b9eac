// Public reads: search, suggestions, one entry; plus health, metrics, OpenAPI.
#include "api/app.h"
#include "api/errors.h"
#include "api/export.h"
#include "api/http_util.h"
#include "api/json_mapping.h"
#include "api/params.h"

namespace lc::api {

void get_search(App& app, const httplib::Request& req, httplib::Response& res) {
    SearchRequest request = search_request_from(req);
    if (ResultFormat format = format_param(req); format != ResultFormat::json)
        return send_export(app, req, request, format, res);
    send_json(res, 200, to_json(app.search.search(request), request.near.has_value()));
}

void get_suggest(App& app, const httplib::Request& req, httplib::Response& res) {
    std::string q = text_param(req, "q", 200).value_or("");
    std::string lang = lang_param(req);
    send_json(res, 200, to_json(app.search.suggest(q, lang, 8)));
}

void get_entry(App& app, const httplib::Request& req, httplib::Response& res) {
    const std::string slug = slug_of(req);
    // Editors (with a token) also see drafts and deleted entries, to preview and restore them.
    bool editor = app.auth.identify(req).has_value();
    auto stored = app.store.find(slug);
    if (!stored || (!editor && !stored->searchable())) throw NotFound("no entry '" + slug + "'");
    res.set_header("ETag", etag_of(stored->revision));
    send_json(res, 200, to_json(*stored, editor));
}

void get_healthz(App& app, const httplib::Request&, httplib::Response& res) {
    IndexStatus s = app.search.status();
    nlohmann::ordered_json body;
    body["status"] = s.ready ? "ok" : "index_not_ready";
    body["index"] = {{"ready", s.ready},
                     {"revision", s.revision},
                     {"generation", s.generation},
                     {"documents", s.documents},
                     {"change_seq", s.change_seq}};
    if (!s.ready) body["index"]["message"] = s.message;
    std::size_t published = 0;
    for (const auto& [kind, n] : app.store.counts().published_by_kind) published += n;
    body["entries"] = published;
    // Healthy means "can answer searches": a load balancer must see it when
    // search cannot, whatever the reason (no index yet, a rebuild, a passing
    // failure to open it).
    if (!s.ready) res.set_header("Retry-After", "5");
    send_json(res, s.ready ? 200 : 503, body);
}

void get_metrics(App& app, const httplib::Request&, httplib::Response& res) {
    res.status = 200;
    res.set_content(app.metrics.render(app.search.status(), app.search.cache_stats()),
                    "text/plain; version=0.0.4; charset=utf-8");
}

void get_openapi(App&, const httplib::Request&, httplib::Response& res) {
    res.status = 200;
    res.set_content(openapi_document(), "application/json; charset=utf-8");
}

}  // namespace lc::api
