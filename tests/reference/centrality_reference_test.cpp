// Every per-actor measure of SPEC §3, the edge betweenness, the brokerage roles and the map-level
// figures, against the values stored by tests/reference/generate.py (NetworkX, R sna, igraph).

#include "stakemap/analysis/centrality.hpp"
#include "stakemap/analysis/communities.hpp"
#include "stakemap/analysis/stats.hpp"
#include "stakemap/analysis/suggest.hpp"
#include "stakemap/io/map_reader.hpp"
#include "stakemap/io/vocabulary.hpp"
#include "stakemap/model/grouping.hpp"

#include <cmath>
#include <doctest/doctest.h>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace stakemap;

namespace {

const nlohmann::json& reference() {
    static const nlohmann::json data = [] {
        std::ifstream in(STAKEMAP_SOURCE_DIR "/tests/reference/centrality_reference.json");
        REQUIRE(in);
        return nlohmann::json::parse(in);
    }();
    return data;
}

/// Equal to 1e-9 relative; values that are zero in exact arithmetic may differ by rounding noise.
void check_value(double actual, const nlohmann::json& expected) {
    if (expected.is_null()) {
        CHECK(std::isnan(actual));
        return;
    }
    const double wanted = expected.get<double>();
    CHECK(std::fabs(actual - wanted) <= 1e-9 * std::fabs(wanted) + 1e-13);
}

struct Loaded {
    model::Map map;
    graph::AnalysisGraph graph;
};

Loaded load(const std::string& path) {
    Loaded loaded{io::load_map(std::string(STAKEMAP_SOURCE_DIR "/") + path), {}};
    loaded.graph = graph::build(loaded.map);
    return loaded;
}

std::vector<std::string> groups_of(const model::Map& map) {
    return *model::group_labels(map, io::default_vocabulary().merged_with(map), "group");
}

} // namespace

TEST_CASE("reference: per-actor measures equal NetworkX") {
    REQUIRE(reference().at("maps").size() >= 8);
    for (const auto& [path, expected] : reference().at("maps").items()) {
        CAPTURE(path);
        const auto loaded = load(path);
        CHECK(loaded.graph.directed == expected.at("directed").get<bool>());
        const auto columns = analysis::centrality(loaded.graph);
        for (const auto& column : columns) {
            const std::string key = analysis::measure_key(column.measure);
            CAPTURE(key);
            for (std::size_t v = 0; v < loaded.map.actors.size(); ++v) {
                const auto& actor = expected.at("actors").at(loaded.map.actors[v].id);
                CAPTURE(loaded.map.actors[v].id);
                REQUIRE(actor.contains(key));
                check_value(column.values[v], actor.at(key));
            }
        }
    }
}

TEST_CASE("reference: edge betweenness equals NetworkX") {
    for (const auto& [path, expected] : reference().at("maps").items()) {
        CAPTURE(path);
        const auto loaded = load(path);
        const auto scores = analysis::edge_betweenness(loaded.graph);
        const auto& edges = expected.at("edges");
        REQUIRE(edges.size() == loaded.graph.edges.size());
        for (const auto& edge : edges) {
            const auto s = *loaded.graph.vertex(edge.at("source").get<std::string>());
            const auto t = *loaded.graph.vertex(edge.at("target").get<std::string>());
            const auto it = std::find_if(
                loaded.graph.edges.begin(), loaded.graph.edges.end(), [&](const graph::Edge& e) {
                    return (e.source == s && e.target == t) ||
                           (!loaded.graph.directed && e.source == t && e.target == s);
                });
            REQUIRE(it != loaded.graph.edges.end());
            check_value(scores[static_cast<std::size_t>(it - loaded.graph.edges.begin())],
                        edge.at("betweenness"));
        }
    }
}

TEST_CASE("reference: brokerage roles equal R sna") {
    for (const auto& [path, expected] : reference().at("maps").items()) {
        CAPTURE(path);
        const auto loaded = load(path);
        const auto roles = analysis::brokerage(loaded.graph, groups_of(loaded.map));
        for (std::size_t v = 0; v < loaded.map.actors.size(); ++v) {
            CAPTURE(loaded.map.actors[v].id);
            const auto& wanted = expected.at("actors").at(loaded.map.actors[v].id).at("brokerage");
            CHECK(roles[v].coordinator == wanted.at("coordinator").get<double>());
            CHECK(roles[v].gatekeeper == wanted.at("gatekeeper").get<double>());
            CHECK(roles[v].representative == wanted.at("representative").get<double>());
            CHECK(roles[v].consultant == wanted.at("consultant").get<double>());
            CHECK(roles[v].liaison == wanted.at("liaison").get<double>());
        }
    }
}

TEST_CASE("reference: map-level figures equal NetworkX") {
    for (const auto& [path, expected] : reference().at("maps").items()) {
        CAPTURE(path);
        const auto loaded = load(path);
        const auto stats =
            analysis::map_stats(loaded.graph, {.groupings = {{"group", groups_of(loaded.map)}}});
        const auto& figures = expected.at("map");
        check_value(stats.degree_centralization, figures.at("degree_centralization"));
        check_value(stats.betweenness_centralization, figures.at("betweenness_centralization"));
        REQUIRE(stats.groupings.size() == 1);
        check_value(stats.groupings[0].assortativity, figures.at("assortativity_group"));
        check_value(stats.groupings[0].modularity, figures.at("modularity_group"));
    }
}

TEST_CASE("reference: Louvain and Leiden reach igraph's modularity within 1%") {
    std::size_t checked = 0;
    for (const auto& [path, expected] : reference().at("maps").items()) {
        if (!expected.contains("communities")) {
            continue;
        }
        CAPTURE(path);
        const auto loaded = load(path);
        const auto& wanted = expected.at("communities");
        const auto louvain = analysis::detect_communities(
            loaded.graph, {.method = analysis::CommunityMethod::louvain, .seed = 1});
        const auto leiden = analysis::detect_communities(
            loaded.graph, {.method = analysis::CommunityMethod::leiden, .seed = 1});
        CHECK(louvain.modularity >= 0.99 * wanted.at("multilevel_modularity").get<double>());
        CHECK(leiden.modularity >= 0.99 * wanted.at("leiden_modularity").get<double>());
        ++checked;
    }
    CHECK(checked >= 2);
}

TEST_CASE("reference: link prediction scores equal NetworkX") {
    for (const auto& [path, expected] : reference().at("maps").items()) {
        CAPTURE(path);
        const auto loaded = load(path);
        const auto scores = analysis::link_prediction(loaded.graph);
        const auto& pairs = expected.at("link_prediction");
        REQUIRE(pairs.size() > 0);
        REQUIRE(scores.size() == pairs.size());
        for (std::size_t i = 0; i < scores.size(); ++i) {
            const auto& pair = pairs[i];
            CAPTURE(pair.dump());
            CHECK(loaded.map.actors[scores[i].source].id == pair.at("source").get<std::string>());
            CHECK(loaded.map.actors[scores[i].target].id == pair.at("target").get<std::string>());
            CHECK(scores[i].common_neighbours == pair.at("common_neighbours").get<std::size_t>());
            check_value(scores[i].jaccard, pair.at("jaccard"));
            check_value(scores[i].adamic_adar, pair.at("adamic_adar"));
            check_value(scores[i].resource_allocation, pair.at("resource_allocation"));
        }
    }
}
