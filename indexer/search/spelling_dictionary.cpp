#include "search/spelling_dictionary.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "text/utf8.h"

namespace lc {

unsigned edit_distance(std::u32string_view a, std::u32string_view b, unsigned limit) {
    const std::size_t n = a.size(), m = b.size();
    if ((n > m ? n - m : m - n) > limit) return limit + 1;
    std::vector<unsigned> prev2(m + 1), prev(m + 1), cur(m + 1);
    for (std::size_t j = 0; j <= m; ++j) prev[j] = static_cast<unsigned>(j);
    for (std::size_t i = 1; i <= n; ++i) {
        cur[0] = static_cast<unsigned>(i);
        unsigned row_min = cur[0];
        for (std::size_t j = 1; j <= m; ++j) {
            unsigned cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                cur[j] = std::min(cur[j], prev2[j - 2] + 1);  // swapped neighbours
            row_min = std::min(row_min, cur[j]);
        }
        if (row_min > limit) return limit + 1;
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[m];
}

std::shared_ptr<const SpellingDictionary> SpellingDictionary::build(const Xapian::Database& db) {
    auto dict = std::make_shared<SpellingDictionary>();
    for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
        std::string word = *it;
        if (utf8::find_invalid(word)) continue;
        dict->words_.push_back({utf8::decode(word), word, it.get_termfreq()});
    }
    std::sort(dict->words_.begin(), dict->words_.end(), [](const Word& a, const Word& b) {
        return a.text.size() != b.text.size() ? a.text.size() < b.text.size() : a.text < b.text;
    });
    for (const auto& w : dict->words_) dict->total_frequency_ += w.frequency;
    return dict;
}

const SpellingDictionary::Word* SpellingDictionary::find(const std::u32string& w) const {
    auto it = std::lower_bound(
        words_.begin(), words_.end(), w, [](const Word& a, const std::u32string& b) {
            return a.text.size() != b.size() ? a.text.size() < b.size() : a.text < b;
        });
    return it != words_.end() && it->text == w ? &*it : nullptr;
}

bool SpellingDictionary::contains(const std::string& word) const {
    return find(utf8::decode(word)) != nullptr;
}

Xapian::termcount SpellingDictionary::frequency(const std::string& word) const {
    const Word* found = find(utf8::decode(word));
    return found ? found->frequency : 0;
}

std::vector<std::string> SpellingDictionary::split(const std::string& word) const {
    // A Vietnamese syllable has at most seven letters (nghiêng); the words
    // people run together are syllables.
    constexpr std::size_t kLongestPiece = 7;
    const std::u32string w = utf8::decode(word);
    if (w.size() < 4 || total_frequency_ <= 0 || find(w)) return {};
    constexpr double kNone = std::numeric_limits<double>::infinity();
    std::vector<double> cost(w.size() + 1, kNone);
    std::vector<std::size_t> from(w.size() + 1, 0);
    cost[0] = 0;
    for (std::size_t end = 1; end <= w.size(); ++end)
        for (std::size_t start = end > kLongestPiece ? end - kLongestPiece : 0; start < end;
             ++start) {
            if (cost[start] == kNone) continue;
            const Word* piece = find(w.substr(start, end - start));
            // One vowel is a syllable too (ô, ý), though the dictionary keeps
            // no one-letter words: it costs as much as the rarest word, so it
            // is used only where nothing longer fits.
            const bool vowel = end - start == 1 && std::u32string_view(U"aeiouy").find(w[start]) !=
                                                       std::u32string_view::npos;
            if ((!piece || piece->frequency == 0) && !vowel) continue;
            const double share = piece && piece->frequency > 0 ? piece->frequency : 1.0;
            const double c = cost[start] - std::log(share / total_frequency_);
            if (c < cost[end]) {
                cost[end] = c;
                from[end] = start;
            }
        }
    if (cost[w.size()] == kNone) return {};
    std::vector<std::string> pieces;
    for (std::size_t end = w.size(); end > 0; end = from[end])
        pieces.push_back(utf8::encode(w.substr(from[end], end - from[end])));
    std::reverse(pieces.begin(), pieces.end());
    if (pieces.size() < 2) return {};
    return pieces;
}

std::vector<SpellingDictionary::Candidate> SpellingDictionary::candidates(const std::string& word,
                                                                          unsigned max_edits,
                                                                          std::size_t limit) const {
    std::u32string w = utf8::decode(word);
    // Only words whose length is within max_edits can be close enough.
    std::size_t shortest = w.size() > max_edits ? w.size() - max_edits : 0;
    auto first =
        std::lower_bound(words_.begin(), words_.end(), shortest,
                         [](const Word& a, std::size_t len) { return a.text.size() < len; });
    std::vector<Candidate> out;
    for (auto it = first; it != words_.end() && it->text.size() <= w.size() + max_edits; ++it) {
        if (it->text == w) continue;
        unsigned d = edit_distance(w, it->text, max_edits);
        if (d <= max_edits) out.push_back({it->utf8, d, it->frequency});
    }
    std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
        return a.distance != b.distance ? a.distance < b.distance : a.frequency > b.frequency;
    });
    if (out.size() > limit) out.resize(limit);
    return out;
}

}  // namespace lc
