#include "search/spelling_dictionary.h"

#include <algorithm>

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
    return dict;
}

bool SpellingDictionary::contains(const std::string& word) const {
    std::u32string w = utf8::decode(word);
    auto it = std::lower_bound(
        words_.begin(), words_.end(), w, [](const Word& a, const std::u32string& b) {
            return a.text.size() != b.size() ? a.text.size() < b.size() : a.text < b;
        });
    return it != words_.end() && it->text == w;
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
