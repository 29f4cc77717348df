#include "stakemap/analysis/centrality.hpp"

#include "integer_lengths.hpp"
#include "parallel.hpp"

#include "stakemap/analysis/run_control.hpp"
#include "stakemap/analysis/stats.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <queue>
#include <span>
#include <thread>

namespace stakemap::analysis {

using detail::for_each_block;
using detail::infinity;
using detail::IntegerLengths;
using detail::RadixHeap;
using detail::same_length;
using detail::ShortestArcs;
using detail::UnitArc;
using detail::Units;
using graph::Adjacency;
using graph::AnalysisGraph;
using graph::Vertex;

namespace {

struct MeasureName {
    Measure measure;
    const char* key;
};

constexpr MeasureName measure_names[] = {
    {Measure::degree, "degree"},
    {Measure::in_degree, "in_degree"},
    {Measure::out_degree, "out_degree"},
    {Measure::neighbours, "neighbours"},
    {Measure::strength, "strength"},
    {Measure::betweenness, "betweenness"},
    {Measure::closeness, "closeness"},
    {Measure::harmonic, "harmonic"},
    {Measure::eigenvector, "eigenvector"},
    {Measure::pagerank, "pagerank"},
    {Measure::coreness, "coreness"},
    {Measure::constraint, "constraint"},
    {Measure::effective_size, "effective_size"},
    {Measure::clustering, "clustering"},
};

/// Power iterations stop when the change falls below the tolerance, or at the limit.
constexpr std::size_t eigenvector_limit = 100000;
constexpr double eigenvector_tolerance = 1e-15; ///< largest change of one entry (unit L2 norm)
constexpr std::size_t pagerank_limit = 10000;
constexpr double pagerank_tolerance = 1e-15; ///< L1 change of the whole vector

// ---- single-source shortest paths --------------------------------------------------------------

/// For every actor: how many actors reach it (itself included), the sum of their distances to it,
/// and the sum of the inverse distances; what closeness and harmonic are made of.
struct DistanceSums {
    std::vector<double> reached;
    std::vector<double> total;
    std::vector<double> inverse;
};

/// One block's share of the distance sums: the contributions of its sources to every actor, the
/// three sums of an actor side by side (one cache line per actor reached, two for a quarter of
/// them, instead of three).
struct DistanceParts {
    std::vector<double> sums; ///< reached, total, inverse for actor 0, then actor 1, …

    explicit DistanceParts(std::vector<double> part) : sums(std::move(part)) {}
    /// The source of this pass reaches `v` at `distance` > 0.
    void add(Vertex v, double distance) {
        double* const at = sums.data() + 3 * std::size_t{v};
        at[0] += 1.0;
        at[1] += distance;
        at[2] += 1.0 / distance;
    }
};

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
}

/// Adds per-block partial sums into one total in block order, keeping only the blocks that finished
/// ahead of an unfinished one: the sum has the same bits for any thread count, and memory stays at
/// a few blocks instead of one per block.
class OrderedSum {
public:
    OrderedSum(std::size_t size, std::size_t blocks) : total_(size, 0.0), waiting_(blocks) {}

    void add(std::size_t block, std::vector<double>&& part) {
        std::lock_guard lock(mutex_);
        waiting_[block] = std::move(part);
        while (next_ < waiting_.size() && !waiting_[next_].empty()) {
            const auto& ready = waiting_[next_];
            for (std::size_t i = 0; i < total_.size(); ++i) {
                total_[i] += ready[i];
            }
            {
                std::lock_guard spare_lock(spare_mutex_);
                spare_.push_back(std::move(waiting_[next_]));
            }
            waiting_[next_] = {};
            ++next_;
        }
    }
    /// A block's part, all zeros: one added before, cleared (a few vectors are reused for all
    /// blocks, instead of new pages for every block).
    std::vector<double> part() {
        std::vector<double> part;
        {
            // Its own lock: add() may be summing parts under mutex_ for a while.
            std::lock_guard lock(spare_mutex_);
            if (!spare_.empty()) {
                part = std::move(spare_.back());
                spare_.pop_back();
            }
        }
        if (part.empty()) {
            part.resize(total_.size());
        }
        std::fill(part.begin(), part.end(), 0.0);
        return part;
    }
    std::vector<double> take() { return std::move(total_); }

private:
    std::mutex mutex_;
    std::vector<double> total_;
    std::vector<std::vector<double>> waiting_;
    std::mutex spare_mutex_; ///< taken inside mutex_ by add(), alone by part()
    std::vector<std::vector<double>> spare_;
    std::size_t next_ = 0;
};

/// Buffers for the searches, one per thread at a time and kept from block to block: a workspace
/// is sized for the whole graph, and building one per block cost more than its searches on the
/// smaller maps. Every search is correct from whatever state the previous one left.
template <typename Workspace>
class WorkspacePool {
public:
    template <typename Make>
    std::unique_ptr<Workspace> acquire(Make&& make) {
        {
            std::lock_guard lock(mutex_);
            if (!free_.empty()) {
                auto workspace = std::move(free_.back());
                free_.pop_back();
                return workspace;
            }
        }
        return make();
    }
    void release(std::unique_ptr<Workspace> workspace) {
        std::lock_guard lock(mutex_);
        free_.push_back(std::move(workspace));
    }

private:
    std::mutex mutex_;
    std::vector<std::unique_ptr<Workspace>> free_;
};

/// How a source stands for the degree-1 actors folded into it (undirected maps only): every
/// shortest path from a leaf v hanging on u is the tie v–u followed by a shortest path from u, so
/// source v adds exactly what source u adds to every actor but u, and adds c - 2 to u (c: the size
/// of u's component; every path from v to another actor passes through u). A source with k leaves
/// is counted 1 + k times and v's own search is skipped (Baglioni, Geraci, Pellegrini and Lastres,
/// "Fast exact computation of betweenness centrality in social networks", ASONAM 2012).
struct SourceFold {
    double multiplicity = 1.0; ///< 1 + the number of leaves folded into the source
    double leaves = 0.0;
    /// The source's own score from its leaves, given the size of its component.
    [[nodiscard]] double own_share(std::size_t component) const {
        return leaves * (static_cast<double>(component) - 2.0);
    }
};

/// Which sources of an undirected map stand for others (SourceFold), and which are skipped.
struct SourceFolding {
    std::vector<std::uint32_t> leaves; ///< degree-1 actors folded into each actor
    std::vector<std::uint32_t> twins;  ///< twins folded into each class's first actor
    std::vector<char> folded;          ///< whose own search is skipped
    [[nodiscard]] bool empty() const { return folded.empty(); }
};

/// Folds degree-1 actors into their neighbour, and, when every tie has the same length, twins
/// into the first actor of their class. Twins are actors with the same neighbours, tied to each
/// other (N[a] = N[b]) or not (N(a) = N(b)): a shortest path from a never passes through b, and
/// the paths from b are a's with the first actor swapped, so b adds what a adds to every actor
/// outside the class and nothing inside it (Puzis, Zilberman, Elovici et al., "Heuristics for
/// speeding up betweenness centrality computation", SocialCom 2012). In co-authorship networks a
/// fifth of the actors are such twins (authors of one paper). An actor cannot have twins of both
/// kinds, nor twins and leaves at once; a pair of leaves tied to each other is a class of twins.
SourceFolding fold_sources(const Adjacency& adjacency, bool uniform) {
    const std::size_t n = adjacency.offsets.size() - 1;
    SourceFolding folding;
    folding.leaves.assign(n, 0);
    folding.twins.assign(n, 0);
    folding.folded.assign(n, 0);
    for (Vertex v = 0; v < n; ++v) {
        if (adjacency.degree(v) == 1) {
            const Vertex u = adjacency.neighbours_of(v)[0];
            if (adjacency.degree(u) > 1) {
                folding.folded[v] = 1;
                ++folding.leaves[u];
            }
        }
    }
    if (!uniform) {
        return folding; // twins also need equal lengths on their ties; not looked for
    }
    // Candidates are grouped by a hash of their neighbourhood and confirmed by comparing it.
    const auto neighbourhood = [&adjacency](Vertex v, bool closed, std::vector<Vertex>& out) {
        const auto row = adjacency.neighbours_of(v);
        out.assign(row.begin(), row.end());
        if (closed) {
            out.insert(std::upper_bound(out.begin(), out.end(), v), v);
        }
    };
    const auto hash_of = [](const std::vector<Vertex>& list) {
        std::uint64_t hash = 1469598103934665603ULL; // FNV-1a over the vertex numbers
        for (Vertex x : list) {
            hash = (hash ^ x) * 1099511628211ULL;
        }
        return hash;
    };
    std::vector<Vertex> list;
    std::vector<Vertex> other;
    for (const bool closed : {true, false}) {
        std::vector<std::pair<std::uint64_t, Vertex>> keyed;
        for (Vertex v = 0; v < n; ++v) {
            if (folding.folded[v] == 0 && folding.leaves[v] == 0 && folding.twins[v] == 0 &&
                adjacency.degree(v) > 0) {
                neighbourhood(v, closed, list);
                keyed.emplace_back(hash_of(list), v);
            }
        }
        std::sort(keyed.begin(), keyed.end());
        for (std::size_t i = 0; i < keyed.size();) {
            std::size_t j = i + 1;
            while (j < keyed.size() && keyed[j].first == keyed[i].first) {
                ++j;
            }
            // Within one hash, each actor joins the first earlier one whose neighbourhood it
            // equals (a different neighbourhood with the same hash starts its own class).
            for (std::size_t a = i; a < j; ++a) {
                const Vertex first = keyed[a].second;
                if (folding.folded[first] != 0) {
                    continue;
                }
                neighbourhood(first, closed, list);
                for (std::size_t b = a + 1; b < j; ++b) {
                    const Vertex twin = keyed[b].second;
                    if (folding.folded[twin] == 0 &&
                        adjacency.degree(twin) == adjacency.degree(first)) {
                        neighbourhood(twin, closed, other);
                        if (other == list) {
                            folding.folded[twin] = 1;
                            ++folding.twins[first];
                        }
                    }
                }
            }
            i = j;
        }
    }
    return folding;
}

/// Buffers for the unweighted kernel: BFS levels instead of float distances, and the shortest-path
/// DAG recorded in discovery order so that the backward pass reads it sequentially. Sized once.
struct LevelWorkspace {
    struct DagEdge {
        Vertex from;
        Vertex to;
    };
    std::vector<std::int32_t> level;
    /// On undirected maps without distances: the level as a byte that cycles through 1…127 (0: not
    /// reached). A neighbour of a vertex at level L is at L − 1, L or L + 1, which the cycle tells
    /// apart; a byte per vertex keeps the array in the first-level cache on maps of tens of
    /// thousands of actors, where the level of every neighbour is read for every arc.
    std::vector<std::uint8_t> code;
    std::vector<double> paths;
    std::vector<double> dependency;
    std::vector<double> coefficient; ///< (1 + δ[w]) / σ[w], final once w's own arcs are done
    std::vector<Vertex> queue;
    std::vector<DagEdge> dag;
    /// Position in the out-adjacency of each DAG arc, kept only when the ties' scores are asked:
    /// the DAG is written and read once per source, and a third of its bytes were these.
    std::vector<std::uint32_t> slots;

