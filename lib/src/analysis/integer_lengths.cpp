#include "integer_lengths.hpp"

#include "parallel.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

namespace stakemap::analysis::detail {

namespace {

constexpr std::uint64_t max_denominator = 1'000'000;
constexpr std::uint64_t max_units = 0xFFFFFFFEU; ///< of one path, below unreached_units
constexpr std::size_t max_distinct = 4096;       ///< distinct tie lengths
constexpr double fraction_tolerance = 1e-13;     ///< relative

struct Fraction {
    std::uint64_t numerator = 0;
    std::uint64_t denominator = 1;
};

/// The fraction with the smallest denominator within the tolerance of x > 0, from the convergents
/// of its continued fraction; nullopt beyond max_denominator. A length computed as 1.0 / 3.0 is
/// 1/3: its rounding error (about 1e-16) is far inside the tolerance, while a weight typed
/// as 2.9999999 is not taken for 3.
std::optional<Fraction> as_fraction(double x) {
    if (!(x > 0.0) || !std::isfinite(x) || x > 0x1.0p52) {
        return std::nullopt;
    }
    // Convergents h/k: h(i) = a(i) h(i−1) + h(i−2), k likewise, from h(−1) = 1, h(−2) = 0,
    // k(−1) = 0, k(−2) = 1.
    std::uint64_t h_prev = 1;
    std::uint64_t h_prev2 = 0;
    std::uint64_t k_prev = 0;
    std::uint64_t k_prev2 = 1;
    double rest = x;
    for (int step = 0; step < 64; ++step) {
        const double whole = std::floor(rest);
        if (whole > 0x1.0p52) {
            return std::nullopt;
        }
        const auto a = static_cast<std::uint64_t>(whole);
        if ((h_prev != 0 && a > max_units / h_prev) ||
            (k_prev != 0 && a > max_denominator / k_prev)) {
            return std::nullopt; // the next convergent is beyond the bounds (and would overflow)
        }
        const std::uint64_t h = a * h_prev + h_prev2;
        const std::uint64_t k = a * k_prev + k_prev2;
        if (k > max_denominator || h > max_units) {
            return std::nullopt;
        }
        const double value = static_cast<double>(h) / static_cast<double>(k);
        if (h > 0 && std::fabs(value - x) <= fraction_tolerance * x) {
            return Fraction{h, k};
        }
        const double fractional = rest - whole;
        if (fractional <= 0.0) {
            return std::nullopt;
        }
        rest = 1.0 / fractional;
        h_prev2 = h_prev;
        h_prev = h;
        k_prev2 = k_prev;
        k_prev = k;
    }
    return std::nullopt;
}

} // namespace

std::optional<IntegerLengths> integer_lengths(const graph::Adjacency& adjacency,
                                              std::size_t vertex_count) {
    std::unordered_map<double, Fraction> fractions;
    std::uint64_t scale = 1;
    for (double length : adjacency.lengths) {
        if (fractions.contains(length)) {
            continue;
        }
        if (fractions.size() == max_distinct) {
            return std::nullopt;
        }
        const auto fraction = as_fraction(length);
        if (!fraction) {
            return std::nullopt;
        }
        fractions.emplace(length, *fraction);
        scale = std::lcm(scale, fraction->denominator);
        if (scale > max_units) {
            return std::nullopt;
        }
    }
    // units = numerator × (scale / denominator), checked against the bound before use.
    std::unordered_map<double, std::uint32_t> units_of;
    std::uint64_t longest = 0;
    std::uint64_t shortest = max_units;
    for (const auto& [length, fraction] : fractions) {
        const std::uint64_t factor = scale / fraction.denominator;
        if (fraction.numerator > max_units / factor) {
            return std::nullopt;
        }
        const std::uint64_t units = fraction.numerator * factor;
        units_of.emplace(length, static_cast<std::uint32_t>(units));
        longest = std::max(longest, units);
        shortest = std::min(shortest, units);
    }
    // A shortest path has at most n − 1 ties, and a search adds one more tie to it when it
    // relaxes the arcs of its last actor: n ties of the longest length must fit, with a tie's
    // length to spare below unreached_units (so that no path length shares the band of length
    // that marks an unreached actor: centrality.cpp).
    if (longest > max_units / (vertex_count + 1)) {
        return std::nullopt;
    }
    IntegerLengths result;
    result.scale = static_cast<double>(scale);
    result.longest = static_cast<std::uint32_t>(longest);
    result.shortest = fractions.empty() ? 0 : static_cast<std::uint32_t>(shortest);
    result.arcs.reserve(adjacency.lengths.size());
    for (std::size_t k = 0; k < adjacency.lengths.size(); ++k) {
        result.arcs.push_back({adjacency.neighbours[k], units_of.at(adjacency.lengths[k])});
    }
    return result;
}

ShortestArcs arcs_on_shortest_paths(const graph::Adjacency& adjacency,
                                    const IntegerLengths& lengths, const graph::Adjacency& reverse,
                                    unsigned threads, const RunControl& control) {
    const std::size_t n = adjacency.offsets.size() - 1;
    // The reverse adjacency's lengths in units, through the edges both were built from.
    std::vector<Units> units_of_edge(
        adjacency.edges.empty()
            ? 0
            : *std::max_element(adjacency.edges.begin(), adjacency.edges.end()) + std::size_t{1},
        0);
    for (std::size_t k = 0; k < adjacency.edges.size(); ++k) {
        units_of_edge[adjacency.edges[k]] = lengths.arcs[k].units;
    }
    std::vector<UnitArc> reverse_arcs(reverse.neighbours.size());
    for (std::size_t k = 0; k < reverse_arcs.size(); ++k) {
        reverse_arcs[k] = {reverse.neighbours[k], units_of_edge[reverse.edges[k]]};
    }
    // Another path has two ties or more: only a tie longer than twice the shortest can be undercut.
    const std::uint64_t undercut = 2 * std::uint64_t{lengths.shortest};
    std::vector<char> kept(lengths.arcs.size(), 1);
    RunControl quiet; // a short pass before the searches: it may be stopped, it shows no progress
    quiet.stop = control.stop;
    for_each_block(
        n, std::min<std::size_t>(n, 64), threads, quiet,
        [&](std::size_t begin, std::size_t end, std::size_t) {
            std::vector<std::uint64_t> best(n, unreached_units); // from u, in one or two ties
            std::vector<graph::Vertex> touched;
            for (std::size_t u = begin; u < end; ++u) {
                const std::size_t first = adjacency.offsets[u];
                const std::size_t last = adjacency.offsets[u + 1];
                std::uint64_t radius = 0; // the longest tie of u that another path could undercut
                for (std::size_t k = first; k < last; ++k) {
                    if (lengths.arcs[k].units > undercut) {
                        radius = std::max<std::uint64_t>(radius, lengths.arcs[k].units);
                    }
                }
                if (radius == 0) {
                    continue;
                }
                const auto reach = [&](graph::Vertex v, std::uint64_t length) {
                    if (length < best[v]) {
                        if (best[v] == unreached_units) {
                            touched.push_back(v);
                        }
                        best[v] = length;
                    }
                };
                for (std::size_t k = first; k < last; ++k) {
                    reach(lengths.arcs[k].to, lengths.arcs[k].units);
                }
                for (std::size_t k = first; k < last; ++k) {
                    const UnitArc via = lengths.arcs[k];
                    if (via.units + std::uint64_t{lengths.shortest} >= radius) {
                        continue;
                    }
                    for (std::size_t j = adjacency.offsets[via.to];
                         j < adjacency.offsets[via.to + 1]; ++j) {
                        const std::uint64_t length =
                            via.units + std::uint64_t{lengths.arcs[j].units};
                        if (length < radius && lengths.arcs[j].to != u) {
                            reach(lengths.arcs[j].to, length);
                        }
                    }
                }
                // A path of up to three ties to w: up to two to some y, then the tie y → w.
                for (std::size_t k = first; k < last; ++k) {
                    const UnitArc arc = lengths.arcs[k];
                    if (arc.units <= undercut) {
                        continue;
                    }
                    bool shorter = best[arc.to] < arc.units;
                    for (std::size_t j = reverse.offsets[arc.to];
                         !shorter && j < reverse.offsets[arc.to + 1]; ++j) {
                        const UnitArc back = reverse_arcs[j];
                        shorter = best[back.to] + back.units < arc.units;
                    }
                    kept[k] = static_cast<char>(!shorter);
                }
                for (graph::Vertex v : touched) {
                    best[v] = unreached_units;
                }
                touched.clear();
            }
        },
        "");
    ShortestArcs result;
    result.offsets.assign(n + 1, 0);
    for (std::size_t u = 0; u < n; ++u) {
        for (std::size_t k = adjacency.offsets[u]; k < adjacency.offsets[u + 1]; ++k) {
            if (kept[k] != 0) {
                result.arcs.push_back(lengths.arcs[k]);
                result.slots.push_back(static_cast<std::uint32_t>(k));
            }
        }
        result.offsets[u + 1] = result.arcs.size();
    }
    return result;
}

} // namespace stakemap::analysis::detail
