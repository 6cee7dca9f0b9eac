#include "catalog/entry.h"

namespace lc {

std::string_view to_string(Kind k) {
    return kKindNames[static_cast<std::size_t>(k)];
}

std::string_view to_string(Status s) {
    return s == Status::draft ? "draft" : "published";
}

std::optional<Kind> parse_kind(std::string_view s) {
    for (std::size_t i = 0; i < kKindNames.size(); ++i)
        if (kKindNames[i] == s) return static_cast<Kind>(i);
    return std::nullopt;
}

std::optional<Status> parse_status(std::string_view s) {
    if (s == "published") return Status::published;
    if (s == "draft") return Status::draft;
    return std::nullopt;
}

std::string_view to_string(Precision p) {
    return kPrecisionNames[static_cast<std::size_t>(p)];
}

std::optional<Precision> parse_precision(std::string_view s) {
    for (std::size_t i = 0; i < kPrecisionNames.size(); ++i)
        if (kPrecisionNames[i] == s) return static_cast<Precision>(i);
    return std::nullopt;
}

}  // namespace lc
