// stakemap stats MAP: map-level figures.

#include "../command.hpp"
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

    int run() override { return publish(report::stats_document(*open_map())); }
};

} // namespace

std::unique_ptr<Command> make_stats_command() {
    return std::make_unique<StatsCommand>();
}

} // namespace stakemap::cli
