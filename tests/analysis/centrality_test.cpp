#include "stakemap/analysis/centrality.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <doctest/doctest.h>
#include <random>

using namespace stakemap;

namespace {

model::Map make_map(const std::vector<std::string>& ids,
                    const std::vector<std::tuple<std::string, std::string, double>>& ties,
                    bool directed = false) {
    model::Map map;
    map.directed = directed;
    for (const auto& id : ids) {
        map.actors.push_back({.id = id, .name = id});
    }
    for (const auto& [s, t, w] : ties) {
        map.relations.push_back({.source = s, .target = t, .weight = w});
    }
    return map;
}

/// A random map: `n` actors, about `m` relations with weights 1–5, some directed when asked.
model::Map random_map(std::size_t n, std::size_t m, std::uint64_t seed, bool directed, bool unit) {
    std::mt19937_64 random(seed);
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < n; ++i) {
        ids.push_back("a" + std::to_string(i));
    }
    model::Map map = make_map(ids, {});
    for (std::size_t k = 0; k < m; ++k) {
        const auto s = random() % n;
        const auto t = random() % n;
        if (s == t) {
            continue;
        }
        model::Relation r{.source = ids[s], .target = ids[t]};
        r.weight = unit ? 1.0 : static_cast<double>(1 + random() % 5);
        if (directed && random() % 2 == 0) {
            r.directed = true;
        }
        map.relations.push_back(r);
    }
    return map;
}

} // namespace

// A star: b is the hub of a, c, d and e, which have no other ties.
TEST_CASE("centrality: a star") {
    const auto g = graph::build(make_map(
        {"a", "b", "c", "d", "e"}, {{"b", "a", 1}, {"b", "c", 1}, {"b", "d", 1}, {"b", "e", 1}}));
    CHECK(analysis::degree(g) == std::vector<double>{1, 4, 1, 1, 1});
    CHECK(analysis::betweenness(g) == std::vector<double>{0, 1, 0, 0, 0});
    const auto closeness = analysis::closeness(g);
    CHECK(closeness[1] == 1.0);
    CHECK(closeness[0] == doctest::Approx(4.0 / 7.0));
    CHECK(analysis::harmonic(g)[0] == doctest::Approx(1.0 + 3 * 0.5));
    CHECK(analysis::coreness(g) == std::vector<double>{1, 1, 1, 1, 1});
    CHECK(analysis::clustering(g) == std::vector<double>{0, 0, 0, 0, 0});
    CHECK(analysis::constraint(g)[0] == 1.0);                   // a leaf depends on its one tie
    CHECK(analysis::constraint(g)[1] == doctest::Approx(0.25)); // 4 × (1/4)²
    CHECK(analysis::effective_size(g)[1] == 4.0);               // no tie among the hub's contacts
    CHECK(analysis::effective_size(g)[0] == 1.0);
    const auto eigen = analysis::eigenvector(g);
    CHECK(eigen[1] == doctest::Approx(std::sqrt(0.5))); // hub: 1/√2, leaves: 1/(2√2)
    CHECK(eigen[0] == doctest::Approx(std::sqrt(0.5) / 2));
    const auto rank = analysis::pagerank(g);
    CHECK(rank[0] + rank[1] + rank[2] + rank[3] + rank[4] == doctest::Approx(1.0));
    CHECK(rank[1] > rank[0]);
}

// a —2— b —3— c —6— d and a —1— d: with lengths 1/weight, a–b–c–d is 1/2 + 1/3 + 1/6 = 1 on
// paper, like a–d. In floating point the sum is 0.9999999999999999, so an exact comparison (as
// NetworkX does) sends every a–d path through b and c; the tolerance counts both paths.
TEST_CASE("centrality: equal weighted path lengths are ties despite rounding") {
    const auto g = graph::build(make_map(
        {"a", "b", "c", "d"}, {{"a", "b", 2}, {"b", "c", 3}, {"c", "d", 6}, {"a", "d", 1}}));
    const auto between = analysis::betweenness(g);
    // b: pair (a, c) only through b, pair (a, d) half through b → 1.5 of 3 possible pairs.
    CHECK(between[1] == doctest::Approx(0.5));
    CHECK(between[2] == doctest::Approx(0.5));
}

