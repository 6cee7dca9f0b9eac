#include "text/vietnamese.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "text/utf8.h"
#include "util/error.h"

namespace lc::text {

namespace {

// The twelve vowels, each followed by its five toned forms in the order of
// enum Tone: grave, hook, tilde, acute, dot.
constexpr std::u32string_view kVowelRows[] = {
    U"aàảãáạ", U"ăằẳẵắặ", U"âầẩẫấậ", U"eèẻẽéẹ", U"êềểễếệ", U"iìỉĩíị",
    U"oòỏõóọ", U"ôồổỗốộ", U"ơờởỡớợ", U"uùủũúụ", U"ưừửữứự", U"yỳỷỹýỵ",
};
constexpr char32_t kPlainVowel[] = {U'a', U'a', U'a', U'e', U'e', U'i',
                                    U'o', U'o', U'o', U'u', U'u', U'y'};
// Vowels with a hat or a horn: ă â ê ô ơ ư.
constexpr bool kHasQuality[] = {false, true, true, false, true, false,
                                false, true, true, false, true, false};

// Lowercase vowels live below U+1F00; one lookup byte per code point says
// which vowel (1-based, 0 = not a vowel) and which tone.
constexpr char32_t kTableSize = 0x1F00;

struct VowelTable {
    std::array<unsigned char, kTableSize> vowel{};  // vowel index + 1
    std::array<unsigned char, kTableSize> tone{};
    VowelTable() {
        for (int v = 0; v < 12; ++v)
            for (int t = 0; t < 6; ++t) {
                char32_t cp = kVowelRows[v][t];
                vowel[cp] = static_cast<unsigned char>(v + 1);
                tone[cp] = static_cast<unsigned char>(t);
            }
    }
};

const VowelTable& vowels() {
    static const VowelTable table;
    return table;
}

// Vowel index of a lowercase code point, or -1.
int vowel_index(char32_t cp) {
    if (cp >= kTableSize) return -1;
    return vowels().vowel[cp] - 1;
}

int tone_index(char32_t cp) {
    return cp < kTableSize ? vowels().tone[cp] : 0;
}

char32_t with_tone(int vowel, int tone) {
    return kVowelRows[vowel][tone];
}

bool is_consonant(char32_t c) {
    switch (c) {
        case U'b':
        case U'c':
        case U'd':
        case U'đ':
        case U'g':
        case U'h':
        case U'k':
        case U'l':
        case U'm':
        case U'n':
        case U'p':
        case U'q':
        case U'r':
        case U's':
        case U't':
        case U'v':
        case U'x':
            return true;
        default:
            return false;
    }
}

// Length of the onset of `w` (tones already removed).
std::size_t onset_length(std::u32string_view w) {
    auto starts = [&](std::u32string_view p) { return w.substr(0, p.size()) == p; };
    auto vowel_at = [&](std::size_t i) { return i < w.size() && vowel_index(w[i]) >= 0; };
    // "gi" and "qu" are onsets when a vowel follows (già, giữa, quý, quốc);
    // in "gì", "gìn" the i is the vowel.
    if (starts(U"gi") && vowel_at(2)) return 2;
    if (starts(U"qu") && vowel_at(2)) return 2;
    for (std::u32string_view p : {U"ngh", U"ng", U"nh", U"ch", U"tr", U"th", U"ph", U"kh", U"gh"})
        if (starts(p)) return p.size();
    if (!w.empty() && is_consonant(w[0])) return 1;
    return 0;
}

bool is_coda(std::u32string_view c) {
    for (std::u32string_view k : {U"", U"c", U"ch", U"m", U"n", U"ng", U"nh", U"p", U"t"})
        if (c == k) return true;
    return false;
}

// Position in `w` (tone removed) where the tone mark belongs, or npos when `w`
// is not a Vietnamese syllable.
std::size_t tone_position(std::u32string_view w) {
    const std::size_t start = onset_length(w);
    std::size_t end = start;
    while (end < w.size() && vowel_index(w[end]) >= 0) ++end;
    const std::size_t n = end - start;
    if (n == 0 || n > 3 || !is_coda(w.substr(end))) return std::u32string_view::npos;
    for (std::size_t i = end; i < w.size(); ++i)
        if (!is_consonant(w[i])) return std::u32string_view::npos;

    // A vowel with a hat or horn takes the mark; in ươ that is the ơ, which the
    // "last such vowel" rule picks.
    for (std::size_t i = end; i-- > start;)
        if (kHasQuality[vowel_index(w[i])]) return i;
    if (n == 1) return start;
    if (end < w.size()) return end - 1;  // closed syllable: hoàn, toán, huỳnh
    if (n == 2) return start;            // open: hòa, thủy, khỏe, mía, tài (classic)
    return start + 1;                    // three plain vowels: ngoài, xoáy, khuỷu
}

const icu::Normalizer2& nfc_normalizer() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status) || n == nullptr) throw Error("ICU: NFC normalizer unavailable");
    return *n;
}

