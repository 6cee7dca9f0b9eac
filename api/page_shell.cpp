#include "api/page_shell.h"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include "api/html.h"
#include "util/file_bytes.h"

namespace lc::api {

namespace {

// The start tag holding `marker` (an attribute as written, `id="paging"`):
// the offsets of its '<' and '>'.
struct Tag {
    std::size_t open = 0;
    std::size_t close = 0;
};

Tag find_tag(const std::string& html, std::string_view marker, std::size_t from = 0) {
    const std::size_t at = html.find(marker, from);
    const std::size_t open = at == std::string::npos ? at : html.rfind('<', at);
    const std::size_t close = at == std::string::npos ? at : html.find('>', at);
    if (open == std::string::npos || close == std::string::npos)
        throw std::runtime_error("index.html has no element with " + std::string(marker));
    return {open, close};
}

// `value` is markup-safe already (escaped by the caller).
void set_attribute(std::string& html, std::string_view marker, std::string_view name,
                   std::string_view value) {
    const Tag tag = find_tag(html, marker);
    const std::string written = " " + std::string(name) + "=\"";
    const std::size_t at = html.find(written, tag.open);
    if (at != std::string::npos && at < tag.close) {
        const std::size_t start = at + written.size();
        html.replace(start, html.find('"', start) - start, value);
    } else {
        html.insert(tag.close, written + std::string(value) + "\"");
    }
}

void set_hidden(std::string& html, std::string_view marker, bool hidden) {
    const Tag tag = find_tag(html, marker);
    const std::size_t at = html.find(" hidden", tag.open);
    const bool has =
        at != std::string::npos && at < tag.close && (html[at + 7] == '>' || html[at + 7] == ' ');
    if (has && !hidden) html.erase(at, 7);
    if (!has && hidden) html.insert(tag.close, " hidden");
}

// The element must be empty in the shell: what scripts fill starts empty.
void set_inner(std::string& html, std::string_view marker, std::string_view inner) {
    const Tag tag = find_tag(html, marker);
    if (html.compare(tag.close + 1, 2, "</") != 0)
        throw std::runtime_error("index.html: the element with " + std::string(marker) +
                                 " must be empty");
    html.insert(tag.close + 1, inner);
}

void replace_between(std::string& html, std::string_view before, std::string_view after,
                     std::string_view value) {
    const std::size_t start = html.find(before);
    const std::size_t end = start == std::string::npos ? start : html.find(after, start);
    if (end == std::string::npos)
        throw std::runtime_error("index.html has no " + std::string(before));
    html.replace(start + before.size(), end - start - before.size(), value);
}

void replace_all(std::string& html, std::string_view from, std::string_view to) {
    for (std::size_t at = html.find(from); at != std::string::npos;
         at = html.find(from, at + to.size()))
        html.replace(at, from.size(), to);
}

// Fills what translateStatic (web/js/i18n.js) fills: the text of every
// data-i18n element, and the placeholder and aria-label of those marked so.
void translate(std::string& html, const PageStrings& words, std::string_view lang) {
    auto each = [&html](std::string_view attribute, auto fill) {
        const std::string marker = " " + std::string(attribute) + "=\"";
        for (std::size_t at = html.find(marker); at != std::string::npos;
             at = html.find(marker, at + 1)) {
            const std::size_t key_start = at + marker.size();
            const std::string key = html.substr(key_start, html.find('"', key_start) - key_start);
            fill(at, key);
        }
    };
    each("data-i18n", [&](std::size_t at, const std::string& key) {
        const std::size_t text = html.find('>', at) + 1;
        html.replace(text, html.find('<', text) - text, html_escape(words.t(lang, key)));
    });
    auto attribute = [&](std::string_view name) {
        return [&, name](std::size_t at, const std::string& key) {
            const std::size_t close = html.find('>', at);
            const std::string written = " " + std::string(name) + "=\"";
            std::size_t start = html.rfind('<', at);
            start = html.find(written, start);
            if (start == std::string::npos || start > close)
                throw std::runtime_error("index.html: an element with a data-i18n-* key '" + key +
                                         "' lacks " + std::string(name));
            start += written.size();
            html.replace(start, html.find('"', start) - start, html_escape(words.t(lang, key)));
        };
    };
    each("data-i18n-placeholder", attribute("placeholder"));
    each("data-i18n-label", attribute("aria-label"));
}

std::string shell_for(std::string html, const PageStrings& words, const std::string& lang) {
    translate(html, words, lang);
    replace_all(html, "<html lang=\"vi\">", "<html lang=\"" + lang + "\">");
    // The editors' views live on the home page of each language.
    replace_all(html, "href=\"/?view=", "href=\"/" + lang + "/?view=");
    set_attribute(html, "id=\"home-link\"", "href", "/" + lang + "/");
    set_attribute(html, "id=\"search-form\"", "action", "/" + lang + "/search");
    set_attribute(html, "id=\"filters-form\"", "action", "/" + lang + "/search");
    set_attribute(html, "id=\"filters-form\"", "method", "get");
    return html;
}

std::string read_file(const std::filesystem::path& file) {
    std::optional<std::string> bytes = file_bytes(file);
    if (!bytes) throw std::runtime_error("cannot read the page's shell: " + file.string());
    return std::move(*bytes);
}

}  // namespace

PageShell PageShell::load(const std::filesystem::path& web_dir) {
    PageShell shell;
    shell.strings_ = PageStrings::load(web_dir / "js" / "strings.json");
    const std::string html = read_file(web_dir / "index.html");
    shell.shell_vi_ = shell_for(html, shell.strings_, "vi");
    shell.shell_en_ = shell_for(html, shell.strings_, "en");
    // Every element a page fills must be there: find out now, not on a request.
    PageContent search_probe, entry_probe;
    search_probe.correction_html = search_probe.empty_html = search_probe.paging_html = "x";
    entry_probe.detail_html = "x";
    shell.render(search_probe);
    shell.render(entry_probe);
    return shell;
}

std::string PageShell::render(const PageContent& page) const {
    std::string html = page.lang == "en" ? shell_en_ : shell_vi_;
    replace_between(html, "<title>", "</title>", html_escape(page.title));
    set_attribute(html, "name=\"description\"", "content", html_escape(page.description));
    const std::size_t head_end = html.find("</head>");
    if (head_end == std::string::npos) throw std::runtime_error("index.html has no </head>");
    html.insert(head_end, page.head_html);
    set_attribute(html, "data-lang=\"vi\"", "href", html_escape(page.vi_href));
    set_attribute(html, "data-lang=\"en\"", "href", html_escape(page.en_href));
    set_attribute(html, "id=\"q\"", "value", html_escape(page.query));

    const bool entry = !page.detail_html.empty();
    set_hidden(html, "id=\"filters\"", entry);
    set_hidden(html, "id=\"results\"", entry);
    set_hidden(html, "id=\"map-hint\"", entry);
    set_hidden(html, "id=\"detail\"", !entry);
    if (entry) {
        set_inner(html, "id=\"detail\"", page.detail_html);
        return html;
    }
    set_inner(html, "id=\"filters-form\"", page.filters_html);
    set_inner(html, "id=\"result-count\"", html_escape(page.count_text));
    set_inner(html, "id=\"correction\"", page.correction_html);
    set_hidden(html, "id=\"correction\"", page.correction_html.empty());
    // Outside the filters' form in the layout, sent with it all the same.
    set_attribute(html, "id=\"sort\"", "form", "filters-form");
    set_inner(html, "id=\"sort\"", page.sort_html);
    set_attribute(html, "id=\"result-list\"", "start", std::to_string(page.results_start));
    set_inner(html, "id=\"result-list\"", page.results_html);
    set_inner(html, "id=\"results-empty\"", page.empty_html);
    set_hidden(html, "id=\"results-empty\"", page.empty_html.empty());
    set_inner(html, "id=\"paging\"", page.paging_html);
    set_hidden(html, "id=\"paging\"", page.paging_html.empty());
    set_inner(html, "id=\"downloads\"", page.downloads_html);
    set_hidden(html, "id=\"downloads\"", page.downloads_html.empty());
    return html;
}

}  // namespace lc::api
