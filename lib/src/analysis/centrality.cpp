#include "stakemap/analysis/centrality.hpp"

#include "stakemap/analysis/stats.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <functional>
#include <limits>
#include <queue>
#include <thread>

namespace stakemap::analysis {

using graph::Adjacency;
using graph::AnalysisGraph;
using graph::Vertex;

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

struct MeasureName {
    Measure measure;
    const char* key;
};

constexpr MeasureName measure_names[] = {
    {Measure::degree, "degree"},           {Measure::in_degree, "in_degree"},
    {Measure::out_degree, "out_degree"},   {Measure::strength, "strength"},
    {Measure::betweenness, "betweenness"}, {Measure::closeness, "closeness"},
    {Measure::harmonic, "harmonic"},       {Measure::eigenvector, "eigenvector"},
    {Measure::pagerank, "pagerank"},       {Measure::coreness, "coreness"},
    {Measure::constraint, "constraint"},   {Measure::effective_size, "effective_size"},
    {Measure::clustering, "clustering"},
};

// ---- parallel loops ---------------------------------------------------------------------------

/// Runs `work(begin, end, block)` over `count` items cut into `blocks` contiguous blocks, on up to
/// `threads` threads. The cut depends only on `count` and `blocks`, never on the thread count, so
/// per-block partial results reduced in block order give the same bits for any number of threads.
void for_each_block(std::size_t count, std::size_t blocks, unsigned threads,
                    const std::function<void(std::size_t, std::size_t, std::size_t)>& work) {
    if (count == 0 || blocks == 0) {
        return;
    }
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t block = next++; block < blocks; block = next++) {
            work(block * count / blocks, (block + 1) * count / blocks, block);
        }
    };
    const unsigned used = std::min<unsigned>(threads, static_cast<unsigned>(blocks));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < used; ++t) {
        pool.emplace_back(worker);
    }
    worker();
    for (auto& thread : pool) {
        thread.join();
    }
}

// ---- single-source shortest paths
// ----------------------------------------------------------------

/// Relative tolerance for comparing path lengths: 1/3 + 1/3 + 1/3 and 1 are the same length.
constexpr double length_tolerance = 1e-10;

bool same_length(double a, double b) {
    return std::fabs(a - b) <= length_tolerance * std::max(std::fabs(a), std::fabs(b));
}

/// Whether every tie has the same length (then BFS gives exact distances and path counts).
std::optional<double> uniform_length(const Adjacency& adjacency) {
    if (adjacency.lengths.empty()) {
        return 1.0;
    }
    const double first = adjacency.lengths.front();
    for (double length : adjacency.lengths) {
        if (length != first) {
            return std::nullopt;
        }
    }
    return first;
}

/// Buffers for one thread, allocated once and reused for every source.
struct PathWorkspace {
    std::vector<double> distance;
    std::vector<double> paths; ///< σ: number of shortest paths from the source
    std::vector<double> dependency;
    std::vector<Vertex> order; ///< vertices in the order they were settled
    std::vector<char> settled;
    std::vector<std::pair<double, Vertex>> heap;

    explicit PathWorkspace(std::size_t n)
        : distance(n, infinity), paths(n, 0.0), dependency(n, 0.0), settled(n, 0) {}

    void reset() {
        for (Vertex v : order) {
            distance[v] = infinity;
            paths[v] = 0.0;
            dependency[v] = 0.0;
            settled[v] = 0;
        }
        order.clear();
        heap.clear();
    }
};

