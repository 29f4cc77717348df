#include "stakemap/analysis/coverage.hpp"
#include "stakemap/error.hpp"
#include "stakemap/io/map_reader.hpp"
#include "stakemap/io/vocabulary.hpp"
#include "stakemap/model/what_if.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

using namespace stakemap;
using analysis::DataGapKind;
using analysis::ScorePart;
using analysis::ServiceState;

namespace {

// A city with three neighbourhoods; every figure below is worked out by hand in the comments.
//
//   assoc-n — desk-n — office          assoc-s — mediator — far          lone (no relation)
//
// office   help desk (access point) in the city: serves every neighbourhood through its parent
// desk-n   help desk in north;  assoc-n  community association in north
// assoc-s  community association in south, marked access point, teaches Italian
// mediator cultural mediator serving "*";  far  housing in east only;  lone  employment, serves
// north
constexpr const char* city_map = R"({
  "format": "stakemap/1",
  "areas": [
    {"id": "city", "foreign_residents": 1000},
    {"id": "north", "parent": "city", "foreign_residents": 600,
     "languages": {"ar": 0.5, "bn": 0.3, "tl": 0.1}},
    {"id": "south", "parent": "city", "languages": {"ro": 0.6, "uk": 0.2}},
    {"id": "east", "parent": "city", "foreign_residents": 100}
  ],
  "actors": [
    {"id": "office", "name": "Office", "kind": "help_desk", "area": "city",
     "services": ["information", "registry"], "languages": ["it", "ar"], "capacity": 100},
    {"id": "desk-n", "name": "Desk North", "kind": "help_desk", "area": "north",
     "services": ["legal_permits"], "languages": ["bn"], "capacity": 50},
    {"id": "assoc-n", "name": "Association North", "kind": "migrant_association", "area": "north"},
    {"id": "assoc-s", "name": "Association South", "kind": "migrant_association", "area": "south",
     "access_point": true, "services": ["italian_courses"], "languages": ["ro"], "capacity": 30},
    {"id": "mediator", "name": "Mediator", "kind": "cultural_mediator", "serves": "*",
     "services": ["cultural_mediation"], "languages": ["zh"]},
    {"id": "far", "name": "Far", "kind": "association", "area": "east",
     "services": ["housing", "food_bank"], "capacity": 10},
    {"id": "lone", "name": "Lone", "kind": "public_office", "area": "south", "serves": ["north"],
     "services": ["employment"], "languages": ["tl"]}
  ],
  "relations": [
    {"source": "assoc-n", "target": "desk-n"}, {"source": "desk-n", "target": "office"},
    {"source": "assoc-s", "target": "mediator"}, {"source": "mediator", "target": "far"}
  ],
  "needs": [
    {"area": "north", "service": "legal_permits", "demand": 80, "languages": ["bn", "ar"]},
    {"area": "north", "service": "housing", "demand": 20},
    {"area": "north", "service": "information", "demand": 100},
    {"area": "south", "service": "italian_courses", "demand": 40, "languages": ["uk"]},
    {"area": "south", "service": "housing"},
    {"area": "city", "service": "registry", "demand": 10}
  ]
})";

model::Map read(const char* text) {
    auto result = io::read_map_text(text, "test.json");
    REQUIRE(result.ok());
    return *result.map;
}

analysis::CoverageResult run(const model::Map& map, const analysis::CoverageOptions& options = {}) {
    const auto vocabulary = io::default_vocabulary().merged_with(map);
    return analysis::coverage(map, vocabulary, graph::build(map), options);
}

const analysis::ServiceCell& cell(const analysis::CoverageResult& result, std::size_t area,
                                  const std::string& service) {
    for (const auto& c : result.areas[area].cells) {
        if (c.service == service) {
            return c;
        }
    }
    FAIL("no cell " << service);
    return result.areas[area].cells.front();
}

std::vector<std::string> ids(const model::Map& map, const std::vector<std::size_t>& actors) {
    std::vector<std::string> out;
    for (std::size_t a : actors) {
        out.push_back(map.actors[a].id);
    }
    return out;
}

