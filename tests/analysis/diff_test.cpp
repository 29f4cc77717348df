#include "stakemap/analysis/diff.hpp"
#include "stakemap/io/map_reader.hpp"

#include <cmath>
#include <doctest/doctest.h>

using namespace stakemap;

namespace {

model::Map read(const char* text) {
    auto result = io::read_map_text(text, "test.json");
    REQUIRE(result.ok());
    return *result.map;
}

// Two rounds of a small undirected map.
//
//   round 1 (2024)                       round 2 (2026)
//
//   a ==1== b                            a ==3== b        (r1 strengthened: weight 1 → 3)
//   |     /                              |  `.
//   1   2 (referral)                     1    1 (coordination, new)
//   | /                                  |      `.
//   c --1-- d --1-- e                    c --1-- d --1-- f   (c–d: a note added; f joined,
//                                                              e left; b–c ended)
//
// Actors: e left, f joined, c changed its services (d only reordered its languages: no change).
// Relations (identity: r1 by its id, the others by type and unordered ends):
//   added    a–d coordination, d–f information                                   2
//   removed  b–c referral, d–e information (e left with it)                      2
//   changed  r1 (weight), c–d collaboration (note); c–a information is a–c       2
// Ties among the actors of both rounds, {a, b, c, d} (6 possible pairs):
//   round 1: ab ac bc cd          round 2: ab ac cd ad
//   kept N11 = 3 (ab ac cd), removed N10 = 1 (bc), added N01 = 1 (ad)
//   Jaccard = N11 / (N01 + N10 + N11) = 3 / 5 = 0.6; Hamming = N01 + N10 = 2
//   correlation = (6·3 − 4·4) / √(4·2·4·2) = 2 / 8 = 0.25; strengthened: ab
constexpr const char* round_1 = R"({
  "format": "stakemap/1", "date": "2024-10-15",
  "actors": [
    {"id": "a", "name": "A"}, {"id": "b", "name": "B"},
    {"id": "c", "name": "C", "services": ["information"]},
    {"id": "d", "name": "D", "languages": ["it", "en"]}, {"id": "e", "name": "E"}
  ],
  "relations": [
    {"id": "r1", "source": "a", "target": "b", "type": "collaboration"},
    {"source": "a", "target": "c", "type": "information"},
    {"source": "b", "target": "c", "type": "referral", "weight": 2},
    {"source": "c", "target": "d", "type": "collaboration"},
    {"source": "d", "target": "e", "type": "information"}
  ]
})";

constexpr const char* round_2 = R"({
  "format": "stakemap/1", "date": "2026-10-15",
  "actors": [
    {"id": "a", "name": "A"}, {"id": "b", "name": "B"},
    {"id": "c", "name": "C", "services": ["information", "housing"]},
    {"id": "d", "name": "D", "languages": ["en", "it"]}, {"id": "f", "name": "F"}
  ],
  "relations": [
    {"id": "r1", "source": "a", "target": "b", "type": "collaboration", "weight": 3},
    {"source": "c", "target": "a", "type": "information"},
    {"source": "c", "target": "d", "type": "collaboration", "note": "weekly meetings"},
    {"source": "a", "target": "d", "type": "coordination"},
    {"source": "d", "target": "f", "type": "information"}
  ]
})";

const analysis::TypeChanges& type_entry(const analysis::MapDiff& diff, const char* type) {
    for (const auto& entry : diff.types) {
        if (entry.type && *entry.type == type) {
            return entry;
        }
    }
    FAIL("no type " << type);
    return diff.types.front();
}

} // namespace