// a → b → c, with c → a missing: one open two-path through b.
TEST_CASE("brokerage: Gould–Fernandez roles by group") {
    const auto g = graph::build(make_map(
        {"i", "v", "j", "k"}, {{"i", "v", 1}, {"v", "j", 1}, {"v", "k", 1}, {"i", "k", 1}}, true));
    // i → v → j is open; i → v → k is closed by i → k and does not count.
    auto roles = analysis::brokerage(g, {"A", "A", "B", "B"});
    CHECK(roles[1].representative == 1); // v speaks for group A towards B
    CHECK(roles[1].total() == 1);
    roles = analysis::brokerage(g, {"A", "B", "B", "A"});
    CHECK(roles[1].gatekeeper == 1);
    roles = analysis::brokerage(g, {"A", "B", "A", "A"});
    CHECK(roles[1].consultant == 1);
    roles = analysis::brokerage(g, {"A", "B", "C", "A"});
    CHECK(roles[1].liaison == 1);
    roles = analysis::brokerage(g, {"A", "A", "A", "A"});
    CHECK(roles[1].coordinator == 1);
}

TEST_CASE("centrality: results do not depend on the number of threads") {
    for (bool directed : {false, true}) {
        const auto g = graph::build(random_map(300, 1200, 11, directed, false));
        const auto one = analysis::betweenness(g, 1);
        CHECK(analysis::betweenness(g, 2) == one);
        CHECK(analysis::betweenness(g, 5) == one);
        CHECK(analysis::edge_betweenness(g, 1) == analysis::edge_betweenness(g, 3));
        CHECK(analysis::closeness(g, 1) == analysis::closeness(g, 4));
        CHECK(analysis::harmonic(g, 1) == analysis::harmonic(g, 2));
    }
}

TEST_CASE("centrality: Burt's measures do not depend on the number of threads") {
    // Same bits, NaN of isolated actors included: each actor's value is computed on its own.
    const auto same_bits = [](const std::vector<double>& a, const std::vector<double>& b) {
        return a.size() == b.size() &&
               std::equal(a.begin(), a.end(), b.begin(), [](double x, double y) {
                   return std::bit_cast<std::uint64_t>(x) == std::bit_cast<std::uint64_t>(y);
               });
    };
    const auto g = graph::build(random_map(400, 1500, 17, false, false));
    CHECK(same_bits(analysis::constraint(g, 1), analysis::constraint(g, 3)));
    CHECK(same_bits(analysis::effective_size(g, 1), analysis::effective_size(g, 4)));
}

// Ties of weight 0 (possible only in a graph built by hand: maps refuse them). NetworkX's
// normalized_mutual_weight is 0 when the scale is 0, so every share is 0: constraint 0 and an
// effective size equal to the number of contacts (v has a and b, tied to each other).
TEST_CASE("centrality: Burt's measures of an actor without strength") {
    const auto g =
        graph::build(make_map({"a", "b", "v"}, {{"v", "a", 0}, {"v", "b", 0}, {"a", "b", 0}}));
    CHECK(analysis::constraint(g)[2] == 0.0);
    CHECK(analysis::effective_size(g)[2] == 2.0);
}

TEST_CASE("centrality: relabelling actors does not change any measure") {
    for (bool directed : {false, true}) {
        model::Map map = random_map(60, 200, 5, directed, false);
        model::Map shuffled = map;
        std::mt19937_64 random(3);
        for (std::size_t i = shuffled.actors.size() - 1; i > 0; --i) {
            std::swap(shuffled.actors[i], shuffled.actors[random() % (i + 1)]);
        }
        std::reverse(shuffled.relations.begin(), shuffled.relations.end());
        const auto g1 = graph::build(map);
        const auto g2 = graph::build(shuffled);
        const auto c1 = analysis::centrality(g1);
        const auto c2 = analysis::centrality(g2);
        REQUIRE(c1.size() == c2.size());
        for (std::size_t k = 0; k < c1.size(); ++k) {
            CAPTURE(analysis::measure_key(c1[k].measure));
            for (std::size_t v = 0; v < map.actors.size(); ++v) {
                const auto w = *g2.vertex(map.actors[v].id);
                const double a = c1[k].values[v];
                const double b = c2[k].values[w];
                if (std::isnan(a)) {
                    CHECK(std::isnan(b));
                } else {
                    CHECK(b == doctest::Approx(a).epsilon(1e-9));
                }
            }
        }
    }
}

TEST_CASE("centrality: normalised values stay in [0, 1] on unit-weight maps") {
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        const bool directed = seed % 2 == 0;
        const auto g = graph::build(random_map(80, 160 + seed * 40, seed, directed, true));
        const auto columns = analysis::centrality(g, {.normalized = true});
        for (const auto& column : columns) {
            if (column.measure == analysis::Measure::constraint ||
                column.measure == analysis::Measure::effective_size) {
                continue; // not shares: constraint can exceed 1, effective size counts actors
            }
            CAPTURE(analysis::measure_key(column.measure));
            for (double value : column.values) {
                CHECK(value >= 0.0);
                CHECK(value <= 1.0 + 1e-12);
            }
        }
    }
}

