// `lc-indexer backup`: a consistent copy of the catalog (entries, revisions,
// tokens) taken while lc-api keeps serving and writing.
#include <iostream>
#include <memory>

#include "catalog/backup.h"
#include "cli/commands.h"
#include "cli/options.h"

namespace lc::cli {

namespace {

struct BackupOptions {
    std::string data;
    std::string output;
};

int run_backup(const BackupOptions& o) {
    auto c = back_up_catalog(o.data, o.output);
    std::cout << "backed up " << o.data << " to " << o.output << ": " << c.entries << " entries ("
              << c.deleted << " deleted), " << c.revisions << " revisions, " << c.tokens
              << " tokens; the index is not included (it is rebuilt)\n";
    return 0;
}

}  // namespace

void register_backup(CLI::App& app, Run& run) {
    auto o = std::make_shared<BackupOptions>();
    auto* cmd = app.add_subcommand(
        "backup",
        "Copy the catalog (entries, revisions, tokens) to one file, safely while "
        "lc-api runs");
    add_data_option(cmd, o->data);
    cmd->add_option("-o,--output", o->output, "The backup file to write")->required();
    cmd->callback([&run, o] { run = [o] { return run_backup(*o); }; });
}

}  // namespace lc::cli