bool has_gap(const analysis::AreaCoverage& area, DataGapKind kind,
             const std::string& subject = "") {
    for (const auto& gap : area.data_gaps) {
        if (gap.kind == kind && gap.subject == subject) {
            return true;
        }
    }
    return false;
}

constexpr std::size_t city = 0, north = 1, south = 2, east = 3;

} // namespace

TEST_CASE("coverage: matrix columns in vocabulary order, unknown services last") {
    const auto map = read(city_map);
    const auto result = run(map);
    CHECK(result.services == std::vector<std::string>{"information", "legal_permits", "registry",
                                                      "italian_courses", "cultural_mediation",
                                                      "housing", "employment", "food_bank"});
    for (const auto& area : result.areas) {
        CHECK(area.cells.size() == result.services.size());
    }
}

TEST_CASE("coverage: who serves an area — own area, serves list, parent areas and \"*\"") {
    const auto map = read(city_map);
    CHECK(analysis::serves_area(map, map.actors[0], north)); // office: city → north
    CHECK(analysis::serves_area(map, map.actors[0], city));
    CHECK_FALSE(analysis::serves_area(map, map.actors[1], city));  // desk-n: north only
    CHECK(analysis::serves_area(map, map.actors[4], east));        // mediator: "*"
    CHECK(analysis::serves_area(map, map.actors[6], north));       // lone: serves north
    CHECK_FALSE(analysis::serves_area(map, map.actors[6], south)); // …not where it sits
    const auto result = run(map);
    CHECK(ids(map, result.areas[north].providers) ==
          std::vector<std::string>{"office", "desk-n", "assoc-n", "mediator", "lone"});
    CHECK(ids(map, result.areas[south].providers) ==
          std::vector<std::string>{"office", "assoc-s", "mediator"});
    CHECK(ids(map, result.areas[east].providers) ==
          std::vector<std::string>{"office", "mediator", "far"});
    CHECK(ids(map, result.areas[city].providers) == std::vector<std::string>{"office", "mediator"});
}

TEST_CASE("coverage: service states and network reach within K steps") {
    const auto map = read(city_map);
    const auto result = run(map);
    // North: community assoc-n reaches desk-n (1 step) and office (2 steps).
    CHECK(cell(result, north, "information").state == ServiceState::present);
    CHECK(cell(result, north, "information").steps == 2u);
    CHECK_FALSE(cell(result, north, "information").local); // only from the city-wide office
    CHECK(cell(result, north, "legal_permits").state == ServiceState::present);
    CHECK(cell(result, north, "legal_permits").steps == 1u);
    CHECK(cell(result, north, "legal_permits").local);
    CHECK(cell(result, north, "italian_courses").state == ServiceState::missing);
    CHECK(cell(result, north, "cultural_mediation").state == ServiceState::unconnected);
    CHECK(cell(result, north, "housing").state == ServiceState::needed_missing);
    CHECK(cell(result, north, "employment").state == ServiceState::unconnected);
    // South: assoc-s offers Italian itself (0 steps), reaches mediator (1) and far (2).
    CHECK(cell(result, south, "italian_courses").state == ServiceState::present);
    CHECK(cell(result, south, "italian_courses").steps == 0u);
    CHECK(cell(result, south, "information").state == ServiceState::unconnected);
    CHECK(cell(result, south, "cultural_mediation").state == ServiceState::present);
    CHECK(cell(result, south, "housing").state == ServiceState::reachable);
    CHECK(cell(result, south, "housing").steps == 2u);
    CHECK(cell(result, south, "housing").reached == 5u); // far
    CHECK(cell(result, south, "legal_permits").state == ServiceState::missing);
    // Reach is judged for each community actor of the area.
    CHECK(ids(map, cell(result, north, "legal_permits").reached_by) ==
          std::vector<std::string>{"assoc-n"});
    CHECK(cell(result, north, "housing").reached_by.empty());
    // East has no community actor: nothing is reached, so what is offered is not connected.
    CHECK(result.areas[east].community_actors.empty());
    CHECK(cell(result, east, "information").state == ServiceState::unconnected);
    CHECK(cell(result, east, "housing").state == ServiceState::unconnected);
    CHECK_FALSE(cell(result, east, "housing").steps.has_value());
    CHECK(cell(result, east, "legal_permits").state == ServiceState::missing);

    analysis::CoverageOptions one_step;
    one_step.within = 1;
    const auto near = run(map, one_step);
    CHECK(cell(near, north, "information").state == ServiceState::unconnected);
    CHECK(cell(near, north, "legal_permits").state == ServiceState::present);
    CHECK(cell(near, south, "housing").state == ServiceState::needed_missing); // south needs it
}

