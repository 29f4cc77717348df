#pragma once
// Single points of failure of the network: cut actors (articulation points) and critical ties
// (bridges), on the undirected projection U.

#include "stakemap/graph/analysis_graph.hpp"

#include <vector>

namespace stakemap::analysis {

/// Whether removing each actor would split its component of U (`nx.articulation_points(U)`).
/// Iterative Tarjan, O(n + m).
std::vector<bool> cut_actors(const graph::AnalysisGraph& graph);

/// Whether removing each edge of U (`graph.undirected_edges` order) would split its component
/// (`nx.bridges(U)`). O(n + m).
std::vector<bool> bridges(const graph::AnalysisGraph& graph);

} // namespace stakemap::analysis
