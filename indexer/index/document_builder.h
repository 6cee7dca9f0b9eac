// Turns an entry into its Xapian document (terms, values, stored data) and
// counts the words it adds, for the spelling dictionary.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include <xapian.h>

#include "catalog/entry.h"
#include "index/schema.h"
#include "text/tokenizer.h"

namespace lc {

// Lets an unordered_map<std::string, ...> be searched with a string_view.
struct TransparentHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
        return std::hash<std::string_view>{}(s);
    }
};

// Not thread-safe: one per indexing thread (it owns a tokenizer, a stemmer and
// collators).
class DocumentBuilder {
  public:
    DocumentBuilder();
    ~DocumentBuilder();

    // `stored_json` is the entry's canonical JSON (kept as document data).
    Xapian::Document build(const Entry& entry, const std::string& stored_json);

    // Folded words seen so far with their counts, for add_spelling.
    using SpellingCounts =
        std::unordered_map<std::string, Xapian::termcount, TransparentHash, std::equal_to<>>;
    SpellingCounts& spelling_counts() { return spelling_; }

    // Collation key of `name` for sorting by name in `lang` ("vi" or "en").
    std::string sort_key(const std::string& name, std::string_view lang);

  private:
    struct Collators;
    // How one text field is indexed: its wdf per occurrence, whether it gets
    // English stems, and the field's own word terms (name, aliases) if any.
    struct FieldRule {
        Xapian::termcount wdf;
        bool stems;
        const schema::WordPrefixes* own_words;
    };
    Xapian::termpos index_text(Xapian::Document& doc, const std::string& text, Xapian::termpos pos,
                               const FieldRule& rule);

    void add_whole_name(Xapian::Document& doc, std::string_view prefix, const std::string& name);

    text::Tokenizer tokenizer_;
    Xapian::Stem english_{"english"};
    std::unique_ptr<Collators> collators_;
    SpellingCounts spelling_;
    std::string term_;      // reused buffer
    std::string previous_;  // the last word's folded form, for pairs
};

}  // namespace lc
