#pragma once
// An id → position index over a vector of things that have ids (actors, areas, vertices), for
// owners that are plain structs whose vectors users may edit at any time.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace stakemap::model {

/// Positions of ids in a vector, found by hashing: an open-addressing table (linear probing) of
/// 64-bit slots, each holding a 32-bit hash of the id and its position. The ids themselves stay in
/// the caller's vector and are compared only when the hashes match. Positions must be below
/// 2^32 - 1 (more ids than a 512 MiB map file can hold).
///
/// Hand-written because the node-based std::unordered_map costs an allocation per id and a cache
/// miss per node on every lookup: on a map of 200,000 actors and 1,000,000 relations, finding the
/// two ends of each relation took a fifth of reading it. Debian 12's Boost (1.74) predates
/// boost::unordered_flat_map, which would otherwise be the library for this.
class PositionTable {
public:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    void clear() noexcept {
        slots_.clear();
        count_ = 0;
    }

    /// Room for `count` ids without growing.
    void reserve(std::size_t count) {
        std::size_t capacity = 16;
        while (capacity < 2 * count) {
            capacity *= 2;
        }
        if (capacity > slots_.size()) {
            rehash(capacity);
        }
    }

    std::size_t size() const noexcept { return count_; }

    /// The position whose id (`id_at(position)`) equals `id`, or npos.
    template <typename IdAt>
    std::size_t find(std::string_view id, IdAt id_at) const {
        if (slots_.empty()) {
            return npos;
        }
        return find_hashed(id, hash_of(id), id_at);
    }

    /// Calls `found(i, position)` for the ids `id_of(0)` … `id_of(count - 1)` in order, with the
    /// answers find() would give. Faster than one find() after another when the table and the ids
    /// outgrow the processor's caches: the slots and ids of the lookups a few places ahead are
    /// fetched from memory while the current one is compared. `id_at` must return a reference.
    template <typename IdOf, typename IdAt, typename Found>
    void find_each(std::size_t count, IdOf id_of, IdAt id_at, Found found) const {
        if (slots_.empty()) {
            for (std::size_t i = 0; i < count; ++i) {
                found(i, npos);
            }
            return;
        }
        constexpr std::size_t ahead = 8; // lookups between fetching a slot and reading it
        constexpr std::size_t ring = 4 * ahead;
        std::uint32_t hashes[ring];
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = 0; i < count + 2 * ahead; ++i) {
            if (i < count) {
                hashes[i % ring] = hash_of(id_of(i));
                __builtin_prefetch(&slots_[hashes[i % ring] & mask]);
            }
            if (i >= ahead && i - ahead < count) {
                const std::uint64_t entry = slots_[hashes[(i - ahead) % ring] & mask];
                if (entry != 0) {
                    __builtin_prefetch(&id_at(static_cast<std::uint32_t>(entry) - 1));
                }
            }
            if (i >= 2 * ahead) {
                const std::size_t k = i - 2 * ahead;
                found(k, find_hashed(id_of(k), hashes[k % ring], id_at));
            }
        }
    }

    /// Adds `position` for `id` unless an equal id is there already; returns the position the
    /// table holds for `id` afterwards (the earlier one for a duplicate).
    template <typename IdAt>
    std::size_t insert(std::string_view id, std::size_t position, IdAt id_at) {
        if (2 * (count_ + 1) > slots_.size()) {
            rehash(std::max<std::size_t>(16, 2 * slots_.size()));
        }
        const std::uint32_t hash = hash_of(id);
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
            const std::uint64_t entry = slots_[slot];
            if (entry == 0) {
                slots_[slot] = (std::uint64_t{hash} << 32) | (position + 1);
                ++count_;
                return position;
            }
            if (static_cast<std::uint32_t>(entry >> 32) == hash) {
                const std::size_t present = static_cast<std::uint32_t>(entry) - 1;
                if (std::string_view(id_at(present)) == id) {
                    return present;
                }
            }
        }
    }

