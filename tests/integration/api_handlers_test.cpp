// The handlers called in process through the lc_api library, without a
// socket or a server: a request object in, a response object out, as the
// route table (api/routes.cpp) promises. Errors go through the one mapping
// (write_current_exception) as they do behind the server.
#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "api/app.h"
#include "api/errors.h"
#include "support/server_process.h"
#include "support/temp_dir.h"

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kEntryPattern = R"(/api/entries/([a-z0-9-]{1,100}))";

fs::path prepared(const lc::test::TempDir& dir) {
    fs::path data = dir.path() / "data";
    lc::test::prepare_data(data);
    return data;
}

// The engine's parts over a prepared data folder, and the App the handlers take.
struct InProcessApi {
    lc::test::TempDir dir;
    fs::path data = prepared(dir);
    lc::api::Config config;
    lc::Store store{data, lc::Store::Mode::must_exist};
    lc::SearchService search{data};
    lc::IndexFollower follower{store, data, {}};
    lc::api::App app{config, store, search, follower};
};

// A request as the server would hand it to the handler, with the route's
// captures: `path` is kept in the request, which the matches point into.
httplib::Request request(const std::string& method, const std::string& path,
                         const std::string& pattern = "") {
    httplib::Request req;
    req.method = method;
    req.path = path;
    if (!pattern.empty()) REQUIRE(std::regex_match(req.path, req.matches, std::regex(pattern)));
    return req;
}

httplib::Request with_json(httplib::Request req, const json& body, const std::string& token) {
    req.body = body.dump();
    req.set_header("Content-Type", "application/json");
    if (!token.empty()) req.set_header("Authorization", "Bearer " + token);
    return req;
}

// Calls the handler as the route table does: an exception becomes the
// mapped error response.
httplib::Response call(lc::api::App& app,
                       void (*handler)(lc::api::App&, const httplib::Request&, httplib::Response&),
                       const httplib::Request& req) {
    httplib::Response res;
    try {
        handler(app, req, res);
    } catch (...) {
        lc::api::write_current_exception(res);
    }
    return res;
}

json sample(const std::string& slug) {
    return {{"slug", slug},
            {"kind", "destination"},
            {"name", {{"vi", "Điểm thử trong tiến trình"}}},
            {"area", "xã Sìn Hồ"},
            {"former_district", "Sìn Hồ"}};
}

}  // namespace

TEST_CASE("api handlers in process: get_search answers from the index", "[api][handlers]") {
    InProcessApi api;
    auto req = request("GET", "/api/search");
    req.params.emplace("q", "sâm lai châu");
    auto res = call(api.app, lc::api::get_search, req);
    REQUIRE(res.status == 200);
    json body = json::parse(res.body);
    CHECK(body["query"] == "sâm lai châu");
    REQUIRE(!body["results"].empty());
    CHECK(body["results"][0]["slug"] == "sam-lai-chau");
    CHECK(body["total"].get<int>() >= 2);

    // A bad parameter is the API's own error, mapped to 400 naming it.
    auto bad = request("GET", "/api/search");
    bad.params.emplace("per_page", "1000");
    auto refused = call(api.app, lc::api::get_search, bad);
    CHECK(refused.status == 400);
    json error = json::parse(refused.body)["error"];
    CHECK(error["code"] == "invalid_parameter");
    CHECK(error["parameter"] == "per_page");
}

TEST_CASE("api handlers in process: get_entry and the not-found mapping", "[api][handlers]") {
    InProcessApi api;
    auto res = call(api.app, lc::api::get_entry,
                    request("GET", "/api/entries/sam-lai-chau", kEntryPattern));
    REQUIRE(res.status == 200);
    CHECK(json::parse(res.body)["slug"] == "sam-lai-chau");
    CHECK(res.get_header_value("ETag") == "\"1\"");

    // lc::NotFound from the engine becomes 404 with the one error shape.
    auto missing = call(api.app, lc::api::get_entry,
                        request("GET", "/api/entries/khong-co-muc-nay", kEntryPattern));
    CHECK(missing.status == 404);
    json error = json::parse(missing.body)["error"];
    CHECK(error["code"] == "not_found");
    CHECK(error["parameter"].is_null());
    CHECK_THAT(error["message"].get<std::string>(), Catch::Contains("khong-co-muc-nay"));
}

TEST_CASE("api handlers in process: post_entry needs a token, then validates and stores",
          "[api][handlers]") {
    InProcessApi api;
    const std::string slug = "diem-thu-trong-tien-trinh";
    auto post = request("POST", "/api/entries");

    auto anonymous = call(api.app, lc::api::post_entry, with_json(post, sample(slug), ""));
    CHECK(anonymous.status == 401);
    CHECK(json::parse(anonymous.body)["error"]["code"] == "unauthorized");
    CHECK_FALSE(api.store.find(slug));

    const std::string token = api.store.create_token("in-process", lc::TokenRole::editor);
    json bad = sample(slug);
    bad["season"] = {0};
    auto refused = call(api.app, lc::api::post_entry, with_json(post, bad, token));
    CHECK(refused.status == 400);
    json error = json::parse(refused.body)["error"];
    CHECK(error["code"] == "invalid_entry");
    REQUIRE(error["fields"].size() == 1);
    CHECK(error["fields"][0]["path"] == "season[0]");
    CHECK(error["fields"][0]["code"] == "out_of_range");
    CHECK_FALSE(api.store.find(slug));

    auto created = call(api.app, lc::api::post_entry, with_json(post, sample(slug), token));
    REQUIRE(created.status == 201);
    CHECK(created.get_header_value("Location") == "/api/entries/" + slug);
    CHECK(json::parse(created.body)["revision"] == 1);
    auto stored = api.store.find(slug);
    REQUIRE(stored);
    CHECK(stored->entry.area == "xã Sìn Hồ");

    // The same slug again: lc::Conflict becomes 409.
    auto again = call(api.app, lc::api::post_entry, with_json(post, sample(slug), token));
    CHECK(again.status == 409);
    CHECK(json::parse(again.body)["error"]["code"] == "conflict");
}
