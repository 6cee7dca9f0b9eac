// `lc-indexer normalize`: each line of standard input becomes
// "canonical<TAB>folded" on standard output. A tool for editors and tests.
#include <iostream>
#include <string>

#include "cli/commands.h"
#include "text/vietnamese.h"
#include "util/error.h"

namespace lc::cli {

namespace {

int run_normalize() {
    std::string line;
    int status = 0;
    for (long n = 1; std::getline(std::cin, line); ++n) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        try {
            std::string canonical = text::normalize(line);
            std::cout << canonical << '\t' << text::fold(canonical) << '\n';
        } catch (const InvalidUtf8& e) {
            std::cerr << "line " << n << ": " << e.what() << "\n";
            std::cout << '\n';  // keep output lines aligned with input lines
            status = 1;
        }
    }
    return status;
}

}  // namespace

void register_normalize(CLI::App& app, Run& run) {
    auto* cmd = app.add_subcommand("normalize",
                                   "Print 'canonical<TAB>folded' for each line of standard input");
    cmd->callback([&run] { run = run_normalize; });
}

}  // namespace lc::cli