    LevelWorkspace(std::size_t n, std::size_t arcs, bool with_slots)
        : level(n, -1), code(n, 0), paths(n, 0.0), dependency(n, 0.0), coefficient(n, 0.0),
          queue(n + 1), dag(arcs + 1), slots(with_slots ? arcs + 1 : 0) {}
};

/// How many vertices ahead the searches fetch adjacency data: far enough for the fetch to land
/// before the vertex is expanded, near enough for the vertex to be already queued.
constexpr std::size_t prefetch_distance = 8;

/// Brandes from one source when every tie has the same length. The forward BFS records each arc
/// v → w with level(w) = level(v) + 1, and the path counts are summed along those arcs in the
/// order they were recorded (every vertex's count is complete before its own arcs); walking them
/// in reverse
/// discovery order visits every w only after all of w's own successors, so its dependency is
/// complete when it is passed back to v. Raw pointers keep the hot loops free of reloads.
template <bool WithSlots, bool Compact>
void brandes_bfs_source(const AnalysisGraph& graph, double length, Vertex source,
                        LevelWorkspace& ws, double* vertex_part, double* edge_part,
                        DistanceParts* distances, SourceFold fold) {
    std::int32_t* const level = ws.level.data();
    std::uint8_t* const code = ws.code.data();
    double* const paths = ws.paths.data();
    double* const dependency = ws.dependency.data();
    double* const coefficient = ws.coefficient.data();
    Vertex* const queue = ws.queue.data();
    LevelWorkspace::DagEdge* const dag = ws.dag.data();
    std::uint32_t* const slots = ws.slots.data();
    const std::size_t* const offsets = graph.out.offsets.data();
    const Vertex* const neighbours = graph.out.neighbours.data();

    std::size_t tail = 0;
    std::size_t arcs = 0;
    if constexpr (Compact) {
        code[source] = 1;
    } else {
        level[source] = 0;
    }
    paths[source] = 1.0;
    queue[tail++] = source;
    for (std::size_t head = 0; head < tail; ++head) {
        // As in the whole-unit kernel: fetch the adjacency of the vertices a few places ahead.
        if (head + 2 * prefetch_distance < tail) {
            __builtin_prefetch(&offsets[queue[head + 2 * prefetch_distance]]);
        }
        if (head + prefetch_distance < tail) {
            __builtin_prefetch(&neighbours[offsets[queue[head + prefetch_distance]]]);
        }
        const Vertex v = queue[head];
        const std::int32_t next = Compact ? (code[v] == 127 ? 1 : code[v] + 1) : level[v] + 1;
        const std::size_t end = offsets[v + 1];
        // Branch-free: whether w is new, or one level further, only decides which counter moves
        // (the queue's and the DAG's slots are written either way), so a tie's outcome is data
        // rather than a branch to mispredict.
        for (std::size_t k = offsets[v]; k < end; ++k) {
            const Vertex w = neighbours[k];
            bool fresh = false;
            bool below = false;
            if constexpr (Compact) {
                const std::uint8_t seen = code[w];
                fresh = seen == 0;
                below = fresh || seen == next;
                code[w] = fresh ? static_cast<std::uint8_t>(next) : seen;
            } else {
                const std::int32_t seen = level[w];
                fresh = seen < 0;
                below = fresh || seen == next;
                level[w] = fresh ? next : seen;
            }
            queue[tail] = w;
            tail += static_cast<std::size_t>(fresh);
            if constexpr (WithSlots) {
                slots[arcs] = static_cast<std::uint32_t>(k);
            }
            dag[arcs] = {v, w};
            arcs += static_cast<std::size_t>(below);
        }
    }
    // Path counts along the DAG in discovery order: a vertex's count is complete before its own
    // arcs, recorded when it was expanded, come.
    for (std::size_t i = 0; i < arcs; ++i) {
        paths[dag[i].to] += paths[dag[i].from];
    }
    // The arcs out of one vertex are contiguous (recorded while it was expanded), so a vertex's
    // coefficient can be fixed when the reverse walk leaves its arcs: one division per vertex.
    for (std::size_t i = 0; i < tail; ++i) {
        coefficient[queue[i]] = 1.0 / paths[queue[i]];
    }
    // The arcs out of one vertex form one run: its dependency is summed in a register.
    Vertex current = source;
    double through = paths[source];
    double sum = 0.0;
    for (std::size_t i = arcs; i-- > 0;) {
        const LevelWorkspace::DagEdge arc = dag[i];
        if (arc.from != current) {
            dependency[current] = sum;
            coefficient[current] = (1.0 + sum) / through;
            current = arc.from;
            through = paths[current];
            sum = 0.0;
        }
        const double share = through * coefficient[arc.to];
        sum += share;
        if constexpr (WithSlots) {
            edge_part[slots[i]] += share;
        }
    }
    dependency[current] = sum;
    if (vertex_part != nullptr && fold.leaves > 0.0) {
        vertex_part[source] += fold.own_share(tail);
    }
    for (std::size_t i = 0; i < tail; ++i) {
        const Vertex v = queue[i];
        if (vertex_part != nullptr && v != source) {
            vertex_part[v] += fold.multiplicity * dependency[v];
        }
        if (distances != nullptr && v != source) {
            distances->add(v, static_cast<double>(level[v]) * length);
        }
        if constexpr (Compact) {
            code[v] = 0;
        } else {
            level[v] = -1;
        }
        paths[v] = 0.0;
        dependency[v] = 0.0;
    }
}

/// Brandes from one source with tie lengths: Dijkstra forward, lengths compared with tolerance.
void brandes_dijkstra_source(const AnalysisGraph& graph, Vertex source, PathWorkspace& ws,
                             double* vertex_part, double* edge_part, DistanceParts* distances,
                             SourceFold fold = {}) {
    shortest_paths(graph.out, std::nullopt, source, ws);
    if (vertex_part != nullptr && fold.leaves > 0.0) {
        vertex_part[source] += fold.own_share(ws.order.size());
    }
    for (auto it = ws.order.rbegin(); it != ws.order.rend(); ++it) {
        const Vertex w = *it;
        const auto predecessors = graph.in.neighbours_of(w);
        const auto lengths = graph.in.lengths_of(w);
        const double factor = (1.0 + ws.dependency[w]) / ws.paths[w];
        for (std::size_t k = 0; k < predecessors.size(); ++k) {
            const Vertex v = predecessors[k];
            if (ws.distance[v] == infinity || ws.distance[v] >= ws.distance[w]) {
                continue;
            }
            if (!same_length(ws.distance[v] + lengths[k], ws.distance[w])) {
                continue;
            }
            const double share = ws.paths[v] * factor;
            ws.dependency[v] += share;
            if (edge_part != nullptr) {
                edge_part[graph.in.offsets[w] + k] += share;
            }
        }
        if (vertex_part != nullptr && w != source) {
            vertex_part[w] += fold.multiplicity * ws.dependency[w];
        }
        if (distances != nullptr && w != source) {
            distances->add(w, ws.distance[w]);
        }
    }
}

/// Bands of path lengths for the whole-unit kernel: band b holds the actors whose distance d has
/// d >> shift == b, with 2^shift at most the shortest tie. A tie from band b lands in a later
/// band, so an actor's distance is final when its band comes up, and the actors of one band can be
/// settled in any order (Dinitz's refinement of Dial's buckets): a list per band, no ordering
/// inside it. Only the bands within reach of the current one are kept, on a ring, which a search
/// steps through band by band: when more than 256 bands lie between the shortest tie and the
/// longest, runs of empty bands would cost more than they save, and the radix heap is used.
struct LengthBands {
    unsigned shift = 0;
    std::size_t mask = 0;
    std::vector<std::vector<Vertex>> ring;

