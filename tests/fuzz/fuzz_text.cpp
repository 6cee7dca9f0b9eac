// The text engine on arbitrary bytes: normalize, fold, tokenize.
//
// Invalid UTF-8 must be rejected with lc::InvalidUtf8 (naming the first bad
// byte) and nothing else; valid text must never throw, and what comes back
// must keep the invariants below. A broken invariant aborts, which libFuzzer
// reports as a crash with the input that caused it.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz_fail.h"
#include "text/tokenizer.h"
#include "text/utf8.h"
#include "text/vietnamese.h"
#include "util/error.h"

namespace {

[[noreturn]] void fail(const std::string& what, std::string_view input) {
    lc::fuzz::fail("fuzz_text", what, input);
}

#define CHECK(cond, input)                                \
    do {                                                  \
        if (!(cond)) fail("check failed: " #cond, input); \
    } while (0)
#define CHECK_EQ(a, b, input) CHECK((a) == (b), input)

// Each call must throw InvalidUtf8 naming `offset`, and nothing else.
template <typename F>
void expect_invalid(F&& fn, std::size_t offset, std::string_view input) {
    try {
        fn();
    } catch (const lc::InvalidUtf8& e) {
        CHECK(e.offset() == offset, input);
        return;
    }
    fail("invalid UTF-8 was accepted", input);
}

// Lowercase letters of the Vietnamese alphabet beyond ASCII, precomposed.
constexpr std::u32string_view kVietnameseLetters =
    U"àảãáạăằẳẵắặâầẩẫấậèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵđ"
    U"ÀẢÃÁẠĂẰẲẴẮẶÂẦẨẪẤẬÈẺẼÉẸÊỀỂỄẾỆÌỈĨÍỊÒỎÕÓỌÔỒỔỖỐỘƠỜỞỠỚỢÙỦŨÚỤƯỪỬỮỨỰỲỶỸÝỴĐ";

bool is_vietnamese_mark(char32_t c) {
    return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309 || c == 0x0323 ||  // tones
           c == 0x0302 || c == 0x0306 || c == 0x031B;  // hat, breve, horn
}

// ASCII, Vietnamese letters and (when `marks`) the Vietnamese combining marks only.
bool is_vietnamese_or_ascii(std::string_view valid, bool marks) {
    std::size_t pos = 0;
    while (pos < valid.size()) {
        char32_t c = lc::utf8::next(valid, pos);
        if (c < 0x80 || (marks && is_vietnamese_mark(c))) continue;
        if (kVietnameseLetters.find(c) == std::u32string_view::npos) return false;
    }
    return true;
}

bool has_letter(std::string_view s) {
    std::size_t pos = 0;
    while (pos < s.size())
        if (lc::text::is_word_character(lc::utf8::next(s, pos))) return true;
    return false;
}

void check_tokens(std::string_view input, const std::string& nfc) {
    auto tokens = lc::text::tokenize(input, 7);
    auto same = lc::text::tokenize(nfc, 7);
    CHECK(tokens.size() == same.size(), input);
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        CHECK(tokens[i].canonical == same[i].canonical && tokens[i].folded == same[i].folded,
              input);
        CHECK(tokens[i].position == same[i].position && tokens[i].begin == same[i].begin, input);
        CHECK(tokens[i].end == same[i].end, input);
    }
    std::uint32_t previous_end = 0;
    std::optional<std::uint32_t> previous_position;
    for (const auto& t : tokens) {
        CHECK(t.begin < t.end && t.end <= nfc.size(), input);
        CHECK(t.begin >= previous_end, input);
        CHECK(!previous_position || t.position > *previous_position, input);
        CHECK(t.position >= 7, input);
        previous_end = t.end;
        previous_position = t.position;
        std::string_view word = std::string_view(nfc).substr(t.begin, t.end - t.begin);
        CHECK(word.size() <= lc::text::kMaxTokenBytes, input);
        CHECK(!lc::utf8::find_invalid(word), input);
        // A word of combining marks alone (" \u0301") would fold to nothing
        // and match every document as the bare field prefix: not a token.
        CHECK(!t.canonical.empty() && !t.folded.empty(), input);
        CHECK(!lc::utf8::find_invalid(t.canonical) && !lc::utf8::find_invalid(t.folded), input);
        // Words are keyed by their normal forms; numbers by their digits.
        if (has_letter(word)) {
            CHECK(t.canonical == lc::text::normalize(word), input);
            CHECK(t.folded == lc::text::fold(word), input);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);

    if (auto bad = lc::utf8::find_invalid(input)) {
        expect_invalid([&] { lc::text::to_nfc(input); }, *bad, input);
        expect_invalid([&] { lc::text::normalize(input); }, *bad, input);
        expect_invalid([&] { lc::text::fold(input); }, *bad, input);
        expect_invalid([&] { lc::text::tokenize(input); }, *bad, input);
        expect_invalid([&] { lc::utf8::decode(input); }, *bad, input);
        return 0;
    }

    // Valid UTF-8: nothing may throw (an exception escaping here is a crash).
    CHECK_EQ(lc::utf8::encode(lc::utf8::decode(input)), input, input);

    const std::string nfc = lc::text::to_nfc(input);
    CHECK(!lc::utf8::find_invalid(nfc), input);
    CHECK_EQ(lc::text::to_nfc(nfc), nfc, input);

    const std::string canonical = lc::text::normalize(input);
    CHECK(!lc::utf8::find_invalid(canonical), input);
    CHECK_EQ(lc::text::normalize(canonical), canonical, input);
    CHECK_EQ(lc::text::normalize(nfc), canonical, input);

    const std::string folded = lc::text::fold(input);
    CHECK(!lc::utf8::find_invalid(folded), input);
    CHECK_EQ(lc::text::fold(canonical), folded, input);
    if (is_vietnamese_or_ascii(nfc, true)) CHECK(lc::utf8::is_ascii(folded), input);
    // Stray combining marks (left over where nothing composes) are dropped by
    // fold but are not diacritics of a letter.
    if (is_vietnamese_or_ascii(nfc, false))
        CHECK_EQ(lc::text::has_diacritics(canonical), canonical != folded, input);

    check_tokens(input, nfc);

    // The spelling corrector's accent transfer, on word-sized input (it is
    // quadratic by design).
    if (size <= 64) {
        std::string moved = lc::text::transfer_accents(input, folded);
        CHECK(!lc::utf8::find_invalid(moved), input);
    }
    return 0;
}