TEST_CASE("diff: two rounds of a small map, counted by hand") {
    const auto before = read(round_1);
    const auto after = read(round_2);
    const auto diff = analysis::diff_maps(before, graph::build(before), after, graph::build(after));

    CHECK(diff.actors_added == std::vector<std::size_t>{4});   // f
    CHECK(diff.actors_removed == std::vector<std::size_t>{4}); // e
    REQUIRE(diff.actors_changed.size() == 1);
    CHECK(after.actors[diff.actors_changed[0].after].id == "c");
    CHECK(diff.actors_changed[0].fields == std::vector<std::string>{"services"});

    CHECK(diff.relations_added == std::vector<std::size_t>{3, 4});   // a–d, d–f
    CHECK(diff.relations_removed == std::vector<std::size_t>{2, 4}); // b–c, d–e
    REQUIRE(diff.relations_changed.size() == 2);
    CHECK(diff.relations_changed[0].before == 0);
    CHECK(diff.relations_changed[0].after == 0);
    CHECK(diff.relations_changed[0].fields == std::vector<std::string>{"weight"});
    CHECK(diff.relations_changed[1].before == 3);
    CHECK(diff.relations_changed[1].after == 2);
    CHECK(diff.relations_changed[1].fields == std::vector<std::string>{"note"});

    REQUIRE(diff.types.size() == 4);
    const auto& collaboration = type_entry(diff, "collaboration");
    CHECK(collaboration.before == 2);
    CHECK(collaboration.after == 2);
    CHECK(collaboration.changed == 2);
    const auto& information = type_entry(diff, "information");
    CHECK(information.before == 2);
    CHECK(information.after == 2);
    CHECK(information.added == 1);
    CHECK(information.removed == 1);
    CHECK(type_entry(diff, "coordination").added == 1);
    CHECK(type_entry(diff, "referral").removed == 1);
    CHECK(type_entry(diff, "referral").after == 0);

    const auto& stability = diff.stability;
    CHECK_FALSE(stability.directed);
    CHECK(stability.actors_compared == 4);
    CHECK(stability.ties_before == 4);
    CHECK(stability.ties_after == 4);
    CHECK(stability.kept == 3);
    CHECK(stability.removed == 1);
    CHECK(stability.added == 1);
    CHECK(stability.jaccard == doctest::Approx(0.6));
    CHECK(stability.hamming == 2);
    CHECK(stability.correlation == doctest::Approx(0.25));
    CHECK(stability.strengthened == 1);
    CHECK(stability.weakened == 0);
    CHECK(analysis::read_jaccard(stability.jaccard) == analysis::JaccardReading::stable);
    CHECK(analysis::tie_trend(stability) == analysis::TieTrend::turnover);
}

TEST_CASE("diff: the same map compared with itself has no change and Jaccard 1") {
    const auto map = read(round_1);
    const auto graph = graph::build(map);
    const auto diff = analysis::diff_maps(map, graph, map, graph);
    CHECK(diff.actors_added.empty());
    CHECK(diff.actors_removed.empty());
    CHECK(diff.actors_changed.empty());
    CHECK(diff.relations_added.empty());
    CHECK(diff.relations_removed.empty());
    CHECK(diff.relations_changed.empty());
    CHECK(diff.stability.jaccard == 1.0);
    CHECK(diff.stability.hamming == 0);
    CHECK(diff.stability.correlation == doctest::Approx(1.0));
    CHECK(analysis::tie_trend(diff.stability) == analysis::TieTrend::none);
}

TEST_CASE("diff: one map at two dates compares the relations in force on each") {
    // On 2023-06-01: a–b, b–c. On 2025-06-01: a–b, c–d (b–c ended on 2024-01-01, c–d started on
    // 2024-05-01). Actors are the same in both rounds: {a, b, c, d}.
    // kept 1 (ab), removed 1 (bc), added 1 (cd): Jaccard 1/3, Hamming 2.
    const auto map = read(R"({
      "format": "stakemap/1",
      "actors": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"},
                 {"id": "c", "name": "C"}, {"id": "d", "name": "D"}],
      "relations": [
        {"source": "a", "target": "b"},
        {"source": "b", "target": "c", "until": "2024-01-01"},
        {"source": "c", "target": "d", "since": "2024-05-01"}
      ]
    })");
    const auto early = graph::build(map, {.at = "2023-06-01"});
    const auto late = graph::build(map, {.at = "2025-06-01"});
    const auto diff = analysis::diff_maps(map, early, map, late);
    CHECK(diff.relations_added == std::vector<std::size_t>{2});
    CHECK(diff.relations_removed == std::vector<std::size_t>{1});
    CHECK(diff.relations_changed.empty());
    CHECK(diff.stability.actors_compared == 4);
    CHECK(diff.stability.jaccard == doctest::Approx(1.0 / 3.0));
    CHECK(diff.stability.hamming == 2);
    CHECK(analysis::read_jaccard(diff.stability.jaccard) == analysis::JaccardReading::stable);
}

