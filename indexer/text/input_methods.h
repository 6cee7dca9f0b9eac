// Vietnamese typed with the input method off: Telex (letters for the marks)
// and VNI (digits for the marks), read back into the syllable they spell.
//
//   Telex: aa â, aw ă, ee ê, oo ô, ow ơ, uw ư, uow ươ, w ư, dd đ; a final
//          s f r x j for sắc, huyền, hỏi, ngã, nặng ("ddaof" → đào).
//   VNI:   6 hat (â ê ô), 7 horn (ơ ư, ươ), 8 breve (ă), 9 đ; 1–5 for sắc,
//          huyền, hỏi, ngã, nặng; each after its letter or at the end
//          ("d9a2o", "viet65" → đào, việt).
//
// A word decodes only when it uses at least one of these and the result is
// a Vietnamese syllable (an onset, one to three vowels, a final consonant
// Vietnamese allows, and c/ch/p/t only under sắc or nặng); anything else —
// "tea", "text", "ca5t" — gives nothing. Callers decide when to try it: a
// word that exists as typed keeps its own meaning.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lc::text {

// The canonical (normalize) form of the syllable a lowercase ASCII word
// spells in Telex, if it spells one.
std::optional<std::string> decode_telex(std::string_view word);

// The same for VNI.
std::optional<std::string> decode_vni(std::string_view word);

// What the word may mean in either: Telex's reading first, no repeats.
std::vector<std::string> decode_input_methods(std::string_view word);

}  // namespace lc::text
