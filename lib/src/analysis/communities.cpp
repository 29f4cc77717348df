// Community detection: see communities.hpp.
#include "stakemap/analysis/communities.hpp"
#include "stakemap/error.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>

namespace stakemap::analysis {

namespace {

using Random = std::mt19937_64;
using Node = std::uint32_t;

/// Uniform in [0, bound), bound > 0, by rejection on the raw 64-bit output of the engine. The
/// engine's output is fixed by the standard, so this draws the same numbers on every platform,
/// which std::uniform_int_distribution does not.
std::uint64_t bounded(Random& random, std::uint64_t bound) {
    // 2^64 mod bound: draws below it would favour small results.
    const std::uint64_t threshold = (std::uint64_t{0} - bound) % bound;
    for (;;) {
        const std::uint64_t draw = random();
        if (draw >= threshold) {
            return draw % bound;
        }
    }
}

/// Uniform in [0, 1) from the top 53 bits of one draw.
double uniform(Random& random) {
    return static_cast<double>(random() >> 11) * 0x1.0p-53;
}

/// Fisher–Yates with bounded(): a permutation that depends only on the engine's state.
template <typename T>
void shuffle(std::vector<T>& items, Random& random) {
    for (std::size_t i = items.size(); i > 1; --i) {
        const auto j = static_cast<std::size_t>(bounded(random, i));
        std::swap(items[i - 1], items[j]);
    }
}

std::vector<std::size_t> widened(const std::vector<Node>& nodes) {
    return std::vector<std::size_t>(nodes.begin(), nodes.end());
}

std::vector<Node> identity(std::size_t n) {
    std::vector<Node> items(n);
    std::iota(items.begin(), items.end(), Node{0});
    return items;
}

/// Renumbers any labelling 0, 1, … in order of first appearance; returns the number of labels.
/// Labels must be below `label_bound`.
std::size_t renumber(std::vector<Node>& labels, std::size_t label_bound) {
    constexpr auto unset = std::numeric_limits<Node>::max();
    std::vector<Node> number(label_bound, unset);
    Node next = 0;
    for (auto& label : labels) {
        if (number[label] == unset) {
            number[label] = next++;
        }
        label = number[label];
    }
    return next;
}

/// U, or an aggregate of it: weighted CSR without self-loops. A node's strength keeps the weight
/// of the ties folded inside it (counted twice), so that the total strength stays 2m at every
/// level; the folded ties themselves never enter a modularity gain, so they are not stored.
struct WorkGraph {
    std::vector<std::size_t> offsets;
    std::vector<Node> neighbours;
    std::vector<double> weights;
    std::vector<double> strength;
    double total = 0.0; ///< 2m

    std::size_t size() const { return strength.size(); }
};

WorkGraph work_graph(const graph::AnalysisGraph& graph) {
    const auto& u = graph.undirected;
    WorkGraph g;
    g.offsets = u.offsets;
    g.neighbours.assign(u.neighbours.begin(), u.neighbours.end());
    g.weights = u.weights;
    g.strength.assign(graph.vertex_count, 0.0);
    for (std::size_t v = 0; v < graph.vertex_count; ++v) {
        for (std::size_t e = u.offsets[v]; e < u.offsets[v + 1]; ++e) {
            g.strength[v] += u.weights[e];
        }
        g.total += g.strength[v];
    }
    return g;
}

/// Weights from one node to the groups (communities or subcommunities) around it, in the order
/// the groups are first met along the sorted neighbour list.
class GroupWeights {
public:
    explicit GroupWeights(std::size_t groups) : weight_(groups, 0.0), seen_(groups, false) {}