TEST_CASE("diff: relation identity by id, by type and ends, and a change of direction") {
    const auto before = read(R"({
      "format": "stakemap/1",
      "actors": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}, {"id": "c", "name": "C"}],
      "relations": [
        {"id": "x1", "source": "a", "target": "b", "type": "referral"},
        {"id": "y1", "source": "b", "target": "c", "type": "information"},
        {"source": "a", "target": "c", "type": "collaboration"},
        {"source": "c", "target": "b", "type": "referral", "directed": true}
      ]
    })");
    // x1 moved to other ends but keeps its id: the same relation, source and target changed.
    // y1 became y2 on the same ends: both carry an id, different ones, so two relations.
    // a–c became directed a → c: the same relation, `directed` changed.
    // c → b became b → c: a reversed arc is another relation.
    const auto after = read(R"({
      "format": "stakemap/1",
      "actors": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}, {"id": "c", "name": "C"}],
      "relations": [
        {"id": "x1", "source": "a", "target": "c", "type": "referral"},
        {"id": "y2", "source": "b", "target": "c", "type": "information"},
        {"source": "a", "target": "c", "type": "collaboration", "directed": true},
        {"source": "b", "target": "c", "type": "referral", "directed": true}
      ]
    })");
    const auto diff = analysis::diff_maps(before, graph::build(before), after, graph::build(after));
    REQUIRE(diff.relations_changed.size() == 2);
    CHECK(diff.relations_changed[0].before == 0);
    CHECK(diff.relations_changed[0].fields == std::vector<std::string>{"target"});
    CHECK(diff.relations_changed[1].before == 2);
    CHECK(diff.relations_changed[1].after == 2);
    CHECK(diff.relations_changed[1].fields == std::vector<std::string>{"directed"});
    CHECK(diff.relations_added == std::vector<std::size_t>{1, 3});
    CHECK(diff.relations_removed == std::vector<std::size_t>{1, 3});

    // Ties are arcs, since both rounds have a directed relation; an undirected relation counts
    // both ways.
    //   before: x1 a⇄b, y1 b⇄c, a⇄c, c → b (merged into c⇄b) — arcs a→b b→a a→c c→a b→c c→b
    //   after: x1 a⇄c, y2 b⇄c, a → c (merged), b → c (merged) — arcs a→c c→a b→c c→b
    //   kept 4, removed 2 (a→b b→a), added 0: Jaccard 4/6, Hamming 2.
    CHECK(diff.stability.directed);
    CHECK(diff.stability.ties_before == 6);
    CHECK(diff.stability.ties_after == 4);
    CHECK(diff.stability.kept == 4);
    CHECK(diff.stability.removed == 2);
    CHECK(diff.stability.added == 0);
    CHECK(diff.stability.jaccard == doctest::Approx(4.0 / 6.0));
    CHECK(diff.stability.hamming == 2);
    CHECK(analysis::tie_trend(diff.stability) == analysis::TieTrend::shrinkage);
}

TEST_CASE("diff: field differences read defaults and ignore order in sets") {
    model::Actor actor{.id = "a", .name = "A"};
    model::Actor same = actor;
    same.kind = "actor"; // the default kind, written out
    CHECK(analysis::actor_differences(actor, same).empty());
    model::Actor other = actor;
    other.attributes["funding"] = 2.0;
    other.serves_all = true;
    CHECK(analysis::actor_differences(actor, other) ==
          std::vector<std::string>{"serves", "attributes.funding"});

    model::Map undirected;
    model::Map directed;
    directed.directed = true;
    const model::Relation relation{.source = "a", .target = "b"};
    model::Relation flipped = relation;
    std::swap(flipped.source, flipped.target);
    flipped.informants = {"y", "x"};
    model::Relation listed = relation;
    listed.informants = {"x", "y"};
    // b–a is a–b when undirected; the map's default direction counts.
    CHECK(analysis::relation_differences(undirected, listed, undirected, flipped).empty());
    CHECK(analysis::relation_differences(undirected, relation, directed, relation) ==
          std::vector<std::string>{"directed"});
    CHECK(analysis::relation_differences(directed, relation, directed, flipped) ==
          std::vector<std::string>{"source", "target", "informants"});
}

