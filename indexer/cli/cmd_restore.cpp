// `lc-indexer restore`: installs a backup as a data folder's catalog after
// checking its integrity; lc-api rebuilds the index when it starts.
#include <iostream>
#include <memory>

#include "catalog/backup.h"
#include "cli/commands.h"
#include "cli/options.h"

namespace lc::cli {

namespace {

struct RestoreOptions {
    std::string file;
    std::string data;
    bool force = false;
};

int run_restore(const RestoreOptions& o) {
    auto c = restore_catalog(o.file, o.data, o.force);
    std::cout << "restored " << o.file << " into " << o.data << ": " << c.entries << " entries ("
              << c.deleted << " deleted), " << c.revisions << " revisions, " << c.tokens
              << " tokens; the index is rebuilt when lc-api starts (or run lc-indexer index)\n";
    return 0;
}

}  // namespace

void register_restore(CLI::App& app, Run& run) {
    auto o = std::make_shared<RestoreOptions>();
    auto* cmd = app.add_subcommand(
        "restore", "Install a backup as the data folder's catalog (lc-api must not be running)");
    cmd->add_option("file", o->file, "The backup file (from lc-indexer backup)")->required();
    add_data_option(cmd, o->data);
    cmd->add_flag("--force", o->force,
                  "Replace the catalog and index of a data folder that is not empty");
    cmd->callback([&run, o] { run = [o] { return run_restore(*o); }; });
}

}  // namespace lc::cli