TEST_CASE("centrality: measures, keys and selection") {
    CHECK(analysis::measure_from_key("effective_size") == analysis::Measure::effective_size);
    CHECK_FALSE(analysis::measure_from_key("closenes").has_value());
    const auto undirected = graph::build(make_map({"a", "b"}, {{"a", "b", 2}}));
    const auto all = analysis::centrality(undirected);
    CHECK(all.size() == analysis::all_measures().size() - 2); // no in/out degree
    const auto two = analysis::centrality(
        undirected, {.measures = {analysis::Measure::strength, analysis::Measure::degree}});
    REQUIRE(two.size() == 2);
    CHECK(two[0].measure == analysis::Measure::degree); // printing order, not request order
    CHECK(two[1].values == std::vector<double>{2, 2});
    const auto isolated = graph::build(make_map({"a", "b", "c"}, {{"a", "b", 1}}));
    CHECK(std::isnan(analysis::constraint(isolated)[2]));
    CHECK(std::isnan(analysis::effective_size(isolated)[2]));
    CHECK(analysis::closeness(isolated)[2] == 0.0);
    CHECK(analysis::eigenvector(graph::build(make_map({"a"}, {}))) == std::vector<double>{0});
}

namespace {

/// Betweenness by its definition, from all-pairs BFS distances d and path counts σ: w lies on
/// σ_sw·σ_wt of the σ_st shortest s–t paths when d(s,w) + d(w,t) = d(s,t). Scaled as stakemap
/// and NetworkX scale it (ordered pairs over (n-1)(n-2)). Unit lengths only.
std::vector<double> betweenness_by_definition(const graph::AnalysisGraph& g) {
    const std::size_t n = g.vertex_count;
    std::vector<std::vector<int>> d(n, std::vector<int>(n, -1));
    std::vector<std::vector<double>> sigma(n, std::vector<double>(n, 0.0));
    for (std::size_t s = 0; s < n; ++s) {
        std::vector<graph::Vertex> queue{static_cast<graph::Vertex>(s)};
        d[s][s] = 0;
        sigma[s][s] = 1.0;
        for (std::size_t head = 0; head < queue.size(); ++head) {
            const auto v = queue[head];
            for (const auto w : g.out.neighbours_of(v)) {
                if (d[s][w] < 0) {
                    d[s][w] = d[s][v] + 1;
                    queue.push_back(w);
                }
                if (d[s][w] == d[s][v] + 1) {
                    sigma[s][w] += sigma[s][v];
                }
            }
        }
    }
    std::vector<double> score(n, 0.0);
    for (std::size_t s = 0; s < n; ++s) {
        for (std::size_t t = 0; t < n; ++t) {
            if (s == t || d[s][t] < 0) {
                continue;
            }
            for (std::size_t w = 0; w < n; ++w) {
                if (w != s && w != t && d[s][w] > 0 && d[w][t] > 0 &&
                    d[s][w] + d[w][t] == d[s][t]) {
                    score[w] += sigma[s][w] * sigma[w][t] / sigma[s][t];
                }
            }
        }
    }
    for (double& value : score) {
        value /= static_cast<double>((n - 1) * (n - 2));
    }
    return score;
}

} // namespace

// Sources that stand for others: a, b, c are tied to each other and to x and y (twins tied to each
// other), p and q both to x and z only (twins not tied), l1 and l2 hang on x and l3 on y (leaves),
// k1–k2 is a pair of leaves, i is alone; x–y–z–w is a path. Each folded source must add what its
// own search would: the values are those of the definition, computed here without any folding.
TEST_CASE("centrality: leaves and twins folded into one source give the definition's values") {
    const auto g = graph::build(
        make_map({"a", "b", "c", "x", "y", "z", "w", "p", "q", "l1", "l2", "l3", "k1", "k2", "i"},
                 {{"a", "b", 1},  {"a", "c", 1},   {"b", "c", 1}, {"a", "x", 1},  {"b", "x", 1},
                  {"c", "x", 1},  {"a", "y", 1},   {"b", "y", 1}, {"c", "y", 1},  {"p", "x", 1},
                  {"p", "z", 1},  {"q", "x", 1},   {"q", "z", 1}, {"x", "l1", 1}, {"x", "l2", 1},
                  {"y", "l3", 1}, {"k1", "k2", 1}, {"x", "y", 1}, {"y", "z", 1},  {"z", "w", 1}}));
    const auto expected = betweenness_by_definition(g);
    const auto folded = analysis::betweenness(g, 2);
    REQUIRE(folded.size() == expected.size());
    for (std::size_t v = 0; v < expected.size(); ++v) {
        CHECK(folded[v] == doctest::Approx(expected[v]).epsilon(1e-12));
    }
    // x: worked out by hand for one pair family: l1 reaches everything but l2 and itself only
    // through x, so x gets at least 12 of l1's 13 targets (ordered pairs, both ways: 24 + …).
    CHECK(folded[3] > 24.0 / (14.0 * 13.0));
    // Asking for the ties' scores too runs every source's own search: the same values.
    const auto unfolded = analysis::betweenness_scores(g, 1).vertices;
    for (std::size_t v = 0; v < expected.size(); ++v) {
        CHECK(unfolded[v] == doctest::Approx(expected[v]).epsilon(1e-12));
    }
}