    /// Whether the ring of bands for these lengths stays small (else the radix heap is used).
    static bool fits(const IntegerLengths& lengths) {
        return lengths.shortest > 0 && (lengths.longest >> band_shift(lengths)) < max_span;
    }
    explicit LengthBands(const IntegerLengths& lengths)
        : shift(band_shift(lengths)),
          mask(std::bit_ceil(std::size_t{lengths.longest >> shift} + 2) - 1), ring(mask + 1) {}

private:
    static constexpr std::uint32_t max_span = 256;
    static unsigned band_shift(const IntegerLengths& lengths) {
        return static_cast<unsigned>(std::bit_width(lengths.shortest)) - 1;
    }
};

/// Buffers for the kernel on whole-unit lengths (integer_lengths.hpp), sized once per thread.
struct UnitWorkspace {
    /// An arc v → w that was as short as w's best path when v was settled; the arcs still equal to
    /// w's final distance are kept (count_paths_on_shortest_arcs) for the backward pass.
    /// Laid out as two 8-byte halves that the band search writes whole: the arc read with the
    /// distance it reaches (`to`, `length`), and where it comes from (`from`, `slot`).
    struct DagArc {
        Vertex to;
        Units length;
        Vertex from;
        std::uint32_t slot; ///< position of the arc in the search's ShortestArcs
    };
    struct ArcFrom {
        Vertex from;
        std::uint32_t slot;
    };
    static_assert(sizeof(UnitArc) == 8 && sizeof(ArcFrom) == 8 && sizeof(DagArc) == 16 &&
                  offsetof(DagArc, from) == sizeof(UnitArc));
    std::vector<Units> distance;
    std::vector<double> paths;
    /// Σ (1 + δ(w)) / σ(w) over the children w of each vertex in the DAG, summed by the
    /// backward pass (brandes_unit_source); zero between sources.
    std::vector<double> below;
    std::vector<Vertex> order; ///< the first `settled`: vertices in the order they were settled
    std::vector<DagArc> dag;   ///< the first `dag_size`: candidate DAG arcs (one slot to spare)
    /// Vertices that moved to an earlier band while the current band is read, each with the
    /// distance that moved it (unit_bands); at most one entry per arc read.
    std::vector<UnitArc> moved;
    std::size_t settled = 0;
    std::size_t dag_size = 0;
    std::optional<LengthBands> bands; ///< when the ring of bands is small (LengthBands::fits)
    RadixHeap heap;                   ///< otherwise

