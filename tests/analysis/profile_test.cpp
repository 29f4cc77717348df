#include "stakemap/analysis/profile.hpp"
#include "stakemap/io/vocabulary.hpp"

#include <doctest/doctest.h>

using namespace stakemap;

namespace {

model::Actor scored(const char* id, int power, int interest, int legitimacy, int urgency) {
    model::Actor actor{.id = id, .name = id};
    actor.power = power;
    actor.interest = interest;
    actor.legitimacy = legitimacy;
    actor.urgency = urgency;
    return actor;
}

} // namespace

// hub — a, hub — b, a — b, hub — leaf: hub is a cut actor (leaf hangs on it).
TEST_CASE("profile: quadrant, salience, ego network and what is lost") {
    model::Map map;
    map.actors = {scored("hub", 5, 5, 4, 4), scored("a", 4, 2, 4, 1), scored("b", 2, 4, 1, 5),
                  scored("leaf", 1, 1, 1, 1)};
    map.actors[0].services = {"housing"};
    map.actors[0].languages = {"ti"};
    map.actors[3].languages = {"ti"};
    map.actors[3].kind = "migrant_association";
    map.relations = {{.source = "hub", .target = "a"},
                     {.source = "hub", .target = "b"},
                     {.source = "a", .target = "b"},
                     {.source = "hub", .target = "leaf"}};
    const auto vocabulary = io::default_vocabulary().merged_with(map);
    const auto graph = graph::build(map);
    const auto hub = analysis::profile(map, vocabulary, graph, 0);
    CHECK(hub.quadrant == "manage_closely");
    CHECK(hub.salience == "definitive");
    CHECK(hub.neighbours == std::vector<std::size_t>{1, 2, 3});
    CHECK(hub.ties_among_neighbours == 1);
    CHECK(hub.ego_density == doctest::Approx(1.0 / 3.0));
    REQUIRE(hub.cut.has_value());
    CHECK(hub.cut->cut_off_actors == std::vector<std::size_t>{3});
    CHECK(hub.only_services == std::vector<std::string>{"housing"});
    CHECK(hub.only_languages.empty()); // leaf speaks Tigrinya too
    for (const auto& m : hub.measures) {
        if (m.measure == analysis::Measure::degree) {
            CHECK(m.value == 3);
            CHECK(m.rank == 1);
        }
    }
    const auto a = analysis::profile(map, vocabulary, graph, 1);
    CHECK(a.quadrant == "keep_satisfied");
    CHECK(a.salience == "dominant");
    CHECK_FALSE(a.cut.has_value());
    const auto b = analysis::profile(map, vocabulary, graph, 2);
    CHECK(b.quadrant == "keep_informed");
    CHECK(b.salience == "demanding");
    const auto leaf = analysis::profile(map, vocabulary, graph, 3);
    CHECK(leaf.quadrant == "monitor");
    CHECK(leaf.salience == "non_stakeholder");
    map.actors[3].urgency.reset();
    CHECK_FALSE(analysis::profile(map, vocabulary, graph, 3).salience.has_value());
}

// a ⇄ b on a directed map (two relations, one each way), b — c: a has directed degree 2 but one
// partner; b has three arcs... and two partners. d and e are isolated.
TEST_CASE("profile: partners are distinct actors of U, ranks treat rounding noise as zero") {
    model::Map map;
    map.directed = true;
    for (const char* id : {"a", "b", "c", "d", "e"}) {
        map.actors.push_back({.id = id, .name = id});
    }
    map.relations = {{.source = "a", .target = "b"},
                     {.source = "b", .target = "a"},
                     {.source = "b", .target = "c"}};
    const auto vocabulary = io::default_vocabulary().merged_with(map);
    const auto graph = graph::build(map);
    const auto a = analysis::profile(map, vocabulary, graph, 0);
    CHECK(a.neighbours == std::vector<std::size_t>{1});
    for (const auto& m : a.measures) {
        if (m.measure == analysis::Measure::degree) {
            CHECK(m.value == 2); // two arcs, one partner
        }
    }
    const auto b = analysis::profile(map, vocabulary, graph, 1);
    CHECK(b.neighbours == std::vector<std::size_t>{0, 2});
    // The isolated d and e tie on every measure: both ranked after the three tied actors.
    const auto d = analysis::profile(map, vocabulary, graph, 3);
    const auto e = analysis::profile(map, vocabulary, graph, 4);
    REQUIRE(d.measures.size() == e.measures.size());
    for (std::size_t i = 0; i < d.measures.size(); ++i) {
        CAPTURE(analysis::measure_key(d.measures[i].measure));
        CHECK(d.measures[i].rank == e.measures[i].rank);
        if (d.measures[i].measure == analysis::Measure::eigenvector) {
            CHECK(d.measures[i].rank == 4);
            CHECK(d.measures[i].largest > 0.0);
        }
    }
}