/// Shortest paths from `source` along `adjacency`: distances, path counts and the settled order.
void shortest_paths(const Adjacency& adjacency, std::optional<double> uniform, Vertex source,
                    PathWorkspace& ws) {
    ws.reset();
    ws.distance[source] = 0.0;
    ws.paths[source] = 1.0;
    if (uniform) {
        ws.order.push_back(source);
        ws.settled[source] = 1;
        for (std::size_t head = 0; head < ws.order.size(); ++head) {
            const Vertex v = ws.order[head];
            const double next = ws.distance[v] + *uniform;
            for (Vertex w : adjacency.neighbours_of(v)) {
                if (ws.settled[w] == 0) {
                    ws.settled[w] = 1;
                    ws.distance[w] = next;
                    ws.order.push_back(w);
                }
                if (ws.distance[w] == next) {
                    ws.paths[w] += ws.paths[v];
                }
            }
        }
        return;
    }
    auto greater = [](const std::pair<double, Vertex>& a, const std::pair<double, Vertex>& b) {
        return a.first > b.first || (a.first == b.first && a.second > b.second);
    };
    ws.heap.emplace_back(0.0, source);
    std::vector<Vertex> touched{source};
    while (!ws.heap.empty()) {
        std::pop_heap(ws.heap.begin(), ws.heap.end(), greater);
        const auto [d, v] = ws.heap.back();
        ws.heap.pop_back();
        if (ws.settled[v] != 0 || d > ws.distance[v]) {
            continue;
        }
        ws.settled[v] = 1;
        ws.order.push_back(v);
        const auto neighbours = adjacency.neighbours_of(v);
        const auto lengths = adjacency.lengths_of(v);
        for (std::size_t k = 0; k < neighbours.size(); ++k) {
            const Vertex w = neighbours[k];
            if (ws.settled[w] != 0) {
                continue;
            }
            const double candidate = d + lengths[k];
            if (ws.distance[w] == infinity) {
                touched.push_back(w);
            }
            if (ws.distance[w] == infinity ||
                (candidate < ws.distance[w] && !same_length(candidate, ws.distance[w]))) {
                ws.distance[w] = candidate;
                ws.paths[w] = ws.paths[v];
                ws.heap.emplace_back(candidate, w);
                std::push_heap(ws.heap.begin(), ws.heap.end(), greater);
            } else if (same_length(candidate, ws.distance[w])) {
                ws.paths[w] += ws.paths[v];
            }
        }
    }
    // Vertices reached but never settled cannot exist; vertices touched are all in `order`.
    (void)touched;
}

/// Brandes' accumulation for all sources, adding vertex and (optionally) edge dependencies.
void brandes(const AnalysisGraph& graph, unsigned threads, std::vector<double>* vertex_scores,
             std::vector<double>* edge_scores) {
    const std::size_t n = graph.vertex_count;
    const std::size_t m = graph.edges.size();
    const auto uniform = uniform_length(graph.out);
    const std::size_t blocks = std::min<std::size_t>(n, 64);
    std::vector<std::vector<double>> vertex_parts(vertex_scores != nullptr ? blocks : 0);
    std::vector<std::vector<double>> edge_parts(edge_scores != nullptr ? blocks : 0);
    for_each_block(n, blocks, resolve_threads(threads),
                   [&](std::size_t begin, std::size_t end, std::size_t block) {
                       PathWorkspace ws(n);
                       std::vector<double> vertex_part(vertex_scores != nullptr ? n : 0, 0.0);
                       std::vector<double> edge_part(edge_scores != nullptr ? m : 0, 0.0);
                       for (std::size_t s = begin; s < end; ++s) {
                           shortest_paths(graph.out, uniform, static_cast<Vertex>(s), ws);
                           for (auto it = ws.order.rbegin(); it != ws.order.rend(); ++it) {
                               const Vertex w = *it;
                               const auto predecessors = graph.in.neighbours_of(w);
                               const auto lengths = graph.in.lengths_of(w);
                               const double factor = (1.0 + ws.dependency[w]) / ws.paths[w];
                               for (std::size_t k = 0; k < predecessors.size(); ++k) {
                                   const Vertex v = predecessors[k];
                                   if (ws.distance[v] == infinity || v == w) {
                                       continue;
                                   }
                                   const double through = ws.distance[v] + lengths[k];
                                   const bool on_path = uniform
                                                            ? through == ws.distance[w]
                                                            : same_length(through, ws.distance[w]);
                                   if (!on_path || ws.distance[v] >= ws.distance[w]) {
                                       continue;
                                   }
                                   const double share = ws.paths[v] * factor;
                                   ws.dependency[v] += share;
                                   if (!edge_part.empty()) {
                                       edge_part[graph.in.edges[graph.in.offsets[w] + k]] += share;
                                   }
                               }
                               if (!vertex_part.empty() && w != s) {
                                   vertex_part[w] += ws.dependency[w];
                               }
                           }
                       }
                       if (vertex_scores != nullptr) {
                           vertex_parts[block] = std::move(vertex_part);
                       }
                       if (edge_scores != nullptr) {
                           edge_parts[block] = std::move(edge_part);
                       }
                   });
    auto reduce = [](std::vector<std::vector<double>>& parts, std::size_t size) {
        std::vector<double> total(size, 0.0);
        for (const auto& part : parts) {
            for (std::size_t i = 0; i < part.size(); ++i) {
                total[i] += part[i];
            }
        }
        return total;
    };
    const double pairs = static_cast<double>(n) * static_cast<double>(n > 0 ? n - 1 : 0);
    if (vertex_scores != nullptr) {
        *vertex_scores = reduce(vertex_parts, n);
        if (n > 2) {
            const double scale = 1.0 / (static_cast<double>(n - 1) * static_cast<double>(n - 2));
            for (double& value : *vertex_scores) {
                value *= scale;
            }
        }
    }
    if (edge_scores != nullptr) {
        *edge_scores = reduce(edge_parts, m);
        if (n > 1) {
            for (double& value : *edge_scores) {
                value /= pairs;
            }
        }
    }
}