TEST_CASE("diff: RSiena's reading of the Jaccard index") {
    CHECK(analysis::read_jaccard(0.42) == analysis::JaccardReading::stable);
    CHECK(analysis::read_jaccard(0.3) == analysis::JaccardReading::stable);
    CHECK(analysis::read_jaccard(0.29) == analysis::JaccardReading::in_between);
    CHECK(analysis::read_jaccard(0.2) == analysis::JaccardReading::in_between);
    CHECK(analysis::read_jaccard(0.19) == analysis::JaccardReading::very_unstable);
    CHECK(analysis::read_jaccard(std::nan("")) == analysis::JaccardReading::undefined);
    CHECK(std::string(analysis::reading_id(analysis::JaccardReading::in_between)) == "in_between");
    // With no tie in either round the index is not defined.
    const auto empty = read(R"({"format": "stakemap/1",
      "actors": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}], "relations": []})");
    const auto stability = analysis::tie_stability(graph::build(empty), graph::build(empty));
    CHECK(std::isnan(stability.jaccard));
    CHECK(std::isnan(stability.correlation));
    CHECK(stability.hamming == 0);
}

TEST_CASE("diff: the actors whose measure moved most") {
    const auto before = read(round_1);
    const auto after = read(round_2);
    const auto old_graph = graph::build(before);
    const auto new_graph = graph::build(after);
    // Degree in round 1: a 2, b 2, c 3, d 2, e 1; round 2: a 3, b 1, c 2, d 3, f 1.
    const std::vector<double> old_degree{2, 2, 3, 2, 1};
    const std::vector<double> new_degree{3, 1, 2, 3, 1};
    const auto moves = analysis::largest_moves(old_graph, old_degree, new_graph, new_degree, 3);
    REQUIRE(moves.size() == 3);
    // Every change is ±1: the later map's order decides (a, b, c); d is left out by top = 3.
    CHECK(after.actors[moves[0].after].id == "a");
    CHECK(moves[0].old_value == 2);
    CHECK(moves[0].new_value == 3);
    CHECK(after.actors[moves[1].after].id == "b");
    CHECK(after.actors[moves[2].after].id == "c");
}

TEST_CASE("diff: gaps closed and opened, coverage per area") {
    const auto before = read(round_1);
    const auto after = read(round_2);
    analysis::GapsResult old_gaps;
    analysis::GapsResult new_gaps;
    old_gaps.cut_actors.push_back({.actor = 2}); // c
    old_gaps.cut_actors.push_back({.actor = 3}); // d
    old_gaps.isolates = {4};                     // e, which left
    new_gaps.cut_actors.push_back({.actor = 3}); // d, still
    new_gaps.cut_actors.push_back({.actor = 0}); // a, new as a cut actor
    new_gaps.unreached.push_back({.actor = 4});  // f, which joined
    const auto changes = analysis::compare_gaps(before, old_gaps, after, new_gaps);
    CHECK(changes.cut_actors.closed == std::vector<std::string>{"c"});
    CHECK(changes.cut_actors.opened == std::vector<std::string>{"a"});
    CHECK(changes.isolates.closed.empty());
    CHECK(changes.isolates.left == std::vector<std::string>{"e"});
    CHECK(changes.cut_actors.left.empty());
    CHECK(changes.isolates.opened.empty());
    CHECK(changes.unreached.closed.empty());
    CHECK(changes.unreached.opened == std::vector<std::string>{"f"});

    model::Map old_areas;
    old_areas.areas = {{.id = "north"}, {.id = "south"}};
    model::Map new_areas;
    new_areas.areas = {{.id = "south"}, {.id = "east"}};
    analysis::CoverageResult old_coverage;
    old_coverage.areas.resize(2);
    old_coverage.areas[0].area = 0;
    old_coverage.areas[0].score = 0.5;
    old_coverage.areas[1].area = 1;
    old_coverage.areas[1].score = 0.6;
    analysis::CoverageResult new_coverage;
    new_coverage.areas.resize(2);
    new_coverage.areas[0].area = 0;
    new_coverage.areas[0].score = 0.7;
    new_coverage.areas[1].area = 1;
    const auto scores =
        analysis::compare_coverage(old_areas, old_coverage, new_areas, new_coverage);
    REQUIRE(scores.size() == 3);
    CHECK(scores[0].before == 0.6); // south
    CHECK(scores[0].after == 0.7);
    CHECK_FALSE(scores[1].before_area); // east: new, no data yet
    CHECK_FALSE(scores[1].after);
    CHECK(scores[2].before_area == 0u); // north: gone
    CHECK_FALSE(scores[2].after_area);
    CHECK(scores[2].before == 0.5);
}
