#include "stakemap/error.hpp"
#include "stakemap/io/export.hpp"
#include "stakemap/io/map_reader.hpp"

#include <doctest/doctest.h>

using namespace stakemap;

namespace {

// a ──2.5──► b (directed, since 2020), a ── b (undirected, parallel), b ── c (until 2021)
model::Map small_map() {
    model::Map map;
    map.title = "T & <co>";
    map.actors.push_back({.id = "a", .name = "A \"quoted\" <b>", .power = 4});
    map.actors.push_back({.id = "b", .name = "Bè\nnew line", .access_point = true});
    map.actors.push_back({.id = "c", .name = "C", .tags = {"x", "y"}});
    map.actors[0].attributes["budget"] = 1200.5;
    map.actors[1].attributes["budget"] = std::string("n/a");
    map.relations.push_back({.id = "r1",
                             .source = "a",
                             .target = "b",
                             .type = "referral",
                             .weight = 2.5,
                             .directed = true,
                             .since = "2020-01-01"});
    map.relations.push_back({.source = "a", .target = "b", .type = "information"});
    map.relations.push_back(
        {.source = "b", .target = "c", .type = "referral", .until = "2021-01-01"});
    return map;
}

} // namespace

TEST_CASE("export: XML escaping of text and attributes") {
    CHECK(io::xml_escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&apos;");
    CHECK(io::xml_escape("x\ty\nz\r") == "x&#9;y&#10;z&#13;");
    CHECK(io::xml_escape(std::string("a\x01") + "b") == "a\xEF\xBF\xBD"
                                                        "b");
    CHECK(io::xml_escape("è") == "è");
}

TEST_CASE("export: a mixed map is a directed graph, each edge with its own direction") {
    const model::Map map = small_map();
    CHECK(io::exports_directed(map));
    const std::string graphml = io::write_graphml(map);
    CHECK(graphml.find("edgedefault=\"directed\"") != std::string::npos);
    CHECK(graphml.find("<data key=\"e3\">true</data>") != std::string::npos);
    CHECK(graphml.find("<data key=\"e3\">false</data>") != std::string::npos);
    CHECK(graphml.find("attr.name=\"power\" attr.type=\"int\"") != std::string::npos);
    CHECK(graphml.find("attr.name=\"budget\" attr.type=\"string\"") != std::string::npos);
    CHECK(graphml.find("A &quot;quoted&quot; &lt;b&gt;") != std::string::npos);
    CHECK(graphml.find("Bè&#10;new line") != std::string::npos);
    CHECK(graphml.find("x|y") != std::string::npos);
    CHECK(graphml.find("<data key=\"e2\">2.5</data>") != std::string::npos);

    model::Map undirected = map;
    undirected.relations.erase(undirected.relations.begin());
    CHECK_FALSE(io::exports_directed(undirected));
    CHECK(io::write_graphml(undirected).find("edgedefault=\"undirected\"") != std::string::npos);
}

TEST_CASE("export: filters by type and date") {
    const model::Map map = small_map();
    const std::string all = io::write_pajek(map);
    CHECK(all.rfind("\xEF\xBB\xBF*Vertices 3\r\n", 0) == 0);
    CHECK(all.find("*Arcs\r\n1 2 2.5\r\n1 2 1\r\n2 3 1\r\n") != std::string::npos);
    CHECK(all.find("2 \"Bè new line\"") != std::string::npos);
    CHECK(all.find("1 \"A 'quoted' <b>\"") != std::string::npos);
    const std::string referrals = io::write_pajek(map, {.types = {"referral"}});
    CHECK(referrals.find("*Arcs\r\n1 2 2.5\r\n2 3 1\r\n") != std::string::npos);
    const std::string in_2022 = io::write_pajek(map, {.at = "2022-06-01"});
    CHECK(in_2022.find("*Arcs\r\n1 2 2.5\r\n1 2 1\r\n") != std::string::npos);
    CHECK(in_2022.find("2 3 1") == std::string::npos);
    CHECK_THROWS_AS(io::write_pajek(map, {.at = "June"}), UsageError);
}

TEST_CASE("export: node-link keys number parallel edges; GEXF versions") {
    const model::Map map = small_map();
    const std::string json = io::write_node_link(map);
    CHECK(json.find("\"multigraph\": true") != std::string::npos);
    CHECK(json.find("\"key\": 1") != std::string::npos);
    CHECK(json.find("\"tags\": [\n        \"x\",\n        \"y\"\n      ]") != std::string::npos);
    const std::string gexf12 = io::write_gexf(map);
    CHECK(gexf12.find("xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\"") !=
          std::string::npos);
    const std::string gexf13 = io::write_gexf(map, {.gexf_version = io::GexfVersion::v1_3});
    CHECK(gexf13.find("xmlns=\"http://gexf.net/1.3\" version=\"1.3\"") != std::string::npos);
    CHECK(gexf13.find("weight=\"2.5\"") != std::string::npos);
}

TEST_CASE("export: the examples give the same bytes twice") {
    const auto map = io::load_map(STAKEMAP_SOURCE_DIR "/examples/prato/map.json");
    for (const auto& [format, name] : io::export_format_names) {
        CAPTURE(name);
        const io::ExportOptions options{.format = format};
        if (format == io::ExportFormat::csv) { // a folder of files: io/sheet_export_test.cpp
            CHECK_THROWS_AS(io::export_map(map, options), UsageError);
            continue;
        }
        CHECK(io::export_map(map, options) == io::export_map(map, options));
        CHECK(!io::export_map(map, options).empty());
    }
}

TEST_CASE("export: Pajek without a byte order mark") {
    const std::string text = io::write_pajek(small_map(), {.pajek_bom = false});
    CHECK(text.rfind("*Vertices 3\r\n", 0) == 0);
}
