// Consensus of informants' maps: name matching, agreement, methods and weights, worked out by hand.
// The directed three-informant case is checked against R's sna in
// tests/reference/consensus_reference_test.cpp.

#include "stakemap/analysis/consensus.hpp"
#include "stakemap/error.hpp"
#include "stakemap/io/diagnostics.hpp"
#include "stakemap/report/merge_report.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace stakemap;

namespace {

model::Actor actor(const std::string& id, const std::string& name) {
    model::Actor out;
    out.id = id;
    out.name = name;
    return out;
}

model::Relation relation(const std::string& source, const std::string& target, double weight = 1.0,
                         std::optional<std::string> type = std::nullopt) {
    model::Relation out;
    out.source = source;
    out.target = target;
    out.weight = weight;
    out.type = std::move(type);
    return out;
}

model::Map undirected_map(std::vector<model::Relation> relations) {
    model::Map map;
    map.directed = false;
    for (const char* id : {"a", "b", "c", "d"}) {
        map.actors.push_back(actor(id, std::string("Actor ") + id));
    }
    map.relations = std::move(relations);
    return map;
}

const model::Relation* find(const model::Map& map, const std::string& s, const std::string& t) {
    for (const auto& r : map.relations) {
        if (r.source == s && r.target == t) {
            return &r;
        }
    }
    return nullptr;
}

} // namespace

TEST_CASE("normalised names ignore case, accents, spaces and punctuation") {
    CHECK(analysis::normalised_name("Comune di Roma") == "comunediroma");
    CHECK(analysis::normalised_name("COMUNE DI  ROMA") == "comunediroma");
    CHECK(analysis::normalised_name("Caritas – Roma") == "caritasroma");
    CHECK(analysis::normalised_name("Società San Vincenzo de' Paoli") ==
          analysis::normalised_name("Societa San Vincenzo de Paoli"));
    CHECK(analysis::normalised_name("Łódź, Straße Œuvre") == "lodzstrasseoeuvre");
    CHECK(analysis::normalised_name("«Nuova Aurora»") == "nuovaaurora");
    CHECK(analysis::normalised_name("Ассоциация") == "Ассоциация"); // other scripts as written
    CHECK(analysis::normalised_name(" - ") == "");
}

TEST_CASE("undirected consensus of four informants, agreement and weights by hand") {
    // P: a–b 1, b–c 2        Q: b–a 3 (the same pair), c–d        R: a–b 2 (type x), b–c 1
    // S: a–d
    // {a,b}: P, Q, R → 3/4, weight (1 + 3 + 2) / 3 = 2, types "none" and x → no type
    // {b,c}: P, R → 2/4 = 0.5, weight (2 + 1) / 2 = 1.5: kept by central (≥ ½), contested (≤ ⅔)
    // {c,d}: Q → 1/4; {a,d}: S → 1/4: dropped, contested
    const model::Map p = undirected_map({relation("a", "b"), relation("b", "c", 2)});
    const model::Map q = undirected_map({relation("b", "a", 3), relation("c", "d")});
    const model::Map r = undirected_map({relation("a", "b", 2, "x"), relation("b", "c")});
    const model::Map s = undirected_map({relation("a", "d")});
    const std::vector<analysis::InformantMap> informants{
        {"P", &p}, {"Q", &q}, {"R", &r}, {"S", &s}};

    const auto central = analysis::consensus(informants, {});
    CHECK_FALSE(central.directed);
    CHECK_FALSE(central.map.directed);
    REQUIRE(central.map.relations.size() == 2);
    const auto* ab = find(central.map, "a", "b");
    REQUIRE(ab != nullptr);
    CHECK(*ab->agreement == doctest::Approx(0.75));
    CHECK(ab->weight == doctest::Approx(2.0));
    CHECK_FALSE(ab->type);
    CHECK(ab->informants == std::vector<std::string>{"P", "Q", "R"});
    const auto* bc = find(central.map, "b", "c");
    REQUIRE(bc != nullptr);
    CHECK(*bc->agreement == doctest::Approx(0.5));
    CHECK(bc->weight == doctest::Approx(1.5));
    CHECK(bc->informants == std::vector<std::string>{"P", "R"});
    REQUIRE(central.ties.size() == 4);
    std::size_t contested = 0;
    for (const auto& tie : central.ties) {
        contested += tie.contested ? 1 : 0;
    }
    CHECK(contested == 3); // b–c kept at ½, c–d and a–d dropped

    analysis::ConsensusSettings strict;
    strict.min_agreement = 0.75;
    const auto three_quarters = analysis::consensus(informants, strict);
    REQUIRE(three_quarters.map.relations.size() == 1);
    CHECK(three_quarters.map.relations[0].source == "a");

    analysis::ConsensusSettings every;
    every.method = analysis::ConsensusMethod::intersection;
    CHECK(analysis::consensus(informants, every).map.relations.empty());
    analysis::ConsensusSettings any;
    any.method = analysis::ConsensusMethod::union_of;
    CHECK(analysis::consensus(informants, any).map.relations.size() == 4);
}

