#pragma once
// Per-actor measures of SPEC §3. Each function equals the NetworkX call named in its comment on the
// graphs of SPEC §2 (G = the analysis graph, U = its undirected projection); docs/measures.md gives
// the formulas. n = actors, m = merged ties.

#include "stakemap/analysis/run_control.hpp"
#include "stakemap/graph/analysis_graph.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace stakemap::analysis {

/// The per-actor measures, in the order they are printed.
enum class Measure {
    degree,
    in_degree,
    out_degree,
    neighbours,
    strength,
    betweenness,
    closeness,
    harmonic,
    eigenvector,
    pagerank,
    coreness,
    constraint,
    effective_size,
    clustering,
};

/// Every measure, in printing order.
const std::vector<Measure>& all_measures();
/// The JSON key of a measure ("betweenness", "effective_size"…).
const char* measure_key(Measure measure);
/// The measure with this key, or nullopt.
std::optional<Measure> measure_from_key(const std::string& key);
/// Whether a measure applies to this graph (in/out degree only to directed graphs).
bool applies(Measure measure, const graph::AnalysisGraph& graph);

/// `G.degree()`: neighbours (undirected) or in + out arcs (directed). O(n).
std::vector<double> degree(const graph::AnalysisGraph& graph);
/// `G.in_degree()`; for undirected graphs, the degree. O(n).
std::vector<double> in_degree(const graph::AnalysisGraph& graph);
/// `G.out_degree()`; for undirected graphs, the degree. O(n).
std::vector<double> out_degree(const graph::AnalysisGraph& graph);
/// Distinct partners: the degree on the undirected projection U, `U.degree()` on the simple
/// projection. What sentences call "ties": an undirected relation on a directed map counts once
/// here, twice in degree. O(n).
std::vector<double> neighbours(const graph::AnalysisGraph& graph);
/// `G.degree(weight="weight")`: the sum of merged weights, in + out when directed. O(m).
std::vector<double> strength(const graph::AnalysisGraph& graph);

/// Shortest-path betweenness, `nx.betweenness_centrality(G, weight=dist, normalized=True)`.
/// Brandes' algorithm, BFS when every tie has the same length, Dijkstra otherwise; path lengths are
/// compared with a relative tolerance of 1e-10 so that sums of fractions that are equal on paper
/// count as ties. O(n·m) unweighted, O(n·m·log n) weighted; sources run in parallel on `threads`
/// threads (0: all cores) with a reduction whose order does not depend on the thread count.
std::vector<double> betweenness(const graph::AnalysisGraph& graph, unsigned threads = 0,
                                const RunControl& control = {});
/// Edge betweenness per merged edge of G (`graph.edges` order),
/// `nx.edge_betweenness_centrality(G, weight=dist, normalized=True)`. Same cost as betweenness.
std::vector<double> edge_betweenness(const graph::AnalysisGraph& graph, unsigned threads = 0,
                                     const RunControl& control = {});
/// Vertex and edge betweenness from one pass over the sources.
struct BetweennessScores {
    std::vector<double> vertices; ///< as betweenness()
    std::vector<double> edges;    ///< as edge_betweenness()
};
BetweennessScores betweenness_scores(const graph::AnalysisGraph& graph, unsigned threads = 0,
                                     const RunControl& control = {});

/// Closeness with the Wasserman–Faust correction for disconnected maps,
/// `nx.closeness_centrality(G, distance=dist)`: (r−1)/Σd · (r−1)/(n−1), r = actors that reach the
/// actor (incoming distances on directed maps). O(n·m·log n).
std::vector<double> closeness(const graph::AnalysisGraph& graph, unsigned threads = 0,
                              const RunControl& control = {});
/// Harmonic closeness, `nx.harmonic_centrality(G, distance=dist)`: Σ 1/d(v, u) over the actors v
/// that reach u. O(n·m·log n).
std::vector<double> harmonic(const graph::AnalysisGraph& graph, unsigned threads = 0,
                             const RunControl& control = {});
/// Eigenvector centrality on U weighted by strength, `nx.eigenvector_centrality_numpy(U,
/// weight="weight")` with a positive sign: the Perron vector of U's weighted adjacency, unit
/// Euclidean norm. Power iteration on A + I (the shift avoids oscillation on bipartite maps).
/// O(k·m): at most 100,000 iterations, stopping when no entry changes by 1e-15 or more.
std::vector<double> eigenvector(const graph::AnalysisGraph& graph, const RunControl& control = {});
/// PageRank, `nx.pagerank(G, alpha=0.85, weight="weight", tol=1e-12)`: an undirected tie counts
/// both ways; an actor without out-ties spreads its score evenly over every actor. Pull-based power
/// iteration to an L1 change below 1e-15, at most 10,000 iterations. O(k·m).
std::vector<double> pagerank(const graph::AnalysisGraph& graph, double alpha = 0.85,
                             const RunControl& control = {});

