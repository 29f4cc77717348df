#include "stakemap/analysis/gaps.hpp"
#include "stakemap/io/diagnostics.hpp"
#include "stakemap/io/map_reader.hpp"
#include "stakemap/io/rules_reader.hpp"
#include "stakemap/io/vocabulary.hpp"

#include <algorithm>
#include <cmath>
#include <doctest/doctest.h>

using namespace stakemap;

namespace {

// inst2 — inst1 — hub — assoc1 — assoc2        lonely (no tie)
//
// inst1, inst2: public offices in area a offering information (inst1 speaks Italian);
// hub: cultural mediator in a, the only one offering mediation, speaks Chinese;
// assoc1 (speaks Chinese), assoc2: migrant associations in area b.
constexpr const char* chain_map = R"({
  "format": "stakemap/1",
  "areas": [{"id": "a"}, {"id": "b"}],
  "actors": [
    {"id": "inst1", "name": "Inst 1", "kind": "public_office", "area": "a",
     "services": ["information"], "languages": ["it"]},
    {"id": "inst2", "name": "Inst 2", "kind": "public_office", "area": "a",
     "services": ["information"]},
    {"id": "hub", "name": "Hub", "kind": "cultural_mediator", "area": "a",
     "services": ["cultural_mediation"], "languages": ["zh"]},
    {"id": "assoc1", "name": "Assoc 1", "kind": "migrant_association", "area": "b",
     "languages": ["zh"]},
    {"id": "assoc2", "name": "Assoc 2", "kind": "migrant_association", "area": "b"},
    {"id": "lonely", "name": "Lonely", "kind": "association"}
  ],
  "relations": [
    {"source": "inst1", "target": "inst2"}, {"source": "inst1", "target": "hub"},
    {"source": "hub", "target": "assoc1"}, {"source": "assoc1", "target": "assoc2"}
  ]
})";

model::Map read(const char* text) {
    auto result = io::read_map_text(text, "test.json");
    REQUIRE(result.ok());
    return *result.map;
}

analysis::GapsResult run(const model::Map& map, analysis::GapsOptions options = {}) {
    const auto vocabulary = io::default_vocabulary().merged_with(map);
    return analysis::find_gaps(map, vocabulary, graph::build(map), options);
}

std::size_t lose(const analysis::CutImpact& impact, const std::string& sector) {
    for (const auto& [s, count] : impact.lose_institutions) {
        if (s == sector) {
            return count;
        }
    }
    return 0;
}

} // namespace

TEST_CASE("gaps: components, isolates and cut actors in service terms") {
    const auto map = read(chain_map);
    const auto gaps = run(map);
    CHECK(gaps.components == 2);
    CHECK(gaps.largest_component == 5);
    CHECK(gaps.isolates == std::vector<std::size_t>{5});
    REQUIRE(gaps.cut_actors.size() == 3);
    // hub: {inst1, inst2} and {assoc1, assoc2} are equal; the piece with the search root stays.
    const auto& hub = gaps.cut_actors[0];
    CHECK(hub.actor == 2u);
    CHECK(hub.cut_off == 2);
    CHECK(hub.cut_off_actors == std::vector<std::size_t>{3, 4});
    CHECK(hub.areas == std::vector<std::pair<std::size_t, std::size_t>>{{1, 2}});
    CHECK(hub.services_lost == std::vector<std::string>{"cultural_mediation"});
    CHECK(hub.languages_lost == std::vector<std::string>{"zh"});
    CHECK(hub.lose_institutions_total == 2);
    CHECK(lose(hub, "community") == 2);
    // inst1: inst2 is cut off; the larger piece (hub, assoc1, assoc2) loses both institutions.
    const auto& inst1 = gaps.cut_actors[1];
    CHECK(inst1.actor == 0u);
    CHECK(inst1.cut_off == 1);
    CHECK(inst1.cut_off_actors == std::vector<std::size_t>{1});
    CHECK(inst1.services_lost == std::vector<std::string>{"information"});
    CHECK(inst1.languages_lost == std::vector<std::string>{"it"});
    CHECK(inst1.lose_institutions_total == 3);
    CHECK(lose(inst1, "bridge") == 1);
    CHECK(lose(inst1, "community") == 2);
    // assoc1: assoc2 alone; Chinese is still spoken by hub.
    const auto& assoc1 = gaps.cut_actors[2];
    CHECK(assoc1.actor == 3u);
    CHECK(assoc1.cut_off_actors == std::vector<std::size_t>{4});
    CHECK(assoc1.languages_lost.empty());
    CHECK(assoc1.lose_institutions_total == 1);
}