/// Runs `per_vertex(u, workspace)` for every vertex u with shortest paths from u along `adjacency`.
std::vector<double> from_each_vertex(const AnalysisGraph& graph, const Adjacency& adjacency,
                                     unsigned threads,
                                     const std::function<double(const PathWorkspace&)>& value) {
    const std::size_t n = graph.vertex_count;
    std::vector<double> result(n, 0.0);
    const auto uniform = uniform_length(adjacency);
    for_each_block(n, std::min<std::size_t>(n, 64), resolve_threads(threads),
                   [&](std::size_t begin, std::size_t end, std::size_t) {
                       PathWorkspace ws(n);
                       for (std::size_t u = begin; u < end; ++u) {
                           shortest_paths(adjacency, uniform, static_cast<Vertex>(u), ws);
                           result[u] = value(ws);
                       }
                   });
    return result;
}

/// The weight of the U edge u–v, 0 when they are not adjacent (neighbour lists are sorted).
double weight_between(const Adjacency& adjacency, Vertex u, Vertex v) {
    const auto row = adjacency.neighbours_of(u);
    const auto it = std::lower_bound(row.begin(), row.end(), v);
    if (it == row.end() || *it != v) {
        return 0.0;
    }
    return adjacency.weights[adjacency.offsets[u] + static_cast<std::size_t>(it - row.begin())];
}

std::vector<double> strengths_of(const Adjacency& adjacency, std::size_t n) {
    std::vector<double> total(n, 0.0);
    for (std::size_t v = 0; v < n; ++v) {
        for (double w : adjacency.weights_of(static_cast<Vertex>(v))) {
            total[v] += w;
        }
    }
    return total;
}

std::vector<double> max_weights_of(const Adjacency& adjacency, std::size_t n) {
    std::vector<double> best(n, 0.0);
    for (std::size_t v = 0; v < n; ++v) {
        for (double w : adjacency.weights_of(static_cast<Vertex>(v))) {
            best[v] = std::max(best[v], w);
        }
    }
    return best;
}

} // namespace

unsigned resolve_threads(unsigned threads) {
    if (threads != 0) {
        return threads;
    }
    return std::max(1U, std::thread::hardware_concurrency());
}

const std::vector<Measure>& all_measures() {
    static const std::vector<Measure> measures = [] {
        std::vector<Measure> list;
        for (const auto& name : measure_names) {
            list.push_back(name.measure);
        }
        return list;
    }();
    return measures;
}

const char* measure_key(Measure measure) {
    for (const auto& name : measure_names) {
        if (name.measure == measure) {
            return name.key;
        }
    }
    return "";
}

std::optional<Measure> measure_from_key(const std::string& key) {
    for (const auto& name : measure_names) {
        if (key == name.key) {
            return name.measure;
        }
    }
    return std::nullopt;
}

bool applies(Measure measure, const AnalysisGraph& graph) {
    return graph.directed || (measure != Measure::in_degree && measure != Measure::out_degree);
}

std::vector<double> degree(const AnalysisGraph& graph) {
    std::vector<double> result(graph.vertex_count);
    for (std::size_t v = 0; v < graph.vertex_count; ++v) {
        const auto vertex = static_cast<Vertex>(v);
        result[v] =
            static_cast<double>(graph.directed ? graph.out.degree(vertex) + graph.in.degree(vertex)
                                               : graph.out.degree(vertex));
    }
    return result;
}

std::vector<double> in_degree(const AnalysisGraph& graph) {
    std::vector<double> result(graph.vertex_count);
    for (std::size_t v = 0; v < graph.vertex_count; ++v) {
        result[v] = static_cast<double>(graph.in.degree(static_cast<Vertex>(v)));
    }
    return result;
}