const icu::Normalizer2& nfd_normalizer() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status) || n == nullptr) throw Error("ICU: NFD normalizer unavailable");
    return *n;
}

bool is_word_char(char32_t c) {
    if (c < 0x80) return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
    if (u_isalpha(static_cast<UChar32>(c))) return true;
    auto type = u_charType(static_cast<UChar32>(c));
    return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK ||
           type == U_ENCLOSING_MARK;
}

}  // namespace

namespace {

bool is_quality_mark(UChar32 c) {
    return c == 0x0302 || c == 0x0306 || c == 0x031B;
}  // hat, breve, horn
bool is_tone_mark(UChar32 c) {
    return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309 || c == 0x0323;
}

// Combining marks (U+0300-U+036F) are encoded as CC 80 - CD AF in UTF-8.
bool has_combining_marks(std::string_view s) {
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c == 0xCC || (c == 0xCD && static_cast<unsigned char>(s[i + 1]) <= 0xAF)) return true;
    }
    return false;
}

// The hat/breve/horn and the tone mark share a combining class, so Unicode
// keeps them in the order typed and "o + grave + hat" never composes to "ồ".
// Putting the quality mark first (the order every keyboard produces) makes any
// order compose.
icu::UnicodeString order_vietnamese_marks(const icu::UnicodeString& nfd) {
    icu::UnicodeString out;
    std::vector<UChar32> run;
    auto flush = [&] {
        std::stable_partition(run.begin(), run.end(), [](UChar32 c) { return is_quality_mark(c); });
        for (UChar32 c : run) out.append(c);
        run.clear();
    };
    for (int32_t i = 0; i < nfd.length();) {
        UChar32 c = nfd.char32At(i);
        i += U16_LENGTH(c);
        if (is_quality_mark(c) || is_tone_mark(c)) {
            run.push_back(c);
        } else {
            flush();
            out.append(c);
        }
    }
    flush();
    return out;
}

}  // namespace

std::string to_nfc(std::string_view s) {
    utf8::require_valid(s);
    if (utf8::is_ascii(s)) return std::string(s);
    const auto& nfc = nfc_normalizer();
    auto u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
    UErrorCode status = U_ZERO_ERROR;
    bool marks = has_combining_marks(s);
    if (!marks && nfc.isNormalized(u, status) && U_SUCCESS(status)) return std::string(s);
    status = U_ZERO_ERROR;
    if (marks) {
        icu::UnicodeString nfd = nfd_normalizer().normalize(u, status);
        if (U_FAILURE(status)) throw Error("ICU: NFD normalization failed");
        u = order_vietnamese_marks(nfd);
    }
    icu::UnicodeString out = nfc.normalize(u, status);
    if (U_FAILURE(status)) throw Error("ICU: NFC normalization failed");
    std::string bytes;
    out.toUTF8String(bytes);
    return bytes;
}

Tone tone_of(std::u32string_view word) {
    for (char32_t c : word)
        if (int t = tone_index(c); t != 0) return static_cast<Tone>(t);
    return Tone::none;
}

char32_t strip_tone(char32_t cp) {
    int v = vowel_index(cp);
    return v < 0 ? cp : kVowelRows[v][0];
}

char32_t strip_diacritics(char32_t cp) {
    int v = vowel_index(cp);
    if (v >= 0) return kPlainVowel[v];
    if (cp == U'đ') return U'd';
    if (cp == U'Đ') return U'D';
    return cp;
}

std::u32string place_tone(std::u32string_view word) {
    std::u32string out(word);
    std::size_t marked = std::u32string::npos;
    int tone = 0;
    for (std::size_t i = 0; i < out.size(); ++i) {
        int t = tone_index(out[i]);
        if (t == 0) continue;
        if (tone != 0) return out;  // two tone marks: not a syllable, leave it
        tone = t;
        marked = i;
    }
    if (tone == 0) return out;
    std::u32string bare(out);
    bare[marked] = strip_tone(bare[marked]);
    std::size_t target = tone_position(bare);
    if (target == std::u32string::npos || target == marked) return out;
    bare[target] = with_tone(vowel_index(bare[target]), tone);
    return bare;
}