TEST_CASE("coverage: reach counts half when only an actor elsewhere is reached") {
    // North also needs employment (demand 50), offered to it by lone, whom assoc-n does not
    // reach; assoc-n is tied to jobs (employment, in east) and to far (housing, in east).
    auto map = read(city_map);
    map.actors.push_back({.id = "jobs",
                          .name = "Jobs",
                          .kind = "employment_centre",
                          .area = "east",
                          .services = {"employment"}});
    map.relations.push_back({.source = "assoc-n", .target = "jobs"});
    map.relations.push_back({.source = "assoc-n", .target = "far"});
    map.needs.push_back({.area = "north", .service = "employment", .demand = 50});
    const auto result = run(map);
    const auto& employment = cell(result, north, "employment");
    CHECK(employment.state == ServiceState::unconnected);
    CHECK(employment.reached_elsewhere);
    CHECK_FALSE(employment.steps.has_value());
    CHECK(cell(result, north, "housing").state == ServiceState::reachable);
    // legal 80 × 1, housing 20 × ½, information 100 × 1, employment 50 × ½, over 250.
    CHECK(*result.areas[north].part(ScorePart::reach) == doctest::Approx(215.0 / 250.0));
    CHECK(*result.areas[north].part(ScorePart::services) == doctest::Approx(230.0 / 250.0));

    // Without lone, employment is reachable elsewhere only: reach keeps its ½, services lose it.
    model::WhatIf edit;
    edit.removed_actors = {"lone"};
    const auto without = run(model::apply(map, edit));
    CHECK(cell(without, north, "employment").state == ServiceState::reachable);
    CHECK(*without.areas[north].part(ScorePart::reach) == doctest::Approx(215.0 / 250.0));
    CHECK(*without.areas[north].part(ScorePart::services) == doctest::Approx(180.0 / 250.0));
    CHECK(*without.areas[north].score < *result.areas[north].score);
}

TEST_CASE("coverage: access points against the target, local and city-wide") {
    const auto map = read(city_map);
    const auto result = run(map);
    CHECK(ids(map, result.areas[north].access_points) == std::vector<std::string>{"desk-n"});
    CHECK(ids(map, result.areas[north].wider_access_points) ==
          std::vector<std::string>{"office", "mediator"});
    CHECK(ids(map, result.areas[south].access_points) == std::vector<std::string>{"assoc-s"});
    CHECK(result.areas[east].access_points.empty());
    CHECK(ids(map, result.areas[city].access_points) == std::vector<std::string>{"office"});
    CHECK(*result.areas[north].part(ScorePart::access) == doctest::Approx(1.0 / 3.0));
    CHECK(*result.areas[east].part(ScorePart::access) == 0.0);

    analysis::CoverageOptions one;
    one.access_target = 1;
    CHECK(*run(map, one).areas[north].part(ScorePart::access) == 1.0);
    analysis::CoverageOptions none;
    none.access_target = 0;
    CHECK(*run(map, none).areas[east].part(ScorePart::access) == 1.0);
}

