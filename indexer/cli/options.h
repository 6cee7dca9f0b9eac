// Options shared by several lc-indexer subcommands. Options that configure
// rather than say what to do read an LC_* variable (CLI11 `envname`), checked
// like the flag; a flag given wins over the environment.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace lc::cli {

inline void add_data_option(CLI::App* cmd, std::string& data) {
    cmd->add_option("--data", data, "Data folder: the catalog (SQLite) and the search index")
        ->default_val("./data")
        ->envname("LC_DATA");
}

}  // namespace lc::cli
