#pragma once
// Boost.Graph access to the analysis graph, without a copy: two views of the CSR arrays that model
// VertexListGraph, EdgeListGraph, IncidenceGraph, BidirectionalGraph, AdjacencyGraph and
// AdjacencyMatrix, so BGL's own algorithms (breadth_first_search, dijkstra_shortest_paths,
// brandes_betweenness_centrality, articulation_points…) run on a map.
//
//  - DirectedView is G as arcs (bidirectional_tag): on a directed map each merged arc once, on an
//    undirected map each tie as two arcs, one each way;
//  - UndirectedView is U, the undirected projection (undirected_tag): each merged tie once.
//
//   const stakemap::graph::UndirectedView view{graph};
//   boost::dijkstra_shortest_paths(view, source,
//       boost::weight_map(stakemap::graph::length_map(view)).distance_map(...));
//
// Weights and lengths reach algorithms as property maps passed explicitly (weight_map(view),
// length_map(view)). The views deliberately have no edge_weight_t property: BGL algorithms that
// default their weight map to get(edge_weight, g) (Dijkstra, Prim, Kruskal…) would then silently
// pick either the tie strengths or the lengths, which mean opposite things (a strong tie is short).
// Without it such a call does not compile until the caller says which one is meant.
//
// A view holds a pointer to the graph: the graph must outlive the view and every iterator and
// property map taken from it.

#include "stakemap/graph/analysis_graph.hpp"

#include <algorithm>
#include <boost/graph/graph_traits.hpp>
#include <boost/graph/properties.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/iterator_facade.hpp>
#include <boost/property_map/property_map.hpp>
#include <cstddef>
#include <limits>
#include <type_traits>
#include <utility>
#include <vector>

namespace stakemap::graph {

/// An edge descriptor of a view: its ends in the direction it was reached (out_edges(v) gives
/// source v, in_edges(v) target v) and its edge index in the view. Descriptors compare by index, as
/// BGL's own graphs compare by identity: in UndirectedView the tie reached from either end is one
/// edge; in DirectedView the two arcs of an undirected tie are two edges.
struct ViewEdge {
    Vertex source = 0;
    Vertex target = 0;
    std::size_t index = 0; ///< the edge_index: 0 .. num_edges(view) − 1

    friend bool operator==(const ViewEdge& a, const ViewEdge& b) { return a.index == b.index; }
    friend bool operator<(const ViewEdge& a, const ViewEdge& b) { return a.index < b.index; }
};

namespace detail {

/// Reads entry `slot` of one row of an adjacency as a ViewEdge. `incoming` rows list predecessors
/// (the row's vertex is the target); `arcs` numbers the two arcs of undirected edge e as 2e (from
/// its lower end) and 2e + 1 (from its higher end), so that each arc has its own index.
struct RowReader {
    const Adjacency* adjacency = nullptr;
    Vertex vertex = 0;
    bool incoming = false;
    bool arcs = false;

    ViewEdge operator()(std::size_t slot) const {
        const Vertex other = adjacency->neighbours[slot];
        const std::size_t edge = adjacency->edges[slot];
        const Vertex from = incoming ? other : vertex;
        const Vertex to = incoming ? vertex : other;
        return {from, to, arcs ? 2 * edge + (from > to ? 1 : 0) : edge};
    }
};

/// Reads position `index` of a view's edge list; with `arcs`, position 2e + 1 is edge e reversed.
struct ListReader {
    const std::vector<Edge>* edges = nullptr;
    bool arcs = false;

    ViewEdge operator()(std::size_t index) const {
        const Edge& edge = (*edges)[arcs ? index / 2 : index];
        if (arcs && index % 2 == 1) {
            return {edge.target, edge.source, index};
        }
        return {edge.source, edge.target, index};
    }
};

/// A random-access iterator over positions begin .. end, dereferenced through a reader.
template <class Reader>
class ReaderIterator : public boost::iterator_facade<ReaderIterator<Reader>, ViewEdge,
                                                     boost::random_access_traversal_tag, ViewEdge> {
public:
    ReaderIterator() = default;
    ReaderIterator(Reader reader, std::size_t position) : reader_(reader), position_(position) {}

private:
    friend class boost::iterator_core_access;
    ViewEdge dereference() const { return reader_(position_); }
    bool equal(const ReaderIterator& other) const { return position_ == other.position_; }
    void increment() { ++position_; }
    void decrement() { --position_; }
    void advance(std::ptrdiff_t n) {
        position_ = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(position_) + n);
    }
    std::ptrdiff_t distance_to(const ReaderIterator& other) const {
        return static_cast<std::ptrdiff_t>(other.position_) -
               static_cast<std::ptrdiff_t>(position_);
    }

    Reader reader_{};
    std::size_t position_ = 0;
};

} // namespace detail

/// Every traversal the views offer.
struct ViewTraversal : boost::vertex_list_graph_tag,
                       boost::edge_list_graph_tag,
                       boost::bidirectional_graph_tag,
                       boost::adjacency_graph_tag,
                       boost::adjacency_matrix_tag {};