TEST_CASE("coverage: languages of foreign residents spoken at access points") {
    const auto map = read(city_map);
    const auto result = run(map);
    const auto& n = result.areas[north];
    // ar 300 people (office speaks it), bn 180 (desk-n), tl 60 (nobody at an access point).
    REQUIRE(n.languages.size() == 3);
    CHECK(n.languages[0].language == "ar");
    CHECK(n.languages[0].people == doctest::Approx(300));
    CHECK(ids(map, n.languages[0].access_points) == std::vector<std::string>{"office"});
    CHECK(n.languages[2].language == "tl");
    CHECK(n.languages[2].access_points.empty());
    CHECK(n.languages[2].speakers_elsewhere == 1); // lone speaks it but is no access point
    CHECK(n.people_with_language == doctest::Approx(540));
    CHECK(n.people_covered == doctest::Approx(480));
    CHECK(*n.language_share == doctest::Approx(480.0 / 540.0));
    // South has shares but no head count: the share is taken over the recorded shares.
    CHECK(*result.areas[south].language_share == doctest::Approx(0.6 / 0.8));
    CHECK(has_gap(result.areas[south], DataGapKind::no_foreign_residents));
    auto nobody = map;
    nobody.areas[south].foreign_residents = 0; // zero residents: the shares still tell
    CHECK(*run(nobody).areas[south].language_share == doctest::Approx(0.6 / 0.8));
    CHECK_FALSE(result.areas[east].language_share.has_value());
    CHECK(has_gap(result.areas[east], DataGapKind::no_language_shares));
    // Need languages no provider of the service speaks.
    CHECK(cell(result, north, "legal_permits").need_languages ==
          std::vector<std::string>{"bn", "ar"});
    CHECK(cell(result, north, "legal_permits").unspoken_languages ==
          std::vector<std::string>{"ar"});
    CHECK(cell(result, south, "italian_courses").unspoken_languages ==
          std::vector<std::string>{"uk"});
}

TEST_CASE("coverage: need languages count in the score") {
    const auto map = read(city_map);
    const auto result = run(map);
    // North: only legal_permits lists languages (bn, ar); desk-n speaks bn: 1 of 2.
    CHECK(*result.areas[north].part(ScorePart::need_languages) == doctest::Approx(0.5));
    // South: italian_courses asks for uk, assoc-s speaks ro only.
    CHECK(*result.areas[south].part(ScorePart::need_languages) == 0.0);
    // City: its need lists no language: no data, flagged.
    CHECK_FALSE(result.areas[city].part(ScorePart::need_languages).has_value());
    CHECK(has_gap(result.areas[city], DataGapKind::no_need_languages));

    // A provider that speaks the missing language raises the part and the score.
    auto speaking = map;
    speaking.actors[1].languages.push_back("ar"); // desk-n
    const auto better = run(speaking);
    CHECK(*better.areas[north].part(ScorePart::need_languages) == 1.0);
    CHECK(*better.areas[north].score == doctest::Approx(*result.areas[north].score + 0.15 * 0.5));
}

TEST_CASE("coverage: supply against demand, and missing data flagged") {
    const auto map = read(city_map);
    const auto result = run(map);
    CHECK(cell(result, north, "legal_permits").supply == 50);
    CHECK(cell(result, north, "information").supply == 100);
    // legal 50 of 80, housing 0 of 20, information 100 of 100: (50 + 0 + 100) / 200.
    CHECK(*result.areas[north].part(ScorePart::supply) == doctest::Approx(0.75));
    CHECK(*result.areas[south].part(ScorePart::supply) == doctest::Approx(30.0 / 40.0));
    CHECK(has_gap(result.areas[south], DataGapKind::demand_unknown, "housing"));
    CHECK(has_gap(result.areas[east], DataGapKind::no_needs));
    CHECK_FALSE(result.areas[east].part(ScorePart::supply).has_value());

    // A provider without capacity adds nothing (flagged): legal 0 of 80, housing 0 of 20,
    // information 100 of 100. Leaving the need out instead would give 100 / 120, more than with
    // desk-n's 50 stated — a score that rises when data is lost.
    auto partial = map;
    partial.actors[1].capacity.reset(); // desk-n
    const auto unknown = run(partial);
    CHECK(has_gap(unknown.areas[north], DataGapKind::capacity_unknown, "legal_permits"));
    CHECK(*unknown.areas[north].part(ScorePart::supply) == doctest::Approx(100.0 / 200.0));

    // No provider states a capacity: not full marks (it was 1 when every need was left out).
    auto none = map;
    for (auto& actor : none.actors) {
        actor.capacity.reset();
    }
    CHECK(*run(none).areas[north].part(ScorePart::supply) == 0.0);
    CHECK(*run(none).areas[city].part(ScorePart::supply) == 0.0);

    // Needs without any demand: the supply part has no data.
    auto no_demand = map;
    for (auto& need : no_demand.needs) {
        need.demand.reset();
    }
    CHECK_FALSE(run(no_demand).areas[north].part(ScorePart::supply).has_value());
    CHECK(has_gap(run(no_demand).areas[north], DataGapKind::no_demand));
}

