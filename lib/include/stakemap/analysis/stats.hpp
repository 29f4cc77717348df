#pragma once
// Map-level figures (SPEC §3, `stakemap stats`).

#include "stakemap/graph/analysis_graph.hpp"

#include <cstddef>
#include <optional>
#include <vector>

namespace stakemap::analysis {

/// Figures that describe a whole map. Definitions and NetworkX equivalents are in docs/measures.md.
struct MapStats {
    std::size_t actors = 0;
    std::size_t relations = 0; ///< relations analysed (after --types and --at)
    std::size_t ties = 0;      ///< merged edges of G (arcs when directed)
    bool directed = false;
    double density = 0.0;              ///< nx.density(G)
    std::size_t components = 0;        ///< connected components of U
    std::size_t isolates = 0;          ///< actors with no relation
    std::size_t largest_component = 0; ///< actors in the largest component of U
    double largest_component_share = 0.0;
    std::optional<std::size_t> strong_components; ///< directed maps only
    std::size_t diameter = 0;                     ///< in steps, largest component of U
    double average_path_length = 0.0;             ///< in steps, largest component of U
    double transitivity = 0.0;                    ///< nx.transitivity(U)
    std::optional<double> reciprocity;            ///< nx.reciprocity(G), directed maps only
    double degree_centralization = 0.0;           ///< Freeman, on U
};

/// Computes the map-level figures. O(n·m) for the path figures of the largest component.
MapStats map_stats(const graph::AnalysisGraph& graph);

/// Number of triangles of U through each vertex. O(Σ d²).
std::vector<std::size_t> triangle_counts(const graph::AnalysisGraph& graph);

/// Component label of every vertex in U, labels numbered by their smallest vertex.
std::vector<std::size_t> connected_components(const graph::AnalysisGraph& graph);

} // namespace stakemap::analysis
