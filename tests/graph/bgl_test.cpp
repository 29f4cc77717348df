#include "stakemap/graph/bgl.hpp"

#include "stakemap/io/map_reader.hpp"

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <doctest/doctest.h>
#include <limits>
#include <vector>

using namespace stakemap;

// a–b weight 1, b–c weight 4, a–c weight 2, c–d weight 1; with inverse distance the lengths are
// a–b 1, b–c 0.25, a–c 0.5, c–d 1, so from a: b 0.75 (via c), c 0.5, d 1.5.
TEST_CASE("bgl: Dijkstra and BFS run on the analysis graph through the view") {
    model::Map map;
    for (const char* id : {"a", "b", "c", "d"}) {
        map.actors.push_back({.id = id, .name = id});
    }
    map.relations = {{.source = "a", .target = "b", .weight = 1.0},
                     {.source = "b", .target = "c", .weight = 4.0},
                     {.source = "a", .target = "c", .weight = 2.0},
                     {.source = "c", .target = "d", .weight = 1.0}};
    const auto g = graph::build(map);
    const auto view = graph::undirected_view(g);
    CHECK(num_vertices(view) == 4);
    CHECK(out_degree(graph::Vertex{2}, view) == 3);

    std::vector<double> distance(4);
    boost::dijkstra_shortest_paths(view, graph::Vertex{0},
                                   boost::weight_map(graph::length_map(view))
                                       .distance_map(boost::make_iterator_property_map(
                                           distance.begin(), get(boost::vertex_index, view))));
    CHECK(distance == std::vector<double>{0.0, 0.75, 0.5, 1.5});

    std::vector<std::size_t> hops(4, 0);
    boost::breadth_first_search(
        view, graph::Vertex{3},
        boost::visitor(boost::make_bfs_visitor(boost::record_distances(
            boost::make_iterator_property_map(hops.begin(), get(boost::vertex_index, view)),
            boost::on_tree_edge()))));
    CHECK(hops == std::vector<std::size_t>{2, 2, 1, 0});
}

TEST_CASE("bgl: a directed view follows arcs only") {
    model::Map map;
    for (const char* id : {"a", "b", "c"}) {
        map.actors.push_back({.id = id, .name = id});
    }
    map.relations = {{.source = "a", .target = "b", .directed = true},
                     {.source = "b", .target = "c", .directed = true}};
    const auto g = graph::build(map);
    const auto out = graph::out_view(g);
    const auto in = graph::in_view(g);
    auto [first, last] = adjacent_vertices(graph::Vertex{1}, out);
    REQUIRE(last - first == 1);
    CHECK(*first == 2);
    auto [in_first, in_last] = adjacent_vertices(graph::Vertex{1}, in);
    REQUIRE(in_last - in_first == 1);
    CHECK(*in_first == 0);
    const auto [e, end] = out_edges(graph::Vertex{0}, out);
    CHECK(target(*e, out) == 1);
    CHECK(get(graph::weight_map(out), *e) == 1.0);
}
