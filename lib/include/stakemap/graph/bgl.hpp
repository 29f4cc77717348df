#pragma once
// Boost.Graph access to the analysis graph: a view of one adjacency (G's successors, G's
// predecessors or U) that models VertexListGraph, IncidenceGraph and AdjacencyGraph, so BGL
// algorithms (breadth_first_search, dijkstra_shortest_paths…) run on the CSR arrays without a copy.
// Weights and lengths reach algorithms as property maps, never as stored properties.
//
//   const auto view = stakemap::graph::undirected_view(graph);
//   boost::dijkstra_shortest_paths(view, source,
//       boost::weight_map(stakemap::graph::length_map(view)).distance_map(...));

#include "stakemap/graph/analysis_graph.hpp"

#include <boost/graph/graph_traits.hpp>
#include <boost/graph/properties.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/iterator_facade.hpp>
#include <boost/property_map/function_property_map.hpp>
#include <boost/property_map/property_map.hpp>
#include <utility>

namespace stakemap::graph {

/// One adjacency of an analysis graph, seen as a BGL graph. Every stored entry is an out-edge, so a
/// view of U lists each undirected edge once from each end.
struct AdjacencyView {
    const Adjacency* adjacency = nullptr;
    std::size_t vertex_count = 0;
};

inline AdjacencyView out_view(const AnalysisGraph& g) {
    return {&g.out, g.vertex_count};
}
inline AdjacencyView in_view(const AnalysisGraph& g) {
    return {&g.in, g.vertex_count};
}
inline AdjacencyView undirected_view(const AnalysisGraph& g) {
    return {&g.undirected, g.vertex_count};
}

/// An entry of the adjacency: the edge from `source` stored at `slot`.
struct EdgeRef {
    Vertex source = 0;
    std::size_t slot = 0;
    bool operator==(const EdgeRef&) const = default;
};

class OutEdgeIterator : public boost::iterator_facade<OutEdgeIterator, EdgeRef,
                                                      boost::random_access_traversal_tag, EdgeRef> {
public:
    OutEdgeIterator() = default;
    OutEdgeIterator(Vertex source, std::size_t slot) : source_(source), slot_(slot) {}

private:
    friend class boost::iterator_core_access;
    EdgeRef dereference() const { return {source_, slot_}; }
    bool equal(const OutEdgeIterator& other) const { return slot_ == other.slot_; }
    void increment() { ++slot_; }
    void decrement() { --slot_; }
    void advance(std::ptrdiff_t n) {
        slot_ = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(slot_) + n);
    }
    std::ptrdiff_t distance_to(const OutEdgeIterator& other) const {
        return static_cast<std::ptrdiff_t>(other.slot_) - static_cast<std::ptrdiff_t>(slot_);
    }
    Vertex source_ = 0;
    std::size_t slot_ = 0;
};

struct AdjacencyViewTraversal : boost::vertex_list_graph_tag,
                                boost::incidence_graph_tag,
                                boost::adjacency_graph_tag {};

// ---- the BGL interface, found by argument-dependent lookup --------------------------------------

inline std::pair<boost::counting_iterator<Vertex>, boost::counting_iterator<Vertex>>
vertices(const AdjacencyView& g) {
    return {boost::counting_iterator<Vertex>(0),
            boost::counting_iterator<Vertex>(static_cast<Vertex>(g.vertex_count))};
}
inline std::size_t num_vertices(const AdjacencyView& g) {
    return g.vertex_count;
}
inline std::pair<OutEdgeIterator, OutEdgeIterator> out_edges(Vertex v, const AdjacencyView& g) {
    return {OutEdgeIterator(v, g.adjacency->offsets[v]),
            OutEdgeIterator(v, g.adjacency->offsets[v + 1])};
}
inline std::size_t out_degree(Vertex v, const AdjacencyView& g) {
    return g.adjacency->degree(v);
}
inline Vertex source(const EdgeRef& e, const AdjacencyView&) {
    return e.source;
}
inline Vertex target(const EdgeRef& e, const AdjacencyView& g) {
    return g.adjacency->neighbours[e.slot];
}
inline std::pair<const Vertex*, const Vertex*> adjacent_vertices(Vertex v, const AdjacencyView& g) {
    const auto row = g.adjacency->neighbours_of(v);
    return {row.data(), row.data() + row.size()};
}

/// Edge lengths (the distance policy applied to merged weights) as a readable property map.
inline auto length_map(const AdjacencyView& g) {
    const Adjacency* adjacency = g.adjacency;
    return boost::make_function_property_map<EdgeRef, double>(
        [adjacency](const EdgeRef& e) { return adjacency->lengths[e.slot]; });
}

/// Merged edge weights (tie strengths) as a readable property map.
inline auto weight_map(const AdjacencyView& g) {
    const Adjacency* adjacency = g.adjacency;
    return boost::make_function_property_map<EdgeRef, double>(
        [adjacency](const EdgeRef& e) { return adjacency->weights[e.slot]; });
}

inline boost::typed_identity_property_map<Vertex> get(boost::vertex_index_t, const AdjacencyView&) {
    return {};
}

} // namespace stakemap::graph

namespace boost {

template <>
struct graph_traits<stakemap::graph::AdjacencyView> {
    using vertex_descriptor = stakemap::graph::Vertex;
    using edge_descriptor = stakemap::graph::EdgeRef;
    using directed_category = directed_tag;
    using edge_parallel_category = disallow_parallel_edge_tag;
    using traversal_category = stakemap::graph::AdjacencyViewTraversal;
    using vertex_iterator = counting_iterator<stakemap::graph::Vertex>;
    using out_edge_iterator = stakemap::graph::OutEdgeIterator;
    using adjacency_iterator = const stakemap::graph::Vertex*;
    using vertices_size_type = std::size_t;
    using edges_size_type = std::size_t;
    using degree_size_type = std::size_t;
    static vertex_descriptor null_vertex() { return static_cast<vertex_descriptor>(-1); }
};

template <>
struct property_map<stakemap::graph::AdjacencyView, vertex_index_t> {
    using type = typed_identity_property_map<stakemap::graph::Vertex>;
    using const_type = type;
};

} // namespace boost
