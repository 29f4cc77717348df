#pragma once
// The one place that calls Graphviz (cgraph + gvc, in-process): layout, rendering, and fitting a
// drawing on a sheet of paper.

#include "stakemap/error.hpp"
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace stakemap::render {

/// Graphviz could not lay out or render a drawing; the message carries Graphviz's own words.
class RenderError : public Error {
public:
    explicit RenderError(const std::string& message) : Error(ErrorCode::render, message) {}
};

/// A sheet of paper. Sizes in PostScript points (1/72 inch), as Graphviz, PDF and SVG count them.
struct Paper {
    std::string name;       ///< "A4" or "A3"
    bool landscape = false; ///< width and height swapped
    double width = 0.0;
    double height = 0.0;
};

/// Blank space kept on every side of the sheet: 10 mm.
inline constexpr double paper_margin = 72.0 * 10.0 / 25.4;
/// No text on paper is smaller than this, in points: a drawing that would need smaller type to fit
/// its sheet is refused.
inline constexpr double smallest_text_on_paper = 6.0;
/// Resolution of a PNG drawn on a sheet (an A4 page is 1240 × 1754 pixels).
inline constexpr double paper_png_dpi = 150.0;
/// A drawing smaller than its sheet is enlarged to fill it, but never more than this.
inline constexpr double largest_enlargement = 2.0;

/// The sheet called `name` (A4: 210 × 297 mm, that is 595 × 842 pt; A3: 297 × 420 mm, 842 × 1191
/// pt), portrait or landscape; nothing for other names.
std::optional<Paper> paper_sheet(std::string_view name, bool landscape);

/// How a laid-out drawing sits on a sheet.
struct Fit {
    double width = 0.0;         ///< natural size of the drawing, points
    double height = 0.0;        ///<
    double scale = 1.0;         ///< applied so that it fills the sheet inside the margins
    double smallest_text = 0.0; ///< the smallest type in the drawing, points, before scaling
    /// The smallest type as printed.
    double smallest_printed_text() const { return smallest_text * scale; }
    /// Whether every text stays at least smallest_text_on_paper.
    bool readable() const;
};

/// The drawing would need text smaller than smallest_text_on_paper to fit its sheet.
class DoesNotFit : public Error {
public:
    DoesNotFit(Paper paper, Fit fit);
    const Paper& paper() const { return paper_; }
    const Fit& fit() const { return fit_; }

private:
    Paper paper_;
    Fit fit_;
};

struct RenderOptions {
    /// The sheet the drawing is printed on: the output is exactly that page (PDF MediaBox, SVG
    /// width and height in pt, PNG pixels at paper_png_dpi) with the drawing scaled to fill it
    /// inside paper_margin and centred. Nothing: the drawing's natural size.
    std::optional<Paper> paper;
    /// The creation date a PDF carries (YYYY-MM-DD), in place of the moment cairo writes it, so
    /// that the same drawing is the same bytes; nothing: 1970-01-01.
    std::optional<std::string> date;
};

/// Lays out DOT text with `engine` (neato, fdp, sfdp, dot, circo, twopi, osage, or nop for DOT
/// whose nodes and clusters already have positions) and renders it to `format` (svg, png, pdf, or
/// dot for the laid-out DOT). Graphviz is not thread-safe: calls are serialised behind one lock,
/// every resource is released on every path, and Graphviz's errors are collected and thrown as
/// RenderError. With a paper, throws DoesNotFit when the text would get too small.
std::string render_dot(const std::string& dot, const std::string& engine, const std::string& format,
                       const RenderOptions& options = {});

/// How the drawing would sit on `paper`, without rendering it.
Fit fit_on_paper(const std::string& dot, const std::string& engine, const Paper& paper);

/// Where Graphviz put the nodes of a drawing, in points, y upwards.
struct Layout {
    struct Box {
        double x = 0.0; ///< centre
        double y = 0.0;
        double width = 0.0;
        double height = 0.0;
    };
    std::map<std::string, Box> nodes; ///< by node name
    double left = 0.0;                ///< bounding box of everything drawn, labels included
    double bottom = 0.0;
    double right = 0.0;
    double top = 0.0;
    double width() const { return right - left; }
    double height() const { return top - bottom; }
};

/// Lays out DOT text with `engine` and reports where everything went.
Layout layout(const std::string& dot, const std::string& engine);

} // namespace stakemap::render
