// The page's interface words (web/js/strings.json), read once at start: the
// same file web/js/i18n.js imports, so a page rendered here says what the
// page says when its scripts render it.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/entry.h"

namespace lc::api {

class PageStrings {
  public:
    // Throws std::runtime_error naming the file when it cannot be read or
    // lacks a table.
    static PageStrings load(const std::filesystem::path& file);

    using Params = std::vector<std::pair<std::string, std::string>>;
    // The words for `key` in `lang` ("vi" or "en"), Vietnamese when English
    // has none, the key itself when neither has; "{name}" filled from params.
    // As in i18n.js, English picks "<key>1" when the parameter n is "1".
    std::string t(std::string_view lang, const std::string& key, const Params& params = {}) const;
    std::string kind(std::string_view lang, Kind kind) const;
    std::string theme(std::string_view lang, const std::string& theme) const;  // the slug if none
    std::string month(std::string_view lang, int month) const;                 // 1..12
    std::string area(std::string_view lang,
                     const std::string& area) const;  // as written if no words

    // Whole numbers as the page writes them: "1.234" in Vietnamese, "1,234" in English.
    static std::string number(std::string_view lang, std::size_t n);

  private:
    using Table = std::map<std::string, std::string, std::less<>>;
    const Table& ui(std::string_view lang) const { return lang == "en" ? ui_en_ : ui_vi_; }
    Table ui_vi_, ui_en_;
    std::map<std::string, std::pair<std::string, std::string>, std::less<>> kinds_, themes_;
    std::vector<std::string> months_vi_, months_en_;
};

}  // namespace lc::api
