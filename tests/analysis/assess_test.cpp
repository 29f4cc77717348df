#include "stakemap/analysis/assess.hpp"
#include "stakemap/io/map_reader.hpp"
#include "stakemap/io/rubric_reader.hpp"
#include "stakemap/io/vocabulary.hpp"
#include "stakemap/report/assess_report.hpp"
#include "stakemap/report/document.hpp"
#include "stakemap/report/input.hpp"

#include <doctest/doctest.h>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

using namespace stakemap;
using analysis::IndicatorStatus;

namespace {

// A city with two neighbourhoods. Sectors come from the kinds: institution (comune, desk,
// anagrafe, regione), community (assoc-a, assoc-b), bridge (mediatore, consulta), civil society
// (coop). U, the undirected projection, has 9 ties:
//
//   regione — comune — desk — anagrafe      desk — coop       desk — assoc-a — mediatore — comune
//             comune — consulta — assoc-b
//
// (comune–regione, comune–desk, comune–mediatore, comune–consulta, desk–anagrafe, desk–assoc-a,
// desk–coop, mediatore–assoc-a, consulta–assoc-b). Each indicator's value is worked out below.
constexpr const char* city_map = R"({
  "format": "stakemap/1",
  "date": "2025-01-01",
  "areas": [
    {"id": "city"},
    {"id": "north", "parent": "city", "foreign_residents": 100,
     "languages": {"ar": 0.5, "ro": 0.3, "zh": 0.2}},
    {"id": "south", "parent": "city", "foreign_residents": 100, "languages": {"ar": 0.4, "uk": 0.6}}
  ],
  "actors": [
    {"id": "comune", "name": "Comune", "kind": "municipality", "level": "municipal", "area": "city"},
    {"id": "desk", "name": "Sportello", "kind": "help_desk", "level": "municipal", "area": "north",
     "services": ["information", "legal_permits"], "languages": ["ar", "ro"]},
    {"id": "anagrafe", "name": "Anagrafe", "kind": "registry_office", "level": "municipal",
     "area": "south", "languages": ["uk"]},
    {"id": "regione", "name": "Regione", "kind": "region", "level": "regional"},
    {"id": "assoc-a", "name": "Assoc A", "kind": "migrant_association", "level": "neighbourhood",
     "area": "north", "power": 1, "interest": 5},
    {"id": "assoc-b", "name": "Assoc B", "kind": "migrant_association", "area": "south",
     "power": 4, "interest": 5},
    {"id": "mediatore", "name": "Mediatore", "kind": "cultural_mediator", "area": "north"},
    {"id": "consulta", "name": "Consulta", "kind": "consulta", "level": "municipal"},
    {"id": "coop", "name": "Coop", "kind": "third_sector_coop", "area": "north",
     "access_point": true}
  ],
  "relations": [
    {"source": "comune", "target": "regione", "type": "coordination", "since": "2024-06-01"},
    {"source": "comune", "target": "desk", "type": "coordination", "since": "2021-01-01"},
    {"source": "desk", "target": "anagrafe", "type": "referral", "agreement": 1.0},
    {"source": "desk", "target": "assoc-a", "type": "information"},
    {"source": "mediatore", "target": "assoc-a", "type": "mediation"},
    {"source": "mediatore", "target": "comune", "type": "collaboration"},
    {"source": "consulta", "target": "assoc-b", "type": "representation"},
    {"source": "consulta", "target": "comune", "type": "representation"},
    {"source": "coop", "target": "desk", "type": "referral", "agreement": 0.3}
  ],
  "needs": [{"area": "north", "service": "legal_permits", "demand": 10}]
})";

model::Map read(const std::string& text) {
    auto result = io::read_map_text(text, "city.json");
    REQUIRE(result.ok());
    return *result.map;
}

model::Rubric default_rubric() {
    return report::rubric_for("default", model::Language::en);
}

std::map<std::string, std::optional<double>> values_of(const model::Map& map,
                                                       const analysis::AssessOptions& options) {
    const auto vocabulary = io::default_vocabulary().merged_with(map);
    const auto graph = graph::build(map);
    const auto values = analysis::measure_values(map, vocabulary, graph, options);
    std::map<std::string, std::optional<double>> out;
    for (std::size_t i = 0; i < values.size(); ++i) {
        out[analysis::assessment_measures()[i].id] = values[i];
    }
    return out;
}

} // namespace

