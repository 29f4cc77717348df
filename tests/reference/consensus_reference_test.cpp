// `merge` against R's sna: the consensus of examples/informants/{anna,bruno,carla}.json by every
// method and each tie's agreement, as tests/reference/generate_consensus.R computed them with
// sna::consensus() and sna::centralgraph(normalize = TRUE).

#include "stakemap/analysis/consensus.hpp"
#include "stakemap/io/map_reader.hpp"
#include "stakemap/report/merge_report.hpp"

#include <cmath>
#include <doctest/doctest.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

using namespace stakemap;

namespace {

const nlohmann::json& consensus_reference() {
    static const nlohmann::json data = [] {
        std::ifstream in(STAKEMAP_SOURCE_DIR "/tests/reference/consensus_reference.json");
        REQUIRE(in);
        return nlohmann::json::parse(in);
    }();
    return data;
}

std::vector<report::MergeInput> reference_inputs() {
    std::vector<report::MergeInput> inputs;
    for (const auto& path : consensus_reference().at("maps")) {
        const std::string file = path.get<std::string>();
        inputs.push_back({file, io::load_map(std::string(STAKEMAP_SOURCE_DIR "/") + file)});
    }
    return inputs;
}

using Tie = std::pair<std::string, std::string>;

std::set<Tie> ties_of(const model::Map& map) {
    std::set<Tie> ties;
    for (const auto& relation : map.relations) {
        ties.insert({relation.source, relation.target});
    }
    return ties;
}

std::set<Tie> reference_ties(const std::string& method) {
    std::set<Tie> ties;
    for (const auto& tie : consensus_reference().at(method)) {
        ties.insert({tie.at(0).get<std::string>(), tie.at(1).get<std::string>()});
    }
    return ties;
}

} // namespace

TEST_CASE("reference: consensus equals R sna") {
    const auto inputs = reference_inputs();
    REQUIRE(inputs.size() == 3);
    for (const auto& [method, name] : analysis::consensus_method_names) {
        CAPTURE(name);
        analysis::ConsensusSettings settings;
        settings.method = method;
        if (method == analysis::ConsensusMethod::las_intersection ||
            method == analysis::ConsensusMethod::las_union) {
            settings.informant_actors =
                consensus_reference().at("informant_actors").get<std::vector<std::string>>();
        }
        const auto outcome = report::merge_document(inputs, settings, model::Language::en);
        std::vector<std::string> actors;
        for (const auto& actor : outcome.map.actors) {
            actors.push_back(actor.id);
        }
        CHECK(actors == consensus_reference().at("actors").get<std::vector<std::string>>());
        CHECK(outcome.map.directed);
        CHECK(ties_of(outcome.map) == reference_ties(std::string(name)));
        // Every relation's agreement is centralgraph(normalize = TRUE) of its tie.
        for (const auto& relation : outcome.map.relations) {
            CAPTURE(relation.source);
            CAPTURE(relation.target);
            bool found = false;
            for (const auto& share : consensus_reference().at("agreement")) {
                if (share.at(0) == relation.source && share.at(1) == relation.target) {
                    found = true;
                    REQUIRE(relation.agreement);
                    CHECK(std::fabs(*relation.agreement - share.at(2).get<double>()) < 1e-12);
                    CHECK(relation.informants.size() ==
                          static_cast<std::size_t>(std::lround(*relation.agreement * 3)));
                }
            }
            CHECK(found);
        }
    }
}
