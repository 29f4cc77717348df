// The words of `coverage`: catalogue sentences with plurals and articles, labels instead of ids,
// numbers written for people, "no data" where the data do not allow a figure, and JSON that keeps
// numbers as numbers (null for no data).

#include "stakemap/report/coverage_report.hpp"

#include "stakemap/io/map_reader.hpp"
#include "stakemap/io/vocabulary.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <string>

using namespace stakemap;
using analysis::ServiceState;

namespace {

// North: 1,650 foreign residents; one local access point (desk-n) of 3, two city-wide ones
// (office, mediator); ar 825 (office speaks it), bn 495 (desk-n), tl 165 (nobody); needs legal
// 80 (bn, ar), housing 20 (nobody offers or reaches it), information 100. South: shares only.
constexpr const char* city_map = R"({
  "format": "stakemap/1",
  "areas": [
    {"id": "city", "name": "Città", "foreign_residents": 1000},
    {"id": "north", "name": "Nord", "parent": "city", "foreign_residents": 1650,
     "languages": {"ar": 0.5, "bn": 0.3, "tl": 0.1}},
    {"id": "south", "name": "Sud", "parent": "city", "languages": {"ro": 0.6, "uk": 0.2}},
    {"id": "east", "name": "Est", "parent": "city", "foreign_residents": 100}
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

struct Fixture {
    model::Map map;
    model::Vocabulary vocabulary;
    report::CoverageReport report;

    explicit Fixture(const analysis::CoverageOptions& options = {}) {
        auto result = io::read_map_text(city_map, "test.json");
        REQUIRE(result.ok());
        map = *result.map;
        vocabulary = io::default_vocabulary().merged_with(map);
        report.map = &map;
        report.vocabulary = &vocabulary;
        report.coverage = analysis::coverage(map, vocabulary, graph::build(map), options);
        for (std::size_t a = 0; a < map.areas.size(); ++a) {
            report.shown.push_back(a);
        }
    }

    /// The reading of one area (they start with its name).
    std::string reading(const std::string& name, model::Language language) const {
        for (const auto& paragraph : report::coverage_readings(report, language)) {
            if (paragraph.rfind(name + " (", 0) == 0) {
                return paragraph;
            }
        }
        FAIL("no reading for " << name);
        return "";
    }
};

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("coverage report: Italian readings — numbers, plurals, articles, labels") {
    const Fixture fixture;
    const std::string north = fixture.reading("Nord", model::Language::it);
    CAPTURE(north);
    // North's score: 0.25·0.9 + 0.15·0.9 + 0.15·⅓ + 0.15·1320/1485 + 0.15·0.5 + 0.15·0.75 =
    // 0.7308… (see tests/analysis/coverage_test.cpp).
    CHECK(has(north, "Nord (1.650 residenti stranieri; punteggio 0,731): "));
    CHECK(has(north, "1 punto di accesso su 3 (Desk North)"));
    CHECK(
        has(north, "anche 2 punti di accesso di livello comunale o sovracomunale servono l'area"));
    CHECK_FALSE(has(north, "cittadin"));
    // tl: 0.1 × 1650 = 165 people; lone speaks it but is no access point.
    CHECK(has(north, "165 residenti parlano tagalog, che nessun punto di accesso parla (lo parla "
                     "1 altro attore della mappa)"));
    // Labels, not ids, inside sentences.
    CHECK(has(north, "«Casa»: bisogno rilevato (domanda 20)"));
    CHECK_FALSE(has(north, "housing"));
    CHECK_FALSE(has(north, "legal_permits"));
    CHECK(has(north, "bisogno senza un fornitore che parli la lingua richiesta: Consulenza legale "
                     "su permessi di soggiorno (arabo)"));
    // Supply (50 + 0 + 100) / 200 = 75%.
    CHECK(has(north, "l'offerta nota copre il 75% della domanda"));

    // South has shares but no head count: "il 20%" of residents speak Ukrainian.
    const std::string south = fixture.reading("Sud", model::Language::it);
    CAPTURE(south);
    CHECK(has(south, "il 20% dei residenti stranieri parla ucraino"));
    // Housing: only reachable, through Mediator and Far: 2 steps.
    CHECK(has(south, "in 2 passaggi (Far)"));

    // City: the roll-up; languages covered for 1320 of 1485 people = 88.9%: "l'88,9%".
    const std::string city = fixture.reading("Città", model::Language::it);
    CAPTURE(city);
    CHECK(has(city, "l'88,9% dei residenti stranieri delle sotto-aree"));
    CHECK(has(city, "2 punti di accesso in 3 sotto-aree"));
}

TEST_CASE("coverage report: an area without community actors is said to be unconnected") {
    const Fixture fixture;
    const std::string east = fixture.reading("Est", model::Language::en);
    CAPTURE(east);
    CHECK(has(east, "no community actor serves the area"));
    // No needs and no language shares: those parts are "no data", listed by label.
    CHECK(has(east, "no data for services offered, reach, residents' languages, need languages "
                    "and supply"));
    CHECK(report::coverage_state_label(ServiceState::unconnected, model::Language::it) ==
          "presente, nessun attore di comunità collegato");
    CHECK(report::coverage_state_symbol(ServiceState::present, false) == "○");
    CHECK(report::coverage_state_symbol(ServiceState::needed_missing) == "✘");
}

TEST_CASE("coverage report: the ranking shows priority beside the rank") {
    const Fixture fixture;
    const auto table = report::coverage_ranking_table(fixture.report, model::Language::it);
    REQUIRE(table.columns.size() == 8);
    CHECK(table.columns[0] == "#");
    CHECK(table.columns[2] == "priorità");
    REQUIRE(table.rows.size() == 3);
    // North: (1 − 0.7308333) × 1650 = 444.1 → "444"; east: 1 × 100; south: no residents.
    CHECK(table.rows[0][1] == "Nord");
    CHECK(table.rows[0][2] == "444");
    CHECK(table.rows[0][3] == "1.650");
    CHECK(table.rows[1][2] == "100");
    CHECK(table.rows[2][1] == "Sud");
    CHECK(table.rows[2][2] == "n.d.");
    CHECK(table.rows[2][3] == "n.d.");
    CHECK(has(table.rows[0][7], "Casa ✘"));

    const auto json = report::coverage_results(fixture.report);
    const auto& first = json["ranking"][0];
    CHECK(first["rank"] == 1);
    CHECK(first["area"] == "north");
    CHECK(first["priority"].is_number());
    CHECK(first["priority"].get<double>() == doctest::Approx(1650 * (1 - 0.7308333333)));
    CHECK(json["ranking"][2]["priority"].is_null());
}

TEST_CASE("coverage report: no data is null in JSON and n.d. in tables, never full marks") {
    // Only the residents' languages count: east has no shares, so it has no score at all.
    analysis::CoverageOptions options;
    options.weights = {0, 0, 0, 1, 0, 0};
    const Fixture fixture(options);
    const auto json = report::coverage_results(fixture.report);
    const auto& east = json["areas"][3];
    CHECK(east["id"] == "east");
    CHECK(east["score"].is_null());
    CHECK(east["gap"].is_null());
    CHECK(east["priority"].is_null());
    CHECK(east["parts"]["languages"].is_null());
    CHECK(east["parts"]["access"] == 0.0);
    bool no_shares = false;
    for (const auto& gap : east["missing_data"]) {
        no_shares = no_shares || gap["code"] == "no_language_shares";
    }
    CHECK(no_shares);
    // Every figure the tables show is a number (or null) in JSON, never preformatted text.
    for (const auto& area : json["areas"]) {
        CHECK((area["score"].is_number() || area["score"].is_null()));
        CHECK(area["access_points"]["count"].is_number());
        CHECK(area["access_points"]["target"].is_number());
        CHECK((area["languages"]["covered_share"].is_number() ||
               area["languages"]["covered_share"].is_null()));
        for (const auto& [part, value] : area["parts"].items()) {
            CAPTURE(part);
            CHECK((value.is_number() || value.is_null()));
        }
    }

    const auto parts = report::coverage_parts_table(fixture.report, model::Language::it);
    bool found = false;
    for (const auto& row : parts.rows) {
        if (row[0] == "Est") {
            found = true;
            CHECK(row[1] == "n.d.");
        }
    }
    CHECK(found);
    CHECK(has(fixture.reading("Est", model::Language::it), "punteggio: n.d."));
    CHECK(has(fixture.reading("Est", model::Language::en), "score: no data"));
}

TEST_CASE("coverage report: score changes name areas and write numbers for people") {
    const Fixture fixture;
    auto without = fixture.map;
    without.actors.erase(without.actors.begin() + 2); // assoc-n
    without.relations.erase(without.relations.begin());
    const auto after = analysis::coverage(without, fixture.vocabulary, graph::build(without));
    // North loses its reach (0.9 × 0.15): 0.7308 → 0.5958.
    CHECK(report::coverage_changes_text(fixture.map, fixture.report.coverage, after,
                                        model::Language::it) == "Nord 0,731 → 0,596");
    CHECK(report::coverage_changes_text(fixture.map, fixture.report.coverage,
                                        fixture.report.coverage,
                                        model::Language::it) == "nessun punteggio cambia");
}
