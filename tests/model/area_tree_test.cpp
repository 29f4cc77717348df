#include "stakemap/model/area_tree.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

using stakemap::model::Area;
using stakemap::model::AreaTree;
using stakemap::model::Map;
using Indices = std::vector<std::size_t>;

namespace {

Map areas(const std::vector<std::pair<std::string, std::optional<std::string>>>& list) {
    Map map;
    for (const auto& [id, parent] : list) {
        map.areas.push_back({.id = id, .name = id, .parent = parent});
    }
    return map;
}

} // namespace

//   0 city                 5 lone (parent "ghost": no such area, so top-level)
//   ├── 1 north
//   │   ├── 3 north-a
//   │   └── 4 north-b
//   │       └── 6 north-b-1
//   └── 2 south
TEST_CASE("area tree: parents, children, leaves and depths of a small city") {
    const Map map = areas({{"city", std::nullopt},
                           {"north", "city"},
                           {"south", "city"},
                           {"north-a", "north"},
                           {"north-b", "north"},
                           {"lone", "ghost"},
                           {"north-b-1", "north-b"}});
    const AreaTree tree(map);
    REQUIRE(tree.size() == 7);

    CHECK_FALSE(tree.parent(0).has_value());
    CHECK(tree.parent(1) == 0U);
    CHECK(tree.parent(6) == 4U);
    CHECK_FALSE(tree.parent(5).has_value());

    CHECK(tree.children(0) == Indices{1, 2});
    CHECK(tree.children(1) == Indices{3, 4});
    CHECK(tree.children(4) == Indices{6});
    CHECK(tree.children(2).empty());

    CHECK_FALSE(tree.is_leaf(0));
    CHECK_FALSE(tree.is_leaf(4));
    CHECK(tree.is_leaf(2));
    CHECK(tree.is_leaf(3));
    CHECK(tree.is_leaf(5));
    CHECK(tree.is_leaf(6));

    CHECK(tree.leaves(0) == Indices{2, 3, 6});
    CHECK(tree.leaves(1) == Indices{3, 6});
    CHECK(tree.leaves(6) == Indices{6});
    CHECK(tree.leaves(5) == Indices{5});

    CHECK(tree.depth(0) == 0);
    CHECK(tree.depth(1) == 1);
    CHECK(tree.depth(3) == 2);
    CHECK(tree.depth(6) == 3);
    CHECK(tree.depth(5) == 0);

    CHECK(tree.within(6, 0));
    CHECK(tree.within(6, 4));
    CHECK(tree.within(3, 3));
    CHECK_FALSE(tree.within(3, 4));
    CHECK_FALSE(tree.within(0, 1));
    CHECK_FALSE(tree.within(5, 0));

    CHECK(tree.areas_within(0) == Indices{0, 1, 2, 3, 4, 6});
    CHECK(tree.areas_within(1) == Indices{1, 3, 4, 6});
    CHECK(tree.areas_within(2) == Indices{2});
    CHECK(tree.areas_within(5) == Indices{5});
}

// A map built in code may have a cycle (the reader refuses them): x → y → x, and z below x.
// Walks up stop after as many steps as there are areas (3): x and y lie within each other, and
// their depth is 3; z's depth is cut at 3 as well.
TEST_CASE("area tree: a cycle of parents ends every walk") {
    const Map map = areas({{"x", "y"}, {"y", "x"}, {"z", "x"}});
    const AreaTree tree(map);
    CHECK(tree.parent(0) == 1U);
    CHECK(tree.parent(1) == 0U);
    CHECK(tree.children(0) == Indices{1, 2});
    CHECK(tree.children(1) == Indices{0});
    CHECK(tree.depth(0) == 3);
    CHECK(tree.depth(1) == 3);
    CHECK(tree.depth(2) == 3);
    CHECK(tree.within(0, 1));
    CHECK(tree.within(1, 0));
    CHECK(tree.within(2, 1));
    CHECK_FALSE(tree.within(0, 2));
    CHECK(tree.areas_within(0) == Indices{0, 1, 2});
    CHECK(tree.areas_within(2) == Indices{2});
    CHECK(tree.leaves(1) == Indices{2});

    // An area that is its own parent.
    const AreaTree self(areas({{"loop", "loop"}}));
    CHECK(self.parent(0) == 0U);
    CHECK(self.depth(0) == 1);
    CHECK(self.within(0, 0));
    CHECK(self.areas_within(0) == Indices{0});
    CHECK(self.leaves(0).empty());
}

TEST_CASE("area tree: a map without areas") {
    const AreaTree tree(Map{});
    CHECK(tree.size() == 0);
}