    void add(Node group, double weight) {
        if (!seen_[group]) {
            seen_[group] = true;
            touched_.push_back(group);
        }
        weight_[group] += weight;
    }
    double operator[](Node group) const { return weight_[group]; }
    const std::vector<Node>& groups() const { return touched_; }
    void clear() {
        for (Node group : touched_) {
            weight_[group] = 0.0;
            seen_[group] = false;
        }
        touched_.clear();
    }

private:
    std::vector<double> weight_;
    std::vector<bool> seen_;
    std::vector<Node> touched_;
};

/// Gains below this share of a node's strength are rounding noise: moving on them could cycle.
constexpr double gain_tolerance = 1e-10;

/// The graph whose nodes are the groups of `group` (numbered 0 … groups−1). O(m + n).
WorkGraph aggregate(const WorkGraph& g, const std::vector<Node>& group, std::size_t groups) {
    // Members of each group, by counting sort, so the aggregate is built group by group.
    std::vector<std::size_t> start(groups + 1, 0);
    for (Node v = 0; v < g.size(); ++v) {
        ++start[group[v] + 1];
    }
    std::partial_sum(start.begin(), start.end(), start.begin());
    std::vector<Node> members(g.size());
    {
        auto next = start;
        for (Node v = 0; v < g.size(); ++v) {
            members[next[group[v]]++] = v;
        }
    }

    WorkGraph result;
    result.total = g.total;
    result.strength.assign(groups, 0.0);
    result.offsets.assign(groups + 1, 0);
    GroupWeights around(groups);
    std::vector<Node> sorted;
    for (std::size_t c = 0; c < groups; ++c) {
        for (std::size_t i = start[c]; i < start[c + 1]; ++i) {
            const Node v = members[i];
            result.strength[c] += g.strength[v];
            for (std::size_t e = g.offsets[v]; e < g.offsets[v + 1]; ++e) {
                const Node d = group[g.neighbours[e]];
                if (d != c) {
                    around.add(d, g.weights[e]);
                }
            }
        }
        sorted = around.groups();
        std::sort(sorted.begin(), sorted.end());
        for (Node d : sorted) {
            result.neighbours.push_back(d);
            result.weights.push_back(around[d]);
        }
        result.offsets[c + 1] = result.neighbours.size();
        around.clear();
    }
    return result;
}

/// Total strength of each community.
std::vector<double> community_strength(const WorkGraph& g, const std::vector<Node>& community) {
    std::vector<double> total(g.size(), 0.0);
    for (Node v = 0; v < g.size(); ++v) {
        total[community[v]] += g.strength[v];
    }
    return total;
}

/// Where a node gains most, and the gain.
struct Move {
    Node community;
    double gain;
};

/// The local-moving step shared by Louvain and Leiden: takes v out of its community (its strength
/// k leaves total[own]), gathers into `around` the weights from v to the communities around it,
/// and returns the community of largest gain w(v, c) − γ k K_c / 2m, the change of modularity
/// times m. Its own community comes first and another wins only by more than the rounding
/// tolerance, so a node never moves on noise. The caller adds k to the total of the community it
/// picks and clears `around`. O(deg v).
Move best_move(const WorkGraph& g, Node v, const std::vector<Node>& community,
               std::vector<double>& total, GroupWeights& around, double resolution) {
    const double k = g.strength[v];
    for (std::size_t e = g.offsets[v]; e < g.offsets[v + 1]; ++e) {
        around.add(community[g.neighbours[e]], g.weights[e]);
    }
    const Node own = community[v];
    total[own] -= k;
    const double scale = resolution * k / g.total;
    Move best{own, around[own] - scale * total[own]};
    for (Node c : around.groups()) {
        const double gain = around[c] - scale * total[c];
        if (gain > best.gain + gain_tolerance * k) {
            best = {c, gain};
        }
    }
    return best;
}

/// Stop requests are checked once per this many node moves in Leiden's queue (a sweep of Louvain
/// checks once): often enough to stop within milliseconds, rarely enough to cost nothing.
constexpr std::size_t moves_between_checks = 1024;

// ---- Louvain -----------------------------------------------------------------------------------

/// Local moving of Louvain from singletons, sweeping a shuffled order until a sweep moves nothing.
/// The gain of joining c (v taken out of its community first) is w(v, c) − γ k_v K_c / 2m, the
/// change of modularity times m. Returns whether any node moved. O(m) per sweep.
bool louvain_move(const WorkGraph& g, std::vector<Node>& community, double resolution,
                  Random& random, const RunControl& control) {
    auto total = community_strength(g, community);
    auto order = identity(g.size());
    shuffle(order, random);
    GroupWeights around(g.size());
    bool moved_any = false;
    for (bool moved = true; moved;) {
        control.check();
        moved = false;
        for (Node v : order) {
            const double k = g.strength[v];
            if (k == 0.0) {
                continue;
            }
            const Node own = community[v];
            const Node best = best_move(g, v, community, total, around, resolution).community;
            total[best] += k;
            if (best != own) {
                community[v] = best;
                moved = true;
                moved_any = true;
            }
            around.clear();
        }
    }
    return moved_any;
}

std::vector<Node> louvain(const WorkGraph& base, double resolution, Random& random,
                          const RunControl& control) {
    std::vector<Node> node_of = identity(base.size()); // vertex → node of the current level
    WorkGraph level = base;
    for (;;) {
        auto community = identity(level.size());
        if (!louvain_move(level, community, resolution, random, control)) {
            break;
        }
        const std::size_t count = renumber(community, level.size());
        for (auto& node : node_of) {
            node = community[node];
        }
        level = aggregate(level, community, count);
    }
    return node_of;
}

// ---- Leiden ------------------------------------------------------------------------------------

/// Randomness of the refinement (θ in Traag et al. 2019), on gains in weight units as igraph's.
constexpr double refinement_randomness = 0.01;

/// Fast local moving: a queue seeded with every node in shuffled order; a node moves to the
/// neighbouring or empty community of largest gain, and its neighbours outside its new community
/// are queued again. `community` holds numbers below g.size() and is updated in place.
void leiden_move(const WorkGraph& g, std::vector<Node>& community, double resolution,
                 Random& random, const RunControl& control) {
    const std::size_t n = g.size();
    auto total = community_strength(g, community);
    std::vector<std::size_t> members(n, 0);
    for (Node c : community) {
        ++members[c];
    }
    std::vector<Node> empty;
    for (std::size_t c = n; c-- > 0;) {
        if (members[c] == 0) {
            empty.push_back(static_cast<Node>(c));
        }
    }
    auto order = identity(n);
    shuffle(order, random);
    std::deque<Node> queue(order.begin(), order.end());
    std::vector<bool> queued(n, true);
    GroupWeights around(n);
    for (std::size_t moves = 0; !queue.empty(); ++moves) {
        if (moves % moves_between_checks == 0) {
            control.check();
        }
        const Node v = queue.front();
        queue.pop_front();
        queued[v] = false;
        const double k = g.strength[v];
        if (k == 0.0) {
            continue;
        }
        const Node own = community[v];
        const auto [best_community, best_gain] =
            best_move(g, v, community, total, around, resolution);
        Node best = best_community;
        --members[own];
        // An empty community gains 0; when v was alone, staying is already that option.
        const bool alone = members[own] == 0;
        if (!alone && best_gain + gain_tolerance * k < 0.0) {
            best = empty.back();
            empty.pop_back();
        }
        total[best] += k;
        ++members[best];
        if (best != own) {
            if (alone) {
                empty.push_back(own);
            }
            community[v] = best;
            for (std::size_t e = g.offsets[v]; e < g.offsets[v + 1]; ++e) {
                const Node u = g.neighbours[e];
                if (!queued[u] && community[u] != best) {
                    queued[u] = true;
                    queue.push_back(u);
                }
            }
        }
        around.clear();
    }
}

/// Refinement: inside each community C (numbered 0 … count−1), starting from singletons, each
/// well-connected singleton v (w(v, C − v) ≥ γ k_v (K_C − k_v) / 2m), in shuffled order, joins a
/// well-connected subcommunity T of C (same test on T) drawn with probability ∝ exp(ΔQ_T / θ) among
/// those with ΔQ_T ≥ 0, staying alone (ΔQ = 0) included. Returns the subcommunities, numbered
/// 0, 1, … in order of first node. O(m) plus the exponentials, one per candidate.
std::vector<Node> refine(const WorkGraph& g, const std::vector<Node>& community, std::size_t count,
                         double resolution, Random& random, const RunControl& control) {
    const std::size_t n = g.size();
    const double factor = resolution / g.total;
    std::vector<Node> sub = identity(n); // node → subcommunity, numbered by a member node
    std::vector<double> sub_strength = g.strength;
    std::vector<double> sub_external(n, 0.0); // E(T, C − T)
    std::vector<bool> singleton(n, true);
    std::vector<double> community_total(count, 0.0);
    std::vector<std::vector<Node>> members(count);
    for (Node v = 0; v < n; ++v) {
        community_total[community[v]] += g.strength[v];
        members[community[v]].push_back(v);
        for (std::size_t e = g.offsets[v]; e < g.offsets[v + 1]; ++e) {
            if (community[g.neighbours[e]] == community[v]) {
                sub_external[v] += g.weights[e];
            }
        }
    }
    GroupWeights around(n);
    std::vector<Node> candidates;
    std::vector<double> gains;
    for (std::size_t c = 0; c < count; ++c) {
        control.check();
        auto& nodes = members[c];
        shuffle(nodes, random);
        const double whole = community_total[c];
        for (Node v : nodes) {
            const double k = g.strength[v];
            const double external = sub_external[v];
            if (!singleton[v] || k == 0.0 || external < factor * k * (whole - k)) {
                continue;
            }
            for (std::size_t e = g.offsets[v]; e < g.offsets[v + 1]; ++e) {
                const Node u = g.neighbours[e];
                if (community[u] == c) {
                    around.add(sub[u], g.weights[e]);
                }
            }
            // v alone is the first candidate, with gain 0.
            candidates.assign(1, v);
            gains.assign(1, 0.0);
            double top = 0.0;
            for (Node t : around.groups()) {
                const double t_strength = sub_strength[t];
                if (sub_external[t] < factor * t_strength * (whole - t_strength)) {
                    continue;
                }
                const double gain = around[t] - factor * k * t_strength;
                if (gain >= 0.0) {
                    candidates.push_back(t);
                    gains.push_back(gain);
                    top = std::max(top, gain);
                }
            }
            // Shifted by the top gain so that no exponential overflows.
            double mass = 0.0;
            for (double& gain : gains) {
                gain = std::exp((gain - top) / refinement_randomness);
                mass += gain;
            }
            const double draw = uniform(random) * mass;
            std::size_t chosen = 0;
            for (double cumulative = gains[0]; chosen + 1 < gains.size() && cumulative <= draw;) {
                cumulative += gains[++chosen];
            }
            const Node target = candidates[chosen];
            if (target != v) {
                sub[v] = target;
                sub_strength[target] += k;
                sub_external[target] += external - 2.0 * around[target];
                singleton[target] = false;
                sub_strength[v] = 0.0;
                sub_external[v] = 0.0;
            }
            around.clear();
        }
    }
    renumber(sub, n);
    return sub;
}

/// One iteration of Leiden from `start` (a community per base node, numbers below base.size()).
std::vector<Node> leiden_iteration(const WorkGraph& base, std::vector<Node> start,
                                   double resolution, Random& random, const RunControl& control) {
    std::vector<Node> node_of = identity(base.size());
    WorkGraph level = base;
    std::vector<Node> community = std::move(start);
    for (;;) {
        leiden_move(level, community, resolution, random, control);
        const std::size_t count = renumber(community, level.size());
        if (count == level.size()) {
            break;
        }
        auto sub = refine(level, community, count, resolution, random, control);
        std::size_t sub_count = sub.empty() ? 0 : *std::max_element(sub.begin(), sub.end()) + 1;
        if (sub_count == level.size()) {
            // Refinement merged nothing: aggregate the communities themselves so the level shrinks.
            sub = community;
            sub_count = count;
        }
        std::vector<Node> next(sub_count, 0);
        for (Node v = 0; v < level.size(); ++v) {
            next[sub[v]] = community[v];
        }
        for (auto& node : node_of) {
            node = sub[node];
        }
        level = aggregate(level, sub, sub_count);
        community = std::move(next);
    }
    for (auto& node : node_of) {
        node = community[node];
    }
    return node_of;
}

// ---- Label propagation -------------------------------------------------------------------------

/// Each label's connected pieces as labels of their own, numbered in order of first node. A label
/// can end up on parts with no tie between them; splitting them raises modularity by
/// 2γ K_1 K_2 / (2m)² for every split. O(n + m).
std::vector<Node> split_disconnected(const WorkGraph& g, const std::vector<Node>& label) {
    constexpr auto unset = std::numeric_limits<Node>::max();
    std::vector<Node> piece(g.size(), unset);
    std::vector<Node> stack;
    Node next = 0;
    for (Node start = 0; start < g.size(); ++start) {
        if (piece[start] != unset) {
            continue;
        }
        piece[start] = next;
        stack.push_back(start);
        while (!stack.empty()) {
            const Node v = stack.back();
            stack.pop_back();
            for (std::size_t e = g.offsets[v]; e < g.offsets[v + 1]; ++e) {
                const Node u = g.neighbours[e];
                if (piece[u] == unset && label[u] == label[v]) {
                    piece[u] = next;
                    stack.push_back(u);
                }
            }
        }
        ++next;
    }
    return piece;
}

std::vector<Node> label_propagation(const WorkGraph& g, Random& random, const RunControl& control) {
    const std::size_t n = g.size();
    auto label = identity(n);
    shuffle(label, random);
    auto order = identity(n);
    GroupWeights around(n);
    for (bool changed = true; changed;) {
        control.check();
        changed = false;
        shuffle(order, random);
        for (Node v : order) {
            if (g.offsets[v] == g.offsets[v + 1]) {
                continue;
            }
            for (std::size_t e = g.offsets[v]; e < g.offsets[v + 1]; ++e) {
                around.add(label[g.neighbours[e]], g.weights[e]);
            }
            double top = 0.0;
            for (Node l : around.groups()) {
                top = std::max(top, around[l]);
            }
            // Sums met in another order may differ by rounding: those within this are ties.
            const double tie = top * (1.0 - 1e-12);
            if (around[label[v]] < tie) {
                Node smallest = std::numeric_limits<Node>::max();
                for (Node l : around.groups()) {
                    if (around[l] >= tie) {
                        smallest = std::min(smallest, l);
                    }
                }
                label[v] = smallest;
                changed = true;
            }
            around.clear();
        }
    }
    return split_disconnected(g, label);
}

} // namespace

Partition detect_communities(const graph::AnalysisGraph& graph, const CommunityOptions& options) {
    if (!std::isfinite(options.resolution) || options.resolution < 0.0) {
        throw UsageError("the resolution must be a finite number ≥ 0");
    }
    Partition partition;
    const std::size_t n = graph.vertex_count;
    if (n == 0) {
        return partition;
    }
    const WorkGraph base = work_graph(graph);
    std::vector<Node> community;
    if (base.total == 0.0) {
        community = identity(n);
    } else {
        Random random(options.seed);
        switch (options.method) {
        case CommunityMethod::louvain:
            community = louvain(base, options.resolution, random, options.control);
            break;
        case CommunityMethod::leiden: {
            community = identity(n);
            double quality = modularity(graph, widened(community), options.resolution);
            for (;;) {
                options.control.check();
                auto next =
                    leiden_iteration(base, community, options.resolution, random, options.control);
                const double next_quality = modularity(graph, widened(next), options.resolution);
                // Written so that a NaN quality (weights whose sums overflow) ends the loop too.
                if (!(next_quality > quality + 1e-12)) {
                    break;
                }
                community = std::move(next);
                quality = next_quality;
            }
            break;
        }
        case CommunityMethod::label_propagation:
            community = label_propagation(base, random, options.control);
            break;
        }
    }
    partition.count = renumber(community, n);
    partition.community = widened(community);
    partition.modularity = modularity(graph, partition.community, options.resolution);
    return partition;
}

double modularity(const graph::AnalysisGraph& graph, const std::vector<std::size_t>& community,
                  double resolution) {
    if (community.size() != graph.vertex_count) {
        throw UsageError("modularity: the partition must have one community per actor");
    }
    // Community numbers may be anything: map them to 0 … k−1.
    std::vector<std::size_t> numbers = community;
    std::sort(numbers.begin(), numbers.end());
    numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
    std::vector<std::size_t> dense(community.size());
    for (std::size_t v = 0; v < community.size(); ++v) {
        dense[v] = static_cast<std::size_t>(
            std::lower_bound(numbers.begin(), numbers.end(), community[v]) - numbers.begin());
    }
    std::vector<double> inside(numbers.size(), 0.0);
    std::vector<double> strength(numbers.size(), 0.0);
    double m = 0.0;
    for (const auto& edge : graph.undirected_edges) {
        const std::size_t a = dense[edge.source];
        const std::size_t b = dense[edge.target];
        m += edge.weight;
        strength[a] += edge.weight;
        strength[b] += edge.weight;
        if (a == b) {
            inside[a] += edge.weight;
        }
    }
    if (m == 0.0) {
        return 0.0;
    }
    double q = 0.0;
    for (std::size_t c = 0; c < numbers.size(); ++c) {
        const double share = strength[c] / (2.0 * m);
        q += inside[c] / m - resolution * share * share;
    }
    return q;
}

Contingency align(const std::vector<std::size_t>& community,
                  const std::vector<std::string>& labels) {
    if (community.size() != labels.size()) {
        throw UsageError("align: one community and one label per actor are needed");
    }
    std::vector<std::size_t> rows = community;
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    std::vector<std::string> columns = labels;
    std::sort(columns.begin(), columns.end());
    columns.erase(std::unique(columns.begin(), columns.end()), columns.end());

    Contingency table;
    for (std::size_t row : rows) {
        table.row_labels.push_back(std::to_string(row + 1));
    }
    for (const auto& column : columns) {
        table.column_labels.push_back(column); // "" for actors without a value
    }
    table.counts.assign(rows.size(), std::vector<std::size_t>(columns.size(), 0));
    for (std::size_t v = 0; v < community.size(); ++v) {
        const auto r = std::lower_bound(rows.begin(), rows.end(), community[v]) - rows.begin();
        const auto c =
            std::lower_bound(columns.begin(), columns.end(), labels[v]) - columns.begin();
        ++table.counts[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)];
    }