    UnitWorkspace(const ShortestArcs& adjacency, const IntegerLengths& lengths)
        : distance(adjacency.vertex_count(), detail::unreached_units), paths(distance.size(), 0.0),
          below(distance.size(), 0.0), order(distance.size()), dag(adjacency.arcs.size() + 1) {
        if (LengthBands::fits(lengths)) {
            bands.emplace(lengths);
            moved.resize(adjacency.arcs.size() + 1);
        }
    }
    [[nodiscard]] std::span<const Vertex> settled_order() const { return {order.data(), settled}; }
};

/// Shortest paths from `source` on whole-unit lengths, band by band (LengthBands). With
/// `Counting`, also the candidate DAG arcs (as short as their head's best path when their tail was
/// settled), recorded while each vertex is expanded so that the arcs out of one vertex are
/// contiguous; every arc of the DAG leads to a later band, so the settled order is a topological
/// order of the DAG. count_paths_on_shortest_arcs() then keeps the arcs that stayed shortest.
/// The adjacency has one arc per neighbour (graph::build merges parallel ties): two arcs v → w
/// would list w twice in one band and settle it twice. integer_lengths() leaves a tie's length
/// between the longest path and the unreached mark, so no path shares the unreached mark's band.
template <bool Counting>
void unit_bands(const ShortestArcs& adjacency, Vertex source, UnitWorkspace& ws) {
    Units* const distance = ws.distance.data();
    const std::size_t* const offsets = adjacency.offsets.data();
    const UnitArc* const arcs = adjacency.arcs.data();
    LengthBands& bands = *ws.bands;
    const unsigned shift = bands.shift;
    const std::size_t mask = bands.mask;
    Vertex* const order = ws.order.data();
    std::size_t settled = 0;
    UnitWorkspace::DagArc* const dag = ws.dag.data();
    std::size_t dag_size = 0;
    UnitArc* const moved = ws.moved.data();
    // An arc and the distance it reaches, {to, d + units}, are one 8-byte add on the arc as read
    // (its length field plus d): the records below are written whole from registers.
    const auto as_word = [](auto record) {
        return std::bit_cast<std::uint64_t>(record);
    };
    const std::uint64_t next_slot = as_word(UnitWorkspace::ArcFrom{0, 1});
    const Units band_start = ~((Units{1} << shift) - 1); ///< clears a distance's place in its band
    distance[source] = 0;
    bands.ring[0].push_back(source);
    std::size_t pending = 1;
    for (Units band = 0; pending != 0; ++band) {
        std::vector<Vertex>& current = bands.ring[band & mask];
        const Vertex* const listed = current.data();
        const std::size_t count = current.size();
        // Nothing is added to the current band while it is read: every tie leads to a later one.
        // The vertices that move to an earlier band are noted for the whole band, and listed in
        // their bands after it, in the order they moved: one loop per band, not one per vertex
        // (whose length the processor would often guess wrong), and a vertex that moves twice
        // while the band is read is listed once, where its last move put it.
        std::size_t moves = 0;
        for (std::size_t i = 0; i < count; ++i) {
            // The band's list is known ahead: fetch the offsets, then the arcs and distance, of
            // the vertices a few places ahead, so that their misses overlap with this one's work.
            if (i + 2 * prefetch_distance < count) {
                __builtin_prefetch(&offsets[listed[i + 2 * prefetch_distance]]);
            }
            if (i + prefetch_distance < count) {
                const Vertex ahead = listed[i + prefetch_distance];
                __builtin_prefetch(&arcs[offsets[ahead]]);
                __builtin_prefetch(&distance[ahead]);
            }
            const Vertex v = listed[i];
            const Units d = distance[v];
            if ((d >> shift) != band) {
                continue; // moved to an earlier band since it was listed here
            }
            order[settled++] = v;
            const std::size_t begin = offsets[v];
            const std::size_t end = offsets[v + 1];
            const std::uint64_t plus_d = as_word(UnitArc{0, d});
            [[maybe_unused]] std::uint64_t from = // read only when Counting
                as_word(UnitWorkspace::ArcFrom{v, static_cast<std::uint32_t>(begin)});
            // Branch-free relaxation: whether a tie shortens a path is data, not control flow,
            // so the loads of many arcs overlap instead of waiting on mispredicted branches.
            for (std::size_t k = begin; k < end; ++k) {
                const std::uint64_t reached_word = as_word(arcs[k]) + plus_d;
                const UnitArc reached = std::bit_cast<UnitArc>(reached_word);
                const Units candidate = reached.units;
                const Units before = distance[reached.to];
                distance[reached.to] = candidate < before ? candidate : before;
                std::memcpy(&moved[moves], &reached_word, sizeof reached_word);
                // (candidate >> shift) < (before >> shift), with an AND in place of a shift.
                moves += static_cast<std::size_t>(candidate < (before & band_start));
                if constexpr (Counting) {
                    auto* const record = reinterpret_cast<unsigned char*>(&dag[dag_size]);
                    std::memcpy(record, &reached_word, sizeof reached_word);
                    std::memcpy(record + sizeof reached_word, &from, sizeof from);
                    dag_size += static_cast<std::size_t>(candidate <= before);
                }
                from += next_slot;
            }
        }
        pending -= current.size();
        current.clear();
        for (std::size_t j = 0; j < moves; ++j) {
            const UnitArc move = moved[j];
            const Units moved_band = move.units >> shift;
            if (moved_band == distance[move.to] >> shift) {
                bands.ring[moved_band & mask].push_back(move.to);
                ++pending;
            }
        }
    }
    ws.settled = settled;
    ws.dag_size = dag_size;
}

/// Dijkstra from `source` on whole-unit lengths with a radix heap, for lengths too spread for
/// LengthBands; records the same as unit_bands. Every length is at least one unit, so a DAG arc
/// always leads to a vertex settled later.
template <bool Counting, typename Queue>
void unit_dijkstra(const ShortestArcs& adjacency, Vertex source, UnitWorkspace& ws, Queue& queue) {
    Units* const distance = ws.distance.data();
    const std::size_t* const offsets = adjacency.offsets.data();
    const UnitArc* const arcs = adjacency.arcs.data();
    std::size_t settled = 0;
    std::size_t dag_size = 0;
    queue.clear();
    distance[source] = 0;
    queue.push(0, source);
    while (!queue.empty()) {
        const auto [key, v] = queue.pop();
        const auto d = static_cast<Units>(key);
        if (d != distance[v]) {
            continue; // a longer entry left behind when v's distance went down
        }
        ws.order[settled++] = v;
        const std::size_t end = offsets[v + 1];
        for (std::size_t k = offsets[v]; k < end; ++k) {
            const UnitArc arc = arcs[k];
            const Units candidate = d + arc.units;
            if (candidate < distance[arc.to]) {
                distance[arc.to] = candidate;
                queue.push(candidate, arc.to);
            } else if (!Counting || candidate != distance[arc.to]) {
                continue;
            }
            if constexpr (Counting) {
                ws.dag[dag_size++] = {arc.to, candidate, v, static_cast<std::uint32_t>(k)};
            }
        }
    }
    ws.settled = settled;
    ws.dag_size = dag_size;
}

/// Path counts along the recorded arcs that are still shortest, in recorded order (a vertex's
/// count is complete before its own arcs come, as they were recorded when it was settled); those
/// arcs are kept, in place and in the same order, and the others dropped.
void count_paths_on_shortest_arcs(UnitWorkspace& ws, Vertex source) {
    const Units* const distance = ws.distance.data();
    double* const paths = ws.paths.data();
    UnitWorkspace::DagArc* const dag = ws.dag.data();
    paths[source] = 1.0;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < ws.dag_size; ++i) {
        const UnitWorkspace::DagArc arc = dag[i];
        const bool shortest = arc.length == distance[arc.to];
        // Adds σ(from) or +0.0, selected on the bits: no branch to mispredict.
        const std::uint64_t keep = std::uint64_t{0} - static_cast<std::uint64_t>(shortest);
        paths[arc.to] +=
            std::bit_cast<double>(std::bit_cast<std::uint64_t>(paths[arc.from]) & keep);
        dag[kept] = arc;
        kept += static_cast<std::size_t>(shortest);
    }
    ws.dag_size = kept;
}

