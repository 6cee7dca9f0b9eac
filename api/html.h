// Text placed into the HTML the server renders (page_*.cpp): everything from
// the catalog or the request goes through these, so none of it is ever read
// as markup.
#pragma once

#include <string>
#include <string_view>

#include "search/snippet.h"

namespace lc::api {

// For element text and double-quoted attribute values: the engine's escaping,
// the one its snippets use (& < > " ' escaped).
using lc::html_escape;

// JSON placed inside <script type="application/ld+json">: every "<" becomes
// \u003c, so no value can close the script element ("</script>") or open a
// comment; the JSON means the same.
std::string script_safe_json(std::string_view json);

}  // namespace lc::api