TEST_CASE("gaps: bridges and what each cuts off") {
    const auto map = read(chain_map);
    const auto gaps = run(map);
    // U's edges: 0 inst1–inst2, 1 inst1–hub, 2 hub–assoc1, 3 assoc1–assoc2.
    REQUIRE(gaps.bridges.size() == 4);
    CHECK(gaps.bridges[0].edge == 1u);
    CHECK(gaps.bridges[0].cut_off_actors == std::vector<std::size_t>{0, 1}); // the smaller side
    CHECK(gaps.bridges[0].services_lost == std::vector<std::string>{"information"});
    CHECK(gaps.bridges[0].lose_institutions_total == 3); // hub, assoc1, assoc2
    CHECK(gaps.bridges[1].edge == 2u);
    CHECK(gaps.bridges[1].cut_off_actors == std::vector<std::size_t>{3, 4});
    CHECK(gaps.bridges[1].languages_lost.empty()); // hub still speaks Chinese
    CHECK(gaps.bridges[2].edge == 0u);
    CHECK(gaps.bridges[2].services_lost.empty()); // inst1 still offers information
    CHECK(gaps.bridges[2].lose_institutions_total == 0);
    CHECK(gaps.bridges[3].edge == 3u);
}

TEST_CASE("gaps: group mixing and the E–I index (Krackhardt and Stern)") {
    const auto map = read(chain_map);
    const auto gaps = run(map);
    const auto& mixing = gaps.mixing;
    CHECK(mixing.groups ==
          std::vector<std::string>{"institution", "civil_society", "community", "bridge"});
    CHECK(mixing.sizes == std::vector<std::size_t>{2, 1, 2, 1});
    CHECK(mixing.ties[0][0] == 1); // inst1–inst2
    CHECK(mixing.ties[0][3] == 1); // inst1–hub
    CHECK(mixing.ties[3][0] == 1);
    CHECK(mixing.ties[2][3] == 1); // assoc1–hub
    CHECK(mixing.ties[2][2] == 1); // assoc1–assoc2
    CHECK(mixing.densities[0][0] == 1.0);
    CHECK(mixing.densities[0][3] == 0.5);
    CHECK(std::isnan(mixing.densities[1][1])); // one actor: no tie possible
    CHECK(mixing.ei[0] == 0.0);                // E 1, I 1
    CHECK(mixing.ei[2] == 0.0);
    CHECK(mixing.ei[3] == 1.0); // both of hub's ties leave its group
    CHECK(std::isnan(mixing.ei[1]));
    CHECK(mixing.overall_ei == 0.0); // 2 between, 2 within
    // community ↔ institution: no tie between, one inside each.
    CHECK(gaps.from_to_between == 0);
    CHECK(gaps.from_to_within == 2);
    CHECK(gaps.from_to_ei == -1.0);
}

TEST_CASE("gaps: actors that do not reach the target group within K steps") {
    const auto map = read(chain_map);
    auto gaps = run(map);
    REQUIRE(gaps.unreached.size() == 1);
    CHECK(gaps.unreached[0].actor == 4u);
    CHECK(gaps.unreached[0].steps == 3u);
    analysis::GapsOptions three;
    three.within = 3;
    CHECK(run(map, three).unreached.empty());
    analysis::GapsOptions from_all;
    from_all.from = {.kinds = {}, .sectors = {"civil_society"}, .levels = {}};
    gaps = run(map, from_all);
    REQUIRE(gaps.unreached.size() == 1);
    CHECK(gaps.unreached[0].actor == 5u);
    CHECK_FALSE(gaps.unreached[0].steps.has_value()); // lonely: no path at all
}

TEST_CASE("gaps: offices offering the same service in the same area without a relation") {
    auto map = read(chain_map);
    CHECK(run(map).overlaps.empty()); // inst1 and inst2 are tied
    map.relations.erase(map.relations.begin());
    const auto gaps = run(map);
    REQUIRE(gaps.overlaps.size() == 1);
    CHECK(gaps.overlaps[0].first == 0);
    CHECK(gaps.overlaps[0].second == 1);
    CHECK(gaps.overlaps[0].services == std::vector<std::string>{"information"});
    CHECK(gaps.overlaps[0].areas == std::vector<std::size_t>{0});
    CHECK(gaps.overlap_count == 1);
    analysis::GapsOptions capped;
    capped.overlap_limit = 0; // counted, not listed
    const auto counted = run(map, capped);
    CHECK(counted.overlaps.empty());
    CHECK(counted.overlap_count == 1);
}

