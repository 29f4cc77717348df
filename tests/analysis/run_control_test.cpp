// Run control: parallel blocks that fail, stop requests, and power iterations that do not converge.

#include "analysis/parallel.hpp"
#include "stakemap/analysis/approximate.hpp"
#include "stakemap/analysis/centrality.hpp"
#include "stakemap/analysis/communities.hpp"
#include "stakemap/analysis/run_control.hpp"
#include "stakemap/analysis/stats.hpp"

#include <atomic>
#include <chrono>
#include <doctest/doctest.h>
#include <new>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>

using namespace stakemap;
using analysis::detail::for_each_block;

namespace {

/// A connected random map with `n` actors, deterministic.
graph::AnalysisGraph random_graph(std::size_t n, std::uint64_t seed) {
    std::mt19937_64 random(seed);
    model::Map map;
    for (std::size_t i = 0; i < n; ++i) {
        map.actors.push_back({.id = "a" + std::to_string(i), .name = "a" + std::to_string(i)});
    }
    for (std::size_t i = 1; i < n; ++i) {
        // A tie to an earlier actor keeps it connected; a second one makes cycles.
        map.relations.push_back({.source = map.actors[i].id,
                                 .target = map.actors[random() % i].id,
                                 .weight = static_cast<double>(1 + random() % 3)});
        map.relations.push_back(
            {.source = map.actors[i].id, .target = map.actors[random() % i].id, .weight = 1.0});
    }
    return graph::build(map);
}

/// Blocks that take a little while, so that a failure in one is seen before the others end.
void slow_block() {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

} // namespace

TEST_CASE("run control: an exception in a parallel block reaches the caller, the rest stop") {
    for (const unsigned threads : {2U, 4U}) {
        CAPTURE(threads);
        std::atomic<std::size_t> started{0};
        CHECK_THROWS_WITH_AS(for_each_block(64, 64, threads, {},
                                            [&](std::size_t, std::size_t, std::size_t block) {
                                                ++started;
                                                if (block == 0) {
                                                    throw std::runtime_error("block 0 failed");
                                                }
                                                slow_block();
                                            }),
                             "block 0 failed", std::runtime_error);
        // Each thread finishes at most the block it holds: far from all 64.
        CHECK(started.load() < 64 / 2);
    }
}

TEST_CASE("run control: out of memory in a parallel block is std::bad_alloc for the caller") {
    std::atomic<std::size_t> started{0};
    CHECK_THROWS_AS(for_each_block(1000, 100, 3, {},
                                   [&](std::size_t, std::size_t, std::size_t block) {
                                       ++started;
                                       if (block == 2) {
                                           throw std::bad_alloc();
                                       }
                                       slow_block();
                                   }),
                    std::bad_alloc);
    CHECK(started.load() < 100 / 2);
}

TEST_CASE("run control: when every block fails, the caller gets one of their exceptions") {
    CHECK_THROWS_WITH_AS(for_each_block(8, 8, 4, {},
                                        [](std::size_t, std::size_t, std::size_t block) {
                                            throw std::runtime_error("block " +
                                                                     std::to_string(block));
                                        }),
                         doctest::Contains("block "), std::runtime_error);
}

TEST_CASE("run control: a stop requested while blocks run ends the loop with Interrupted") {
    std::atomic<bool> stop{false};
    std::atomic<std::size_t> finished{0};
    analysis::RunControl control;
    control.stop = &stop;
    control.progress = [&](std::string_view, std::size_t, std::size_t) {
        stop.store(true);
    };
    CHECK_THROWS_AS(for_each_block(64, 64, 2, control,
                                   [&](std::size_t, std::size_t, std::size_t) {
                                       slow_block();
                                       ++finished;
                                   }),
                    analysis::Interrupted);
    CHECK(finished.load() < 64 / 2);
}

TEST_CASE("run control: without a stop request, blocks cover every item once") {
    std::vector<int> seen(1000, 0);
    std::atomic<std::size_t> progress_calls{0};
    analysis::RunControl control;
    control.progress = [&](std::string_view task, std::size_t done, std::size_t total) {
        CHECK(task == "test");
        CHECK(done <= total);
        ++progress_calls;
    };
    for_each_block(
        seen.size(), 7, 3, control,
        [&](std::size_t begin, std::size_t end, std::size_t) {
            for (std::size_t i = begin; i < end; ++i) {
                ++seen[i];
            }
        },
        "test");
    CHECK(std::count(seen.begin(), seen.end(), 1) == 1000);
    CHECK(progress_calls.load() == 7);
}

TEST_CASE("run control: a stop request makes the long computations throw Interrupted") {
    const auto graph = random_graph(200, 7);
    std::atomic<bool> stop{true};
    analysis::RunControl control;
    control.stop = &stop;
    for (const auto measure : {analysis::Measure::betweenness, analysis::Measure::closeness,
                               analysis::Measure::harmonic, analysis::Measure::eigenvector,
                               analysis::Measure::pagerank, analysis::Measure::constraint,
                               analysis::Measure::effective_size, analysis::Measure::clustering}) {
        CAPTURE(analysis::measure_key(measure));
        CHECK_THROWS_AS(
            analysis::centrality(graph, {.measures = {measure}, .threads = 2, .control = control}),
            analysis::Interrupted);
    }
    CHECK_THROWS_AS(analysis::pagerank(graph, 0.85, control), analysis::Interrupted);
    CHECK_THROWS_AS(analysis::eigenvector(graph, control), analysis::Interrupted);
    CHECK_THROWS_AS(analysis::betweenness(graph, 1, control), analysis::Interrupted);
    for (const auto method : {analysis::CommunityMethod::louvain, analysis::CommunityMethod::leiden,
                              analysis::CommunityMethod::label_propagation}) {
        CHECK_THROWS_AS(analysis::detect_communities(graph, {.method = method, .control = control}),
                        analysis::Interrupted);
    }
    CHECK_THROWS_AS(analysis::approximate_betweenness(graph, {.epsilon = 0.1, .control = control}),
                    analysis::Interrupted);
    CHECK_THROWS_AS(analysis::map_stats(graph, {.threads = 2, .control = control}),
                    analysis::Interrupted);
    // Interrupted is a stakemap::Error with its own code and exit code.
    try {
        analysis::centrality(graph, {.control = control});
        FAIL("not interrupted");
    } catch (const Error& error) {
        CHECK(error.code() == ErrorCode::interrupted);
        CHECK(error.exit_code() == ExitCode::interrupted);
    }
}

TEST_CASE("run control: nothing set means no stop, and the same results") {
    const auto graph = random_graph(120, 3);
    std::atomic<bool> stop{false};
    analysis::RunControl control;
    control.stop = &stop;
    const auto plain = analysis::centrality(graph);
    const auto controlled = analysis::centrality(graph, {.threads = 2, .control = control});
    REQUIRE(plain.size() == controlled.size());
    for (std::size_t i = 0; i < plain.size(); ++i) {
        CAPTURE(analysis::measure_key(plain[i].measure));
        CHECK(plain[i].values.size() == controlled[i].values.size());
        for (std::size_t v = 0; v < plain[i].values.size(); ++v) {
            const double a = plain[i].values[v];
            const double b = controlled[i].values[v];
            CHECK(((std::isnan(a) && std::isnan(b)) || a == b));
        }
    }
    CHECK(analysis::detect_communities(graph).community ==
          analysis::detect_communities(graph, {.control = control}).community);
}

TEST_CASE("run control: eigenvector and PageRank say how their power iteration ended") {
    const auto graph = random_graph(50, 11);
    const auto eigen = analysis::eigenvector_iteration(graph);
    CHECK(eigen.convergence.converged);
    CHECK(eigen.convergence.iterations > 0);
    CHECK(eigen.convergence.change < eigen.convergence.tolerance);
    CHECK(eigen.values == analysis::eigenvector(graph));
    const auto rank = analysis::pagerank_iteration(graph);
    CHECK(rank.convergence.converged);
    CHECK(rank.values == analysis::pagerank(graph));
    for (const auto& column : analysis::centrality(graph)) {
        const bool iterative = column.measure == analysis::Measure::eigenvector ||
                               column.measure == analysis::Measure::pagerank;
        CHECK(column.convergence.has_value() == iterative);
    }
}

// a ⇄ b, c → a. Without damping (alpha = 1) the score swings between a and b forever:
// (1/3, 1/3, 1/3) → (2/3, 1/3, 0) → (1/3, 2/3, 0) → (2/3, 1/3, 0) …
TEST_CASE("run control: PageRank that never converges is reported, not silent") {
    model::Map map;
    map.directed = true;
    for (const char* id : {"a", "b", "c"}) {
        map.actors.push_back({.id = id, .name = id});
    }
    map.relations.push_back({.source = "a", .target = "b", .weight = 1.0});
    map.relations.push_back({.source = "b", .target = "a", .weight = 1.0});
    map.relations.push_back({.source = "c", .target = "a", .weight = 1.0});
    for (auto& relation : map.relations) {
        relation.directed = true;
    }
    const auto graph = graph::build(map);
    std::size_t reports = 0;
    analysis::RunControl control;
    control.not_converged = [&](std::string_view measure, const analysis::Convergence& c) {
        CHECK(measure == "pagerank");
        CHECK_FALSE(c.converged);
        ++reports;
    };
    const auto rank = analysis::pagerank_iteration(graph, 1.0, control);
    CHECK(reports == 1);
    CHECK_FALSE(rank.convergence.converged);
    CHECK(rank.convergence.iterations == rank.convergence.limit);
    CHECK(rank.convergence.change > rank.convergence.tolerance);
    CHECK(rank.values.size() == 3);
}
