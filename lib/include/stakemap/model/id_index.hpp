#pragma once
// An id → position index over a vector of things that have ids (actors, areas, vertices), for
// owners that are plain structs whose vectors users may edit at any time.

#include <cstddef>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace stakemap::model {

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
                const auto found = positions_.find(id);
                if (found != positions_.end()) {
                    if (id_of(items[found->second]) == id) {
                        return found->second;
                    }
                } else if (!any_has(items, id, id_of)) {
                    return std::nullopt;
                }
            }
        }
        const std::unique_lock lock(mutex_);
        positions_.clear();
        positions_.reserve(items.size());
        for (std::size_t i = 0; i < items.size(); ++i) {
            positions_.emplace(id_of(items[i]), i);
        }
        data_ = items.data();
        size_ = items.size();
        built_ = true;
        const auto found = positions_.find(id);
        return found != positions_.end() ? std::optional<std::size_t>(found->second) : std::nullopt;
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
    mutable std::unordered_map<std::string, std::size_t> positions_;
    mutable const void* data_ = nullptr;
    mutable std::size_t size_ = 0;
    mutable bool built_ = false;
};

} // namespace stakemap::model
