#include "stakemap/graph/analysis_graph.hpp"
#include "stakemap/model/map.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

using stakemap::model::Actor;
using stakemap::model::Area;
using stakemap::model::Map;

namespace {

Map three_actors() {
    Map map;
    for (const char* id : {"a", "b", "c"}) {
        Actor actor;
        actor.id = id;
        actor.name = id;
        map.actors.push_back(actor);
    }
    map.areas.push_back({.id = "north", .name = "North"});
    map.areas.push_back({.id = "south", .name = "South"});
    return map;
}

} // namespace

TEST_CASE("id index: finds ids and misses unknown ones") {
    const Map map = three_actors();
    CHECK(map.actor_index("a") == 0U);
    CHECK(map.actor_index("c") == 2U);
    CHECK_FALSE(map.actor_index("d").has_value());
    CHECK_FALSE(map.actor_index("").has_value());
    CHECK(map.area_index("south") == 1U);
    CHECK_FALSE(map.area_index("a").has_value());
}

TEST_CASE("id index: follows edits of the vectors") {
    Map map = three_actors();
    REQUIRE(map.actor_index("b") == 1U); // builds the index

    map.actors.push_back(map.actors[0]);
    map.actors.back().id = "d";
    CHECK(map.actor_index("d") == 3U);

    // Renamed in place: same size, same storage.
    map.actors[1].id = "bee";
    CHECK_FALSE(map.actor_index("b").has_value());
    CHECK(map.actor_index("bee") == 1U);

    // Reordered in place.
    std::reverse(map.actors.begin(), map.actors.end());
    CHECK(map.actor_index("d") == 0U);
    CHECK(map.actor_index("a") == 3U);

    map.actors.erase(map.actors.begin());
    CHECK_FALSE(map.actor_index("d").has_value());
    CHECK(map.actor_index("a") == 2U);

    map.areas.clear();
    CHECK_FALSE(map.area_index("north").has_value());
}

TEST_CASE("id index: the first of duplicate ids, as a scan finds it") {
    Map map = three_actors();
    map.actors[2].id = "a";
    CHECK(map.actor_index("a") == 0U);
}

TEST_CASE("id index: copies index their own vectors and compare by the map's value") {
    Map map = three_actors();
    REQUIRE(map.actor_index("c") == 2U);
    Map copy = map;
    CHECK(copy == map);
    copy.actors.erase(copy.actors.begin());
    CHECK(copy.actor_index("c") == 1U);
    CHECK(map.actor_index("c") == 2U);
    copy = map;
    CHECK(copy.actor_index("c") == 2U);
    const Map moved = std::move(copy);
    CHECK(moved.actor_index("b") == 1U);
}

TEST_CASE("id index: many readers at once") {
    Map map;
    for (int i = 0; i < 2000; ++i) {
        Actor actor;
        actor.id = "actor-" + std::to_string(i);
        map.actors.push_back(actor);
    }
    std::atomic<int> wrong{0};
    std::vector<std::thread> readers;
    for (int t = 0; t < 4; ++t) {
        readers.emplace_back([&map, &wrong, t] {
            for (int i = t; i < 2000; i += 3) {
                if (map.actor_index("actor-" + std::to_string(i)) != static_cast<std::size_t>(i)) {
                    ++wrong;
                }
            }
        });
    }
    for (auto& reader : readers) {
        reader.join();
    }
    CHECK(wrong == 0);
}

TEST_CASE("id index: vertices of the analysis graph") {
    const Map map = three_actors();
    auto graph = stakemap::graph::build(map);
    CHECK(graph.vertex("b") == stakemap::graph::Vertex{1});
    CHECK_FALSE(graph.vertex("z").has_value());
    graph.ids[1] = "z";
    CHECK(graph.vertex("z") == stakemap::graph::Vertex{1});
    CHECK_FALSE(graph.vertex("b").has_value());
}

TEST_CASE("position table: many ids, duplicates, misses and lookups in bulk") {
    using stakemap::model::PositionTable;
    std::vector<std::string> ids;
    for (int i = 0; i < 20000; ++i) {
        ids.push_back(i % 3 == 0
                          ? "a-much-longer-actor-id-beyond-small-strings-" + std::to_string(i)
                          : "actor-" + std::to_string(i));
    }
    ids.emplace_back(""); // the empty id is an id like any other
    const auto id_at = [&ids](std::size_t p) -> const std::string& {
        return ids[p];
    };
    PositionTable table; // grows from empty through every rehash
    for (std::size_t i = 0; i < ids.size(); ++i) {
        REQUIRE(table.insert(ids[i], i, id_at) == i);
    }
    CHECK(table.size() == ids.size());
    ids.push_back("actor-7"); // a duplicate keeps the first position
    CHECK(table.insert(ids.back(), ids.size() - 1, id_at) == 7U);
    CHECK(table.size() == ids.size() - 1);

    CHECK(table.find("actor-20000", id_at) == PositionTable::npos);
    CHECK(table.find("actor-", id_at) == PositionTable::npos);
    CHECK(table.find("actor-10", id_at) == 10U);
    CHECK(table.find("", id_at) == 20000U);
    CHECK(table.find("a-much-longer-actor-id-beyond-small-strings-9999", id_at) == 9999U);

    // find_each gives find()'s answers, in order, for hits and misses alike.
    std::vector<std::string> queries;
    for (int i = 0; i < 1000; ++i) {
        queries.push_back(i % 2 == 0 ? ids[static_cast<std::size_t>(i) * 19]
                                     : "missing-" + std::to_string(i));
    }
    std::vector<std::size_t> answers;
    table.find_each(
        queries.size(), [&](std::size_t i) -> const std::string& { return queries[i]; }, id_at,
        [&](std::size_t i, std::size_t position) {
            CHECK(i == answers.size());
            answers.push_back(position);
        });
    REQUIRE(answers.size() == queries.size());
    for (std::size_t i = 0; i < queries.size(); ++i) {
        CHECK(answers[i] == (i % 2 == 0 ? i * 19 : PositionTable::npos));
    }
    PositionTable empty;
    std::size_t calls = 0;
    empty.find_each(
        2, [&](std::size_t) -> const std::string& { return ids[0]; }, id_at,
        [&](std::size_t, std::size_t position) {
            CHECK(position == PositionTable::npos);
            ++calls;
        });
    CHECK(calls == 2U);
}
