#include "stakemap/analysis/compare.hpp"
#include "stakemap/io/map_reader.hpp"
#include "stakemap/io/option_reader.hpp"
#include "stakemap/io/vocabulary.hpp"
#include "stakemap/report/assess_report.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace stakemap;
using analysis::FigureKind;

namespace {

// Two neighbourhoods. North has the municipality and a social service (an access point), tied
// to each other; south has a migrant association and a community group, tied to nobody.
//
//   comune — ss          assoc          group
//
// Option "desk" adds a help desk in north tied to both institutions (1 actor, 2 ties): a
// triangle comune–ss–desk. Option "bridge" ties the association to the social service and the
// group to the association (no actor, 2 ties): a path comune–ss–assoc–group.
constexpr const char* city = R"({
  "format": "stakemap/1",
  "areas": [{"id": "north"}, {"id": "south"}],
  "actors": [
    {"id": "comune", "name": "COMUNE", "kind": "municipality", "area": "north"},
    {"id": "ss", "name": "SS", "kind": "social_service", "area": "north"},
    {"id": "assoc", "name": "ASSOC", "kind": "migrant_association", "area": "south"},
    {"id": "group", "name": "GROUP", "kind": "community_group", "area": "south"}
  ],
  "relations": [{"source": "comune", "target": "ss", "type": "governance"}]
})";

constexpr const char* desk = R"({"format": "stakemap-option/1", "title": "Desk",
  "add": {"actors": [{"id": "desk", "name": "DESK", "kind": "help_desk", "area": "north"}],
          "relations": [{"source": "desk", "target": "comune"}, {"source": "desk", "target": "ss"}]}})";

constexpr const char* bridge = R"({"format": "stakemap-option/1", "title": "Bridge",
  "add": {"relations": [{"source": "assoc", "target": "ss", "type": "referral"},
                        {"source": "group", "target": "assoc"}]}})";

struct Analysed {
    model::Map map;
    graph::AnalysisGraph graph;
    analysis::OptionFigures figures;
};

Analysed analyse(model::Map map, const model::Rubric& rubric) {
    const auto vocabulary = io::default_vocabulary().merged_with(map);
    auto graph = graph::build(map);
    analysis::CompareOptions options;
    options.access_target = 1;
    auto figures = analysis::option_figures(map, vocabulary, graph, rubric, options);
    return {std::move(map), std::move(graph), std::move(figures)};
}

const analysis::ComparedFigure& row(const analysis::Comparison& comparison, FigureKind kind,
                                    std::optional<std::size_t> subject = std::nullopt) {
    for (const auto& figure : comparison.figures) {
        if (figure.kind == kind && figure.subject == subject) {
            return figure;
        }
    }
    FAIL("no such row");
    return comparison.figures.front();
}

double value(const analysis::ComparedFigure& figure, std::size_t column) {
    REQUIRE(figure.values[column].has_value());
    return *figure.values[column];
}

} // namespace

TEST_CASE("compare: the best option on each row, worked out by hand") {
    auto read = io::read_map_text(city, "city.json");
    REQUIRE(read.ok());
    const model::Map map = *read.map;
    const auto rubric = report::rubric_for("default", model::Language::en);
    const auto with_desk = io::apply_option_text(map, desk, "desk.json");
    const auto with_bridge = io::apply_option_text(map, bridge, "bridge.json");
    const Analysed current = analyse(map, rubric);
    const Analysed a = analyse(with_desk.map, rubric);
    const Analysed b = analyse(with_bridge.map, rubric);
    const auto comparison =
        analysis::compare_options(map, current.figures, {&a.map, &b.map}, {&a.figures, &b.figures},
                                  {{{1, 2, 0}}, {{0, 2, 0}}}, rubric, 1);

    // Cost: the desk brings an actor, the bridge none; both need two ties (no option better).
    const auto& actors = row(comparison, FigureKind::actors_added);
    CHECK(value(actors, 1) == 1.0);
    CHECK(value(actors, 2) == 0.0);
    CHECK(actors.best == std::vector<std::size_t>{1});
    CHECK(row(comparison, FigureKind::relations_added).best.empty());

    // Community actors reaching no institution within 2 steps: assoc and group on the map and
    // with the desk; with the bridge assoc is 1 step from ss and group 2: none.
    const auto& unreached = row(comparison, FigureKind::unreached);
    CHECK(value(unreached, 0) == 2.0);
    CHECK(value(unreached, 1) == 2.0);
    CHECK(value(unreached, 2) == 0.0);
    CHECK(unreached.best == std::vector<std::size_t>{1});
    CHECK(comparison.reach[1].reached == std::vector<std::string>{"assoc", "group"});
    CHECK(comparison.reach[0].reached.empty());

    // Cut actors: none on the map (one tie) nor in the desk's triangle; the bridge's path
    // comune–ss–assoc–group has two, ss and assoc. The desk does best.
    const auto& cut = row(comparison, FigureKind::cut_actors);
    CHECK(value(cut, 0) == 0.0);
    CHECK(value(cut, 1) == 0.0);
    CHECK(value(cut, 2) == 2.0);
    CHECK(cut.best == std::vector<std::size_t>{0});
    CHECK(comparison.reach[1].new_cut == std::vector<std::string>{"ss", "assoc"});

    // Isolated actors: assoc and group, except with the bridge.
    const auto& isolates = row(comparison, FigureKind::isolates);
    CHECK(value(isolates, 1) == 2.0);
    CHECK(value(isolates, 2) == 0.0);
    CHECK(isolates.best == std::vector<std::size_t>{1});

    // Access points with a target of 1: north has ss (1), with the desk 2 — both at the target,
    // so no option does better there; south has none in any map.
    const auto& north = row(comparison, FigureKind::area_access_points, 0);
    CHECK(value(north, 0) == 1.0);
    CHECK(value(north, 1) == 2.0);
    CHECK(value(north, 2) == 1.0);
    CHECK(north.best.empty());
    CHECK(value(row(comparison, FigureKind::areas_at_target), 1) == 1.0);

    // Resemblance to a model is descriptive: never a best.
    CHECK(row(comparison, FigureKind::model_score, 0).best.empty());
    CHECK(row(comparison, FigureKind::model_score, 0).better == analysis::Better::none);
}
