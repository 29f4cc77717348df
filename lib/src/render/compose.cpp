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
#include <optional>
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
/// Space kept between two actors' boxes when a group is drawn together (room for ties between).
constexpr double actor_gap = 6.0;
/// How many strip widths (beyond the narrowest) a group's actors are placed in.
constexpr int strip_widths = 12;
/// Space between blocks.
constexpr double block_gap = 10.0;

/// Where fill_strip put the rectangles: y downwards from the top of the strip.
struct Strip {
    std::vector<Point> corner; ///< top-left corners
    Size size;
};

/// One stretch of the skyline: from x, `width` long, filled down to y.
struct Segment {
    double x;
    double width;
    double y;
};

/// The skylines fill_strip works with, kept between calls: packing calls it about a million
/// times for a map of a few dozen actors, and allocating them each time cost more than placing.
struct StripWork {
    std::vector<Segment> skyline;
    std::vector<Segment> raised;
};

/// Rectangles placed in `order` in a strip `limit` wide, each where its top edge is highest (the
/// skyline, or bottom-left, heuristic), `gap` apart.
void fill_strip(const std::vector<Size>& rectangles, const std::vector<std::size_t>& order,
                double limit, double gap, StripWork& work, Strip& strip) {
    auto& skyline = work.skyline;
    skyline.assign(1, {0.0, limit + gap, 0.0});
    strip.size = {};
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
        auto& raised = work.raised;
        raised.clear();
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
        std::swap(skyline, raised);
    }
}

Strip fill_strip(const std::vector<Size>& rectangles, const std::vector<std::size_t>& order,
                 double limit, double gap) {
    StripWork work;
    Strip strip;
    fill_strip(rectangles, order, limit, gap, work, strip);
    return strip;
}

/// The rectangle the actors of a layout cover (all zero for no actor).
struct Extent {
    double left = 0.0;
    double right = 0.0;
    double bottom = 0.0;
    double top = 0.0;
};

Extent extent_of(const Layout& laid) {
    if (laid.nodes.empty()) {
        return {};
    }
    Extent extent{std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                  std::numeric_limits<double>::infinity(),
                  -std::numeric_limits<double>::infinity()};
    for (const auto& [name, box] : laid.nodes) {
        extent.left = std::min(extent.left, box.x - box.width / 2.0);
        extent.right = std::max(extent.right, box.x + box.width / 2.0);
        extent.bottom = std::min(extent.bottom, box.y - box.height / 2.0);
        extent.top = std::max(extent.top, box.y + box.height / 2.0);
    }
    return extent;
}

/// How far `mover` can travel along `step` (a fraction of it, in [0, 1]) before it comes closer
/// than `gap` to `still`: the two boxes' separation along x and along y, each an interval of the
/// fraction, must not both be broken at once.
double free_fraction(const Layout::Box& mover, Point step, const Layout::Box& still, double gap) {
    constexpr double tolerance = 1e-6;
    // The fractions over which the boxes overlap along one axis: (enter, leave).
    auto overlap_along = [&](double from, double by, double other, double reach) {
        if (std::abs(by) < 1e-12) {
            return std::abs(from - other) < reach - tolerance
                       ? std::pair{-std::numeric_limits<double>::infinity(),
                                   std::numeric_limits<double>::infinity()}
                       : std::pair{1.0, 0.0};
        }
        const double a = (other - reach + tolerance - from) / by;
        const double b = (other + reach - tolerance - from) / by;
        return std::pair{std::min(a, b), std::max(a, b)};
    };
    const auto [enter_x, leave_x] =
        overlap_along(mover.x, step.x, still.x, (mover.width + still.width) / 2.0 + gap);
    const auto [enter_y, leave_y] =
        overlap_along(mover.y, step.y, still.y, (mover.height + still.height) / 2.0 + gap);
    const double enter = std::max(enter_x, enter_y);
    const double leave = std::min(leave_x, leave_y);
    if (enter >= leave || leave <= 0.0) {
        return 1.0; // never overlapping on the way
    }
    return std::clamp(enter, 0.0, 1.0);
}

