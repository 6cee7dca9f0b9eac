// Every route, registered in one place, with what applies to all of them:
// errors mapped by one table, 405 for a known path with the wrong method,
// CORS for reads only, security headers on every response, metrics, and the
// requests refused from their headers alone (early_refusal.h).
#include <chrono>
#include <map>
#include <regex>
#include <set>
#include <vector>

#include "api/app.h"
#include "api/early_refusal.h"
#include "api/errors.h"
#include "api/http_util.h"
#include "api/httplib_compat.h"
#include "api/page_addresses.h"
#include "util/sha256.h"

namespace lc::api {

namespace {

using Handler = void (*)(App&, const httplib::Request&, httplib::Response&);

struct Route {
    const char* name;     // metrics label
    const char* pattern;  // regex over the path
    std::map<std::string, Handler> methods;
    bool public_read = false;  // CORS: any origin may read it
};

const std::vector<Route>& routes() {
    static const std::vector<Route> table = {
        {"search", R"(/api/search)", {{"GET", get_search}}, true},
        {"suggest", R"(/api/suggest)", {{"GET", get_suggest}}, true},
        {"me", R"(/api/me)", {{"GET", get_me}}},
        {"entries", R"(/api/entries)", {{"GET", list_entries}, {"POST", post_entry}}},
        {"entry",
         R"(/api/entries/([a-z0-9-]{1,100}))",
         {{"GET", get_entry}, {"PUT", put_entry}, {"PATCH", patch_entry}, {"DELETE", delete_entry}},
         true},
        {"revisions",
         R"(/api/entries/([a-z0-9-]{1,100})/revisions)",
         {{"GET", get_revisions}, {"DELETE", purge_revisions}}},
        {"revision",
         R"(/api/entries/([a-z0-9-]{1,100})/revisions/([0-9]{1,15}))",
         {{"GET", get_revision}}},
        {"restore", R"(/api/entries/([a-z0-9-]{1,100})/restore)", {{"POST", post_restore}}},
        {"healthz", R"(/healthz)", {{"GET", get_healthz}}, true},
        {"metrics", R"(/metrics)", {{"GET", get_metrics}}},
        {"openapi", R"(/openapi.json)", {{"GET", get_openapi}}, true},
        {"search_stats", R"(/api/stats/searches)", {{"GET", get_search_stats}}},
        {"synonyms", R"(/api/synonyms)", {{"GET", get_synonyms}, {"POST", post_synonym_group}}},
        {"synonym_group",
         R"(/api/synonyms/([0-9]{1,15}))",
         {{"PUT", put_synonym_group}, {"DELETE", delete_synonym_group}}},
        {"synonym_revisions", R"(/api/synonyms/revisions)", {{"GET", get_synonym_revisions}}},
        {"synonym_revision",
         R"(/api/synonyms/revisions/([0-9]{1,15}))",
         {{"GET", get_synonym_revision}}},
        {"synonyms_restore", R"(/api/synonyms/restore)", {{"POST", post_synonyms_restore}}},
        {"photos", R"(/api/entries/([a-z0-9-]{1,100})/photos)", {{"POST", post_photo}}},
        {"photo",
         R"(/api/entries/([a-z0-9-]{1,100})/photos/([0-9a-f]{32}))",
         {{"DELETE", delete_photo}}},
        {"home_page", R"(/(vi|en)/)", {{"GET", get_home_page}}},
        {"search_page", R"(/(vi|en)/search)", {{"GET", get_search_page}}},
        {"entry_page", R"(/(vi|en)/entries/([a-z0-9-]{1,100}))", {{"GET", get_entry_page}}},
        {"sitemap", R"(/sitemap\.xml)", {{"GET", get_sitemap}}},
        {"robots", R"(/robots\.txt)", {{"GET", get_robots}}},
        {"media",
         R"(/media/([0-9a-f]{2}/[0-9a-f]{32}-[0-9]{3,4}\.(?:webp|jpg)))",
         {{"GET", get_media}},
         true},
    };
    return table;
}

// The request being answered on this thread, for the metrics logger.
thread_local const char* current_route = "other";
thread_local std::chrono::steady_clock::time_point request_started;

std::string allow_header(const Route& r) {
    std::string allow;
    for (const auto& [method, handler] : r.methods) allow += (allow.empty() ? "" : ", ") + method;
    if (r.methods.contains("GET")) allow += ", HEAD";
    return allow + ", OPTIONS";
}

void set_security_headers(httplib::Response& res) {
    for (const auto& [name, value] : security_headers()) res.set_header(name, value);
}

void register_route(httplib::Server& server, App& app, const Route& route) {
    auto wrap = [&app, &route](Handler handler) {
        return [&app, &route, handler](const httplib::Request& req, httplib::Response& res) {
            current_route = route.name;
            // Only the reads are open to other origins; a write on the same
            // address (PUT /api/entries/{slug}) is not.
            if (route.public_read && (req.method == "GET" || req.method == "HEAD"))
                res.set_header("Access-Control-Allow-Origin", "*");
            try {
                handler(app, req, res);
            } catch (...) {
                write_current_exception(res);
            }
            compress_json(req, res);
        };
    };
    auto not_allowed = [&route](const httplib::Request&, httplib::Response& res) {
        current_route = route.name;
        res.set_header("Allow", allow_header(route));
        write_error(res, 405, "method_not_allowed", "this address accepts " + allow_header(route));
    };
    auto pick = [&](const char* method) -> httplib::Server::Handler {
        auto it = route.methods.find(method);
        return it == route.methods.end() ? httplib::Server::Handler(not_allowed) : wrap(it->second);
    };
    server.Get(route.pattern, pick("GET"));
    server.Post(route.pattern, pick("POST"));
    server.Put(route.pattern, pick("PUT"));
    server.Patch(route.pattern, pick("PATCH"));
    server.Delete(route.pattern, pick("DELETE"));
    // Preflight: read routes allow any origin; writes are same-origin only,
    // so a browser on another site cannot send them.
    server.Options(route.pattern, [&route](const httplib::Request&, httplib::Response& res) {
        current_route = route.name;
        res.status = 204;
        res.set_header("Allow", allow_header(route));
        if (route.public_read) {
            res.set_header("Access-Control-Allow-Origin", "*");
            res.set_header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
            res.set_header("Access-Control-Max-Age", "600");
        }
    });
}

// Before any route or file: what is refused from its headers alone, and the
// older addresses of the page, redirected before the static files answer
// them ("/" would be web/index.html).
httplib::Server::HandlerResponse before_routing(const httplib::Request& req,
                                                httplib::Response& res) {
    current_route = "other";
    request_started = std::chrono::steady_clock::now();
    drop_ranges(req);
    if (refused_early(req, res)) return httplib::Server::HandlerResponse::Handled;
    if (auto redirect = redirect_for_old_address(req)) {
        current_route = "redirect";
        res.set_redirect(redirect->location, redirect->status);
        return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
}

}  // namespace

bool is_photo_upload(std::string_view method, std::string_view target) {
    static const std::regex upload(R"(/api/entries/[a-z0-9-]{1,100}/photos(\?.*)?)");
    return method == "POST" && std::regex_match(target.begin(), target.end(), upload);
}

void register_routes(httplib::Server& server, App& app) {
    for (const auto& route : routes()) register_route(server, app, route);

    if (!app.config.web.empty()) {
        server.set_mount_point("/", app.config.web.string());
        server.set_file_extension_and_mimetype_mapping("js", "text/javascript; charset=utf-8");
        server.set_file_extension_and_mimetype_mapping("mjs", "text/javascript; charset=utf-8");
        server.set_file_extension_and_mimetype_mapping("css", "text/css; charset=utf-8");
        server.set_file_extension_and_mimetype_mapping("html", "text/html; charset=utf-8");
        server.set_file_extension_and_mimetype_mapping("json", "application/json; charset=utf-8");
        server.set_file_extension_and_mimetype_mapping("woff2", "font/woff2");
        server.set_file_extension_and_mimetype_mapping("svg", "image/svg+xml");
        server.set_file_extension_and_mimetype_mapping("txt", "text/plain; charset=utf-8");
        server.set_file_request_handler([](const httplib::Request& req, httplib::Response& res) {
            current_route = "static";
            bool immutable = req.path.find("/fonts/") != std::string::npos;
            // "no-cache": kept, but asked again each time, which costs a 304
            // when the file is unchanged.
            res.set_header("Cache-Control", immutable ? "public, max-age=604800" : "no-cache");
            const std::string etag = "\"" + sha256_hex(res.body).substr(0, 20) + "\"";
            res.set_header("ETag", etag);
            if (if_none_match(req, etag)) {
                res.status = 304;
                res.body.clear();
            }
        });
    }

    // Errors httplib produces itself (no route, 414, bad requests) get the
    // same JSON body as ours; ours have theirs already.
    server.set_error_handler(
        httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
            if (!res.body.empty() || res.content_length_ > 0)
                return httplib::Server::HandlerResponse::Unhandled;
            switch (res.status) {
                case 404:
                    write_error(res, 404, "not_found", "no such address");
                    break;
                case 413:
                    write_error(res, 413, "payload_too_large", "the request body is too large");
                    break;
                case 414:
                    write_error(res, 414, "uri_too_long", "the address is too long");
                    break;
                default:
                    write_error(res, res.status, "bad_request", "the request could not be read");
                    break;
            }
            return httplib::Server::HandlerResponse::Handled;
        }));
    server.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
            try {
                std::rethrow_exception(ep);
            } catch (...) {
                write_current_exception(res);
            }
        });
    server.set_pre_routing_handler(before_routing);
    server.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
        undo_range_answer(res);
        set_security_headers(res);
    });
    server.set_logger([&app](const httplib::Request&, const httplib::Response& res) {
        double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - request_started)
                .count();
        app.metrics.record(current_route, res.status, seconds);
        current_route = "other";
    });
}

}  // namespace lc::api
