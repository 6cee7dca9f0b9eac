// `lc-indexer import` and `lc-indexer validate`: read content files, check
// every entry, and (import) store them all or nothing.
#include <iostream>
#include <memory>

#include "catalog/content_loader.h"
#include "catalog/store.h"
#include "cli/commands.h"
#include "cli/options.h"

namespace lc::cli {

namespace {

struct ImportOptions {
    std::vector<std::string> paths;
    std::string data;
    std::string author = "import";
};

// Loads and checks; prints every error. Returns the result when all is well.
std::optional<LoadResult> load_checked(const std::vector<std::string>& paths) {
    std::vector<std::filesystem::path> p(paths.begin(), paths.end());
    LoadResult result = load_content(p);
    if (result.errors.empty()) return result;
    for (const auto& e : result.errors) std::cerr << e << "\n";
    std::cerr << result.errors.size() << (result.errors.size() == 1 ? " error" : " errors")
              << " in " << result.files << " files; nothing was changed\n";
    return std::nullopt;
}

int run_import(const ImportOptions& o) {
    auto loaded = load_checked(o.paths);
    if (!loaded) return 1;
    std::vector<Entry> entries;
    entries.reserve(loaded->entries.size());
    for (auto& e : loaded->entries) entries.push_back(std::move(e.entry));
    Store store(o.data, Store::Mode::create_if_missing);
    ImportSummary s = store.import(entries, loaded->synonyms, o.author);
    std::cout << "imported " << entries.size() << " entries from " << loaded->files
              << " files into " << store.path().string() << ": " << s.created << " new, "
              << s.updated << " updated, " << s.restored << " restored, " << s.unchanged
              << " unchanged";
    if (s.kept_edits) std::cout << ", " << s.kept_edits << " kept as edited since the last import";
    if (loaded->synonyms)
        std::cout << "; synonyms "
                  << (s.synonyms_changed      ? "updated"
                      : s.synonyms_kept_edits ? "kept as edited since the last import"
                                              : "unchanged")
                  << " (" << synonym_pair_count(*loaded->synonyms) << " pairs in the file)";
    std::cout << "\n";
    return 0;
}

int run_validate(const std::vector<std::string>& paths) {
    auto loaded = load_checked(paths);
    if (!loaded) return 1;
    std::cout << loaded->entries.size() << " entries in " << loaded->files << " files are valid";
    if (loaded->synonyms)
        std::cout << "; " << synonym_pair_count(*loaded->synonyms) << " synonym pairs";
    std::cout << "\n";
    return 0;
}

}  // namespace

void register_import(CLI::App& app, Run& run) {
    auto o = std::make_shared<ImportOptions>();
    auto* cmd = app.add_subcommand(
        "import", "Import content files, folders and .jsonl files (all or nothing)");
    cmd->add_option("paths", o->paths, "Files or folders")->required();
    add_data_option(cmd, o->data);
    cmd->add_option("--author", o->author, "Name recorded in the revisions")->default_val("import");
    cmd->callback([&run, o] { run = [o] { return run_import(*o); }; });
}

void register_validate(CLI::App& app, Run& run) {
    auto paths = std::make_shared<std::vector<std::string>>();
    auto* cmd = app.add_subcommand("validate", "Check content files without writing anything");
    cmd->add_option("paths", *paths, "Files or folders")->required();
    cmd->callback([&run, paths] { run = [paths] { return run_validate(*paths); }; });
}

}  // namespace lc::cli
