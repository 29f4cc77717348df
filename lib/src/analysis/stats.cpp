#include "stakemap/analysis/stats.hpp"

#include "stakemap/analysis/approximate.hpp"
#include "stakemap/analysis/centrality.hpp"
#include "stakemap/analysis/communities.hpp"

#include <random>

#include <algorithm>
#include <limits>
#include <map>

namespace stakemap::analysis {

using graph::Vertex;

std::vector<std::size_t> connected_components(const graph::AnalysisGraph& graph) {
    const std::size_t n = graph.vertex_count;
    constexpr auto unset = std::numeric_limits<std::size_t>::max();
    std::vector<std::size_t> label(n, unset);
    std::vector<Vertex> stack;
    std::size_t next = 0;
    for (std::size_t start = 0; start < n; ++start) {
        if (label[start] != unset) {
            continue;
        }
        label[start] = next;
        stack.push_back(static_cast<Vertex>(start));
        while (!stack.empty()) {
            const Vertex v = stack.back();
            stack.pop_back();
            for (Vertex w : graph.undirected.neighbours_of(v)) {
                if (label[w] == unset) {
                    label[w] = next;
                    stack.push_back(w);
                }
            }
        }
        ++next;
    }
    return label;
}

std::vector<std::size_t> strong_components(const graph::AnalysisGraph& graph) {
    const std::size_t n = graph.vertex_count;
    constexpr auto unset = std::numeric_limits<std::size_t>::max();
    std::vector<std::size_t> order(n, unset);
    std::vector<std::size_t> low(n, 0);
    std::vector<bool> on_stack(n, false);
    std::vector<std::size_t> label(n, unset);
    std::vector<Vertex> stack;
    std::vector<std::pair<Vertex, std::size_t>> calls; // vertex, next neighbour position
    std::size_t counter = 0;
    std::size_t components = 0;
    for (std::size_t root = 0; root < n; ++root) {
        if (order[root] != unset) {
            continue;
        }
        calls.emplace_back(static_cast<Vertex>(root), 0);
        while (!calls.empty()) {
            auto& [v, position] = calls.back();
            if (position == 0) {
                order[v] = low[v] = counter++;
                stack.push_back(v);
                on_stack[v] = true;
            }
            const auto successors = graph.out.neighbours_of(v);
            if (position < successors.size()) {
                const Vertex w = successors[position++];
                if (order[w] == unset) {
                    calls.emplace_back(w, 0);
                } else if (on_stack[w]) {
                    low[v] = std::min(low[v], order[w]);
                }
                continue;
            }
            if (low[v] == order[v]) {
                Vertex w = 0;
                do {
                    w = stack.back();
                    stack.pop_back();
                    on_stack[w] = false;
                    label[w] = components;
                } while (w != v);
                ++components;
            }
            const Vertex finished = v;
            calls.pop_back();
            if (!calls.empty()) {
                Vertex parent = calls.back().first;
                low[parent] = std::min(low[parent], low[finished]);
            }
        }
    }
    return label;
}

std::vector<std::size_t> triangle_counts(const graph::AnalysisGraph& graph,
                                         const RunControl& control) {
    const auto& adjacency = graph.undirected;
    std::vector<std::size_t> count(graph.vertex_count, 0);
    for (std::size_t v = 0; v < graph.vertex_count; ++v) {
        control.check(); // O(d²) per actor
        const auto nv = adjacency.neighbours_of(static_cast<Vertex>(v));
        for (Vertex w : nv) {
            if (w <= v) {
                continue;
            }
            const auto nw = adjacency.neighbours_of(w);
            // Count common neighbours x > w so each triangle v < w < x is seen once.
            auto i = std::upper_bound(nv.begin(), nv.end(), w);
            auto j = std::upper_bound(nw.begin(), nw.end(), w);
            while (i != nv.end() && j != nw.end()) {
                if (*i < *j) {
                    ++i;
                } else if (*j < *i) {
                    ++j;
                } else {
                    ++count[v];
                    ++count[w];
                    ++count[*i];
                    ++i;
                    ++j;
                }
            }
        }
    }
    return count;
}

MapStats map_stats(const graph::AnalysisGraph& graph, const StatsOptions& options) {
    MapStats stats;
    const std::size_t n = graph.vertex_count;
    stats.actors = n;
    stats.relations = graph.relations_kept;
    stats.ties = graph.edges.size();
    stats.directed = graph.directed;
    if (n >= 2) {
        const double pairs = static_cast<double>(n) * static_cast<double>(n - 1);
        stats.density = static_cast<double>(stats.ties) * (graph.directed ? 1.0 : 2.0) / pairs;
    }

    const auto label = connected_components(graph);
    std::vector<std::size_t> sizes;
    for (std::size_t v = 0; v < n; ++v) {
        if (label[v] >= sizes.size()) {
            sizes.resize(label[v] + 1, 0);
        }
        ++sizes[label[v]];
        if (graph.undirected.degree(static_cast<Vertex>(v)) == 0) {
            ++stats.isolates;
        }
    }
    stats.components = sizes.size();
    std::size_t largest = 0;
    for (std::size_t c = 0; c < sizes.size(); ++c) {
        if (sizes[c] > sizes[largest]) {
            largest = c; // ties keep the component with the smallest vertex, as NetworkX does
        }
    }
    if (n > 0) {
        stats.largest_component = sizes[largest];
        stats.largest_component_share =
            static_cast<double>(sizes[largest]) / static_cast<double>(n);
    }
    if (graph.directed) {
        const auto labels = strong_components(graph);
        stats.strong_components =
            labels.empty() ? 0 : *std::max_element(labels.begin(), labels.end()) + 1;
        std::size_t reciprocated = 0;
        for (const auto& edge : graph.edges) {
            const auto back = graph.out.neighbours_of(edge.target);
            if (std::binary_search(back.begin(), back.end(), edge.source)) {
                ++reciprocated;
            }
        }
        stats.reciprocity = graph.edges.empty() ? 0.0
                                                : static_cast<double>(reciprocated) /
                                                      static_cast<double>(graph.edges.size());
    }

    // Diameter and average path length in steps within the largest component of U: from every
    // actor of the component up to `exact_limit` actors, else from a seeded sample of sources.
    if (stats.largest_component > 1) {
        std::vector<Vertex> members;
        for (std::size_t v = 0; v < n; ++v) {
            if (label[v] == largest) {
                members.push_back(static_cast<Vertex>(v));
            }
        }
        std::vector<Vertex> sources = members;
        if (members.size() > options.exact_limit) {
            std::mt19937_64 random(options.seed);
            for (std::size_t i = 0; i < options.sample_sources; ++i) {
                const auto remaining = static_cast<std::uint64_t>(members.size() - i);
                std::swap(members[i], members[i + static_cast<std::size_t>(random() % remaining)]);
            }
            sources.assign(members.begin(),
                           members.begin() + static_cast<std::ptrdiff_t>(options.sample_sources));
            stats.path_sources = sources.size();
        }
        const auto sums = step_sums(graph.undirected, sources, options.threads, options.control);
        std::size_t total = 0;
        for (std::size_t i = 0; i < sources.size(); ++i) {
            total += sums.steps[i];
            stats.diameter = std::max(stats.diameter, sums.eccentricity[i]);
        }
        const double size = static_cast<double>(stats.largest_component);
        stats.average_path_length =
            static_cast<double>(total) / (static_cast<double>(sources.size()) * (size - 1.0));
    }

    // Transitivity (global clustering) and Freeman degree centralization on U.
    const auto triangle_count = triangle_counts(graph, options.control);
    double closed = 0.0;
    double triads = 0.0;
    std::size_t max_degree = 0;
    for (std::size_t v = 0; v < n; ++v) {
        const double d = static_cast<double>(graph.undirected.degree(static_cast<Vertex>(v)));
        closed += static_cast<double>(triangle_count[v]);
        triads += d * (d - 1.0) / 2.0;
        max_degree = std::max(max_degree, graph.undirected.degree(static_cast<Vertex>(v)));
    }
    stats.transitivity = triads > 0.0 ? closed / triads : 0.0;
    if (n >= 3) {
        double spread = 0.0;
        for (std::size_t v = 0; v < n; ++v) {
            spread +=
                static_cast<double>(max_degree - graph.undirected.degree(static_cast<Vertex>(v)));
        }
        stats.degree_centralization =
            spread / (static_cast<double>(n - 1) * static_cast<double>(n - 2));
    }
    if (n <= options.exact_limit) {
        stats.betweenness_centralization =
            betweenness_centralization(betweenness(graph, options.threads, options.control));
    } else {
        stats.betweenness_estimated = true;
        stats.betweenness_centralization =
            betweenness_centralization(approximate_betweenness(graph, {.epsilon = 0.01,
                                                                       .seed = options.seed,
                                                                       .threads = options.threads,
                                                                       .control = options.control})
                                           .values);
    }
    for (const auto& [name, labels] : options.groupings) {
        GroupingFigures figures;
        figures.grouping = name;
        figures.assortativity = assortativity(graph, labels);
        figures.modularity = modularity(graph, community_indices(labels));
        stats.groupings.push_back(std::move(figures));
    }
    return stats;
}

double betweenness_centralization(const std::vector<double>& betweenness) {
    if (betweenness.size() < 3) {
        return 0.0;
    }
    const double top = *std::max_element(betweenness.begin(), betweenness.end());
    double spread = 0.0;
    for (double value : betweenness) {
        spread += top - value;
    }
    return spread / static_cast<double>(betweenness.size() - 1);
}

double assortativity(const graph::AnalysisGraph& graph, const std::vector<std::string>& labels) {
    const auto index = community_indices(labels);
    const std::size_t groups =
        index.empty() ? 0 : *std::max_element(index.begin(), index.end()) + 1;
    std::vector<double> mixing(groups * groups, 0.0);
    double total = 0.0;
    for (const auto& edge : graph.undirected_edges) {
        const std::size_t a = index[edge.source];
        const std::size_t b = index[edge.target];
        mixing[a * groups + b] += 1.0;
        mixing[b * groups + a] += 1.0;
        total += 2.0;
    }
    if (total == 0.0) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    double trace = 0.0;
    double expected = 0.0;
    for (std::size_t a = 0; a < groups; ++a) {
        double row = 0.0;
        double col = 0.0;
        for (std::size_t b = 0; b < groups; ++b) {
            row += mixing[a * groups + b] / total;
            col += mixing[b * groups + a] / total;
        }
        trace += mixing[a * groups + a] / total;
        expected += row * col;
    }
    if (expected == 1.0) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    return (trace - expected) / (1.0 - expected);
}

std::vector<std::size_t> community_indices(const std::vector<std::string>& labels) {
    std::vector<std::size_t> index(labels.size());
    std::map<std::string, std::size_t> numbers;
    for (std::size_t v = 0; v < labels.size(); ++v) {
        const auto [it, inserted] = numbers.emplace(labels[v], numbers.size());
        index[v] = it->second;
    }
    return index;
}

} // namespace stakemap::analysis
