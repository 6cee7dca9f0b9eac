// A catalog entry: a place, a product, an investment opportunity or an event.
// The same shape is read from content files, JSON Lines and the HTTP API.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lc {

enum class Kind { destination, product, opportunity, event };
enum class Status { published, draft };
// What a location's point stands for, finest first: the place itself, a
// populated-place record of that name, the centre of the (pre-2025) commune
// that contains the place, a town or district seat, or a rough estimate.
enum class Precision { site, village, commune_centre, town, approximate };

inline constexpr std::array<std::string_view, 4> kKindNames = {"destination", "product",
                                                               "opportunity", "event"};
inline constexpr std::array<std::string_view, 5> kPrecisionNames = {
    "site", "village", "commune-centre", "town", "approximate"};

std::string_view to_string(Kind k);
std::string_view to_string(Status s);
std::optional<Kind> parse_kind(std::string_view s);
std::optional<Status> parse_status(std::string_view s);
std::string_view to_string(Precision p);
std::optional<Precision> parse_precision(std::string_view s);

// Text in the two languages of the catalog; either may be empty.
struct LocalizedText {
    std::string vi;
    std::string en;
    // The text in `lang` ("vi" or "en"), falling back to Vietnamese.
    const std::string& in(std::string_view lang) const {
        return lang == "en" && !en.empty() ? en : vi;
    }
    bool operator==(const LocalizedText&) const = default;
};

// A point and how far to trust it: a summit and the centre of its commune
// can be kilometres apart, and the map and the entry page say which it is.
struct Location {
    double lat = 0;
    double lon = 0;
    Precision precision = Precision::approximate;
    std::string source;  // where the point comes from, with its licence where one applies
    bool operator==(const Location&) const = default;
};

// A photo of the entry, processed and stored by media/ (photo_store.h). Its
// files are named from `id`; the uploaded bytes themselves are never kept.
struct Photo {
    std::string id;      // 32 hex digits: the first half of the SHA-256 of the uploaded file
    LocalizedText alt;   // what the photo shows, in both languages
    std::string credit;  // who took it and under what licence
    int width = 0;       // of the largest stored size, after the EXIF orientation
    int height = 0;
    bool operator==(const Photo&) const = default;
};

struct Entry {
    std::string slug;
    Kind kind = Kind::destination;
    LocalizedText name;
    LocalizedText summary;
    LocalizedText body;
    std::vector<std::string> aliases;
    std::vector<std::string> themes;
    std::string area;             // a unit in force since 1 July 2025, or "Toàn tỉnh"
    std::string former_district;  // the pre-2025 district, as people still name places
    std::optional<Location> location;
    std::optional<int> ocop_stars;
    std::vector<std::string> certifications;
    std::vector<int> season;
    std::string source;
    Status status = Status::published;
    std::vector<Photo> photos;  // the first is the cover
    bool operator==(const Entry&) const = default;
};

// Limits the validator enforces (characters, except where it says bytes).
namespace limits {
inline constexpr std::size_t kSlugChars = 100;
inline constexpr std::size_t kNameChars = 200;
inline constexpr std::size_t kSummaryChars = 1000;
inline constexpr std::size_t kBodyBytes = 100 * 1024;
inline constexpr std::size_t kListItems = 20;
inline constexpr std::size_t kItemChars = 200;
inline constexpr std::size_t kThemeChars = 50;
inline constexpr std::size_t kAreaChars = 100;
inline constexpr std::size_t kSourceChars = 500;
inline constexpr std::size_t kPhotos = 20;
inline constexpr std::size_t kPhotoTextChars = 300;  // alt text and credit
inline constexpr std::size_t kPhotoFileChars = 300;  // a content file's photo path
}  // namespace limits

}  // namespace lc
