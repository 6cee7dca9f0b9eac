#include "text/tokenizer.h"

#include <unicode/uchar.h>

#include <regex>

namespace lc::text {

namespace detail {

bool is_digit(char32_t c) {
    if (c < 0x80) return is_ascii_digit(c);
    return u_isdigit(static_cast<UChar32>(c));
}

bool is_number_joiner(char32_t c) {
    return c == U'.' || c == U',';
}

std::string canonical_number(std::string_view word) {
    // 10.000 / 1,234,567: groups of three after the first → thousands separators.
    static const std::regex grouped(R"(^\d{1,3}(\.\d{3})+$|^\d{1,3}(,\d{3})+$)");
    std::string w(word);
    if (std::regex_match(w, grouped)) {
        std::string out;
        for (char c : w)
            if (c != '.' && c != ',') out.push_back(c);
        return out;
    }
    for (char& c : w)
        if (c == ',') c = '.';
    return w;
}

}  // namespace detail

const std::pair<std::string, std::string>& Tokenizer::forms_of(std::string_view word) {
    std::string key(word);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    if (cache_.size() >= max_cached_) cache_.clear();
    std::string canonical = normalize(word);
    std::string folded = fold(canonical);
    return cache_.emplace(std::move(key), std::make_pair(std::move(canonical), std::move(folded)))
        .first->second;
}

std::vector<Token> Tokenizer::tokenize(std::string_view text, std::uint32_t first_position) {
    std::vector<Token> out;
    each(text, first_position, [&](const TokenView& t) {
        out.push_back(
            Token{std::string(t.canonical), std::string(t.folded), t.position, t.begin, t.end});
    });
    return out;
}

namespace {

// A thread's own tokenizer remembers about a page of words.
constexpr std::size_t kThreadCacheWords = 1'024;
thread_local Tokenizer* lent = nullptr;

}  // namespace

Tokenizer& thread_tokenizer() {
    if (lent) return *lent;
    thread_local Tokenizer own(kThreadCacheWords);
    return own;
}

TokenizerLoan::TokenizerLoan(Tokenizer& tokenizer) : previous_(lent) {
    lent = &tokenizer;
}

TokenizerLoan::~TokenizerLoan() {
    lent = previous_;
}

std::vector<Token> tokenize(std::string_view text, std::uint32_t first_position) {
    return thread_tokenizer().tokenize(text, first_position);
}

}  // namespace lc::text
