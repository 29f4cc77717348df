#include "stakemap/analysis/approximate.hpp"
#include "stakemap/error.hpp"

#include "integer_lengths.hpp"
#include "parallel.hpp"

#include "stakemap/analysis/centrality.hpp"
#include "stakemap/analysis/run_control.hpp"
#include "stakemap/analysis/stats.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <mutex>
#include <random>
#include <stdexcept>
#include <thread>

namespace stakemap::analysis {

using detail::BucketQueue;
using detail::infinity;
using detail::IntegerLengths;
using detail::length_tolerance;
using detail::RadixHeap;
using detail::same_length;
using detail::UnitArc;
using detail::Units;
using graph::Adjacency;
using graph::AnalysisGraph;
using graph::Vertex;

namespace {

/// A uniform double in [0, 1) from 53 random bits: the same on every standard library.
double unit(std::mt19937_64& random) {
    return static_cast<double>(random() >> 11U) * 0x1.0p-53;
}

/// A uniform integer in [0, bound), by rejection so that no value is favoured.
std::uint64_t below(std::mt19937_64& random, std::uint64_t bound) {
    const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() -
                                std::numeric_limits<std::uint64_t>::max() % bound;
    std::uint64_t draw = random();
    while (draw >= limit) {
        draw = random();
    }
    return draw % bound;
}

/// Picks an index with probability proportional to weights[i].
template <typename Weights>
std::size_t pick(std::mt19937_64& random, const Weights& weights, std::size_t count) {
    double total = 0.0;
    for (std::size_t i = 0; i < count; ++i) {
        total += weights(i);
    }
    double target = unit(random) * total;
    for (std::size_t i = 0; i < count; ++i) {
        target -= weights(i);
        if (target < 0.0) {
            return i;
        }
    }
    return count - 1;
}

/// Tie lengths in whole units for both directions, when the map's lengths allow it.
struct UnitLengths {
    IntegerLengths out; ///< of graph.out's slots
    IntegerLengths in;  ///< of graph.in's slots
};

/// One side of a bidirectional Dijkstra search on whole-unit lengths (integer_lengths.hpp): exact
/// comparisons, and Dial's buckets (or a radix heap for long ties) instead of a binary heap.
template <typename Queue>
struct UnitSide {
    const Adjacency& adjacency;
    const UnitArc* arcs;
    std::vector<Units> distance;
    std::vector<double> paths;
    std::vector<char> settled;
    std::vector<Vertex> touched;
    Queue queue;

    UnitSide(const Adjacency& a, const IntegerLengths& lengths, std::size_t n, Queue&& q)
        : adjacency(a), arcs(lengths.arcs.data()), distance(n, detail::unreached_units),
          paths(n, 0.0), settled(n, 0), queue(std::move(q)) {}

    void start(Vertex origin) {
        distance[origin] = 0;
        paths[origin] = 1.0;
        touched.assign(1, origin);
        queue.clear();
        queue.push(0, origin);
    }
    /// The smallest tentative distance still to settle, or nullopt.
    std::optional<std::uint64_t> top() {
        while (!queue.empty()) {
            const auto [key, x] = queue.peek();
            if (settled[x] == 0 && key == distance[x]) {
                return key;
            }
            queue.pop(); // settled already, or a longer entry left behind
        }
        return std::nullopt;
    }
    /// Settles the closest vertex (top() must have found one) and relaxes its arcs; returns it.
    Vertex settle() {
        const auto [key, x] = queue.pop();
        const auto d = static_cast<Units>(key);
        settled[x] = 1;
        for (std::size_t k = adjacency.offsets[x], end = adjacency.offsets[x + 1]; k < end; ++k) {
            const UnitArc arc = arcs[k];
            if (settled[arc.to] != 0) {
                continue;
            }
            const Units candidate = d + arc.units;
            if (distance[arc.to] == detail::unreached_units) {
                touched.push_back(arc.to);
            }
            if (candidate < distance[arc.to]) {
                distance[arc.to] = candidate;
                paths[arc.to] = paths[x];
                queue.push(candidate, arc.to);
            } else if (candidate == distance[arc.to]) {
                paths[arc.to] += paths[x];
            }
        }
        return x;
    }
    void clear() {
        for (Vertex x : touched) {
            distance[x] = detail::unreached_units;
            paths[x] = 0.0;
            settled[x] = 0;
        }
        touched.clear();
    }
};

/// Per-thread state for sampling paths.
struct Sampler {
    const AnalysisGraph& graph;
    std::vector<std::int32_t> forward_level, backward_level;
    std::vector<double> forward_paths, backward_paths;
    std::vector<Vertex> touched_forward, touched_backward;
    std::vector<Vertex> path;