TEST_CASE("coverage: the score formula and the ranking") {
    const auto map = read(city_map);
    const auto result = run(map);
    const auto& n = result.areas[north];
    // North's needs, weighted by demand (every need states one): legal 80, housing 20,
    // information 100. Services: legal and information offered (180 of 200). Reach: assoc-n
    // reaches desk-n (legal, 1 step) and office (information, 2 steps), not housing: 180 of 200.
    CHECK(*n.part(ScorePart::services) == doctest::Approx(0.9));
    CHECK(*n.part(ScorePart::reach) == doctest::Approx(0.9));
    // 0.25·0.9 + 0.15·0.9 + 0.15·⅓ (access) + 0.15·480/540 (languages) + 0.15·0.5 (need
    // languages) + 0.15·0.75 (supply) = 0.7308333…
    const double north_score = 0.25 * 0.9 + 0.15 * 0.9 + 0.15 * (1.0 / 3.0) +
                               0.15 * (480.0 / 540.0) + 0.15 * 0.5 + 0.15 * 0.75;
    CHECK(north_score == doctest::Approx(0.7308333333));
    CHECK(*n.score == doctest::Approx(north_score));
    CHECK(*n.gap == doctest::Approx(1 - north_score));
    CHECK(*n.priority == doctest::Approx((1 - north_score) * 600)); // 161.5
    // South: needs weighted equally (housing has no demand). Services: Italian offered, housing
    // not: 0.5. Reach: Italian from its own provider (0 steps) 1, housing only elsewhere (far, 2
    // steps) ½: 0.75.
    const auto& s = result.areas[south];
    CHECK(*s.part(ScorePart::services) == doctest::Approx(0.5));
    CHECK(*s.part(ScorePart::reach) == doctest::Approx(0.75));
    CHECK(*s.score == doctest::Approx(0.25 * 0.5 + 0.15 * 0.75 + 0.15 / 3 + 0.15 * 0.75 + 0.15 * 0 +
                                      0.15 * 0.75)); // 0.5125
    CHECK_FALSE(s.priority.has_value());
    // East: only the access part has data, and it is 0.
    CHECK(*result.areas[east].score == 0.0);
    CHECK(*result.areas[east].priority == doctest::Approx(100));
    // City: its own registry need, offered (services 1) but no community actor reaches it
    // (reach 0), supply 100 ≥ 10, one local access point; need languages and languages have no
    // data: (0.25 + 0 + 0.15·⅓ + 0.15) / 0.7.
    CHECK(*result.areas[city].part(ScorePart::reach) == 0.0);
    CHECK(*result.areas[city].score == doctest::Approx((0.25 + 0.05 + 0.15) / 0.7));
    // Leaves only, by priority; the area without residents last.
    CHECK(result.ranking == std::vector<std::size_t>{north, east, south});

    analysis::CoverageOptions access_only;
    access_only.weights = {0, 0, 1, 0, 0, 0};
    CHECK(*run(map, access_only).areas[north].score == doctest::Approx(1.0 / 3.0));
    analysis::CoverageOptions negative;
    negative.weights.supply = -1;
    CHECK_THROWS_AS(run(map, negative), stakemap::UsageError);
    analysis::CoverageOptions zero;
    zero.weights = {0, 0, 0, 0, 0, 0};
    CHECK_THROWS_AS(run(map, zero), stakemap::UsageError);
}

