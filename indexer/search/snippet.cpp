#include "search/snippet.h"

#include <xapian.h>

#include <algorithm>
#include <set>

#include "text/tokenizer.h"
#include "text/utf8.h"

namespace lc {

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out.push_back(c);
        }
    }
    return out;
}

namespace {

// For each token, which query word it matches (counted for "distinct"), or -1.
std::vector<int> mark_matches(const std::vector<text::Token>& tokens, const HighlightTerms& terms) {
    Xapian::Stem english("english");
    std::vector<int> match(tokens.size(), -1);
    std::vector<std::string> words;
    auto word_id = [&](const std::string& w) {
        auto it = std::find(words.begin(), words.end(), w);
        if (it != words.end()) return static_cast<int>(it - words.begin());
        words.push_back(w);
        return static_cast<int>(words.size() - 1);
    };
    // With accents typed, mark the words written exactly so; only when the
    // text has none of them, the same letters with other accents.
    auto mark = [&](bool exact) {
        bool any = false;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            const std::string& f = tokens[i].folded;
            match[i] = -1;
            if (exact ? terms.canonical.contains(tokens[i].canonical) : terms.folded.contains(f)) {
                match[i] = word_id(f);
            } else {
                for (const auto& p : terms.prefixes)
                    if (f.starts_with(p)) match[i] = word_id(p);
                // English stems match English words: tokens without accents.
                if (match[i] < 0 && !terms.stems.empty() && tokens[i].canonical == f) {
                    std::string stem = english(f);
                    if (terms.stems.contains(stem)) match[i] = word_id("stem:" + stem);
                }
            }
            any = any || match[i] >= 0;
        }
        return any;
    };
    if (!terms.exact || !mark(true)) mark(false);
    return match;
}

// The window of tokens [first, second) that fits max_chars and holds the most
// distinct matched words (then the most matches), earliest first.
std::pair<std::size_t, std::size_t> best_window(const std::vector<text::Token>& tokens,
                                                const std::vector<int>& match,
                                                std::size_t max_chars) {
    std::size_t best_start = 0, best_end = 0;
    std::size_t best_distinct = 0, best_count = 0;
    for (std::size_t start = 0; start < tokens.size(); ++start) {
        if (start > 0 && match[start] < 0)
            continue;  // windows start at a match (or the text start)
        std::set<int> distinct;
        std::size_t count = 0, end = start;
        while (end < tokens.size() && tokens[end].end - tokens[start].begin <= max_chars) {
            if (match[end] >= 0) {
                distinct.insert(match[end]);
                ++count;
            }
            ++end;
        }
        bool better = start == 0 || distinct.size() > best_distinct ||
                      (distinct.size() == best_distinct && count > best_count);
        if (better) {
            best_start = start;
            best_end = end;
            best_distinct = distinct.size();
            best_count = count;
        }
    }
    return {best_start, best_end};
}

}  // namespace

std::string make_snippet(std::string_view text, const HighlightTerms& terms,
                         std::size_t max_chars) {
    if (text.empty()) return {};
    auto tokens = text::tokenize(text);
    if (tokens.empty()) {
        std::size_t cut = std::min(text.size(), max_chars);
        while (cut < text.size() && cut > 0 &&
               (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
            --cut;
        return html_escape(text.substr(0, cut));
    }
    const std::vector<int> match = mark_matches(tokens, terms);
    auto [best_start, best_end] = best_window(tokens, match, max_chars);

    // Start a little before the first match so it reads in context.
    std::size_t lead = std::min<std::size_t>(best_start, best_start > 0 ? 3 : 0);
    std::size_t from_token = best_start - lead;
    while (best_end > from_token + 1 &&
           tokens[best_end - 1].end - tokens[from_token].begin > max_chars)
        --best_end;

    // The text is NFC (stored text always is), so token offsets index it directly.
    std::string nfc = text::to_nfc(text);
    std::string out;
    if (from_token > 0) out += "… ";
    std::size_t cursor = tokens[from_token].begin;
    for (std::size_t i = from_token; i < best_end; ++i) {
        out += html_escape(std::string_view(nfc).substr(cursor, tokens[i].begin - cursor));
        std::string_view word =
            std::string_view(nfc).substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
        if (match[i] >= 0)
            out += "<mark>" + html_escape(word) + "</mark>";
        else
            out += html_escape(word);
        cursor = tokens[i].end;
    }
    if (best_end < tokens.size()) {
        out += " …";
    } else {
        out += html_escape(std::string_view(nfc).substr(cursor));
    }
    return out;
}

}  // namespace lc