std::vector<double> out_degree(const AnalysisGraph& graph) {
    std::vector<double> result(graph.vertex_count);
    for (std::size_t v = 0; v < graph.vertex_count; ++v) {
        result[v] = static_cast<double>(graph.out.degree(static_cast<Vertex>(v)));
    }
    return result;
}

std::vector<double> strength(const AnalysisGraph& graph) {
    auto result = strengths_of(graph.out, graph.vertex_count);
    if (graph.directed) {
        const auto incoming = strengths_of(graph.in, graph.vertex_count);
        for (std::size_t v = 0; v < result.size(); ++v) {
            result[v] += incoming[v];
        }
    }
    return result;
}

std::vector<double> betweenness(const AnalysisGraph& graph, unsigned threads) {
    std::vector<double> scores;
    brandes(graph, threads, &scores, nullptr);
    return scores;
}

std::vector<double> edge_betweenness(const AnalysisGraph& graph, unsigned threads) {
    std::vector<double> scores;
    brandes(graph, threads, nullptr, &scores);
    return scores;
}

std::vector<double> closeness(const AnalysisGraph& graph, unsigned threads) {
    const double n = static_cast<double>(graph.vertex_count);
    // Distances *to* each actor: shortest paths along reversed arcs.
    return from_each_vertex(graph, graph.in, threads, [n](const PathWorkspace& ws) {
        double total = 0.0;
        for (Vertex v : ws.order) {
            total += ws.distance[v];
        }
        const double reached = static_cast<double>(ws.order.size());
        if (total <= 0.0 || n <= 1.0) {
            return 0.0;
        }
        return (reached - 1.0) / total * ((reached - 1.0) / (n - 1.0));
    });
}

std::vector<double> harmonic(const AnalysisGraph& graph, unsigned threads) {
    return from_each_vertex(graph, graph.in, threads, [](const PathWorkspace& ws) {
        double total = 0.0;
        for (Vertex v : ws.order) {
            if (ws.distance[v] > 0.0) {
                total += 1.0 / ws.distance[v];
            }
        }
        return total;
    });
}

std::vector<double> eigenvector(const AnalysisGraph& graph) {
    const std::size_t n = graph.vertex_count;
    const auto& adjacency = graph.undirected;
    std::vector<double> x(n, 0.0);
    if (n == 0 || adjacency.neighbours.empty()) {
        return x; // no ties: every actor scores 0
    }
    std::fill(x.begin(), x.end(), 1.0 / std::sqrt(static_cast<double>(n)));
    std::vector<double> next(n);
    constexpr int max_iterations = 100000;
    for (int iteration = 0; iteration < max_iterations; ++iteration) {
        double norm = 0.0;
        for (std::size_t v = 0; v < n; ++v) {
            double sum = x[v];
            const auto neighbours = adjacency.neighbours_of(static_cast<Vertex>(v));
            const auto weights = adjacency.weights_of(static_cast<Vertex>(v));
            for (std::size_t k = 0; k < neighbours.size(); ++k) {
                sum += weights[k] * x[neighbours[k]];
            }
            next[v] = sum;
            norm += sum * sum;
        }
        norm = std::sqrt(norm);
        double change = 0.0;
        for (std::size_t v = 0; v < n; ++v) {
            next[v] /= norm;
            change = std::max(change, std::fabs(next[v] - x[v]));
        }
        x.swap(next);
        if (change < 1e-15) {
            break;
        }
    }
    return x;
}

std::vector<double> pagerank(const AnalysisGraph& graph, double alpha) {
    const std::size_t n = graph.vertex_count;
    std::vector<double> rank(n, n > 0 ? 1.0 / static_cast<double>(n) : 0.0);
    if (n == 0) {
        return rank;
    }
    const auto out_strength = strengths_of(graph.out, n);
    std::vector<Vertex> dangling;
    for (std::size_t v = 0; v < n; ++v) {
        if (out_strength[v] == 0.0) {
            dangling.push_back(static_cast<Vertex>(v));
        }
    }
    const double uniform = 1.0 / static_cast<double>(n);
    std::vector<double> next(n);
    constexpr int max_iterations = 10000;
    for (int iteration = 0; iteration < max_iterations; ++iteration) {
        double dangling_mass = 0.0;
        for (Vertex v : dangling) {
            dangling_mass += rank[v];
        }
        const double base = (1.0 - alpha) * uniform + alpha * dangling_mass * uniform;
        double change = 0.0;
        for (std::size_t v = 0; v < n; ++v) {
            double inflow = 0.0;
            const auto sources = graph.in.neighbours_of(static_cast<Vertex>(v));
            const auto weights = graph.in.weights_of(static_cast<Vertex>(v));
            for (std::size_t k = 0; k < sources.size(); ++k) {
                inflow += rank[sources[k]] * weights[k] / out_strength[sources[k]];
            }
            next[v] = base + alpha * inflow;
            change += std::fabs(next[v] - rank[v]);
        }
        rank.swap(next);
        if (change < 1e-15) {
            break;
        }
    }
    return rank;
}

