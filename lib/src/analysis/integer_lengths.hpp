#pragma once
// Exact path lengths for weighted maps (internal to lib/src/analysis).
//
// With the default distance 1/weight and weights that are whole numbers or simple fractions (tie
// strength 1–5, 2.5, 0.5…), every tie length is a fraction with a small denominator, so every path
// length is a whole multiple of 1/S, S the least common multiple of those denominators. Counting
// in units of 1/S, shortest paths are found on whole numbers: ties between path lengths are exact
// (1/2 + 1/3 + 1/6 and 1 are both S units), and a monotone integer queue replaces the binary heap.
// Maps whose lengths are not such fractions keep the floating-point search with its tolerance.

#include "stakemap/analysis/run_control.hpp"
#include "stakemap/graph/analysis_graph.hpp"

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace stakemap::analysis::detail {

/// One arc of an adjacency with its length in whole units, packed so that the search reads a
/// single eight-byte word per arc.
struct UnitArc {
    graph::Vertex to;
    std::uint32_t units; ///< length × scale, a whole number ≥ 1
};

/// Tie lengths in units of 1/scale, one per adjacency slot (same order as the adjacency).
struct IntegerLengths {
    std::vector<UnitArc> arcs;
    double scale = 1.0;         ///< units / scale equals the tie's length (to 1e-13)
    std::uint32_t longest = 0;  ///< the largest length in units
    std::uint32_t shortest = 0; ///< the smallest length in units (0 when there is no tie)
};

/// A path length in whole units; every shortest path of the map plus one tie fits below
/// `unreached_units` (integer_lengths() refuses lengths for which it would not).
using Units = std::uint32_t;
inline constexpr Units unreached_units = 0xFFFFFFFFU;

/// In the bidirectional search of approximate betweenness, ties up to this many units use Dial's
/// buckets (BucketQueue), longer ones a radix heap. (The exact kernels use bands of length:
/// centrality.cpp.)
inline constexpr std::uint64_t bucket_queue_span = 8191;

/// The lengths of `adjacency` as whole units, or nullopt when some length is not a fraction with a
/// denominator up to 10⁶, or when vertex_count + 1 ties of the longest length (the longest
/// shortest path, one tie more that a search may try from its end, and one to spare) would not fit
/// in 32 bits. Tie
/// lengths 1/1 … 1/10 take 2520 units (their least common multiple), so maps of up to 1.7 million
/// actors fit.
std::optional<IntegerLengths> integer_lengths(const graph::Adjacency& adjacency,
                                              std::size_t vertex_count);

/// The arcs an exact search needs: u → w is left out when some other path from u to w is strictly
/// shorter than the tie itself. Such a tie is on no shortest path (a path through it would be
/// shorter with the other path in its place), so distances, path counts and every dependency are
/// those of the whole adjacency; a tie as long as another path stays. Kept as an adjacency of
/// its own over the same vertices, in the same order; `slots[k]` is the position of kept arc k in
/// the whole adjacency.
struct ShortestArcs {
    std::vector<std::size_t> offsets;
    std::vector<UnitArc> arcs;
    std::vector<std::uint32_t> slots;
    [[nodiscard]] std::size_t vertex_count() const { return offsets.size() - 1; }
};

/// ShortestArcs of `adjacency` with `lengths` (`reverse`: the same arcs the other way, as
/// graph::build makes the in-adjacency of the out-adjacency, and the reverse). A tie u → w is
/// left out when a path of two or three ties from u to w is shorter: a check bounded by the
/// ties of u and their neighbours (about 2 Σ degree² steps: small beside a search from every
/// actor on sparse maps), not a search; ties left in that no shortest path uses cost time, not
/// exactness. Only `control`'s stop is heeded (no progress is shown for this short pass).
ShortestArcs arcs_on_shortest_paths(const graph::Adjacency& adjacency,
                                    const IntegerLengths& lengths, const graph::Adjacency& reverse,
                                    unsigned threads, const RunControl& control);

/// A monotone priority queue for keys that lie within `span` of the last key popped (Dial's
/// buckets): one bucket per key on a ring of a power-of-two size above the longest tie, and a bit
/// per bucket to find the next one in use. Push and pop are an append and a removal; the key of
/// an entry is the ring position it sits in, so only the vertex is stored.
class BucketQueue {
public:
    using Entry = std::pair<std::uint64_t, graph::Vertex>;

    /// `span`: the longest tie, in units.
    explicit BucketQueue(std::uint64_t span)
        : mask_(std::bit_ceil(span + 1) - 1), buckets_(mask_ + 1), used_((mask_ + 64) / 64, 0) {}

    void clear() {
        if (size_ != 0) {
            for (std::size_t word = 0; word < used_.size(); ++word) {
                for (std::uint64_t bits = used_[word]; bits != 0; bits &= bits - 1) {
                    buckets_[word * 64 + static_cast<std::size_t>(std::countr_zero(bits))].clear();
                }
                used_[word] = 0;
            }
        }
        current_ = 0;
        size_ = 0;
    }
    [[nodiscard]] bool empty() const { return size_ == 0; }
    void push(std::uint64_t key, graph::Vertex vertex) {
        const std::size_t slot = key & mask_;
        buckets_[slot].push_back(vertex);
        used_[slot / 64] |= std::uint64_t{1} << (slot % 64);
        ++size_;
    }
    /// An entry with the smallest key, left in the queue (which must not be empty).
    Entry peek() {
        std::size_t slot = current_ & mask_;
        if (buckets_[slot].empty()) {
            const std::size_t next = next_used(slot);
            current_ += (next - slot) & mask_;
            slot = next;
        }
        return {current_, buckets_[slot].back()};
    }
    /// Removes and returns an entry with the smallest key.
    Entry pop() {
        const Entry entry = peek();
        const std::size_t slot = current_ & mask_;
        auto& bucket = buckets_[slot];
        const graph::Vertex vertex = entry.second;
        bucket.pop_back();
        if (bucket.empty()) {
            used_[slot / 64] &= ~(std::uint64_t{1} << (slot % 64));
        }
        --size_;
        return {current_, vertex};
    }

private:
    /// The first bucket in use at or after `slot`, going round the ring (one is in use).
    [[nodiscard]] std::size_t next_used(std::size_t slot) const {
        const std::size_t words = used_.size();
        std::size_t word = slot / 64;
        std::uint64_t bits = used_[word] & (~std::uint64_t{0} << (slot % 64));
        while (bits == 0) {
            word = word + 1 == words ? 0 : word + 1;
            bits = used_[word];
        }
        return word * 64 + static_cast<std::size_t>(std::countr_zero(bits));
    }

    std::uint64_t mask_;
    std::vector<std::vector<graph::Vertex>> buckets_;
    std::vector<std::uint64_t> used_;
    std::uint64_t current_ = 0;
    std::size_t size_ = 0;
};

/// A monotone priority queue of whole-number keys (radix heap, Ahuja et al. 1990): the keys pushed
/// are never below the last key popped, as in Dijkstra's search. Each entry moves down at most 64
/// buckets over its life; push is a bit scan and an append.
class RadixHeap {
public:
    using Entry = std::pair<std::uint64_t, graph::Vertex>;

    void clear() {
        for (auto& bucket : buckets_) {
            bucket.clear();
        }
        last_ = 0;
        size_ = 0;
    }
    [[nodiscard]] bool empty() const { return size_ == 0; }
    void push(std::uint64_t key, graph::Vertex vertex) {
        buckets_[bucket_of(key)].emplace_back(key, vertex);
        ++size_;
    }
    /// An entry with the smallest key, left in the queue (which must not be empty).
    Entry peek() {
        settle_front();
        return buckets_[0].back();
    }
    /// Removes and returns an entry with the smallest key.
    Entry pop() {
        settle_front();
        const Entry entry = buckets_[0].back();
        buckets_[0].pop_back();
        --size_;
        return entry;
    }

private:
    /// Moves the entries with the smallest key into bucket 0.
    void settle_front() {
        if (buckets_[0].empty()) {
            std::size_t from = 1;
            while (buckets_[from].empty()) {
                ++from;
            }
            auto& spill = buckets_[from];
            std::uint64_t least = spill.front().first;
            for (const Entry& entry : spill) {
                least = std::min(least, entry.first);
            }
            last_ = least;
            for (const Entry& entry : spill) {
                buckets_[bucket_of(entry.first)].push_back(entry);
            }
            spill.clear();
        }
    }

    [[nodiscard]] std::size_t bucket_of(std::uint64_t key) const {
        return key == last_ ? 0 : 64 - static_cast<std::size_t>(std::countl_zero(key ^ last_));
    }

    std::array<std::vector<Entry>, 65> buckets_;
    std::uint64_t last_ = 0;
    std::size_t size_ = 0;
};

} // namespace stakemap::analysis::detail
