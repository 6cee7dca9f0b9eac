// `lc-indexer backup` and `restore` (issue 14): a backup taken while an editor
// keeps writing through a real lc-api holds every write acknowledged before
// it began, passes PRAGMA integrity_check, and a server started on the
// restored folder serves those entries (and accepts the editor's token).
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <thread>

#include "api_helpers.h"

using namespace lc::test;
using namespace lc::test::apitest;

namespace {

std::string written_slug(int i) {
    return "backup-write-" + std::to_string(i);
}

// One editor creating entries one after another until told to stop; each
// acknowledged (201) write is counted, in order.
class WriteStream {
  public:
    WriteStream(int port, std::string token)
        : thread_([this, port, token = std::move(token)] { run(port, token); }) {}
    ~WriteStream() { stop(); }

    int acknowledged() const { return acknowledged_.load(); }
    std::string failure() const {
        std::lock_guard lock(mutex_);
        return failure_;
    }
    void stop() {
        stopping_ = true;
        if (thread_.joinable()) thread_.join();
    }

  private:
    void run(int port, const std::string& token) {
        Http http(port);
        for (int i = 0; !stopping_; ++i) {
            Reply r = http.send("POST", "/api/entries",
                                sample_entry(written_slug(i), "ghi" + std::to_string(i)).dump(),
                                bearer(token));
            if (r.status != 201) {
                std::lock_guard lock(mutex_);
                failure_ = "write " + std::to_string(i) + ": " + describe(r);
                return;
            }
            acknowledged_ = i + 1;
        }
    }

    std::atomic<int> acknowledged_{0};
    std::atomic<bool> stopping_{false};
    mutable std::mutex mutex_;
    std::string failure_;
    std::thread thread_;
};

bool wait_for(const std::function<bool()>& done, std::chrono::seconds timeout) {
    return eventually(done, std::chrono::duration_cast<std::chrono::milliseconds>(timeout));
}

}  // namespace

TEST_CASE("backup: taken during acknowledged writes, restored, served", "[backup]") {
    ApiServer api;
    const std::string token = create_token(api.data(), "backup-editor", "editor");
    const fs::path backup_file = api.dir() / "catalog.backup";

    int acknowledged_before = 0;
    {
        WriteStream writes(api.server().port(), token);
        REQUIRE(wait_for([&] { return writes.acknowledged() >= 20; }, std::chrono::seconds(30)));
        acknowledged_before = writes.acknowledged();
        auto r = indexer({"backup", "--data", api.data().string(), "-o", backup_file.string()});
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        CHECK_THAT(r.out, Catch::Contains("tokens"));
        // Writes went on while the backup ran, and after it.
        const int at_end_of_backup = writes.acknowledged();
        REQUIRE(wait_for([&] { return writes.acknowledged() >= at_end_of_backup + 5; },
                         std::chrono::seconds(30)));
        writes.stop();
        INFO(writes.failure());
        REQUIRE(writes.failure().empty());
    }

    // The file itself: intact, and the writes it holds are the first k of the
    // stream with no gap (one moment's catalog), k at least those acknowledged.
    int held = 0;
    {
        SQLite::Database db(backup_file.string(), SQLite::OPEN_READONLY);
        CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
        SQLite::Statement q(db, "SELECT slug FROM entries WHERE slug LIKE 'backup-write-%'");
        std::set<std::string> slugs;
        while (q.executeStep()) slugs.insert(q.getColumn(0).getString());
        held = static_cast<int>(slugs.size());
        for (int i = 0; i < held; ++i) {
            INFO(written_slug(i));
            CHECK(slugs.count(written_slug(i)) == 1);
        }
    }
    INFO("acknowledged before the backup: " << acknowledged_before << ", held: " << held);
    CHECK(held >= acknowledged_before);

    TempDir restore_dir;
    const fs::path restored = restore_dir / "data";
    auto r = indexer({"restore", backup_file.string(), "--data", restored.string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("revisions"));
    CHECK_THAT(r.out, Catch::Contains("1 tokens"));
    CHECK(!fs::exists(restored / "index"));  // not in a backup: rebuilt at start
    {
        SQLite::Database db((restored / "catalog.sqlite").string(), SQLite::OPEN_READONLY);
        CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
    }

    ServerProcess server(restored);
    Http http(server.port());
    // The index is rebuilt from the restored catalog; search answers once it is.
    REQUIRE(wait_for([&] { return search_lists(http, "ghi0", written_slug(0)); },
                     std::chrono::seconds(60)));
    for (int i = 0; i < held; ++i) {
        INFO(written_slug(i));
        CHECK(http.get("/api/entries/" + written_slug(i)).status == 200);
    }
    CHECK(http.get("/api/entries/" + written_slug(held)).status == 404);
    // Tokens are part of the backup: the editor signs in on the restored server.
    Reply me = http.get("/api/me", bearer(token));
    INFO(describe(me));
    CHECK(me.status == 200);
}

TEST_CASE("restore: refuses a folder in use, a damaged file, and reports counts", "[backup]") {
    TempDir dir;
    const fs::path data = dir / "data";
    prepare_data(data);
    const fs::path file = dir / "catalog.backup";
    auto b = indexer({"backup", "--data", data.string(), "-o", file.string()});
    INFO(b.err);
    REQUIRE(b.exit_code == 0);

    // A folder with something in it is refused without --force, and left as it was.
    auto refused = indexer({"restore", file.string(), "--data", data.string()});
    CHECK(refused.exit_code == 1);
    CHECK_THAT(refused.err, Catch::Contains("not empty"));
    CHECK_THAT(refused.err, Catch::Contains("--force"));
    CHECK(fs::exists(data / "index" / "CURRENT"));

    auto forced = indexer({"restore", file.string(), "--data", data.string(), "--force"});
    INFO(forced.err);
    REQUIRE(forced.exit_code == 0);
    CHECK(!fs::exists(data / "index"));  // the old index is gone; it is rebuilt
    std::size_t entries = 0;
    for (const char* kind : {"destination", "product", "opportunity", "event"})
        for (const auto& f : fs::directory_iterator(content_dir() / kind))
            entries += f.path().extension() == ".yaml";
    CHECK_THAT(forced.out, Catch::Contains(std::to_string(entries) + " entries"));

    // A damaged backup never replaces a catalog.
    std::string bytes;
    {
        std::ifstream in(file, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    REQUIRE(bytes.size() > 8192);
    for (std::size_t i = 4096; i < bytes.size(); i += 97) bytes[i] = static_cast<char>(~bytes[i]);
    const fs::path damaged = dir / "damaged.backup";
    {
        std::ofstream out(damaged, std::ios::binary);
        out << bytes;
    }
    const fs::path other = dir / "other";
    auto bad = indexer({"restore", damaged.string(), "--data", other.string()});
    CHECK(bad.exit_code == 1);
    CHECK_THAT(bad.err, Catch::Contains(damaged.string()));
    CHECK(!fs::exists(other / "catalog.sqlite"));
}