private:
    template <typename IdAt>
    std::size_t find_hashed(std::string_view id, std::uint32_t hash, IdAt id_at) const {
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
            const std::uint64_t entry = slots_[slot];
            if (entry == 0) {
                return npos;
            }
            if (static_cast<std::uint32_t>(entry >> 32) == hash) {
                const std::size_t position = static_cast<std::uint32_t>(entry) - 1;
                if (std::string_view(id_at(position)) == id) {
                    return position;
                }
            }
        }
    }

    static std::uint32_t hash_of(std::string_view id) noexcept {
        const std::uint64_t full = std::hash<std::string_view>{}(id);
        return static_cast<std::uint32_t>(full ^ (full >> 32));
    }

    void rehash(std::size_t capacity) {
        std::vector<std::uint64_t> old(capacity, 0);
        old.swap(slots_);
        const std::size_t mask = capacity - 1;
        for (const std::uint64_t entry : old) {
            if (entry != 0) {
                std::size_t slot = static_cast<std::uint32_t>(entry >> 32) & mask;
                while (slots_[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                slots_[slot] = entry;
            }
        }
    }

    std::vector<std::uint64_t> slots_; // (hash << 32) | (position + 1); 0 is an empty slot
    std::size_t count_ = 0;
};

/// Finds the position of an id in a vector in O(1) on average instead of a scan.
///
/// The index does not watch the vector, so every answer is checked against it: a hit must name an
/// item with that id, and a miss is confirmed by a scan (misses cost what a scan costs, as before;
/// in a valid map they are rare). It is built on first use and rebuilt, O(n), when the vector has
/// another size or storage or a hit is wrong. With duplicate ids the first position is found, as a
/// scan would. Lookups are safe from several threads at once; a rebuild takes the lock alone.
/// Copies start empty (they index another vector) and all indexes compare equal: the index is a
/// cache, not part of its owner's value.
class IdIndex {
public:
    IdIndex() = default;
    IdIndex(const IdIndex& /*other*/) noexcept {}
    IdIndex& operator=(const IdIndex& other) noexcept {
        if (this != &other) {
            const std::unique_lock lock(mutex_);
            built_ = false;
            positions_.clear();
        }
        return *this;
    }
    ~IdIndex() = default;
    bool operator==(const IdIndex& /*other*/) const noexcept { return true; }

    /// The position of the first item of `items` whose `id_of(item)` is `id`, or nullopt.
    template <typename Item, typename IdOf>
    std::optional<std::size_t> find(const std::vector<Item>& items, const std::string& id,
                                    IdOf id_of) const {
        {
            const std::shared_lock lock(mutex_);
            if (built_ && data_ == static_cast<const void*>(items.data()) &&
                size_ == items.size()) {
                const std::size_t found =
                    positions_.find(id, [&](std::size_t position) -> const std::string& {
                        return id_of(items[position]);
                    });
                if (found != PositionTable::npos) {
                    return found;
                }
                if (!any_has(items, id, id_of)) {
                    return std::nullopt;
                }
            }
        }
        const std::unique_lock lock(mutex_);
        const auto id_at = [&](std::size_t position) -> const std::string& {
            return id_of(items[position]);
        };
        positions_.clear();
        positions_.reserve(items.size());
        for (std::size_t i = 0; i < items.size(); ++i) {
            positions_.insert(id_of(items[i]), i, id_at);
        }
        data_ = items.data();
        size_ = items.size();
        built_ = true;
        const std::size_t found = positions_.find(id, id_at);
        return found != PositionTable::npos ? std::optional<std::size_t>(found) : std::nullopt;
    }

private:
    template <typename Item, typename IdOf>
    static bool any_has(const std::vector<Item>& items, const std::string& id, IdOf id_of) {
        for (const auto& item : items) {
            if (id_of(item) == id) {
                return true;
            }
        }
        return false;
    }

    mutable std::shared_mutex mutex_;
    mutable PositionTable positions_;
    mutable const void* data_ = nullptr;
    mutable std::size_t size_ = 0;
    mutable bool built_ = false;
};

} // namespace stakemap::model