TEST_CASE("gaps: expected-tie rules") {
    const auto map = read(chain_map);
    const auto rules = io::read_rules_text(R"({"format": "stakemap-rules/1", "rules": [
      {"id": "assoc-bridge", "every": {"kind": "migrant_association"}, "tied_to": {"sector": "bridge"}},
      {"id": "reach", "every": {"sector": "community"}, "reaches": {"sector": "institution"}},
      {"id": "consulta", "every": {"kind": "public_office"}, "tied_to": {"kind": "consulta"}},
      {"id": "area", "each_area": true, "every": {"sector": "institution"}, "tied_to": {"sector": "bridge"}},
      {"id": "self", "every": {"sector": "bridge"}, "tied_to": {"sector": "bridge"}},
      {"id": "peers", "every": {"sector": "institution"}, "reaches": {"sector": "institution"}, "within": 1}
    ]})",
                                           "rules.json");
    analysis::GapsOptions options;
    options.rules = &rules;
    const auto gaps = run(map, options);
    REQUIRE(gaps.rules.size() == 6);
    CHECK(gaps.rules[0].checked == 2);
    CHECK(gaps.rules[0].violating_actors == std::vector<std::size_t>{4}); // assoc2
    CHECK(gaps.rules[1].violating_actors == std::vector<std::size_t>{4}); // 3 steps > 2
    CHECK_FALSE(gaps.rules[2].applicable);                                // no consulta on the map
    CHECK(gaps.rules[2].violating_actors.empty());
    CHECK(gaps.rules[3].checked == 2);
    CHECK(gaps.rules[3].violating_areas == std::vector<std::size_t>{1});  // b: no institution
    CHECK(gaps.rules[4].violating_actors == std::vector<std::size_t>{2}); // not by itself
    CHECK(gaps.rules[5].violating_actors.empty()); // inst1 and inst2 reach each other
}

TEST_CASE("gaps: rules files are checked with positions") {
    try {
        io::read_rules_text("{\"format\": \"stakemap-rules/1\", \"rules\": [\n"
                            "  {\"id\": \"x\", \"every\": {\"colour\": \"red\"}}\n]}",
                            "r.json");
        FAIL("expected LoadError");
    } catch (const io::LoadError& error) {
        const auto& d = error.diagnostics();
        REQUIRE(d.size() == 2);
        CHECK(d[0].line == 2);
        CHECK(d[0].pointer == "/rules/0/every/colour");
        CHECK(d[1].message.find("tied_to") != std::string::npos);
    }
    CHECK_THROWS_AS(io::read_rules_text("{\"format\": \"x\", \"rules\": []}", "r.json"),
                    io::LoadError);
    CHECK(io::default_rules().rules.size() == 5);
    CHECK_THROWS_AS(io::read_rules_text(R"({"format": "stakemap-rules/1", "rules": [
      {"id": "x", "every": {"kind": []}, "tied_to": {"sector": "bridge"}}]})",
                                        "r.json"),
                    io::LoadError); // an empty list would match every actor
}

TEST_CASE("gaps: ids a rule names that nobody knows are reported") {
    const auto map = read(chain_map);
    const auto rules = io::read_rules_text(R"({"format": "stakemap-rules/1", "rules": [
      {"id": "typo", "every": {"kind": "migrant_asociation"}, "tied_to": {"sector": "bridge"}}]})",
                                           "r.json");
    analysis::GapsOptions options;
    options.rules = &rules;
    const auto gaps = run(map, options);
    REQUIRE(gaps.rules.size() == 1);
    CHECK(gaps.rules[0].checked == 0);
    CHECK(gaps.rules[0].unknown_ids == std::vector<std::string>{"kind:migrant_asociation"});
}

