#pragma once
// Clustered drawings shaped like their page: each group of actors (an area, a sector…) is laid out
// on its own, and the groups and the legend are packed into a rectangle of the page's proportions.
// Graphviz then only routes the ties between fixed positions.
//
// Graphviz's own clustered layouts do not fit a page: dot puts clusters side by side in ranks (the
// Municipio II map came out 3.4 times wider than high) and fdp gives a different drawing on every
// run when there are clusters.

#include <optional>
#include <string>
#include <vector>

namespace stakemap::render {

struct Size {
    double width = 0.0;
    double height = 0.0;
};

struct Point {
    double x = 0.0;
    double y = 0.0;
};

/// Where `pack_rectangles` put the rectangles: each one's lower-left corner (y upwards), and the
/// size of the whole packing.
struct Packing {
    std::vector<Point> corner;
    Size size;
};

/// Packs rectangles `gap` apart into a strip, each where it stays highest (the skyline heuristic),
/// trying 61 strip widths from the widest rectangle to all side by side and 33 orders (tallest,
/// largest, widest first, and 30 shuffles from a fixed sequence): the packing that needs the least
/// reduction to fit `target`. Deterministic; O(k n²) for n rectangles and k = 2,013 tries.
/// `corner`, when given, is always placed first, in the top-left corner.
Packing pack_rectangles(const std::vector<Size>& rectangles, double gap, Size target,
                        std::optional<std::size_t> corner = std::nullopt);

/// A group of nodes laid out on its own and placed as one rectangle.
struct Block {
    std::string label; ///< the box's title (plain text); "" for nodes drawn without a box
    double label_font_size = 18.0;
    std::vector<std::string> nodes; ///< node names
};

/// What to compose: the blocks, every node's DOT statement, the ties inside blocks (by node
/// name) that shape each block's layout, and the legend drawn under everything.
struct CompositionInput {
    std::vector<Block> blocks;
    /// Per node name: its attributes, as in `name [attributes]`.
    std::vector<std::pair<std::string, std::string>> node_attributes;
    std::vector<std::pair<std::string, std::string>> ties;
    std::string node_defaults; ///< the `node [...]` attributes shared by every node
    /// The legend (an HTML-like label, without <>) arranged in different ways; the one that packs
    /// best is drawn.
    std::vector<std::string> legends;
    double legend_font_size = 14.0;
    Size target; ///< the proportions (or the printable area) to fill
};

/// The result: per node its centre, per block its box (lower-left, size), in points.
struct Composition {
    std::vector<std::pair<std::string, Point>> node_centre;
    std::vector<std::pair<Point, Size>> block_box;
    Point legend_centre;           ///< where the legend goes (a plaintext node), if any
    std::size_t legend_choice = 0; ///< which of the legends
};

/// Lays out each block with neato (sfdp beyond 300 nodes) from three starting positions, each
/// also turned a quarter, and draws its actors together (each moved toward the middle as far as
/// it goes without touching another); a block of 4 to 300 actors may also be set in rows or
/// columns in the layout's order (2 up to 2√n of them). Then packs the blocks and the legend (in
/// the top-left corner), choosing for each block the shape and for the legend the arrangement
/// that let the whole be drawn largest. Positions are rounded to 1/64 pt after Graphviz, so the
/// result is the same on every run.
Composition compose(const CompositionInput& input);

} // namespace stakemap::render
