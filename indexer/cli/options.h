// Options shared by several lc-indexer subcommands.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace lc::cli {

inline void add_data_option(CLI::App* cmd, std::string& data) {
    cmd->add_option("--data", data, "Data folder: the catalog (SQLite) and the search index")
        ->default_val("./data");
}

}  // namespace lc::cli