TEST_CASE("gaps: details go to the largest cut-offs first") {
    // A chain of 9 actors listed from the ends inwards: the middle actor cuts off most.
    model::Map map;
    for (const char* id : {"c1", "c9", "c2", "c8", "c3", "c7", "c4", "c6", "c5"}) {
        map.actors.push_back({.id = id, .name = id});
    }
    for (int i = 1; i < 9; ++i) {
        map.relations.push_back(
            {.source = "c" + std::to_string(i), .target = "c" + std::to_string(i + 1)});
    }
    analysis::GapsOptions options;
    options.detail_budget = 4; // enough for the middle actor only
    const auto gaps = run(map, options);
    REQUIRE(gaps.cut_actors.size() == 7);
    CHECK(map.actors[*gaps.cut_actors[0].actor].id == "c5");
    CHECK(gaps.cut_actors[0].cut_off == 4);
    CHECK(gaps.cut_actors[0].detailed);
    CHECK_FALSE(gaps.cut_actors[1].detailed);
    CHECK(gaps.cut_actors[1].cut_off == 3);
    const auto impact = analysis::cut_impact(map, io::default_vocabulary(), graph::build(map), 8);
    REQUIRE(impact.has_value());
    CHECK(impact->cut_off == 4);
    CHECK(impact->detailed);
    CHECK_FALSE(analysis::cut_impact(map, io::default_vocabulary(), graph::build(map), 0));
}

TEST_CASE("gaps: selectors from the command line") {
    const auto& vocabulary = io::default_vocabulary();
    CHECK(analysis::parse_selector("community", vocabulary).sectors ==
          std::vector<std::string>{"community"});
    CHECK(analysis::parse_selector("consulta", vocabulary).kinds ==
          std::vector<std::string>{"consulta"});
    const auto mixed = analysis::parse_selector("kind:help_desk,level:municipal", vocabulary);
    CHECK(mixed.kinds == std::vector<std::string>{"help_desk"});
    CHECK(mixed.levels == std::vector<std::string>{"municipal"});
    CHECK_THROWS_AS(analysis::parse_selector("martians", vocabulary), analysis::SelectorError);
    CHECK_THROWS_AS(analysis::parse_selector("kind:consultaa", vocabulary),
                    analysis::SelectorError);
    CHECK_THROWS_AS(analysis::parse_selector("sector:institutio", vocabulary),
                    analysis::SelectorError);
    CHECK_THROWS_AS(analysis::parse_selector("level:galactic", vocabulary),
                    analysis::SelectorError);
    CHECK_THROWS_AS(analysis::parse_selector("", vocabulary), analysis::SelectorError);
}

namespace {

analysis::SelectorError selector_error(const std::string& text, const model::Map* map = nullptr) {
    const auto vocabulary =
        map != nullptr ? io::default_vocabulary().merged_with(*map) : io::default_vocabulary();
    try {
        analysis::parse_selector(text, vocabulary, map);
    } catch (const analysis::SelectorError& error) {
        return error;
    }
    FAIL("no error for " << text);
    return {analysis::SelectorError::Problem::empty, "", {}};
}

bool has(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

} // namespace

TEST_CASE("gaps: a selector that cannot work says why, with what would") {
    using Problem = analysis::SelectorError::Problem;
    // Unknown ids: the candidates are written the way the item was (prefixed or bare).
    auto error = selector_error("kind:consultaa");
    CHECK(error.problem == Problem::unknown_kind);
    CHECK(error.item == "kind:consultaa");
    CHECK(has(error.candidates, "kind:consulta"));
    CHECK_FALSE(has(error.candidates, "consulta"));
    error = selector_error("institutio");
    CHECK(error.problem == Problem::unknown_id);
    CHECK(has(error.candidates, "institution"));
    CHECK(has(error.candidates, "consulta"));
    CHECK(selector_error("sector:institutio").problem == Problem::unknown_sector);
    CHECK(selector_error("level:galactic").problem == Problem::unknown_level);
    // With the map: areas and actors are named as such.
    const auto map = read(chain_map);
    CHECK(selector_error("b", &map).problem == Problem::area_id);
    CHECK(selector_error("hub", &map).problem == Problem::actor_id);
    // Known ids that select nobody on this map: the candidates are what its actors have.
    error = selector_error("consulta", &map);
    CHECK(error.problem == Problem::matches_nobody);
    CHECK(error.item == "consulta");
    CHECK(has(error.candidates, "migrant_association"));
    CHECK(has(error.candidates, "kind:migrant_association"));
    CHECK(has(error.candidates, "community"));
    CHECK_FALSE(has(error.candidates, "consulta"));
    // Without the map, the same selector is fine (defaults need not select anyone).
    CHECK_NOTHROW(analysis::parse_selector("consulta", io::default_vocabulary()));
    CHECK(analysis::parse_selector("community", io::default_vocabulary().merged_with(map), &map)
              .sectors == std::vector<std::string>{"community"});
}

// A main network of four Italian speakers, and apart from it a chain of three:
//
//   m1 — m2 — m3 — m4          p — u — s
//   it   it   it   it          –   ar  it
//                                  fa  ti
//
// Italian is listed by 5 of 7 actors: most of the map speaks it. When u stops, p stays (the
// piece holding the first actor of the chain, the pieces being equal) and s is cut off: p loses
// its only speakers of Arabic, Persian and Tigrinya, but not of Italian, which p does not list
// only because nobody lists the language everyone speaks. Before, "it" was reported lost.
constexpr const char* island_map = R"({
  "format": "stakemap/1",
  "actors": [
    {"id": "m1", "name": "M1", "languages": ["it"]}, {"id": "m2", "name": "M2", "languages": ["it"]},
    {"id": "m3", "name": "M3", "languages": ["it"]}, {"id": "m4", "name": "M4", "languages": ["it"]},
    {"id": "p", "name": "P"},
    {"id": "u", "name": "U", "languages": ["ar", "fa"]},
    {"id": "s", "name": "S", "languages": ["it", "ti"]}
  ],
  "relations": [
    {"source": "m1", "target": "m2"}, {"source": "m2", "target": "m3"},
    {"source": "m3", "target": "m4"}, {"source": "p", "target": "u"},
    {"source": "u", "target": "s"}
  ]
})";

