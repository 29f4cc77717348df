#include "stakemap/report/centrality_report.hpp"

#include "stakemap/analysis/approximate.hpp"
#include "stakemap/model/grouping.hpp"
#include "stakemap/report/stats_report.hpp"
#include "stakemap/text/words.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <numeric>

namespace stakemap::report {

using analysis::Measure;

namespace {

const std::vector<double>* column(const CentralityReport& report, Measure measure) {
    for (const auto& c : report.columns) {
        if (c.measure == measure) {
            return &c.values;
        }
    }
    return nullptr;
}

struct RoleName {
    const char* key;
    const char* label; ///< English text, translated through the catalogue
    double analysis::BrokerageRoles::*count;
};

constexpr RoleName role_names[] = {
    {"coordinator", text::N_("coordinator"), &analysis::BrokerageRoles::coordinator},
    {"gatekeeper", text::N_("gatekeeper"), &analysis::BrokerageRoles::gatekeeper},
    {"representative", text::N_("representative"), &analysis::BrokerageRoles::representative},
    {"consultant", text::N_("consultant"), &analysis::BrokerageRoles::consultant},
    {"liaison", text::N_("liaison"), &analysis::BrokerageRoles::liaison},
};

/// The largest absolute value of a column (NaN ignored).
double largest_magnitude(const std::vector<double>& values) {
    double largest = 0.0;
    for (double value : values) {
        if (!std::isnan(value)) {
            largest = std::max(largest, std::fabs(value));
        }
    }
    return largest;
}

} // namespace

std::vector<std::size_t> rank_actors(const std::vector<double>& values, std::size_t top) {
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), 0);
    auto key = [&](std::size_t i) {
        return std::isnan(values[i]) ? -INFINITY : values[i];
    };
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return key(a) > key(b); });
    if (top > 0 && top < order.size()) {
        order.resize(top);
    }
    return order;
}

nlohmann::ordered_json centrality_results(const CentralityReport& report) {
    std::vector<std::size_t> in_map_order = report.shown;
    std::sort(in_map_order.begin(), in_map_order.end());
    auto actors = nlohmann::ordered_json::array();
    for (std::size_t i : in_map_order) {
        const model::Actor& actor = report.map->actors[i];
        nlohmann::ordered_json entry;
        entry["id"] = actor.id;
        entry["name"] = actor.name;
        entry["kind"] = actor.kind_id();
        for (const auto& c : report.columns) {
            const double value = c.values[i];
            entry[analysis::measure_key(c.measure)] =
                std::isnan(value) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(value);
        }
        if (!report.brokerage.empty()) {
            entry["group"] = report.groups[i];
            for (const auto& role : role_names) {
                entry[role.key] = report.brokerage[i].*role.count;
            }
        }
        actors.push_back(std::move(entry));
    }
    nlohmann::ordered_json out;
    out["actors"] = std::move(actors);
    if (!report.edge_betweenness.empty()) {
        auto edges = nlohmann::ordered_json::array();
        for (std::size_t e = 0; e < report.graph->edges.size(); ++e) {
            const auto& edge = report.graph->edges[e];
            edges.push_back({{"source", report.graph->ids[edge.source]},
                             {"target", report.graph->ids[edge.target]},
                             {"betweenness", report.edge_betweenness[e]}});
        }
        out["edges"] = std::move(edges);
    }
    // Only a power iteration that stopped at its limit is mentioned: converged results stay as
    // they were.
    nlohmann::ordered_json convergence;
    for (const auto& c : report.columns) {
        if (c.convergence && !c.convergence->converged) {
            convergence[analysis::measure_key(c.measure)] = {
                {"converged", false},
                {"iterations", c.convergence->iterations},
                {"change", c.convergence->change},
                {"tolerance", c.convergence->tolerance}};
        }
    }
    if (!convergence.is_null()) {
        out["convergence"] = std::move(convergence);
    }
    return out;
}

