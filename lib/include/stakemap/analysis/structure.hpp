#pragma once
// Single points of failure of the network: cut actors (articulation points) and critical ties
// (bridges), on the undirected projection U.

#include "stakemap/graph/analysis_graph.hpp"

#include <cstddef>
#include <limits>
#include <vector>

namespace stakemap::analysis {

/// What removing one actor or one tie of U would split off, from one depth-first search. Removing
/// a cut actor v leaves the DFS subtrees of `separated[v]` apart from the rest of v's component;
/// removing a bridge leaves the subtree of its `bridge_child` apart. Subtrees are contiguous in
/// `preorder`: the subtree of w is preorder[position[w] .. subtree_end[w]).
struct Separations {
    static constexpr std::size_t unset = std::numeric_limits<std::size_t>::max();
    std::vector<graph::Vertex> preorder;      ///< vertices in DFS order, component by component
    std::vector<std::size_t> position;        ///< vertex → index in preorder
    std::vector<std::size_t> subtree_end;     ///< vertex → one past its subtree in preorder
    std::vector<std::size_t> component_begin; ///< vertex → first preorder index of its component
    std::vector<std::size_t> component_end;   ///< vertex → one past its component in preorder
    /// Per vertex: the DFS children whose subtrees it alone connects; empty unless a cut actor.
    std::vector<std::vector<graph::Vertex>> separated;
    /// Per edge of U: the endpoint whose subtree the edge alone connects; unset unless a bridge.
    std::vector<std::size_t> bridge_child;
};

/// Tarjan's depth-first search on U, iterative, O(n + m). Roots are taken in vertex order and
/// neighbours in sorted order, so the result is deterministic.
Separations separations(const graph::AnalysisGraph& graph);

/// Breadth-first search on U from several sources at once, up to a number of steps.
struct Reach {
    static constexpr std::size_t unreached = std::numeric_limits<std::size_t>::max();
    std::vector<std::size_t> steps;     ///< per vertex: steps from the nearest source, or unreached
    std::vector<graph::Vertex> visited; ///< the vertices reached, in search order
    bool reached(std::size_t v) const { return steps[v] != unreached; }
};

/// Steps of U from the nearest of `sources` to every vertex within `limit` steps. O(n + m).
Reach reach_from(const graph::AnalysisGraph& graph, const std::vector<std::size_t>& sources,
                 std::size_t limit);

/// Whether removing each actor would split its component of U (`nx.articulation_points(U)`).
/// Iterative Tarjan, O(n + m).
std::vector<bool> cut_actors(const graph::AnalysisGraph& graph);

/// Whether removing each edge of U (`graph.undirected_edges` order) would split its component
/// (`nx.bridges(U)`). O(n + m).
std::vector<bool> bridges(const graph::AnalysisGraph& graph);

} // namespace stakemap::analysis
