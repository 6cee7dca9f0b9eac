// lc-indexer subcommands. Each register_* adds one subcommand to the app and,
// when it is chosen, sets `run` to the function that carries it out.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace lc::cli {

using Run = std::function<int()>;

void register_normalize(CLI::App& app, Run& run);
void register_import(CLI::App& app, Run& run);
void register_validate(CLI::App& app, Run& run);
void register_export(CLI::App& app, Run& run);
void register_index(CLI::App& app, Run& run);
void register_stats(CLI::App& app, Run& run);
void register_search(CLI::App& app, Run& run);
void register_token(CLI::App& app, Run& run);
void register_backup(CLI::App& app, Run& run);
void register_restore(CLI::App& app, Run& run);

}  // namespace lc::cli
