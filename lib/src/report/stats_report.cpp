#include "stakemap/report/stats_report.hpp"

#include "stakemap/model/grouping.hpp"
#include "stakemap/text/words.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

namespace stakemap::report {

nlohmann::ordered_json stats_results(const analysis::MapStats& stats) {
    nlohmann::ordered_json out;
    out["actors"] = stats.actors;
    out["relations"] = stats.relations;
    out["ties"] = stats.ties;
    out["directed"] = stats.directed;
    out["density"] = stats.density;
    out["components"] = stats.components;
    out["isolates"] = stats.isolates;
    out["largest_component"] = stats.largest_component;
    out["largest_component_share"] = stats.largest_component_share;
    if (stats.strong_components) {
        out["strong_components"] = *stats.strong_components;
    }
    out["diameter"] = stats.diameter;
    out["average_path_length"] = stats.average_path_length;
    out["transitivity"] = stats.transitivity;
    if (stats.reciprocity) {
        out["reciprocity"] = *stats.reciprocity;
    }
    out["degree_centralization"] = stats.degree_centralization;
    out["betweenness_centralization"] = stats.betweenness_centralization;
    if (stats.path_sources > 0 || stats.betweenness_estimated) {
        nlohmann::ordered_json estimated;
        if (stats.path_sources > 0) {
            estimated["diameter"] =
                "lower bound from " + std::to_string(stats.path_sources) + " sampled sources";
            estimated["average_path_length"] =
                "mean over " + std::to_string(stats.path_sources) + " sampled sources";
        }
        if (stats.betweenness_estimated) {
            estimated["betweenness_centralization"] = "from approximate betweenness, epsilon 0.01";
        }
        out["estimated"] = std::move(estimated);
    }
    auto groupings = nlohmann::ordered_json::object();
    for (const auto& figures : stats.groupings) {
        auto number = [](double value) {
            return std::isnan(value) ? nlohmann::ordered_json(nullptr)
                                     : nlohmann::ordered_json(value);
        };
        groupings[figures.grouping] = {{"assortativity", number(figures.assortativity)},
                                       {"modularity", number(figures.modularity)}};
    }
    out["groupings"] = std::move(groupings);
    return out;
}

Table stats_table(const analysis::MapStats& stats, model::Language language) {
    const text::Words words(language);
    Table table;
    table.columns = {words("figure"), words("value")};
    table.right_aligned = {false, true};
    auto row = [&](std::string figure, std::string value) {
        table.rows.push_back({std::move(figure), std::move(value)});
    };
    auto count = [&](std::size_t n) {
        return words.integer(static_cast<long long>(n));
    };
    auto number = [&](double value) {
        return std::isnan(value) ? std::string("–") : words.number(value, 4);
    };
    row(words("actors"), count(stats.actors));
    row(words("relations analysed"), count(stats.relations));
    row(words("ties (merged relations)"), count(stats.ties));
    row(words("directed"), stats.directed ? words("yes") : words("no"));
    row(words("density"), number(stats.density));
    row(words("connected components"), count(stats.components));
    row(words("isolated actors"), count(stats.isolates));
    row(words("largest component (actors)"), count(stats.largest_component));
    row(words("share in the largest component"), words.percent(stats.largest_component_share));
    if (stats.strong_components) {
        row(words("strongly connected components"), count(*stats.strong_components));
    }
    row(words("diameter (steps)"), count(stats.diameter));
    row(words("average path length (steps)"), number(stats.average_path_length));
    row(words("transitivity"), number(stats.transitivity));
    if (stats.reciprocity) {
        row(words("reciprocity"), number(*stats.reciprocity));
    }
    row(words("degree centralization"), number(stats.degree_centralization));
    row(words("betweenness centralization"), number(stats.betweenness_centralization));
    for (const auto& figures : stats.groupings) {
        const std::string by = grouping_label(figures.grouping, words);
        row(words("assortativity by {grouping}", {{"grouping", by}}),
            number(figures.assortativity));
        row(words("modularity of groups by {grouping}", {{"grouping", by}}),
            number(figures.modularity));
    }
    return table;
}

std::string group_value_label(const model::Map& map, const model::Vocabulary& vocabulary,
                              const std::string& grouping, const std::string& value,
                              const text::Words& words) {
    if (value.empty()) {
        return words("(none)");
    }
    const model::Label* label = nullptr;
    if (grouping == "kind") {
        const auto* term = vocabulary.find_kind(value);
        label = term != nullptr ? &term->label : nullptr;
    } else if (grouping == "sector") {
        const auto* term = vocabulary.find_sector(value);
        label = term != nullptr ? &term->label : nullptr;
    } else if (grouping == "level") {
        const auto* term = vocabulary.find_level(value);
        label = term != nullptr ? &term->label : nullptr;
    } else if (grouping == "area") {
        for (const auto& area : map.areas) {
            if (area.id == value) {
                return area.name.empty() ? value : area.name;
            }
        }
    }
    if (label != nullptr) {
        const std::string& text = model::text(*label, words.language());
        return text.empty() ? value : text;
    }
    return value;
}

std::string grouping_label(const std::string& grouping, const text::Words& words) {
    if (grouping == "kind") {
        return words.in_context("grouping", "kind");
    }
    if (grouping == "sector") {
        return words.in_context("grouping", "sector");
    }
    if (grouping == "level") {
        return words.in_context("grouping", "level");
    }
    if (grouping == "area") {
        return words.in_context("grouping", "area");
    }
    if (grouping == "community") {
        return words.in_context("grouping", "detected community");
    }
    return grouping;
}

Document stats_document(const Input& input) {
    analysis::StatsOptions options;
    options.threads = input.settings().threads;
    options.control = input.settings().control;
    for (const char* by : {"kind", "sector", "level", "area"}) {
        options.groupings.emplace_back(by,
                                       *model::group_labels(input.map(), input.vocabulary(), by));
    }
    const analysis::MapStats stats = analysis::map_stats(input.graph(), options);
    Document document = new_document(input, "stats");
    document.blocks.push_back(Block::of_table(stats_table(stats, input.language())));
    document.results() = stats_results(stats);
    document.csv_records() = document.results();
    return document;
}

} // namespace stakemap::report
