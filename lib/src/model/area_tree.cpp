#include "stakemap/model/area_tree.hpp"

#include <algorithm>

namespace stakemap::model {

AreaTree::AreaTree(const Map& map)
    : parent_(map.areas.size(), none), children_(map.areas.size()), depth_(map.areas.size(), 0) {
    const std::size_t n = map.areas.size();
    for (std::size_t a = 0; a < n; ++a) {
        if (map.areas[a].parent) {
            if (const auto index = map.area_index(*map.areas[a].parent)) {
                parent_[a] = *index;
                children_[*index].push_back(a);
            }
        }
    }
    for (std::size_t a = 0; a < n; ++a) {
        for (std::size_t p = parent_[a]; p != none && depth_[a] < n; p = parent_[p]) {
            ++depth_[a];
        }
        on_cycle_ = on_cycle_ || depth_[a] == n;
    }
}

std::optional<std::size_t> AreaTree::parent(std::size_t area) const {
    return parent_[area] == none ? std::nullopt : std::optional<std::size_t>(parent_[area]);
}

bool AreaTree::within(std::size_t area, std::size_t ancestor) const {
    // At most size() steps up: on a cycle the walk would not end by itself.
    for (std::size_t steps = 0; area != none && steps <= size(); ++steps) {
        if (area == ancestor) {
            return true;
        }
        area = parent_[area];
    }
    return false;
}

std::vector<std::size_t> AreaTree::areas_within(std::size_t area) const {
    std::vector<std::size_t> out;
    if (on_cycle_) {
        // Going down a cycle would not end: walk up from every area instead.
        for (std::size_t a = 0; a < size(); ++a) {
            if (within(a, area)) {
                out.push_back(a);
            }
        }
        return out;
    }
    std::vector<std::size_t> pending{area};
    while (!pending.empty()) {
        const std::size_t next = pending.back();
        pending.pop_back();
        out.push_back(next);
        pending.insert(pending.end(), children_[next].begin(), children_[next].end());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::size_t> AreaTree::leaves(std::size_t area) const {
    std::vector<std::size_t> out = areas_within(area);
    std::erase_if(out, [this](std::size_t a) { return !is_leaf(a); });
    return out;
}

} // namespace stakemap::model
