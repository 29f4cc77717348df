// The words and JSON of `diff`: RSiena's reading of the Jaccard index in both languages, the keys
// of SPEC §4.3, and one CSV record per change.

#include "stakemap/report/diff_report.hpp"

#include "stakemap/io/map_reader.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <string>

using namespace stakemap;

namespace {

model::Map read(const char* text) {
    auto result = io::read_map_text(text, "test.json");
    REQUIRE(result.ok());
    return *result.map;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// Round 2 keeps a–b and a–c, drops b–c, adds c–d and strengthens a–b:
// N11 = 2, N10 = 1, N01 = 1 over the 4 actors of both rounds: Jaccard 2/4 = 0.5, Hamming 2.
constexpr const char* round_1 = R"({
  "format": "stakemap/1", "title": "Rete", "date": "2024-10-15",
  "areas": [{"id": "north", "name": "Nord"}],
  "actors": [{"id": "a", "name": "Sportello", "kind": "help_desk", "area": "north"},
             {"id": "b", "name": "Associazione", "kind": "migrant_association", "area": "north"},
             {"id": "c", "name": "Comune", "kind": "municipality"},
             {"id": "d", "name": "Scuola", "kind": "school"}],
  "relations": [{"source": "a", "target": "b", "type": "referral"},
                {"source": "a", "target": "c"}, {"source": "b", "target": "c"}]
})";
constexpr const char* round_2 = R"({
  "format": "stakemap/1", "title": "Rete", "date": "2026-10-15",
  "areas": [{"id": "north", "name": "Nord"}],
  "actors": [{"id": "a", "name": "Sportello", "kind": "help_desk", "area": "north"},
             {"id": "b", "name": "Associazione", "kind": "migrant_association", "area": "north",
              "languages": ["ar"]},
             {"id": "c", "name": "Comune", "kind": "municipality"},
             {"id": "d", "name": "Scuola", "kind": "school"},
             {"id": "e", "name": "Mediatrice", "kind": "cultural_mediator"}],
  "relations": [{"source": "a", "target": "b", "type": "referral", "weight": 2},
                {"source": "a", "target": "c"}, {"source": "c", "target": "d"}]
})";

report::Document diff(model::Language language) {
    const report::Input before(read(round_1), {.source = "round-1.json", .language = language});
    const report::Input after(read(round_2), {.source = "round-2.json", .language = language});
    return report::diff_document(before, after);
}

} // namespace

TEST_CASE("diff report: the reading of the Jaccard index, in Italian and English") {
    analysis::TieStability stability;
    stability.actors_compared = 65;
    stability.actors_either = 69;
    stability.actors_before = 67;
    stability.actors_after = 67;
    stability.kept = 42;
    stability.added = 38;
    stability.removed = 20;
    stability.hamming = 58;
    stability.jaccard = 0.42;
    stability.strengthened = 1;
    CHECK(
        report::stability_reading(stability, model::Language::it) ==
        "La rete è stabile: l'indice di Jaccard è 0,42 (il manuale di RSiena considera stabile "
        "un valore da 0,3 in su). L'indice di Jaccard è la quota dei legami rimasti tra tutti "
        "quelli presenti in almeno una delle due rilevazioni. Tra i 65 attori presenti in "
        "entrambe le rilevazioni (il 94% dei 69 attori presenti in almeno una): 42 legami sono "
        "rimasti, 38 sono nuovi e 20 sono cessati (distanza di Hamming 58). Dei legami rimasti, 1 "
        "si è rafforzato e nessuno si è indebolito.");
    CHECK(report::stability_reading(stability, model::Language::en) ==
          "The network is stable: the Jaccard index is 0.42 (RSiena's manual reads 0.3 or more as "
          "stable). The Jaccard index is the share of ties kept among the ties present in either "
          "round. Among the 65 actors present in both rounds (94% of the 69 actors present in "
          "either): 42 ties were kept, 38 are new and 20 ended (Hamming distance 58). Of the ties "
          "kept, 1 grew stronger and none weaker.");

    // Rounds that share few actors: the reading says the index covers only what they share.
    analysis::TieStability few = stability;
    few.actors_compared = 9;
    few.actors_either = 123;
    few.actors_before = 54;
    few.actors_after = 78;
    CHECK(analysis::shares_few_actors(few));
    CHECK_FALSE(analysis::shares_few_actors(stability));
    CHECK(contains(report::stability_reading(few, model::Language::it),
                   "Meno della metà degli attori è presente in entrambe le rilevazioni"));
    few.kept = 0;
    few.added = 0;
    CHECK(contains(report::stability_reading(few, model::Language::it),
                   "nessun legame è rimasto, nessuno è nuovo e 20 sono cessati"));

    stability.jaccard = 0.25;
    CHECK(contains(report::stability_reading(stability, model::Language::it),
                   "La rete è cambiata molto: l'indice di Jaccard è 0,25, tra 0,2 e 0,3"));
    stability.jaccard = 0.1;
    stability.added = 90;
    stability.removed = 2;
    const std::string growth = report::stability_reading(stability, model::Language::en);
    CHECK(contains(growth, "The network is very unstable: the Jaccard index is 0.1, below 0.2"));
    CHECK(contains(growth, "a low Jaccard index is expected when a network mostly grows"));
}