std::vector<double> coreness(const AnalysisGraph& graph) {
    // Batagelj–Zaversnik: vertices in bucket order of current degree, peeled from the smallest.
    const std::size_t n = graph.vertex_count;
    const auto& adjacency = graph.undirected;
    std::vector<std::size_t> degree(n);
    std::size_t max_degree = 0;
    for (std::size_t v = 0; v < n; ++v) {
        degree[v] = adjacency.degree(static_cast<Vertex>(v));
        max_degree = std::max(max_degree, degree[v]);
    }
    std::vector<std::size_t> bin(max_degree + 1, 0);
    for (std::size_t d : degree) {
        ++bin[d];
    }
    std::size_t start = 0;
    for (auto& count : bin) {
        const std::size_t size = count;
        count = start;
        start += size;
    }
    std::vector<std::size_t> position(n);
    std::vector<Vertex> order(n);
    for (std::size_t v = 0; v < n; ++v) {
        position[v] = bin[degree[v]]++;
        order[position[v]] = static_cast<Vertex>(v);
    }
    for (std::size_t d = max_degree; d > 0; --d) {
        bin[d] = bin[d - 1];
    }
    if (!bin.empty()) {
        bin[0] = 0;
    }
    for (std::size_t i = 0; i < n; ++i) {
        const Vertex v = order[i];
        for (Vertex u : adjacency.neighbours_of(v)) {
            if (degree[u] > degree[v]) {
                const std::size_t du = degree[u];
                const std::size_t pu = position[u];
                const std::size_t pw = bin[du];
                const Vertex w = order[pw];
                if (u != w) {
                    position[u] = pw;
                    order[pu] = w;
                    position[w] = pu;
                    order[pw] = u;
                }
                ++bin[du];
                --degree[u];
            }
        }
    }
    return {degree.begin(), degree.end()};
}

std::vector<double> constraint(const AnalysisGraph& graph) {
    const std::size_t n = graph.vertex_count;
    const auto& adjacency = graph.undirected;
    const auto total = strengths_of(adjacency, n);
    std::vector<double> result(n, std::numeric_limits<double>::quiet_NaN());
    for (std::size_t v = 0; v < n; ++v) {
        const auto vertex = static_cast<Vertex>(v);
        const auto neighbours = adjacency.neighbours_of(vertex);
        if (neighbours.empty()) {
            continue;
        }
        // p(a, b): the share of a's tie strength invested in b.
        auto share = [&](Vertex a, Vertex b) {
            return total[a] == 0.0 ? 0.0 : weight_between(adjacency, a, b) / total[a];
        };
        double sum = 0.0;
        for (Vertex j : neighbours) {
            double indirect = 0.0;
            for (Vertex q : neighbours) {
                indirect += share(vertex, q) * share(q, j);
            }
            const double local = share(vertex, j) + indirect;
            sum += local * local;
        }
        result[v] = sum;
    }
    return result;
}

std::vector<double> effective_size(const AnalysisGraph& graph) {
    const std::size_t n = graph.vertex_count;
    const auto& adjacency = graph.undirected;
    const auto total = strengths_of(adjacency, n);
    const auto largest = max_weights_of(adjacency, n);
    std::vector<double> result(n, std::numeric_limits<double>::quiet_NaN());
    for (std::size_t v = 0; v < n; ++v) {
        const auto vertex = static_cast<Vertex>(v);
        const auto neighbours = adjacency.neighbours_of(vertex);
        const auto weights = adjacency.weights_of(vertex);
        if (neighbours.empty()) {
            continue;
        }
        double sum = 0.0;
        for (Vertex u : neighbours) {
            double redundancy = 0.0;
            for (std::size_t k = 0; k < neighbours.size(); ++k) {
                const double marginal =
                    largest[u] == 0.0 ? 0.0
                                      : weight_between(adjacency, u, neighbours[k]) / largest[u];
                redundancy += weights[k] / total[v] * marginal;
            }
            sum += 1.0 - redundancy;
        }
        result[v] = sum;
    }
    return result;
}