    explicit Sampler(const AnalysisGraph& g)
        : graph(g), forward_level(g.vertex_count, -1), backward_level(g.vertex_count, -1),
          forward_paths(g.vertex_count, 0.0), backward_paths(g.vertex_count, 0.0) {}

    /// The inner vertices of one uniformly random shortest path u → v in `path` (empty when v is
    /// unreachable or adjacent), using a balanced bidirectional BFS.
    void sample_unit(Vertex u, Vertex v, std::mt19937_64& random) {
        path.clear();
        std::vector<Vertex> front{u};
        std::vector<Vertex> back{v};
        forward_level[u] = 0;
        forward_paths[u] = 1.0;
        backward_level[v] = 0;
        backward_paths[v] = 1.0;
        touched_forward.assign(1, u);
        touched_backward.assign(1, v);
        std::vector<Vertex> meeting;
        std::vector<Vertex> next;
        auto frontier_cost = [&](const std::vector<Vertex>& level, const Adjacency& adjacency) {
            std::size_t cost = 0;
            for (Vertex x : level) {
                cost += adjacency.degree(x);
            }
            return cost;
        };
        while (meeting.empty() && !front.empty() && !back.empty()) {
            const bool forward = frontier_cost(front, graph.out) <= frontier_cost(back, graph.in);
            auto& level = forward ? forward_level : backward_level;
            auto& count = forward ? forward_paths : backward_paths;
            const auto& other = forward ? backward_level : forward_level;
            const Adjacency& adjacency = forward ? graph.out : graph.in;
            auto& frontier = forward ? front : back;
            auto& touched_side = forward ? touched_forward : touched_backward;
            next.clear();
            for (Vertex x : frontier) {
                const std::int32_t depth = level[x] + 1;
                for (Vertex y : adjacency.neighbours_of(x)) {
                    if (level[y] < 0) {
                        level[y] = depth;
                        count[y] = count[x];
                        next.push_back(y);
                        touched_side.push_back(y);
                    } else if (level[y] == depth) {
                        count[y] += count[x];
                    }
                }
            }
            for (Vertex y : next) {
                if (other[y] >= 0) {
                    meeting.push_back(y);
                }
            }
            frontier.swap(next);
        }
        if (!meeting.empty()) {
            // Every shortest path crosses the level just expanded at one of the meeting vertices
            // with the smallest total depth; pick one in proportion to the paths through it.
            std::int32_t best = std::numeric_limits<std::int32_t>::max();
            for (Vertex x : meeting) {
                best = std::min(best, forward_level[x] + backward_level[x]);
            }
            std::erase_if(meeting,
                          [&](Vertex x) { return forward_level[x] + backward_level[x] != best; });
            const Vertex middle = meeting[pick(
                random,
                [&](std::size_t i) {
                    return forward_paths[meeting[i]] * backward_paths[meeting[i]];
                },
                meeting.size())];
            walk(middle, u, graph.in, forward_level, forward_paths, random);
            if (middle != u && middle != v) {
                path.push_back(middle);
            }
            walk(middle, v, graph.out, backward_level, backward_paths, random);
        }
        for (Vertex x : touched_forward) {
            forward_level[x] = -1;
            forward_paths[x] = 0.0;
        }
        for (Vertex x : touched_backward) {
            backward_level[x] = -1;
            backward_paths[x] = 0.0;
        }
    }

    /// Walks from `from` towards `end` one level at a time, choosing among the neighbours one
    /// level closer in proportion to their path counts; records inner vertices.
    void walk(Vertex from, Vertex end, const Adjacency& adjacency,
              const std::vector<std::int32_t>& level, const std::vector<double>& count,
              std::mt19937_64& random) {
        Vertex current = from;
        std::vector<Vertex> choices;
        while (current != end) {
            choices.clear();
            for (Vertex y : adjacency.neighbours_of(current)) {
                if (level[y] >= 0 && level[y] == level[current] - 1) {
                    choices.push_back(y);
                }
            }
            current = choices[pick(
                random, [&](std::size_t i) { return count[choices[i]]; }, choices.size())];
            if (current != end) {
                path.push_back(current);
            }
        }
    }

    /// One side of a bidirectional Dijkstra search.
    struct Side {
        const Adjacency* adjacency = nullptr;
        std::vector<double> distance;
        std::vector<double> paths;
        std::vector<char> settled;
        std::vector<Vertex> touched;
        std::vector<std::pair<double, Vertex>> heap;

        explicit Side(std::size_t n) : distance(n, infinity), paths(n, 0.0), settled(n, 0) {}

