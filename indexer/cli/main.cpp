// lc-indexer: the catalog's command line (import, validate, export, index,
// stats, search, token, backup, restore, normalize).
#include <xapian.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/parse_errors.h"
#include "util/error.h"

int main(int argc, char** argv) {
    CLI::App app{"lc-indexer: the Lai Châu Explorer catalog and search index"};
    app.require_subcommand(1);
    lc::cli::Run run;
    lc::cli::register_normalize(app, run);
    lc::cli::register_import(app, run);
    lc::cli::register_validate(app, run);
    lc::cli::register_export(app, run);
    lc::cli::register_index(app, run);
    lc::cli::register_stats(app, run);
    lc::cli::register_search(app, run);
    lc::cli::register_token(app, run);
    lc::cli::register_backup(app, run);
    lc::cli::register_restore(app, run);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return lc::cli::exit_on_parse_error("lc-indexer", app, e, argc, argv);
    }
    // The catch boundary: every engine error becomes a message and exit status 1.
    try {
        return run ? run() : 0;
    } catch (const lc::Error& e) {
        std::cerr << "lc-indexer: " << e.what() << "\n";
    } catch (const Xapian::Error& e) {
        std::cerr << "lc-indexer: search index: " << e.get_description() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "lc-indexer: unexpected error: " << e.what() << "\n";
    }
    return 1;
}