std::string measure_label(analysis::Measure measure, const text::Words& words) {
    switch (measure) {
    case Measure::degree:
        return words.in_context("measure", "degree");
    case Measure::in_degree:
        return words.in_context("measure", "in-degree");
    case Measure::out_degree:
        return words.in_context("measure", "out-degree");
    case Measure::neighbours:
        return words.in_context("measure", "partners");
    case Measure::strength:
        return words.in_context("measure", "strength");
    case Measure::betweenness:
        return words.in_context("measure", "betweenness");
    case Measure::closeness:
        return words.in_context("measure", "closeness");
    case Measure::harmonic:
        return words.in_context("measure", "harmonic closeness");
    case Measure::eigenvector:
        return words.in_context("measure", "eigenvector");
    case Measure::pagerank:
        return words.in_context("measure", "PageRank");
    case Measure::coreness:
        return words.in_context("measure", "coreness");
    case Measure::constraint:
        return words.in_context("measure", "constraint");
    case Measure::effective_size:
        return words.in_context("measure", "effective size");
    case Measure::clustering:
        return words.in_context("measure", "clustering");
    }
    return analysis::measure_key(measure);
}

std::string measure_cell(double value, double column_largest, const text::Words& words) {
    if (std::isnan(value)) {
        return "";
    }
    // Floating-point dust (eigenvector 6.4e-46 on a disconnected map) reads as 0.
    if (std::fabs(value) < 1e-12 * column_largest) {
        return "0";
    }
    return words.number(value, 4);
}

Table centrality_table(const CentralityReport& report, model::Language language) {
    const text::Words words(language);
    Table table;
    table.columns = {"id", words("name")};
    table.right_aligned = {false, false};
    std::vector<double> largest;
    for (const auto& c : report.columns) {
        table.columns.push_back(measure_label(c.measure, words));
        table.right_aligned.push_back(true);
        largest.push_back(largest_magnitude(c.values));
    }
    if (!report.brokerage.empty()) {
        table.columns.emplace_back(words("group"));
        table.right_aligned.push_back(false);
        for (const auto& role : role_names) {
            table.columns.push_back(words(role.label));
            table.right_aligned.push_back(true);
        }
    }
    for (std::size_t i : report.shown) {
        std::vector<std::string> row{report.map->actors[i].id, report.map->actors[i].name};
        for (std::size_t c = 0; c < report.columns.size(); ++c) {
            row.push_back(measure_cell(report.columns[c].values[i], largest[c], words));
        }
        if (!report.brokerage.empty()) {
            row.push_back(report.group_names[i]);
            for (const auto& role : role_names) {
                row.push_back(words.number(report.brokerage[i].*role.count, 6));
            }
        }
        table.rows.push_back(std::move(row));
    }
    return table;
}

std::vector<std::string> centrality_readings(const CentralityReport& report,
                                             model::Language language, std::size_t count) {
    const text::Words words(language);
    const auto* between = column(report, Measure::betweenness);
    std::vector<std::string> lines;
    for (std::size_t k = 0; k < report.shown.size() && k < count; ++k) {
        const std::size_t i = report.shown[k];
        std::vector<std::string> parts;
        // Partners, not degree: an undirected relation on a directed map is two arcs but one
        // partner.
        const auto partners = report.graph->undirected.degree(static_cast<graph::Vertex>(i));
        parts.push_back(words.plural("{n} partner", "{n} partners", partners));
        if (between != nullptr) {
            const double share = (*between)[i];
            parts.push_back(
                words("{share} of the shortest paths between other actors pass through it",
                      {{"share", words.percent(share, 3)},
                       {"share_the", words.percent_with_article(share, 3)}}));
        }
        if (!report.brokerage.empty() && report.brokerage[i].total() > 0) {
            const RoleName* best = &role_names[0];
            for (const auto& role : role_names) {
                if (report.brokerage[i].*role.count > report.brokerage[i].*best->count) {
                    best = &role;
                }
            }
            const auto times = static_cast<std::uint64_t>(report.brokerage[i].*best->count);
            parts.push_back(
                words.plural("main brokerage role: {role} ({n} time; group «{group}»)",
                             "main brokerage role: {role} ({n} times; group «{group}»)", times,
                             {{"role", words(best->label)}, {"group", report.group_names[i]}}));
        }
        std::string line = report.map->actors[i].name + ": ";
        for (std::size_t p = 0; p < parts.size(); ++p) {
            line += (p > 0 ? "; " : "") + parts[p];
        }
        lines.push_back(line);
    }
    return lines;
}