        static bool later(const std::pair<double, Vertex>& a, const std::pair<double, Vertex>& b) {
            return a.first > b.first || (a.first == b.first && a.second > b.second);
        }
        void start(Vertex origin) {
            distance[origin] = 0.0;
            paths[origin] = 1.0;
            touched.assign(1, origin);
            heap.assign(1, {0.0, origin});
        }
        /// The smallest tentative distance still to settle (infinity when none).
        double top() {
            while (!heap.empty() && (settled[heap.front().second] != 0 ||
                                     heap.front().first > distance[heap.front().second])) {
                std::pop_heap(heap.begin(), heap.end(), later);
                heap.pop_back();
            }
            return heap.empty() ? infinity : heap.front().first;
        }
        /// Settles the closest vertex and relaxes its arcs; returns it.
        Vertex settle() {
            std::pop_heap(heap.begin(), heap.end(), later);
            const auto [d, x] = heap.back();
            heap.pop_back();
            settled[x] = 1;
            const auto neighbours = adjacency->neighbours_of(x);
            const auto lengths = adjacency->lengths_of(x);
            for (std::size_t k = 0; k < neighbours.size(); ++k) {
                const Vertex y = neighbours[k];
                if (settled[y] != 0) {
                    continue;
                }
                const double candidate = d + lengths[k];
                if (distance[y] == infinity) {
                    touched.push_back(y);
                }
                if (distance[y] == infinity ||
                    (candidate < distance[y] && !same_length(candidate, distance[y]))) {
                    distance[y] = candidate;
                    paths[y] = paths[x];
                    heap.emplace_back(candidate, y);
                    std::push_heap(heap.begin(), heap.end(), later);
                } else if (same_length(candidate, distance[y])) {
                    paths[y] += paths[x];
                }
            }
            return x;
        }
        void clear() {
            for (Vertex x : touched) {
                distance[x] = infinity;
                paths[x] = 0.0;
                settled[x] = 0;
            }
            touched.clear();
            heap.clear();
        }
    };
    Side forward_side{0};
    Side backward_side{0};

    /// As sample_unit, with tie lengths: a bidirectional Dijkstra finds the shortest distance μ,
    /// then each side settles everything within μ/2; every shortest path crosses exactly one arc
    /// x → y with d(u, x) ≤ μ/2 < d(u, x) + len, and paths are counted and drawn through those
    /// arcs.
    void sample_weighted(Vertex u, Vertex v, std::mt19937_64& random) {
        path.clear();
        Side& f = forward_side;
        Side& b = backward_side;
        if (f.distance.size() != graph.vertex_count) {
            f = Side(graph.vertex_count);
            b = Side(graph.vertex_count);
        }
        f.adjacency = &graph.out;
        b.adjacency = &graph.in;
        f.start(u);
        b.start(v);
        double best = infinity;
        auto meet_forward = [&](Vertex x) {
            const auto neighbours = graph.out.neighbours_of(x);
            const auto lengths = graph.out.lengths_of(x);
            for (std::size_t k = 0; k < neighbours.size(); ++k) {
                if (b.settled[neighbours[k]] != 0) {
                    best = std::min(best, f.distance[x] + lengths[k] + b.distance[neighbours[k]]);
                }
            }
        };
        auto meet_backward = [&](Vertex y) {
            const auto predecessors = graph.in.neighbours_of(y);
            const auto lengths = graph.in.lengths_of(y);
            for (std::size_t k = 0; k < predecessors.size(); ++k) {
                if (f.settled[predecessors[k]] != 0) {
                    best = std::min(best, f.distance[predecessors[k]] + lengths[k] + b.distance[y]);
                }
            }
        };
        while (true) {
            const double top_f = f.top();
            const double top_b = b.top();
            if (top_f == infinity || top_b == infinity || top_f + top_b >= best) {
                break;
            }
            if (top_f <= top_b) {
                meet_forward(f.settle());
            } else {
                meet_backward(b.settle());
            }
        }
        if (best < infinity) {
            const double half = best / 2.0;
            const double reach = half * (1.0 + length_tolerance);
            while (f.top() <= reach) {
                f.settle();
            }
            while (b.top() <= reach) {
                b.settle();
            }
            struct Crossing {
                Vertex from;
                Vertex to;
                double weight;
            };
            std::vector<Crossing> crossings;
            for (Vertex x : f.touched) {
                if (f.settled[x] == 0 || f.distance[x] > half) {
                    continue;
                }
                const auto neighbours = graph.out.neighbours_of(x);
                const auto lengths = graph.out.lengths_of(x);
                for (std::size_t k = 0; k < neighbours.size(); ++k) {
                    const Vertex y = neighbours[k];
                    const double through = f.distance[x] + lengths[k];
                    if (b.settled[y] != 0 && through > half &&
                        same_length(through + b.distance[y], best)) {
                        crossings.push_back({x, y, f.paths[x] * b.paths[y]});
                    }
                }
            }
            if (!crossings.empty()) {
                const auto& arc = crossings[pick(
                    random, [&](std::size_t i) { return crossings[i].weight; }, crossings.size())];
                walk_weighted(arc.from, u, graph.in, f, random);
                if (arc.from != u) {
                    path.push_back(arc.from);
                }
                if (arc.to != v) {
                    path.push_back(arc.to);
                }
                walk_weighted(arc.to, v, graph.out, b, random);
            }
        }
        f.clear();
        b.clear();
    }

