#pragma once
// Escaping user text for each place it goes (SPEC §7): one function per context.

#include <string>
#include <string_view>

namespace stakemap::render {

/// A DOT quoted string, e.g. for ids and plain attributes: quotes and backslashes escaped.
std::string dot_quoted(std::string_view text);

/// A DOT label in double quotes that shows `text` literally: backslashes doubled so that Graphviz's
/// escapes (\N, \G, \l, \n…) stay text, quotes escaped, & written as &amp; (Graphviz decodes
/// entities in labels); line breaks become centred line breaks.
std::string dot_label(std::string_view text);

/// Text inside a Graphviz HTML-like label (&, <, >, " escaped).
std::string html_text(std::string_view text);

/// Breaks text into lines of about `width` characters at spaces (words are never cut).
std::string wrap(std::string_view text, std::size_t width);

} // namespace stakemap::render
