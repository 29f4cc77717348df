#include "stakemap/graph/analysis_graph.hpp"
#include "stakemap/error.hpp"

#include "stakemap/model/date.hpp"
#include "stakemap/model/id_index.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

namespace stakemap::graph {

double length_of(double weight, Distance distance) {
    switch (distance) {
    case Distance::inverse:
        return 1.0 / weight;
    case Distance::unit:
        return 1.0;
    case Distance::weight:
        return weight;
    }
    return 1.0;
}

bool keeps(const model::Relation& relation, const BuildOptions& options) {
    return model::kept(relation, options.types, options.at);
}

bool AnalysisGraph::tied(Vertex a, Vertex b) const {
    const auto neighbours = undirected.neighbours_of(a);
    return std::binary_search(neighbours.begin(), neighbours.end(), b);
}

std::optional<Vertex> AnalysisGraph::vertex(const std::string& id) const {
    const auto found = vertex_lookup.find(
        ids, id, [](const std::string& own) -> const std::string& { return own; });
    return found ? std::optional<Vertex>(static_cast<Vertex>(*found)) : std::nullopt;
}

namespace {

/// Merges (a, b, weight, relation) contributions into one edge per pair. Contributions are
/// collected in a flat list and sorted once: a hash map with a node per edge spent most of the time
/// of building a 1,000,000-relation map in memory allocation.
class EdgeMerger {
public:
    explicit EdgeMerger(Merge merge) : merge_(merge) {}

    void reserve(std::size_t count) { items_.reserve(count); }

    void add(Vertex a, Vertex b, double weight, std::uint32_t relation) {
        items_.push_back({a, b, relation, weight});
    }

    /// The merged edges sorted by (source, target); each edge's relations in map order, and its
    /// weight summed (or maximised) in that order.
    /// `vertices`: the number of vertices (every a is below it).
    std::vector<Edge> take(Distance distance, std::size_t vertices) {
        // Counting sort by a, then each a's few items by (b, relation): a comparison sort of the
        // whole list took a tenth of building a 1,000,000-relation map.
        std::vector<std::size_t> start(vertices + 1, 0);
        for (const Item& item : items_) {
            ++start[item.a + 1];
        }
        for (std::size_t v = 0; v < vertices; ++v) {
            start[v + 1] += start[v];
        }
        std::vector<Item> sorted(items_.size());
        {
            std::vector<std::size_t> next(start.begin(), start.end() - 1);
            for (const Item& item : items_) {
                sorted[next[item.a]++] = item;
            }
        }
        for (std::size_t v = 0; v < vertices; ++v) {
            std::sort(sorted.begin() + static_cast<std::ptrdiff_t>(start[v]),
                      sorted.begin() + static_cast<std::ptrdiff_t>(start[v + 1]),
                      [](const Item& x, const Item& y) {
                          return x.b != y.b ? x.b < y.b : x.relation < y.relation;
                      });
        }
        items_.swap(sorted);
        std::vector<Item>().swap(sorted);
        std::size_t merged = 0;
        for (std::size_t i = 0; i < items_.size(); ++i) {
            merged += static_cast<std::size_t>(i == 0 || items_[i].a != items_[i - 1].a ||
                                               items_[i].b != items_[i - 1].b);
        }
        std::vector<Edge> edges(merged);
        std::size_t e = 0;
        for (std::size_t i = 0; i < items_.size(); ++e) {
            std::size_t j = i + 1;
            while (j < items_.size() && items_[j].a == items_[i].a && items_[j].b == items_[i].b) {
                ++j;
            }
            Edge& edge = edges[e];
            edge.source = items_[i].a;
            edge.target = items_[i].b;
            edge.weight = items_[i].weight;
            edge.relations.push_back(items_[i].relation);
            for (std::size_t k = i + 1; k < j; ++k) {
                edge.weight = merge_ == Merge::sum ? edge.weight + items_[k].weight
                                                   : std::max(edge.weight, items_[k].weight);
                edge.relations.push_back(items_[k].relation);
            }
            edge.length = length_of(edge.weight, distance);
            i = j;
        }
        items_.clear();
        items_.shrink_to_fit();
        return edges;
    }

private:
    struct Item {
        Vertex a;
        Vertex b;
        std::uint32_t relation;
        double weight;
    };
    Merge merge_;
    std::vector<Item> items_;
};

/// CSR adjacency from an edge list; `both_ways` lists each edge at both ends, `reverse` indexes by
/// target instead of source.
Adjacency make_adjacency(std::size_t n, const std::vector<Edge>& edges, bool both_ways,
                         bool reverse) {
    Adjacency adjacency;
    adjacency.offsets.assign(n + 1, 0);
    for (const Edge& edge : edges) {
        ++adjacency.offsets[(reverse ? edge.target : edge.source) + 1];
        if (both_ways) {
            ++adjacency.offsets[edge.target + 1];
        }
    }
    for (std::size_t v = 0; v < n; ++v) {
        adjacency.offsets[v + 1] += adjacency.offsets[v];
    }
    const std::size_t total = adjacency.offsets[n];
    adjacency.neighbours.resize(total);
    adjacency.weights.resize(total);
    adjacency.lengths.resize(total);
    adjacency.edges.resize(total);
    std::vector<std::size_t> next(adjacency.offsets.begin(), adjacency.offsets.end() - 1);
    auto place = [&](Vertex from, Vertex to, const Edge& edge, std::uint32_t index) {
        const std::size_t slot = next[from]++;
        adjacency.neighbours[slot] = to;
        adjacency.weights[slot] = edge.weight;
        adjacency.lengths[slot] = edge.length;
        adjacency.edges[slot] = index;
    };
    for (std::uint32_t i = 0; i < edges.size(); ++i) {
        const Edge& edge = edges[i];
        if (reverse) {
            place(edge.target, edge.source, edge, i);
        } else {
            place(edge.source, edge.target, edge, i);
        }
        if (both_ways) {
            place(edge.target, edge.source, edge, i);
        }
    }
    // Edges sorted by (source, target) give sorted rows in every direction (an undirected pair
    // a < b reaches b's row before b's own edges do); rows are checked, and sorted when not.
    std::vector<std::size_t> order;
    for (std::size_t v = 0; v < n; ++v) {
        const std::size_t begin = adjacency.offsets[v];
        const std::size_t end = adjacency.offsets[v + 1];
        const auto row_begin = adjacency.neighbours.begin() + static_cast<std::ptrdiff_t>(begin);
        const auto row_end = adjacency.neighbours.begin() + static_cast<std::ptrdiff_t>(end);
        if (std::is_sorted(row_begin, row_end)) {
            continue;
        }
        order.resize(end - begin);
        for (std::size_t k = 0; k < order.size(); ++k) {
            order[k] = begin + k;
        }
        std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
            return adjacency.neighbours[x] < adjacency.neighbours[y];
        });
        Adjacency row;
        for (std::size_t k : order) {
            row.neighbours.push_back(adjacency.neighbours[k]);
            row.weights.push_back(adjacency.weights[k]);
            row.lengths.push_back(adjacency.lengths[k]);
            row.edges.push_back(adjacency.edges[k]);
        }
        std::copy(row.neighbours.begin(), row.neighbours.end(),
                  adjacency.neighbours.begin() + static_cast<std::ptrdiff_t>(begin));
        std::copy(row.weights.begin(), row.weights.end(),
                  adjacency.weights.begin() + static_cast<std::ptrdiff_t>(begin));
        std::copy(row.lengths.begin(), row.lengths.end(),
                  adjacency.lengths.begin() + static_cast<std::ptrdiff_t>(begin));
        std::copy(row.edges.begin(), row.edges.end(),
                  adjacency.edges.begin() + static_cast<std::ptrdiff_t>(begin));
    }
    return adjacency;
}

} // namespace

