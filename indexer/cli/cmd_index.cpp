// `lc-indexer index` (rebuild the search index from the store) and
// `lc-indexer stats` (what is in the catalog and the index).
#include <xapian.h>

#include <iomanip>
#include <iostream>
#include <memory>

#include "catalog/store.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "index/index_location.h"
#include "index/index_writer.h"
#include "index/progress.h"

namespace lc::cli {

namespace {

struct IndexOptions {
    std::string data;
    unsigned threads = 0;
    unsigned flush = 0;
};

std::string megabytes(std::uintmax_t bytes) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(1) << static_cast<double>(bytes) / (1024.0 * 1024.0)
      << " MB";
    return s.str();
}

int run_index(const IndexOptions& o) {
    Store store(o.data, Store::Mode::must_exist);
    ConsoleProgress progress;
    BuildOptions options;
    options.threads = o.threads;
    options.flush_every = o.flush;
    BuildStats s = rebuild_index(store, o.data, progress, options);
    std::cout << "indexed " << s.documents << " entries with " << s.shards << " thread"
              << (s.shards == 1 ? "" : "s") << " in " << std::fixed << std::setprecision(2)
              << s.seconds << " s (" << std::setprecision(0)
              << (s.seconds > 0 ? static_cast<double>(s.documents) / s.seconds : 0.0)
              << " entries/s); index " << megabytes(s.index_bytes) << " at "
              << s.generation.string() << "\n";
    return 0;
}

int run_stats(const std::string& data) {
    Store store(data, Store::Mode::must_exist);
    CatalogCounts c = store.counts();
    std::size_t published = 0;
    std::cout << "catalog " << store.path().string() << "\n";
    for (const auto& [kind, n] : c.published_by_kind) {
        std::cout << "  " << std::left << std::setw(12) << kind << n << "\n";
        published += n;
    }
    std::cout << "  published   " << published << "\n  drafts      " << c.drafts
              << "\n  deleted     " << c.deleted << "\n  revisions   " << c.revisions
              << "\n  changes     " << store.change_seq() << "\n";
    IndexLocation location(data);
    auto current = location.current();
    if (!current) {
        std::cout << "index: none (build it with: lc-indexer index --data " << data << ")\n";
        return 0;
    }
    Xapian::Database db(current->string());
    std::cout << "index " << current->string() << "\n  documents   " << db.get_doccount()
              << "\n  size        " << megabytes(location.current_size()) << "\n  changes     "
              << applied_seq(db) << "\n";
    return 0;
}

}  // namespace

void register_index(CLI::App& app, Run& run) {
    auto o = std::make_shared<IndexOptions>();
    auto* cmd =
        app.add_subcommand("index", "Rebuild the search index from the catalog and swap it in");
    add_data_option(cmd, o->data);
    cmd->add_option("--threads", o->threads, "Indexing threads (default: one per core, at most 4)")
        ->envname("LC_INDEX_THREADS")
        ->check(CLI::Range(1u, 4u));
    cmd->add_option("--flush", o->flush,
                    "Documents per shard between Xapian flushes (default 5000)")
        ->envname("LC_INDEX_FLUSH")
        ->check(CLI::Range(1u, 10'000'000u));
    cmd->callback([&run, o] { run = [o] { return run_index(*o); }; });
}

void register_stats(CLI::App& app, Run& run) {
    auto data = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand("stats", "Counts by kind and the index size");
    add_data_option(cmd, *data);
    cmd->callback([&run, data] { run = [data] { return run_stats(*data); }; });
}

}  // namespace lc::cli