std::vector<double> clustering(const AnalysisGraph& graph) {
    const auto triangles = triangle_counts(graph);
    std::vector<double> result(graph.vertex_count, 0.0);
    for (std::size_t v = 0; v < graph.vertex_count; ++v) {
        const double d = static_cast<double>(graph.undirected.degree(static_cast<Vertex>(v)));
        if (d >= 2.0) {
            result[v] = static_cast<double>(triangles[v]) / (d * (d - 1.0) / 2.0);
        }
    }
    return result;
}

std::vector<BrokerageRoles> brokerage(const AnalysisGraph& graph,
                                      const std::vector<std::string>& group) {
    std::vector<BrokerageRoles> roles(graph.vertex_count);
    auto has_arc = [&](Vertex a, Vertex b) {
        const auto row = graph.out.neighbours_of(a);
        return std::binary_search(row.begin(), row.end(), b);
    };
    for (std::size_t broker = 0; broker < graph.vertex_count; ++broker) {
        const auto v = static_cast<Vertex>(broker);
        for (Vertex i : graph.in.neighbours_of(v)) {
            for (Vertex j : graph.out.neighbours_of(v)) {
                if (i == j || has_arc(i, j)) {
                    continue;
                }
                const bool iv = group[i] == group[v];
                const bool vj = group[v] == group[j];
                const bool ij = group[i] == group[j];
                BrokerageRoles& r = roles[broker];
                if (iv && vj) {
                    r.coordinator += 1;
                } else if (ij) {
                    r.consultant += 1;
                } else if (iv) {
                    r.representative += 1;
                } else if (vj) {
                    r.gatekeeper += 1;
                } else {
                    r.liaison += 1;
                }
            }
        }
    }
    return roles;
}

std::vector<MeasureColumn> centrality(const AnalysisGraph& graph,
                                      const CentralityOptions& options) {
    const auto& wanted = options.measures.empty() ? all_measures() : options.measures;
    std::vector<MeasureColumn> columns;
    for (Measure measure : all_measures()) {
        if (std::find(wanted.begin(), wanted.end(), measure) == wanted.end() ||
            !applies(measure, graph)) {
            continue;
        }
        std::vector<double> values;
        switch (measure) {
        case Measure::degree:
            values = degree(graph);
            break;
        case Measure::in_degree:
            values = in_degree(graph);
            break;
        case Measure::out_degree:
            values = out_degree(graph);
            break;
        case Measure::strength:
            values = strength(graph);
            break;
        case Measure::betweenness:
            values = betweenness(graph, options.threads);
            break;
        case Measure::closeness:
            values = closeness(graph, options.threads);
            break;
        case Measure::harmonic:
            values = harmonic(graph, options.threads);
            break;
        case Measure::eigenvector:
            values = eigenvector(graph);
            break;
        case Measure::pagerank:
            values = pagerank(graph);
            break;
        case Measure::coreness:
            values = coreness(graph);
            break;
        case Measure::constraint:
            values = constraint(graph);
            break;
        case Measure::effective_size:
            values = effective_size(graph);
            break;
        case Measure::clustering:
            values = clustering(graph);
            break;
        }
        if (options.normalized) {
            const double others =
                graph.vertex_count > 1 ? static_cast<double>(graph.vertex_count - 1) : 1.0;
            auto divide = [&](double by) {
                if (by > 0.0) {
                    for (double& value : values) {
                        value /= by;
                    }
                }
            };
            switch (measure) {
            case Measure::degree:
                divide(graph.directed ? 2.0 * others : others);
                break;
            case Measure::in_degree:
            case Measure::out_degree:
            case Measure::harmonic:
                divide(others);
                break;
            case Measure::strength:
            case Measure::coreness:
                divide(values.empty() ? 0.0 : *std::max_element(values.begin(), values.end()));
                break;
            default:
                break;
            }
        }
        columns.push_back({measure, std::move(values)});
    }
    return columns;
}

} // namespace stakemap::analysis
