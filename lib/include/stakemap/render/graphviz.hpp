#pragma once
// The one place that calls Graphviz (cgraph + gvc, in-process).

#include <stdexcept>
#include <string>

namespace stakemap::render {

/// Graphviz could not lay out or render a drawing; the message carries Graphviz's own words.
class RenderError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Lays out DOT text with `engine` (neato, fdp, sfdp, dot, circo, twopi) and renders it to
/// `format` (svg, png, pdf, or dot for the laid-out DOT). Graphviz is not thread-safe: calls are
/// serialised behind one lock, every resource is released on every path, and Graphviz's errors
/// are collected and thrown as RenderError.
std::string render_dot(const std::string& dot, const std::string& engine,
                       const std::string& format);

} // namespace stakemap::render
