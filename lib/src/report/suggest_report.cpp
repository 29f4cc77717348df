#include "stakemap/report/suggest_report.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace stakemap::report {

namespace {

double score_of(const analysis::LinkScores& scores, const std::string& name) {
    if (name == "adamic_adar") {
        return scores.adamic_adar;
    }
    if (name == "jaccard") {
        return scores.jaccard;
    }
    if (name == "resource_allocation") {
        return scores.resource_allocation;
    }
    if (name == "common_neighbours") {
        return static_cast<double>(scores.common_neighbours);
    }
    throw std::invalid_argument("unknown score \"" + name +
                                "\": use adamic_adar, jaccard, resource_allocation or "
                                "common_neighbours");
}

std::string objective_name(analysis::Goal goal, model::Language language) {
    const bool it = language == model::Language::it;
    switch (goal) {
    case analysis::Goal::reach:
        return it ? "non raggiunti" : "unreached";
    case analysis::Goal::connect:
        return it ? "attori fuori dalla componente principale"
                  : "actors outside the main component";
    case analysis::Goal::resilience:
        return it ? "attori critici" : "cut actors";
    case analysis::Goal::coverage:
        return it ? "lacuna di copertura pesata (Σ priorità)"
                  : "people-weighted coverage gap (Σ priority)";
    }
    return "";
}

} // namespace

std::vector<analysis::LinkScores> rank_links(std::vector<analysis::LinkScores> scores,
                                             const std::string& score, std::size_t top) {
    score_of({}, score); // validates the name
    std::stable_sort(scores.begin(), scores.end(), [&](const auto& a, const auto& b) {
        return score_of(a, score) > score_of(b, score);
    });
    if (top < scores.size()) {
        scores.resize(top);
    }
    return scores;
}

nlohmann::ordered_json suggest_results(const SuggestReport& report) {
    const model::Map& map = *report.map;
    nlohmann::ordered_json out;
    if (report.goal) {
        const auto& goal = *report.goal;
        auto links = nlohmann::ordered_json::array();
        std::size_t rank = 0;
        for (const auto& link : goal.links) {
            auto helped = nlohmann::ordered_json::array();
            for (std::size_t v : link.helped) {
                helped.push_back(map.actors[v].id);
            }
            links.push_back({{"rank", ++rank},
                             {"source", map.actors[link.source].id},
                             {"target", map.actors[link.target].id},
                             {"gain", link.gain},
                             {"before", link.before},
                             {"after", link.after},
                             {"same_area", link.same_area},
                             {"helped", std::move(helped)}});
        }
        out["goal"] = {{"goal", analysis::goal_id(goal.goal)},
                       {"objective", objective_name(goal.goal, model::Language::en)},
                       {"from", report.from_label},
                       {"to", report.to_label},
                       {"within", report.within},
                       {"before", goal.objective_before},
                       {"after", goal.objective_after},
                       {"candidates", goal.candidates},
                       {"evaluations", goal.evaluations},
                       {"links", std::move(links)}};
    } else {
        out["goal"] = nullptr;
    }
    auto pairs = nlohmann::ordered_json::array();
    for (const auto& pair : report.predicted) {
        pairs.push_back({{"source", map.actors[pair.source].id},
                         {"target", map.actors[pair.target].id},
                         {"common_neighbours", pair.common_neighbours},
                         {"jaccard", pair.jaccard},
                         {"adamic_adar", pair.adamic_adar},
                         {"resource_allocation", pair.resource_allocation}});
    }
    out["link_prediction"] = {{"ranked_by", report.score}, {"pairs", std::move(pairs)}};
    return out;
}

std::vector<std::string> suggestion_sentences(const SuggestReport& report,
                                              model::Language language) {
    std::vector<std::string> out;
    if (!report.goal) {
        return out;
    }
    const bool it = language == model::Language::it;
    const model::Map& map = *report.map;
    const auto& goal = *report.goal;
    std::size_t rank = 0;
    for (const auto& link : goal.links) {
        std::string sentence = std::to_string(++rank) + ". " + (it ? "Collegare " : "Link ") +
                               map.actors[link.source].name + (it ? " con " : " with ") +
                               map.actors[link.target].name;
        if (link.same_area) {
            sentence += it ? " (stessa area)" : " (same area)";
        }
        sentence += ": ";
        const std::string gain = format_number(link.gain, 4);
        switch (goal.goal) {
        case analysis::Goal::reach: {
            std::vector<std::string> names;
            for (std::size_t v : link.helped) {
                names.push_back(map.actors[v].name);
            }
            std::string who;
            for (std::size_t i = 0; i < names.size(); ++i) {
                who += (i == 0 ? "" : ", ") + names[i];
            }
            const bool one = link.helped.size() == 1;
            sentence += it ? (one ? "porta 1 attore «" : "porta " + gain + " attori «") +
                                 report.from_label + "» entro " + std::to_string(report.within) +
                                 " passaggi da «" + report.to_label + "»: " + who
                           : (one ? "brings 1 «" : "brings " + gain + " «") + report.from_label +
                                 (one ? "» actor within " : "» actors within ") +
                                 std::to_string(report.within) + " steps of «" + report.to_label +
                                 "»: " + who;
            break;
        }
        case analysis::Goal::connect:
            sentence += it ? gain + " attori si uniscono alla rete principale"
                           : gain + " actors join the main network";
            break;
        case analysis::Goal::resilience:
            sentence += it ? gain + " attori smettono di essere critici"
                           : gain + " actors stop being single points of failure";
            break;
        case analysis::Goal::coverage:
            sentence += it ? "la lacuna di copertura pesata scende di " + gain
                           : "the people-weighted coverage gap falls by " + gain;
            break;
        }
        sentence += " (" + objective_name(goal.goal, language) + " " +
                    format_number(link.before, 6) + " → " + format_number(link.after, 6) + ").";
        out.push_back(std::move(sentence));
    }
    return out;
}

Table suggestions_table(const SuggestReport& report, model::Language language) {
    const bool it = language == model::Language::it;
    Table table;
    table.columns = {"#",
                     it ? "da" : "source",
                     it ? "a" : "target",
                     it ? "guadagno" : "gain",
                     it ? "prima" : "before",
                     it ? "dopo" : "after"};
    table.right_aligned = {true, false, false, true, true, true};
    if (!report.goal) {
        return table;
    }
    std::size_t rank = 0;
    for (const auto& link : report.goal->links) {
        table.rows.push_back({std::to_string(++rank), report.map->actors[link.source].id,
                              report.map->actors[link.target].id, format_number(link.gain, 6),
                              format_number(link.before, 6), format_number(link.after, 6)});
    }
    return table;
}

Table prediction_table(const SuggestReport& report, model::Language language) {
    const bool it = language == model::Language::it;
    Table table;
    table.columns = {it ? "da" : "source", it ? "a" : "target",  "common_neighbours", "jaccard",
                     "adamic_adar",        "resource_allocation"};
    table.right_aligned = {false, false, true, true, true, true};
    for (const auto& pair : report.predicted) {
        table.rows.push_back(
            {report.map->actors[pair.source].id, report.map->actors[pair.target].id,
             std::to_string(pair.common_neighbours), format_number(pair.jaccard, 4),
             format_number(pair.adamic_adar, 4), format_number(pair.resource_allocation, 4)});
    }
    return table;
}

} // namespace stakemap::report