TEST_CASE("coverage: an area where no part has data has no score") {
    const auto map = read(city_map);
    // Only the languages part counts: east has no language shares.
    analysis::CoverageOptions languages_only;
    languages_only.weights = {0, 0, 0, 1, 0, 0};
    const auto result = run(map, languages_only);
    CHECK_FALSE(result.areas[east].score.has_value());
    CHECK_FALSE(result.areas[east].gap.has_value());
    CHECK_FALSE(result.areas[east].priority.has_value());
    CHECK(*result.areas[north].score == doctest::Approx(480.0 / 540.0));
    // Without a score, east comes after south (which has a score but no residents).
    CHECK(result.ranking == std::vector<std::size_t>{north, south, east});
    // The roll-up averages the leaves that have a score (equal weights: south lacks residents).
    CHECK(*result.areas[city].rollup->score == doctest::Approx((480.0 / 540.0 + 0.75) / 2));
}

TEST_CASE("coverage: losing the only community actor never raises the score") {
    // The reported case: Soccorso's score rose from 0.868 to 0.92 without its migrant
    // association, because an area without community actors had its services counted as
    // reached. North has one community actor, assoc-n.
    const auto map = read(city_map);
    const auto before = run(map);
    model::WhatIf edit;
    edit.removed_actors = {"assoc-n"};
    const auto after = run(model::apply(map, edit));
    // Without assoc-n nothing is reached: reach 0.9 → 0, the other parts unchanged.
    CHECK(*after.areas[north].part(ScorePart::reach) == 0.0);
    CHECK(*after.areas[north].score == doctest::Approx(*before.areas[north].score - 0.15 * 0.9));
    CHECK(cell(after, north, "legal_permits").state == ServiceState::unconnected);
}

TEST_CASE("coverage: parent areas roll up their sub-areas") {
    const auto map = read(city_map);
    const auto result = run(map);
    const auto& c = result.areas[city];
    REQUIRE(c.rollup.has_value());
    CHECK(c.sub_areas == std::vector<std::size_t>{north, south, east});
    CHECK_FALSE(result.areas[north].rollup.has_value());
    const auto& r = *c.rollup;
    CHECK(r.leaves == std::vector<std::size_t>{north, south, east});
    CHECK(r.foreign_residents == 700);
    CHECK(r.leaves_without_residents == 1);
    CHECK(has_gap(c, DataGapKind::sub_area_residents));
    // South lacks residents, so the leaves weigh equally.
    CHECK(*r.score == doctest::Approx((*result.areas[north].score + *result.areas[south].score +
                                       *result.areas[east].score) /
                                      3));
    CHECK(ids(map, r.access_points) == std::vector<std::string>{"desk-n", "assoc-s"});
    CHECK(r.leaves_below_target == std::vector<std::size_t>{north, south, east});
    CHECK(*r.language_share == doctest::Approx(480.0 / 540.0));
    REQUIRE(r.uncovered_people.size() == 1);
    CHECK(r.uncovered_people[0].first == "tl");
    CHECK(r.uncovered_people[0].second == doctest::Approx(60));
    const std::size_t housing = 5;
    CHECK(r.state_counts[housing][static_cast<std::size_t>(ServiceState::needed_missing)] == 1);
    CHECK(r.state_counts[housing][static_cast<std::size_t>(ServiceState::reachable)] == 1);
    CHECK(r.state_counts[housing][static_cast<std::size_t>(ServiceState::unconnected)] == 1);
    CHECK(r.demand[housing] == 20.0);

    // With every leaf's residents known, weights are the residents.
    auto known = map;
    known.areas[south].foreign_residents = 300;
    const auto weighted = run(known);
    CHECK(*weighted.areas[city].rollup->score ==
          doctest::Approx((600 * *weighted.areas[north].score + 300 * *weighted.areas[south].score +
                           100 * *weighted.areas[east].score) /
                          1000));
}

TEST_CASE("coverage: --service keeps only the services asked for") {
    const auto map = read(city_map);
    analysis::CoverageOptions options;
    options.services = {"housing"};
    const auto result = run(map, options);
    CHECK(result.services == std::vector<std::string>{"housing"});
    CHECK(result.areas[north].cells.size() == 1);
    // Only the housing need counts: missing in north.
    CHECK(*result.areas[north].part(ScorePart::services) == 0.0);
}

TEST_CASE("coverage: a map without areas or needs") {
    model::Map map;
    map.actors.push_back({.id = "a", .name = "A", .services = {"information"}});
    const auto result = run(map);
    CHECK(result.areas.empty());
    CHECK(result.ranking.empty());
    CHECK(result.services == std::vector<std::string>{"information"});
}

