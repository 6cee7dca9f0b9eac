#include "api/export_csv.h"

#include <charconv>

namespace lc::api {

namespace {

std::string number(double value) {
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return ec == std::errc() ? std::string(buffer, end) : std::string();
}

template <typename List, typename Text>
std::string joined(const List& items, Text text) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += ';';
        out += text(item);
    }
    return out;
}

}  // namespace

std::string csv_field(std::string_view text) {
    std::string value;
    if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos)
        value = "'";
    value += text;
    if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
    std::string quoted = "\"";
    for (char c : value) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + '"';
}

namespace {

std::string row_of(const Entry& e, const std::string& page_url) {
    const std::string cells[] = {
        csv_field(e.slug),
        std::string(to_string(e.kind)),
        csv_field(e.name.vi),
        csv_field(e.name.en),
        csv_field(e.area),
        csv_field(joined(e.themes, [](const std::string& t) { return t; })),
        e.location ? number(e.location->lat) : "",
        e.location ? number(e.location->lon) : "",
        e.location ? std::string(to_string(e.location->precision)) : "",
        joined(e.season, [](int m) { return std::to_string(m); }),
        csv_field(page_url),
    };
    std::string row;
    for (std::size_t i = 0; i < std::size(cells); ++i) row.append(i ? "," : "").append(cells[i]);
    return row + "\r\n";
}

}  // namespace

std::string csv_of(const std::vector<Entry>& entries, const std::string& page_url_prefix) {
    std::string out = "\xEF\xBB\xBF";  // the byte-order mark
    for (std::size_t i = 0; i < kExportCsvColumns.size(); ++i)
        out.append(i ? "," : "").append(kExportCsvColumns[i]);
    out += "\r\n";
    for (const auto& e : entries) out += row_of(e, page_url_prefix + e.slug);
    return out;
}

}  // namespace lc::api
