#include "stakemap/analysis/approximate.hpp"
#include "stakemap/error.hpp"

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

using detail::infinity;
using detail::length_tolerance;
using detail::same_length;
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

/// Upper bound on the number of vertices of a shortest path.
std::size_t vertex_diameter_bound(const AnalysisGraph& graph, bool unit_lengths) {
    const auto label = connected_components(graph);
    std::vector<std::size_t> sizes;
    for (std::size_t c : label) {
        if (c >= sizes.size()) {
            sizes.resize(c + 1, 0);
        }
        ++sizes[c];
    }
    const std::size_t largest = sizes.empty() ? 0 : *std::max_element(sizes.begin(), sizes.end());
    if (graph.directed) {
        return largest; // a directed shortest path is not bounded by distances in U
    }
    // Undirected: a shortest path has at most (2·ecc(x)) / (shortest tie) + 1 vertices, for any x
    // of its component (2·ecc(x) bounds the component's weighted diameter).
    const auto& adjacency = graph.undirected;
    double shortest = infinity;
    for (double length : adjacency.lengths) {
        shortest = std::min(shortest, length);
    }
    std::size_t bound = 1;
    std::vector<double> distance(graph.vertex_count, infinity);
    std::vector<std::pair<double, Vertex>> heap;
    auto later = [](const std::pair<double, Vertex>& a, const std::pair<double, Vertex>& b) {
        return a.first > b.first;
    };
    for (std::size_t start = 0; start < graph.vertex_count; ++start) {
        if (distance[start] != infinity) {
            continue;
        }
        distance[start] = 0.0;
        heap.assign(1, {0.0, static_cast<Vertex>(start)});
        double eccentricity = 0.0;
        std::size_t reached = 0;
        while (!heap.empty()) {
            std::pop_heap(heap.begin(), heap.end(), later);
            const auto [d, x] = heap.back();
            heap.pop_back();
            if (d > distance[x]) {
                continue;
            }
            ++reached;
            eccentricity = std::max(eccentricity, d);
            const auto neighbours = adjacency.neighbours_of(x);
            const auto lengths = adjacency.lengths_of(x);
            for (std::size_t k = 0; k < neighbours.size(); ++k) {
                const double candidate = d + lengths[k];
                if (candidate < distance[neighbours[k]]) {
                    distance[neighbours[k]] = candidate;
                    heap.emplace_back(candidate, neighbours[k]);
                    std::push_heap(heap.begin(), heap.end(), later);
                }
            }
        }
        const double hops = std::floor(2.0 * eccentricity / shortest * (1.0 + 1e-9)) + 1.0;
        bound = std::max(bound, std::min(reached, static_cast<std::size_t>(hops)));
    }
    (void)unit_lengths;
    return bound;
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
    result.samples = static_cast<std::size_t>(std::ceil(
        0.5 / (options.epsilon * options.epsilon) * (diameter_term + 1.0 + std::log(1.0 / delta))));
    result.error_bound = options.epsilon * static_cast<double>(n) / static_cast<double>(n - 2);

    // Fixed blocks of samples, each with its own generator: integer counts add up the same way
    // whatever the number of threads.
    constexpr std::size_t block_size = 1024;
    const std::size_t blocks = (result.samples + block_size - 1) / block_size;
    std::vector<std::vector<std::uint32_t>> counts(blocks);
    detail::for_each_block(
        blocks, blocks, resolve_threads(options.threads), options.control,
        [&](std::size_t block, std::size_t, std::size_t) {
            Sampler sampler(graph);
            std::seed_seq seeds{static_cast<std::uint32_t>(options.seed),
                                static_cast<std::uint32_t>(options.seed >> 32U),
                                static_cast<std::uint32_t>(block), 0x5eedU};
            std::mt19937_64 random(seeds);
            std::vector<std::uint32_t> local(n, 0);
            const std::size_t end = std::min(result.samples, (block + 1) * block_size);
            for (std::size_t s = block * block_size; s < end; ++s) {
                options.control.check();
                const auto u = static_cast<Vertex>(below(random, n));
                auto v = static_cast<Vertex>(below(random, n - 1));
                if (v >= u) {
                    ++v;
                }
                if (unit_lengths) {
                    sampler.sample_unit(u, v, random);
                } else {
                    sampler.sample_weighted(u, v, random);
                }
                for (Vertex w : sampler.path) {
                    ++local[w];
                }
            }
            counts[block] = std::move(local);
        },
        "approximate betweenness");
    std::vector<std::uint64_t> total(n, 0);
    for (const auto& block : counts) {
        for (std::size_t v = 0; v < n; ++v) {
            total[v] += block[v];
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
