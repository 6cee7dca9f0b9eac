// `lc-indexer import` and `lc-indexer validate`: read content files, check
// every entry and the photo files they name, and (import) store them all or
// nothing: the photos first, then the entries naming them in one transaction.
#include <iostream>
#include <memory>

#include "catalog/content_loader.h"
#include "catalog/store.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "media/content_photo_import.h"

namespace lc::cli {

namespace {

struct ImportOptions {
    std::vector<std::string> paths;
    std::string data;
    std::string author = "import";
};

// Prints every error; returns false if there was one.
bool report(const std::vector<std::string>& errors, std::size_t files) {
    if (errors.empty()) return true;
    for (const auto& e : errors) std::cerr << e << "\n";
    std::cerr << errors.size() << (errors.size() == 1 ? " error" : " errors") << " in " << files
              << " files; nothing was changed\n";
    return false;
}

// Loads and checks; prints every error. Returns the result when all is well.
std::optional<LoadResult> load_checked(const std::vector<std::string>& paths) {
    std::vector<std::filesystem::path> p(paths.begin(), paths.end());
    LoadResult result = load_content(p);
    if (!report(result.errors, result.files)) return std::nullopt;
    return result;
}

// The photo ids the catalog's revisions name, if there is a catalog.
std::vector<std::string> named_photos(const std::string& data) {
    if (!std::filesystem::exists(Store::file_in(data))) return {};
    return Store(data, Store::Mode::must_exist).photo_ids_in_revisions();
}

int run_import(const ImportOptions& o) {
    auto loaded = load_checked(o.paths);
    if (!loaded) return 1;
    // The photo files, processed and stored before any entry names them. If
    // anything fails, the photos this import stored go again.
    PhotoStore photos(o.data);
    std::optional<PhotoProcessor> processor;
    std::optional<ContentPhotoImport> photo_import;
    if (names_photo_files(loaded->entries)) {
        processor.emplace();
        photo_import.emplace(photos, *processor);
    }
    auto discard_photos = [&] {
        if (photo_import) photo_import->discard_new(named_photos(o.data));
    };
    ImportSummary s;
    std::string catalog;
    std::vector<Entry> entries;
    try {
        if (photo_import && !report(photo_import->resolve(loaded->entries), loaded->files)) {
            discard_photos();
            return 1;
        }
        entries.reserve(loaded->entries.size());
        for (auto& e : loaded->entries) entries.push_back(std::move(e.entry));
        Store store(o.data, Store::Mode::create_if_missing);
        s = store.import(entries, loaded->synonyms, o.author);
        catalog = store.path().string();
    } catch (...) {
        try {
            discard_photos();
        } catch (const std::exception&) {
            // The first failure is the one to report; photos left behind
            // are swept at lc-api's next start (media/photo_store.h).
        }
        throw;
    }
    std::cout << "imported " << entries.size() << " entries from " << loaded->files
              << " files into " << catalog << ": " << s.created << " new, " << s.updated
              << " updated, " << s.restored << " restored, " << s.unchanged << " unchanged";
    if (s.kept_edits) std::cout << ", " << s.kept_edits << " kept as edited since the last import";
    if (photo_import)
        std::cout << "; photos: " << photo_import->processed() << " processed, "
                  << photo_import->already_stored() << " already stored";
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
    if (!report(check_content_photos(loaded->entries, PhotoLimits{}), loaded->files)) return 1;
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
