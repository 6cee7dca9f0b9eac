#include "search/query_parser.h"

#include "text/tokenizer.h"
#include "text/utf8.h"
#include "text/vietnamese.h"

namespace lc {

namespace {

std::vector<QueryWord> words_of(std::string_view chunk) {
    std::vector<QueryWord> out;
    for (const auto& t : text::tokenize(chunk))
        out.push_back({t.canonical, t.folded, text::has_diacritics(t.canonical), false});
    return out;
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

bool ParsedQuery::empty() const {
    return included_words().empty();
}

std::vector<QueryWord> ParsedQuery::included_words() const {
    std::vector<QueryWord> out;
    for (const auto& p : parts)
        if (!p.excluded) out.insert(out.end(), p.words.begin(), p.words.end());
    return out;
}

ParsedQuery parse_query(std::string_view input, bool last_word_is_prefix) {
    // Invalid bytes are the caller's to reject; here they are just not words.
    std::string cleaned;
    if (auto bad = utf8::find_invalid(input)) {
        cleaned.assign(input.substr(0, *bad));
        input = cleaned;
    }
    ParsedQuery q;
    std::size_t i = 0;
    while (i < input.size()) {
        if (is_space(input[i])) {
            ++i;
            continue;
        }
        if (input[i] == '"') {
            auto close = input.find('"', i + 1);
            if (close == std::string_view::npos) {  // unclosed: plain words
                ++i;
                continue;
            }
            QueryPart part{words_of(input.substr(i + 1, close - i - 1)), true, false};
            if (part.words.size() == 1) part.phrase = false;
            if (!part.words.empty()) q.parts.push_back(std::move(part));
            i = close + 1;
            continue;
        }
        std::size_t end = i;
        while (end < input.size() && !is_space(input[end]) && input[end] != '"') ++end;
        std::string_view chunk = input.substr(i, end - i);
        bool excluded = chunk.size() > 1 && chunk[0] == '-';
        if (excluded) chunk.remove_prefix(1);
        auto words = words_of(chunk);
        // Words joined by punctuation ("sin-suoi-ho", "2025-2030") stay together.
        if (!words.empty()) {
            bool phrase = words.size() > 1;
            q.parts.push_back({std::move(words), phrase, excluded});
        }
        i = end;
    }
    for (const auto& p : q.parts)
        for (const auto& w : p.words) q.accented = q.accented || w.accented;
    if (last_word_is_prefix && !q.parts.empty()) {
        // Only a word still being typed: the input ends inside it.
        auto& last = q.parts.back();
        bool ends_in_word = !input.empty() && !is_space(input.back()) && input.back() != '"';
        if (ends_in_word && !last.excluded && !last.words.empty()) last.words.back().prefix = true;
    }
    return q;
}

std::string to_text(const ParsedQuery& query) {
    std::string out;
    for (const auto& p : query.parts) {
        if (!out.empty()) out.push_back(' ');
        if (p.excluded) out.push_back('-');
        if (p.phrase) out.push_back('"');
        for (std::size_t i = 0; i < p.words.size(); ++i) {
            if (i) out.push_back(' ');
            out += p.words[i].canonical;
        }
        if (p.phrase) out.push_back('"');
    }
    return out;
}

}  // namespace lc