    // The same partition up to renaming: every row and every column has one non-empty cell. This
    // covers no actors at all and a single group on both sides, where the entropies are 0.
    std::vector<std::size_t> row_cells(rows.size(), 0);
    std::vector<std::size_t> column_cells(columns.size(), 0);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (std::size_t c = 0; c < columns.size(); ++c) {
            if (table.counts[r][c] > 0) {
                ++row_cells[r];
                ++column_cells[c];
            }
        }
    }
    const auto one = [](std::size_t cells) {
        return cells == 1;
    };
    if (rows.size() == columns.size() && std::all_of(row_cells.begin(), row_cells.end(), one) &&
        std::all_of(column_cells.begin(), column_cells.end(), one)) {
        table.nmi = 1.0;
        return table;
    }

    const double n = static_cast<double>(community.size());
    std::vector<double> row_total(rows.size(), 0.0);
    std::vector<double> column_total(columns.size(), 0.0);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (std::size_t c = 0; c < columns.size(); ++c) {
            row_total[r] += static_cast<double>(table.counts[r][c]);
            column_total[c] += static_cast<double>(table.counts[r][c]);
        }
    }
    const auto entropy = [n](const std::vector<double>& totals) {
        double h = 0.0;
        for (double t : totals) {
            h -= t / n * std::log(t / n);
        }
        return h;
    };
    double information = 0.0;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const auto cell = static_cast<double>(table.counts[r][c]);
            if (cell > 0.0) {
                information += cell / n * std::log(n * cell / (row_total[r] * column_total[c]));
            }
        }
    }
    const double mean_entropy = (entropy(row_total) + entropy(column_total)) / 2.0;
    // A single group on one side only: no information (sklearn returns 0 as well).
    if (information <= 0.0 || mean_entropy <= 0.0) {
        table.nmi = 0.0;
    } else {
        table.nmi = std::clamp(information / mean_entropy, 0.0, 1.0);
    }
    return table;
}

} // namespace stakemap::analysis
