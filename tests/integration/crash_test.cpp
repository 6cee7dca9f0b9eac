// Durability: a client writes while the server is killed with SIGKILL at
// random moments and restarted. Afterwards the store and the search results
// agree exactly with the writes that were acknowledged. (LC_CRASH_WRITES sets
// how many acknowledged writes to make; the default is the short version run
// by `make test`. However fast the writes are, the run goes on until the
// server has been killed at least kMinKills times.)
#include <signal.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <map>
#include <optional>
#include <random>
#include <thread>

#include "support/http_client.h"
#include "support/server_process.h"
#include "support/temp_dir.h"

namespace {

using lc::test::Http;
using lc::test::ServerProcess;

struct Expected {
    bool deleted = false;
    std::string summary;
};

// What one write does; `apply` gives the state after it.
struct Op {
    std::string method, path, body;
    std::string slug;
    std::optional<Expected> after;  // nothing: the entry is deleted
};

std::string unique_word(int n) {
    return "kxq" + std::to_string(n) + "zv";
}

}  // namespace

TEST_CASE("acknowledged writes survive SIGKILL at random moments", "[durability]") {
    const int target =
        std::getenv("LC_CRASH_WRITES") ? std::atoi(std::getenv("LC_CRASH_WRITES")) : 150;
    constexpr int kMinKills = 5;
    lc::test::TempDir dir;
    lc::test::prepare_data(dir.path());
    auto created = lc::test::indexer({"token", "create", "--name", "crash-writer", "--role",
                                      "editor", "--data", dir.path().string()});
    REQUIRE(created.exit_code == 0);
    std::string token = created.out.substr(0, created.out.find('\n'));
    httplib::Headers auth{{"Authorization", "Bearer " + token}};

    std::mt19937 rng(12345);
    std::map<std::string, Expected> state;  // slug → what the acknowledged writes say
    std::vector<std::string> live;
    int next_entry = 0, acknowledged = 0, kills = 0, uncertain = 0;

    auto make_op = [&]() {
        Op op;
        int choice = static_cast<int>(rng() % 10);
        if (live.size() > 3 && choice < 2) {  // delete
            op.slug = live[rng() % live.size()];
            op.method = "DELETE";
            op.path = "/api/entries/" + op.slug;
        } else if (live.size() > 3 && choice < 5) {  // patch the summary
            op.slug = live[rng() % live.size()];
            std::string summary = "Bản cập nhật " + std::to_string(rng() % 100000);
            op.method = "PATCH";
            op.path = "/api/entries/" + op.slug;
            op.body = nlohmann::json{{"summary", {{"vi", summary}, {"en", "update"}}}}.dump();
            op.after = Expected{false, summary};
        } else {  // create
            int n = next_entry++;
            op.slug = "crash-test-" + std::to_string(n);
            std::string summary = "Mục thử nghiệm " + unique_word(n);
            op.method = "POST";
            op.path = "/api/entries";
            op.body = nlohmann::json{{"slug", op.slug},
                                     {"kind", "destination"},
                                     {"name",
                                      {{"vi", "Điểm thử " + unique_word(n)}, {"en", "Test place"}}},
                                     {"summary", {{"vi", summary}}}}
                          .dump();
            op.after = Expected{false, summary};
        }
        return op;
    };
    auto record = [&](const Op& op) {
        if (op.after) {
            state[op.slug] = *op.after;
            if (std::find(live.begin(), live.end(), op.slug) == live.end()) live.push_back(op.slug);
        } else {
            state[op.slug].deleted = true;
            live.erase(std::remove(live.begin(), live.end(), op.slug), live.end());
        }
    };

    auto more_to_do = [&] { return acknowledged < target || kills < kMinKills; };
    while (more_to_do()) {
        ServerProcess server(dir.path());
        Http http(server.port());
        // A killer that strikes after a random 20-300 ms.
        std::atomic<bool> stop{false}, killed{false};
        const auto wait = std::chrono::milliseconds(20 + rng() % 280);
        std::thread killer([&, wait] {
            auto until = std::chrono::steady_clock::now() + wait;
            while (!stop && std::chrono::steady_clock::now() < until)
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
            if (!stop) {
                killed = true;
                ::kill(server.pid(), SIGKILL);
            }
        });
        while (more_to_do()) {
            Op op = make_op();
            std::optional<lc::test::Reply> reply;
            try {
                reply = http.send(
                    op.method, op.path, op.body, auth,
                    op.method == "PATCH" ? "application/merge-patch+json" : "application/json");
            } catch (const std::exception&) {
                // No answer: the server died. The write may or may not have
                // been committed; the restarted server tells which, and it must
                // be one of the two.
                stop = true;
                killer.join();
                INFO(server.log());
                REQUIRE(killed);  // a failure without a kill is a real bug
                server.kill_hard();
                ++kills;
                ServerProcess again(dir.path());
                Http probe(again.port());
                auto got = probe.get("/api/entries/" + op.slug, auth);
                bool applied = false;
                if (op.after) {
                    applied = got.status == 200 && !got.json()["deleted"].get<bool>() &&
                              got.json()["summary"]["vi"] == op.after->summary;
                } else {
                    applied = got.status == 200 && got.json()["deleted"].get<bool>();
                }
                if (applied) record(op);
                if (op.method == "POST" && !applied) REQUIRE(got.status == 404);
                ++uncertain;
                break;
            }
            INFO(op.method << " " << op.path << " → " << reply->status << " " << reply->body);
            REQUIRE((reply->status == 200 || reply->status == 201));
            record(op);
            ++acknowledged;
        }
        stop = true;
        if (killer.joinable()) killer.join();
    }
    WARN("acknowledged writes: " << acknowledged << "; kills: " << kills
                                 << "; writes cut by a kill and resolved after restart: "
                                 << uncertain);

    // Afterwards, with a fresh server: the store and the index agree with the
    // acknowledged writes, exactly.
    ServerProcess server(dir.path());
    Http http(server.port());
    std::this_thread::sleep_for(std::chrono::milliseconds(1000));
    int checked = 0;
    for (const auto& [slug, expected] : state) {
        INFO(slug);
        auto stored = http.get("/api/entries/" + slug, auth);
        REQUIRE(stored.status == 200);
        CHECK(stored.json()["deleted"].get<bool>() == expected.deleted);
        if (!expected.deleted) CHECK(stored.json()["summary"]["vi"] == expected.summary);
        auto pub = http.get("/api/entries/" + slug);
        CHECK(pub.status == (expected.deleted ? 404 : 200));
        // Searchable exactly when live: each test entry has a unique word.
        std::string word = unique_word(std::stoi(slug.substr(std::string("crash-test-").size())));
        auto found = http.get("/api/search?q=" + word);
        REQUIRE(found.status == 200);
        auto results = found.json()["results"];
        const std::string wanted = slug;  // a structured binding cannot be captured (clang 14)
        bool in_search = std::any_of(results.begin(), results.end(),
                                     [&](const auto& r) { return r["slug"] == wanted; });
        CHECK(in_search == !expected.deleted);
        if (in_search && !expected.deleted) {
            for (const auto& r : results)
                if (r["slug"] == slug) CHECK(r["summary"] == expected.summary);
        }
        ++checked;
    }
    CHECK(checked > 0);
}
