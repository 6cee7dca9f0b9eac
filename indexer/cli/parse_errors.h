// Reporting a command-line error when the value may have come from the
// environment. Options read their LC_* variable through CLI11 (`envname`), so
// an environment value passes the same checks as the flag; but CLI11's message
// names only the flag ("--port"), which misleads someone who never typed it.
// Shared by lc-indexer and lc-api (api/config.cpp).
#pragma once

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace lc::cli {

namespace detail {

// Whether `opt` was written on the command line, as "--name value" or "--name=value".
inline bool on_command_line(const CLI::Option& opt, const std::vector<std::string>& args) {
    for (const std::string& name : opt.get_lnames()) {
        const std::string flag = "--" + name;
        for (const std::string& a : args)
            if (a == flag || a.rfind(flag + "=", 0) == 0) return true;
    }
    return false;
}

// The option whose value was refused by a check (CLI::Range, IsMember...):
// CLI11 checks options in order and stops at the first bad one, so it is the
// first with a value whose callback has not run. Searches the chosen
// subcommands too. (An option without a check that fails to convert is
// marked as run: CLI11's own message then stands alone. Give every number a
// range.)
inline const CLI::Option* refused_option(const CLI::App& app) {
    for (const CLI::Option* opt : app.get_options())
        if (opt->count() > 0 && !opt->get_callback_run()) return opt;
    for (const CLI::App* sub : app.get_subcommands())
        if (const CLI::Option* opt = refused_option(*sub)) return opt;
    return nullptr;
}

}  // namespace detail

// Prints the error (naming the environment variable when the refused value
// came from one) and returns the exit status: CLI11's for help and version.
inline int exit_on_parse_error(std::string_view program, CLI::App& app, const CLI::ParseError& e,
                               int argc, const char* const* argv) {
    const CLI::Option* opt = detail::refused_option(app);
    if (e.get_exit_code() == 0 || !opt || opt->get_envname().empty()) return app.exit(e);
    const char* value = std::getenv(opt->get_envname().c_str());
    std::vector<std::string> args(argv + 1, argv + argc);
    if (!value || !*value || detail::on_command_line(*opt, args)) return app.exit(e);
    std::cerr << program << ": environment variable " << opt->get_envname() << "=\"" << value
              << "\": " << e.what() << "\n";
    return e.get_exit_code();
}

}  // namespace lc::cli