TEST_CASE("diff report: JSON keys of SPEC §4.3 and CSV records") {
    const auto document = diff(model::Language::en);
    const auto& results = document.results();
    CHECK(document.command == "diff");
    CHECK(results["actors"]["added"] == nlohmann::ordered_json::array({"e"}));
    CHECK(results["actors"]["removed"].empty());
    CHECK(results["actors"]["changed"][0]["id"] == "b");
    CHECK(results["actors"]["changed"][0]["fields"] ==
          nlohmann::ordered_json::array({"languages"}));
    CHECK(results["relations"]["added"].size() == 1);
    CHECK(results["relations"]["added"][0]["source"] == "c");
    CHECK(results["relations"]["removed"][0]["target"] == "c");
    CHECK(results["relations"]["changed"][0]["fields"] ==
          nlohmann::ordered_json::array({"weight"}));
    CHECK(results["relations"]["changed"][0]["before"]["weight"] == 1.0);
    CHECK(results["relations"]["changed"][0]["after"]["weight"] == 2.0);
    CHECK(results["stability"]["jaccard"] == 0.5);
    CHECK(results["stability"]["hamming"] == 2);
    CHECK(results["stability"]["reading"] == "stable");
    CHECK(results["stability"]["ties_strengthened"] == 1);
    CHECK(results["stability"]["actors_compared"] == 4);
    CHECK(results["stability"]["actors_either"] == 5);
    CHECK(results["movers"].contains("neighbours"));
    CHECK(document.warnings.empty());
    CHECK(results["measures"]["actors"]["before"] == 4);
    CHECK(results["measures"]["actors"]["after"] == 5);
    CHECK(results["gaps"]["isolates"]["opened"] == nlohmann::ordered_json::array({"e"}));
    CHECK(results["coverage"][0]["area"] == "north");
    CHECK(results["rounds"]["before"]["at"] == "2024-10-15");
    CHECK(results["rounds"]["after"]["source"] == "round-2.json");
    // One record per change: the new actor, the changed one, and three relations.
    CHECK(document.csv_records().size() == 5);
    CHECK(document.csv_records()[0]["item"] == "actor");
    CHECK(document.csv_records()[0]["change"] == "added");
}

TEST_CASE("diff report: an Italian monitoring report names actors and labels, not ids") {
    const std::string text = report::write_text(diff(model::Language::it));
    CHECK(contains(text, "Prima: round-1.json, relazioni in vigore al 15/10/2024"));
    CHECK(contains(text, "La rete è stabile: l'indice di Jaccard è 0,5"));
    CHECK(contains(text, "1 attore è entrato nella rete: Mediatrice."));
    CHECK(contains(text, "1 attore ha cambiato i propri dati: Associazione (lingue)."));
    CHECK(contains(text, "1 relazione aggiunta, 1 cessata o tolta e 1 modificata."));
    CHECK(contains(text, "Invio di utenti"));
    CHECK(contains(text, "peso 1 → 2"));
    CHECK(contains(text, "1 attore ora è isolato: Mediatrice (nuovo)."));
    CHECK_FALSE(contains(text, "referral"));
}
