#include "analysis/integer_lengths.hpp"

#include "stakemap/analysis/centrality.hpp"

#include <algorithm>
#include <bit>
#include <doctest/doctest.h>
#include <random>
#include <string>
#include <tuple>

using namespace stakemap;
using analysis::detail::integer_lengths;

namespace {

graph::Adjacency adjacency_with_lengths(const std::vector<double>& lengths) {
    graph::Adjacency adjacency;
    adjacency.offsets = {0, lengths.size()};
    adjacency.neighbours.assign(lengths.size(), 0);
    adjacency.lengths = lengths;
    return adjacency;
}

std::vector<std::uint32_t> units_of(const analysis::detail::IntegerLengths& lengths) {
    std::vector<std::uint32_t> units;
    for (const auto& arc : lengths.arcs) {
        units.push_back(arc.units);
    }
    return units;
}

model::Map random_map(std::size_t n, std::size_t m, std::uint64_t seed, bool directed,
                      double weight_factor) {
    std::mt19937_64 random(seed);
    model::Map map;
    for (std::size_t i = 0; i < n; ++i) {
        map.actors.push_back({.id = "a" + std::to_string(i), .name = "a" + std::to_string(i)});
    }
    for (std::size_t k = 0; k < m; ++k) {
        const auto s = random() % n;
        const auto t = random() % n;
        if (s == t) {
            continue;
        }
        model::Relation r{.source = map.actors[s].id, .target = map.actors[t].id};
        r.weight = static_cast<double>(1 + random() % 5) * weight_factor;
        r.directed = directed && random() % 3 == 0;
        map.relations.push_back(r);
    }
    return map;
}

double largest_relative_difference(const std::vector<double>& a, const std::vector<double>& b) {
    REQUIRE(a.size() == b.size());
    double worst = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const double scale = std::max(std::fabs(a[i]), std::fabs(b[i]));
        if (scale > 0.0) {
            worst = std::max(worst, std::fabs(a[i] - b[i]) / scale);
        }
    }
    return worst;
}

/// Checks that betweenness, ties' betweenness and closeness of `whole` (whole-unit lengths) equal
/// those of `scaled`, the same map with every length × `length_factor` (floating-point search):
/// betweenness unchanged, closeness ÷ length_factor.
void check_searches_agree(const graph::AnalysisGraph& whole, const graph::AnalysisGraph& scaled,
                          double length_factor) {
    CHECK(largest_relative_difference(analysis::betweenness(whole), analysis::betweenness(scaled)) <
          1e-12);
    CHECK(largest_relative_difference(analysis::edge_betweenness(whole),
                                      analysis::edge_betweenness(scaled)) < 1e-12);
    auto closeness = analysis::closeness(scaled);
    for (double& value : closeness) {
        value *= length_factor;
    }
    CHECK(largest_relative_difference(analysis::closeness(whole), closeness) < 1e-12);
}

} // namespace

// Lengths 1/1, 1/2, 1/3, 1/4, 1/5 (weights 1–5): common denominator 60, so 60, 30, 20, 15, 12
// units; 2.5 (weight 0.4 under the inverse distance) is 5/2, 150 units.
TEST_CASE("integer lengths: weights 1–5 and simple fractions become whole units") {
    auto lengths = integer_lengths(
        adjacency_with_lengths({1.0, 1.0 / 2, 1.0 / 3, 1.0 / 4, 1.0 / 5, 1.0 / 0.4}), 10);
    REQUIRE(lengths.has_value());
    CHECK(lengths->scale == 60.0);
    CHECK(units_of(*lengths) == std::vector<std::uint32_t>{60, 30, 20, 15, 12, 150});
    CHECK(lengths->longest == 150);
    // Merged weights up to 10: the least common multiple of 1…10 is 2520.
    std::vector<double> inverse;
    for (int w = 1; w <= 10; ++w) {
        inverse.push_back(1.0 / w);
    }
    lengths = integer_lengths(adjacency_with_lengths(inverse), 1000);
    REQUIRE(lengths.has_value());
    CHECK(lengths->scale == 2520.0);
    CHECK(units_of(*lengths).back() == 252);
}

