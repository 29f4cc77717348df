#include "stakemap/analysis/structure.hpp"

#include <algorithm>

namespace stakemap::analysis {

using graph::Vertex;

Separations separations(const graph::AnalysisGraph& graph) {
    // One depth-first search over U recording discovery times and low points (Tarjan, 1972),
    // written with an explicit stack so that long chains cannot overflow the call stack.
    const std::size_t n = graph.vertex_count;
    const auto& adjacency = graph.undirected;
    constexpr auto unset = Separations::unset;
    Separations result;
    result.position.assign(n, unset);
    result.subtree_end.assign(n, 0);
    result.component_begin.assign(n, 0);
    result.component_end.assign(n, 0);
    result.separated.assign(n, {});
    result.bridge_child.assign(graph.undirected_edges.size(), unset);
    result.preorder.reserve(n);
    auto& order = result.position;
    std::vector<std::size_t> low(n, 0);
    std::vector<Vertex> children_of_root;
    struct Frame {
        Vertex vertex;
        std::size_t parent_edge; ///< edge index used to enter, unset for a root
        std::size_t next;        ///< next adjacency slot to look at
    };
    std::vector<Frame> stack;
    for (std::size_t root = 0; root < n; ++root) {
        if (order[root] != unset) {
            continue;
        }
        const std::size_t begin = result.preorder.size();
        order[root] = low[root] = result.preorder.size();
        result.preorder.push_back(static_cast<Vertex>(root));
        children_of_root.clear();
        stack.push_back({static_cast<Vertex>(root), unset, adjacency.offsets[root]});
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
                    order[w] = low[w] = result.preorder.size();
                    result.preorder.push_back(w);
                    if (stack.size() == 1) {
                        children_of_root.push_back(w);
                    }
                    stack.push_back({w, edge, adjacency.offsets[w]});
                } else {
                    low[v] = std::min(low[v], order[w]);
                }
                continue;
            }
            const Frame done = frame;
            stack.pop_back();
            result.subtree_end[v] = result.preorder.size();
            if (stack.empty()) {
                continue;
            }
            const Vertex parent = stack.back().vertex;
            low[parent] = std::min(low[parent], low[v]);
            if (low[v] > order[parent]) {
                result.bridge_child[done.parent_edge] = v;
            }
            if (low[v] >= order[parent] && stack.size() > 1) {
                // Not the root: removing `parent` cuts off v's subtree.
                result.separated[parent].push_back(v);
            }
        }
        if (children_of_root.size() > 1) {
            result.separated[root] = children_of_root; // a root cuts when it has two subtrees
        }
        for (std::size_t i = begin; i < result.preorder.size(); ++i) {
            result.component_begin[result.preorder[i]] = begin;
            result.component_end[result.preorder[i]] = result.preorder.size();
        }
    }
    return result;
}

Reach reach_from(const graph::AnalysisGraph& graph, const std::vector<std::size_t>& sources,
                 std::size_t limit) {
    Reach reach;
    reach.steps.assign(graph.vertex_count, Reach::unreached);
    auto& steps = reach.steps;
    auto& queue = reach.visited;
    for (std::size_t source : sources) {
        if (steps[source] != 0) {
            steps[source] = 0;
            queue.push_back(static_cast<Vertex>(source));
        }
    }
    for (std::size_t head = 0; head < queue.size(); ++head) {
        const Vertex v = queue[head];
        if (steps[v] >= limit) {
            continue;
        }
        for (Vertex w : graph.undirected.neighbours_of(v)) {
            if (steps[w] == Reach::unreached) {
                steps[w] = steps[v] + 1;
                queue.push_back(w);
            }
        }
    }
    return reach;
}

std::vector<bool> cut_actors(const graph::AnalysisGraph& graph) {
    const Separations found = separations(graph);
    std::vector<bool> cut(graph.vertex_count, false);
    for (std::size_t v = 0; v < graph.vertex_count; ++v) {
        cut[v] = !found.separated[v].empty();
    }
    return cut;
}

std::vector<bool> bridges(const graph::AnalysisGraph& graph) {
    const Separations found = separations(graph);
    std::vector<bool> bridge(graph.undirected_edges.size(), false);
    for (std::size_t e = 0; e < bridge.size(); ++e) {
        bridge[e] = found.bridge_child[e] != Separations::unset;
    }
    return bridge;
}

} // namespace stakemap::analysis
