// Reads what a person typed into words, phrases and exclusions. The syntax is
// small on purpose and never fails: "quoted words" are a phrase, a leading
// minus excludes (-word), and anything odd — an unclosed quote, stray
// punctuation — is read as plain words.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lc {

struct QueryWord {
    std::string canonical;  // text::normalize form
    std::string folded;     // text::fold form
    bool accented = false;  // typed with diacritics
    bool prefix = false;    // the last word while typing: match words starting with it
};

struct QueryPart {
    std::vector<QueryWord> words;
    bool phrase = false;    // the words must stand together, in order
    bool excluded = false;  // entries matching this part are left out
};

struct ParsedQuery {
    std::vector<QueryPart> parts;
    bool accented = false;  // any word typed with diacritics: prefer exact accents everywhere

    bool empty() const;
    // Every word of the included parts, in order.
    std::vector<QueryWord> included_words() const;
};

// `last_word_is_prefix`: the final word (if it is a plain word) is a prefix.
ParsedQuery parse_query(std::string_view text, bool last_word_is_prefix = false);

// The query written back as text (canonical words, phrases in quotes), for
// showing a corrected query.
std::string to_text(const ParsedQuery& query);

}  // namespace lc
