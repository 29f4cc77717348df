#include "stakemap/render/compose.hpp"

#include "stakemap/text/words.hpp"

#include "stakemap/render/escape.hpp"
#include "stakemap/render/graphviz.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <map>
#include <numeric>
#include <set>

namespace stakemap::render {

namespace {

/// Space Graphviz adds around a graph or cluster label (lib/common: PAD, GAP = 4 points).
constexpr double label_pad_x = 16.0;
constexpr double label_pad_y = 8.0;
/// Space between a box's edge and the nodes inside it.
constexpr double box_padding = 8.0;
/// Space around the nodes of a block without a box.
constexpr double loose_padding = 6.0;
/// How many shuffled orders pack_rectangles tries besides the sorted ones.
constexpr int shuffles = 30;
/// How many starting positions each group's layout is tried from.
constexpr int layout_seeds = 3;
/// Space between blocks.
constexpr double block_gap = 14.0;

/// Rectangles placed left to right and top to bottom in a strip `limit` wide, each where its
/// top edge is highest (the skyline, or bottom-left, heuristic), `gap` apart. Coordinates with y
/// downwards from the top of the strip.
struct Strip {
    std::vector<Point> corner; ///< top-left corners
    Size size;
};

Strip fill_strip(const std::vector<Size>& rectangles, const std::vector<std::size_t>& order,
                 double limit, double gap) {
    struct Segment {
        double x;
        double width;
        double y; ///< how far down the strip is filled over this segment
    };
    std::vector<Segment> skyline = {{0.0, limit + gap, 0.0}};
    Strip strip;
    strip.corner.assign(rectangles.size(), {});
    for (std::size_t r : order) {
        const double width = rectangles[r].width + gap;
        const double height = rectangles[r].height + gap;
        double best_y = std::numeric_limits<double>::infinity();
        double best_x = 0.0;
        for (std::size_t first = 0; first < skyline.size(); ++first) {
            const double x = skyline[first].x;
            if (x + width > limit + gap + 1e-9) {
                break;
            }
            double y = 0.0;
            for (std::size_t k = first; k < skyline.size() && skyline[k].x < x + width - 1e-9;
                 ++k) {
                y = std::max(y, skyline[k].y);
            }
            if (y < best_y - 1e-9) {
                best_y = y;
                best_x = x;
            }
        }
        strip.corner[r] = {best_x, best_y};
        strip.size.width = std::max(strip.size.width, best_x + rectangles[r].width);
        strip.size.height = std::max(strip.size.height, best_y + rectangles[r].height);
        // The skyline over [best_x, best_x + width) rises to best_y + height.
        std::vector<Segment> raised;
        const double end = best_x + width;
        for (const Segment& segment : skyline) {
            const double segment_end = segment.x + segment.width;
            if (segment_end <= best_x + 1e-9 || segment.x >= end - 1e-9) {
                raised.push_back(segment);
                continue;
            }
            if (segment.x < best_x) {
                raised.push_back({segment.x, best_x - segment.x, segment.y});
            }
            if (raised.empty() || raised.back().x + raised.back().width <= best_x + 1e-9) {
                raised.push_back({best_x, width, best_y + height});
            }
            if (segment_end > end) {
                raised.push_back({end, segment_end - end, segment.y});
            }
        }
        skyline = raised;
    }
    return strip;
}

} // namespace

Packing pack_rectangles(const std::vector<Size>& rectangles, double gap, Size target) {
    Packing packing;
    if (rectangles.empty()) {
        return packing;
    }
    // Orders to try: tallest first, largest first, widest first, and a few shuffles (the same
    // on every run: a fixed linear congruential sequence).
    std::vector<std::size_t> identity(rectangles.size());
    std::iota(identity.begin(), identity.end(), 0);
    std::vector<std::vector<std::size_t>> orders(3, identity);
    std::stable_sort(orders[0].begin(), orders[0].end(), [&](std::size_t a, std::size_t b) {
        return rectangles[a].height > rectangles[b].height;
    });
    std::stable_sort(orders[1].begin(), orders[1].end(), [&](std::size_t a, std::size_t b) {
        return rectangles[a].width * rectangles[a].height >
               rectangles[b].width * rectangles[b].height;
    });
    std::stable_sort(orders[2].begin(), orders[2].end(), [&](std::size_t a, std::size_t b) {
        return rectangles[a].width > rectangles[b].width;
    });
    std::uint64_t state = 1;
    for (int shuffle = 0; shuffle < shuffles && rectangles.size() > 2; ++shuffle) {
        auto order = orders[1];
        for (std::size_t i = order.size() - 1; i > 0; --i) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            std::swap(order[i], order[(state >> 33) % (i + 1)]);
        }
        orders.push_back(order);
    }
    double widest = 0.0;
    double total = 0.0;
    for (const Size& size : rectangles) {
        widest = std::max(widest, size.width);
        total += size.width + gap;
    }
    constexpr int steps = 200;
    double best_scale = -1.0;
    Strip best;
    for (const auto& order : orders) {
        for (int step = 0; step <= steps; ++step) {
            const double limit = widest + (total - widest) * step / steps;
            Strip strip = fill_strip(rectangles, order, limit, gap);
            const double scale =
                std::min(target.width / strip.size.width, target.height / strip.size.height);
            if (scale > best_scale * (1.0 + 1e-9)) {
                best_scale = scale;
                best = std::move(strip);
            }
        }
    }
    // Graphviz's y goes upwards: corners become lower-left ones.
    packing.size = best.size;
    for (std::size_t r = 0; r < rectangles.size(); ++r) {
        packing.corner.push_back(
            {best.corner[r].x, best.size.height - best.corner[r].y - rectangles[r].height});
    }
    return packing;
}

