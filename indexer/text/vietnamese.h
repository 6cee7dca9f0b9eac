// The Vietnamese text rules. Indexing and querying both go through these
// functions, so a word is keyed the same way wherever it comes from.
//
// Canonical form (normalize):
//   1. Unicode NFC, so decomposed input and combining marks in any order give
//      the same code points as composed input;
//   2. lowercase, Vietnamese capitals included (ĐÈO → đèo);
//   3. one tone-mark placement per syllable: the "classic" placement, where an
//      open syllable ending in oa/oe/uy carries the mark on its first vowel
//      (hòa, khỏe, thủy) and every other syllable follows the shared rules
//      (a vowel with a hat or horn takes it; ươ takes it on ơ; with a final
//      consonant the last vowel takes it; three plain vowels, the middle one).
//      The classic placement is the one the province's own plan uses (about
//      7 of every 8 occurrences of "hóa"/"hoá" in it) and the default of the
//      common keyboards, so canonical keys read like the text people write.
//      "qu" and "gi" are onsets: quý, quỳnh, giữa, già keep the mark where it is.
//   Words that are not Vietnamese syllables (café, CT13) keep their marks.
//
// Folded form (fold): the canonical form with every diacritic removed and
// đ → d: "Sìn Hồ" → "sin ho".
//
// All functions throw lc::InvalidUtf8 for bytes that are not UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace lc::text {

enum class Tone { none, grave, hook, tilde, acute, dot };  // ngang, huyền, hỏi, ngã, sắc, nặng

// Unicode NFC: how stored text is kept (case and tone placement as written).
// Vietnamese hat/breve/horn and tone marks typed in either order compose the
// same way (Unicode alone keeps them apart: they share a combining class).
std::string to_nfc(std::string_view s);

// The canonical key form described above.
std::string normalize(std::string_view s);

// The accent-free form of normalize(s).
std::string fold(std::string_view s);

// True when the canonical text carries any diacritic (including đ), i.e. when
// the person typed accents and prefers exactly those.
bool has_diacritics(std::string_view canonical);

// Rewrites one lowercase NFC word to the canonical tone placement; words that
// are not Vietnamese syllables come back unchanged.
std::u32string place_tone(std::u32string_view word);

// The tone a lowercase NFC word carries (the first tone mark found).
Tone tone_of(std::u32string_view word);

// One code point without its tone mark (ấ → â); other code points unchanged.
char32_t strip_tone(char32_t cp);

// Letters, combining marks: what words are made of (digits are handled by
// the tokenizer).
bool is_word_character(char32_t c);

// `vowel` (toneless or not) carrying `tone`; code points that are not
// Vietnamese vowels come back unchanged.
char32_t add_tone(char32_t vowel, Tone tone);

// The accents of `accented` carried over to `plain`, a respelling of its
// folded form: letters the two share keep their hats, horns and đ, and the
// syllable gets the same tone, placed by the rules above. transfer_accents(
// "hồồ", "ho") is "hồ"; the spelling corrector uses it so that a correction
// never changes the tone a person typed.
std::string transfer_accents(std::string_view accented, std::string_view plain);

// One code point without any diacritic (ấ → a, đ → d); other code points unchanged.
char32_t strip_diacritics(char32_t cp);

}  // namespace lc::text
