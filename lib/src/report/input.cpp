#include "stakemap/report/input.hpp"

#include "stakemap/io/diagnostics.hpp"
#include "stakemap/io/vocabulary.hpp"
#include "stakemap/model/grouping.hpp"

#include <nlohmann/json.hpp>

namespace stakemap::report {

namespace {

/// The date relations are analysed at: "" for every relation.
std::string effective_at(const AnalysisSettings& settings, const model::Map& map) {
    if (settings.at == "all") {
        return "";
    }
    return settings.at.empty() ? map.date.value_or("") : settings.at;
}

model::Map edited_map(const model::Map& map, const AnalysisSettings& settings) {
    return model::apply(map, *settings.what_if);
}

} // namespace

Input::Input(model::Map map, AnalysisSettings settings)
    : original_(std::move(map)),
      edited_(settings.what_if ? std::optional<model::Map>(edited_map(original_, settings))
                               : std::nullopt),
      settings_(std::move(settings)), build_{.types = settings_.types,
                                             .at = std::nullopt,
                                             .merge = settings_.merge,
                                             .distance = settings_.distance},
      vocabulary_(io::default_vocabulary().merged_with(edited_ ? *edited_ : original_)) {
    const std::string at = effective_at(settings_, original_);
    if (!at.empty()) {
        build_.at = at;
    }
    graph_ = graph::build(this->map(), build_);
}

graph::AnalysisGraph Input::original_graph() const {
    return graph::build(original_, build_);
}

std::string Input::title() const {
    return original_.title.empty() ? settings_.source : original_.title;
}

nlohmann::ordered_json Input::options_json() const {
    nlohmann::ordered_json out;
    out["types"] = settings_.types;
    out["at"] = build_.at ? nlohmann::ordered_json(*build_.at) : nlohmann::ordered_json(nullptr);
    if (settings_.at.empty() && original_.date && !original_.date->empty()) {
        out["at_source"] = "map date";
    }
    out["distance"] = name_in(distance_names, settings_.distance);
    out["merge"] = name_in(merge_names, settings_.merge);
    return out;
}

nlohmann::ordered_json Input::what_if_json() const {
    auto added = nlohmann::ordered_json::array();
    for (const auto& relation : settings_.what_if->added_relations) {
        added.push_back({{"source", relation.source},
                         {"target", relation.target},
                         {"type", relation.type ? nlohmann::ordered_json(*relation.type)
                                                : nlohmann::ordered_json(nullptr)},
                         {"weight", relation.weight}});
    }
    return {{"removed", settings_.what_if->removed_actors}, {"added", std::move(added)}};
}

std::string Input::what_if_text() const {
    const text::Words words(settings_.language);
    std::vector<std::string> parts;
    if (!settings_.what_if->removed_actors.empty()) {
        std::string ids;
        for (const auto& id : settings_.what_if->removed_actors) {
            ids += (ids.empty() ? "" : " ") + id;
        }
        parts.push_back(words("without {ids}", {{"ids", ids}}));
    }
    for (const auto& relation : settings_.what_if->added_relations) {
        parts.push_back(words("with the tie {source}–{target}",
                              {{"source", relation.source}, {"target", relation.target}}));
    }
    std::string out = words("What if:");
    for (std::size_t i = 0; i < parts.size(); ++i) {
        out += (i == 0 ? " " : "; ") + parts[i];
    }
    return out;
}

void check_grouping(const Input& input, const std::string& name, const char* setting) {
    if (model::group_labels(input.map(), input.vocabulary(), name)) {
        return;
    }
    const text::Words words(input.language());
    const auto available = model::available_groupings(input.map());
    std::string message = words("no grouping \"{name}\" in this map; use {groupings}",
                                {{"name", name}, {"groupings", words.list_and(available)}});
    const std::string nearest = io::nearest_name(name, available);
    if (!nearest.empty()) {
        message += words("; did you mean \"{name}\"?", {{"name", nearest}});
    }
    throw UsageError(message, setting);
}

Document new_document(const Input& input, std::string command) {
    Document document;
    document.command = std::move(command);
    document.map = summary_of(input.map());
    document.title = input.title();
    document.options() = input.options_json();
    return document;
}

} // namespace stakemap::report
