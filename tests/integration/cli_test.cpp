// lc-indexer as people run it: validate, import (all or nothing), export and
// re-import, index and stats, normalize. Each test runs the real binary on a
// temporary data folder.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "catalog/store.h"
#include "support/server_process.h"
#include "support/temp_dir.h"

using lc::test::indexer;
using lc::test::read_file;
using lc::test::TempDir;
using lc::test::write_file;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

// `lc-indexer export` of a data folder, required to succeed.
std::string export_of(const fs::path& data) {
    auto r = indexer({"export", "--data", data.string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return r.out;
}

// The value on the stats line that starts with `label` ("  revisions   12").
std::string stat(const std::string& stats, const std::string& label) {
    for (const auto& line : lines_of(stats)) {
        auto first = line.find_first_not_of(' ');
        if (first == std::string::npos || line.compare(first, label.size(), label) != 0) continue;
        auto rest = line.substr(first + label.size());
        if (rest.empty() || rest[0] != ' ') continue;
        return rest.substr(rest.find_first_not_of(' '));
    }
    return "(no " + label + " line)";
}

std::string stats_of(const fs::path& data) {
    auto r = indexer({"stats", "--data", data.string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return r.out;
}

void import_ok(const std::vector<std::string>& paths, const fs::path& data,
               std::string* out = nullptr) {
    std::vector<std::string> args{"import"};
    args.insert(args.end(), paths.begin(), paths.end());
    args.insert(args.end(), {"--data", data.string()});
    auto r = indexer(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    if (out) *out = r.out;
}

const char* const kGood1 = "slug: ban-mot\nkind: destination\nname:\n  vi: Bản Một\n";
const char* const kGood2 = "slug: qua-hai\nkind: product\nname:\n  vi: Quả Hai\nocop_stars: 4\n";
const char* const kBad =
    "slug: su-kien-ba\nkind: event\nname:\n  en: Three\nocop_stars: 4\nseason: [13]\n";

void write_small_content(const fs::path& content) {
    write_file(content / "destination/ban-mot.yaml", kGood1);
    write_file(content / "product/qua-hai.yaml", kGood2);
    write_file(content / "synonyms.yaml", "groups:\n  - [chè, trà, tea]\n");
}

std::size_t yaml_files_in(const fs::path& dir) {
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(dir)) n += e.path().extension() == ".yaml";
    return n;
}

}  // namespace

TEST_CASE("cli: normalize prints the canonical key and the folded form", "[cli]") {
    auto r = indexer({"normalize"}, "Thuỷ điện Hoà Bình\nthủy điện hòa bình\n");
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out ==
          "thủy điện hòa bình\tthuy dien hoa binh\nthủy điện hòa bình\tthuy dien hoa binh\n");

    auto bad = indexer({"normalize"}, "Sìn Hồ\nS\xFFn\nĐèo\n");
    CHECK(bad.exit_code == 1);
    CHECK_THAT(bad.err, Catch::Contains("line 2"));
    CHECK_THAT(bad.err, Catch::Contains("invalid UTF-8"));
    CHECK(bad.out == "sìn hồ\tsin ho\n\nđèo\tdeo\n");  // output lines stay aligned with input lines
}

TEST_CASE("cli: validate lists every error and writes nothing", "[cli]") {
    TempDir dir;
    const fs::path content = dir / "content";
    write_small_content(content);
    write_file(content / "event/su-kien-ba.yaml", kBad);
    write_file(content / "extra.jsonl",
               "{\"slug\": \"ban-mot\", \"kind\": \"destination\", \"name\": {\"vi\": \"X\"}}\n");

    auto r = indexer({"validate", content.string()});
    CHECK(r.exit_code == 1);
    const std::string bad = (content / "event/su-kien-ba.yaml").string();
    for (const std::string& expected :
         {bad + ":3: name.vi: required", bad + ":5: ocop_stars: only products",
          bad + ":6: season[0]: month 13 is outside 1-12",
          (content / "extra.jsonl").string() + ":1: slug: duplicate slug 'ban-mot'"})
        CHECK_THAT(r.err, Catch::Contains(expected));
    CHECK_THAT(r.err, Catch::Contains("4 errors in 5 files; nothing was changed"));
    CHECK(r.out.empty());
    std::size_t files = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir.path())) files += e.is_regular_file();
    CHECK(files == 5);  // no catalog anywhere

    fs::remove(content / "event/su-kien-ba.yaml");
    fs::remove(content / "extra.jsonl");
    auto ok = indexer({"validate", content.string()});
    INFO(ok.err);
    CHECK(ok.exit_code == 0);
    CHECK(ok.out == "2 entries in 3 files are valid; 3 synonym pairs\n");

    auto repo = indexer({"validate", lc::test::content_dir().string()});
    INFO(repo.err);
    CHECK(repo.exit_code == 0);
}