    /// As sample_weighted, on whole-unit lengths: every comparison is exact (2·d ≤ μ for "within
    /// half the distance").
    template <typename Queue>
    void sample_units(Vertex u, Vertex v, UnitSide<Queue>& f, UnitSide<Queue>& b,
                      std::mt19937_64& random) {
        path.clear();
        f.start(u);
        b.start(v);
        constexpr std::uint64_t none = std::numeric_limits<std::uint64_t>::max();
        std::uint64_t best = none; // μ, in units (sums of two distances need 64 bits)
        auto meet = [&](auto& side, const auto& other, Vertex x) {
            for (std::size_t k = side.adjacency.offsets[x], end = side.adjacency.offsets[x + 1];
                 k < end; ++k) {
                const UnitArc arc = side.arcs[k];
                if (other.settled[arc.to] != 0) {
                    best = std::min<std::uint64_t>(best, std::uint64_t{side.distance[x]} +
                                                             arc.units + other.distance[arc.to]);
                }
            }
        };
        while (true) {
            const auto top_f = f.top();
            const auto top_b = b.top();
            if (!top_f || !top_b || *top_f + *top_b >= best) {
                break;
            }
            if (*top_f <= *top_b) {
                meet(f, b, f.settle());
            } else {
                meet(b, f, b.settle());
            }
        }
        if (best != none) {
            for (auto top = f.top(); top && 2 * *top <= best; top = f.top()) {
                f.settle();
            }
            for (auto top = b.top(); top && 2 * *top <= best; top = b.top()) {
                b.settle();
            }
            struct Crossing {
                Vertex from;
                Vertex to;
                double weight;
            };
            std::vector<Crossing> crossings;
            for (Vertex x : f.touched) {
                if (f.settled[x] == 0 || 2 * std::uint64_t{f.distance[x]} > best) {
                    continue;
                }
                for (std::size_t k = f.adjacency.offsets[x], end = f.adjacency.offsets[x + 1];
                     k < end; ++k) {
                    const UnitArc arc = f.arcs[k];
                    const std::uint64_t through = std::uint64_t{f.distance[x]} + arc.units;
                    if (b.settled[arc.to] != 0 && 2 * through > best &&
                        through + b.distance[arc.to] == best) {
                        crossings.push_back({x, arc.to, f.paths[x] * b.paths[arc.to]});
                    }
                }
            }
            if (!crossings.empty()) {
                const auto& arc = crossings[pick(
                    random, [&](std::size_t i) { return crossings[i].weight; }, crossings.size())];
                walk_units(arc.from, u, b.adjacency, b.arcs, f, random);
                if (arc.from != u) {
                    path.push_back(arc.from);
                }
                if (arc.to != v) {
                    path.push_back(arc.to);
                }
                walk_units(arc.to, v, f.adjacency, f.arcs, b, random);
            }
        }
        f.clear();
        b.clear();
    }

    /// walk_weighted on whole units: `adjacency` and `arcs` lead from a vertex to its neighbours
    /// one step closer to the side's origin.
    template <typename Side>
    void walk_units(Vertex from, Vertex origin, const Adjacency& adjacency, const UnitArc* arcs,
                    const Side& side, std::mt19937_64& random) {
        Vertex current = from;
        std::vector<Vertex> choices;
        while (current != origin) {
            choices.clear();
            for (std::size_t k = adjacency.offsets[current], end = adjacency.offsets[current + 1];
                 k < end; ++k) {
                const UnitArc arc = arcs[k];
                if (side.settled[arc.to] != 0 &&
                    side.distance[arc.to] + arc.units == side.distance[current]) {
                    choices.push_back(arc.to);
                }
            }
            current = choices[pick(
                random, [&](std::size_t i) { return side.paths[choices[i]]; }, choices.size())];
            if (current != origin) {
                path.push_back(current);
            }
        }
    }

