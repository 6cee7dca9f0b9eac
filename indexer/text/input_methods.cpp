#include "text/input_methods.h"

#include <algorithm>
#include <array>

#include "text/utf8.h"
#include "text/vietnamese.h"

namespace lc::text {

namespace {

constexpr std::u32string_view kVowels = U"aăâeêioôơuưy";

bool is_vowel(char32_t c) {
    return kVowels.find(c) != std::u32string_view::npos;
}

// Onsets, longest first so that the longest one that fits is taken.
constexpr std::array<std::u32string_view, 27> kOnsets = {
    U"ngh", U"ch", U"gh", U"gi", U"kh", U"ng", U"nh", U"ph", U"qu", U"th", U"tr", U"b", U"c", U"d",
    U"đ",   U"g",  U"h",  U"k",  U"l",  U"m",  U"n",  U"p",  U"r",  U"s",  U"t",  U"v", U"x"};
constexpr std::array<std::u32string_view, 8> kCodas = {U"ch", U"ng", U"nh", U"c",
                                                       U"m",  U"n",  U"p",  U"t"};

// Whether the toneless word is one syllable, and whether its final consonant
// is a stop (c, ch, p, t), which only sắc and nặng may carry.
struct Shape {
    bool syllable = false;
    bool stop_final = false;
};

Shape shape_of(std::u32string_view w) {
    std::size_t at = 0;
    for (auto onset : kOnsets)
        if (w.substr(0, onset.size()) == onset) {
            at = onset.size();
            break;
        }
    // "gi" and "qu" are onsets only before another vowel ("gì" is g + i).
    if (at == 2 && (w.substr(0, 2) == U"gi" || w.substr(0, 2) == U"qu") &&
        (w.size() == 2 || !is_vowel(w[2])))
        at = 1;
    std::size_t vowels = 0;
    while (at + vowels < w.size() && is_vowel(w[at + vowels])) ++vowels;
    if (vowels == 0 || vowels > 3) return {};
    const std::u32string_view coda = w.substr(at + vowels);
    if (coda.empty()) return {true, false};
    for (auto allowed : kCodas)
        if (coda == allowed)
            return {true, coda == U"c" || coda == U"ch" || coda == U"p" || coda == U"t"};
    return {};
}

// The syllable with its tone on its first vowel, then placed by the shared rules.
std::optional<std::string> finish(std::u32string bare, Tone tone) {
    const Shape shape = shape_of(bare);
    if (!shape.syllable) return std::nullopt;
    if (shape.stop_final && tone != Tone::acute && tone != Tone::dot) return std::nullopt;
    if (tone != Tone::none) {
        auto first = std::find_if(bare.begin(), bare.end(), is_vowel);
        *first = add_tone(*first, tone);
    }
    return normalize(utf8::encode(place_tone(bare)));
}

bool all_of(std::string_view word, bool (*allowed)(char)) {
    return !word.empty() && std::all_of(word.begin(), word.end(), allowed);
}

bool lower_letter(char c) {
    return c >= 'a' && c <= 'z';
}
bool letter_or_digit(char c) {
    return lower_letter(c) || (c >= '0' && c <= '9');
}

Tone telex_tone(char c) {
    switch (c) {
        case 's':
            return Tone::acute;
        case 'f':
            return Tone::grave;
        case 'r':
            return Tone::hook;
        case 'x':
            return Tone::tilde;
        case 'j':
            return Tone::dot;
        default:
            return Tone::none;
    }
}

Tone vni_tone(char c) {
    switch (c) {
        case '1':
            return Tone::acute;
        case '2':
            return Tone::grave;
        case '3':
            return Tone::hook;
        case '4':
            return Tone::tilde;
        case '5':
            return Tone::dot;
        default:
            return Tone::none;
    }
}

}  // namespace

std::optional<std::string> decode_telex(std::string_view word) {
    if (!all_of(word, lower_letter) || word.size() < 2) return std::nullopt;
    Tone tone = telex_tone(word.back());
    if (tone != Tone::none) word.remove_suffix(1);
    bool marked = tone != Tone::none;
    std::u32string out;
    for (std::size_t i = 0; i < word.size(); ++i) {
        const char c = word[i];
        const char next = i + 1 < word.size() ? word[i + 1] : '\0';
        const char after = i + 2 < word.size() ? word[i + 2] : '\0';
        char32_t made = 0;
        std::size_t used = 1;
        if (c == 'd' && next == 'd')
            made = U'đ', used = 2;
        else if (c == 'a' && next == 'a')
            made = U'â', used = 2;
        else if (c == 'e' && next == 'e')
            made = U'ê', used = 2;
        else if (c == 'o' && next == 'o')
            made = U'ô', used = 2;
        else if (c == 'a' && next == 'w')
            made = U'ă', used = 2;
        else if (c == 'o' && next == 'w')
            made = U'ơ', used = 2;
        else if (c == 'u' && next == 'w')
            made = U'ư', used = 2;
        else if (c == 'u' && next == 'o' && after == 'w') {
            out += U"ươ";
            i += 2;
            marked = true;
            continue;
        } else if (c == 'w')
            made = U'ư';
        if (made == 0) {
            out += static_cast<char32_t>(c);
            continue;
        }
        out += made;
        i += used - 1;
        marked = true;
    }
    if (!marked) return std::nullopt;
    return finish(std::move(out), tone);
}

std::optional<std::string> decode_vni(std::string_view word) {
    if (!all_of(word, letter_or_digit)) return std::nullopt;
    std::u32string out;
    std::vector<std::pair<char, std::size_t>> marks;  // digit, letters before it
    for (char c : word) {
        if (lower_letter(c))
            out += static_cast<char32_t>(c);
        else
            marks.emplace_back(c, out.size());
    }
    if (marks.empty() || out.empty()) return std::nullopt;
    // The letter a mark belongs to: the nearest fitting one before it, else any.
    auto letter_for = [&out](std::size_t before, std::u32string_view fits) -> std::size_t {
        for (std::size_t i = before; i-- > 0;)
            if (fits.find(out[i]) != std::u32string_view::npos) return i;
        for (std::size_t i = out.size(); i-- > 0;)
            if (fits.find(out[i]) != std::u32string_view::npos) return i;
        return std::u32string::npos;
    };
    Tone tone = Tone::none;
    for (auto [digit, before] : marks) {
        if (Tone t = vni_tone(digit); t != Tone::none) {
            if (tone != Tone::none) return std::nullopt;  // two tones
            tone = t;
            continue;
        }
        std::size_t at = std::u32string::npos;
        switch (digit) {
            case '6':
                at = letter_for(before, U"aeo");
                if (at != std::u32string::npos)
                    out[at] = out[at] == U'a' ? U'â' : out[at] == U'e' ? U'ê' : U'ô';
                break;
            case '7': {
                // uo takes the horn on both (ươ).
                const std::size_t uo = out.find(U"uo");
                if (uo != std::u32string::npos) {
                    out.replace(uo, 2, U"ươ");
                    at = uo;
                    break;
                }
                at = letter_for(before, U"ou");
                if (at != std::u32string::npos) out[at] = out[at] == U'o' ? U'ơ' : U'ư';
                break;
            }
            case '8':
                at = letter_for(before, U"a");
                if (at != std::u32string::npos) out[at] = U'ă';
                break;
            case '9':
                at = letter_for(before, U"d");
                if (at != std::u32string::npos) out[at] = U'đ';
                break;
            default:
                break;
        }
        if (at == std::u32string::npos) return std::nullopt;  // a mark with nothing to mark
    }
    return finish(std::move(out), tone);
}

std::vector<std::string> decode_input_methods(std::string_view word) {
    std::vector<std::string> out;
    for (auto decoded : {decode_telex(word), decode_vni(word)})
        if (decoded && std::find(out.begin(), out.end(), *decoded) == out.end())
            out.push_back(*decoded);
    return out;
}

}  // namespace lc::text
