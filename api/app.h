// What every handler works with: the engine's parts and the server's own
// state. Handlers are free functions of (App&, request, response) so a test
// can call them without a socket; routes.cpp registers them all in one place.
#pragma once

#include <httplib.h>

#include "api/auth.h"
#include "api/config.h"
#include "api/metrics.h"
#include "api/page_shell.h"
#include "catalog/store.h"
#include "index/index_follower.h"
#include "media/photo_processor.h"
#include "media/photo_store.h"
#include "search/search_service.h"
#include "stats/search_stats.h"

namespace lc::api {

struct App {
    App(const Config& config, Store& store, SearchService& search, IndexFollower& follower)
        : config(config),
          store(store),
          search(search),
          follower(follower),
          proxies(config.trusted_proxies),
          auth(store, limiter, proxies) {}

    const Config& config;
    Store& store;
    SearchService& search;
    IndexFollower& follower;
    TrustedProxies proxies;
    FailedAuthLimiter limiter;
    Authenticator auth;
    Metrics metrics;
    // What visitors search (handlers_stats.cpp); null when recording is off
    // (--stats-days 0) or in tests that do not need it.
    SearchStats* stats = nullptr;
    // The page's shell and words for server-rendered pages (handlers_pages.cpp);
    // null when lc-api serves no web folder.
    const PageShell* pages = nullptr;
    PhotoStore photos{config.data};
    PhotoProcessor photo_processor;
};

// Public reads.
void get_search(App& app, const httplib::Request& req, httplib::Response& res);
void get_suggest(App& app, const httplib::Request& req, httplib::Response& res);
void get_entry(App& app, const httplib::Request& req, httplib::Response& res);
void get_healthz(App& app, const httplib::Request& req, httplib::Response& res);
void get_metrics(App& app, const httplib::Request& req, httplib::Response& res);
void get_openapi(App& app, const httplib::Request& req, httplib::Response& res);

// Editors (bearer token).
void get_me(App& app, const httplib::Request& req, httplib::Response& res);
void list_entries(App& app, const httplib::Request& req, httplib::Response& res);
void post_entry(App& app, const httplib::Request& req, httplib::Response& res);
void put_entry(App& app, const httplib::Request& req, httplib::Response& res);
void patch_entry(App& app, const httplib::Request& req, httplib::Response& res);
void delete_entry(App& app, const httplib::Request& req, httplib::Response& res);
void get_revisions(App& app, const httplib::Request& req, httplib::Response& res);
void get_revision(App& app, const httplib::Request& req, httplib::Response& res);
void post_restore(App& app, const httplib::Request& req, httplib::Response& res);
void purge_revisions(App& app, const httplib::Request& req, httplib::Response& res);  // admin

// Search statistics and synonym groups (editors; handlers_stats.cpp, handlers_synonyms.cpp).
void get_search_stats(App& app, const httplib::Request& req, httplib::Response& res);
void get_synonyms(App& app, const httplib::Request& req, httplib::Response& res);
void post_synonym_group(App& app, const httplib::Request& req, httplib::Response& res);
void put_synonym_group(App& app, const httplib::Request& req, httplib::Response& res);
void delete_synonym_group(App& app, const httplib::Request& req, httplib::Response& res);
void get_synonym_revisions(App& app, const httplib::Request& req, httplib::Response& res);
void get_synonym_revision(App& app, const httplib::Request& req, httplib::Response& res);
void post_synonyms_restore(App& app, const httplib::Request& req, httplib::Response& res);
// Counts a search / an entry opened from one, when recording is on.
void record_search(App& app, const httplib::Request& req, const SearchRequest& request,
                   const SearchResponse& response);
void record_opened(App& app, const httplib::Request& req);
// Photos (handlers_photos.cpp): uploads and removals by editors, files for all.
void post_photo(App& app, const httplib::Request& req, httplib::Response& res);
void delete_photo(App& app, const httplib::Request& req, httplib::Response& res);
void get_media(App& app, const httplib::Request& req, httplib::Response& res);

// Pages without scripts (handlers_pages.cpp): /{lang}/, /{lang}/search,
// /{lang}/entries/{slug}, /sitemap.xml, /robots.txt.
void get_home_page(App& app, const httplib::Request& req, httplib::Response& res);
void get_search_page(App& app, const httplib::Request& req, httplib::Response& res);
void get_entry_page(App& app, const httplib::Request& req, httplib::Response& res);
void get_sitemap(App& app, const httplib::Request& req, httplib::Response& res);
void get_robots(App& app, const httplib::Request& req, httplib::Response& res);

// The body limit of uploads (POST /api/entries/{slug}/photos): a photo and
// its form, larger than other requests' bodies.
inline constexpr std::size_t kPhotoUploadBodyBytes = (15 << 20) + (64 << 10);
bool is_photo_upload(std::string_view method, std::string_view target);

// Registers every route, the static page, security headers, CORS, 404/405
// bodies and metrics on `server`.
void register_routes(httplib::Server& server, App& app);

// The OpenAPI 3 description of the routes above (api/openapi.json, built in).
const std::string& openapi_document();

}  // namespace lc::api
