#include "stakemap/io/graph_import.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <string>

using namespace stakemap;
using io::GraphFormat;

namespace {

bool has(const io::ImportResult& result, io::Severity severity, const std::string& where,
         const std::string& text) {
    return std::any_of(result.diagnostics.begin(), result.diagnostics.end(),
                       [&](const io::Diagnostic& d) {
                           const std::string located = d.file + ":" + std::to_string(d.line) + ":" +
                                                       std::to_string(d.column);
                           return d.severity == severity && located == where &&
                                  d.message.find(text) != std::string::npos;
                       });
}

const char* graphml = R"(<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="k0" for="node" attr.name="name" attr.type="string"/>
  <key id="k1" for="node" attr.name="power" attr.type="int"/>
  <key id="k2" for="node" attr.name="capacity" attr.type="double"/>
  <key id="k3" for="node" attr.name="access_point" attr.type="boolean"/>
  <key id="k4" for="node" attr.name="founded" attr.type="int"/>
  <key id="k5" for="node" attr.name="services" attr.type="string"/>
  <key id="k6" for="edge" attr.name="weight" attr.type="double"/>
  <key id="k7" for="edge" attr.name="directed" attr.type="boolean"/>
  <key id="k8" for="edge" attr.name="color" attr.type="string"/>
  <key id="k9" for="graph" attr.name="title" attr.type="string"/>
  <graph id="G" edgedefault="undirected">
    <data key="k9">Prato</data>
    <node id="caritas">
      <data key="k0">Caritas</data><data key="k1">4</data><data key="k2">12.5</data>
      <data key="k3">true</data><data key="k4">1998</data><data key="k5">legal|housing</data>
    </node>
    <node id="comune"/>
    <edge source="caritas" target="comune"><data key="k6">2.5</data></edge>
    <edge source="caritas" target="comune"><data key="k7">true</data><data key="k8">red</data></edge>
  </graph>
</graphml>
)";

} // namespace

TEST_CASE("graph import: GraphML fields, attributes, direction and parallel edges") {
    const auto result = io::import_graph_text(graphml, "g.graphml", GraphFormat::graphml);
    REQUIRE(result.ok());
    const model::Map& map = *result.map;
    CHECK(map.title == "Prato");
    CHECK_FALSE(map.directed);
    REQUIRE(map.actors.size() == 2);
    const model::Actor& caritas = map.actors[0];
    CHECK(caritas.name == "Caritas");
    CHECK(caritas.power == 4);
    CHECK(caritas.capacity == 12.5);
    CHECK(caritas.access_point == true);
    CHECK(caritas.services == std::vector<std::string>{"legal", "housing"});
    CHECK(caritas.attributes.at("founded") == model::AttributeValue(1998.0));
    CHECK(map.actors[1].name == "comune"); // no name: the id
    REQUIRE(map.relations.size() == 2);    // parallel edges kept
    CHECK(map.relations[0].weight == 2.5);
    CHECK_FALSE(map.relations[0].directed.has_value());
    CHECK(map.relations[1].weight == 1.0);
    CHECK(map.relations[1].directed == true);
    // The edge attribute "color" is no relation field: an attribute of the relation.
    CHECK(map.relations[1].attributes.at("color") == model::AttributeValue(std::string("red")));
    CHECK(map.relations[0].attributes.empty());
}

TEST_CASE("graph import: a bad value names the line, the element and the attribute") {
    std::string text = graphml;
    text.replace(text.find("<data key=\"k1\">4<"), 17,
                 "<data key=\"k0\">x</data><data key=\"k1\">a<");
    // power declared int but written "a": reported where its data element starts, line 16 after 6
    // spaces, <data key="k0">Caritas</data> (29 characters) and <data key="k0">x</data> (23).
    const auto result = io::import_graph_text(text, "g.graphml", GraphFormat::graphml);
    CHECK_FALSE(result.ok());
    CHECK_FALSE(result.map.has_value());
    CHECK(has(result, io::Severity::error, "g.graphml:16:59",
              "node \"caritas\", attribute \"power\": expected a number, not \"a\""));
}

