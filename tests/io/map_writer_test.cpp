#include "stakemap/io/map_reader.hpp"
#include "stakemap/io/map_writer.hpp"

#include <doctest/doctest.h>

using namespace stakemap;

TEST_CASE("writer: load → write → load gives an equal map, and writing is canonical") {
    for (const char* name : {"roma-municipio-ii", "prato", "unione-comuni"}) {
        CAPTURE(name);
        const auto original =
            io::load_map(std::string(STAKEMAP_SOURCE_DIR "/examples/") + name + "/map.json");
        const std::string written = io::write_map_json(original);
        const auto reread = io::read_map_text(written, "written.json");
        REQUIRE(reread.ok());
        CHECK(reread.warning_count == 0);
        CHECK(*reread.map == original);
        CHECK(io::write_map_json(*reread.map) == written);
    }
}

TEST_CASE("writer: defaults are left out and numbers keep their value") {
    model::Map map;
    map.actors.push_back({.id = "a", .name = "A \"quoted\" <b>"});
    map.actors.push_back({.id = "b", .name = "Bè"});
    map.relations.push_back({.source = "a", .target = "b", .weight = 2.5});
    map.relations.push_back({.source = "b", .target = "a", .weight = 1.0, .directed = true});
    const std::string text = io::write_map_json(map);
    CHECK(text == R"({
  "format": "stakemap/1",
  "directed": false,
  "actors": [
    {
      "id": "a",
      "name": "A \"quoted\" <b>"
    },
    {
      "id": "b",
      "name": "Bè"
    }
  ],
  "relations": [
    {
      "source": "a",
      "target": "b",
      "weight": 2.5
    },
    {
      "source": "b",
      "target": "a",
      "directed": true
    }
  ]
}
)");
    const auto reread = io::read_map_text(text, "w.json");
    REQUIRE(reread.ok());
    CHECK(*reread.map == map);
}

TEST_CASE("writer: relation attributes are written after the informants, and read back") {
    model::Map map;
    map.actors = {{.id = "a", .name = "A"}, {.id = "b", .name = "B"}};
    model::Relation relation;
    relation.source = "a";
    relation.target = "b";
    relation.informants = {"Rossi"};
    relation.attributes = {
        {"funding", 12000.0}, {"office", std::string("via Roma")}, {"verbal", true}};
    map.relations.push_back(relation);
    const std::string text = io::write_map_json(map);
    CHECK(text.find(R"("informants": [)") < text.find(R"("attributes": {)"));
    CHECK(text.find(R"("funding": 12000)") != std::string::npos);
    CHECK(text.find(R"("funding": 12000.0)") == std::string::npos);
    const auto reread = io::read_map_text(text, "w.json");
    REQUIRE(reread.map);
    CHECK(reread.map->relations[0].attributes == relation.attributes);
}
