// Highlighted excerpts for search results.
#pragma once

#include <string>
#include <string_view>

#include "search/query_builder.h"

namespace lc {

// Text made safe to put inside HTML: & < > " ' escaped.
std::string html_escape(std::string_view text);

// An HTML-escaped excerpt of `text` (about `max_chars` characters) around the
// densest group of matched words, each wrapped in <mark>…</mark>; "…" marks
// cut ends. Without matches, the start of the text.
std::string make_snippet(std::string_view text, const HighlightTerms& terms,
                         std::size_t max_chars = 220);

}  // namespace lc