TEST_CASE("assess: every measure on a hand-built map") {
    const model::Map map = read(city_map);
    const auto v = values_of(map, {});
    // Levels: municipal, regional, neighbourhood → 3 of the 5 groups.
    CHECK(*v.at("level_coverage") == 3.0);
    // Municipal actors comune (tied to regione), desk (tied to assoc-a, neighbourhood), anagrafe
    // and consulta (tied only to municipal actors or actors without a level): 2 / 4.
    CHECK(*v.at("vertical_linkage") == doctest::Approx(0.5));
    // Sectors 4 institution, 2 community, 2 bridge, 1 civil society of 9:
    // 1 − (16 + 4 + 4 + 1) / 81 = 56 / 81.
    CHECK(*v.at("sector_diversity") == doctest::Approx(56.0 / 81.0));
    // Ties within the institution sector: comune–regione, comune–desk, desk–anagrafe; 6 of 9
    // join different sectors.
    CHECK(*v.at("cross_sector_ties") == doctest::Approx(6.0 / 9.0));
    // Degrees of U: comune 4, desk 4, assoc-a 2, mediatore 2, consulta 2, the others 1:
    // Σ (4 − d) = 18, over (n − 1)(n − 2) = 56.
    CHECK(*v.at("degree_centralization") == doctest::Approx(18.0 / 56.0));
    // The institution with the highest betweenness is comune (18.5 of 44, below). Without it, U
    // falls into regione (1), consulta–assoc-b (2) and desk, anagrafe, assoc-a, coop, mediatore
    // (5): 1 + 2 of the 8 other actors are cut off from the largest piece.
    CHECK(*v.at("hub_dependence") == doctest::Approx(3.0 / 8.0));
    CHECK(*v.at("community_share") == doctest::Approx(2.0 / 9.0));
    // From the consulta within 2 steps: assoc-b (1 step); assoc-a is 3 steps away: 1 / 2.
    CHECK(*v.at("policy_access") == doctest::Approx(0.5));
    // assoc-a interest 5, power 1 (unheard); assoc-b power 4: 1 / 2.
    CHECK(*v.at("voice_gap") == doctest::Approx(0.5));
    // mediatore: assoc-a (community) and comune (institution); consulta: assoc-b and comune.
    CHECK(*v.at("mediator_bridging") == doctest::Approx(1.0));
    // Map date 2025-01-01, cut-off 2023-01-01; all 9 relations are in force and none lists
    // informants: only comune–desk (since 2021) is older: 8 / 9.
    CHECK(*v.at("data_freshness") == doctest::Approx(8.0 / 9.0));
    // Agreement 1.0 and 0.3: 1 of 2 at least 0.5.
    CHECK(*v.at("informant_agreement") == doctest::Approx(0.5));
    CHECK_FALSE(v.at("stability").has_value());
    CHECK_FALSE(v.at("referral_change").has_value());
    // One tie touches the region: comune–regione.
    CHECK(*v.at("evaluation_ties") == 1.0);
    // Leaves north (desk, mediatore, coop) and south (anagrafe) both have an access point.
    CHECK(*v.at("area_coverage") == doctest::Approx(1.0));
    // Only north has 3 local access points: 1 / 2.
    CHECK(*v.at("access_point_target") == doctest::Approx(0.5));
    // Specialised: desk (referral to the registry office) and mediatore (none): 1 / 2.
    CHECK(*v.at("mainstream_linkage") == doctest::Approx(0.5));
    // People: ar 50 + 40, uk 60, ro 30, zh 20; access points speak ar, ro (desk) and uk
    // (anagrafe): 3 of 4.
    CHECK(*v.at("language_coverage") == doctest::Approx(0.75));
    // North needs legal_permits; its community actor assoc-a is 1 step from desk: 1 / 1.
    CHECK(*v.at("two_step_reach") == doctest::Approx(1.0));
}