TEST_CASE("undirected LAS: the ends of a tie are the informants who count") {
    // Informants: P is actor a, Q is b, R is c. P reports a–b and c–d, Q reports a–b and b–c,
    // R reports nothing. a–b: a and b report it → both LAS methods keep it. b–c: b reports it, c
    // does not → union only. c–d: c does not report it and d is no informant → neither (P's report
    // counts only for its own ties).
    const model::Map p = undirected_map({relation("a", "b"), relation("c", "d")});
    const model::Map q = undirected_map({relation("a", "b"), relation("b", "c")});
    const model::Map r = undirected_map({});
    const std::vector<analysis::InformantMap> informants{{"P", &p}, {"Q", &q}, {"R", &r}};
    analysis::ConsensusSettings settings;
    settings.informant_actors = {"a", "b", "c"};
    settings.method = analysis::ConsensusMethod::las_intersection;
    const auto both = analysis::consensus(informants, settings);
    REQUIRE(both.map.relations.size() == 1);
    CHECK(find(both.map, "a", "b") != nullptr);
    CHECK(*both.map.relations[0].agreement == doctest::Approx(2.0 / 3.0));
    settings.method = analysis::ConsensusMethod::las_union;
    const auto either = analysis::consensus(informants, settings);
    CHECK(either.map.relations.size() == 2);
    CHECK(find(either.map, "b", "c") != nullptr);
    CHECK(find(either.map, "c", "d") == nullptr);
}

TEST_CASE("merge reports the actors matched by name and refuses bad inputs") {
    model::Map first = undirected_map({relation("a", "b")});
    model::Map second;
    second.actors = {actor("x", "ACTOR  a"), actor("b", "Someone else"), actor("z", "Actor-B")};
    second.relations = {relation("x", "b")};
    const std::vector<report::MergeInput> inputs{{"one/first.json", first},
                                                 {"two/first.json", second}};
    const auto outcome = report::merge_document(inputs, {}, model::Language::en);
    // x is a by name; b is b by id (its other name does not matter); z is not matched to b, which
    // this map already has, so it stays an actor of its own.
    const auto& matched = outcome.report.results().at("matched_by_name");
    REQUIRE(matched.size() == 1);
    CHECK(matched[0].at("id") == "x");
    CHECK(matched[0].at("matched") == "a");
    CHECK(outcome.map.actors.size() == 5);
    REQUIRE(outcome.map.relations.size() == 1);
    CHECK(outcome.map.relations[0].informants == std::vector<std::string>{"first", "first-2"});
    CHECK(*outcome.map.relations[0].agreement == 1.0);

    CHECK_THROWS_AS(report::merge_document({inputs[0]}, {}, model::Language::en), UsageError);
    model::Map directed = second;
    directed.directed = true;
    try {
        report::merge_document({inputs[0], {"d.json", directed}}, {}, model::Language::it);
        FAIL("maps of different direction were merged");
    } catch (const io::LoadError& error) {
        CHECK(error.exit_code() == ExitCode::bad_input);
        CHECK(error.diagnostics().at(0).file == "d.json");
    }
    analysis::ConsensusSettings las;
    las.method = analysis::ConsensusMethod::las_union;
    las.informant_actors = {"a"};
    CHECK_THROWS_AS(report::merge_document(inputs, las, model::Language::en), UsageError);
    las.informant_actors = {"a", "x"}; // the same person, matched by name
    CHECK_THROWS_AS(report::merge_document(inputs, las, model::Language::en), UsageError);
}
