#include "stakemap/io/map_reader.hpp"
#include "stakemap/render/drawing.hpp"
#include "stakemap/render/escape.hpp"
#include "stakemap/render/graphviz.hpp"
#include "stakemap/render/map_view.hpp"

#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace stakemap;

namespace {

/// A small XML well-formedness check: balanced tags, quoted attributes, known entities, one root.
bool well_formed_xml(const std::string& xml, std::string& problem) {
    std::vector<std::string> open;
    std::size_t i = 0;
    bool root_seen = false;
    while (i < xml.size()) {
        if (xml[i] == '&') {
            const auto end = xml.find(';', i);
            const std::string entity = xml.substr(i, end == std::string::npos ? 0 : end - i + 1);
            if (entity != "&amp;" && entity != "&lt;" && entity != "&gt;" && entity != "&quot;" &&
                entity != "&apos;" && entity.rfind("&#", 0) != 0) {
                problem = "bad entity at " + std::to_string(i);
                return false;
            }
            i = end + 1;
            continue;
        }
        if (xml[i] != '<') {
            ++i;
            continue;
        }
        if (xml.compare(i, 4, "<!--") == 0) {
            i = xml.find("-->", i) + 3;
            continue;
        }
        if (xml.compare(i, 2, "<?") == 0 || xml.compare(i, 2, "<!") == 0) {
            i = xml.find('>', i) + 1;
            continue;
        }
        const auto end = xml.find('>', i);
        if (end == std::string::npos) {
            problem = "unclosed tag";
            return false;
        }
        const std::string tag = xml.substr(i + 1, end - i - 1);
        // Attribute values must be quoted and must not contain a raw '<'.
        bool in_quote = false;
        for (char c : tag) {
            if (c == '"') {
                in_quote = !in_quote;
            } else if (c == '<') {
                problem = "raw < inside a tag";
                return false;
            }
        }
        if (in_quote) {
            problem = "unbalanced quotes in <" + tag + ">";
            return false;
        }
        if (tag[0] == '/') {
            const std::string name = tag.substr(1, tag.find_first_of(" \t\n") - 1);
            if (open.empty() || open.back() != name) {
                problem = "mismatched </" + name + ">";
                return false;
            }
            open.pop_back();
        } else if (tag.back() != '/') {
            const std::string name = tag.substr(0, tag.find_first_of(" \t\n"));
            if (open.empty() && root_seen) {
                problem = "second root element";
                return false;
            }
            root_seen = true;
            open.push_back(name);
        }
        i = end + 1;
    }
    if (!open.empty()) {
        problem = "unclosed <" + open.back() + ">";
        return false;
    }
    return root_seen;
}

model::Map hostile_map() {
    model::Map map;
    map.title = "Rete <test> & \"prova\"";
    for (const char* name : {"<script>alert(1)</script>", "\"a\\\"b\\", "\\N", "\\l", "&amp;",
                             "Associazione 🌍 Città", "مركز الجالية"}) {
        map.actors.push_back({.id = "a" + std::to_string(map.actors.size()), .name = name});
    }
    for (std::size_t i = 1; i < map.actors.size(); ++i) {
        map.relations.push_back({.source = map.actors[0].id, .target = map.actors[i].id});
    }
    return map;
}

} // namespace