TEST_CASE("assess: scores, themes and models on the hand-built map") {
    const model::Map map = read(city_map);
    const auto vocabulary = io::default_vocabulary().merged_with(map);
    const auto graph = graph::build(map);
    const auto rubric = default_rubric();
    const auto result = analysis::assess(map, vocabulary, graph, rubric);
    REQUIRE(result.themes.size() == 4);
    std::map<std::string, IndicatorStatus> status;
    for (const auto& theme : result.themes) {
        for (const auto& item : theme.indicators) {
            status[rubric.indicators[item.indicator].id] = item.status;
        }
    }
    CHECK(status["level_coverage"] == IndicatorStatus::partly);      // 3: partly from 3
    CHECK(status["centralization"] == IndicatorStatus::met);         // 0.32 ≤ 0.5
    CHECK(status["hub_dependence"] == IndicatorStatus::partly);      // 0.375 ≤ 0.4
    CHECK(status["voice_gap"] == IndicatorStatus::met);              // 0.5 ≤ 0.6
    CHECK(status["informant_agreement"] == IndicatorStatus::partly); // 0.5: partly from 0.4
    CHECK(status["stability"] == IndicatorStatus::no_data);
    CHECK(status["mainstream_linkage"] == IndicatorStatus::partly); // 0.5: partly from 0.5
    CHECK(status["language_coverage"] == IndicatorStatus::partly);  // 0.75: partly from 0.6
    // governance 50, 100, 100, 100, 100, 50 → 500 / 6; community 100; monitoring 100, 50,
    // (no data), (no data), 100 → 250 / 3; access 100, 50, 50, 100, 100 → 80.
    CHECK(*result.themes[0].score == doctest::Approx(500.0 / 6.0));
    CHECK(*result.themes[1].score == doctest::Approx(100.0));
    CHECK(*result.themes[2].score == doctest::Approx(250.0 / 3.0));
    CHECK(*result.themes[3].score == doctest::Approx(80.0));
    CHECK(*result.score == doctest::Approx((500.0 / 6.0 + 100.0 + 250.0 / 3.0 + 80.0) / 4.0));

    // Betweenness (nx.betweenness_centrality(U), unnormalised pairs): comune 18.5, desk 15,
    // consulta 7, mediatore 2, assoc-a 1.5; total 44.
    REQUIRE(result.models.size() == 3);
    const auto& desk = result.models[0];
    CHECK(desk.actors == 1);
    CHECK(desk.first == doctest::Approx(15.0 / 44.0));
    CHECK(*desk.second == doctest::Approx(1.0)); // both referral ties touch the desk
    CHECK(desk.score == doctest::Approx((15.0 / 44.0 + 1.0) / 2.0));
    // North: coop (civil society) of 3 wanted → 1/3; south: none → 0; mean 1/6.
    const auto& points = result.models[1];
    CHECK(points.actors == 1);
    CHECK(points.score == doctest::Approx(1.0 / 6.0));
    // Both bridge figures tied to a community and an institution; their betweenness 9 of 44.
    const auto& bridges = result.models[2];
    CHECK(bridges.actors == 2);
    CHECK(bridges.score == doctest::Approx((1.0 + 9.0 / 44.0) / 2.0));
}

TEST_CASE("assess: each score says how many indicators had data") {
    // Monitoring has no data for stability and referral change (no previous round): 3 of 5; every
    // other indicator of the hand-built map has data: 18 of 20 in all.
    report::AnalysisSettings settings;
    settings.language = model::Language::it;
    const report::Input input(read(city_map), settings);
    const auto document = report::assess_document(input, {});
    const auto& results = document.results();
    CHECK(results.at("indicators_with_data") == 18);
    CHECK(results.at("indicators_total") == 20);
    const auto& monitoring = results.at("themes")[2];
    CHECK(monitoring.at("id") == "monitoring");
    CHECK(monitoring.at("indicators_with_data") == 3);
    CHECK(monitoring.at("indicators_total") == 5);
    CHECK(monitoring.at("indicators").size() == 5);
    CHECK(document.lead[0].find("(18 indicatori su 20 con dati;") != std::string::npos);
}