/// The layout with every position and size rounded to 1/64 point. Graphviz's layouts of the same
/// graph differ between runs in their last bits; compaction and packing amplify such
/// differences, so they start from numbers that are the same on every run.
Layout rounded(Layout laid) {
    auto round = [](double value) {
        return std::round(value * 64.0) / 64.0;
    };
    for (auto& entry : laid.nodes) {
        Layout::Box& box = entry.second;
        box = {round(box.x), round(box.y), round(box.width), round(box.height)};
    }
    return laid;
}

/// Moves a group's actors apart, all positions scaled from the origin by the least factor at
/// which no two actors come closer than `gap` (turning a layout a quarter makes wide actors
/// overlap).
void spread(Layout& laid, double gap) {
    double factor = 1.0;
    for (auto a = laid.nodes.begin(); a != laid.nodes.end(); ++a) {
        for (auto b = std::next(a); b != laid.nodes.end(); ++b) {
            const Layout::Box& one = a->second;
            const Layout::Box& other = b->second;
            const double dx = std::abs(one.x - other.x);
            const double dy = std::abs(one.y - other.y);
            const double need_x = (one.width + other.width) / 2.0 + gap;
            const double need_y = (one.height + other.height) / 2.0 + gap;
            if (dx >= need_x || dy >= need_y) {
                continue;
            }
            const double infinity = std::numeric_limits<double>::infinity();
            const double pair =
                std::min(dx > 0.0 ? need_x / dx : infinity, dy > 0.0 ? need_y / dy : infinity);
            if (std::isfinite(pair)) {
                factor = std::max(factor, pair);
            }
        }
    }
    for (auto& entry : laid.nodes) {
        entry.second.x *= factor * (1.0 + 1e-9);
        entry.second.y *= factor * (1.0 + 1e-9);
    }
}

/// Draws a group's actors together: each in turn, nearest the middle first, moves as far toward
/// the middle of the group as it can without coming closer than `gap` to another actor (straight,
/// then along x, then along y, then at 45° either side), in rounds until nothing moves. Graphviz's
/// overlap removal spreads actors whose labels are longer than their ties, leaving about two thirds
/// of a group's box empty; this keeps each actor's side of the group and halves the space.
/// Deterministic: a fixed order.
void compact(Layout& laid, double gap) {
    std::vector<Layout::Box*> boxes;
    for (auto& entry : laid.nodes) {
        boxes.push_back(&entry.second);
    }
    constexpr int rounds = 200;
    for (int round = 0; round < rounds; ++round) {
        const Extent extent = extent_of(laid);
        const Point middle{(extent.left + extent.right) / 2.0, (extent.bottom + extent.top) / 2.0};
        std::vector<std::size_t> order(boxes.size());
        std::iota(order.begin(), order.end(), 0);
        auto distance = [&](std::size_t i) {
            return std::hypot(boxes[i]->x - middle.x, boxes[i]->y - middle.y);
        };
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return distance(a) < distance(b); });
        double moved = 0.0;
        for (std::size_t i : order) {
            Layout::Box& mover = *boxes[i];
            const Point towards{middle.x - mover.x, middle.y - mover.y};
            // Half of the way turned 45° either side: around an actor in the way.
            const Point left_turn{(towards.x - towards.y) / 2.0, (towards.x + towards.y) / 2.0};
            const Point right_turn{(towards.x + towards.y) / 2.0, (towards.y - towards.x) / 2.0};
            for (const Point step :
                 {towards, Point{towards.x, 0.0}, Point{0.0, towards.y}, left_turn, right_turn}) {
                double fraction = 1.0;
                for (std::size_t j = 0; j < boxes.size() && fraction > 0.0; ++j) {
                    if (j != i) {
                        fraction = std::min(fraction, free_fraction(mover, step, *boxes[j], gap));
                    }
                }
                mover.x += step.x * fraction;
                mover.y += step.y * fraction;
                moved += std::hypot(step.x, step.y) * fraction;
            }
        }
        if (moved < 1.0) {
            break;
        }
    }
}