TEST_CASE("integer lengths: other lengths keep the floating-point search") {
    // 1/1.0000001 needs a denominator of 10⁷; π is no fraction at all.
    CHECK_FALSE(integer_lengths(adjacency_with_lengths({1.0, 1.0 / 1.0000001}), 10).has_value());
    CHECK_FALSE(integer_lengths(adjacency_with_lengths({3.141592653589793}), 10).has_value());
    // 2.9999999 is not taken for 3.
    CHECK_FALSE(integer_lengths(adjacency_with_lengths({1.0 / 2.9999999}), 10).has_value());
    // Ties of 2520 units: a path of 1,999,999 of them (5.04·10⁹) does not fit in 32 bits, one of
    // 999,999 (2.52·10⁹) does.
    const auto long_ties = adjacency_with_lengths({1.0, 1.0 / 2520});
    CHECK_FALSE(integer_lengths(long_ties, 2'000'000).has_value());
    CHECK(integer_lengths(long_ties, 1'000'000).has_value());
}

TEST_CASE("integer lengths: both queues pop in key order") {
    std::mt19937_64 random(7);
    analysis::detail::RadixHeap heap;
    analysis::detail::BucketQueue buckets(100);
    for (int round = 0; round < 3; ++round) {
        heap.clear();
        buckets.clear();
        // Dijkstra's pattern: every key pushed is the last popped key plus at most 100.
        std::vector<std::uint64_t> popped_heap;
        std::vector<std::uint64_t> popped_buckets;
        std::uint64_t last = 0;
        heap.push(0, 0);
        buckets.push(0, 0);
        std::size_t pushed = 1;
        while (!heap.empty()) {
            const auto [key, vertex] = heap.pop();
            const auto [bucket_key, bucket_vertex] = buckets.pop();
            CHECK(key >= last);
            last = key;
            popped_heap.push_back(key);
            popped_buckets.push_back(bucket_key);
            for (int k = 0; k < 3 && pushed < 5000; ++k, ++pushed) {
                const std::uint64_t next = key + random() % 101;
                heap.push(next, vertex);
                buckets.push(next, vertex);
            }
        }
        CHECK(buckets.empty());
        CHECK(popped_heap.size() == 5000);
        CHECK(popped_heap == popped_buckets);
        CHECK(std::is_sorted(popped_heap.begin(), popped_heap.end()));
    }
}

// The same map with every weight × 1.0000001 has every length ÷ 1.0000001: the same shortest
// paths, found by the floating-point search (1.0000001 is no simple fraction). Betweenness is the
// same, closeness and harmonic scale by 1.0000001; so the two searches agree.
TEST_CASE("integer lengths: whole-unit and floating-point searches agree") {
    for (bool directed : {false, true}) {
        const auto whole = graph::build(random_map(200, 900, 3, directed, 1.0));
        const auto scaled = graph::build(random_map(200, 900, 3, directed, 1.0000001));
        REQUIRE(integer_lengths(whole.out, whole.vertex_count).has_value());
        REQUIRE_FALSE(integer_lengths(scaled.out, scaled.vertex_count).has_value());
        check_searches_agree(whole, scaled, 1.0 / 1.0000001);
    }
}

// One tie 10³ times longer than the longest of the others, the only way to an actor "far": lengths
// too spread for the bands of length (a band is at most the shortest tie wide, and at most 256
// bands may lie between the shortest tie and the longest), so the search takes the radix heap, and
// the long tie is on every shortest path to and from "far". It must agree with the floating-point
// search as the banded one does.
TEST_CASE("integer lengths: a very long tie takes the radix heap, with the same values") {
    for (bool directed : {false, true}) {
        const auto with_distant_actor = [directed](double factor) {
            auto map = random_map(200, 900, 5, directed, factor);
            map.actors.push_back({.id = "far", .name = "far"});
            model::Relation distant{.source = "a1", .target = "far"};
            distant.weight = 0.001 * factor;
            map.relations.push_back(distant);
            return graph::build(map);
        };
        const auto whole = with_distant_actor(1.0);
        const auto scaled = with_distant_actor(1.0000001);
        const auto units = integer_lengths(whole.out, whole.vertex_count);
        REQUIRE(units.has_value());
        REQUIRE_FALSE(integer_lengths(scaled.out, scaled.vertex_count).has_value());
        CHECK(units->longest / std::bit_floor(units->shortest) >= 256);
        const auto betweenness = analysis::betweenness(whole);
        CHECK(betweenness[*whole.vertex("a1")] > 0.0); // on every path to and from "far"
        check_searches_agree(whole, scaled, 1.0 / 1.0000001);
    }
}

