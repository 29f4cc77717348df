#include "stakemap/error.hpp"
#include "stakemap/io/export.hpp"
#include "stakemap/io/map_reader.hpp"
#include "stakemap/report/export.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

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
    CHECK(gexf12.find("xmlns=\"http://www.gexf.net/1.2draft\" "
                      "xmlns:viz=\"http://www.gexf.net/1.2draft/viz\" version=\"1.2\"") !=
          std::string::npos);
    const std::string gexf13 = io::write_gexf(map, {.gexf_version = io::GexfVersion::v1_3});
    CHECK(gexf13.find("xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" "
                      "version=\"1.3\"") != std::string::npos);
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

TEST_CASE("export: measures as actor attributes, on the relations exported") {
    model::Map map = small_map();
    map.actors.push_back({.id = "d", .name = "D"}); // isolated
    map.actors[2].attributes["degree"] = std::string("own");
    const auto number = [](const model::Map& m, std::size_t actor, const std::string& name) {
        return std::get<double>(m.actors[actor].attributes.at(name));
    };
    // Every relation: arcs a→b 2.5 + 1 (the undirected a–b counts both ways), b→a 1, b↔c 1.
    const model::Map all = report::with_measures(map, {});
    CHECK(number(all, 0, "degree") == 2);
    CHECK(number(all, 1, "degree") == 4);
    CHECK(number(all, 0, "strength") == doctest::Approx(4.5));
    CHECK(number(all, 1, "strength") == doctest::Approx(6.5));
    CHECK(number(all, 0, "neighbours") == 1);
    CHECK(number(all, 3, "degree") == 0);
    CHECK(all.actors[3].attributes.count("constraint") == 0); // undefined for an isolated actor
    CHECK(all.actors[3].attributes.count("effective_size") == 0);
    // The map's own "degree" keeps its value under another name.
    CHECK(std::get<std::string>(all.actors[2].attributes.at("attribute.degree")) == "own");
    CHECK(number(all, 2, "degree") == 2);
    // Referrals only: a→b, b↔c. b lies on the one path a→c of the 3·2 ordered pairs: 1/2.
    const model::Map referrals = report::with_measures(map, {.types = {"referral"}});
    CHECK(number(referrals, 1, "degree") == 3);
    CHECK(number(referrals, 1, "in_degree") == 2);
    CHECK(number(referrals, 1, "betweenness") == doctest::Approx(1.0 / 6.0));
    CHECK(number(referrals, 0, "betweenness") == 0);
    // On 2022-06-01 b–c has ended: c is isolated.
    const model::Map in_2022 = report::with_measures(map, {.at = "2022-06-01"});
    CHECK(number(in_2022, 2, "degree") == 0);
    CHECK(report::measure_attribute_names(false).size() == 12);
    CHECK(report::measure_attribute_names(true).size() == 14);
    // report::export_map writes them; the io writers alone do not.
    const std::string json =
        report::export_map(map, {.format = io::ExportFormat::node_link, .with_measures = true});
    CHECK(json.find("\"pagerank\": ") != std::string::npos);
    CHECK(io::write_node_link(map, {.with_measures = true}).find("pagerank") == std::string::npos);
}

TEST_CASE("export: anonymized maps keep the structure and lose the names") {
    model::Map map = small_map();
    map.description = "Interviews by Maria";
    map.actors[0].kind = "association";
    map.actors[1].kind = "association";
    map.actors[2].kind = "someone-s-own-kind"; // unknown: it could name someone
    map.actors[0].short_name = "AQ";
    map.actors[0].note = "talk to Anna";
    map.relations[0].informants = {"Giulia"};
    map.relations[0].note = "said so";
    const model::Map out = report::anonymized(map, model::Language::it);
    CHECK(out.title.empty());
    CHECK(out.description.empty());
    // Kind label (data/vocab/kinds.json) and a number counting that kind's actors in map order.
    CHECK(out.actors[0].name == "Associazione 1");
    CHECK(out.actors[1].name == "Associazione 2");
    CHECK(out.actors[2].name == "Attore 1");
    CHECK(out.actors[2].kind == "actor");
    CHECK(report::anonymized(map, model::Language::en).actors[1].name == "Association 2");
    CHECK(out.actors[0].id == "actor-1");
    CHECK(out.actors[2].id == "actor-3");
    CHECK_FALSE(out.actors[0].short_name);
    CHECK(out.actors[0].note.empty());
    CHECK(out.actors[2].tags.empty());
    CHECK(std::get<double>(out.actors[0].attributes.at("budget")) == 1200.5); // a number: kept
    CHECK(out.actors[1].attributes.count("budget") == 0);                     // a text: dropped
    CHECK(out.actors[0].power == 4);
    CHECK(out.actors[1].access_point == true);
    // Relations: the same ends by position, ids replaced, notes and informants dropped.
    REQUIRE(out.relations.size() == 3);
    CHECK(out.relations[0].id == "relation-1");
    CHECK_FALSE(out.relations[1].id);
    CHECK(out.relations[0].source == "actor-1");
    CHECK(out.relations[0].target == "actor-2");
    CHECK(out.relations[2].source == "actor-2");
    CHECK(out.relations[2].target == "actor-3");
    CHECK(out.relations[0].weight == 2.5);
    CHECK(out.relations[0].since == "2020-01-01");
    CHECK(out.relations[2].until == "2021-01-01");
    CHECK(out.relations[0].informants.empty());
    CHECK(out.relations[0].note.empty());
    CHECK(report::anonymized(map, model::Language::it) == out); // same input, same pseudonyms
    // Through report::export_map, with the measures of the same structure.
    const std::string json = report::export_map(
        map, {.format = io::ExportFormat::node_link, .with_measures = true, .anonymize = true});
    CHECK(json.find("Maria") == std::string::npos);
    CHECK(json.find("\"betweenness\"") != std::string::npos);
    CHECK(json.find("\"Association 1\"") != std::string::npos);
}