/// A layout with x and y, and widths and heights, exchanged.
Layout transposed(Layout laid) {
    for (auto& entry : laid.nodes) {
        Layout::Box& box = entry.second;
        std::swap(box.x, box.y);
        std::swap(box.width, box.height);
    }
    return laid;
}

/// The group's actors in `rows` rows, keeping the layout's order: top to bottom by height, and
/// within a row left to right; each row holds about the same total width, rows are centred.
Layout in_rows(const Layout& laid, std::size_t rows, double gap) {
    std::vector<std::pair<std::string, Layout::Box>> nodes(laid.nodes.begin(), laid.nodes.end());
    std::stable_sort(nodes.begin(), nodes.end(),
                     [](const auto& a, const auto& b) { return a.second.y > b.second.y; });
    double total = 0.0;
    for (const auto& node : nodes) {
        total += node.second.width + gap;
    }
    const double per_row = total / static_cast<double>(rows);
    std::vector<std::vector<std::pair<std::string, Layout::Box>>> arranged(1);
    double filled = 0.0;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const double width = nodes[i].second.width + gap;
        const std::size_t left = nodes.size() - i;
        const bool must_start = arranged.size() < rows && left <= rows - arranged.size();
        if (!arranged.back().empty() && arranged.size() < rows &&
            (filled + width / 2.0 > per_row * static_cast<double>(arranged.size()) || must_start)) {
            arranged.emplace_back();
        }
        arranged.back().push_back(nodes[i]);
        filled += width;
    }
    Layout result;
    double y = 0.0;
    std::vector<double> row_width;
    double widest = 0.0;
    for (auto& row : arranged) {
        std::stable_sort(row.begin(), row.end(),
                         [](const auto& a, const auto& b) { return a.second.x < b.second.x; });
        double width = -gap;
        for (const auto& node : row) {
            width += node.second.width + gap;
        }
        row_width.push_back(width);
        widest = std::max(widest, width);
    }
    for (std::size_t r = 0; r < arranged.size(); ++r) {
        double height = 0.0;
        for (const auto& node : arranged[r]) {
            height = std::max(height, node.second.height);
        }
        double x = (widest - row_width[r]) / 2.0;
        for (auto [name, box] : arranged[r]) {
            box.x = x + box.width / 2.0;
            box.y = y - height / 2.0;
            x += box.width + gap;
            result.nodes[name] = box;
        }
        y -= height + gap;
    }
    return result;
}

/// The group's actors placed one by one, in the layout's order (top to bottom, then left to right),
/// each where it stays highest in a strip `limit` wide (fill_strip): rows that interlock.
Layout in_strip(const Layout& laid, double limit, double gap) {
    std::vector<std::pair<std::string, Layout::Box>> nodes(laid.nodes.begin(), laid.nodes.end());
    std::vector<std::size_t> order(nodes.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return nodes[a].second.y > nodes[b].second.y;
    });
    std::vector<Size> sizes;
    for (const auto& node : nodes) {
        sizes.push_back({node.second.width, node.second.height});
    }
    const Strip strip = fill_strip(sizes, order, limit, gap);
    Layout result;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        Layout::Box box = nodes[i].second;
        box.x = strip.corner[i].x + box.width / 2.0;
        box.y = -(strip.corner[i].y + box.height / 2.0);
        result.nodes[nodes[i].first] = box;
    }
    return result;
}

/// The group's actors in `columns` columns: in_rows turned a quarter.
Layout in_columns(const Layout& laid, std::size_t columns, double gap) {
    return transposed(in_rows(transposed(laid), columns, gap));
}

} // namespace