nlohmann::ordered_json measure_changes(const model::Map& original,
                                       const std::vector<double>& before, const model::Map& edited,
                                       const std::vector<double>& after) {
    auto before_values = nlohmann::ordered_json::object();
    auto after_values = nlohmann::ordered_json::object();
    for (std::size_t v = 0; v < edited.actors.size(); ++v) {
        const std::string& id = edited.actors[v].id;
        before_values[id] = before[*original.actor_index(id)];
        after_values[id] = after[v];
    }
    return {{"before", std::move(before_values)}, {"after", std::move(after_values)}};
}

std::string measure_changes_text(const model::Map& original, const std::vector<double>& before,
                                 const model::Map& edited, const std::vector<double>& after,
                                 analysis::Measure measure, model::Language language,
                                 std::size_t count) {
    struct Change {
        double size;
        std::size_t actor;
        double old_value;
        double new_value;
    };
    std::vector<Change> changes;
    for (std::size_t v = 0; v < edited.actors.size(); ++v) {
        const double old_value = before[*original.actor_index(edited.actors[v].id)];
        changes.push_back({std::fabs(after[v] - old_value), v, old_value, after[v]});
    }
    std::stable_sort(changes.begin(), changes.end(),
                     [](const Change& a, const Change& b) { return a.size > b.size; });
    const text::Words words(language);
    std::string out =
        words("largest changes in {measure}:", {{"measure", measure_label(measure, words)}});
    for (std::size_t i = 0; i < std::min(count, changes.size()) && changes[i].size != 0.0; ++i) {
        out += (i == 0 ? " " : "; ") + edited.actors[changes[i].actor].id + " " +
               words.number(changes[i].old_value, 4) + " → " +
               words.number(changes[i].new_value, 4);
    }
    return out;
}

namespace {

bool asks_for(const std::vector<analysis::Measure>& measures, analysis::Measure measure) {
    return measures.empty() ||
           std::find(measures.begin(), measures.end(), measure) != measures.end();
}

/// The grouping's label of every actor, with their display names; throws UsageError about "by"
/// when the map has no such grouping.
void add_grouping(CentralityReport& result, const Input& input, const std::string& by) {
    check_grouping(input, by, "by");
    const text::Words words(input.language());
    const auto labels = model::group_labels(input.map(), input.vocabulary(), by);
    result.grouping = by;
    result.groups = *labels;
    for (const auto& value : *labels) {
        result.group_names.push_back(
            group_value_label(input.map(), input.vocabulary(), by, value, words));
    }
}

nlohmann::ordered_json approximation_json(const CentralitySettings& settings,
                                          const analysis::ApproximateBetweenness& approximate) {
    const bool kadabra = approximate.method == analysis::ApproximateMethod::kadabra;
    return {{"measure", "betweenness"},
            {"method", kadabra ? "kadabra" : "rk"},
            {"epsilon", settings.approx},
            {"confidence", settings.confidence},
            {"samples", approximate.samples},
            {"sample_limit", approximate.sample_limit},
            {"calibration_samples", approximate.calibration_samples},
            {"vertex_diameter_bound", approximate.vertex_diameter},
            {"error_bound", approximate.error_bound},
            {"guarantee", "with probability at least the confidence, every actor's "
                          "betweenness is within error_bound of the exact value"}};
}

} // namespace

