#pragma once
// The hierarchy of a map's areas (neighbourhoods inside districts inside a municipality…), by area
// index, built once from the `parent` ids.

#include "stakemap/model/map.hpp"

#include <cstddef>
#include <optional>
#include <vector>

namespace stakemap::model {

/// Parents and children of a map's areas. An area whose parent id names no area of the map is a
/// top-level area. The reader refuses cycles, but a map built in code may have one: every walk up
/// stops after as many steps as there are areas, so an area on a cycle lies within every area of
/// the cycle and its depth is the number of areas. Indices are positions in `map.areas`; every
/// list is in map order.
class AreaTree {
public:
    /// Builds the tree of `map.areas`: O(n · depth) time, O(n) space after.
    explicit AreaTree(const Map& map);

    /// The number of areas.
    std::size_t size() const { return parent_.size(); }
    /// The parent of an area, or nullopt for a top-level area.
    std::optional<std::size_t> parent(std::size_t area) const;
    /// The areas whose parent is `area`.
    const std::vector<std::size_t>& children(std::size_t area) const { return children_[area]; }
    /// Whether no area has `area` as its parent.
    bool is_leaf(std::size_t area) const { return children_[area].empty(); }
    /// The leaf areas within `area` (`area` itself when it is a leaf).
    std::vector<std::size_t> leaves(std::size_t area) const;
    /// The number of steps from `area` up to a top-level area (0 for one).
    std::size_t depth(std::size_t area) const { return depth_[area]; }
    /// Whether `area` is `ancestor` or lies below it. O(depth).
    bool within(std::size_t area, std::size_t ancestor) const;
    /// `area` and every area below it. O(k log k) for k areas found; O(n · depth) when the
    /// parents form a cycle.
    std::vector<std::size_t> areas_within(std::size_t area) const;

private:
    static constexpr std::size_t none = static_cast<std::size_t>(-1);
    std::vector<std::size_t> parent_;
    std::vector<std::vector<std::size_t>> children_;
    std::vector<std::size_t> depth_;
    bool on_cycle_ = false; ///< some walk up never reaches a top-level area
};

} // namespace stakemap::model