Packing pack_rectangles(const std::vector<Size>& rectangles, double gap, Size target,
                        std::optional<std::size_t> corner) {
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
    if (corner && *corner < rectangles.size()) {
        for (auto& order : orders) {
            std::stable_partition(order.begin(), order.end(),
                                  [&](std::size_t r) { return r == *corner; });
        }
    }
    double widest = 0.0;
    double total = 0.0;
    for (const Size& size : rectangles) {
        widest = std::max(widest, size.width);
        total += size.width + gap;
    }
    constexpr int steps = 60;
    double best_scale = -1.0;
    Strip best;
    Strip strip;
    StripWork work;
    for (const auto& order : orders) {
        for (int step = 0; step <= steps; ++step) {
            const double limit = widest + (total - widest) * step / steps;
            fill_strip(rectangles, order, limit, gap, work, strip);
            const double scale =
                std::min(target.width / strip.size.width, target.height / strip.size.height);
            if (scale > best_scale * (1.0 + 1e-9)) {
                best_scale = scale;
                std::swap(best, strip);
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
    auto shape_of = [&](const Block& block, std::size_t b, Layout laid, bool compacted = true) {
        if (compacted) {
            compact(laid, actor_gap);
        }
        Shape shape;
        const auto [left, right, bottom, top] = extent_of(laid);
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
            Shape laid = shape_of(
                block, b, rounded(layout(dot, block.nodes.size() > 300 ? "sfdp" : "neato")));
            if (block.nodes.size() >= 3) {
                Layout turned = laid.layout;
                for (auto& [name, box] : turned.nodes) {
                    std::swap(box.x, box.y);
                }
                spread(turned, actor_gap);
                shapes[b].push_back(std::move(laid));
                shapes[b].push_back(shape_of(block, b, std::move(turned)));
            } else {
                shapes[b].push_back(std::move(laid));
            }
        }
        if (block.nodes.size() >= 4 && block.nodes.size() <= 300) {
            const Layout first = shapes[b].front().layout;
            const auto most = static_cast<std::size_t>(
                std::ceil(2.0 * std::sqrt(static_cast<double>(block.nodes.size()))));
            // Two rows or columns at least: a single line of actors is a list, not a network.
            for (std::size_t rows = 2; rows <= most; ++rows) {
                shapes[b].push_back(shape_of(block, b, in_rows(first, rows, actor_gap), false));
                shapes[b].push_back(shape_of(block, b, in_columns(first, rows, actor_gap), false));
            }
            // And placed one by one in strips of 13 widths, from the widest actor to all of
            // them side by side.
            double widest = 0.0;
            double total = 0.0;
            for (const auto& [name, box] : first.nodes) {
                widest = std::max(widest, box.width);
                total += box.width + actor_gap;
            }
            for (int step = 0; step <= strip_widths; ++step) {
                const double limit = widest * std::pow(total / widest, step / double{strip_widths});
                shapes[b].push_back(shape_of(block, b, in_strip(first, limit, actor_gap), false));
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
    // The legend goes in the top-left corner: in the middle, ties would be routed around it.
    const std::optional<std::size_t> legend_corner =
        input.legends.empty() ? std::nullopt : std::optional(blocks);
    Packing packing = pack_rectangles(sizes, block_gap, input.target, legend_corner);
    for (int pass = 0; pass < 2; ++pass) {
        for (std::size_t b = 0; b < shapes.size(); ++b) {
            for (std::size_t variant = 0; variant < shapes[b].size(); ++variant) {
                if (variant == choice[b]) {
                    continue;
                }
                auto trial = choice;
                trial[b] = variant;
                const auto trial_sizes = sizes_of(trial);
                Packing trial_packing =
                    pack_rectangles(trial_sizes, block_gap, input.target, legend_corner);
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