/// Brandes from one source on whole-unit lengths: exact ties, and a backward pass that reads the
/// shortest arcs sequentially (as the BFS kernel does).
void brandes_unit_source(const ShortestArcs& adjacency, const IntegerLengths& lengths,
                         Vertex source, UnitWorkspace& ws, double* vertex_part, double* edge_part,
                         DistanceParts* distances, SourceFold fold = {}) {
    if (ws.bands) {
        unit_bands<true>(adjacency, source, ws);
    } else {
        unit_dijkstra<true>(adjacency, source, ws, ws.heap);
    }
    count_paths_on_shortest_arcs(ws, source);
    if (vertex_part != nullptr && fold.leaves > 0.0) {
        vertex_part[source] += fold.own_share(ws.settled);
    }
    Units* const distance = ws.distance.data();
    double* const paths = ws.paths.data();
    double* const below = ws.below.data();
    const UnitWorkspace::DagArc* const dag = ws.dag.data();
    // Backward, one shortest arc v → w at a time, in reverse of the order they were kept: w's own
    // arcs were recorded after v's (w was settled later), so w's sum is complete when v's arc
    // comes. With c(w) = (1 + δ(w)) / σ(w) = 1 / σ(w) + Σ c(children of w), every vertex needs
    // only the sum of its children's c: one flat loop over the arcs, none per vertex (whose
    // number of arcs the processor would often guess wrong).
    for (std::size_t i = ws.dag_size; i-- > 0;) {
        const UnitWorkspace::DagArc arc = dag[i];
        const double coefficient = 1.0 / paths[arc.to] + below[arc.to];
        below[arc.from] += coefficient;
        if (edge_part != nullptr) {
            edge_part[arc.slot] += paths[arc.from] * coefficient;
        }
    }
    // δ(v) = σ(v) Σ c(children of v); the entries are reset for the next source in the same pass.
    for (const Vertex v : ws.settled_order()) {
        if (v != source) {
            if (vertex_part != nullptr) {
                vertex_part[v] += fold.multiplicity * (paths[v] * below[v]);
            }
            if (distances != nullptr) {
                distances->add(v, static_cast<double>(distance[v]) / lengths.scale);
            }
        }
        distance[v] = detail::unreached_units;
        paths[v] = 0.0;
        below[v] = 0.0;
    }
}

/// Brandes' accumulation for all sources, adding vertex and (optionally) edge dependencies, and,
/// when `distance_sums` is given, the closeness and harmonic sums from the same passes (the
/// distances from every source s to v are the distances *to* v that closeness needs).
void brandes(const AnalysisGraph& graph, unsigned threads, const RunControl& control,
             std::vector<double>* vertex_scores, std::vector<double>* edge_scores,
             DistanceSums* distance_sums = nullptr) {
    const std::size_t n = graph.vertex_count;
    const std::size_t m = graph.edges.size();
    const auto uniform = uniform_length(graph.out);
    const auto units =
        uniform ? std::nullopt : detail::integer_lengths(graph.out, graph.vertex_count);
    const std::optional<ShortestArcs> shortest_arcs =
        units ? std::optional{detail::arcs_on_shortest_paths(graph.out, *units, graph.in,
                                                             resolve_threads(threads), control)}
              : std::nullopt;
    const std::size_t blocks = std::min<std::size_t>(n, 64);
    // Sources that stand for others (SourceFold) when only actor scores are asked: the ties'
    // scores and the distance sums would need their own corrections.
    const SourceFolding folding = (!graph.directed && vertex_scores != nullptr &&
                                   edge_scores == nullptr && distance_sums == nullptr)
                                      ? fold_sources(graph.out, uniform.has_value())
                                      : SourceFolding{};
    const auto fold_of = [&folding](std::size_t s) {
        SourceFold fold;
        if (!folding.empty()) {
            fold.leaves = folding.leaves[s];
            fold.multiplicity = 1.0 + folding.leaves[s] + folding.twins[s];
        }
        return fold;
    };
    const auto skipped = [&folding](std::size_t s) {
        return !folding.empty() && folding.folded[s] != 0;
    };
    // Edge dependencies are summed per adjacency slot (a sequential write), then moved to their
    // edges: slots of the out-adjacency for the BFS kernel, of the arcs kept for the whole-unit
    // one (whose ShortestArcs::slots lead to the out-adjacency), of the in-adjacency for the
    // floating-point one.
    const Adjacency& slot_owner = (uniform || units) ? graph.out : graph.in;
    const std::size_t slots =
        shortest_arcs ? shortest_arcs->arcs.size() : slot_owner.neighbours.size();
    const std::size_t sum_size = distance_sums != nullptr ? n : 0;
    OrderedSum vertex_sum(vertex_scores != nullptr ? n : 0, blocks);
    OrderedSum edge_sum(edge_scores != nullptr ? slots : 0, blocks);
    OrderedSum distance_sum(3 * sum_size, blocks);
    WorkspacePool<LevelWorkspace> level_pool;
    WorkspacePool<UnitWorkspace> unit_pool;
    WorkspacePool<PathWorkspace> path_pool;
    for_each_block(
        n, blocks, resolve_threads(threads), control,
        [&](std::size_t begin, std::size_t end, std::size_t block) {
            std::vector<double> vertex_part = vertex_sum.part();
            std::vector<double> edge_part = edge_sum.part();
            std::optional<DistanceParts> distance_part;
            if (distance_sums != nullptr) {
                distance_part.emplace(distance_sum.part());
            }
            double* vp = vertex_part.empty() ? nullptr : vertex_part.data();
            double* ep = edge_part.empty() ? nullptr : edge_part.data();
            DistanceParts* dp = distance_part ? &*distance_part : nullptr;
            if (uniform) {
                auto workspace = level_pool.acquire([&] {
                    return std::make_unique<LevelWorkspace>(n, graph.out.neighbours.size(),
                                                            ep != nullptr);
                });
                LevelWorkspace& ws = *workspace;
                for (std::size_t s = begin; s < end; ++s) {
                    control.check();
                    if (skipped(s)) {
                        continue;
                    }
                    if (ep != nullptr) {
                        brandes_bfs_source<true, false>(graph, *uniform, static_cast<Vertex>(s), ws,
                                                        vp, ep, dp, fold_of(s));
                    } else if (!graph.directed && dp == nullptr) {
                        brandes_bfs_source<false, true>(graph, *uniform, static_cast<Vertex>(s), ws,
                                                        vp, nullptr, nullptr, fold_of(s));
                    } else {
                        brandes_bfs_source<false, false>(graph, *uniform, static_cast<Vertex>(s),
                                                         ws, vp, nullptr, dp, fold_of(s));
                    }
                }
                level_pool.release(std::move(workspace));
            } else if (units) {
                auto workspace = unit_pool.acquire(
                    [&] { return std::make_unique<UnitWorkspace>(*shortest_arcs, *units); });
                UnitWorkspace& ws = *workspace;
                for (std::size_t s = begin; s < end; ++s) {
                    control.check();
                    if (!skipped(s)) {
                        brandes_unit_source(*shortest_arcs, *units, static_cast<Vertex>(s), ws, vp,
                                            ep, dp, fold_of(s));
                    }
                }
                unit_pool.release(std::move(workspace));
            } else {
                auto workspace =
                    path_pool.acquire([&] { return std::make_unique<PathWorkspace>(n); });
                PathWorkspace& ws = *workspace;
                for (std::size_t s = begin; s < end; ++s) {
                    control.check();
                    if (!skipped(s)) {
                        brandes_dijkstra_source(graph, static_cast<Vertex>(s), ws, vp, ep, dp,
                                                fold_of(s));
                    }
                }
                path_pool.release(std::move(workspace));
            }
            if (vertex_scores != nullptr) {
                vertex_sum.add(block, std::move(vertex_part));
            }
            if (edge_scores != nullptr) {
                edge_sum.add(block, std::move(edge_part));
            }
            if (distance_part) {
                distance_sum.add(block, std::move(distance_part->sums));
            }
        },
        "betweenness");
    if (vertex_scores != nullptr) {
        *vertex_scores = vertex_sum.take();
        if (n > 2) {
            const double scale = 1.0 / (static_cast<double>(n - 1) * static_cast<double>(n - 2));
            for (double& value : *vertex_scores) {
                value *= scale;
            }
        }
    }
    if (edge_scores != nullptr) {
        const auto by_slot = edge_sum.take();
        edge_scores->assign(m, 0.0);
        for (std::size_t k = 0; k < slots; ++k) {
            const std::size_t slot = shortest_arcs ? shortest_arcs->slots[k] : k;
            (*edge_scores)[slot_owner.edges[slot]] += by_slot[k];
        }
        if (n > 1) {
            const double pairs = static_cast<double>(n) * static_cast<double>(n - 1);
            for (double& value : *edge_scores) {
                value /= pairs;
            }
        }
    }
    if (distance_sums != nullptr) {
        const std::vector<double> sums = distance_sum.take();
        distance_sums->reached.resize(n);
        distance_sums->total.resize(n);
        distance_sums->inverse.resize(n);
        for (std::size_t v = 0; v < n; ++v) {
            // The actor itself counts as reached, as in the per-actor search.
            distance_sums->reached[v] = sums[3 * v] + 1.0;
            distance_sums->total[v] = sums[3 * v + 1];
            distance_sums->inverse[v] = sums[3 * v + 2];
        }
    }
}

