#include "stakemap/analysis/approximate.hpp"
#include "stakemap/analysis/centrality.hpp"
#include "stakemap/error.hpp"
#include "stakemap/io/map_reader.hpp"

#include <cmath>
#include <doctest/doctest.h>
#include <random>

using namespace stakemap;

namespace {

model::Map random_map(std::size_t n, std::size_t m, std::uint64_t seed, bool directed, bool unit) {
    std::mt19937_64 random(seed);
    model::Map map;
    for (std::size_t i = 0; i < n; ++i) {
        map.actors.push_back({.id = "a" + std::to_string(i), .name = "A"});
    }
    for (std::size_t k = 0; k < m; ++k) {
        const auto s = random() % n;
        const auto t = random() % n;
        if (s != t) {
            map.relations.push_back({.source = map.actors[s].id,
                                     .target = map.actors[t].id,
                                     .weight = unit ? 1.0 : static_cast<double>(1 + random() % 5),
                                     .directed = directed && random() % 2 == 0});
        }
    }
    return map;
}

void check_within_bound(const graph::AnalysisGraph& g, double epsilon) {
    const auto exact = analysis::betweenness(g);
    const auto estimate = analysis::approximate_betweenness(g, {.epsilon = epsilon, .seed = 7});
    REQUIRE(estimate.values.size() == exact.size());
    CHECK(estimate.samples > 0);
    double worst = 0.0;
    for (std::size_t v = 0; v < exact.size(); ++v) {
        worst = std::max(worst, std::fabs(estimate.values[v] - exact[v]));
    }
    CAPTURE(worst);
    CHECK(worst <= estimate.error_bound);
}

} // namespace

TEST_CASE("approximate betweenness: within the stated bound of the exact values") {
    SUBCASE("undirected, unit lengths (bidirectional BFS)") {
        check_within_bound(graph::build(random_map(120, 300, 1, false, true)), 0.02);
    }
    SUBCASE("directed, unit lengths") {
        check_within_bound(graph::build(random_map(100, 300, 2, true, true)), 0.02);
    }
    SUBCASE("weighted (Dijkstra)") {
        check_within_bound(graph::build(random_map(100, 260, 3, false, false)), 0.02);
    }
    SUBCASE("karate club") {
        const auto map = io::load_map(STAKEMAP_SOURCE_DIR "/tests/reference/maps/karate.json");
        check_within_bound(graph::build(map), 0.01);
    }
}

TEST_CASE("approximate betweenness: the same seed gives the same estimate on any thread count") {
    const auto g = graph::build(random_map(200, 600, 4, false, true));
    const auto one =
        analysis::approximate_betweenness(g, {.epsilon = 0.05, .seed = 3, .threads = 1});
    const auto two =
        analysis::approximate_betweenness(g, {.epsilon = 0.05, .seed = 3, .threads = 2});
    CHECK(one.values == two.values);
    const auto other = analysis::approximate_betweenness(g, {.epsilon = 0.05, .seed = 4});
    CHECK(other.values != one.values);
    // r = ⌈0.5/ε² (⌊log₂(VD − 2)⌋ + 1 + ln 10)⌉ for ε = 0.05, confidence 0.9.
    const double expected =
        std::ceil(200.0 * (std::floor(std::log2(static_cast<double>(one.vertex_diameter) - 2.0)) +
                           1.0 + std::log(10.0)));
    CHECK(static_cast<double>(one.samples) == expected);
    CHECK_THROWS_AS(analysis::approximate_betweenness(g, {.epsilon = 0.0}), stakemap::UsageError);
}
