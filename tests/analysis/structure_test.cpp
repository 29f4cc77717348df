#include "stakemap/analysis/structure.hpp"

#include <doctest/doctest.h>

using namespace stakemap;

// a — b — c — d      b and c are cut actors; a–b, b–c and c–d are bridges until e closes the
//      \     /       triangle b–c–e: then only c (towards d) and b (towards a) still cut.
//        e
TEST_CASE("structure: cut actors and bridges") {
    model::Map map;
    for (const char* id : {"a", "b", "c", "d", "e", "f"}) {
        map.actors.push_back({.id = id, .name = id});
    }
    map.relations = {{.source = "a", .target = "b"},
                     {.source = "b", .target = "c"},
                     {.source = "c", .target = "d"}};
    auto g = graph::build(map);
    CHECK(analysis::cut_actors(g) == std::vector<bool>{false, true, true, false, false, false});
    CHECK(analysis::bridges(g) == std::vector<bool>{true, true, true});
    map.relations.push_back({.source = "b", .target = "e"});
    map.relations.push_back({.source = "e", .target = "c"});
    g = graph::build(map);
    CHECK(analysis::cut_actors(g) == std::vector<bool>{false, true, true, false, false, false});
    // undirected_edges sorted: a–b, b–c, b–e, c–d, c–e
    CHECK(analysis::bridges(g) == std::vector<bool>{true, false, false, true, false});
}

TEST_CASE("structure: a long chain does not overflow the stack") {
    model::Map map;
    for (int i = 0; i < 200000; ++i) {
        map.actors.push_back({.id = std::to_string(i), .name = "x"});
        if (i > 0) {
            map.relations.push_back({.source = std::to_string(i - 1), .target = std::to_string(i)});
        }
    }
    const auto cut = analysis::cut_actors(graph::build(map));
    CHECK_FALSE(cut.front());
    CHECK(cut[1]);
    CHECK_FALSE(cut.back());
}
