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

void check_within_bound(const graph::AnalysisGraph& g, double epsilon,
                        analysis::ApproximateMethod method) {
    const auto exact = analysis::betweenness(g);
    const auto estimate =
        analysis::approximate_betweenness(g, {.epsilon = epsilon, .seed = 7, .method = method});
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
    for (auto method : {analysis::ApproximateMethod::kadabra, analysis::ApproximateMethod::rk}) {
        CAPTURE(static_cast<int>(method));
        SUBCASE("undirected, unit lengths (bidirectional BFS)") {
            check_within_bound(graph::build(random_map(120, 300, 1, false, true)), 0.02, method);
        }
        SUBCASE("directed, unit lengths") {
            check_within_bound(graph::build(random_map(100, 300, 2, true, true)), 0.02, method);
        }
        SUBCASE("weighted (Dijkstra)") {
            check_within_bound(graph::build(random_map(100, 260, 3, false, false)), 0.02, method);
        }
        SUBCASE("weighted and directed") {
            check_within_bound(graph::build(random_map(100, 300, 5, true, false)), 0.02, method);
        }
        SUBCASE("karate club") {
            const auto map = io::load_map(STAKEMAP_SOURCE_DIR "/tests/reference/maps/karate.json");
            check_within_bound(graph::build(map), 0.01, method);
        }
    }
}

TEST_CASE("approximate betweenness: the same seed gives the same estimate on any thread count") {
    const auto g = graph::build(random_map(200, 600, 4, false, true));
    for (auto method : {analysis::ApproximateMethod::kadabra, analysis::ApproximateMethod::rk}) {
        const auto one = analysis::approximate_betweenness(
            g, {.epsilon = 0.05, .seed = 3, .threads = 1, .method = method});
        const auto two = analysis::approximate_betweenness(
            g, {.epsilon = 0.05, .seed = 3, .threads = 2, .method = method});
        CHECK(one.values == two.values);
        CHECK(one.samples == two.samples);
        const auto other =
            analysis::approximate_betweenness(g, {.epsilon = 0.05, .seed = 4, .method = method});
        CHECK(other.values != one.values);
    }
    CHECK_THROWS_AS(analysis::approximate_betweenness(g, {.epsilon = 0.0}), stakemap::UsageError);
}

TEST_CASE("approximate betweenness: how many paths each method takes") {
    const auto g = graph::build(random_map(200, 600, 4, false, true));
    const auto rk = analysis::approximate_betweenness(
        g, {.epsilon = 0.05, .seed = 3, .method = analysis::ApproximateMethod::rk});
    // r = ⌈0.5/ε² (⌊log₂(VD − 2)⌋ + 1 + ln 10)⌉ for ε = 0.05, confidence 0.9; ω has ln 20.
    const double diameter_term =
        std::floor(std::log2(static_cast<double>(rk.vertex_diameter) - 2.0));
    CHECK(static_cast<double>(rk.samples) ==
          std::ceil(200.0 * (diameter_term + 1.0 + std::log(10.0))));
    CHECK(static_cast<double>(rk.sample_limit) ==
          std::ceil(200.0 * (diameter_term + 1.0 + std::log(20.0))));
    CHECK(rk.calibration_samples == 0);
    const auto kadabra = analysis::approximate_betweenness(g, {.epsilon = 0.05, .seed = 3});
    CHECK(kadabra.sample_limit == rk.sample_limit);
    CHECK(kadabra.calibration_samples == kadabra.sample_limit / 100);
    // It stops after a whole batch of 512 paths, or at ω.
    CHECK(kadabra.samples <= kadabra.sample_limit);
    CHECK((kadabra.samples % 512 == 0 || kadabra.samples == kadabra.sample_limit));
    // On a larger sparse map, where every betweenness is below 0.02, the bound ε = 0.01 is proven
    // long before ω (19,968 of 44,979 paths).
    const auto sparse = graph::build(random_map(2000, 4000, 6, false, true));
    const auto early = analysis::approximate_betweenness(sparse, {.epsilon = 0.01, .seed = 3});
    CAPTURE(early.sample_limit);
    CHECK(early.samples * 2 < early.sample_limit);
}

// A hub h tied both ways to s1 … s30, and a one-way chain s1 → t1 → t2 → t3. The longest shortest
// path is s2 → h → s1 → t1 → t2 → t3: 6 actors. The strong component {h, s…} contributes
// ecc_in(h) + ecc_out(h) = 2 steps (3 actors), each t one: the bound is exactly 6, where the size
// of the largest component (34) was the bound before.
TEST_CASE("approximate betweenness: the vertex-diameter bound of a directed map follows its "
          "strong components") {
    model::Map map;
    map.actors.push_back({.id = "h", .name = "h"});
    for (int i = 1; i <= 30; ++i) {
        const std::string id = "s" + std::to_string(i);
        map.actors.push_back({.id = id, .name = id});
        map.relations.push_back({.source = "h", .target = id});
    }
    for (const char* id : {"t1", "t2", "t3"}) {
        map.actors.push_back({.id = id, .name = id});
    }
    map.relations.push_back({.source = "s1", .target = "t1", .directed = true});
    map.relations.push_back({.source = "t1", .target = "t2", .directed = true});
    map.relations.push_back({.source = "t2", .target = "t3", .directed = true});
    const auto g = graph::build(map);
    REQUIRE(g.directed);
    CHECK(analysis::approximate_betweenness(g, {.epsilon = 0.05}).vertex_diameter == 6U);

    // On random directed maps the bound is never below the true vertex diameter (BFS from every
    // actor: the deepest level + 1).
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        const auto r = graph::build(random_map(150, 260, seed, true, true),
                                    {.distance = graph::Distance::unit});
        std::size_t deepest = 0;
        for (graph::Vertex s = 0; s < r.vertex_count; ++s) {
            std::vector<int> level(r.vertex_count, -1);
            std::vector<graph::Vertex> queue{s};
            level[s] = 0;
            for (std::size_t head = 0; head < queue.size(); ++head) {
                for (const auto w : r.out.neighbours_of(queue[head])) {
                    if (level[w] < 0) {
                        level[w] = level[queue[head]] + 1;
                        deepest =
                            std::max<std::size_t>(deepest, static_cast<std::size_t>(level[w]));
                        queue.push_back(w);
                    }
                }
            }
        }
        const auto bound = analysis::approximate_betweenness(r, {.epsilon = 0.1}).vertex_diameter;
        CAPTURE(seed);
        CHECK(bound >= deepest + 1);
        CHECK(bound <= r.vertex_count);
    }
}