Document centrality_document(const Input& input, const CentralitySettings& settings) {
    const model::Map& map = input.map();
    const graph::AnalysisGraph& graph = input.graph();
    const unsigned threads = input.settings().threads;
    CentralityReport result;
    result.map = &map;
    result.graph = &graph;
    if (!settings.by.empty()) {
        add_grouping(result, input, settings.by); // before computing: a typo fails at once
    }
    analysis::CentralityOptions options;
    options.measures = settings.measures;
    options.threads = threads;
    options.normalized = settings.normalized;
    options.control = input.settings().control;
    std::optional<analysis::ApproximateBetweenness> approximate;
    if (settings.approx > 0.0 && asks_for(settings.measures, analysis::Measure::betweenness)) {
        // Sampled betweenness replaces the exact one; the other measures stay exact.
        options.measures = settings.measures.empty() ? analysis::all_measures() : settings.measures;
        std::erase(options.measures, analysis::Measure::betweenness);
        approximate = analysis::approximate_betweenness(graph, {.epsilon = settings.approx,
                                                                .confidence = settings.confidence,
                                                                .seed = settings.seed,
                                                                .threads = threads,
                                                                .control = options.control,
                                                                .method = settings.approx_method});
    }
    if (settings.edges && !approximate) {
        options.edge_betweenness = &result.edge_betweenness;
        if (!asks_for(settings.measures, analysis::Measure::betweenness)) {
            // Without the actors' betweenness, the ties' scores need a pass of their own.
            result.edge_betweenness = analysis::edge_betweenness(graph, threads, options.control);
        }
    }
    if (!options.measures.empty() || !approximate) {
        result.columns = analysis::centrality(graph, options);
    }
    if (approximate) {
        const auto after =
            std::find_if(result.columns.begin(), result.columns.end(), [](const auto& column) {
                return column.measure > analysis::Measure::betweenness;
            });
        result.columns.insert(after, {analysis::Measure::betweenness, approximate->values});
    }
    if (!settings.by.empty()) {
        result.brokerage = analysis::brokerage(graph, result.groups, options.control);
    }
    const auto* ranking = &result.columns.front().values;
    result.ranking = result.columns.front().measure;
    for (const auto& column : result.columns) {
        if (column.measure == analysis::Measure::betweenness) {
            ranking = &column.values;
            result.ranking = column.measure;
        }
    }
    result.shown = rank_actors(*ranking, settings.top);

    Document document = new_document(input, "centrality");
    auto& options_json = document.options();
    options_json["measures"] = nlohmann::ordered_json::array();
    for (const auto& column : result.columns) {
        options_json["measures"].push_back(analysis::measure_key(column.measure));
    }
    options_json["by"] =
        settings.by.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(settings.by);
    options_json["top"] = settings.top;
    options_json["normalized"] = settings.normalized;
    if (approximate) {
        options_json["approx"] = settings.approx;
        options_json["confidence"] = settings.confidence;
        options_json["seed"] = settings.seed;
    }
    document.results() = centrality_results(result);
    document.csv_records() = document.results()["actors"];
    if (input.has_what_if()) {
        // The ranking measure on the map as it is, for the actors present in both.
        analysis::CentralityOptions before_options = options;
        before_options.measures = {*result.ranking};
        before_options.edge_betweenness = nullptr;
        const auto before = analysis::centrality(input.original_graph(), before_options);
        auto what_if = input.what_if_json();
        what_if["measure"] = analysis::measure_key(*result.ranking);
        what_if.update(measure_changes(input.original(), before.front().values, map, *ranking));
        document.results()["what_if"] = std::move(what_if);
        document.lead.push_back(input.what_if_text() + " — " +
                                measure_changes_text(input.original(), before.front().values, map,
                                                     *ranking, *result.ranking, input.language()));
    }
    if (approximate) {
        document.results()["approximation"] = approximation_json(settings, *approximate);
    }
    document.blocks.push_back(Block::bullets(centrality_readings(result, input.language())));
    document.blocks.push_back(Block::of_table(centrality_table(result, input.language())));
    return document;
}

} // namespace stakemap::report