TEST_CASE("assess: rubric weights and thresholds") {
    const model::Map map = read(city_map);
    const auto vocabulary = io::default_vocabulary().merged_with(map);
    const auto graph = graph::build(map);
    model::Rubric rubric;
    rubric.themes = {{"a", "A", 3.0}, {"b", "B", 1.0}};
    // a: community share 2/9 met (100, weight 1), policy access 0.5 against 0.6 not met (0,
    // weight 3) → 25; b: voice gap 0.5 at most 0.4, partly 0.5 → 50. Overall (3·25 + 50) / 4.
    rubric.indicators = {
        {"x", "a", "community_share", model::ThresholdDirection::at_least, 0.1, 0.05, 1.0, "X", "",
         ""},
        {"y", "a", "policy_access", model::ThresholdDirection::at_least, 0.6, std::nullopt, 3.0,
         "Y", "", ""},
        {"z", "b", "voice_gap", model::ThresholdDirection::at_most, 0.4, 0.5, 1.0, "Z", "", ""}};
    const auto result = analysis::assess(map, vocabulary, graph, rubric);
    CHECK(*result.themes[0].score == doctest::Approx(25.0));
    CHECK(*result.themes[1].score == doctest::Approx(50.0));
    CHECK(*result.score == doctest::Approx(31.25));
}

TEST_CASE("assess: stability and referral change against the previous round") {
    const model::Map map = read(city_map);
    // The previous round lacked the referral desk–anagrafe and had a coordination
    // anagrafe–regione: 8 ties kept, 10 in the union → Jaccard 0.8; referrals 2 now, 1 before.
    std::string old_text = city_map;
    const std::string referral =
        R"({"source": "desk", "target": "anagrafe", "type": "referral", "agreement": 1.0})";
    old_text.replace(old_text.find(referral), referral.size(),
                     R"({"source": "anagrafe", "target": "regione", "type": "coordination"})");
    const model::Map previous = read(old_text);
    const auto previous_graph = graph::build(previous);
    analysis::AssessOptions options;
    options.previous = &previous;
    options.previous_graph = &previous_graph;
    const auto v = values_of(map, options);
    CHECK(*v.at("stability") == doctest::Approx(0.8));
    CHECK(*v.at("referral_change") == 1.0);
}

TEST_CASE("assess: data freshness counts the relations in force, confirmed ones as fresh") {
    // Map date 2026-10-15, cut-off 2024-10-15. In force: a–b (no since: dated by this round,
    // fresh), a–c (since 2025, fresh), b–c (since 2019, stale), a–d (since 2018 but reported by an
    // informant of this round, fresh), c–e (since exactly the cut-off, fresh), d–e (one day
    // before it, stale). Left out: b–d (ended 2026-01-01), c–d (ends on the map's date) and a–e
    // (starts in 2027). 4 fresh of 6 in force. Counting every relation by its since, as before,
    // would have given 4 / 9.
    const model::Map map = read(R"({"format": "stakemap/1", "date": "2026-10-15", "actors": [
        {"id": "a", "name": "A"}, {"id": "b", "name": "B"}, {"id": "c", "name": "C"},
        {"id": "d", "name": "D"}, {"id": "e", "name": "E"}],
        "relations": [
          {"source": "a", "target": "b"},
          {"source": "a", "target": "c", "since": "2025-01-01"},
          {"source": "b", "target": "c", "since": "2019-05-01"},
          {"source": "a", "target": "d", "since": "2018-01-01", "informants": ["x"]},
          {"source": "b", "target": "d", "since": "2015-01-01", "until": "2026-01-01"},
          {"source": "c", "target": "d", "since": "2017-01-01", "until": "2026-10-15"},
          {"source": "a", "target": "e", "since": "2027-01-01"},
          {"source": "c", "target": "e", "since": "2024-10-15"},
          {"source": "d", "target": "e", "since": "2024-10-14"}]})");
    CHECK(*values_of(map, {}).at("data_freshness") == doctest::Approx(4.0 / 6.0));

    // No relation in force on the map's date: no data.
    const model::Map ended = read(R"({"format": "stakemap/1", "date": "2026-10-15", "actors": [
        {"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
        "relations": [{"source": "a", "target": "b", "until": "2025-01-01"}]})");
    CHECK_FALSE(values_of(ended, {}).at("data_freshness").has_value());
}