// The examples, checked against a small computation written separately from the library: the
// raw JSON read with nlohmann, areas and services compared as plain sets.
TEST_CASE("coverage: examples agree with an independent computation") {
    for (const char* name : {"prato", "roma-municipio-ii", "unione-comuni"}) {
        CAPTURE(name);
        const std::string path =
            std::string(STAKEMAP_SOURCE_DIR) + "/examples/" + name + "/map.json";
        std::ifstream file(path);
        const auto raw = nlohmann::json::parse(file);
        const auto map = io::load_map(path);
        const auto vocabulary = io::default_vocabulary().merged_with(map);
        const auto result = analysis::coverage(map, vocabulary, graph::build(map));

        std::map<std::string, std::string> parent;
        for (const auto& area : raw["areas"]) {
            if (area.contains("parent")) {
                parent[area["id"]] = area["parent"];
            }
        }
        auto chain = [&](std::string area) {
            std::set<std::string> out{area};
            while (parent.count(area) != 0) {
                area = parent[area];
                out.insert(area);
            }
            return out;
        };
        std::map<std::string, bool> kind_access;
        for (const auto& kind : vocabulary.kinds) {
            kind_access[kind.id] = kind.access_point;
        }
        std::size_t needs_seen = 0;
        for (std::size_t a = 0; a < map.areas.size(); ++a) {
            const std::string id = raw["areas"][a]["id"];
            CAPTURE(id);
            const auto up = chain(id);
            std::set<std::string> offered;
            std::size_t local_points = 0;
            std::set<std::string> point_languages;
            for (const auto& actor : raw["actors"]) {
                std::vector<std::string> serves;
                bool everywhere = false;
                if (actor.contains("serves")) {
                    if (actor["serves"].is_string()) {
                        everywhere = true;
                    } else {
                        for (const auto& s : actor["serves"]) {
                            everywhere = everywhere || s == "*";
                            serves.push_back(s);
                        }
                    }
                } else if (actor.contains("area")) {
                    serves.push_back(actor["area"]);
                }
                bool serving = everywhere;
                for (const auto& s : serves) {
                    serving = serving || up.count(s) != 0;
                }
                if (!serving) {
                    continue;
                }
                for (const auto& s : actor.value("services", nlohmann::json::array())) {
                    offered.insert(s);
                }
                const bool point = actor.contains("access_point")
                                       ? actor["access_point"].get<bool>()
                                       : kind_access[actor.value("kind", "actor")];
                if (!point) {
                    continue;
                }
                for (const auto& l : actor.value("languages", nlohmann::json::array())) {
                    point_languages.insert(l);
                }
                const bool located = actor.value("area", "") == id;
                const bool named = std::find(serves.begin(), serves.end(), id) != serves.end();
                local_points += (located || named) ? 1 : 0;
            }
            std::set<std::string> present;
            for (const auto& c : result.areas[a].cells) {
                if (!c.providers.empty()) {
                    present.insert(c.service);
                }
            }
            CHECK(present == offered);
            CHECK(result.areas[a].access_points.size() == local_points);
            const auto& shares = raw["areas"][a].value("languages", nlohmann::json::object());
            double recorded = 0;
            double covered = 0;
            for (const auto& [code, share] : shares.items()) {
                recorded += share.get<double>();
                covered += point_languages.count(code) != 0 ? share.get<double>() : 0.0;
            }
            if (recorded > 0) {
                CHECK(*result.areas[a].language_share == doctest::Approx(covered / recorded));
            }
            // Every need of the area is in the matrix, marked needed: none is ignored.
            for (const auto& need : raw["needs"]) {
                if (need["area"] == id) {
                    ++needs_seen;
                    bool found = false;
                    for (const auto& c : result.areas[a].cells) {
                        found = found || (c.service == need["service"] && c.needed &&
                                          c.demand == need.value("demand", -1.0));
                    }
                    CHECK_MESSAGE(found, need.dump());
                }
            }
        }
        CHECK(needs_seen == raw["needs"].size());
        CHECK(!raw["needs"].empty());
    }
}
