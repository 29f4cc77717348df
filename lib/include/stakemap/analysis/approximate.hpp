#pragma once
// Approximate betweenness for large maps, with a stated guarantee (Riondato & Kornaropoulos, "Fast
// approximation of betweenness centrality through sampling", 2016).

#include "stakemap/analysis/run_control.hpp"
#include "stakemap/graph/analysis_graph.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace stakemap::analysis {

struct ApproximateOptions {
    double epsilon = 0.01;   ///< largest error allowed, on the scale of `betweenness()`
    double confidence = 0.9; ///< probability that every actor is within epsilon (1 − δ)
    std::uint64_t seed = 1;  ///< the same seed gives the same estimate for any thread count
    unsigned threads = 0;    ///< 0: all cores
    RunControl control;      ///< progress and stop requests; empty: none
};

struct ApproximateBetweenness {
    std::vector<double> values;      ///< estimates, normalised as betweenness()
    std::size_t samples = 0;         ///< shortest paths sampled
    std::size_t vertex_diameter = 0; ///< the upper bound on vertices per shortest path used
    /// The error bound on the printed scale: epsilon × n / (n − 2) (the sampled quantity is
    /// normalised by n(n − 1) ordered pairs, betweenness() by (n − 1)(n − 2)).
    double error_bound = 0.0;
};

/// Samples r = ⌈(0.5 / ε²)(⌊log₂(VD − 2)⌋ + 1 + ln(1/δ))⌉ pairs of actors, one uniformly random
/// shortest path between each (balanced bidirectional BFS when every tie has the same length,
/// Dijkstra stopped at the target otherwise), and credits the path's inner actors. With probability
/// at least `confidence`, every estimate is within `error_bound` of the exact value. VD is 2·ecc +
/// 1 from one BFS per component on undirected unit-length maps, else the largest component's size.
ApproximateBetweenness approximate_betweenness(const graph::AnalysisGraph& graph,
                                               const ApproximateOptions& options = {});

} // namespace stakemap::analysis