// Lengths equal to the weights, 1 to 5 and a few of 200: bands one unit wide on a ring of 256,
// which searches go round many times, crossing runs of empty bands. Same values as the
// floating-point search (weights × 1.0000001).
TEST_CASE("integer lengths: bands far apart on the ring, with the same values") {
    const graph::BuildOptions by_weight{.distance = graph::Distance::weight};
    for (bool directed : {false, true}) {
        const auto with_long_ties = [directed, &by_weight](double factor) {
            auto map = random_map(200, 900, 7, directed, factor);
            for (std::size_t k = 0; k < map.relations.size(); k += 97) {
                map.relations[k].weight = 200.0 * factor;
            }
            return graph::build(map, by_weight);
        };
        const auto whole = with_long_ties(1.0);
        const auto scaled = with_long_ties(1.0000001);
        const auto units = integer_lengths(whole.out, whole.vertex_count);
        REQUIRE(units.has_value());
        CHECK(units->shortest == 1);
        CHECK(units->longest >= 200);
        CHECK(units->longest < 256);
        check_searches_agree(whole, scaled, 1.0000001);
    }
}

// centrality() takes closeness and harmonic from Brandes' passes when betweenness is also asked
// for; alone they come from one search per actor towards it. Same values (summed in another order).
TEST_CASE("integer lengths: closeness from the betweenness passes equals its own search") {
    for (bool directed : {false, true}) {
        for (double factor : {1.0, 1.0000001}) {
            const auto g = graph::build(random_map(150, 600, 9, directed, factor));
            analysis::CentralityOptions options;
            options.measures = {analysis::Measure::betweenness, analysis::Measure::closeness,
                                analysis::Measure::harmonic};
            const auto columns = analysis::centrality(g, options);
            REQUIRE(columns.size() == 3);
            CHECK(columns[0].values == analysis::betweenness(g));
            CHECK(largest_relative_difference(columns[1].values, analysis::closeness(g)) < 1e-13);
            CHECK(largest_relative_difference(columns[2].values, analysis::harmonic(g)) < 1e-13);
        }
    }
}

namespace {

/// The ties kept by arcs_on_shortest_paths, as "source>target" pairs of actor ids.
std::vector<std::string> kept_ties(const graph::AnalysisGraph& g) {
    const auto units = integer_lengths(g.out, g.vertex_count);
    REQUIRE(units.has_value());
    const auto kept = analysis::detail::arcs_on_shortest_paths(g.out, *units, g.in, 1, {});
    std::vector<std::string> ties;
    for (std::size_t v = 0; v < g.vertex_count; ++v) {
        for (std::size_t k = kept.offsets[v]; k < kept.offsets[v + 1]; ++k) {
            CHECK(g.out.neighbours[kept.slots[k]] == kept.arcs[k].to);
            ties.push_back(g.ids[v] + ">" + g.ids[kept.arcs[k].to]);
        }
    }
    return ties;
}

model::Map map_of_ties(const std::vector<std::tuple<std::string, std::string, double>>& ties,
                       double weight_factor = 1.0, bool directed = false) {
    model::Map map;
    for (const auto& [source, target, weight] : ties) {
        for (const auto& id : {source, target}) {
            if (!map.actor_index(id)) {
                map.actors.push_back({.id = id, .name = id});
            }
        }
        model::Relation relation{.source = source, .target = target};
        relation.weight = weight * weight_factor;
        relation.directed = directed;
        map.relations.push_back(relation);
    }
    return map;
}

} // namespace

