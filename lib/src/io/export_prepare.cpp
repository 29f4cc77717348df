#include "stakemap/io/export_prepare.hpp"

#include "stakemap/analysis/centrality.hpp"
#include "stakemap/graph/analysis_graph.hpp"

#include <cmath>
#include <map>
#include <set>

namespace stakemap::io {

std::vector<std::string> measure_attribute_names(bool directed) {
    std::vector<std::string> names;
    for (const analysis::Measure measure : analysis::all_measures()) {
        if (!directed &&
            (measure == analysis::Measure::in_degree || measure == analysis::Measure::out_degree)) {
            continue;
        }
        names.emplace_back(analysis::measure_key(measure));
    }
    return names;
}

model::Map with_measures(const model::Map& map, const ExportOptions& options) {
    const graph::AnalysisGraph graph =
        graph::build(map, {.types = options.types, .at = options.at});
    // Every measure that applies, with the defaults of `stakemap centrality`.
    const auto columns = analysis::centrality(graph);
    model::Map out = map;
    std::set<std::string> measure_names;
    for (const auto& column : columns) {
        measure_names.insert(analysis::measure_key(column.measure));
    }
    // The map's own attributes with a measure's name keep their values under a free name, the same
    // on every actor.
    std::set<std::string> taken = measure_names;
    for (const auto& actor : map.actors) {
        for (const auto& [name, value] : actor.attributes) {
            taken.insert(name);
        }
    }
    std::map<std::string, std::string> renamed;
    for (const auto& actor : map.actors) {
        for (const auto& [name, value] : actor.attributes) {
            if (measure_names.count(name) == 0 || renamed.count(name) != 0) {
                continue;
            }
            std::string free = "attribute." + name;
            while (taken.count(free) != 0) {
                free = "attribute." + free;
            }
            taken.insert(free);
            renamed.emplace(name, free);
        }
    }
    for (std::size_t i = 0; i < out.actors.size(); ++i) {
        auto& attributes = out.actors[i].attributes;
        for (const auto& [name, free] : renamed) {
            const auto found = attributes.find(name);
            if (found != attributes.end()) {
                attributes.emplace(free, found->second);
                attributes.erase(found);
            }
        }
        for (const auto& column : columns) {
            const double value = column.values.at(i);
            if (!std::isnan(value)) {
                attributes[analysis::measure_key(column.measure)] = value;
            }
        }
    }
    return out;
}

model::Map prepared_for_export(const model::Map& map, const ExportOptions& options) {
    if (options.with_measures) {
        return with_measures(map, options);
    }
    return map;
}

} // namespace stakemap::io
