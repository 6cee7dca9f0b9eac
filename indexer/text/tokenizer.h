// Splits text into the tokens that are indexed and searched.
//
// A token is a run of letters and digits: a Vietnamese syllable, an English
// word, a number or a code (CT13, 4D). Inside a number, "." and "," between
// digits join (10.000, 2,5); everything else separates, hyphens included, so
// "2025-2030" is the two tokens 2025 and 2030 at consecutive positions and a
// query for the same text matches them as a phrase. Numbers written with
// thousands separators lose them (10.000 → 10000); a decimal comma becomes a
// point (2,5 → 2.5). Tokens over kMaxTokenBytes are dropped but keep their
// position, so phrases never join across them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace lc::text {

// One token. `begin`/`end` are byte offsets into the NFC form of the text
// (the text itself, for stored text, which is always NFC).
struct Token {
    std::string canonical;  // normalize() of the word
    std::string folded;     // fold() of the word
    std::uint32_t position = 0;
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
};

// What a callback sees: views valid only during the call.
struct TokenView {
    std::string_view canonical;
    std::string_view folded;
    std::uint32_t position;
    std::uint32_t begin;
    std::uint32_t end;
};

constexpr std::size_t kMaxTokenBytes = 64;

// Reusable tokenizer with a cache of word forms; one per thread (not
// thread-safe). The cache makes the second sighting of a word nearly free,
// which is what indexing a large catalog is made of. It holds at most
// `max_cached_words` words (then starts again), so that a stream of unique
// junk cannot grow it without end.
class Tokenizer {
  public:
    static constexpr std::size_t kIndexingCacheWords = 200'000;  // a large catalog's vocabulary
    explicit Tokenizer(std::size_t max_cached_words = kIndexingCacheWords)
        : max_cached_(max_cached_words) {}

    template <typename F>
    std::uint32_t each(std::string_view text, std::uint32_t first_position, F&& on_token) {
        return scan(text, first_position, [&](const TokenView& t) { on_token(t); });
    }

    std::vector<Token> tokenize(std::string_view text, std::uint32_t first_position = 0);

  private:
    template <typename F>
    std::uint32_t scan(std::string_view text, std::uint32_t first_position, F&& emit);
    const std::pair<std::string, std::string>& forms_of(std::string_view word);

    std::size_t max_cached_;
    std::unordered_map<std::string, std::pair<std::string, std::string>> cache_;
    std::string nfc_;
    std::string ascii_;
};

// Convenience: tokenizes with thread_tokenizer(). Throws lc::InvalidUtf8.
std::vector<Token> tokenize(std::string_view text, std::uint32_t first_position = 0);

// The Tokenizer behind tokenize(): the one a TokenizerLoan lends this thread,
// or else the thread's own, which keeps only a small cache. A server runs
// hundreds of threads (one per connection); a large cache in each grew the
// server by tens of megabytes under load, so searches borrow the tokenizer
// of the pooled index handle they run on (see SearchService).
Tokenizer& thread_tokenizer();

// Lends `tokenizer` to this thread's tokenize() calls for its lifetime.
class TokenizerLoan {
  public:
    explicit TokenizerLoan(Tokenizer& tokenizer);
    ~TokenizerLoan();
    TokenizerLoan(const TokenizerLoan&) = delete;
    TokenizerLoan& operator=(const TokenizerLoan&) = delete;

  private:
    Tokenizer* previous_;
};

}  // namespace lc::text

#include "text/tokenizer_impl.h"
