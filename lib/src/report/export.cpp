#include "stakemap/report/export.hpp"

#include "stakemap/analysis/centrality.hpp"
#include "stakemap/graph/analysis_graph.hpp"
#include "stakemap/io/vocabulary.hpp"
#include "stakemap/model/vocabulary.hpp"
#include "stakemap/render/drawing.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace stakemap::report {

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

model::Map anonymized(const model::Map& map, model::Language language) {
    const model::Vocabulary vocabulary = io::default_vocabulary().merged_with(map);
    const model::KindTerm* any_actor = vocabulary.find_kind("actor");
    model::Map out = map;
    out.title.clear();
    out.description.clear();
    std::map<std::string, std::string> new_ids; // original actor id → pseudonym id
    std::map<std::string, std::size_t> count_of_kind;
    for (std::size_t i = 0; i < out.actors.size(); ++i) {
        model::Actor& actor = out.actors[i];
        const model::KindTerm* kind = vocabulary.find_kind(actor.kind_id());
        if (kind == nullptr) {
            kind = any_actor; // a kind the vocabulary does not know: its id might name someone
        }
        const std::string label = kind != nullptr ? model::text(kind->label, language) : "actor";
        const std::size_t number = ++count_of_kind[label];
        new_ids.emplace(actor.id, "actor-" + std::to_string(i + 1));
        actor.id = "actor-" + std::to_string(i + 1);
        actor.name = label + " " + std::to_string(number);
        if (kind == any_actor && actor.kind && actor.kind != "actor") {
            actor.kind = "actor";
        }
        actor.short_name.reset();
        actor.tags.clear();
        actor.note.clear();
        std::erase_if(actor.attributes, [](const auto& attribute) {
            return std::holds_alternative<std::string>(attribute.second);
        });
    }
    for (std::size_t i = 0; i < out.relations.size(); ++i) {
        model::Relation& relation = out.relations[i];
        if (relation.id) {
            relation.id = "relation-" + std::to_string(i + 1);
        }
        for (std::string* end : {&relation.source, &relation.target}) {
            const auto found = new_ids.find(*end);
            *end = found != new_ids.end() ? found->second : "actor-unknown";
        }
        relation.informants.clear();
        relation.note.clear();
        std::erase_if(relation.attributes, [](const auto& attribute) {
            return std::holds_alternative<std::string>(attribute.second);
        });
    }
    for (model::Need& need : out.needs) {
        need.note.clear();
    }
    return out;
}

model::Map prepared_for_export(const model::Map& map, const ExportOptions& options) {
    if (!options.anonymize) {
        return options.with_measures ? with_measures(map, options) : map;
    }
    const model::Map anonymous = anonymized(map, options.language);
    return options.with_measures ? with_measures(anonymous, options) : anonymous;
}

io::ActorLooks actor_looks(const model::Map& map, const ExportOptions& options) {
    const model::Vocabulary vocabulary = io::default_vocabulary().merged_with(map);
    io::ActorLooks looks;
    for (const auto& actor : map.actors) {
        looks.colours.push_back(render::sector_colour(model::sector_of(actor, vocabulary)));
    }
    const auto betweenness =
        analysis::betweenness(graph::build(map, {.types = options.types, .at = options.at}));
    const double largest =
        betweenness.empty() ? 0.0 : *std::max_element(betweenness.begin(), betweenness.end());
    for (const double value : betweenness) {
        looks.sizes.push_back(10.0 * (largest > 0.0 ? render::sized_node_width(value, largest)
                                                    : render::sized_node_width(0.0, 1.0)));
    }
    return looks;
}

std::string export_map(const model::Map& map, const ExportOptions& options) {
    const model::Map prepared = prepared_for_export(map, options);
    if (options.format != io::ExportFormat::gexf) {
        return io::export_map(prepared, options);
    }
    ExportOptions with_looks = options;
    with_looks.looks = actor_looks(prepared, options);
    return io::export_map(prepared, with_looks);
}

std::vector<io::SheetFile> export_sheet_files(const model::Map& map, const ExportOptions& options) {
    return io::export_sheet_files(prepared_for_export(map, options), options);
}

} // namespace stakemap::report
