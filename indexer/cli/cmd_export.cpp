// `lc-indexer export`: every entry (drafts included, deleted ones not) as JSON
// Lines, in the import shape, so that importing the output gives the same catalog;
// with --content, as a content folder instead (YAML files and photos:
// media/content_export.h); with --synonyms, the synonym groups editors manage
// as a synonyms.yaml file.
#include <fstream>
#include <iostream>
#include <memory>

#include "catalog/store.h"
#include "catalog/synonyms_yaml.h"
#include "catalog/validation.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "media/content_export.h"

namespace lc::cli {

namespace {

struct ExportOptions {
    std::string data;
    std::string output;
    std::string content;   // a content folder to write ("" for JSON Lines)
    std::string synonyms;  // a synonyms.yaml to write ("" for none)
};

void write_synonyms(const Store& store, const std::string& path) {
    SynonymSet set = store.synonym_set();
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    if (!file) throw Error("cannot write " + path);
    file << synonyms_to_yaml(set);
    file.flush();
    if (!file) throw Error("writing " + path + " failed");
    std::cerr << "exported " << set.groups.size() << " synonym groups (revision " << set.revision
              << ") to " << path << "\n";
}

void write_content(const Store& store, const ExportOptions& o) {
    const PhotoStore photos(o.data);
    ContentExportSummary s = export_content(store, photos, o.content);
    std::cerr << "exported " << s.entries << " entries and " << s.photos << " photos to "
              << o.content;
    if (s.removed) std::cerr << " (removed " << s.removed << " photo files no entry lists)";
    std::cerr << "\n";
}

int run_export(const ExportOptions& o) {
    Store store(o.data, Store::Mode::must_exist);
    if (!o.content.empty()) {
        write_content(store, o);
        if (!o.synonyms.empty()) write_synonyms(store, o.synonyms);
        return 0;
    }
    std::ofstream file;
    if (!o.output.empty()) {
        file.open(o.output, std::ios::binary | std::ios::trunc);
        if (!file) throw Error("cannot write " + o.output);
    }
    std::ostream& out = o.output.empty() ? std::cout : file;
    std::size_t n = 0;
    store.for_each([&](const StoredEntry& e) {
        out << to_canonical_json(e.entry) << '\n';
        ++n;
    });
    out.flush();
    if (!out) throw Error("writing the export failed");
    std::cerr << "exported " << n << " entries\n";
    if (!o.synonyms.empty()) write_synonyms(store, o.synonyms);
    return 0;
}

}  // namespace

void register_export(CLI::App& app, Run& run) {
    auto o = std::make_shared<ExportOptions>();
    auto* cmd = app.add_subcommand("export", "Write the catalog as JSON Lines or a content folder");
    add_data_option(cmd, o->data);
    auto* output =
        cmd->add_option("-o,--output", o->output, "File to write (default: standard output)");
    cmd->add_option("--content", o->content,
                    "Write a content folder instead: <kind>/<slug>.yaml per entry and "
                    "photos/<slug>/<id>.jpg per photo")
        ->excludes(output);
    cmd->add_option("--synonyms", o->synonyms,
                    "Also write the synonym groups to this file (name it synonyms.yaml to "
                    "import it)");
    cmd->callback([&run, o] { run = [o] { return run_export(*o); }; });
}

}  // namespace lc::cli