/// The values of a power iteration and how it ended.
struct PowerIteration {
    std::vector<double> values;
    Convergence convergence;
};
/// eigenvector() with how its power iteration ended. When it reaches its iteration limit before
/// converging, control.not_converged is called and the last iterate is returned.
PowerIteration eigenvector_iteration(const graph::AnalysisGraph& graph,
                                     const RunControl& control = {});
/// pagerank() with how its power iteration ended, as eigenvector_iteration().
PowerIteration pagerank_iteration(const graph::AnalysisGraph& graph, double alpha = 0.85,
                                  const RunControl& control = {});
/// k-core number on U, `nx.core_number(U)`. Bucket algorithm, O(n + m).
std::vector<double> coreness(const graph::AnalysisGraph& graph);
/// Burt's constraint on U, `nx.constraint(U, weight="weight")`; NaN for isolated actors.
/// O(Σ d²) over the actors' neighbours; actors in parallel on `threads` threads (0: all cores).
std::vector<double> constraint(const graph::AnalysisGraph& graph, unsigned threads = 0,
                               const RunControl& control = {});
/// Burt's effective size on U, `nx.effective_size(U, weight="weight")`; NaN for isolated actors.
/// O(Σ d²) over the actors' neighbours; actors in parallel on `threads` threads (0: all cores).
std::vector<double> effective_size(const graph::AnalysisGraph& graph, unsigned threads = 0,
                                   const RunControl& control = {});
/// Local clustering on U, unweighted, `nx.clustering(U)`. O(Σ d²).
std::vector<double> clustering(const graph::AnalysisGraph& graph, const RunControl& control = {});

/// One computed measure: a value per actor, in the map's actor order.
struct MeasureColumn {
    Measure measure;
    std::vector<double> values;
    /// Eigenvector and PageRank: how the power iteration ended; empty for the other measures.
    std::optional<Convergence> convergence = std::nullopt;
};

struct CentralityOptions {
    std::vector<Measure> measures; ///< empty: every measure that applies
    unsigned threads = 0;          ///< 0: all cores
    /// Rescale count-like measures into [0, 1]: degree, in/out degree and harmonic by n − 1
    /// (total degree of a directed map by 2(n − 1)), strength and coreness by their maximum.
    bool normalized = false;
    /// When set and betweenness is computed, receives the edge betweenness of the same pass.
    std::vector<double>* edge_betweenness = nullptr;
    RunControl control; ///< progress, stop requests and warnings; empty: none
};

/// The requested measures that apply to the graph, in printing order.
std::vector<MeasureColumn> centrality(const graph::AnalysisGraph& graph,
                                      const CentralityOptions& options = {});

/// Gould–Fernandez brokerage counts of one actor.
struct BrokerageRoles {
    double coordinator = 0;    ///< i → v → j, all three in the same group
    double gatekeeper = 0;     ///< i outside, v and j in the same group: v controls entry
    double representative = 0; ///< i and v in the same group, j outside: v speaks for its group
    double consultant = 0;     ///< i and j in the same group, v outside
    double liaison = 0;        ///< all three in different groups
    double total() const {
        return coordinator + gatekeeper + representative + consultant + liaison;
    }
};

/// Gould–Fernandez roles on the directed graph (an undirected tie counts as two arcs), equal to R
/// `sna::brokerage(g, cl)$raw.nli`: for every two-path i → v → j with i ≠ j and no arc i → j, the
/// broker v gets one count in the role given by the groups of i, v and j. `group` has one label per
/// actor. O(Σ in·out).
std::vector<BrokerageRoles> brokerage(const graph::AnalysisGraph& graph,
                                      const std::vector<std::string>& group,
                                      const RunControl& control = {});

/// Per source: actors reached (itself included), the sum of their distances in steps, and the
/// largest such distance, along `adjacency`.
struct StepSums {
    std::vector<std::size_t> reached;
    std::vector<std::size_t> steps;
    std::vector<std::size_t> eccentricity;
};
/// Breadth-first search from every source, 64 sources per pass over the ties (bit-parallel
/// frontiers). O(|sources|/64 · m) word operations plus O(Σ reached).
StepSums step_sums(const graph::Adjacency& adjacency, const std::vector<graph::Vertex>& sources,
                   unsigned threads = 0, const RunControl& control = {});

/// Number of threads to use for `threads` (0: all cores, at least 1).
unsigned resolve_threads(unsigned threads);

} // namespace stakemap::analysis
