#pragma once
// Community detection on U, the undirected projection of the analysis graph (SPEC §3,
// `stakemap communities`): Louvain, Leiden and label propagation, the modularity of a partition,
// and how a partition lines up with a labelling of the actors (areas, sectors…).
//
// Conventions shared by every function here:
//  - the graph is U with its merged weights (`graph.undirected`), whether the map is directed or
//    not; m is the total weight of U's edges and k_v the strength of v;
//  - modularity with resolution γ is Q = Σ_c [ L_c / m − γ (K_c / 2m)² ], L_c the weight of the
//    edges inside c and K_c the total strength of c, exactly as nx.community.modularity(U,
//    communities, weight="weight", resolution=γ) computes it; with m = 0 it is 0;
//  - every method is deterministic for a given seed: randomness comes only from a
//    std::mt19937_64 seeded with `seed`, through the library's own bounded draws and Fisher–Yates
//    shuffles (the standard distributions are not the same in every standard library), so the
//    same seed gives the same partition on any machine. (Leiden's refinement also weighs its
//    choices with std::exp: a libm whose exp differs in the last bit could change a choice only
//    when a draw falls within that bit of a boundary.)

#include "stakemap/analysis/run_control.hpp"
#include "stakemap/graph/analysis_graph.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace stakemap::analysis {

/// The algorithm detect_communities runs.
enum class CommunityMethod {
    /// Blondel et al. 2008. Each level shuffles the vertex order once, then sweeps it, moving each
    /// vertex to the neighbouring community of largest positive modularity gain (computed
    /// incrementally from the per-community total strength), until a sweep moves nothing; the
    /// communities then become the vertices of an aggregated graph. Levels repeat until one
    /// moves nothing. O(m) per sweep; in practice O(m log n) overall.
    louvain,
    /// Traag, Waltman & van Eck 2019. Fast local moving with a queue (a vertex may also move to an
    /// empty community; when one moves, its neighbours outside its new community are queued),
    /// refinement of each community into well-connected subcommunities — a singleton,
    /// well-connected vertex joins a well-connected subcommunity T of its community with
    /// probability ∝ exp(ΔQ_T / θ) over the T with ΔQ_T ≥ 0 (staying alone is ΔQ = 0), θ = 0.01,
    /// ΔQ_T = w(v, T) − γ k_v K_T / 2m in weight units as igraph's community_leiden measures it —
    /// and aggregation of the refined partition, with the unrefined one as the starting
    /// assignment on the aggregate (when refinement merges nothing, the unrefined partition is
    /// aggregated instead, so every level shrinks the graph). Whole iterations repeat, starting
    /// from the previous result, until one no longer raises modularity (as igraph's
    /// n_iterations = -1, which stops when the partition no longer changes). O(m) per sweep of
    /// the queue, in practice O(m log n) per iteration; from a few iterations on small maps to a
    /// few dozen on 100,000-tie ones, so several times Louvain's time for a higher modularity.
    /// Every community it returns is connected.
    leiden,
    /// Raghavan, Albert & Kumara 2007, asynchronous, on U's weights. Labels start as a seeded
    /// random permutation of 0 … n−1; each round visits the vertices in a freshly shuffled order
    /// and a vertex whose label is not among those of maximal total weight around it takes the
    /// smallest label among the maximal ones (a vertex whose label is already maximal keeps it).
    /// It stops after a round with no change: every vertex then carries a maximal label. Each
    /// change strictly raises the weight of ties inside labels, so it always stops. A label that
    /// ends up on parts with no tie between them gives one community per part (which only raises
    /// modularity). O(m) per round; a few rounds in practice. The resolution only enters the
    /// reported modularity. Label propagation knows nothing of modularity: a label can flood
    /// across a single bridge, so on small maps some seeds merge groups that Louvain and Leiden
    /// keep apart.
    label_propagation,
};

/// How detect_communities runs.
struct CommunityOptions {
    CommunityMethod method = CommunityMethod::leiden;
    double resolution = 1.0; ///< γ ≥ 0: multiplies the null-model term; larger gives more groups
    std::uint64_t seed = 1;  ///< seeds the std::mt19937_64 behind every random choice
    RunControl control;      ///< stop requests, checked once per sweep; empty: none
};

/// A partition of the actors into communities.
struct Partition {
    /// Community of each vertex; communities are numbered 0, 1, … in order of their first vertex.
    std::vector<std::size_t> community;
    std::size_t count = 0;   ///< number of communities
    double modularity = 0.0; ///< modularity(graph, community, resolution)
};

/// Detects communities on U with the chosen method. An empty graph gives an empty partition; a
/// vertex without ties is a community of its own; a graph without ties gives modularity 0.
/// Throws UsageError when the resolution is negative or not finite.
Partition detect_communities(const graph::AnalysisGraph& graph,
                             const CommunityOptions& options = {});

/// Modularity of a partition on U, weighted: equal to nx.community.modularity(U, partition,
/// weight="weight", resolution=resolution). Community numbers may be any values (they need not be
/// consecutive). Isolated vertices contribute 0; 0 when U has no edges. O(n log n + m).
/// Throws UsageError when `community` does not have one entry per vertex.
double modularity(const graph::AnalysisGraph& graph, const std::vector<std::size_t>& community,
                  double resolution = 1.0);

/// How a partition lines up with a labelling of the same actors.
struct Contingency {
    /// One row per community that occurs, in increasing order, named by its number + 1 ("1", "2"…).
    std::vector<std::string> row_labels;
    /// The distinct labels sorted bytewise; the empty label (no value) is shown as "(none)" and,
    /// being the smallest string, comes first.
    std::vector<std::string> column_labels;
    /// counts[r][c]: actors of community row r carrying label column c.
    std::vector<std::vector<std::size_t>> counts;
    /// Normalised mutual information, arithmetic-mean normalisation: I(C; L) / ((H(C) + H(L)) / 2),
    /// as sklearn.metrics.normalized_mutual_info_score computes it by default. Exactly 1.0 when the
    /// two partitions are the same up to renaming (a single group on both sides included, as is the
    /// case of no actors at all); 0.0 when only one side is a single group (no information).
    double nmi = 0.0;
};

/// Cross-tabulates communities against labels (one per actor) and scores their agreement.
/// Throws UsageError when the two vectors differ in length. O(n log n).
Contingency align(const std::vector<std::size_t>& community,
                  const std::vector<std::string>& labels);

} // namespace stakemap::analysis
