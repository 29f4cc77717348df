#pragma once
// Map-level figures (SPEC §3, `stakemap stats`).

#include "stakemap/analysis/run_control.hpp"
#include "stakemap/graph/analysis_graph.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace stakemap::analysis {

/// How a grouping of actors (by kind, sector, area…) shows in the network.
struct GroupingFigures {
    std::string grouping;
    /// nx.attribute_assortativity_coefficient(U, grouping): 1 when ties stay inside groups,
    /// negative when they run between them; NaN when undefined (a single group).
    double assortativity = 0.0;
    /// nx.community.modularity(U, groups, weight="weight"): the groups read as communities.
    double modularity = 0.0;
};

/// What map_stats computes beyond the basic figures.
struct StatsOptions {
    unsigned threads = 0;
    /// Up to this many actors, path figures and betweenness centralization are exact; beyond,
    /// they are estimated (sampled sources; approximate betweenness with ε = 0.01).
    std::size_t exact_limit = 50000;
    std::size_t sample_sources = 1024; ///< BFS sources for estimated path figures
    std::uint64_t seed = 1;
    /// Groupings to describe: a name and one label per actor.
    std::vector<std::pair<std::string, std::vector<std::string>>> groupings;
    RunControl control; ///< progress, stop requests and warnings; empty: none
};

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
    /// Freeman betweenness centralization: Σ (max b − b_i) / (n − 1) over normalised betweenness.
    double betweenness_centralization = 0.0;
    /// 0 when diameter and average path length are exact; else the number of sampled sources (the
    /// diameter is then a lower bound and the average path length an unbiased estimate).
    std::size_t path_sources = 0;
    bool betweenness_estimated = false; ///< betweenness centralization from sampled betweenness
    /// Figures for each grouping asked for (kind, sector, area…), in the order asked.
    std::vector<GroupingFigures> groupings;
};

/// Computes the map-level figures. O(n·m) for the path figures of the largest component.
MapStats map_stats(const graph::AnalysisGraph& graph, const StatsOptions& options = {});

/// Attribute assortativity of a labelling on U (unweighted), as NetworkX computes it.
double assortativity(const graph::AnalysisGraph& graph, const std::vector<std::string>& labels);

/// Labels turned into group numbers 0, 1, … in order of first appearance.
std::vector<std::size_t> community_indices(const std::vector<std::string>& labels);

/// Freeman centralization of normalised betweenness values: Σ (max − b_i) / (n − 1).
double betweenness_centralization(const std::vector<double>& betweenness);

/// Number of triangles of U through each vertex. O(Σ d²).
std::vector<std::size_t> triangle_counts(const graph::AnalysisGraph& graph,
                                         const RunControl& control = {});

/// Component label of every vertex in U, labels numbered by their smallest vertex.
std::vector<std::size_t> connected_components(const graph::AnalysisGraph& graph);

/// Strongly connected component of every vertex in G (iterative Tarjan). Labels are numbered in
/// the order the components are completed: every arc leads to a component whose label is at most
/// its own (reverse topological order of the condensation).
std::vector<std::size_t> strong_components(const graph::AnalysisGraph& graph);

} // namespace stakemap::analysis