std::string normalize(std::string_view s) {
    std::u32string text = utf8::decode(to_nfc(s));
    bool lowered = false;
    for (char32_t& c : text) {
        auto lower = static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
        lowered = lowered || lower != c;
        c = lower;
    }
    // A lowercase letter can compose with a mark its capital could not
    // (İ + ◌̉ → i + ◌̉ → ỉ, J + ◌̌ → ǰ): compose before placing the tone, or a
    // second normalize() would move it.
    if (lowered && !utf8::is_ascii(s)) text = utf8::decode(to_nfc(utf8::encode(text)));
    std::u32string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (!is_word_char(text[i])) {
            out.push_back(text[i++]);
            continue;
        }
        std::size_t j = i;
        while (j < text.size() && is_word_char(text[j])) ++j;
        out += place_tone(std::u32string_view(text).substr(i, j - i));
        i = j;
    }
    // Lowercasing can, in rare scripts, leave a sequence that composes further.
    return to_nfc(utf8::encode(out));
}

std::string fold(std::string_view s) {
    std::string canonical = normalize(s);
    if (utf8::is_ascii(canonical)) return canonical;
    std::string out;
    out.reserve(canonical.size());
    std::size_t pos = 0;
    while (pos < canonical.size()) {
        char32_t c = utf8::next(canonical, pos);
        char32_t plain = strip_diacritics(c);
        if (plain != c || c < 0x80) {
            utf8::append(out, plain);
            continue;
        }
        // Other scripts' accented letters (é in "café", ñ): decompose, drop marks.
        icu::UnicodeString decomposition;
        if (!nfd_normalizer().getDecomposition(static_cast<UChar32>(c), decomposition)) {
            if (u_charType(static_cast<UChar32>(c)) != U_NON_SPACING_MARK) utf8::append(out, c);
            continue;
        }
        for (int32_t k = 0; k < decomposition.length();) {
            UChar32 d = decomposition.char32At(k);
            k += U16_LENGTH(d);
            if (u_charType(d) != U_NON_SPACING_MARK) utf8::append(out, static_cast<char32_t>(d));
        }
    }
    return out;
}

char32_t add_tone(char32_t vowel, Tone tone) {
    int v = vowel_index(vowel);
    return v < 0 ? vowel : with_tone(v, static_cast<int>(tone));
}

std::string transfer_accents(std::string_view accented, std::string_view plain) {
    std::u32string from = utf8::decode(normalize(accented));
    std::u32string to = utf8::decode(plain);
    std::u32string bare(from.size(), 0);
    for (std::size_t i = 0; i < from.size(); ++i) bare[i] = strip_diacritics(from[i]);
    // Levenshtein alignment of the folded letters, then walk it back.
    const std::size_t n = bare.size(), m = to.size();
    std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
    for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= n; ++i)
        for (std::size_t j = 1; j <= m; ++j)
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                                d[i - 1][j - 1] + (bare[i - 1] == to[j - 1] ? 0 : 1)});
    std::u32string out(to);
    for (std::size_t i = n, j = m; i > 0 && j > 0;) {
        if (bare[i - 1] == to[j - 1] && d[i][j] == d[i - 1][j - 1]) {
            out[j - 1] = strip_tone(from[i - 1]);  // keeps â, ê, ô, ơ, ư, ă, đ
            --i, --j;
        } else if (d[i][j] == d[i - 1][j - 1] + 1) {
            --i, --j;
        } else if (d[i][j] == d[i - 1][j] + 1) {
            --i;
        } else {
            --j;
        }
    }
    Tone tone = tone_of(from);
    if (tone != Tone::none) {
        for (char32_t& c : out) {
            if (vowel_index(c) >= 0) {
                c = add_tone(c, tone);
                break;
            }
        }
        out = place_tone(out);
    }
    return utf8::encode(out);
}

bool has_diacritics(std::string_view canonical) {
    if (utf8::is_ascii(canonical)) return false;
    std::size_t pos = 0;
    while (pos < canonical.size()) {
        char32_t c = utf8::next(canonical, pos);
        if (c >= 0x80 && strip_diacritics(c) != c) return true;
    }
    return false;
}

bool is_word_character(char32_t c) {
    return is_word_char(c);
}

}  // namespace lc::text
