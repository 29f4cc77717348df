#include "stakemap/analysis/structure.hpp"

#include <algorithm>
#include <limits>

namespace stakemap::analysis {

using graph::Vertex;

namespace {

struct LowPoints {
    std::vector<bool> cut;
    std::vector<bool> bridge;
};

/// One depth-first search over U recording discovery times and low points (Tarjan, 1972),
/// written with an explicit stack so that long chains cannot overflow the call stack.
LowPoints low_points(const graph::AnalysisGraph& graph) {
    const std::size_t n = graph.vertex_count;
    const auto& adjacency = graph.undirected;
    constexpr auto unset = std::numeric_limits<std::size_t>::max();
    std::vector<std::size_t> order(n, unset);
    std::vector<std::size_t> low(n, 0);
    LowPoints result{std::vector<bool>(n, false),
                     std::vector<bool>(graph.undirected_edges.size(), false)};
    struct Frame {
        Vertex vertex;
        std::size_t parent_edge; ///< edge index used to enter, unset for a root
        std::size_t next;        ///< next adjacency slot to look at
        std::size_t children;
    };
    std::vector<Frame> stack;
    std::size_t counter = 0;
    for (std::size_t root = 0; root < n; ++root) {
        if (order[root] != unset) {
            continue;
        }
        order[root] = low[root] = counter++;
        stack.push_back({static_cast<Vertex>(root), unset, adjacency.offsets[root], 0});
        while (!stack.empty()) {
            Frame& frame = stack.back();
            const Vertex v = frame.vertex;
            if (frame.next < adjacency.offsets[v + 1]) {
                const std::size_t slot = frame.next++;
                const Vertex w = adjacency.neighbours[slot];
                const std::size_t edge = adjacency.edges[slot];
                if (edge == frame.parent_edge) {
                    continue;
                }
                if (order[w] == unset) {
                    order[w] = low[w] = counter++;
                    ++frame.children;
                    stack.push_back({w, edge, adjacency.offsets[w], 0});
                } else {
                    low[v] = std::min(low[v], order[w]);
                }
                continue;
            }
            const Frame done = frame;
            stack.pop_back();
            if (stack.empty()) {
                result.cut[v] = done.children > 1; // a root cuts when it has two subtrees
                continue;
            }
            const Vertex parent = stack.back().vertex;
            low[parent] = std::min(low[parent], low[v]);
            if (low[v] > order[parent]) {
                result.bridge[done.parent_edge] = true;
            }
            if (low[v] >= order[parent] && stack.size() > 1) {
                result.cut[parent] = true; // not the root: checked when the root finishes
            }
        }
    }
    return result;
}

} // namespace

std::vector<bool> cut_actors(const graph::AnalysisGraph& graph) {
    return low_points(graph).cut;
}

std::vector<bool> bridges(const graph::AnalysisGraph& graph) {
    return low_points(graph).bridge;
}

} // namespace stakemap::analysis
