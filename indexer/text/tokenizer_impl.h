// Template part of Tokenizer (included by tokenizer.h).
#pragma once

#include "text/utf8.h"
#include "text/vietnamese.h"

namespace lc::text {

namespace detail {
inline bool is_ascii_digit(char32_t c) {
    return c >= U'0' && c <= U'9';
}
// Unicode decimal digits other than ASCII are letters for our purpose.
bool is_digit(char32_t c);
bool is_number_joiner(char32_t c);
// Canonical form of a number token (separators as described in tokenizer.h).
std::string canonical_number(std::string_view word);
}  // namespace detail

template <typename F>
std::uint32_t Tokenizer::scan(std::string_view input, std::uint32_t position, F&& emit) {
    utf8::require_valid(input);
    std::string_view text = input;
    if (!utf8::is_ascii(input)) {
        nfc_ = to_nfc(input);
        text = nfc_;
    }
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t start = pos;
        char32_t c = utf8::next(text, pos);
        bool digit = detail::is_digit(c);
        if (!digit && !is_word_character(c)) continue;
        bool has_digit = digit, has_letter = !digit, joined = false;
        std::size_t end = pos;
        while (end < text.size()) {
            std::size_t next = end;
            char32_t d = utf8::next(text, next);
            if (detail::is_digit(d)) {
                has_digit = true;
            } else if (is_word_character(d)) {
                has_letter = true;
            } else if (detail::is_number_joiner(d) && !has_letter && next < text.size()) {
                // "10.000": a joiner between digits stays inside the number.
                std::size_t after = next;
                if (!detail::is_digit(utf8::next(text, after))) break;
                joined = true;
            } else {
                break;
            }
            end = next;
        }
        pos = end;
        std::string_view word = text.substr(start, end - start);
        if (word.size() <= kMaxTokenBytes) {
            if (has_digit && !has_letter && joined) {
                ascii_ = detail::canonical_number(word);
                emit(TokenView{ascii_, ascii_, position, static_cast<std::uint32_t>(start),
                               static_cast<std::uint32_t>(end)});
            } else if (utf8::is_ascii(word)) {
                ascii_.assign(word);
                for (char& ch : ascii_)
                    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
                emit(TokenView{ascii_, ascii_, position, static_cast<std::uint32_t>(start),
                               static_cast<std::uint32_t>(end)});
            } else {
                const auto& forms = forms_of(word);
                // Combining marks with no letter ("◌́" after a space) fold to
                // nothing: not a word.
                if (forms.second.empty()) continue;
                emit(TokenView{forms.first, forms.second, position,
                               static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end)});
            }
        }
        ++position;
    }
    return position;
}

}  // namespace lc::text
