// Text placed into the HTML the server renders (page_*.cpp): everything from
// the catalog or the request goes through these, so none of it is ever read
// as markup.
#pragma once

#include <string>
#include <string_view>

namespace lc::api {

// For element text and double-quoted attribute values: & < > " ' escaped.
std::string html_escape(std::string_view text);

// JSON placed inside <script type="application/ld+json">: every "<" becomes
// \u003c, so no value can close the script element ("</script>") or open a
// comment; the JSON means the same.
std::string script_safe_json(std::string_view json);

}  // namespace lc::api