Composition compose(const CompositionInput& input) {
    Composition composition;
    const std::size_t blocks = input.blocks.size();
    std::map<std::string, const std::string*> attributes;
    for (const auto& [name, text] : input.node_attributes) {
        attributes[name] = &text;
    }
    std::map<std::string, std::size_t> block_of;
    for (std::size_t b = 0; b < blocks; ++b) {
        for (const auto& node : input.blocks[b].nodes) {
            block_of[node] = b;
        }
    }

    // The sizes of the box titles and of the legend, as Graphviz measures them.
    std::string measures = "graph \"measures\" {\n  graph [start=1];\n  node [shape=plaintext, "
                           "margin=0, width=0.01, height=0.01, fontname=\"DejaVu Sans\"];\n";
    for (std::size_t b = 0; b < blocks; ++b) {
        if (!input.blocks[b].label.empty()) {
            measures += "  title" + std::to_string(b) +
                        " [fontsize=" + text::fixed_number(input.blocks[b].label_font_size) +
                        ", label=" + dot_label(input.blocks[b].label) + "];\n";
        }
    }
    for (std::size_t k = 0; k < input.legends.size(); ++k) {
        measures += "  legend" + std::to_string(k) +
                    " [fontsize=" + text::fixed_number(input.legend_font_size) + ", label=<" +
                    input.legends[k] + ">];\n";
    }
    measures += "}\n";
    const Layout measured = layout(measures, "neato");
    auto measured_size = [&](const std::string& name) {
        const auto found = measured.nodes.find(name);
        return found == measured.nodes.end()
                   ? Size{}
                   : Size{found->second.width + label_pad_x, found->second.height + label_pad_y};
    };

    // Each block on its own, and turned a quarter: the nodes' positions transposed (x for y),
    // then pushed apart where the wide nodes now overlap. A portrait block packs better on a
    // portrait page.
    struct Shape {
        Layout layout;
        Size size;            ///< of the box
        Point content_origin; ///< where the nodes' extent starts inside the box
        double left = 0.0;    ///< the nodes' extent in the layout's coordinates
        double bottom = 0.0;
    };
    auto shape_of = [&](const Block& block, std::size_t b, Layout laid) {
        Shape shape;
        double left = std::numeric_limits<double>::infinity();
        double right = -left;
        double bottom = left;
        double top = -left;
        for (const auto& [name, box] : laid.nodes) {
            left = std::min(left, box.x - box.width / 2.0);
            right = std::max(right, box.x + box.width / 2.0);
            bottom = std::min(bottom, box.y - box.height / 2.0);
            top = std::max(top, box.y + box.height / 2.0);
        }
        if (laid.nodes.empty()) {
            left = right = bottom = top = 0.0;
        }
        const bool boxed = !block.label.empty();
        const double padding = boxed ? box_padding : loose_padding;
        const Size title = boxed ? measured_size("title" + std::to_string(b)) : Size{};
        const double content_width = right - left + 2.0 * padding;
        shape.size.width = std::max(content_width, title.width);
        shape.size.height = top - bottom + 2.0 * padding + title.height;
        shape.left = left;
        shape.bottom = bottom;
        shape.content_origin = {(shape.size.width - content_width) / 2.0 + padding, padding};
        shape.layout = std::move(laid);
        return shape;
    };
    auto block_graph = [&](int seed) {
        return "  graph [start=" + std::to_string(seed) +
               ", overlap=\"prism\", overlap_scaling=0, sep=\"+3\", splines=\"false\", "
               "pack=\"8\"];\n  node [" +
               input.node_defaults + "];\n";
    };
    std::vector<std::vector<Shape>> shapes(blocks);
    for (std::size_t b = 0; b < blocks; ++b) {
        const Block& block = input.blocks[b];
        std::string body;
        for (const auto& node : block.nodes) {
            body += "  " + node + " [" + *attributes.at(node) + "];\n";
        }
        std::set<std::pair<std::string, std::string>> seen;
        for (const auto& [a, b2] : input.ties) {
            const auto in_a = block_of.find(a);
            const auto in_b = block_of.find(b2);
            if (in_a == block_of.end() || in_b == block_of.end() || in_a->second != b ||
                in_b->second != b || a == b2) {
                continue;
            }
            if (seen.insert(std::minmax(a, b2)).second) {
                body += "  " + a + " -- " + b2 + ";\n";
            }
        }
        // A few layouts from different starting positions (a fixed list: the same every run),
        // each also turned: more shapes to pack with.
        const int seeds = block.nodes.size() >= 3 && block.nodes.size() <= 300 ? layout_seeds : 1;
        for (int seed = 1; seed <= seeds; ++seed) {
            const std::string dot = "graph \"block\" {\n" + block_graph(seed) + body + "}\n";
            Shape laid =
                shape_of(block, b, layout(dot, block.nodes.size() > 300 ? "sfdp" : "neato"));
            if (block.nodes.size() >= 3) {
                std::string turned = "graph \"block\" {\n" + block_graph(seed);
                for (const auto& node : block.nodes) {
                    const auto& box = laid.layout.nodes.at(node);
                    turned += "  " + node + " [" + *attributes.at(node) + ", pos=\"" +
                              text::fixed_number(box.y) + "," + text::fixed_number(box.x) +
                              "\"];\n";
                }
                turned += "}\n";
                shapes[b].push_back(std::move(laid));
                shapes[b].push_back(shape_of(block, b, layout(turned, "nop")));
            } else {
                shapes[b].push_back(std::move(laid));
            }
        }
    }

    // The legend is one more rectangle: it fills a gap beside the groups rather than a band
    // under them. Each block is turned when that lets the whole be drawn larger.
    if (!input.legends.empty()) {
        shapes.emplace_back();
        for (std::size_t k = 0; k < input.legends.size(); ++k) {
            const Size legend = measured_size("legend" + std::to_string(k));
            Shape shape;
            shape.size = {legend.width + 2.0 * loose_padding, legend.height + 2.0 * loose_padding};
            shapes.back().push_back(shape);
        }
    }
    std::vector<std::size_t> choice(shapes.size(), 0);
    auto sizes_of = [&](const std::vector<std::size_t>& chosen) {
        std::vector<Size> sizes;
        for (std::size_t b = 0; b < shapes.size(); ++b) {
            sizes.push_back(shapes[b][chosen[b]].size);
        }
        return sizes;
    };
    auto scale_of = [&](const Packing& packing) {
        return std::min(input.target.width / packing.size.width,
                        input.target.height / packing.size.height);
    };
    std::vector<Size> sizes = sizes_of(choice);
    Packing packing = pack_rectangles(sizes, block_gap, input.target);
    for (int pass = 0; pass < 2; ++pass) {
        for (std::size_t b = 0; b < shapes.size(); ++b) {
            for (std::size_t variant = 0; variant < shapes[b].size(); ++variant) {
                if (variant == choice[b]) {
                    continue;
                }
                auto trial = choice;
                trial[b] = variant;
                const auto trial_sizes = sizes_of(trial);
                Packing trial_packing = pack_rectangles(trial_sizes, block_gap, input.target);
                if (scale_of(trial_packing) > scale_of(packing) * (1.0 + 1e-9)) {
                    choice = trial;
                    sizes = trial_sizes;
                    packing = std::move(trial_packing);
                }
            }
        }
    }
    if (!input.legends.empty()) {
        composition.legend_choice = choice[blocks];
        composition.legend_centre = {packing.corner[blocks].x + sizes[blocks].width / 2.0,
                                     packing.corner[blocks].y + sizes[blocks].height / 2.0};
    }
    for (std::size_t b = 0; b < blocks; ++b) {
        const Point corner = packing.corner[b];
        const Shape& shape = shapes[b][choice[b]];
        composition.block_box.push_back({corner, sizes[b]});
        for (const auto& node : input.blocks[b].nodes) {
            const auto& box = shape.layout.nodes.at(node);
            composition.node_centre.push_back(
                {node,
                 {corner.x + shape.content_origin.x + box.x - shape.left,
                  corner.y + shape.content_origin.y + box.y - shape.bottom}});
        }
    }
    return composition;
}

} // namespace stakemap::render
