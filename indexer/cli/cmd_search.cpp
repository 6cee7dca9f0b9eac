// `lc-indexer search "QUERY"`: the top results in the terminal, for editors to
// check their work.
#include <unistd.h>

#include <iomanip>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/options.h"
#include "search/search_service.h"

namespace lc::cli {

namespace {

struct SearchOptions {
    std::string query;
    std::string data;
    std::vector<std::string> kinds, themes, areas;
    std::vector<int> months;
    std::string lang = "vi";
    std::size_t limit = 10;
};

// Snippets are HTML; the terminal gets bold (or [brackets]) and plain text.
std::string for_terminal(const std::string& html, bool tty) {
    std::string out;
    for (std::size_t i = 0; i < html.size();) {
        auto starts = [&](std::string_view s) { return html.compare(i, s.size(), s) == 0; };
        if (starts("<mark>")) {
            out += tty ? "\033[1m" : "[";
            i += 6;
        } else if (starts("</mark>")) {
            out += tty ? "\033[0m" : "]";
            i += 7;
        } else if (starts("&amp;")) {
            out += '&';
            i += 5;
        } else if (starts("&lt;")) {
            out += '<';
            i += 4;
        } else if (starts("&gt;")) {
            out += '>';
            i += 4;
        } else if (starts("&quot;")) {
            out += '"';
            i += 6;
        } else if (starts("&#39;")) {
            out += '\'';
            i += 5;
        } else
            out += html[i++];
    }
    return out;
}

void print_facet(const char* name, const FacetCounts& counts) {
    if (counts.empty()) return;
    std::cout << "  " << name << ":";
    for (const auto& [value, n] : counts) std::cout << " " << value << " (" << n << ")";
    std::cout << "\n";
}

int run_search(const SearchOptions& o) {
    SearchService service(o.data);
    SearchRequest r;
    r.query = o.query;
    r.kinds = o.kinds;
    r.themes = o.themes;
    r.areas = o.areas;
    r.months = o.months;
    r.lang = o.lang;
    r.per_page = o.limit;
    SearchResponse res = service.search(r);
    bool tty = ::isatty(STDOUT_FILENO) != 0;
    if (res.corrected_query) std::cout << "showing results for: " << *res.corrected_query << "\n";
    std::cout << res.total << (res.total == 1 ? " entry" : " entries") << "\n";
    int rank = 0;
    for (const auto& h : res.results) {
        std::cout << std::setw(3) << ++rank << ". " << h.name << "  [" << to_string(h.kind) << ", "
                  << h.slug << (h.area.empty() ? "" : ", " + h.area) << "]  score " << h.score
                  << "\n";
        if (!h.snippet.empty()) std::cout << "     " << for_terminal(h.snippet, tty) << "\n";
    }
    std::cout << "facets\n";
    print_facet("kind", res.kind_facet);
    print_facet("theme", res.theme_facet);
    print_facet("area", res.area_facet);
    print_facet("ocop_stars", res.stars_facet);
    print_facet("month", res.month_facet);
    return 0;
}

}  // namespace

void register_search(CLI::App& app, Run& run) {
    auto o = std::make_shared<SearchOptions>();
    auto* cmd = app.add_subcommand("search", "Show the top results for a query");
    cmd->add_option("query", o->query, "What to search for")->required();
    add_data_option(cmd, o->data);
    cmd->add_option("--kind", o->kinds, "Only this kind (repeatable)");
    cmd->add_option("--theme", o->themes, "Only this theme (repeatable)");
    cmd->add_option("--area", o->areas, "Only this area (repeatable)");
    cmd->add_option("--month", o->months, "Only entries in season that month, 1-12 (repeatable)")
        ->check(CLI::Range(1, 12));
    cmd->add_option("--lang", o->lang, "vi or en")->check(CLI::IsMember({"vi", "en"}));
    cmd->add_option("-n,--limit", o->limit, "How many results")->check(CLI::Range(1, 50));
    cmd->callback([&run, o] { run = [o] { return run_search(*o); }; });
}

}  // namespace lc::cli
