#include "stakemap/report/centrality_report.hpp"

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
    const char* it;
    const char* en;
    double analysis::BrokerageRoles::*count;
};

constexpr RoleName role_names[] = {
    {"coordinator", "coordinatore", "coordinator", &analysis::BrokerageRoles::coordinator},
    {"gatekeeper", "custode dell'accesso", "gatekeeper", &analysis::BrokerageRoles::gatekeeper},
    {"representative", "rappresentante", "representative",
     &analysis::BrokerageRoles::representative},
    {"consultant", "consulente", "consultant", &analysis::BrokerageRoles::consultant},
    {"liaison", "collegamento", "liaison", &analysis::BrokerageRoles::liaison},
};

std::string percent(double share) {
    return format_number(share * 100.0, 2) + "%";
}

std::string cell(double value) {
    return std::isnan(value) ? "" : format_number(value, 4);
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
    return out;
}

Table centrality_table(const CentralityReport& report) {
    Table table;
    table.columns = {"id", "name"};
    table.right_aligned = {false, false};
    for (const auto& c : report.columns) {
        table.columns.emplace_back(analysis::measure_key(c.measure));
        table.right_aligned.push_back(true);
    }
    if (!report.brokerage.empty()) {
        table.columns.emplace_back("group");
        table.right_aligned.push_back(false);
        for (const auto& role : role_names) {
            table.columns.emplace_back(role.key);
            table.right_aligned.push_back(true);
        }
    }
    for (std::size_t i : report.shown) {
        std::vector<std::string> row{report.map->actors[i].id, report.map->actors[i].name};
        for (const auto& c : report.columns) {
            row.push_back(cell(c.values[i]));
        }
        if (!report.brokerage.empty()) {
            row.push_back(report.group_names[i]);
            for (const auto& role : role_names) {
                row.push_back(format_number(report.brokerage[i].*role.count));
            }
        }
        table.rows.push_back(std::move(row));
    }
    return table;
}

std::vector<std::string> centrality_readings(const CentralityReport& report,
                                             model::Language language, std::size_t count) {
    const bool it = language == model::Language::it;
    const auto* between = column(report, Measure::betweenness);
    const auto* degree = column(report, Measure::degree);
    std::vector<std::string> lines;
    for (std::size_t k = 0; k < report.shown.size() && k < count; ++k) {
        const std::size_t i = report.shown[k];
        std::string line = report.map->actors[i].name + ": ";
        std::vector<std::string> parts;
        if (degree != nullptr) {
            const auto ties = static_cast<long long>((*degree)[i]);
            parts.push_back(it ? std::to_string(ties) + " legami diretti"
                               : std::to_string(ties) +
                                     (ties == 1 ? " direct tie" : " direct ties"));
        }
        if (between != nullptr) {
            parts.push_back(it ? "passa di qui il " + percent((*between)[i]) +
                                     " dei percorsi più brevi tra gli altri attori"
                               : percent((*between)[i]) +
                                     " of the shortest paths between other actors pass through it");
        }
        if (!report.brokerage.empty() && report.brokerage[i].total() > 0) {
            const RoleName* best = &role_names[0];
            for (const auto& role : role_names) {
                if (report.brokerage[i].*role.count > report.brokerage[i].*best->count) {
                    best = &role;
                }
            }
            const std::string group = report.group_names[i];
            const std::string times = format_number(report.brokerage[i].*best->count);
            parts.push_back(it ? std::string("ruolo di intermediazione prevalente: ") + best->it +
                                     " (" + times + " volte; gruppo «" + group + "»)"
                               : std::string("main brokerage role: ") + best->en + " (" + times +
                                     " times; group \"" + group + "\")");
        }
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
    std::string out =
        (language == model::Language::it ? "cambiamenti maggiori di " : "largest changes in ") +
        std::string(analysis::measure_key(measure)) + ":";
    for (std::size_t i = 0; i < std::min(count, changes.size()) && changes[i].size != 0.0; ++i) {
        out += (i == 0 ? " " : "; ") + edited.actors[changes[i].actor].id + " " +
               format_number(changes[i].old_value, 4) + " → " +
               format_number(changes[i].new_value, 4);
    }
    return out;
}

} // namespace stakemap::report