/// A BGL graph over an analysis graph: G's arcs when `Directed`, U's ties otherwise. Use the
/// aliases DirectedView and UndirectedView.
template <bool Directed>
class GraphView {
public:
    explicit GraphView(const AnalysisGraph& graph) : graph_(&graph) {}
    GraphView(const AnalysisGraph&&) = delete; // a view of a temporary would dangle

    const AnalysisGraph& graph() const { return *graph_; }

    /// The adjacency whose rows are the out-edges (G's successors, or U).
    const Adjacency& out_rows() const { return Directed ? graph_->out : graph_->undirected; }
    /// The adjacency whose rows are the in-edges (G's predecessors, or U).
    const Adjacency& in_rows() const { return Directed ? graph_->in : graph_->undirected; }
    /// The merged edges the view's edges come from: G's (`graph.edges`) or U's.
    const std::vector<Edge>& merged_edges() const {
        return Directed ? graph_->edges : graph_->undirected_edges;
    }
    /// Whether each merged edge is two arcs of the view: the directed view of an undirected map.
    bool arcs() const { return Directed && !graph_->directed; }

    // What boost::graph_traits reads (it works for `const GraphView` too, through these members).
    using vertex_descriptor = Vertex;
    using edge_descriptor = ViewEdge;
    using directed_category =
        std::conditional_t<Directed, boost::bidirectional_tag, boost::undirected_tag>;
    using edge_parallel_category = boost::disallow_parallel_edge_tag; // ties are merged
    using traversal_category = ViewTraversal;
    using vertex_iterator = boost::counting_iterator<Vertex>;
    using edge_iterator = detail::ReaderIterator<detail::ListReader>;
    using out_edge_iterator = detail::ReaderIterator<detail::RowReader>;
    using in_edge_iterator = detail::ReaderIterator<detail::RowReader>;
    using adjacency_iterator = const Vertex*;
    using vertices_size_type = std::size_t;
    using edges_size_type = std::size_t;
    using degree_size_type = std::size_t;
    static Vertex null_vertex() { return std::numeric_limits<Vertex>::max(); }

private:
    const AnalysisGraph* graph_;
};

/// G as a bidirectional BGL graph; an undirected tie of G is two arcs.
using DirectedView = GraphView<true>;
/// U, the undirected projection, as an undirected BGL graph.
using UndirectedView = GraphView<false>;

// ---- the BGL interface, found by argument-dependent lookup --------------------------------------

/// The actors, in map order. O(1).
template <bool D>
std::pair<boost::counting_iterator<Vertex>, boost::counting_iterator<Vertex>>
vertices(const GraphView<D>& g) {
    return {boost::counting_iterator<Vertex>(0),
            boost::counting_iterator<Vertex>(static_cast<Vertex>(g.graph().vertex_count))};
}

/// Number of actors. O(1).
template <bool D>
std::size_t num_vertices(const GraphView<D>& g) {
    return g.graph().vertex_count;
}

/// Number of edges: G's arcs (twice the ties of an undirected map), or U's ties. O(1).
template <bool D>
std::size_t num_edges(const GraphView<D>& g) {
    return g.merged_edges().size() * (g.arcs() ? 2 : 1);
}

/// Every edge once, in edge_index order. O(1).
template <bool D>
std::pair<typename GraphView<D>::edge_iterator, typename GraphView<D>::edge_iterator>
edges(const GraphView<D>& g) {
    const detail::ListReader reader{&g.merged_edges(), g.arcs()};
    return {{reader, 0}, {reader, num_edges(g)}};
}

/// The edges leaving v (source v), by target. O(1).
template <bool D>
std::pair<typename GraphView<D>::out_edge_iterator, typename GraphView<D>::out_edge_iterator>
out_edges(Vertex v, const GraphView<D>& g) {
    const Adjacency& rows = g.out_rows();
    const detail::RowReader reader{&rows, v, false, g.arcs()};
    return {{reader, rows.offsets[v]}, {reader, rows.offsets[v + 1]}};
}

/// The edges entering v (target v), by source; in U the same ties as out_edges. O(1).
template <bool D>
std::pair<typename GraphView<D>::in_edge_iterator, typename GraphView<D>::in_edge_iterator>
in_edges(Vertex v, const GraphView<D>& g) {
    const Adjacency& rows = g.in_rows();
    const detail::RowReader reader{&rows, v, true, g.arcs()};
    return {{reader, rows.offsets[v]}, {reader, rows.offsets[v + 1]}};
}

/// O(1).
template <bool D>
std::size_t out_degree(Vertex v, const GraphView<D>& g) {
    return g.out_rows().degree(v);
}

/// O(1).
template <bool D>
std::size_t in_degree(Vertex v, const GraphView<D>& g) {
    return g.in_rows().degree(v);
}

/// In + out arcs in the directed view (as BGL's bidirectional adjacency_list), ties in U. O(1).
template <bool D>
std::size_t degree(Vertex v, const GraphView<D>& g) {
    if constexpr (D) {
        return out_degree(v, g) + in_degree(v, g);
    } else {
        return out_degree(v, g);
    }
}