AnalysisGraph build(const model::Map& map, const BuildOptions& options) {
    if (options.at && !model::parse_date(*options.at)) {
        throw UsageError("invalid date \"" + *options.at + "\"; write it as YYYY-MM-DD", "at");
    }
    AnalysisGraph graph;
    graph.vertex_count = map.actors.size();
    graph.ids.reserve(map.actors.size());
    for (const auto& actor : map.actors) {
        graph.ids.push_back(actor.id);
    }
    const auto id_at = [&graph](std::size_t v) -> const std::string& {
        return graph.ids[v];
    };
    model::PositionTable index;
    index.reserve(graph.ids.size());
    for (std::size_t v = 0; v < graph.ids.size(); ++v) {
        index.insert(graph.ids[v], v, id_at);
    }

    std::vector<std::uint32_t> kept;
    for (std::uint32_t r = 0; r < map.relations.size(); ++r) {
        if (keeps(map.relations[r], options)) {
            kept.push_back(r);
            graph.directed = graph.directed || map.is_directed(map.relations[r]);
        }
    }
    graph.relations_kept = kept.size();

    // Both ends of every kept relation, looked up together (find_each fetches ahead).
    std::vector<Vertex> ends(2 * kept.size());
    index.find_each(
        ends.size(),
        [&](std::size_t i) -> const std::string& {
            const model::Relation& relation = map.relations[kept[i / 2]];
            return i % 2 == 0 ? relation.source : relation.target;
        },
        id_at,
        [&](std::size_t i, std::size_t position) {
            if (position == model::PositionTable::npos) {
                throw UsageError("relation " + std::to_string(kept[i / 2]) +
                                 " does not join two different actors of the map");
            }
            ends[i] = static_cast<Vertex>(position);
        });

    EdgeMerger arcs(options.merge);
    EdgeMerger pairs(options.merge);
    arcs.reserve(kept.size());
    pairs.reserve(kept.size());
    for (std::size_t i = 0; i < kept.size(); ++i) {
        const std::uint32_t r = kept[i];
        const model::Relation& relation = map.relations[r];
        const Vertex u = ends[2 * i];
        const Vertex v = ends[2 * i + 1];
        if (u == v) {
            throw UsageError("relation " + std::to_string(r) +
                             " does not join two different actors of the map");
        }
        pairs.add(std::min(u, v), std::max(u, v), relation.weight, r);
        if (!graph.directed) {
            arcs.add(std::min(u, v), std::max(u, v), relation.weight, r);
        } else {
            arcs.add(u, v, relation.weight, r);
            if (!map.is_directed(relation)) {
                arcs.add(v, u, relation.weight, r);
            }
        }
    }
    graph.edges = arcs.take(options.distance, graph.vertex_count);
    graph.undirected_edges = pairs.take(options.distance, graph.vertex_count);
    const std::size_t n = graph.vertex_count;
    graph.undirected = make_adjacency(n, graph.undirected_edges, true, false);
    if (graph.directed) {
        graph.out = make_adjacency(n, graph.edges, false, false);
        graph.in = make_adjacency(n, graph.edges, false, true);
    } else {
        graph.out = graph.undirected;
        graph.in = graph.undirected;
    }
    return graph;
}

} // namespace stakemap::graph
