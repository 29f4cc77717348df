// stakemap stats MAP: map-level figures.

#include "stakemap/analysis/stats.hpp"
#include "../command.hpp"
#include "stakemap/io/vocabulary.hpp"
#include "stakemap/model/grouping.hpp"
#include "stakemap/report/envelope.hpp"
#include "stakemap/report/stats_report.hpp"

namespace stakemap::cli {

namespace {

class StatsCommand : public Command {
public:
    std::string name() const override { return "stats"; }
    std::string synopsis() const override {
        return text::N_(
            "Print the map-level figures of a map. Actors, relations, density, components "
            "and isolates, the largest component's share, its diameter and average path "
            "length, transitivity, reciprocity (directed maps), degree and betweenness "
            "centralization, and for each grouping (kind, "
            "sector, level, area) its assortativity and modularity.");
    }
    std::string usage() const override { return "stakemap stats MAP [options]"; }
    std::string example() const override {
        return "stakemap stats examples/prato/map.json --format table --lang it";
    }

    int run() override {
        const model::Map map = load_map();
        const graph::AnalysisGraph graph = graph::build(map, common_.build_options());
        analysis::StatsOptions options;
        options.threads = common_.threads;
        options.control = run_control();
        const auto vocabulary = io::default_vocabulary().merged_with(map);
        for (const char* by : {"kind", "sector", "level", "area"}) {
            options.groupings.emplace_back(by, *model::group_labels(map, vocabulary, by));
        }
        const analysis::MapStats stats = analysis::map_stats(graph, options);
        const report::Table table = report::stats_table(stats, common_.language());
        switch (common_.format()) {
        case Format::json:
            emit(report::json_envelope(name(), &map, common_.to_json(),
                                       report::stats_results(stats)));
            break;
        case Format::csv:
            emit_csv(report::stats_results(stats));
            break;
        case Format::md:
            emit("## " + (map.title.empty() ? common_.map_path : map.title) + "\n\n" +
                 report::render_markdown(table));
            break;
        case Format::table:
            emit((map.title.empty() ? common_.map_path : map.title) + "\n\n" +
                 report::render_text(table));
            break;
        }
        return exit_ok;
    }
};

} // namespace

std::unique_ptr<Command> make_stats_command() {
    return std::make_unique<StatsCommand>();
}

} // namespace stakemap::cli