    /// Walks from `from` back to the side's origin through settled predecessors on shortest
    /// paths, chosen in proportion to their path counts; records inner vertices.
    void walk_weighted(Vertex from, Vertex origin, const Adjacency& adjacency, const Side& side,
                       std::mt19937_64& random) {
        Vertex current = from;
        std::vector<Vertex> choices;
        while (current != origin) {
            choices.clear();
            const auto neighbours = adjacency.neighbours_of(current);
            const auto lengths = adjacency.lengths_of(current);
            for (std::size_t k = 0; k < neighbours.size(); ++k) {
                const Vertex p = neighbours[k];
                if (side.settled[p] != 0 && side.distance[p] < side.distance[current] &&
                    same_length(side.distance[p] + lengths[k], side.distance[current])) {
                    choices.push_back(p);
                }
            }
            current = choices[pick(
                random, [&](std::size_t i) { return side.paths[choices[i]]; }, choices.size())];
            if (current != origin) {
                path.push_back(current);
            }
        }
    }
};

/// The largest distance from `x` to the vertices of its component (`component_of`: strong
/// components, or those of U) along `adjacency` (out: from x; in: to x), visiting that component
/// only. `distance` is scratch of size n, all infinite on entry and again on return.
double farthest_within(const Adjacency& adjacency, const std::vector<std::size_t>& component_of,
                       Vertex x, std::vector<double>& distance) {
    const std::size_t component = component_of[x];
    std::vector<Vertex> reached;
    std::vector<std::pair<double, Vertex>> heap{{0.0, x}};
    const auto later = [](const std::pair<double, Vertex>& a, const std::pair<double, Vertex>& b) {
        return a.first > b.first;
    };
    distance[x] = 0.0;
    reached.push_back(x);
    double farthest = 0.0;
    while (!heap.empty()) {
        std::pop_heap(heap.begin(), heap.end(), later);
        const auto [d, v] = heap.back();
        heap.pop_back();
        if (d > distance[v]) {
            continue;
        }
        farthest = std::max(farthest, d);
        const auto neighbours = adjacency.neighbours_of(v);
        const auto lengths = adjacency.lengths_of(v);
        for (std::size_t k = 0; k < neighbours.size(); ++k) {
            const Vertex w = neighbours[k];
            if (component_of[w] != component) {
                continue;
            }
            const double candidate = d + lengths[k];
            if (candidate < distance[w]) {
                if (distance[w] == infinity) {
                    reached.push_back(w);
                }
                distance[w] = candidate;
                heap.emplace_back(candidate, w);
                std::push_heap(heap.begin(), heap.end(), later);
            }
        }
    }
    for (Vertex v : reached) {
        distance[v] = infinity;
    }
    return farthest;
}

/// Upper bound on the vertices of a shortest path in a directed map. A shortest path passes
/// through strong components along a path of their condensation (it cannot come back to one it
/// left), and its stretch inside a component C is a shortest path of C (any path between two
/// vertices of C stays in C). That stretch is at most D_C = ecc_in(x) + ecc_out(x) long for any x
/// of C, so it has at most ⌊D_C / shortest tie⌋ + 1 vertices, and never more than |C|; x is C's
/// actor with the most ties, as hubs are central. The bound is the heaviest chain of components
/// with these weights (the largest component's size was the bound before: on the 200,000-actor
/// benchmark map 199,894 against 60 now, which more than halves ω).
std::size_t directed_vertex_diameter_bound(const AnalysisGraph& graph) {
    const std::size_t n = graph.vertex_count;
    const auto component_of = strong_components(graph);
    const std::size_t count =
        n == 0 ? 0 : *std::max_element(component_of.begin(), component_of.end()) + 1;
    std::vector<std::size_t> size(count, 0);
    std::vector<Vertex> hub(count, 0);
    for (Vertex v = 0; v < n; ++v) {
        const std::size_t c = component_of[v];
        const auto ties = [&graph](Vertex x) {
            return graph.out.degree(x) + graph.in.degree(x);
        };
        if (size[c]++ == 0 || ties(v) > ties(hub[c])) {
            hub[c] = v;
        }
    }
    double shortest = infinity;
    for (double length : graph.out.lengths) {
        shortest = std::min(shortest, length);
    }
    std::vector<double> distance(n, infinity);
    std::vector<double> weight(count, 1.0); // vertices of a shortest path's stretch in C
    for (std::size_t c = 0; c < count; ++c) {
        if (size[c] > 1) {
            const double across = farthest_within(graph.out, component_of, hub[c], distance) +
                                  farthest_within(graph.in, component_of, hub[c], distance);
            const double hops = std::floor(across / shortest * (1.0 + 1e-9)) + 1.0;
            weight[c] = std::min(static_cast<double>(size[c]), hops);
        }
    }
    // Components in label order: every arc leads to a component with a smaller label, whose
    // heaviest chain is known already.
    std::vector<std::vector<Vertex>> members(count);
    for (Vertex v = 0; v < n; ++v) {
        members[component_of[v]].push_back(v);
    }
    std::vector<double> chain(count, 0.0);
    double bound = 1.0;
    for (std::size_t c = 0; c < count; ++c) {
        double after = 0.0;
        for (Vertex v : members[c]) {
            for (Vertex w : graph.out.neighbours_of(v)) {
                if (component_of[w] != c) {
                    after = std::max(after, chain[component_of[w]]);
                }
            }
        }
        chain[c] = weight[c] + after;
        bound = std::max(bound, chain[c]);
    }
    return static_cast<std::size_t>(std::min(bound, static_cast<double>(n)));
}

/// Upper bound on the number of vertices of a shortest path.
std::size_t vertex_diameter_bound(const AnalysisGraph& graph, bool unit_lengths) {
    (void)unit_lengths;
    if (graph.directed) {
        return directed_vertex_diameter_bound(graph);
    }
    // Undirected: a shortest path has at most (2·ecc(x)) / (shortest tie) + 1 vertices, for any x
    // of its component (2·ecc(x) bounds the component's weighted diameter); x is the component's
    // first actor.
    const auto label = connected_components(graph);
    std::vector<std::size_t> sizes;
    for (std::size_t c : label) {
        if (c >= sizes.size()) {
            sizes.resize(c + 1, 0);
        }
        ++sizes[c];
    }
    double shortest = infinity;
    for (double length : graph.undirected.lengths) {
        shortest = std::min(shortest, length);
    }
    std::size_t bound = 1;
    std::vector<double> distance(graph.vertex_count, infinity);
    std::vector<char> measured(sizes.size(), 0);
    for (Vertex start = 0; start < graph.vertex_count; ++start) {
        const std::size_t c = label[start];
        if (measured[c] != 0) {
            continue;
        }
        measured[c] = 1;
        const double eccentricity = farthest_within(graph.undirected, label, start, distance);
        const double hops = std::floor(2.0 * eccentricity / shortest * (1.0 + 1e-9)) + 1.0;
        bound = std::max(bound, std::min(sizes[c], static_cast<std::size_t>(hops)));
    }
    return bound;
}

/// Paths per batch: each batch has its own generator, so batches give the same counts on any
/// thread.
constexpr std::size_t batch_size = 512;
/// Generator streams: the fixed-size method, KADABRA's calibration and its main phase.
constexpr std::uint32_t rk_phase = 0x5eedU;
constexpr std::uint32_t calibration_phase = 0xca1bU;
constexpr std::uint32_t kadabra_phase = 0xadabU;

/// How often each actor is an inner actor of `count` random shortest paths between random pairs.
std::vector<std::uint32_t> sample_batch(const AnalysisGraph& graph, bool unit_lengths,
                                        const std::optional<UnitLengths>& units, std::uint64_t seed,
                                        std::uint32_t phase, std::size_t batch, std::size_t count,
                                        const RunControl& control) {
    const std::size_t n = graph.vertex_count;
    Sampler sampler(graph);
    std::seed_seq seeds{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32U),
                        static_cast<std::uint32_t>(batch), phase};
    std::mt19937_64 random(seeds);
    std::vector<std::uint32_t> counts(n, 0);
    auto each_pair = [&](const auto& sample_one) {
        for (std::size_t s = 0; s < count; ++s) {
            control.check();
            const auto u = static_cast<Vertex>(below(random, n));
            auto v = static_cast<Vertex>(below(random, n - 1));
            if (v >= u) {
                ++v;
            }
            sample_one(u, v);
            for (Vertex w : sampler.path) {
                ++counts[w];
            }
        }
    };
    if (unit_lengths) {
        each_pair([&](Vertex u, Vertex v) { sampler.sample_unit(u, v, random); });
    } else if (units && units->out.longest <= detail::bucket_queue_span) {
        UnitSide<BucketQueue> f(graph.out, units->out, n, BucketQueue(units->out.longest));
        UnitSide<BucketQueue> b(graph.in, units->in, n, BucketQueue(units->out.longest));
        each_pair([&](Vertex u, Vertex v) { sampler.sample_units(u, v, f, b, random); });
    } else if (units) {
        UnitSide<RadixHeap> f(graph.out, units->out, n, RadixHeap());
        UnitSide<RadixHeap> b(graph.in, units->in, n, RadixHeap());
        each_pair([&](Vertex u, Vertex v) { sampler.sample_units(u, v, f, b, random); });
    } else {
        each_pair([&](Vertex u, Vertex v) { sampler.sample_weighted(u, v, random); });
    }
    return counts;
}

void add_counts(std::vector<std::uint64_t>& total, const std::vector<std::uint32_t>& counts) {
    for (std::size_t v = 0; v < total.size(); ++v) {
        total[v] += counts[v];
    }
}

/// KADABRA's stopping rule (Borassi & Natale, Theorem 11 and its functions f, g): after τ paths
/// with estimate b = count / τ, the true value lies in [b − f, b + g] unless an event of
/// probability δ_v happens, for each actor v.
struct KadabraBounds {
    double omega;
    double epsilon;