/// The targets of v's out-edges, sorted. O(1).
template <bool D>
std::pair<const Vertex*, const Vertex*> adjacent_vertices(Vertex v, const GraphView<D>& g) {
    const auto row = g.out_rows().neighbours_of(v);
    return {row.data(), row.data() + row.size()};
}

template <bool D>
Vertex source(const ViewEdge& e, const GraphView<D>&) {
    return e.source;
}

template <bool D>
Vertex target(const ViewEdge& e, const GraphView<D>&) {
    return e.target;
}

/// The edge u → v (in U: the tie u–v, with source u), if any: a binary search of u's sorted row.
/// O(log out_degree(u)).
template <bool D>
std::pair<ViewEdge, bool> edge(Vertex u, Vertex v, const GraphView<D>& g) {
    const Adjacency& rows = g.out_rows();
    const auto row = rows.neighbours_of(u);
    const auto found = std::lower_bound(row.begin(), row.end(), v);
    if (found == row.end() || *found != v) {
        return {ViewEdge{}, false};
    }
    const detail::RowReader reader{&rows, u, false, g.arcs()};
    return {reader(rows.offsets[u] + static_cast<std::size_t>(found - row.begin())), true};
}

/// The merged edge of the analysis graph behind a view's edge: its weight, length and relations.
/// In the directed view of an undirected map both arcs of a tie give the same merged edge, whose
/// source and target are in stored order (source < target). O(1).
template <bool D>
const Edge& merged_edge(const ViewEdge& e, const GraphView<D>& g) {
    return g.merged_edges()[g.arcs() ? e.index / 2 : e.index];
}

// ---- property maps ------------------------------------------------------------------------------

/// Readable property map: a view's edge → one number of its merged edge (weight or length).
class MergedValueMap {
public:
    using key_type = ViewEdge;
    using value_type = double;
    using reference = double;
    using category = boost::readable_property_map_tag;

    MergedValueMap() = default;
    MergedValueMap(const std::vector<Edge>& edges, bool arcs, double Edge::*member)
        : edges_(&edges), arcs_(arcs), member_(member) {}

    double operator[](const ViewEdge& e) const {
        return (*edges_)[arcs_ ? e.index / 2 : e.index].*member_;
    }
    friend double get(const MergedValueMap& map, const ViewEdge& e) { return map[e]; }

private:
    const std::vector<Edge>* edges_ = nullptr;
    bool arcs_ = false;
    double Edge::*member_ = &Edge::weight;
};

/// Tie strengths: the merged weight (sum or maximum of the relations' weights, as built). In U the
/// relations of both directions are merged, so on a directed map U's weights may differ from G's.
template <bool D>
MergedValueMap weight_map(const GraphView<D>& g) {
    return {g.merged_edges(), g.arcs(), &Edge::weight};
}

/// Edge lengths for path algorithms: the build's distance policy applied to the merged weight
/// (`Edge::length`; 1 / weight by default, 1 with Distance::unit, the weight with
/// Distance::weight). These are the lengths stakemap's own path measures use.
template <bool D>
MergedValueMap length_map(const GraphView<D>& g) {
    return {g.merged_edges(), g.arcs(), &Edge::length};
}

/// Readable property map: a view's edge → its edge index.
struct EdgeIndexMap {
    using key_type = ViewEdge;
    using value_type = std::size_t;
    using reference = std::size_t;
    using category = boost::readable_property_map_tag;

    std::size_t operator[](const ViewEdge& e) const { return e.index; }
    friend std::size_t get(const EdgeIndexMap&, const ViewEdge& e) { return e.index; }
};

/// Vertex i is actor i: the vertex index is the identity.
template <bool D>
boost::typed_identity_property_map<Vertex> get(boost::vertex_index_t, const GraphView<D>&) {
    return {};
}
template <bool D>
Vertex get(boost::vertex_index_t, const GraphView<D>&, Vertex v) {
    return v;
}

/// Edge indices 0 .. num_edges(view) − 1, in edges(view) order, for edge-indexed property maps.
template <bool D>
EdgeIndexMap get(boost::edge_index_t, const GraphView<D>&) {
    return {};
}
template <bool D>
std::size_t get(boost::edge_index_t, const GraphView<D>&, const ViewEdge& e) {
    return e.index;
}

} // namespace stakemap::graph

namespace boost {

// property_map<G, Tag> for the views, const or not; there is deliberately no edge_weight_t (above).
template <class View>
struct property_map<
    View, vertex_index_t,
    std::enable_if_t<std::is_same_v<std::remove_const_t<View>, stakemap::graph::DirectedView> ||
                     std::is_same_v<std::remove_const_t<View>, stakemap::graph::UndirectedView>>> {
    using type = typed_identity_property_map<stakemap::graph::Vertex>;
    using const_type = type;
};

template <class View>
struct property_map<
    View, edge_index_t,
    std::enable_if_t<std::is_same_v<std::remove_const_t<View>, stakemap::graph::DirectedView> ||
                     std::is_same_v<std::remove_const_t<View>, stakemap::graph::UndirectedView>>> {
    using type = stakemap::graph::EdgeIndexMap;
    using const_type = type;
};

} // namespace boost
