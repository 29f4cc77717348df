#pragma once
// Escaping user text for each place it goes (SPEC §7): one function per context.

#include "stakemap/io/export.hpp"

#include <string>
#include <string_view>

namespace stakemap::render {

// The implementations live with the DOT export (io/export.hpp), which writes the same syntax.
using io::dot_label;
using io::dot_quoted;
/// Text inside a Graphviz HTML-like label (io::dot_html_text).
inline std::string html_text(std::string_view text) {
    return io::dot_html_text(text);
}

/// Breaks text into lines of about `width` characters at spaces (words are never cut).
std::string wrap(std::string_view text, std::size_t width);
/// The same, with a first line of `first_width` characters (a line that starts after a label).
std::string wrap(std::string_view text, std::size_t first_width, std::size_t width);

} // namespace stakemap::render