TEST_CASE("graph import: a dangling edge is reported at its line") {
    std::string text = graphml;
    text.replace(text.find("target=\"comune\"><data key=\"k6\">"), 15, "target=\"comun\"");
    const auto result = io::import_graph_text(text, "g.graphml", GraphFormat::graphml);
    CHECK_FALSE(result.ok());
    CHECK(has(result, io::Severity::error, "g.graphml:20:5", "unknown actor \"comun\""));
}

TEST_CASE("graph import: a DOCTYPE is refused, a syntax error located") {
    const std::string doctype = "<?xml version=\"1.0\"?>\n<!DOCTYPE g [<!ENTITY a \"b\">]>\n"
                                "<graphml><graph><node id=\"&a;\"/></graph></graphml>\n";
    auto result = io::import_graph_text(doctype, "d.graphml", GraphFormat::graphml);
    CHECK(result.error_count == 1);
    CHECK(has(result, io::Severity::error, "d.graphml:2:1", "DOCTYPE"));

    const std::string broken = "<graphml>\n  <graph>\n    <node id=\"a\">\n  </graph>\n";
    result = io::import_graph_text(broken, "b.graphml", GraphFormat::graphml);
    // "</graph>" closes <node>: line 4, the name after "</" at column 5.
    CHECK(has(result, io::Severity::error, "b.graphml:4:5", "not well-formed XML"));

    io::GraphImportOptions options;
    options.max_file_bytes = 10;
    result = io::import_graph_text(graphml, "big.graphml", GraphFormat::graphml, options);
    CHECK(result.error_count == 1);
    CHECK(result.diagnostics[0].code == "file.too_large");
}

TEST_CASE("graph import: XML must be UTF-8; a byte order mark is fine") {
    // "Citt\xE0" is Latin-1: the byte 0xE0 comes after <graph> (7 characters), <node id=" (10)
    // and Citt (4) on line 2, at column 22.
    const std::string latin1 = "<graphml>\n<graph><node id=\"Citt\xE0\"/></graph></graphml>\n";
    auto result = io::import_graph_text(latin1, "l.graphml", GraphFormat::graphml);
    CHECK(has(result, io::Severity::error, "l.graphml:2:22", "invalid UTF-8 byte 0xE0"));
    const std::string bom =
        "\xEF\xBB\xBF<graphml><graph><node id=\"citt\xC3\xA0\"/></graph></graphml>";
    result = io::import_graph_text(bom, "b.graphml", GraphFormat::graphml);
    REQUIRE(result.ok());
    CHECK(result.map->actors[0].id == "citt\xC3\xA0");
}

TEST_CASE("graph import: a character reference to no XML character is refused") {
    // &#xD800; (a lone surrogate) would put bytes that are not UTF-8 into the map.
    const std::string text = "<graphml><graph><node id=\"a&#xD800;\"/></graph></graphml>";
    auto result = io::import_graph_text(text, "r.graphml", GraphFormat::graphml);
    CHECK(has(result, io::Severity::error, "r.graphml:1:28", "&#xD800;"));
    // A number past 32 bits (found by the graph_import fuzz harness): pugixml decoded it with
    // overflow into the bytes F7 …, which are not UTF-8, and writing the map then failed.
    const std::string huge = "<graphml><graph><node id=\"a\"><data key=\"n\">x&#" +
                             std::string(120, '1') + ";y</data></node></graph></graphml>";
    result = io::import_graph_text(huge, "h.graphml", GraphFormat::graphml);
    CHECK(has(result, io::Severity::error, "h.graphml:1:45", "names no character"));
    // Leading zeros are fine: &#00000000065; is "A".
    result =
        io::import_graph_text("<graphml><graph><node id=\"&#00000000065;\"/></graph></graphml>",
                              "z.graphml", GraphFormat::graphml);
    REQUIRE(result.ok());
    CHECK(result.map->actors[0].id == "A");
}

