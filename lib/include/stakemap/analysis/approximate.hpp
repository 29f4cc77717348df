#pragma once
// Approximate betweenness for large maps, with a stated guarantee: KADABRA (Borassi & Natale,
// "KADABRA is an ADaptive Algorithm for Betweenness via Random Approximation", 2016/2019), which
// stops as soon as its samples prove the bound, or Riondato & Kornaropoulos ("Fast approximation of
// betweenness centrality through sampling", 2016), which always takes its fixed number of samples.

#include "stakemap/analysis/run_control.hpp"
#include "stakemap/graph/analysis_graph.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace stakemap::analysis {

enum class ApproximateMethod {
    kadabra, ///< adaptive: samples until every estimate is proven within epsilon (default)
    rk,      ///< Riondato–Kornaropoulos: the fixed number of samples of the same bound
};

struct ApproximateOptions {
    double epsilon = 0.01;   ///< largest error allowed, on the scale of `betweenness()`
    double confidence = 0.9; ///< probability that every actor is within epsilon (1 − δ)
    std::uint64_t seed = 1;  ///< the same seed gives the same estimate for any thread count
    unsigned threads = 0;    ///< 0: all cores
    RunControl control;      ///< progress and stop requests; empty: none
    ApproximateMethod method = ApproximateMethod::kadabra;
};

struct ApproximateBetweenness {
    std::vector<double> values; ///< estimates, normalised as betweenness()
    ApproximateMethod method = ApproximateMethod::kadabra;
    std::size_t samples = 0;             ///< shortest paths behind the estimates
    std::size_t sample_limit = 0;        ///< ω: the most either method takes for this bound
    std::size_t calibration_samples = 0; ///< KADABRA's first, separate paths (see below)
    std::size_t vertex_diameter = 0;     ///< the upper bound on vertices per shortest path used
    /// The error bound on the printed scale: epsilon × n / (n − 2) (the sampled quantity is
    /// normalised by n(n − 1) ordered pairs, betweenness() by (n − 1)(n − 2)).
    double error_bound = 0.0;
};

/// Both methods sample pairs of actors, one uniformly random shortest path between each (balanced
/// bidirectional BFS when every tie has the same length, bidirectional Dijkstra otherwise), and
/// credit the path's inner actors. ω = ⌈(0.5 / ε²)(⌊log₂(VD − 2)⌋ + 1 + ln(2/δ))⌉, δ = 1 −
/// confidence; VD bounds the actors on a shortest path (2·ecc + 1 from one search per component
/// on undirected maps, else the largest component's size).
///
/// rk takes r = ⌈(0.5 / ε²)(⌊log₂(VD − 2)⌋ + 1 + ln(1/δ))⌉ paths. kadabra first takes ω/100
/// calibration paths, only to share the failure probability among the actors (δ_v, more to the
/// actors that look central), then samples afresh in fixed batches and stops after the first
/// batch at which, for every actor, Borassi and Natale's bounds f and g put the true value within
/// ε of the estimate, or at ω paths. Either way, with probability at least `confidence`, every
/// estimate is within `error_bound` of the exact value; the same seed gives the same bits for any
/// thread count (batches have their own generators and are checked in order).
ApproximateBetweenness approximate_betweenness(const graph::AnalysisGraph& graph,
                                               const ApproximateOptions& options = {});

} // namespace stakemap::analysis