    /// f: how far the true value can be below b.
    [[nodiscard]] double below(double b, double tau, double log_inverse_delta) const {
        const double shift = omega / tau - 1.0 / 3.0;
        const double bound =
            log_inverse_delta / tau *
            (-shift + std::sqrt(shift * shift + 2.0 * b * omega / log_inverse_delta));
        return std::min(bound, b);
    }
    /// g: how far the true value can be above b.
    [[nodiscard]] double above(double b, double tau, double log_inverse_delta) const {
        const double shift = omega / tau + 1.0 / 3.0;
        const double bound =
            log_inverse_delta / tau *
            (shift + std::sqrt(shift * shift + 2.0 * b * omega / log_inverse_delta));
        return std::min(bound, 1.0 - b);
    }
    [[nodiscard]] bool all_within(const std::vector<std::uint64_t>& counts, std::size_t samples,
                                  const std::vector<double>& log_inverse_delta) const {
        const auto tau = static_cast<double>(samples);
        for (std::size_t v = 0; v < counts.size(); ++v) {
            const double b = static_cast<double>(counts[v]) / tau;
            if (above(b, tau, log_inverse_delta[v]) >= epsilon ||
                below(b, tau, log_inverse_delta[v]) >= epsilon) {
                return false;
            }
        }
        return true;
    }
};

/// ln(1/δ_v) for every actor, from `calibration` paths of their own (KADABRA's first phase): δ_v =
/// exp(−c ε² / b̂_v) + δβ/(4n) with β = 0.001 and the smallest c for which 2 Σ exp(−c ε² / b̂_v)
/// ≤ (δ/2)(1 − β), so that the lower and upper failures of all actors together stay within δ/2
/// (the other half is ω's). Actors that look central get a larger share, which lets the rule stop
/// earlier; an actor never met gets δβ/(4n).
template <typename Sample>
std::vector<double> kadabra_deltas(const AnalysisGraph& graph, std::size_t calibration,
                                   double epsilon, double delta, unsigned threads,
                                   const Sample& sample, const RunControl& control) {
    const std::size_t n = graph.vertex_count;
    const std::size_t batches = (calibration + batch_size - 1) / batch_size;
    std::vector<std::vector<std::uint32_t>> counts(batches);
    detail::for_each_block(
        batches, batches, threads, control,
        [&](std::size_t batch, std::size_t, std::size_t) {
            const std::size_t first = batch * batch_size;
            counts[batch] =
                sample(calibration_phase, batch, std::min(batch_size, calibration - first));
        },
        "approximate betweenness");
    std::vector<std::uint64_t> total(n, 0);
    for (const auto& counted : counts) {
        add_counts(total, counted);
    }
    // Only actors met in calibration contribute to the sum; the others have exp(−∞) = 0.
    std::vector<double> estimate(n, 0.0);
    for (std::size_t v = 0; v < n; ++v) {
        estimate[v] = static_cast<double>(total[v]) / static_cast<double>(calibration);
    }
    constexpr double balance = 0.001;
    const double target = delta / 2.0 * (1.0 - balance);
    const double floor_share = delta * balance / 4.0 / static_cast<double>(n);
    auto failure_sum = [&](double c) {
        double sum = 0.0;
        for (double b : estimate) {
            if (b > 0.0) {
                sum += 2.0 * std::exp(-c * epsilon * epsilon / b);
            }
        }
        return sum;
    };
    // Bisection on c between a value that fails the target and one that meets it.
    double low = 0.0;
    double high = 1.0 / (epsilon * epsilon);
    while (failure_sum(high) > target) {
        low = high;
        high *= 2.0;
    }
    for (int step = 0; step < 100 && high - low > 1e-9 * high; ++step) {
        const double middle = (low + high) / 2.0;
        (failure_sum(middle) > target ? low : high) = middle;
    }
    std::vector<double> log_inverse_delta(n);
    for (std::size_t v = 0; v < n; ++v) {
        const double share =
            (estimate[v] > 0.0 ? std::exp(-high * epsilon * epsilon / estimate[v]) : 0.0) +
            floor_share;
        log_inverse_delta[v] = std::log(1.0 / share);
    }
    return log_inverse_delta;
}

} // namespace