TEST_CASE("gaps: a language most of the map speaks is never lost") {
    const auto map = read(island_map);
    CHECK(analysis::common_languages(map) == std::vector<std::string>{"it"});
    const auto gaps = run(map);
    const analysis::CutImpact* u = nullptr;
    for (const auto& impact : gaps.cut_actors) {
        u = map.actors[*impact.actor].id == "u" ? &impact : u;
    }
    REQUIRE(u != nullptr);
    CHECK(u->cut_off_actors == std::vector<std::size_t>{6}); // s
    CHECK(u->languages_lost == std::vector<std::string>{"ar", "fa", "ti"});
    // The tie u — s: s is the smaller side; p and u keep Arabic and Persian, lose Tigrinya.
    const analysis::CutImpact* us = nullptr;
    const auto graph = graph::build(map);
    for (const auto& impact : gaps.bridges) {
        const auto& edge = graph.undirected_edges[*impact.edge];
        us = map.actors[edge.source].id == "u" && map.actors[edge.target].id == "s" ? &impact : us;
    }
    REQUIRE(us != nullptr);
    CHECK(us->cut_off_actors == std::vector<std::size_t>{6});
    CHECK(us->languages_lost == std::vector<std::string>{"ti"});
    // In the chain map Italian is listed by one actor of six: not the map's language, so losing
    // its only speaker is reported (see the first test).
    CHECK(analysis::common_languages(read(chain_map)).empty());
}

TEST_CASE("gaps: the actors of every component other than the largest") {
    // The chain map (5 actors and an isolate) with a pair apart: {x, y}.
    auto map = read(chain_map);
    map.actors.push_back({.id = "x", .name = "X"});
    map.actors.push_back({.id = "y", .name = "Y"});
    map.relations.push_back({.source = "x", .target = "y"});
    const auto gaps = run(map);
    CHECK(gaps.components == 3);
    CHECK(gaps.largest_component == 5);
    // Larger first: the pair, then the isolate.
    CHECK(gaps.other_components == std::vector<std::vector<std::size_t>>{{6, 7}, {5}});
    // Two components of the same size: the one holding the first actor is the largest.
    model::Map pairs;
    for (const char* id : {"a1", "b1", "a2", "b2"}) {
        pairs.actors.push_back({.id = id, .name = id});
    }
    pairs.relations = {{.source = "a1", .target = "a2"}, {.source = "b1", .target = "b2"}};
    const auto two = run(pairs);
    CHECK(two.largest_component == 2);
    CHECK(two.other_components == std::vector<std::vector<std::size_t>>{{1, 3}});
}