TEST_CASE("centrality: folding on random maps with planted twins and leaves") {
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        model::Map map = random_map(60, 110, seed, false, true);
        std::mt19937_64 random(seed);
        // Copy the neighbourhood of some actors to new ones: twins tied to the original or not.
        for (int copy = 0; copy < 8; ++copy) {
            const std::string original = "a" + std::to_string(random() % 60);
            const std::string twin = "t" + std::to_string(copy);
            map.actors.push_back({.id = twin, .name = twin});
            const auto relations = map.relations;
            for (const auto& r : relations) {
                if (r.source == original || r.target == original) {
                    const std::string other = r.source == original ? r.target : r.source;
                    map.relations.push_back({.source = twin, .target = other, .weight = 1.0});
                }
            }
            if (copy % 2 == 0) {
                map.relations.push_back({.source = twin, .target = original, .weight = 1.0});
            }
            const std::string leaf = "l" + std::to_string(copy);
            map.actors.push_back({.id = leaf, .name = leaf});
            map.relations.push_back({.source = leaf, .target = original, .weight = 1.0});
        }
        // Repeated pairs merge into heavier ties: unit lengths keep every tie at length 1.
        const auto g = graph::build(map, {.distance = graph::Distance::unit});
        const auto expected = betweenness_by_definition(g);
        const auto folded = analysis::betweenness(g, 2);
        for (std::size_t v = 0; v < expected.size(); ++v) {
            CHECK(folded[v] == doctest::Approx(expected[v]).epsilon(1e-12));
        }
        // Weighted: leaves are folded (twins are not); the ties' scores force every search.
        for (auto& r : map.relations) {
            r.weight = static_cast<double>(1 + (r.source.size() + r.target.size()) % 4);
        }
        const auto weighted = graph::build(map);
        const auto folded_weighted = analysis::betweenness(weighted, 2);
        const auto unfolded_weighted = analysis::betweenness_scores(weighted, 1).vertices;
        for (std::size_t v = 0; v < expected.size(); ++v) {
            CHECK(folded_weighted[v] == doctest::Approx(unfolded_weighted[v]).epsilon(1e-12));
        }
    }
}

// A ring of 301 actors with a few chords: searches 150 levels deep, past the 127 levels after
// which the undirected kernel's level byte starts its cycle again.
TEST_CASE("centrality: betweenness on deep undirected maps, past the level byte's cycle") {
    std::vector<std::string> ids;
    std::vector<std::tuple<std::string, std::string, double>> ties;
    for (std::size_t i = 0; i < 301; ++i) {
        ids.push_back("r" + std::to_string(i));
    }
    for (std::size_t i = 0; i < 301; ++i) {
        ties.emplace_back(ids[i], ids[(i + 1) % 301], 1.0);
    }
    ties.emplace_back(ids[0], ids[150], 1.0);
    ties.emplace_back(ids[40], ids[260], 1.0);
    const auto g = graph::build(make_map(ids, ties));
    const auto expected = betweenness_by_definition(g);
    const auto computed = analysis::betweenness(g, 2);
    for (std::size_t v = 0; v < expected.size(); ++v) {
        CHECK(computed[v] == doctest::Approx(expected[v]).epsilon(1e-12));
    }
    // Without the chords, a ring's betweenness is the same for everyone: (n-1)(n-3)/8 pairs'
    // worth over (n-1)(n-2)/2, i.e. (n-3)/(4(n-2)) for odd n.
    ties.resize(301);
    const auto ring = analysis::betweenness(graph::build(make_map(ids, ties)), 2);
    CHECK(ring[0] == doctest::Approx(298.0 / (4.0 * 299.0)).epsilon(1e-12));
    CHECK(ring[200] == doctest::Approx(298.0 / (4.0 * 299.0)).epsilon(1e-12));
}