// Lengths 1/weight. a–b (1) has a way round of two ties, a–c–b (0.2 + 0.2), and b–d (1) one of
// three, b–c–e–d (0.2 + 0.25 + 0.25): both are on no shortest path and are left out, each way.
// f–g (0.5) is as long as f–h–g (0.25 + 0.25): both are shortest paths, so it stays. i–j (1) is
// longer than i–k–l–m–j (4 × 0.2) but that way has four ties, beyond the check: it stays, which
// costs time, not exactness (the values agree with the floating-point search on the whole map).
// Ties shorter than twice the shortest (0.2) are never checked: c–e, e–d, f–h, h–g.
TEST_CASE("integer lengths: ties with a shorter way round are left out of the searches") {
    const std::vector<std::tuple<std::string, std::string, double>> ties{
        {"a", "b", 1}, {"a", "c", 5}, {"c", "b", 5}, {"b", "d", 1}, {"c", "e", 4}, {"e", "d", 4},
        {"f", "g", 2}, {"f", "h", 4}, {"h", "g", 4}, {"i", "j", 1}, {"i", "k", 5}, {"k", "l", 5},
        {"l", "m", 5}, {"m", "j", 5}, {"d", "f", 3}, {"g", "i", 3}};
    const auto g = graph::build(map_of_ties(ties));
    auto kept = kept_ties(g);
    std::sort(kept.begin(), kept.end());
    for (const std::string left_out : {"a>b", "b>a", "b>d", "d>b"}) {
        CHECK_FALSE(std::binary_search(kept.begin(), kept.end(), left_out));
    }
    for (const std::string stays : {"f>g", "g>f", "i>j", "j>i", "c>e", "a>c", "d>f", "g>i"}) {
        CHECK(std::binary_search(kept.begin(), kept.end(), stays));
    }
    CHECK(kept.size() == 2 * ties.size() - 4);
    check_searches_agree(g, graph::build(map_of_ties(ties, 1.0000001)), 1.0 / 1.0000001);

    // One-way ties: p → q (1) has the way round p → r → s → q (3 × 0.2), found through the ties
    // into q (the in-adjacency); q → p (1) has none, as no tie leaves q but that one: it stays.
    const std::vector<std::tuple<std::string, std::string, double>> one_way{
        {"p", "q", 1}, {"p", "r", 5}, {"r", "s", 5}, {"s", "q", 5}, {"q", "p", 1}};
    const auto d = graph::build(map_of_ties(one_way, 1.0, true));
    REQUIRE(d.directed);
    CHECK(kept_ties(d) == std::vector<std::string>{"p>r", "q>p", "r>s", "s>q"});
    check_searches_agree(d, graph::build(map_of_ties(one_way, 1.0000001, true)), 1.0 / 1.0000001);
}

// On random maps, every tie left out has a strictly shorter path between its ends (all-pairs
// distances in units by Floyd–Warshall), and some ties are left out.
TEST_CASE("integer lengths: a tie is left out only when a shorter path exists") {
    for (bool directed : {false, true}) {
        const auto g = graph::build(random_map(60, 400, 11, directed, 1.0));
        const auto units = integer_lengths(g.out, g.vertex_count);
        REQUIRE(units.has_value());
        const std::size_t n = g.vertex_count;
        constexpr std::uint64_t none = std::uint64_t{1} << 40;
        std::vector<std::uint64_t> distance(n * n, none);
        for (std::size_t v = 0; v < n; ++v) {
            distance[v * n + v] = 0;
            for (std::size_t k = g.out.offsets[v]; k < g.out.offsets[v + 1]; ++k) {
                distance[v * n + units->arcs[k].to] = units->arcs[k].units;
            }
        }
        for (std::size_t via = 0; via < n; ++via) {
            for (std::size_t a = 0; a < n; ++a) {
                for (std::size_t b = 0; b < n; ++b) {
                    distance[a * n + b] = std::min(distance[a * n + b],
                                                   distance[a * n + via] + distance[via * n + b]);
                }
            }
        }
        const auto kept = analysis::detail::arcs_on_shortest_paths(g.out, *units, g.in, 2, {});
        std::vector<char> is_kept(g.out.neighbours.size(), 0);
        for (auto slot : kept.slots) {
            is_kept[slot] = 1;
        }
        std::size_t left_out = 0;
        for (std::size_t v = 0; v < n; ++v) {
            for (std::size_t k = g.out.offsets[v]; k < g.out.offsets[v + 1]; ++k) {
                const auto arc = units->arcs[k];
                if (is_kept[k] == 0) {
                    ++left_out;
                    CHECK(distance[v * n + arc.to] < arc.units);
                }
            }
        }
        CHECK(left_out > 0);
        CHECK(kept.arcs.size() + left_out == g.out.neighbours.size());
    }
}
