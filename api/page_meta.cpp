#include "api/page_meta.h"

#include "api/html.h"

namespace lc::api {

namespace {

std::string meta_tag(std::string_view attribute, std::string_view name, std::string_view content) {
    return "<meta " + std::string(attribute) + "=\"" + std::string(name) + "\" content=\"" +
           html_escape(content) + "\">\n";
}

std::string alternate(std::string_view hreflang, const std::string& url) {
    return "<link rel=\"alternate\" hreflang=\"" + std::string(hreflang) + "\" href=\"" +
           html_escape(url) + "\">\n";
}

nlohmann::ordered_json province() {
    return {{"@type", "AdministrativeArea"}, {"name", "Lai Châu"}};
}

nlohmann::ordered_json area_of(const Entry& e) {
    if (e.area.empty() || e.area == "Toàn tỉnh") return province();
    nlohmann::ordered_json area = {{"@type", "AdministrativeArea"}, {"name", e.area}};
    area["containedInPlace"] = province();
    return area;
}

nlohmann::ordered_json geo_of(const Location& l) {
    return {{"@type", "GeoCoordinates"}, {"latitude", l.lat}, {"longitude", l.lon}};
}

}  // namespace

std::string head_html(const PageMeta& m) {
    std::string html = "<link rel=\"canonical\" href=\"" + html_escape(m.canonical) + "\">\n";
    html +=
        alternate("vi", m.vi_url) + alternate("en", m.en_url) + alternate("x-default", m.vi_url);
    if (!m.index) html += meta_tag("name", "robots", "noindex, follow");
    html += meta_tag("property", "og:site_name", "Lai Châu Explorer");
    html += meta_tag("property", "og:type", "website");
    html += meta_tag("property", "og:title", m.title);
    html += meta_tag("property", "og:description", m.description);
    html += meta_tag("property", "og:url", m.canonical);
    html += meta_tag("property", "og:locale", m.lang == "en" ? "en_GB" : "vi_VN");
    html += meta_tag("property", "og:locale:alternate", m.lang == "en" ? "vi_VN" : "en_GB");
    if (!m.image.empty()) {
        html += meta_tag("property", "og:image", m.image);
        if (!m.image_alt.empty()) html += meta_tag("property", "og:image:alt", m.image_alt);
        html += meta_tag("name", "twitter:card", "summary_large_image");
    }
    if (m.json_ld)
        html += "<script type=\"application/ld+json\">" + script_safe_json(m.json_ld->dump()) +
                "</script>\n";
    return html;
}

nlohmann::ordered_json entry_json_ld(const Entry& e, std::string_view lang, const std::string& url,
                                     const std::string& image) {
    nlohmann::ordered_json ld = {{"@context", "https://schema.org"}};
    switch (e.kind) {
        case Kind::destination:
            ld["@type"] = "TouristAttraction";
            break;
        case Kind::product:
            ld["@type"] = "Product";
            break;
        case Kind::event:
            ld["@type"] = "Event";
            break;
        case Kind::opportunity:
            ld["@type"] = "Project";
            break;
    }
    ld["name"] = e.name.in(lang);
    ld["description"] = e.summary.in(lang);
    ld["url"] = url;
    if (!image.empty()) ld["image"] = image;
    if (!e.aliases.empty()) ld["alternateName"] = e.aliases;
    switch (e.kind) {
        case Kind::destination:
            ld["containedInPlace"] = area_of(e);
            if (e.location) ld["geo"] = geo_of(*e.location);
            break;
        case Kind::event: {
            nlohmann::ordered_json place = {{"@type", "Place"},
                                            {"name", e.area.empty() ? "Lai Châu" : e.area}};
            place["containedInPlace"] = area_of(e);
            if (e.location) place["geo"] = geo_of(*e.location);
            ld["location"] = place;
            if (!e.season.empty())
                ld["eventSchedule"] = {
                    {"@type", "Schedule"}, {"byMonth", e.season}, {"repeatFrequency", "P1Y"}};
            break;
        }
        case Kind::product:
            ld["countryOfOrigin"] = {{"@type", "Country"}, {"name", "Việt Nam"}};
            break;
        case Kind::opportunity:
            ld["areaServed"] = area_of(e);
            if (e.location) ld["location"] = {{"@type", "Place"}, {"geo", geo_of(*e.location)}};
            break;
    }
    return ld;
}

}  // namespace lc::api