TEST_CASE("cli: import is all or nothing", "[cli]") {
    TempDir dir;
    const fs::path content = dir / "content", data = dir / "data";
    write_small_content(content);
    write_file(content / "event/su-kien-ba.yaml", kBad);

    SECTION("a fresh data folder gets no catalog") {
        auto r = indexer({"import", content.string(), "--data", data.string()});
        CHECK(r.exit_code == 1);
        CHECK_THAT(r.err, Catch::Contains("nothing was changed"));
        CHECK_FALSE(fs::exists(lc::Store::file_in(data)));
    }
    SECTION("an existing catalog is left as it was") {
        fs::path bad = content / "event/su-kien-ba.yaml";
        fs::rename(bad, dir / "aside.yaml");
        import_ok({content.string()}, data);
        const std::string before = export_of(data);
        const std::string stats_before = stats_of(data);
        CHECK(lines_of(before).size() == 2);

        // A good file changed, a new good file, and one bad entry.
        write_file(content / "destination/ban-mot.yaml", std::string(kGood1) + "area: xã Sìn Hồ\n");
        write_file(content / "destination/ban-bon.yaml",
                   "slug: ban-bon\nkind: destination\nname:\n  vi: Bản Bốn\n");
        fs::rename(dir / "aside.yaml", bad);
        auto r = indexer({"import", content.string(), "--data", data.string()});
        CHECK(r.exit_code == 1);
        CHECK_THAT(r.err, Catch::Contains(bad.string() + ":3: name.vi: required"));
        CHECK(export_of(data) == before);
        CHECK(stat(stats_of(data), "revisions") == stat(stats_before, "revisions"));
        CHECK(stat(stats_of(data), "changes") == stat(stats_before, "changes"));
    }
}

TEST_CASE("cli: re-importing unchanged content creates no revisions", "[cli]") {
    TempDir dir;
    const fs::path data = dir / "data";
    std::string first, second;
    import_ok({lc::test::content_dir().string()}, data, &first);
    const std::string stats1 = stats_of(data);
    import_ok({lc::test::content_dir().string()}, data, &second);
    const std::string stats2 = stats_of(data);
    CHECK(stat(stats2, "revisions") == stat(stats1, "revisions"));
    CHECK(stat(stats2, "changes") == stat(stats1, "changes"));
    CHECK_THAT(first, Catch::Contains("synonyms updated"));
    CHECK_THAT(second, Catch::Contains(" 0 new, 0 updated, 0 restored,"));
    CHECK_THAT(second, Catch::Contains("synonyms unchanged"));
}

