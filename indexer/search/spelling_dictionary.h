// The index's spelling data (folded words with their frequencies, fed to
// Xapian's spelling table at index time) held in memory for candidate lookup.
// Xapian's own get_spelling_suggestion returns one best word; a query needs
// several, so that the one that fits the other words can win ("thag" is one
// edit from both "than" and "thang"; after "ruong bac" only "thang" finds
// terraces). Built once per index revision, when a correction is first needed.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

namespace lc {

class SpellingDictionary {
  public:
    static std::shared_ptr<const SpellingDictionary> build(const Xapian::Database& db);

    struct Candidate {
        std::string word;
        unsigned distance = 0;
        Xapian::termcount frequency = 0;
    };

    // Words within `max_edits` (insertions, deletions, substitutions and
    // swaps of neighbours) of `word`, nearest then most frequent first.
    std::vector<Candidate> candidates(const std::string& word, unsigned max_edits,
                                      std::size_t limit) const;

    bool contains(const std::string& word) const;
    // How often the word occurs in the catalog; 0 for a word it does not have.
    Xapian::termcount frequency(const std::string& word) const;
    std::size_t size() const { return words_.size(); }

    // A run-together word read as words of the catalog ("tanuyen" → tan,
    // uyen; "oquyho" → o, quy, ho): the split whose words are likeliest
    // together (the least total -log of each word's share of all
    // occurrences, so fewer and more frequent words win). Empty when the
    // word is short, is itself a word of the catalog, or has no split into
    // at least two of them.
    std::vector<std::string> split(const std::string& word) const;

  private:
    struct Word {
        std::u32string text;
        std::string utf8;
        Xapian::termcount frequency;
    };
    const Word* find(const std::u32string& word) const;
    std::vector<Word> words_;  // sorted by length, then text
    double total_frequency_ = 0;
};

// Optimal string alignment distance, giving up above `limit`.
unsigned edit_distance(std::u32string_view a, std::u32string_view b, unsigned limit);

}  // namespace lc