TEST_CASE("assess: no data is left out, and a map without areas has none for them") {
    const model::Map map = read(R"({"format": "stakemap/1", "actors": [
        {"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
        "relations": [{"source": "a", "target": "b"}]})");
    const auto v = values_of(map, {});
    CHECK_FALSE(v.at("level_coverage").has_value());
    CHECK_FALSE(v.at("sector_diversity").has_value());
    CHECK_FALSE(v.at("area_coverage").has_value());
    CHECK_FALSE(v.at("data_freshness").has_value());
    CHECK_FALSE(v.at("degree_centralization").has_value()); // fewer than 3 actors
    CHECK_FALSE(v.at("hub_dependence").has_value());        // no institution
    CHECK(*v.at("community_share") == 0.0);
    const auto vocabulary = io::default_vocabulary().merged_with(map);
    const auto result = analysis::assess(map, vocabulary, graph::build(map), default_rubric());
    // Governance: no level, no sector, fewer than 3 actors: no data, so no score. Community: only
    // community share has data (0, not met).
    CHECK_FALSE(result.themes[0].score.has_value());
    CHECK(*result.themes[1].score == doctest::Approx(0.0));
    for (const auto& model : result.models) {
        CHECK(model.score == 0.0);
    }
}

TEST_CASE("assess: each indicator without data says what to record") {
    const report::Input input(read(R"({"format": "stakemap/1", "actors": [
        {"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
        "relations": [{"source": "a", "target": "b"}]})"),
                              {});
    const auto document = report::assess_document(input, {});
    std::map<std::string, std::string> advice;
    for (const auto& theme : document.results().at("themes")) {
        for (const auto& indicator : theme.at("indicators")) {
            if (indicator.at("status") == "no_data") {
                advice[indicator.at("id").get<std::string>()] =
                    indicator.at("recommendation").get<std::string>();
            }
        }
    }
    CHECK(advice.at("informant_agreement").find("stakemap merge") != std::string::npos);
    CHECK(advice.at("level_coverage").find("`level`") != std::string::npos);
    CHECK(advice.at("area_coverage").find("`area`") != std::string::npos);
    CHECK(advice.at("language_coverage").find("`foreign_residents`") != std::string::npos);
    CHECK(advice.at("stability").find("--previous") != std::string::npos);
    // Measures that lack the same data share a sentence; others do not.
    CHECK(advice.at("area_coverage") == advice.at("access_point_target"));
    CHECK(advice.at("informant_agreement") != advice.at("data_freshness"));
}

TEST_CASE("assess: the Italian report reads as Italian") {
    report::AnalysisSettings settings;
    settings.language = model::Language::it;
    // With one bridge figure (the mediator made a cooperative), the sentence agrees in the
    // singular.
    std::string text = city_map;
    const std::string mediator = R"("kind": "cultural_mediator")";
    text.replace(text.find(mediator), mediator.size(), R"("kind": "third_sector_coop")");
    const report::Input input(read(text), settings);
    // The words as they read, whatever the table's layout: a long cell continues on the next
    // line, under its column.
    std::string out;
    for (const char c : report::write_text(report::assess_document(input, {}))) {
        const bool space = c == ' ' || c == '\n';
        if (!space || (!out.empty() && out.back() != ' ')) {
            out += space ? ' ' : c;
        }
    }
    // The reason after "label: " starts in lower case; so does what to do.
    CHECK(out.find("Varietà dei settori: l'indice di Gini–Simpson") != std::string::npos);
    CHECK(out.find("Cosa fare: ") != std::string::npos);
    CHECK(out.find("Cosa fare: D") == std::string::npos);
    CHECK(out.find("Figure ponte legate ad almeno due altri settori: ") != std::string::npos);
    // Shares take their article in the models' sentences.
    CHECK(out.find(", ha il ") != std::string::npos);
    CHECK(out.find("in media le aree raggiungono il ") != std::string::npos);
    CHECK(out.find("1 figura ponte; legata sia a una comunità sia a un'istituzione: 100%") !=
          std::string::npos);
}

TEST_CASE("assess: the default rubric's texts are in the catalogue list") {
    const auto rubric = default_rubric();
    const auto& messages = report::default_rubric_messages();
    const auto listed = [&](const std::string& text) {
        for (const char* message : messages) {
            if (text == message) {
                return true;
            }
        }
        return false;
    };
    for (const auto& theme : rubric.themes) {
        CHECK(listed(theme.label));
    }
    for (const auto& indicator : rubric.indicators) {
        CHECK(listed(indicator.label));
        CHECK(listed(indicator.reason));
        CHECK(listed(indicator.recommendation));
    }
    std::map<std::string, int> per_theme;
    for (const auto& indicator : rubric.indicators) {
        ++per_theme[indicator.theme];
    }
    for (const auto& [theme, count] : per_theme) {
        CHECK(count >= 4);
        CHECK(count <= 7);
    }
}