TEST_CASE("cli: an editor's change survives re-importing the unchanged file", "[cli]") {
    TempDir dir;
    const fs::path content = dir / "content", data = dir / "data";
    write_small_content(content);
    import_ok({content.string()}, data);
    {
        lc::Store store(data, lc::Store::Mode::must_exist);
        store.patch("ban-mot", json{{"name", {{"en", "Village One"}}}}, std::nullopt, "editor");
        store.remove("qua-hai", std::nullopt, "editor");
    }
    std::string out;
    import_ok({content.string()}, data, &out);
    CHECK_THAT(out, Catch::Contains("2 kept as edited since the last import"));
    {
        lc::Store store(data, lc::Store::Mode::must_exist);
        CHECK(store.find("ban-mot")->entry.name.en == "Village One");
        CHECK(store.find("qua-hai")->deleted);
    }
    // The files change: the import wins.
    write_file(content / "destination/ban-mot.yaml", std::string(kGood1) + "area: xã Sìn Hồ\n");
    write_file(content / "product/qua-hai.yaml", std::string(kGood2) + "area: xã Tân Uyên\n");
    import_ok({content.string()}, data, &out);
    CHECK_THAT(out, Catch::Contains("0 new, 1 updated, 1 restored, 0 unchanged"));
    lc::Store store(data, lc::Store::Mode::must_exist);
    auto one = store.find("ban-mot");
    CHECK(one->entry.name.en.empty());
    CHECK(one->entry.area == "xã Sìn Hồ");
    CHECK(one->updated_by == "import");
    CHECK_FALSE(store.find("qua-hai")->deleted);
    CHECK(store.find("qua-hai")->entry.area == "xã Tân Uyên");
}

TEST_CASE("cli: export then import into a fresh data folder gives the same export", "[cli]") {
    TempDir dir;
    const fs::path first = dir / "first", second = dir / "second";
    import_ok({lc::test::content_dir().string()}, first);
    {
        // A draft and an edited entry travel too; a deleted one does not.
        lc::Store store(first, lc::Store::Mode::must_exist);
        store.patch("que", json{{"status", "draft"}, {"summary", {{"en", "Edited\nsummary."}}}},
                    std::nullopt, "e");
        store.remove("mac-ca", std::nullopt, "e");
    }
    const std::string exported = export_of(first);
    std::size_t entries = 0;
    for (const char* kind : {"destination", "product", "opportunity", "event"})
        entries += yaml_files_in(lc::test::content_dir() / kind);
    CHECK(lines_of(exported).size() == entries - 1);
    CHECK(exported.find("\"slug\":\"que\"") != std::string::npos);
    CHECK(exported.find("\"slug\":\"mac-ca\"") == std::string::npos);

    const fs::path file = dir / "catalog.jsonl";
    auto to_file = indexer({"export", "--data", first.string(), "-o", file.string()});
    REQUIRE(to_file.exit_code == 0);
    CHECK(read_file(file) == exported);

    import_ok({file.string()}, second);
    CHECK(export_of(second) == exported);
    // And once more, from the second copy: still the same.
    import_ok({file.string()}, second);
    CHECK(export_of(second) == exported);
}

TEST_CASE("cli: the generated benchmark corpus imports unchanged", "[cli]") {
    const fs::path generator =
        fs::path(LC_SOURCE_DIR) / "tests" / "support" / "synthetic_catalog.py";
    REQUIRE(fs::exists(generator));
    TempDir dir;
    auto gen = lc::test::run_command(
        {"/usr/bin/env", "python3", generator.string(), "--count", "200", "--seed", "1"});
    REQUIRE(gen.exit_code == 0);
    const fs::path corpus = dir / "corpus.jsonl";
    write_file(corpus, gen.out);
    auto input = lines_of(gen.out);
    REQUIRE(input.size() == 200);

    std::string out;
    import_ok({corpus.string()}, dir / "data", &out);
    CHECK_THAT(out, Catch::Contains("200 new"));
    auto exported = lines_of(export_of(dir / "data"));
    REQUIRE(exported.size() == 200);
    std::map<std::string, json> by_slug;
    for (const auto& line : exported) {
        auto j = json::parse(line);
        by_slug[j["slug"].get<std::string>()] = j;
    }
    std::size_t compared = 0;
    for (const auto& line : input) {
        auto in = json::parse(line);
        auto it = by_slug.find(in["slug"].get<std::string>());
        REQUIRE(it != by_slug.end());
        for (const auto& [key, value] : in.items()) {
            INFO(in["slug"] << " " << key);
            CHECK(it->second[key] == value);
            ++compared;
        }
    }
    CHECK(compared >= 200 * 13);
}