/// Distances *to* each actor are shortest paths along reversed arcs (the in-adjacency), as
/// NetworkX does for closeness and harmonic on directed graphs. BFS over levels when every tie has
/// the same length, Dijkstra otherwise.
/// Buffers for 64 simultaneous BFS (one bit per source), after Then et al., "The More the
/// Merrier: Efficient Multi-Source Graph Traversal" (2014): one pass over the arcs serves all 64.
struct BatchWorkspace {
    std::vector<std::uint64_t> seen;
    std::vector<std::uint64_t> frontier;
    std::vector<std::uint64_t> next;
    std::vector<Vertex> active;
    std::vector<Vertex> touched;
    std::vector<std::array<std::uint32_t, 64>> per_level; ///< [depth][source bit]
    explicit BatchWorkspace(std::size_t n) : seen(n, 0), frontier(n, 0), next(n, 0) {}
};

/// BFS from up to 64 sources at once along `adjacency`: afterwards ws.per_level[d][i] is the number
/// of actors at distance d (in steps) from sources[i].
void batch_levels(const Adjacency& adjacency, const Vertex* sources, std::size_t count,
                  BatchWorkspace& ws) {
    auto& seen = ws.seen;
    auto& frontier = ws.frontier;
    auto& next = ws.next;
    auto& active = ws.active;
    auto& touched = ws.touched;
    auto& per_level = ws.per_level;
    std::fill(seen.begin(), seen.end(), 0);
    active.clear();
    per_level.assign(1, {});
    for (std::size_t i = 0; i < count; ++i) {
        const Vertex v = sources[i];
        if (frontier[v] == 0) {
            active.push_back(v);
        }
        seen[v] |= std::uint64_t{1} << i;
        frontier[v] |= std::uint64_t{1} << i;
        per_level[0][i] = 1;
    }
    const std::size_t* const offsets = adjacency.offsets.data();
    const Vertex* const neighbours = adjacency.neighbours.data();
    while (!active.empty()) {
        touched.clear();
        for (Vertex v : active) {
            const std::uint64_t bits = frontier[v];
            for (std::size_t k = offsets[v], end = offsets[v + 1]; k < end; ++k) {
                const Vertex w = neighbours[k];
                if (next[w] == 0) {
                    touched.push_back(w);
                }
                next[w] |= bits;
            }
        }
        for (Vertex v : active) {
            frontier[v] = 0;
        }
        active.clear();
        auto& counts = per_level.emplace_back();
        counts.fill(0);
        for (Vertex w : touched) {
            const std::uint64_t fresh = next[w] & ~seen[w];
            next[w] = 0;
            if (fresh == 0) {
                continue;
            }
            seen[w] |= fresh;
            frontier[w] = fresh;
            active.push_back(w);
            for (std::uint64_t bits = fresh; bits != 0; bits &= bits - 1) {
                ++counts[static_cast<std::size_t>(std::countr_zero(bits))];
            }
        }
    }
}

/// Distance sums for the sources first .. first + count − 1 (count ≤ 64) on unit-length ties,
/// formed level by level: one multiplication and one division per level.
void batch_distance_sums(const Adjacency& adjacency, double length, std::size_t first,
                         std::size_t count, BatchWorkspace& ws, DistanceSums& sums) {
    std::array<Vertex, 64> sources{};
    for (std::size_t i = 0; i < count; ++i) {
        sources[i] = static_cast<Vertex>(first + i);
    }
    batch_levels(adjacency, sources.data(), count, ws);
    const auto& per_level = ws.per_level;
    for (std::size_t i = 0; i < count; ++i) {
        double total = 0.0;
        double inverse = 0.0;
        std::size_t reached = 1;
        for (std::size_t depth = 1; depth < per_level.size(); ++depth) {
            if (per_level[depth][i] == 0) {
                continue;
            }
            const double distance = static_cast<double>(depth) * length;
            const auto found = static_cast<double>(per_level[depth][i]);
            total += found * distance;
            inverse += found / distance;
            reached += per_level[depth][i];
        }
        sums.reached[first + i] = static_cast<double>(reached);
        sums.total[first + i] = total;
        sums.inverse[first + i] = inverse;
    }
}

DistanceSums distance_sums(const AnalysisGraph& graph, unsigned threads,
                           const RunControl& control) {
    const std::size_t n = graph.vertex_count;
    DistanceSums sums{std::vector<double>(n, 0.0), std::vector<double>(n, 0.0),
                      std::vector<double>(n, 0.0)};
    const Adjacency& adjacency = graph.in;
    const auto uniform = uniform_length(adjacency);
    if (uniform) {
        // Blocks of exactly 64 sources, one bit each.
        const std::size_t batches = (n + 63) / 64;
        for_each_block(
            batches, batches, resolve_threads(threads), control,
            [&](std::size_t batch, std::size_t, std::size_t) {
                BatchWorkspace ws(n); // 3n words: small beside the batch's BFS
                const std::size_t first = batch * 64;
                batch_distance_sums(adjacency, *uniform, first,
                                    std::min<std::size_t>(64, n - first), ws, sums);
            },
            "closeness");
        return sums;
    }
    if (const auto units = detail::integer_lengths(adjacency, n)) {
        const ShortestArcs arcs = detail::arcs_on_shortest_paths(adjacency, *units, graph.out,
                                                                 resolve_threads(threads), control);
        for_each_block(
            n, std::min<std::size_t>(n, 64), resolve_threads(threads), control,
            [&](std::size_t begin, std::size_t end, std::size_t) {
                UnitWorkspace ws(arcs, *units);
                for (std::size_t u = begin; u < end; ++u) {
                    control.check();
                    if (ws.bands) {
                        unit_bands<false>(arcs, static_cast<Vertex>(u), ws);
                    } else {
                        unit_dijkstra<false>(arcs, static_cast<Vertex>(u), ws, ws.heap);
                    }
                    double total = 0.0;
                    double inverse = 0.0;
                    for (Vertex v : ws.settled_order()) {
                        if (ws.distance[v] > 0) {
                            const double distance =
                                static_cast<double>(ws.distance[v]) / units->scale;
                            total += distance;
                            inverse += 1.0 / distance;
                        }
                        ws.distance[v] = detail::unreached_units;
                    }
                    sums.reached[u] = static_cast<double>(ws.settled);
                    sums.total[u] = total;
                    sums.inverse[u] = inverse;
                }
            },
            "closeness");
        return sums;
    }
    for_each_block(
        n, std::min<std::size_t>(n, 64), resolve_threads(threads), control,
        [&](std::size_t begin, std::size_t end, std::size_t) {
            PathWorkspace ws(n);
            for (std::size_t u = begin; u < end; ++u) {
                control.check();
                shortest_paths(adjacency, std::nullopt, static_cast<Vertex>(u), ws);
                double total = 0.0;
                double inverse = 0.0;
                for (Vertex v : ws.order) {
                    total += ws.distance[v];
                    if (ws.distance[v] > 0.0) {
                        inverse += 1.0 / ws.distance[v];
                    }
                }
                sums.reached[u] = static_cast<double>(ws.order.size());
                sums.total[u] = total;
                sums.inverse[u] = inverse;
            }
        },
        "closeness");
    return sums;
}

