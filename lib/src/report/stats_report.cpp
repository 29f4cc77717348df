#include "stakemap/report/stats_report.hpp"

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
    const bool it = language == model::Language::it;
    Table table;
    table.columns = {it ? "indicatore" : "figure", it ? "valore" : "value"};
    table.right_aligned = {false, true};
    auto row = [&](const std::string& italian, const std::string& english, std::string value) {
        table.rows.push_back({it ? italian : english, std::move(value)});
    };
    auto count = [](std::size_t n) {
        return std::to_string(n);
    };
    row("attori", "actors", count(stats.actors));
    row("relazioni analizzate", "relations analysed", count(stats.relations));
    row("legami (relazioni unite)", "ties (merged relations)", count(stats.ties));
    row("orientata", "directed", stats.directed ? (it ? "sì" : "yes") : "no");
    row("densità", "density", format_number(stats.density, 4));
    row("componenti connesse", "connected components", count(stats.components));
    row("attori isolati", "isolated actors", count(stats.isolates));
    row("componente più grande (attori)", "largest component (actors)",
        count(stats.largest_component));
    row("quota nella componente più grande", "share in the largest component",
        format_number(stats.largest_component_share * 100.0, 3) + "%");
    if (stats.strong_components) {
        row("componenti fortemente connesse", "strongly connected components",
            count(*stats.strong_components));
    }
    row("diametro (passi)", "diameter (steps)", count(stats.diameter));
    row("distanza media (passi)", "average path length (steps)",
        format_number(stats.average_path_length, 4));
    row("transitività", "transitivity", format_number(stats.transitivity, 4));
    if (stats.reciprocity) {
        row("reciprocità", "reciprocity", format_number(*stats.reciprocity, 4));
    }
    row("centralizzazione del grado", "degree centralization",
        format_number(stats.degree_centralization, 4));
    row("centralizzazione dell'intermediazione", "betweenness centralization",
        format_number(stats.betweenness_centralization, 4));
    for (const auto& figures : stats.groupings) {
        const std::string& by = figures.grouping;
        const std::string by_it = by == "kind"     ? "tipo"
                                  : by == "sector" ? "settore"
                                  : by == "level"  ? "livello"
                                                   : by;
        row("assortatività per " + by_it, "assortativity by " + by,
            std::isnan(figures.assortativity) ? "–" : format_number(figures.assortativity, 4));
        row("modularità dei gruppi per " + by_it, "modularity of groups by " + by,
            format_number(figures.modularity, 4));
    }
    return table;
}

} // namespace stakemap::report