TEST_CASE("cli: index prints plain progress lines and stats shows counts and size", "[cli]") {
    TempDir dir;
    const fs::path data = dir / "data";
    import_ok({lc::test::content_dir().string()}, data);

    const std::string before = stats_of(data);
    CHECK_THAT(before, Catch::Contains("index: none"));

    auto r = indexer({"index", "--data", data.string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find('\r') == std::string::npos);  // not a terminal: no redrawn bar
    auto progress = lines_of(r.err);
    REQUIRE(progress.size() >= 2);
    CHECK_THAT(progress.front(), Catch::StartsWith("indexing: 0/"));
    CHECK_THAT(progress.back(), Catch::Contains("(100%)"));
    CHECK_THAT(r.out, Catch::StartsWith("indexed "));

    const std::string stats = stats_of(data);
    std::size_t published = 0;
    for (const char* kind : {"destination", "product", "opportunity", "event"}) {
        INFO(kind << "\n" << stats);
        auto n = yaml_files_in(lc::test::content_dir() / kind);
        CHECK(stat(stats, kind) == std::to_string(n));
        published += n;
    }
    INFO(stats);
    CHECK(stat(stats, "published") == std::to_string(published));
    CHECK(stat(stats, "documents") == std::to_string(published));
    CHECK_THAT(stat(stats, "size"), Catch::EndsWith(" MB"));
    CHECK(stat(stats, "drafts") == "0");
}

TEST_CASE("cli: commands on a missing catalog name it and fail", "[cli]") {
    TempDir dir;
    const fs::path data = dir / "nothing";
    for (const char* command : {"export", "stats", "index"}) {
        INFO(command);
        auto r = indexer({command, "--data", data.string()});
        CHECK(r.exit_code == 1);
        CHECK_THAT(r.err, Catch::Contains((data / "catalog.sqlite").string()));
    }
    CHECK_FALSE(fs::exists(data));
    write_file(data / "catalog.sqlite", std::string(8192, '\x5a'));
    auto corrupt = indexer({"stats", "--data", data.string()});
    CHECK(corrupt.exit_code == 1);
    CHECK_THAT(corrupt.err, Catch::Contains("catalog"));
}

TEST_CASE("cli: token create prints the token once and keeps only its hash", "[cli]") {
    TempDir dir;
    const fs::path data = dir / "data";
    auto r =
        indexer({"token", "create", "--name", "an", "--role", "editor", "--data", data.string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto token = r.out.substr(0, r.out.find('\n'));
    CHECK_THAT(token, Catch::StartsWith("lct_"));
    CHECK(r.err.find(token) == std::string::npos);
    auto list = indexer({"token", "list", "--data", data.string()});
    CHECK(list.exit_code == 0);
    CHECK_THAT(list.out, Catch::Contains("an "));
    CHECK(list.out.find(token) == std::string::npos);
    for (const auto& f : fs::directory_iterator(data))
        CHECK(read_file(f.path()).find(token) == std::string::npos);
    {
        lc::Store store(data, lc::Store::Mode::must_exist);
        CHECK(store.authenticate(token));
    }
    auto revoke = indexer({"token", "revoke", "an", "--data", data.string()});
    CHECK(revoke.exit_code == 0);
    lc::Store store(data, lc::Store::Mode::must_exist);
    CHECK_FALSE(store.authenticate(token));
}

// The catch boundary also covers Xapian's own errors (a damaged index).
TEST_CASE("cli: stats on a damaged index reports an error instead of aborting", "[cli]") {
    TempDir dir;
    const fs::path data = dir / "data";
    import_ok({lc::test::content_dir().string()}, data);
    auto index = indexer({"index", "--data", data.string()});
    INFO(index.err);
    REQUIRE(index.exit_code == 0);
    const fs::path generation =
        data / "index" / lines_of(read_file(data / "index" / "CURRENT")).at(0);
    REQUIRE(fs::is_directory(generation));
    fs::remove_all(generation);
    auto r = indexer({"stats", "--data", data.string()});
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::StartsWith("lc-indexer: "));
}