TEST_CASE("graph import: GEXF 1.1draft with labels, spells and edge types") {
    const char* gexf = R"(<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://www.gexf.net/1.1draft" version="1.1">
  <meta><title>Rete</title></meta>
  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">
    <attributes class="node" mode="static">
      <attribute id="0" title="kind" type="string"/>
      <attribute id="1" title="seats" type="integer"><default>3</default></attribute>
    </attributes>
    <nodes>
      <node id="a" label="Caritas"><attvalues><attvalue for="0" value="association"/></attvalues></node>
      <node id="b" label="Comune"/>
    </nodes>
    <edges>
      <edge id="0" source="a" target="b" weight="3" start="2020-01-01" end="2023-06-30"/>
      <edge id="1" source="b" target="a" type="mutual">
        <spells><spell start="2021-02-01"/></spells>
      </edge>
    </edges>
  </graph>
</gexf>
)";
    const auto result = io::import_graph_text(gexf, "g.gexf", GraphFormat::gexf);
    REQUIRE(result.ok());
    const model::Map& map = *result.map;
    CHECK(map.title == "Rete");
    CHECK(map.directed);
    CHECK(map.actors[0].name == "Caritas");
    CHECK(map.actors[0].kind == "association");
    CHECK(map.actors[1].attributes.at("seats") == model::AttributeValue(3.0)); // the default
    CHECK(map.relations[0].weight == 3.0);
    CHECK(map.relations[0].since == "2020-01-01");
    CHECK(map.relations[0].until == "2023-06-30");
    CHECK(map.relations[1].directed == false); // mutual: both ways
    CHECK(map.relations[1].since == "2021-02-01");
}

TEST_CASE("graph import: node-link with numbers as ids and newer NetworkX's edges") {
    const char* json = R"({"directed": false, "multigraph": true, "graph": {"name": "Club"},
  "nodes": [{"id": 0, "club": "Mr. Hi", "tags": ["a", "b"]}, {"id": 1, "label": "Officer"}],
  "edges": [{"source": 0, "target": 1, "key": 0, "weight": 4},
            {"source": 0, "target": 1, "key": 1, "power": {"x": 1}}]})";
    const auto result = io::import_graph_text(json, "g.json", GraphFormat::node_link);
    REQUIRE(result.ok());
    const model::Map& map = *result.map;
    CHECK(map.title == "Club");
    CHECK(map.actors[0].id == "0");
    CHECK(map.actors[0].name == "0");
    CHECK(map.actors[0].attributes.at("club") == model::AttributeValue(std::string("Mr. Hi")));
    CHECK(map.actors[0].tags == std::vector<std::string>{"a", "b"});
    CHECK(map.actors[1].name == "Officer");
    REQUIRE(map.relations.size() == 2);
    CHECK(map.relations[0].weight == 4.0);
    // A nested value: left out with a warning at the value: line 4, after 12 spaces and
    // {"source": 0, "target": 1, "key": 1, "power": (46 characters).
    CHECK(has(result, io::Severity::warning, "g.json:4:59", "\"power\": a nested value"));
}

TEST_CASE("graph import: a stakemap map is already a map") {
    const auto result = io::import_graph_text(R"({"format": "stakemap/1", "actors": []})", "m.json",
                                              GraphFormat::node_link);
    CHECK(has(result, io::Severity::error, "m.json:1:12", "already a stakemap map"));
    const auto other = io::import_graph_text(R"({"links": []})", "x.json", GraphFormat::node_link);
    CHECK(has(other, io::Severity::error, "x.json:1:1", "no \"nodes\" list"));
}

TEST_CASE("graph import: the format from the extension") {
    CHECK(io::graph_format_of("a/b.GraphML") == GraphFormat::graphml);
    CHECK(io::graph_format_of("b.gexf") == GraphFormat::gexf);
    CHECK(io::graph_format_of("b.json") == GraphFormat::node_link);
    CHECK_FALSE(io::graph_format_of("b.net").has_value());
    CHECK_FALSE(io::graph_format_of("dir.json/b").has_value());
}
