#include "stakemap/error.hpp"
#include "stakemap/graph/analysis_graph.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <stdexcept>

using namespace stakemap;
using graph::Vertex;

namespace {

model::Map three_actors() {
    model::Map map;
    map.actors = {{.id = "a", .name = "A"}, {.id = "b", .name = "B"}, {.id = "c", .name = "C"}};
    return map;
}

model::Relation tie(const char* s, const char* t, double w, std::optional<bool> directed = {},
                    std::optional<std::string> type = {}) {
    model::Relation r;
    r.source = s;
    r.target = t;
    r.weight = w;
    r.directed = directed;
    r.type = std::move(type);
    return r;
}

} // namespace

//   a ==(2+3)== b --1-- c      two undirected relations a–b merge into one tie of weight 5
TEST_CASE("graph: undirected parallel relations merge by sum or max") {
    auto map = three_actors();
    map.relations = {tie("a", "b", 2), tie("b", "a", 3), tie("b", "c", 1)};
    const auto g = graph::build(map);
    CHECK_FALSE(g.directed);
    REQUIRE(g.edges.size() == 2);
    CHECK(g.edges[0].source == 0);
    CHECK(g.edges[0].target == 1);
    CHECK(g.edges[0].weight == 5.0);
    CHECK(std::ranges::equal(g.edges[0].relations, std::vector<std::uint32_t>{0, 1}));
    CHECK(g.out.degree(1) == 2);
    CHECK(g.in.degree(1) == 2);
    const auto g_max = graph::build(map, {.merge = graph::Merge::max});
    CHECK(g_max.edges[0].weight == 3.0);
    CHECK(g_max.undirected_edges[0].weight == 3.0);
}

//   a ==(1+2+4)== b, c alone: three relations of one pair (more than an edge holds in itself)
//   merge into one tie of weight 7 that lists all three, in map order
TEST_CASE("graph: a tie of three relations keeps all three") {
    auto map = three_actors();
    map.relations = {tie("b", "a", 1), tie("a", "b", 2), tie("c", "b", 3), tie("a", "b", 4)};
    const auto g = graph::build(map);
    REQUIRE(g.edges.size() == 2);
    CHECK(g.edges[0].weight == 7.0);
    CHECK(std::ranges::equal(g.edges[0].relations, std::vector<std::uint32_t>{0, 1, 3}));
    CHECK(std::ranges::equal(g.edges[1].relations, std::vector<std::uint32_t>{2}));
    CHECK(g.edges[1].weight == 3.0);
    const auto copy = g; // the relations are copied with the edge
    CHECK(std::ranges::equal(copy.undirected_edges[0].relations,
                             std::vector<std::uint32_t>{0, 1, 3}));
}

//   a --2--> b  and  a --1-- c (undirected): the map is directed, a–c becomes a→c and c→a
TEST_CASE("graph: one directed relation makes the map directed") {
    auto map = three_actors();
    map.relations = {tie("a", "b", 2, true), tie("a", "c", 1)};
    const auto g = graph::build(map);
    CHECK(g.directed);
    REQUIRE(g.edges.size() == 3);
    CHECK(g.out.degree(0) == 2);
    CHECK(g.in.degree(0) == 1);
    CHECK(g.out.degree(1) == 0);
    CHECK(g.in.neighbours_of(1)[0] == 0);
    // U: one edge per unordered pair.
    CHECK(g.undirected_edges.size() == 2);
    CHECK(g.undirected.degree(0) == 2);
}

//   a --2--> b, b --3--> a: two arcs in G, one edge of weight 5 in U
TEST_CASE("graph: the undirected projection sums relations, not arcs") {
    auto map = three_actors();
    map.relations = {tie("a", "b", 2, true), tie("b", "a", 3, true), tie("b", "c", 4, false)};
    const auto g = graph::build(map);
    CHECK(g.edges.size() == 4); // a→b, b→a, b→c, c→b
    REQUIRE(g.undirected_edges.size() == 2);
    CHECK(g.undirected_edges[0].weight == 5.0);
    CHECK(g.undirected_edges[1].weight == 4.0); // the undirected relation counts once
}

TEST_CASE("graph: the map's default direction applies to relations without one") {
    auto map = three_actors();
    map.directed = true;
    map.relations = {tie("a", "b", 1), tie("b", "c", 1, false)};
    const auto g = graph::build(map);
    CHECK(g.directed);
    CHECK(g.edges.size() == 3); // a→b, b→c, c→b
}

TEST_CASE("graph: layers (--types) and dates (--at) filter relations") {
    auto map = three_actors();
    map.relations = {tie("a", "b", 1, {}, "referral"), tie("b", "c", 1, true, "funding"),
                     tie("a", "c", 1)};
    map.relations[0].since = "2023-01-01";
    map.relations[0].until = "2024-01-01";
    const auto referral = graph::build(map, {.types = {"referral"}});
    CHECK(referral.relations_kept == 1);
    CHECK_FALSE(referral.directed); // only undirected relations are left
    CHECK(referral.vertex_count == 3);
    CHECK(graph::build(map, {.types = {"referral", "funding"}}).directed);
    CHECK(graph::build(map, {.at = "2023-01-01"}).relations_kept == 3);
    CHECK(graph::build(map, {.at = "2022-12-31"}).relations_kept == 2);
    CHECK(graph::build(map, {.at = "2024-01-01"}).relations_kept == 2); // until is excluded
    CHECK_THROWS_AS(graph::build(map, {.at = "2024-02-30"}), stakemap::UsageError);
}

TEST_CASE("graph: distance policies") {
    auto map = three_actors();
    map.relations = {tie("a", "b", 4)};
    CHECK(graph::build(map).edges[0].length == 0.25);
    CHECK(graph::build(map, {.distance = graph::Distance::unit}).edges[0].length == 1.0);
    CHECK(graph::build(map, {.distance = graph::Distance::weight}).edges[0].length == 4.0);
    CHECK(graph::build(map).out.lengths_of(1)[0] == 0.25);
}

TEST_CASE("graph: vertices follow the map's actor order and neighbour lists are sorted") {
    model::Map map;
    for (const char* id : {"z", "y", "x", "w"}) {
        map.actors.push_back({.id = id, .name = id});
    }
    map.relations = {tie("z", "w", 1), tie("z", "x", 1), tie("y", "z", 1)};
    const auto g = graph::build(map);
    CHECK(g.ids == std::vector<std::string>{"z", "y", "x", "w"});
    CHECK(g.vertex("x") == Vertex{2});
    CHECK_FALSE(g.vertex("nobody").has_value());
    const auto n = g.out.neighbours_of(0);
    CHECK(std::vector<Vertex>(n.begin(), n.end()) == std::vector<Vertex>{1, 2, 3});
}
