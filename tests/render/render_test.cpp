#include "stakemap/io/map_reader.hpp"
#include "stakemap/io/vocabulary.hpp"
#include "stakemap/render/choices.hpp"
#include "stakemap/render/compose.hpp"
#include "stakemap/render/drawing.hpp"
#include "stakemap/render/escape.hpp"
#include "stakemap/render/graphviz.hpp"
#include "stakemap/render/map_view.hpp"

#include <cmath>
#include <cstdio>
#include <doctest/doctest.h>
#include <map>
#include <set>
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
        for (const auto view_kind : {render::View::network, render::View::grid}) {
            CAPTURE(render::to_string(view_kind));
            render::ViewOptions options{.view = view_kind,
                                        .cluster = render::Cluster::area,
                                        .size_by = analysis::Measure::betweenness,
                                        .highlight = render::Highlight::gaps};
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
            if (view_kind == render::View::network) {
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
    // dot reports "Edge length 7200054 larger than maximum 65535 allowed" for this graph (as the
    // dot program does, which then exits 1) but its layout call still returns 0.
    try {
        render::render_dot("digraph { nodesep=100000; a; b; c; d; a -> b; a -> c; a -> d }", "dot",
                           "svg");
        FAIL("no RenderError");
    } catch (const render::RenderError& error) {
        CHECK(std::string(error.what()).find("larger than maximum 65535") != std::string::npos);
    }
    // The error does not stay behind for the next drawing.
    CHECK_FALSE(render::render_dot("digraph { a -> b }", "dot", "svg").empty());
}

TEST_CASE("render: label wrapping and escaping helpers") {
    CHECK(render::wrap("Servizio sociale del Municipio II", 18) ==
          "Servizio sociale\ndel Municipio II");
    CHECK(render::wrap("Supercalifragilisticexpialidocious", 10) ==
          "Supercalifragilisticexpialidocious");
    // A first line of its own width: "Servizio sociale" (16) fits 16, then lines of 8 at most;
    // runs of spaces stay within a line ("a   b" keeps its three).
    CHECK(render::wrap("Servizio sociale del Municipio II", 16, 8) ==
          "Servizio sociale\ndel\nMunicipio\nII");
    CHECK(render::wrap("a   b c", 5, 5) == "a   b\nc");
    CHECK(render::dot_label("a\"b\\c\nd") == "\"a\\\"b\\\\c\\nd\"");
    CHECK(render::html_text("<&>\"") == "&lt;&amp;&gt;&quot;");
    CHECK(render::dot_label("\\N \\G") == "\"\\\\N \\\\G\"");
    CHECK(render::dot_label("a&amp;\tb\rc\x1b\x07\x7f") ==
          "\"a&amp;amp; b c\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
    CHECK(render::html_text("\\N\\l") == "\\\\N\\\\l");
    CHECK(render::html_text("a\tb\x1b\nc") == "a b\xEF\xBF\xBD<br/>c");
    // C1 controls (U+0085, U+009B) as well; other characters from U+0080 on are kept.
    CHECK(render::dot_label("a\xC2\x85-\xC2\x9B\xC2\xA0\xC3\xA0") ==
          "\"a\xEF\xBF\xBD-\xEF\xBF\xBD\xC2\xA0\xC3\xA0\"");
    CHECK(render::html_text("\xC2\x9B[31m") == "\xEF\xBF\xBD[31m");
}

TEST_CASE("render: an area named \\N shows as \\N in the coverage heat map, not as a node name") {
    auto map = hostile_map();
    map.areas.push_back({.id = "z", .name = "\\N", .foreign_residents = 100});
    map.areas.push_back({.id = "y", .name = "x\\G\\E\\l"});
    map.actors[0].area = "z";
    map.actors[0].services = {"housing"};
    map.needs.push_back({.area = "y", .service = "housing", .demand = 75});
    map.title = "\\T\\H";
    render::ViewOptions options;
    options.view = render::View::coverage;
    const auto view = render::map_view(map, graph::build(map), options);
    const std::string svg = render::render_dot(view.dot, view.engine, "svg");
    CHECK(svg.find(">\\N</text>") != std::string::npos);
    CHECK(svg.find(">x\\G\\E\\l</text>") != std::string::npos);
    CHECK(svg.find(">\\T\\H — ") != std::string::npos);
    CHECK(svg.find(">matrix</text>") == std::string::npos);
    CHECK(svg.find(">xstakemap") == std::string::npos);
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
    options.view = render::View::coverage;
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

    options.view = render::View::network;
    options.cluster = render::Cluster::area;
    options.color_areas = render::ColorAreas::coverage;
    const auto shaded = render::map_view(map, graph::build(map), options);
    // z: no needs, no languages, no access point → score 0 → the lowest (reddest) background.
    CHECK(shaded.dot.find("fillcolor=\"" + render::score_fill(0.0) + "\"") != std::string::npos);
    options.cluster = render::Cluster::sector;
    CHECK_THROWS_AS(render::map_view(map, graph::build(map), options), render::ViewError);
    try {
        render::map_view(map, graph::build(map), options);
    } catch (const render::ViewError& error) {
        CHECK(error.setting() == "color_areas");
    }
}

TEST_CASE("render: A4 and A3 sheets in points, portrait and landscape") {
    // 1 mm = 72 / 25.4 pt: A4 210 × 297 mm = 595.28 × 841.89 pt, A3 297 × 420 mm = 841.89 ×
    // 1190.55.
    const auto a4 = render::paper_sheet("A4", false);
    REQUIRE(a4);
    CHECK(a4->width == doctest::Approx(595.2756).epsilon(1e-6));
    CHECK(a4->height == doctest::Approx(841.8898).epsilon(1e-6));
    const auto a3 = render::paper_sheet("A3", true);
    REQUIRE(a3);
    CHECK(a3->landscape);
    CHECK(a3->width == doctest::Approx(1190.5512).epsilon(1e-6));
    CHECK(a3->height == doctest::Approx(841.8898).epsilon(1e-6));
    CHECK_FALSE(render::paper_sheet("B5", false));
    CHECK(render::paper_margin == doctest::Approx(28.34646).epsilon(1e-6)); // 10 mm
}

TEST_CASE("render: a drawing is scaled into the sheet's margins, and refused below 6 pt") {
    // One box 10 in × 1 in = 720 × 72 pt. A4 portrait leaves 595.28 − 2 × 28.35 = 538.58 pt of
    // width: scale 538.58 / 720 = 0.748. Text of 10 pt prints at 7.48 pt, of 8 pt at 5.98 pt.
    auto box = [](int font) {
        return "digraph { graph [pad=\"0\"]; a [shape=box, fixedsize=true, width=10, height=1, "
               "fontsize=" +
               std::to_string(font) + ", label=\"x\"]; }";
    };
    const auto a4 = *render::paper_sheet("A4", false);
    const auto fits = render::fit_on_paper(box(10), "neato", a4);
    CHECK(fits.width == doctest::Approx(720));
    CHECK(fits.height == doctest::Approx(72));
    CHECK(fits.scale == doctest::Approx(0.74803).epsilon(1e-4));
    CHECK(fits.smallest_text == doctest::Approx(10));
    CHECK(fits.smallest_printed_text() == doctest::Approx(7.4803).epsilon(1e-4));
    CHECK(fits.readable());
    const auto too_small = render::fit_on_paper(box(8), "neato", a4);
    CHECK(too_small.smallest_printed_text() == doctest::Approx(5.9843).epsilon(1e-4));
    CHECK_FALSE(too_small.readable());
    CHECK_THROWS_AS(render::render_dot(box(8), "neato", "pdf", {.paper = a4}), render::DoesNotFit);
    // On A3 portrait (841.89 − 56.69 = 785.2 pt of usable width) the same box
    // scales by 785.2 / 720 = 1.09: 8 pt prints at 8.72 pt.
    const auto a3 = *render::paper_sheet("A3", false);
    CHECK(render::fit_on_paper(box(8), "neato", a3).scale == doctest::Approx(1.0906).epsilon(1e-4));
    const std::string pdf = render::render_dot(box(8), "neato", "pdf", {.paper = a3});
    CHECK(pdf.find("/MediaBox [ 0 0 842 1191 ]") != std::string::npos);
    // A small drawing is enlarged, at most twice.
    const auto dot = render::fit_on_paper(
        "digraph { graph [pad=\"0\"]; a [shape=box, fixedsize=true, width=1, height=1, "
        "label=\"x\"]; }",
        "neato", a3);
    CHECK(dot.scale == doctest::Approx(render::largest_enlargement));
}

TEST_CASE("render: the smallest text counts every label, HTML font sizes included") {
    const auto a3 = *render::paper_sheet("A3", false);
    const auto fit = render::fit_on_paper(
        "digraph { graph [label=<legend <font point-size=\"7\">small</font>>, fontsize=12]; "
        "a [label=\"a\", fontsize=9]; b [label=\"\", fontsize=3]; a -> b [label=\"e\", "
        "fontsize=8]; }",
        "dot", a3);
    CHECK(fit.smallest_text == doctest::Approx(7)); // b shows no text: its size does not count
}

TEST_CASE("render: rectangles packed without overlaps, shaped like the target") {
    // Four 100 × 100 squares: a square target gives 2 × 2 (200 × 200), a 4 : 1 target one row.
    const std::vector<render::Size> squares(4, {100, 100});
    const auto square = render::pack_rectangles(squares, 0, {1, 1});
    CHECK(square.size.width == doctest::Approx(200));
    CHECK(square.size.height == doctest::Approx(200));
    const auto row = render::pack_rectangles(squares, 0, {4, 1});
    CHECK(row.size.width == doctest::Approx(400));
    CHECK(row.size.height == doctest::Approx(100));
    // Mixed sizes with a gap: inside the packing, and apart by at least the gap.
    const std::vector<render::Size> mixed = {{300, 120}, {80, 200}, {150, 90},
                                             {60, 60},   {220, 40}, {100, 100}};
    const double gap = 10;
    const auto packing = render::pack_rectangles(mixed, gap, {1.41, 1});
    REQUIRE(packing.corner.size() == mixed.size());
    for (std::size_t a = 0; a < mixed.size(); ++a) {
        CAPTURE(a);
        CHECK(packing.corner[a].x >= -1e-9);
        CHECK(packing.corner[a].y >= -1e-9);
        CHECK(packing.corner[a].x + mixed[a].width <= packing.size.width + 1e-9);
        CHECK(packing.corner[a].y + mixed[a].height <= packing.size.height + 1e-9);
        for (std::size_t b = a + 1; b < mixed.size(); ++b) {
            const bool apart =
                packing.corner[a].x + mixed[a].width + gap <= packing.corner[b].x + 1e-9 ||
                packing.corner[b].x + mixed[b].width + gap <= packing.corner[a].x + 1e-9 ||
                packing.corner[a].y + mixed[a].height + gap <= packing.corner[b].y + 1e-9 ||
                packing.corner[b].y + mixed[b].height + gap <= packing.corner[a].y + 1e-9;
            CHECK(apart);
        }
    }
}

namespace {

struct Box {
    double left, bottom, right, top;
};

/// The clusters of a composed DOT and the positions of the nodes inside each.
std::vector<std::pair<Box, std::vector<std::pair<double, double>>>>
composed_clusters(const std::string& dot) {
    std::vector<std::pair<Box, std::vector<std::pair<double, double>>>> clusters;
    bool inside = false;
    std::size_t start = 0;
    while (start < dot.size()) {
        const auto end = dot.find('\n', start);
        const std::string line = dot.substr(start, end - start);
        start = end == std::string::npos ? dot.size() : end + 1;
        if (line.find("subgraph \"cluster_") != std::string::npos) {
            inside = true;
            clusters.emplace_back();
        } else if (line == "  }") {
            inside = false;
        } else if (inside && line.find(" bb=\"") != std::string::npos) {
            Box& box = clusters.back().first;
            std::sscanf(line.c_str() + line.find(" bb=\"") + 5, "%lf,%lf,%lf,%lf", &box.left,
                        &box.bottom, &box.right, &box.top);
        } else if (inside && line.find("pos=\"") != std::string::npos) {
            double x = 0;
            double y = 0;
            std::sscanf(line.c_str() + line.find("pos=\"") + 5, "%lf,%lf", &x, &y);
            clusters.back().second.emplace_back(x, y);
        }
    }
    return clusters;
}

} // namespace

/// Whether two boxes (centre and size) share more than a hair of area.
bool overlapping(const render::Layout::Box& a, const render::Layout::Box& b) {
    return std::abs(a.x - b.x) < (a.width + b.width) / 2.0 - 0.01 &&
           std::abs(a.y - b.y) < (a.height + b.height) / 2.0 - 0.01;
}

TEST_CASE("render: the examples' clustered maps fit a page: aspect, no overlaps, 8 pt on A3") {
    for (const char* example : {"prato", "roma-municipio-ii", "unione-comuni"}) {
        CAPTURE(example);
        const auto map =
            io::load_map(std::string(STAKEMAP_SOURCE_DIR "/examples/") + example + "/map.json");
        // As the README's main job and the report draw them: the relations in force on the
        // map's date.
        const graph::BuildOptions build{.at = map.date};
        const auto graph = graph::build(map, build);
        render::ViewOptions options{.cluster = render::Cluster::area,
                                    .size_by = analysis::Measure::betweenness,
                                    .highlight = render::Highlight::gaps,
                                    .language = model::Language::it,
                                    .build = build};
        // On a screen: composed to a landscape A-series page, within 1.6 : 1 either way (dot drew
        // Municipio II 3.4 times wider than high).
        const auto screen = render::map_view(map, graph, options);
        CHECK(screen.engine == render::composed_engine);
        const auto laid = render::layout(screen.dot, screen.engine);
        CHECK(laid.width() / laid.height() <= 1.6);
        CHECK(laid.height() / laid.width() <= 1.6);

        options.paper = render::PaperSize::a3;
        for (const bool landscape : {false, true}) {
            CAPTURE(landscape);
            options.landscape = landscape;
            const auto view = render::map_view(map, graph, options);
            const auto sheet = *render::paper_sheet("A3", landscape);
            const auto fit = render::fit_on_paper(view.dot, view.engine, sheet);
            // Actor names are 10 pt in the drawing and print at 8 pt or more on A3.
            CHECK(fit.smallest_text == doctest::Approx(10));
            CHECK(fit.smallest_printed_text() >= 8.0);
            CHECK(fit.width / fit.height <= 1.6);
            CHECK(fit.height / fit.width <= 1.6);
            if (landscape) {
                continue;
            }
            // No two actors (nor an actor and the legend) overlap; every actor of an area lies
            // wholly inside the area's box; no two boxes overlap, nor the legend and a box.
            const auto placed = render::layout(view.dot, view.engine);
            std::vector<std::pair<std::string, render::Layout::Box>> nodes(placed.nodes.begin(),
                                                                           placed.nodes.end());
            CHECK(nodes.size() == map.actors.size() + 1); // the actors and the legend
            for (std::size_t a = 0; a < nodes.size(); ++a) {
                for (std::size_t b = a + 1; b < nodes.size(); ++b) {
                    CAPTURE(nodes[a].first);
                    CAPTURE(nodes[b].first);
                    CHECK_FALSE(overlapping(nodes[a].second, nodes[b].second));
                }
            }
            const auto clusters = composed_clusters(view.dot);
            CHECK(clusters.size() >= 3);
            for (std::size_t a = 0; a < clusters.size(); ++a) {
                const Box& box = clusters[a].first;
                const render::Layout::Box as_box{(box.left + box.right) / 2.0,
                                                 (box.bottom + box.top) / 2.0, box.right - box.left,
                                                 box.top - box.bottom};
                CHECK_FALSE(overlapping(as_box, placed.nodes.at("legend")));
                for (const auto& [x, y] : clusters[a].second) {
                    // The node at (x, y): find its size.
                    for (const auto& [name, node] : nodes) {
                        if (std::abs(node.x - x) < 0.01 && std::abs(node.y - y) < 0.01) {
                            CAPTURE(name);
                            CHECK(node.x - node.width / 2.0 >= box.left);
                            CHECK(node.x + node.width / 2.0 <= box.right);
                            CHECK(node.y - node.height / 2.0 >= box.bottom);
                            CHECK(node.y + node.height / 2.0 <= box.top);
                        }
                    }
                }
                for (std::size_t b = a + 1; b < clusters.size(); ++b) {
                    const Box& other = clusters[b].first;
                    const bool apart = box.right <= other.left || other.right <= box.left ||
                                       box.top <= other.bottom || other.top <= box.bottom;
                    CHECK(apart);
                }
            }
            // Composed drawings are the same from call to call in one process.
            CHECK(render::map_view(map, graph, options).dot == view.dot);
        }
    }
}

TEST_CASE("render: each relation type its own line, and the legend shows exactly those lines") {
    for (const char* example : {"prato", "roma-municipio-ii", "unione-comuni"}) {
        CAPTURE(example);
        const auto map =
            io::load_map(std::string(STAKEMAP_SOURCE_DIR "/examples/") + example + "/map.json");
        const auto graph = graph::build(map);
        const auto vocabulary = io::default_vocabulary().merged_with(map);
        render::ViewOptions options{.cluster = render::Cluster::area};
        const std::string dot = render::map_view(map, graph, options).dot;
        // Every tie drawn: `id="rN"` (the relation's place in the map), its style and colour.
        std::map<std::string, std::set<std::pair<std::string, std::string>>> looks_of_type;
        std::size_t ties = 0;
        for (std::size_t at = dot.find(" [id=\"r"); at != std::string::npos;
             at = dot.find(" [id=\"r", at + 1)) {
            const std::size_t index = std::stoul(dot.substr(at + 7));
            const std::string line = dot.substr(at, dot.find('\n', at) - at);
            auto value = [&](const std::string& key) {
                const std::size_t from = line.find(key + "=") + key.size() + 1;
                const bool quoted = line[from] == '"';
                const std::size_t start = from + (quoted ? 1 : 0);
                const std::size_t end = line.find(quoted ? "\"" : ",", start);
                return line.substr(start, end - start);
            };
            REQUIRE(index < map.relations.size());
            looks_of_type[map.relations[index].type.value_or("")].insert(
                {value("style"), value("color")});
            ++ties;
        }
        CHECK(ties >= 50);
        CHECK(looks_of_type.size() >= 5);
        std::set<std::pair<std::string, std::string>> looks;
        const std::string glyph_of[] = {"solid", "───", "dashed", "╌╌╌", "dotted", "┈┈┈"};
        std::size_t legend_rows = 0;
        for (const auto& [type, seen] : looks_of_type) {
            CAPTURE(type);
            REQUIRE(seen.size() == 1); // one look per type…
            const auto [style, colour] = *seen.begin();
            CHECK(looks.insert({style, colour}).second); // …and no two types alike
            CHECK(style != "bold");                      // width means strength only
            // The legend row: the same line in the same colour, then the type's label.
            std::string glyph;
            for (std::size_t k = 0; k < 6; k += 2) {
                if (glyph_of[k] == style) {
                    glyph = glyph_of[k + 1];
                }
            }
            const model::Term* term = vocabulary.find_relation_type(type);
            REQUIRE(term != nullptr);
            const std::string row = "<font color=\"" + colour + "\" point-size=\"11\">" + glyph +
                                    "</font></td><td align=\"left\">" +
                                    model::text(term->label, model::Language::en) + "</td>";
            CHECK(dot.find(row) != std::string::npos);
        }
        // Exactly one legend row per type drawn, and strength said once.
        for (std::size_t at = dot.find("point-size=\"11\">"); at != std::string::npos;
             at = dot.find("point-size=\"11\">", at + 1)) {
            const std::string glyph = dot.substr(at + 16, 9);
            if (glyph == "───" || glyph == "╌╌╌" || glyph == "┈┈┈") {
                ++legend_rows;
            }
        }
        CHECK(legend_rows == looks_of_type.size() + 1); // + "Line width: strength of the tie"
        CHECK(dot.find("Line width: strength of the tie") != std::string::npos);
    }
}

TEST_CASE("render: legends in Italian, with labels instead of ids and Italian numbers") {
    const auto map = io::load_map(STAKEMAP_SOURCE_DIR "/examples/prato/map.json");
    const auto graph = graph::build(map);
    render::ViewOptions options{.cluster = render::Cluster::area,
                                .color_by = render::Grouping::kind,
                                .size_by = analysis::Measure::betweenness,
                                .highlight = render::Highlight::gaps,
                                .language = model::Language::from_code("it")};
    const auto network = render::map_view(map, graph, options);
    CHECK(network.dot.find("Dimensione: intermediazione") != std::string::npos);
    CHECK(network.dot.find("Colore: tipo di attore") != std::string::npos);
    CHECK(network.dot.find("Legami: tratto e colore secondo il tipo") != std::string::npos);
    CHECK(network.dot.find("Bordo rosso: attore critico") != std::string::npos);
    CHECK(network.dot.find("betweenness") == std::string::npos);
    CHECK(network.dot.find("Shape") == std::string::npos);
    options.view = render::View::grid;
    const auto grid = render::map_view(map, graph, options);
    for (const char* text : {"Gestire da vicino", "Tenere soddisfatti", "Tenere informati",
                             "Monitorare", "Interesse →", "Potere ↑"}) {
        CAPTURE(text);
        CHECK(grid.dot.find(text) != std::string::npos);
    }
    // Prato has 4 actors without both scores (hand count: 67 actors, 63 scored).
    CHECK(grid.dot.find("4 attori senza punteggi di potere e interesse non sono mostrati") !=
          std::string::npos);
    options.view = render::View::coverage;
    const auto coverage = render::map_view(map, graph, options);
    CHECK(coverage.dot.find("<td>0,42</td>") != std::string::npos);
    CHECK(coverage.dot.find("✔ 1.400") != std::string::npos); // demand 1400 in Macrolotto Zero
    CHECK(coverage.dot.find("presente solo grazie ad attori di livello comunale") !=
          std::string::npos);
}

TEST_CASE("render: a crowded grid cell keeps 8 pt names and grows instead") {
    const auto map = io::load_map(STAKEMAP_SOURCE_DIR "/examples/prato/map.json");
    const auto view = render::map_view(map, graph::build(map), {.view = render::View::grid});
    const auto a3 = *render::paper_sheet("A3", true);
    const auto fit = render::fit_on_paper(view.dot, view.engine, a3);
    CHECK(fit.smallest_text == doctest::Approx(8));
}

TEST_CASE("render: every choice has one name, read back ignoring case") {
    for (const auto& [value, name] : render::view_names) {
        CHECK(render::parse_view(name) == value);
        CHECK(render::to_string(value) == name);
    }
    for (const auto& [value, name] : render::cluster_names) {
        CHECK(render::parse_cluster(name) == value);
        CHECK(render::to_string(value) == name);
    }
    for (const auto& [value, name] : render::engine_names) {
        CHECK(render::parse_engine(name) == value);
    }
    CHECK(render::to_string(render::LabelMode::short_name) == "short");
    CHECK(render::parse_label("short") == render::LabelMode::short_name);
    CHECK(render::parse_paper("a3") == render::PaperSize::a3);
    CHECK(render::to_string(render::PaperSize::a4) == "A4");
    CHECK(render::parse_grouping("Level") == render::Grouping::level);
    CHECK_FALSE(render::parse_cluster("aera"));
    CHECK_FALSE(render::parse_paper("B5"));
    CHECK_FALSE(render::parse_output_format(""));
    CHECK(render::names_in(render::cluster_names) ==
          std::vector<std::string>{"area", "sector", "kind", "community", "none"});
    static_assert(render::parse_view("grid") == render::View::grid);
}

TEST_CASE("render: a view that cannot be made names its setting, not an option") {
    const auto map = io::load_map(STAKEMAP_SOURCE_DIR "/examples/prato/map.json");
    const auto graph = graph::build(map);
    auto error_of = [&](const render::ViewOptions& options) -> std::pair<std::string, std::string> {
        try {
            render::map_view(map, graph, options);
        } catch (const render::ViewError& error) {
            return {error.setting(), error.what()};
        }
        return {};
    };
    const auto [ego_setting, ego_message] = error_of({.ego = "comune-prat"});
    CHECK(ego_setting == "ego");
    CHECK(ego_message == "no actor \"comune-prat\" in this map; did you mean \"comune-prato\"?");
    const auto [area_setting, area_message] = error_of({.area = "nowhere"});
    CHECK(area_setting == "area");
    CHECK(area_message == "no area \"nowhere\" in this map");
    const auto [italian_setting, italian_message] =
        error_of({.area = "nowhere", .language = model::Language::from_code("it")});
    CHECK(italian_message == "nessuna area «nowhere» in questa mappa");

    const auto without_areas = hostile_map();
    REQUIRE(without_areas.areas.empty());
    try {
        render::map_view(without_areas, graph::build(without_areas),
                         {.view = render::View::coverage});
        FAIL("a coverage view without areas");
    } catch (const render::ViewError& error) {
        CHECK(error.setting() == "view");
        CHECK(std::string(error.what()).find("--") == std::string::npos);
    }
}

TEST_CASE("render: draw_map writes the file, or refuses a sheet with the ones that fit") {
    const auto map = io::load_map(STAKEMAP_SOURCE_DIR "/examples/roma-municipio-ii/map.json");
    const render::ViewOptions options{.cluster = render::Cluster::area};
    const auto dot = render::draw_map(map, options, render::OutputFormat::dot);
    CHECK_FALSE(dot.refusal);
    CHECK(dot.bytes == render::map_view(map, graph::build(map), options).dot);
    // Grouped by kind its 10 pt names would print at about 5.5 pt on A4 portrait (as
    // tests/CMakeLists.txt's render-paper-too-small says of Prato): refused, readable on A3.
    const auto refused =
        render::draw_map(map, {.cluster = render::Cluster::kind, .paper = render::PaperSize::a4},
                         render::OutputFormat::svg);
    CHECK(refused.bytes.empty());
    REQUIRE(refused.refusal);
    CHECK(refused.refusal->paper.name == "A4");
    CHECK_FALSE(refused.refusal->fit.readable());
    REQUIRE_FALSE(refused.refusal->alternatives.empty());
    CHECK(refused.refusal->alternatives.front().paper == render::PaperSize::a3);
}

TEST_CASE("render: parallel relations of one type are one line as wide as their weights") {
    model::Map map;
    map.title = "parallel";
    map.actors.push_back({.id = "a", .name = "A"});
    map.actors.push_back({.id = "b", .name = "B"});
    // 50,000 referrals a–b (weight 0.00002 each, 1 in all), one b–a the other way round (the
    // same undirected pair), one funding tie a–b: three lines would be wrong, two are right.
    for (int i = 0; i < 50'000; ++i) {
        map.relations.push_back(
            {.source = "a", .target = "b", .type = "referral", .weight = 0.00002});
    }
    map.relations.push_back({.source = "b", .target = "a", .type = "referral", .weight = 1.0});
    map.relations.push_back({.source = "a", .target = "b", .type = "funding", .weight = 2.0});
    const auto view = render::map_view(map, graph::build(map), {});
    std::size_t lines = 0;
    for (auto at = view.dot.find(" -> "); at != std::string::npos;
         at = view.dot.find(" -> ", at + 1)) {
        ++lines;
    }
    CHECK(lines == 2);
    // Width 0.6 + 0.5 × total weight: referrals 0.6 + 0.5 × 2 = 1.6; funding 0.6 + 0.5 × 2 = 1.6.
    CHECK(view.dot.find("id=\"r0\", penwidth=1.6,") != std::string::npos);
    CHECK(view.dot.find("id=\"r50001\", penwidth=1.6,") != std::string::npos);
    const std::string svg = render::render_dot(view.dot, view.engine, "svg");
    CHECK(svg.find("<g id=\"r0\"") != std::string::npos);
}

TEST_CASE("render: a drawing larger than a page can show is refused with what to draw instead") {
    model::Map map;
    map.title = "large";
    for (std::size_t i = 0; i <= render::max_drawn_actors; ++i) {
        map.actors.push_back({.id = "a" + std::to_string(i), .name = "A" + std::to_string(i)});
    }
    try {
        render::map_view(map, graph::build(map), {});
        FAIL("no ViewError");
    } catch (const render::ViewError& error) {
        const std::string message = error.what();
        CHECK(message.find("would show 2,001 actors and 0 ties") != std::string::npos);
        CHECK(message.find("--area ID") != std::string::npos);
        CHECK(message.find("--ego ID") != std::string::npos);
    }
    // One actor and its neighbours is drawn.
    render::ViewOptions ego;
    ego.ego = "a7";
    CHECK_NOTHROW(render::map_view(map, graph::build(map), ego));
}

TEST_CASE("render: a PDF carries the map's date as its creation date, not the moment it was made") {
    // Byte-identical PDFs from run to run are checked across processes (cli/determinism,
    // render-pdf, a composed drawing): neato's own routing of a tie can change from run to run
    // (docs/render.md).
    auto map = io::load_map(STAKEMAP_SOURCE_DIR "/examples/prato/map.json");
    const auto dated = render::draw_map(map, {}, render::OutputFormat::pdf).bytes;
    CHECK(dated.find("/CreationDate (D:20241015000000") != std::string::npos);
    map.date.reset();
    const auto undated = render::draw_map(map, {}, render::OutputFormat::pdf).bytes;
    CHECK(undated.find("/CreationDate (D:19700101000000") != std::string::npos);
}
