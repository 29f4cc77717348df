#pragma once
// The analysis graph: built once from a map into compressed sparse rows (CSR) and shared by every
// analysis. Vertex i is actor i of the map, so ids map to vertices by the map's actor order.
//
// Semantics (SPEC §2):
//  - relations of the same ordered pair (same unordered pair when undirected) are merged; the
//  merged
//    weight is their sum (or maximum);
//  - the graph is undirected when every kept relation is undirected; otherwise it is directed and
//  each
//    undirected relation becomes two arcs;
//  - U, the undirected projection, merges relations per unordered pair, weight = sum (or max) of
//  the
//    relations' weights; structural analyses use it.

#include "stakemap/model/id_index.hpp"
#include "stakemap/model/map.hpp"

#include <boost/container/small_vector.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace stakemap::graph {

/// How path-based measures turn a weight (tie strength) into a length.
enum class Distance {
    inverse, ///< 1 / weight (default): strong ties are short
    unit,    ///< every tie has length 1
    weight,  ///< the weight itself is the length
};

/// How several relations between the same actors combine.
enum class Merge { sum, max };

/// Which relations to analyse and how.
struct BuildOptions {
    std::vector<std::string> types; ///< keep only these relation types; empty keeps all
    std::optional<std::string> at;  ///< keep relations valid on this date (YYYY-MM-DD)
    Merge merge = Merge::sum;
    Distance distance = Distance::inverse;
};

using Vertex = std::uint32_t;

/// One merged edge: an arc (u → v) of a directed graph, or a pair u < v of an undirected one.
struct Edge {
    Vertex source = 0;
    Vertex target = 0;
    double weight = 0.0;
    double length = 0.0; ///< the distance policy applied to the weight
    /// Indices of the merged relations in the map. Nearly every tie is one relation (a few are
    /// two, reported separately by two informants), so up to two are held in the edge itself: a
    /// million-relation map is built without a million small allocations.
    boost::container::small_vector<std::uint32_t, 2> relations;
};

/// Adjacency in CSR form: the neighbours of v are entries offsets[v] .. offsets[v+1].
struct Adjacency {
    std::vector<std::size_t> offsets;
    std::vector<Vertex> neighbours;
    std::vector<double> weights;
    std::vector<double> lengths;
    std::vector<std::uint32_t> edges; ///< index into the edge list the adjacency was built from

    std::size_t degree(Vertex v) const { return offsets[v + 1] - offsets[v]; }
    std::span<const Vertex> neighbours_of(Vertex v) const {
        return {neighbours.data() + offsets[v], degree(v)};
    }
    std::span<const double> weights_of(Vertex v) const {
        return {weights.data() + offsets[v], degree(v)};
    }
    std::span<const double> lengths_of(Vertex v) const {
        return {lengths.data() + offsets[v], degree(v)};
    }
};

/// The graph every analysis reads. Neighbour lists are sorted by vertex.
struct AnalysisGraph {
    std::size_t vertex_count = 0;
    bool directed = false;
    std::vector<std::string> ids;       ///< vertex → actor id
    std::vector<Edge> edges;            ///< G's merged edges, sorted by (source, target)
    Adjacency out;                      ///< G: successors (all neighbours when undirected)
    Adjacency in;                       ///< G: predecessors (same as `out` when undirected)
    std::vector<Edge> undirected_edges; ///< U's edges, u < v, sorted
    Adjacency undirected;               ///< U: neighbours in the undirected projection
    std::size_t relations_kept = 0;     ///< relations of the map after --types and --at

    /// Whether a and b are tied in U (neighbour lists are sorted: a binary search).
    bool tied(Vertex a, Vertex b) const;
    /// The vertex of an actor id, or nullopt. O(1) on average (see model::IdIndex).
    std::optional<Vertex> vertex(const std::string& id) const;

    /// The lookup behind vertex(): a cache checked against `ids` on every use, empty in a copy.
    model::IdIndex vertex_lookup;
};

/// Builds the analysis graph of a map. Throws UsageError for an invalid `at` date.
AnalysisGraph build(const model::Map& map, const BuildOptions& options = {});

/// Whether a relation is kept by the type and date filters of `options`.
bool keeps(const model::Relation& relation, const BuildOptions& options);

/// The length of a tie of this weight under a distance policy.
double length_of(double weight, Distance distance);

} // namespace stakemap::graph