/// Wasserman–Faust closeness from the distance sums.
std::vector<double> closeness_from(const DistanceSums& sums, std::size_t count) {
    const double n = static_cast<double>(count);
    std::vector<double> result(count, 0.0);
    for (std::size_t u = 0; u < count; ++u) {
        const double reached = sums.reached[u];
        if (sums.total[u] > 0.0 && n > 1.0) {
            result[u] = (reached - 1.0) / sums.total[u] * ((reached - 1.0) / (n - 1.0));
        }
    }
    return result;
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

StepSums step_sums(const Adjacency& adjacency, const std::vector<Vertex>& sources, unsigned threads,
                   const RunControl& control) {
    StepSums sums;
    sums.reached.assign(sources.size(), 0);
    sums.steps.assign(sources.size(), 0);
    sums.eccentricity.assign(sources.size(), 0);
    const std::size_t n = adjacency.offsets.empty() ? 0 : adjacency.offsets.size() - 1;
    const std::size_t batches = (sources.size() + 63) / 64;
    for_each_block(
        batches, batches, resolve_threads(threads), control,
        [&](std::size_t batch, std::size_t, std::size_t) {
            BatchWorkspace ws(n);
            const std::size_t first = batch * 64;
            const std::size_t count = std::min<std::size_t>(64, sources.size() - first);
            batch_levels(adjacency, sources.data() + first, count, ws);
            for (std::size_t i = 0; i < count; ++i) {
                for (std::size_t depth = 0; depth < ws.per_level.size(); ++depth) {
                    const std::uint32_t found = ws.per_level[depth][i];
                    if (found > 0) {
                        sums.reached[first + i] += found;
                        sums.steps[first + i] += depth * found;
                        sums.eccentricity[first + i] = depth;
                    }
                }
            }
        },
        "shortest paths");
    return sums;
}

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

std::vector<double> betweenness(const AnalysisGraph& graph, unsigned threads,
                                const RunControl& control) {
    std::vector<double> scores;
    brandes(graph, threads, control, &scores, nullptr);
    return scores;
}

std::vector<double> edge_betweenness(const AnalysisGraph& graph, unsigned threads,
                                     const RunControl& control) {
    std::vector<double> scores;
    brandes(graph, threads, control, nullptr, &scores);
    return scores;
}

BetweennessScores betweenness_scores(const AnalysisGraph& graph, unsigned threads,
                                     const RunControl& control) {
    BetweennessScores scores;
    brandes(graph, threads, control, &scores.vertices, &scores.edges);
    return scores;
}

std::vector<double> closeness(const AnalysisGraph& graph, unsigned threads,
                              const RunControl& control) {
    return closeness_from(distance_sums(graph, threads, control), graph.vertex_count);
}

std::vector<double> harmonic(const AnalysisGraph& graph, unsigned threads,
                             const RunControl& control) {
    return distance_sums(graph, threads, control).inverse;
}

PowerIteration eigenvector_iteration(const AnalysisGraph& graph, const RunControl& control) {
    const std::size_t n = graph.vertex_count;
    const auto& adjacency = graph.undirected;
    PowerIteration result{std::vector<double>(n, 0.0),
                          {.limit = eigenvector_limit, .tolerance = eigenvector_tolerance}};
    std::vector<double>& x = result.values;
    if (n == 0 || adjacency.neighbours.empty()) {
        return result; // no ties: every actor scores 0
    }
    std::fill(x.begin(), x.end(), 1.0 / std::sqrt(static_cast<double>(n)));
    std::vector<double> next(n);
    Convergence& convergence = result.convergence;
    convergence.converged = false;
    while (!convergence.converged && convergence.iterations < eigenvector_limit) {
        control.check();
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
        ++convergence.iterations;
        convergence.change = change;
        convergence.converged = change < eigenvector_tolerance;
    }
    if (!convergence.converged && control.not_converged) {
        control.not_converged("eigenvector", convergence);
    }
    return result;
}

std::vector<double> eigenvector(const AnalysisGraph& graph, const RunControl& control) {
    return eigenvector_iteration(graph, control).values;
}

PowerIteration pagerank_iteration(const AnalysisGraph& graph, double alpha,
                                  const RunControl& control) {
    const std::size_t n = graph.vertex_count;
    PowerIteration result{std::vector<double>(n, n > 0 ? 1.0 / static_cast<double>(n) : 0.0),
                          {.limit = pagerank_limit, .tolerance = pagerank_tolerance}};
    std::vector<double>& rank = result.values;
    if (n == 0) {
        return result;
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
    Convergence& convergence = result.convergence;
    convergence.converged = false;
    while (!convergence.converged && convergence.iterations < pagerank_limit) {
        control.check();
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
        ++convergence.iterations;
        convergence.change = change;
        convergence.converged = change < pagerank_tolerance;
    }
    if (!convergence.converged && control.not_converged) {
        control.not_converged("pagerank", convergence);
    }
    return result;
}

std::vector<double> pagerank(const AnalysisGraph& graph, double alpha, const RunControl& control) {
    return pagerank_iteration(graph, alpha, control).values;
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

namespace {

/// Burt's measures of one actor's ego network, actors in parallel (each actor's value is its own,
/// so the bits do not depend on the thread count). `ego(v, position)` gets a table that gives,
/// for every actor, 1 + its position among v's neighbours (0: not a neighbour), set while v is
/// computed: the ties among v's neighbours are found by reading their rows once, instead of a
/// binary search for every pair. Rows of U are sorted and list each neighbour once (graph::build
/// merges parallel ties and refuses loops).
template <typename Ego>
std::vector<double> ego_measure(const AnalysisGraph& graph, unsigned threads,
                                const RunControl& control, const Ego& ego) {
    const std::size_t n = graph.vertex_count;
    const auto& adjacency = graph.undirected;
    std::vector<double> result(n, std::numeric_limits<double>::quiet_NaN());
    RunControl quiet; // it may be stopped; it shows no progress (no task name users read)
    quiet.stop = control.stop;
    for_each_block(
        n, std::min<std::size_t>(n, 64), resolve_threads(threads), quiet,
        [&](std::size_t begin, std::size_t end, std::size_t) {
            std::vector<std::uint32_t> position(n, 0);
            for (std::size_t v = begin; v < end; ++v) {
                quiet.check(); // O(Σ degree²) over the neighbours: a hub alone can take seconds
                const auto vertex = static_cast<Vertex>(v);
                const auto neighbours = adjacency.neighbours_of(vertex);
                if (neighbours.empty()) {
                    continue;
                }
                for (std::size_t k = 0; k < neighbours.size(); ++k) {
                    position[neighbours[k]] = static_cast<std::uint32_t>(k + 1);
                }
                result[v] = ego(vertex, position);
                for (const Vertex u : neighbours) {
                    position[u] = 0;
                }
            }
        },
        "ego");
    return result;
}

} // namespace

std::vector<double> constraint(const AnalysisGraph& graph, unsigned threads,
                               const RunControl& control) {
    const auto& adjacency = graph.undirected;
    const auto total = strengths_of(adjacency, graph.vertex_count);
    // p(a, b): the share of a's tie strength invested in b (0 when a has none).
    const auto share = [&total](double weight, Vertex a) {
        return total[a] == 0.0 ? 0.0 : weight / total[a];
    };
    return ego_measure(graph, threads, control,
                       [&](Vertex v, const std::vector<std::uint32_t>& position) {
                           const auto neighbours = adjacency.neighbours_of(v);
                           const auto weights = adjacency.weights_of(v);
                           // indirect[j] = Σ over neighbours q, in order, of p(v, q) · p(q, j):
                           // each q adds to the neighbours j it is tied to (the other terms are
                           // exact zeros).
                           std::vector<double> indirect(neighbours.size(), 0.0);
                           for (std::size_t i = 0; i < neighbours.size(); ++i) {
                               const Vertex q = neighbours[i];
                               const double via = share(weights[i], v);
                               const auto row = adjacency.neighbours_of(q);
                               const auto row_weights = adjacency.weights_of(q);
                               for (std::size_t k = 0; k < row.size(); ++k) {
                                   if (const std::uint32_t j = position[row[k]]; j != 0) {
                                       indirect[j - 1] += via * share(row_weights[k], q);
                                   }
                               }
                           }
                           double sum = 0.0;
                           for (std::size_t j = 0; j < neighbours.size(); ++j) {
                               const double local = share(weights[j], v) + indirect[j];
                               sum += local * local;
                           }
                           return sum;
                       });
}

std::vector<double> effective_size(const AnalysisGraph& graph, unsigned threads,
                                   const RunControl& control) {
    const auto& adjacency = graph.undirected;
    const auto total = strengths_of(adjacency, graph.vertex_count);
    const auto largest = max_weights_of(adjacency, graph.vertex_count);
    return ego_measure(
        graph, threads, control, [&](Vertex v, const std::vector<std::uint32_t>& position) {
            const auto neighbours = adjacency.neighbours_of(v);
            const auto weights = adjacency.weights_of(v);
            double sum = 0.0;
            for (const Vertex u : neighbours) {
                // Σ over v's neighbours k, in order, of w(v, k) / s(v) · w(u, k) / max w(u, ·):
                // u's row is sorted like v's, so its ties to v's neighbours come in that order.
                double redundancy = 0.0;
                const auto row = adjacency.neighbours_of(u);
                const auto row_weights = adjacency.weights_of(u);
                for (std::size_t x = 0; x < row.size(); ++x) {
                    if (const std::uint32_t k = position[row[x]]; k != 0) {
                        const double marginal =
                            largest[u] == 0.0 ? 0.0 : row_weights[x] / largest[u];
                        // v's share in k, 0 when v has no strength (as in constraint; weights
                        // of 0 come only from a graph built by hand).
                        const double invested = total[v] == 0.0 ? 0.0 : weights[k - 1] / total[v];
                        redundancy += invested * marginal;
                    }
                }
                sum += 1.0 - redundancy;
            }
            return sum;
        });
}
std::vector<double> clustering(const AnalysisGraph& graph, const RunControl& control) {
    const auto triangles = triangle_counts(graph, control);
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
                                      const std::vector<std::string>& group,
                                      const RunControl& control) {
    std::vector<BrokerageRoles> roles(graph.vertex_count);
    auto has_arc = [&](Vertex a, Vertex b) {
        const auto row = graph.out.neighbours_of(a);
        return std::binary_search(row.begin(), row.end(), b);
    };
    for (std::size_t broker = 0; broker < graph.vertex_count; ++broker) {
        control.check(); // O(in·out) per broker
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

std::vector<double> neighbours(const AnalysisGraph& graph) {
    std::vector<double> result(graph.vertex_count);
    for (std::size_t v = 0; v < graph.vertex_count; ++v) {
        result[v] = static_cast<double>(graph.undirected.degree(static_cast<Vertex>(v)));
    }
    return result;
}

std::vector<MeasureColumn> centrality(const AnalysisGraph& graph,
                                      const CentralityOptions& options) {
    const auto& wanted = options.measures.empty() ? all_measures() : options.measures;
    std::vector<MeasureColumn> columns;
    std::optional<DistanceSums> sums; // shared by closeness and harmonic
    auto distance_sums_once = [&]() -> const DistanceSums& {
        if (!sums) {
            sums = distance_sums(graph, options.threads, options.control);
        }
        return *sums;
    };
    auto wants = [&](Measure measure) {
        return std::find(wanted.begin(), wanted.end(), measure) != wanted.end() &&
               applies(measure, graph);
    };
    for (Measure measure : all_measures()) {
        if (!wants(measure)) {
            continue;
        }
        std::vector<double> values;
        std::optional<Convergence> convergence;
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
        case Measure::neighbours:
            values = neighbours(graph);
            break;
        case Measure::strength:
            values = strength(graph);
            break;
        case Measure::betweenness: {
            // Closeness and harmonic, when also wanted, come from the same shortest-path passes.
            // Not on unit-length maps: there 64 breadth-first searches at once (batch_levels)
            // cost less than adding every distance inside Brandes' pass.
            const bool share_passes = !sums && !uniform_length(graph.out) &&
                                      (wants(Measure::closeness) || wants(Measure::harmonic));
            DistanceSums shared;
            brandes(graph, options.threads, options.control, &values, options.edge_betweenness,
                    share_passes ? &shared : nullptr);
            if (share_passes) {
                sums = std::move(shared);
            }
            break;
        }
        case Measure::closeness:
            values = closeness_from(distance_sums_once(), graph.vertex_count);
            break;
        case Measure::harmonic:
            values = distance_sums_once().inverse;
            break;
        case Measure::eigenvector: {
            auto iteration = eigenvector_iteration(graph, options.control);
            values = std::move(iteration.values);
            convergence = iteration.convergence;
            break;
        }
        case Measure::pagerank: {
            auto iteration = pagerank_iteration(graph, 0.85, options.control);
            values = std::move(iteration.values);
            convergence = iteration.convergence;
            break;
        }
        case Measure::coreness:
            values = coreness(graph);
            break;
        case Measure::constraint:
            values = constraint(graph, options.threads, options.control);
            break;
        case Measure::effective_size:
            values = effective_size(graph, options.threads, options.control);
            break;
        case Measure::clustering:
            values = clustering(graph, options.control);
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
            case Measure::neighbours:
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
        columns.push_back({measure, std::move(values), convergence});
    }
    return columns;
}

} // namespace stakemap::analysis