ApproximateBetweenness approximate_betweenness(const AnalysisGraph& graph,
                                               const ApproximateOptions& options) {
    if (!(options.epsilon > 0.0 && options.epsilon < 1.0)) {
        throw UsageError("epsilon must be between 0 and 1");
    }
    if (!(options.confidence > 0.0 && options.confidence < 1.0)) {
        throw UsageError("confidence must be between 0 and 1");
    }
    const std::size_t n = graph.vertex_count;
    ApproximateBetweenness result;
    result.values.assign(n, 0.0);
    if (n < 3) {
        return result;
    }
    bool unit_lengths = true;
    for (double length : graph.out.lengths) {
        unit_lengths = unit_lengths && length == graph.out.lengths.front();
    }
    result.vertex_diameter = vertex_diameter_bound(graph, unit_lengths);
    const double diameter_term =
        result.vertex_diameter > 2
            ? std::floor(std::log2(static_cast<double>(result.vertex_diameter - 2)))
            : 0.0;
    const double delta = 1.0 - options.confidence;
    const double epsilon = options.epsilon;
    const double path_term = 0.5 / (epsilon * epsilon);
    result.method = options.method;
    result.sample_limit = static_cast<std::size_t>(
        std::ceil(path_term * (diameter_term + 1.0 + std::log(2.0 / delta))));
    result.error_bound = epsilon * static_cast<double>(n) / static_cast<double>(n - 2);
    const unsigned threads = resolve_threads(options.threads);
    std::optional<UnitLengths> units;
    if (!unit_lengths) {
        auto out = detail::integer_lengths(graph.out, n);
        auto in = detail::integer_lengths(graph.in, n);
        if (out && in) {
            units = UnitLengths{std::move(*out), std::move(*in)};
        }
    }
    const auto sample = [&](std::uint32_t phase, std::size_t batch, std::size_t count) {
        return sample_batch(graph, unit_lengths, units, options.seed, phase, batch, count,
                            options.control);
    };

    std::vector<std::uint64_t> total(n, 0);
    if (options.method == ApproximateMethod::rk) {
        result.samples = static_cast<std::size_t>(
            std::ceil(path_term * (diameter_term + 1.0 + std::log(1.0 / delta))));
        const std::size_t batches = (result.samples + batch_size - 1) / batch_size;
        std::vector<std::vector<std::uint32_t>> counts(batches);
        detail::for_each_block(
            batches, batches, threads, options.control,
            [&](std::size_t batch, std::size_t, std::size_t) {
                const std::size_t first = batch * batch_size;
                counts[batch] =
                    sample(rk_phase, batch, std::min(batch_size, result.samples - first));
            },
            "approximate betweenness");
        for (const auto& counted : counts) {
            add_counts(total, counted);
        }
    } else {
        result.calibration_samples = std::max<std::size_t>(1, result.sample_limit / 100);
        const auto log_inverse_delta = kadabra_deltas(graph, result.calibration_samples, epsilon,
                                                      delta, threads, sample, options.control);
        const KadabraBounds bounds{.omega = static_cast<double>(result.sample_limit),
                                   .epsilon = epsilon};
        // Rounds of two batches per thread, sampled in parallel, then added and checked in batch
        // order: the batch at which sampling stops does not depend on the threads (only how many
        // batches past it were sampled and thrown away, at most a round).
        const std::size_t batches_per_round = 2 * static_cast<std::size_t>(threads);
        bool done = false;
        std::size_t next_batch = 0;
        while (!done) {
            std::vector<std::vector<std::uint32_t>> counts(batches_per_round);
            std::vector<std::size_t> sizes(batches_per_round, 0);
            for (std::size_t i = 0; i < batches_per_round; ++i) {
                const std::size_t first = (next_batch + i) * batch_size;
                sizes[i] = first < result.sample_limit
                               ? std::min(batch_size, result.sample_limit - first)
                               : 0;
            }
            detail::for_each_block(
                batches_per_round, batches_per_round, threads, options.control,
                [&](std::size_t i, std::size_t, std::size_t) {
                    if (sizes[i] > 0) {
                        counts[i] = sample(kadabra_phase, next_batch + i, sizes[i]);
                    }
                },
                "approximate betweenness");
            for (std::size_t i = 0; i < batches_per_round && !done; ++i) {
                if (sizes[i] == 0) {
                    done = true;
                    break;
                }
                add_counts(total, counts[i]);
                result.samples += sizes[i];
                done = result.samples >= result.sample_limit ||
                       bounds.all_within(total, result.samples, log_inverse_delta);
            }
            next_batch += batches_per_round;
        }
    }
    const double scale =
        static_cast<double>(n) / static_cast<double>(n - 2) / static_cast<double>(result.samples);
    for (std::size_t v = 0; v < n; ++v) {
        result.values[v] = static_cast<double>(total[v]) * scale;
    }
    return result;
}

} // namespace stakemap::analysis
