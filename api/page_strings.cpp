#include "api/page_strings.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace lc::api {

namespace {

template <typename Table>
void read_table(const nlohmann::json& from, Table& into) {
    for (const auto& [key, value] : from.items())
        into.emplace(key, value.template get<std::string>());
}

}  // namespace

PageStrings PageStrings::load(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read the page's words: " + file.string());
    PageStrings s;
    try {
        const nlohmann::json words = nlohmann::json::parse(in);
        read_table(words.at("ui").at("vi"), s.ui_vi_);
        read_table(words.at("ui").at("en"), s.ui_en_);
        for (const auto* group : {"kinds", "themes"}) {
            auto& into = std::string_view(group) == "kinds" ? s.kinds_ : s.themes_;
            for (const auto& [key, value] : words.at(group).items())
                into.emplace(key, std::pair{value.at("vi").get<std::string>(),
                                            value.at("en").get<std::string>()});
        }
        s.months_vi_ = words.at("months").at("vi").get<std::vector<std::string>>();
        s.months_en_ = words.at("months").at("en").get<std::vector<std::string>>();
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(file.string() + ": " + e.what());
    }
    if (s.months_vi_.size() != 12 || s.months_en_.size() != 12)
        throw std::runtime_error(file.string() + ": months must list 12 names per language");
    return s;
}

std::string PageStrings::t(std::string_view lang, const std::string& key,
                           const Params& params) const {
    const Table& table = ui(lang);
    auto found = table.end();
    for (const auto& [name, value] : params)
        if (name == "n" && value == "1") found = table.find(key + "1");
    if (found == table.end()) found = table.find(key);
    if (found == table.end() && &table != &ui_vi_) {
        found = ui_vi_.find(key);
        if (found == ui_vi_.end()) return key;
    } else if (found == table.end()) {
        return key;
    }
    std::string text = found->second;
    for (const auto& [name, value] : params) {
        const std::string mark = "{" + name + "}";
        for (std::size_t at = text.find(mark); at != std::string::npos;
             at = text.find(mark, at + value.size()))
            text.replace(at, mark.size(), value);
    }
    return text;
}

std::string PageStrings::kind(std::string_view lang, Kind kind) const {
    auto it = kinds_.find(to_string(kind));
    if (it == kinds_.end()) return std::string(to_string(kind));
    return lang == "en" ? it->second.second : it->second.first;
}

std::string PageStrings::theme(std::string_view lang, const std::string& theme) const {
    auto it = themes_.find(theme);
    if (it == themes_.end()) return theme;
    return lang == "en" ? it->second.second : it->second.first;
}

std::string PageStrings::month(std::string_view lang, int month) const {
    if (month < 1 || month > 12) return std::to_string(month);
    return (lang == "en" ? months_en_ : months_vi_)[static_cast<std::size_t>(month - 1)];
}

std::string PageStrings::area(std::string_view lang, const std::string& area) const {
    const Table& table = ui(lang);
    auto it = table.find("area." + area);
    return it == table.end() ? area : it->second;
}

std::string PageStrings::number(std::string_view lang, std::size_t n) {
    std::string digits = std::to_string(n);
    const char separator = lang == "en" ? ',' : '.';
    for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3)
        digits.insert(static_cast<std::size_t>(at), 1, separator);
    return digits;
}

}  // namespace lc::api