TEST_CASE("render: labels keep hostile names as text in DOT, SVG and PDF") {
    const auto map = hostile_map();
    const auto view = render::map_view(map, graph::build(map), {});
    // DOT: backslashes doubled, quotes escaped, no record shapes.
    CHECK(view.dot.find(R"(label="\"a\\\"b\\")") != std::string::npos);
    CHECK(view.dot.find(R"(label="\\N")") != std::string::npos);
    CHECK(view.dot.find(R"(label="\\l")") != std::string::npos);
    CHECK(view.dot.find("record") == std::string::npos);
    const std::string svg = render::render_dot(view.dot, view.engine, "svg");
    std::string problem;
    CHECK_MESSAGE(well_formed_xml(svg, problem), problem);
    CHECK(svg.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(svg.find("<script") == std::string::npos);
    CHECK(svg.find("&quot;a\\&quot;b\\") != std::string::npos);
    CHECK(svg.find(">\\N<") != std::string::npos);
    CHECK(svg.find(">\\l<") != std::string::npos);
    CHECK(svg.find("&amp;amp;") != std::string::npos);
    CHECK(svg.find("🌍") != std::string::npos);
    CHECK(svg.find("مركز") != std::string::npos);
    CHECK(svg.find("Rete &lt;test&gt; &amp; &quot;prova&quot;") != std::string::npos);
    const std::string pdf = render::render_dot(view.dot, view.engine, "pdf");
    CHECK(pdf.rfind("%PDF", 0) == 0);
}

TEST_CASE("render: the examples give well-formed SVG naming every actor, the same bytes twice") {
    for (const std::string name : {"roma-municipio-ii", "prato", "unione-comuni"}) {
        CAPTURE(name);
        const auto map = io::load_map(STAKEMAP_SOURCE_DIR "/examples/" + name + "/map.json");
        const auto graph = graph::build(map);
        for (const std::string view_kind : {"network", "grid"}) {
            CAPTURE(view_kind);
            render::ViewOptions options{.view = view_kind,
                                        .cluster = "area",
                                        .size_by = "betweenness",
                                        .highlight_gaps = true};
            const auto view = render::map_view(map, graph, options);
            const std::string svg = render::render_dot(view.dot, view.engine, "svg");
            std::string problem;
            CHECK_MESSAGE(well_formed_xml(svg, problem), problem);
            if (view.engine != "dot") {
                // dot keeps state between layouts in one process; tests/render/same_bytes.cmake
                // checks its drawings across runs instead.
                CHECK(render::render_dot(view.dot, view.engine, "svg") == svg);
            }
            CHECK(render::map_view(map, graph, options).dot == view.dot);
            if (view_kind == "network") {
                for (const auto& actor : map.actors) {
                    // Names are wrapped into lines; every word shows as text.
                    std::size_t start = 0;
                    std::string escaped = render::html_text(actor.name);
                    for (auto at = escaped.find('-'); at != std::string::npos;
                         at = escaped.find('-', at)) {
                        escaped.replace(at, 1, "&#45;"); // Graphviz writes hyphens so
                    }
                    for (auto at = escaped.find('\''); at != std::string::npos;
                         at = escaped.find('\'', at)) {
                        escaped.replace(at, 1, "&#39;"); // Graphviz writes apostrophes so
                    }
                    while (start < escaped.size()) {
                        auto end = escaped.find(' ', start);
                        end = end == std::string::npos ? escaped.size() : end;
                        const std::string word = escaped.substr(start, end - start);
                        CAPTURE(word);
                        CHECK(svg.find(word) != std::string::npos);
                        start = end + 1;
                    }
                }
            }
        }
    }
}

TEST_CASE("render: 200 layout and render cycles in one process") {
    const auto map = io::load_map(STAKEMAP_SOURCE_DIR "/tests/reference/maps/kite.json");
    const auto view = render::map_view(map, graph::build(map), {});
    std::string first;
    for (int cycle = 0; cycle < 200; ++cycle) {
        const std::string svg = render::render_dot(view.dot, view.engine, "svg");
        if (cycle == 0) {
            first = svg;
        }
        REQUIRE(svg == first);
    }
}

TEST_CASE("render: Graphviz errors become RenderError") {
    CHECK_THROWS_AS(render::render_dot("digraph { a -> }", "neato", "svg"), render::RenderError);
    CHECK_THROWS_AS(render::render_dot("digraph { a }", "neato", "nosuchformat"),
                    render::RenderError);
}

TEST_CASE("render: label wrapping and escaping helpers") {
    CHECK(render::wrap("Servizio sociale del Municipio II", 18) ==
          "Servizio sociale\ndel Municipio II");
    CHECK(render::wrap("Supercalifragilisticexpialidocious", 10) ==
          "Supercalifragilisticexpialidocious");
    CHECK(render::dot_label("a\"b\\c\nd") == "\"a\\\"b\\\\c\\nd\"");
    CHECK(render::html_text("<&>\"") == "&lt;&amp;&gt;&quot;");
}

TEST_CASE("render: the coverage heat map colours each cell by state and escapes names") {
    auto map = hostile_map();
    map.areas.push_back({.id = "z", .name = "<b>Zona & \"Sud\"</b>", .foreign_residents = 100});
    map.areas.push_back({.id = "y", .name = "Ovest"});
    map.actors[0].area = "z";
    map.actors[0].kind = "migrant_association"; // a community actor: its own service is reached
    map.actors[0].services = {"housing"};
    map.needs.push_back({.area = "y", .service = "housing", .demand = 75});
    render::ViewOptions options;
    options.view = "coverage";
    const auto view = render::map_view(map, graph::build(map), options);
    CHECK(view.engine == "dot");
    // Housing: present in z (green), needed but missing in y (vermillion) with its demand.
    CHECK(view.dot.find("bgcolor=\"#009E73\"><font color=\"#FFFFFF\">✔</font>") !=
          std::string::npos);
    CHECK(view.dot.find("bgcolor=\"#D55E00\"><font color=\"#FFFFFF\">✘ 75</font>") !=
          std::string::npos);
    const std::string svg = render::render_dot(view.dot, view.engine, "svg");
    std::string problem;
    CHECK_MESSAGE(well_formed_xml(svg, problem), problem);
    CHECK(svg.find("&lt;b&gt;Zona &amp;") != std::string::npos);
    CHECK(svg.find("<b>Zona") == std::string::npos);

    options.view = "network";
    options.cluster = "area";
    options.color_areas = "coverage";
    const auto shaded = render::map_view(map, graph::build(map), options);
    // z: no needs, no languages, no access point → score 0 → the lowest (reddest) background.
    CHECK(shaded.dot.find("fillcolor=\"" + render::score_fill(0.0) + "\"") != std::string::npos);
    options.cluster = "sector";
    CHECK_THROWS_AS(render::map_view(map, graph::build(map), options), render::ViewError);
}