TEST_CASE("export: Kumu labels are unique, connections join them") {
    model::Map map = small_map();
    map.actors.push_back({.id = "d", .name = "C", .kind = "association"}); // the same name as c
    map.relations.push_back({.source = "c", .target = "d", .type = "referral"});
    const auto json = nlohmann::json::parse(io::write_kumu(map, {.language = model::Language::it}));
    REQUIRE(json["elements"].size() == 4);
    CHECK(json["elements"][0]["label"] == "A \"quoted\" <b>");
    CHECK(json["elements"][2]["label"] == "C (c)");
    CHECK(json["elements"][3]["label"] == "C (d)");
    CHECK(json["elements"][3]["type"] == "Associazione"); // the kind's label in Italian
    CHECK(json["elements"][2]["tags"] == nlohmann::json::array({"x", "y"}));
    CHECK(json["elements"][0]["budget"] == "1200.5");
    REQUIRE(json["connections"].size() == 4);
    CHECK(json["connections"][0]["from"] == "A \"quoted\" <b>");
    CHECK(json["connections"][0]["direction"] == "directed");
    CHECK(json["connections"][1]["direction"] == "undirected");
    CHECK(json["connections"][0]["weight"] == 2.5);
    CHECK(json["connections"][3]["from"] == "C (c)");
    CHECK(json["connections"][3]["to"] == "C (d)");
}

TEST_CASE("export: DOT strings keep quotes, backslashes and line breaks") {
    CHECK(io::dot_quoted("a\"b") == "\"a\\\"b\"");
    CHECK(io::dot_quoted("ends\\") == "\"ends\\\\\"");
    CHECK(io::dot_quoted("x\ny <é>") == "\"x\ny <é>\"");
    const std::string dot = io::write_dot(small_map());
    CHECK(dot.rfind("digraph stakemap {\n", 0) == 0);
    CHECK(dot.find("\"a\" [\"label\"=\"A \\\"quoted\\\" <b>\", \"power\"=\"4\"") !=
          std::string::npos);
    CHECK(dot.find("\"a\" -> \"b\" [\"relation\"=\"r1\"") != std::string::npos);
    CHECK(dot.find("\"directed\"=\"false\", dir=none];") != std::string::npos);
}

TEST_CASE("export: DOT names are labels Graphviz shows as written") {
    model::Map map = small_map();
    map.actors[0].name = "\\N & \\l\x1b";
    map.actors[0].note = "\\N";
    const std::string dot = io::write_dot(map);
    // \N stays text, & is not read as the start of an entity, ESC cannot reach the SVG.
    CHECK(dot.find("\"label\"=\"\\\\N &amp; \\\\l\xEF\xBF\xBD\"") != std::string::npos);
    // Other attributes are data, not labels: only quotes and backslashes escaped.
    CHECK(dot.find("=\"\\\\N\"") != std::string::npos);
}

TEST_CASE("export: GEXF colours, sizes and spells") {
    model::Map map = small_map();
    map.actors[0].kind = "help_desk";   // institution: #0072B2
    map.actors[1].kind = "association"; // civil society: #E69F00
    // The looks are the report layer's (render's palette and sizes); the GEXF writer only writes
    // them.
    const std::string dated = report::export_map(map, {.format = io::ExportFormat::gexf});
    CHECK(dated.find("mode=\"dynamic\" timeformat=\"date\"") != std::string::npos);
    CHECK(dated.find("<viz:color r=\"0\" g=\"114\" b=\"178\"/>") != std::string::npos);
    CHECK(dated.find("<viz:color r=\"230\" g=\"159\" b=\"0\"/>") != std::string::npos);
    CHECK(dated.find("<viz:color r=\"187\" g=\"187\" b=\"187\"/>") != std::string::npos);
    // b is the only broker (on a → c): 10 · (0.5 + 1.1 · √1) = 16; a and c: 10 · 0.5 = 5.
    CHECK(dated.find("<viz:size value=\"16\"/>") != std::string::npos);
    CHECK(dated.find("<viz:size value=\"5\"/>") != std::string::npos);
    CHECK(dated.find("<spell start=\"2020-01-01\"/>") != std::string::npos);
    // until 2021-01-01 (not in force that day): the closed spell ends on 2020-12-31.
    CHECK(dated.find("<spell end=\"2020-12-31\"/>") != std::string::npos);
    map.relations[0].until = "2024-03-01"; // leap year: the spell ends on 29 February
    CHECK(io::write_gexf(map).find("<spell start=\"2020-01-01\" end=\"2024-02-29\"/>") !=
          std::string::npos);
    model::Map undated = map;
    for (auto& relation : undated.relations) {
        relation.since.reset();
        relation.until.reset();
    }
    const std::string static_file =
        io::write_gexf(undated, {.gexf_version = io::GexfVersion::v1_3});
    CHECK(static_file.find("mode=\"static\">") != std::string::npos);
    CHECK(static_file.find("timeformat") == std::string::npos);
    CHECK(static_file.find("<spells>") == std::string::npos);
    CHECK(static_file.find("xmlns:viz=\"http://gexf.net/1.3/viz\"") != std::string::npos);
}
