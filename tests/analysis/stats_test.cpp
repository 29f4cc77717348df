#include "stakemap/analysis/stats.hpp"
#include "stakemap/io/map_reader.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace stakemap;

namespace {

void check_close(double actual, double expected) {
    CHECK(actual == doctest::Approx(expected).epsilon(1e-9));
}

} // namespace

// Each map-level figure against NetworkX (tests/reference/generate_stats.py).
TEST_CASE("stats: equal to NetworkX on the reference maps and the examples") {
    std::ifstream in(STAKEMAP_SOURCE_DIR "/tests/reference/stats_reference.json");
    REQUIRE(in);
    const auto reference = nlohmann::json::parse(in);
    REQUIRE(reference.at("maps").size() >= 7);
    for (const auto& [path, expected] : reference.at("maps").items()) {
        CAPTURE(path);
        const auto map = io::load_map(std::string(STAKEMAP_SOURCE_DIR "/") + path);
        const auto stats = analysis::map_stats(graph::build(map));
        CHECK(stats.actors == expected.at("actors").get<std::size_t>());
        CHECK(stats.relations == expected.at("relations").get<std::size_t>());
        CHECK(stats.ties == expected.at("ties").get<std::size_t>());
        CHECK(stats.directed == expected.at("directed").get<bool>());
        check_close(stats.density, expected.at("density"));
        CHECK(stats.components == expected.at("components").get<std::size_t>());
        CHECK(stats.isolates == expected.at("isolates").get<std::size_t>());
        CHECK(stats.largest_component == expected.at("largest_component").get<std::size_t>());
        check_close(stats.largest_component_share, expected.at("largest_component_share"));
        CHECK(stats.diameter == expected.at("diameter").get<std::size_t>());
        check_close(stats.average_path_length, expected.at("average_path_length"));
        check_close(stats.transitivity, expected.at("transitivity"));
        check_close(stats.degree_centralization, expected.at("degree_centralization"));
        if (expected.contains("reciprocity")) {
            REQUIRE(stats.reciprocity.has_value());
            check_close(*stats.reciprocity, expected.at("reciprocity"));
            CHECK(stats.strong_components == expected.at("strong_components").get<std::size_t>());
        } else {
            CHECK_FALSE(stats.reciprocity.has_value());
        }
    }
}

TEST_CASE("stats: degenerate maps") {
    model::Map empty;
    const auto none = analysis::map_stats(graph::build(empty));
    CHECK(none.actors == 0);
    CHECK(none.components == 0);
    CHECK(none.density == 0.0);

    model::Map pair;
    pair.actors = {{.id = "a", .name = "A"}, {.id = "b", .name = "B"}};
    pair.relations = {{.source = "a", .target = "b"}};
    const auto two = analysis::map_stats(graph::build(pair));
    CHECK(two.density == 1.0);
    CHECK(two.diameter == 1);
    CHECK(two.average_path_length == 1.0);
    CHECK(two.degree_centralization == 0.0); // undefined below 3 actors; reported as 0
}
