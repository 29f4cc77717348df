#include "stakemap/report/gaps_report.hpp"

#include "stakemap/report/coverage_report.hpp"
#include "stakemap/report/language_names.hpp"
#include "stakemap/report/prose.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

namespace stakemap::report {

using analysis::CutImpact;

namespace {

nlohmann::ordered_json number_or_null(double value) {
    return std::isnan(value) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(value);
}

nlohmann::ordered_json actor_ids(const model::Map& map, const std::vector<std::size_t>& actors) {
    auto out = nlohmann::ordered_json::array();
    for (std::size_t v : actors) {
        out.push_back(map.actors[v].id);
    }
    return out;
}

std::string sector_name(const model::Vocabulary& vocabulary, const std::string& sector,
                        model::Language language) {
    const model::Term* term = vocabulary.find_sector(sector);
    if (term == nullptr) {
        return language == model::Language::it ? "senza settore" : "no sector";
    }
    return model::text(term->label, language);
}

std::string format_ei(double value) {
    return std::isnan(value) ? "–" : format_number(value, 3);
}

nlohmann::ordered_json impact_json(const GapsReport& report, const CutImpact& impact) {
    const model::Map& map = *report.map;
    nlohmann::ordered_json out;
    if (impact.actor) {
        out["actor"] = map.actors[*impact.actor].id;
        out["name"] = map.actors[*impact.actor].name;
    } else {
        const auto& edge = report.graph->undirected_edges[*impact.edge];
        out["source"] = map.actors[edge.source].id;
        out["target"] = map.actors[edge.target].id;
    }
    out["cut_off"] = impact.cut_off;
    out["detailed"] = impact.detailed;
    out["cut_off_actors"] = actor_ids(map, impact.cut_off_actors);
    auto areas = nlohmann::ordered_json::array();
    for (const auto& [area, count] : impact.areas) {
        areas.push_back({{"area", map.areas[area].id}, {"actors", count}});
    }
    out["areas"] = std::move(areas);
    out["services_lost"] = impact.services_lost;
    out["languages_lost"] = impact.languages_lost;
    auto lose = nlohmann::ordered_json::object();
    for (const auto& [sector, count] : impact.lose_institutions) {
        lose[sector.empty() ? "none" : sector] = count;
    }
    out["lose_path_to_institutions"] = {{"total", impact.lose_institutions_total},
                                        {"by_sector", std::move(lose)}};
    return out;
}

/// "8 actors are cut off (Macrolotto Zero 5, San Paolo 2); the network loses its only …".
std::string consequences(const GapsReport& report, const CutImpact& impact,
                         model::Language language) {
    const bool it = language == model::Language::it;
    const model::Map& map = *report.map;
    std::vector<std::string> parts;
    std::string cut =
        std::to_string(impact.cut_off) +
        (it ? (impact.cut_off == 1 ? " attore resta separato dal resto della rete"
                                   : " attori restano separati dal resto della rete")
            : (impact.cut_off == 1 ? " actor is cut off from the rest of the network"
                                   : " actors are cut off from the rest of the network"));
    if (!impact.areas.empty()) {
        std::vector<std::string> areas;
        for (const auto& [area, count] : impact.areas) {
            const auto& source = map.areas[area];
            areas.push_back((source.name.empty() ? source.id : source.name) + " " +
                            std::to_string(count));
        }
        cut += " (" + list_and(areas, language) + ")";
    }
    parts.push_back(std::move(cut));
    if (!impact.detailed) {
        return parts.front();
    }
    std::vector<std::string> lost;
    if (!impact.languages_lost.empty()) {
        std::vector<std::string> names;
        for (const auto& code : impact.languages_lost) {
            names.push_back(language_name(code, language));
        }
        lost.push_back((it ? "gli unici che parlano " : "its only speakers of ") +
                       list_and(names, language));
    }
    if (!impact.services_lost.empty()) {
        std::vector<std::string> names;
        for (const auto& service : impact.services_lost) {
            names.push_back(service_label(*report.vocabulary, service, language));
        }
        lost.push_back((it ? "gli unici che offrono " : "its only providers of ") +
                       list_and(names, language));
    }
    if (!lost.empty()) {
        parts.push_back(
            (it ? "la parte di rete che resta unita perde " : "the rest of its network loses ") +
            list_and(lost, language));
    }
    if (impact.lose_institutions_total > 0) {
        std::vector<std::string> who;
        for (const auto& [sector, count] : impact.lose_institutions) {
            who.push_back(sector_name(*report.vocabulary, sector, language) + " " +
                          std::to_string(count));
        }
        const bool one = impact.lose_institutions_total == 1;
        parts.push_back(std::to_string(impact.lose_institutions_total) +
                        (it ? (one ? " attore perde ogni collegamento con le istituzioni: "
                                   : " attori perdono ogni collegamento con le istituzioni: ")
                            : (one ? " actor loses every path to the institutions: "
                                   : " actors lose every path to the institutions: ")) +
                        list_and(who, language));
    }
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        out += (i == 0 ? "" : "; ") + parts[i];
    }
    return out;
}

std::string rule_text(const GapsReport& report, std::size_t rule, model::Language language) {
    return model::text(report.rules->rules[rule].text, language);
}

} // namespace

nlohmann::ordered_json gaps_results(const GapsReport& report) {
    const model::Map& map = *report.map;
    const analysis::GapsResult& gaps = report.gaps;
    nlohmann::ordered_json out;
    out["components"] = gaps.components;
    out["largest_component"] = gaps.largest_component;
    out["isolates"] = actor_ids(map, gaps.isolates);
    auto cut = nlohmann::ordered_json::array();
    for (const auto& impact : gaps.cut_actors) {
        cut.push_back(impact_json(report, impact));
    }
    out["cut_actors"] = std::move(cut);
    auto bridges = nlohmann::ordered_json::array();
    for (const auto& impact : gaps.bridges) {
        bridges.push_back(impact_json(report, impact));
    }
    out["bridges"] = std::move(bridges);
    const analysis::Mixing& mixing = gaps.mixing;
    auto groups = nlohmann::ordered_json::array();
    for (std::size_t g = 0; g < mixing.groups.size(); ++g) {
        auto ties = nlohmann::ordered_json::array();
        auto weights = nlohmann::ordered_json::array();
        auto densities = nlohmann::ordered_json::array();
        for (std::size_t h = 0; h < mixing.groups.size(); ++h) {
            ties.push_back(mixing.ties[g][h]);
            weights.push_back(mixing.weights[g][h]);
            densities.push_back(number_or_null(mixing.densities[g][h]));
        }
        groups.push_back({{"group", mixing.groups[g]},
                          {"actors", mixing.sizes[g]},
                          {"ei", number_or_null(mixing.ei[g])},
                          {"ties", std::move(ties)},
                          {"weights", std::move(weights)},
                          {"densities", std::move(densities)}});
    }
    out["mixing"] = {{"grouping", mixing.grouping},
                     {"overall_ei", number_or_null(mixing.overall_ei)},
                     {"groups", std::move(groups)}};
    out["from_to"] = {{"from", report.from_label},
                      {"to", report.to_label},
                      {"from_actors", gaps.from_count},
                      {"to_actors", gaps.to_count},
                      {"ties_between", gaps.from_to_between},
                      {"ties_within", gaps.from_to_within},
                      {"ei", number_or_null(gaps.from_to_ei)}};
    auto unreached = nlohmann::ordered_json::array();
    for (const auto& item : gaps.unreached) {
        unreached.push_back(
            {{"actor", map.actors[item.actor].id},
             {"name", map.actors[item.actor].name},
             {"steps", item.steps ? nlohmann::ordered_json(*item.steps) : nullptr}});
    }
    out["unreached"] = {{"from", report.from_label},
                        {"to", report.to_label},
                        {"within", report.within},
                        {"actors", std::move(unreached)}};
    auto overlaps = nlohmann::ordered_json::array();
    for (const auto& overlap : gaps.overlaps) {
        auto areas = nlohmann::ordered_json::array();
        for (std::size_t a : overlap.areas) {
            areas.push_back(map.areas[a].id);
        }
        overlaps.push_back({{"first", map.actors[overlap.first].id},
                            {"second", map.actors[overlap.second].id},
                            {"services", overlap.services},
                            {"areas", std::move(areas)}});
    }
    out["overlap_count"] = gaps.overlap_count;
    out["overlaps"] = std::move(overlaps);
    auto rules = nlohmann::ordered_json::array();
    for (const auto& outcome : gaps.rules) {
        auto areas = nlohmann::ordered_json::array();
        for (std::size_t a : outcome.violating_areas) {
            areas.push_back(map.areas[a].id);
        }
        rules.push_back(
            {{"rule", report.rules->rules[outcome.rule].id},
             {"text", rule_text(report, outcome.rule, model::Language::en)},
             {"applicable", outcome.applicable},
             {"checked", outcome.checked},
             {"violations", outcome.violating_actors.size() + outcome.violating_areas.size()},
             {"actors", actor_ids(map, outcome.violating_actors)},
             {"areas", std::move(areas)}});
    }
    out["rules"] = std::move(rules);
    return out;
}

std::vector<std::string> cut_actor_sentences(const GapsReport& report, model::Language language) {
    std::vector<std::string> out;
    for (const auto& impact : report.gaps.cut_actors) {
        if (out.size() == report.top) {
            break;
        }
        const std::string& name = report.map->actors[*impact.actor].name;
        out.push_back((language == model::Language::it ? "Se " + name + " si ferma, "
                                                       : "If " + name + " stops, ") +
                      consequences(report, impact, language) + ".");
    }
    return out;
}

std::vector<std::string> bridge_sentences(const GapsReport& report, model::Language language) {
    std::vector<std::string> out;
    for (const auto& impact : report.gaps.bridges) {
        if (out.size() == report.top) {
            break;
        }
        const auto& edge = report.graph->undirected_edges[*impact.edge];
        const std::string& a = report.map->actors[edge.source].name;
        const std::string& b = report.map->actors[edge.target].name;
        out.push_back((language == model::Language::it
                           ? "Se si interrompe il legame tra " + a + " e " + b + ", "
                           : "If the tie between " + a + " and " + b + " breaks, ") +
                      consequences(report, impact, language) + ".");
    }
    return out;
}

std::string gaps_text(const GapsReport& report, model::Language language, bool markdown) {
    const bool it = language == model::Language::it;
    const model::Map& map = *report.map;
    const analysis::GapsResult& gaps = report.gaps;
    auto heading = [&](const std::string& text) {
        return markdown ? "### " + text + "\n\n" : text + ":\n";
    };
    auto table = [&](const Table& t) {
        return markdown ? render_markdown(t) : render_text(t);
    };
    auto bullet = [&](const std::string& text) {
        return (markdown ? "- " : "  ") + text + "\n";
    };
    std::string out;
    out += (it ? "Componenti: " : "Components: ") + std::to_string(gaps.components) +
           (it ? "; la più grande ha " : "; the largest has ") +
           std::to_string(gaps.largest_component) +
           (it ? " attori; isolati: " : " actors; isolated: ") +
           std::to_string(gaps.isolates.size()) + "\n\n";

    out += heading((it ? "Attori critici (" : "Cut actors (") +
                   std::to_string(gaps.cut_actors.size()) + ")");
    for (const auto& sentence : cut_actor_sentences(report, language)) {
        out += bullet(sentence);
    }
    out += "\n" + heading((it ? "Legami critici (" : "Critical ties (") +
                          std::to_string(gaps.bridges.size()) + ")");
    for (const auto& sentence : bridge_sentences(report, language)) {
        out += bullet(sentence);
    }

    const analysis::Mixing& mixing = gaps.mixing;
    out += "\n" +
           heading((it ? "Legami tra gruppi (" : "Ties between groups (") + mixing.grouping + ")");
    out += (it ? "Indice E–I complessivo: " : "Overall E–I index: ") +
           format_ei(mixing.overall_ei) +
           (it ? " (−1 tutti i legami dentro i gruppi, +1 tutti tra gruppi diversi)\n"
               : " (−1 every tie inside groups, +1 every tie between groups)\n");
    out += (it ? "E–I tra " : "E–I between ") + report.from_label + (it ? " e " : " and ") +
           report.to_label + ": " + format_ei(gaps.from_to_ei) + " (" +
           std::to_string(gaps.from_to_between) + (it ? " legami tra, " : " ties between, ") +
           std::to_string(gaps.from_to_within) + (it ? " dentro)\n\n" : " within)\n\n");
    Table matrix;
    matrix.columns = {it ? "gruppo" : "group", it ? "attori" : "actors", "E–I"};
    matrix.right_aligned = {false, true, true};
    for (const auto& group : mixing.groups) {
        matrix.columns.push_back(group.empty() ? "–" : group);
        matrix.right_aligned.push_back(true);
    }
    for (std::size_t g = 0; g < mixing.groups.size(); ++g) {
        std::vector<std::string> row{mixing.groups[g].empty() ? "–" : mixing.groups[g],
                                     std::to_string(mixing.sizes[g]), format_ei(mixing.ei[g])};
        for (std::size_t h = 0; h < mixing.groups.size(); ++h) {
            row.push_back(std::to_string(mixing.ties[g][h]));
        }
        matrix.rows.push_back(std::move(row));
    }
    out += table(matrix);

    out += "\n" + heading((it ? "Non raggiunti (" : "Unreached (") +
                          std::to_string(gaps.unreached.size()) + ")");
    out += (it ? "Attori «" : "Actors «") + report.from_label +
           (it ? "» che non raggiungono un attore «" : "» that reach no «") + report.to_label +
           (it ? "» entro " : "» actor within ") + std::to_string(report.within) +
           (it ? " passaggi (distanza effettiva tra parentesi):\n"
               : " steps (the actual distance in brackets):\n");
    for (const auto& item : gaps.unreached) {
        const std::string distance =
            item.steps ? std::to_string(*item.steps) + (it ? " passaggi" : " steps")
                       : (it ? "nessun percorso" : "no path");
        out += bullet(map.actors[item.actor].name + " (" + distance + ")");
    }

    out += "\n" + heading((it ? "Uffici che si sovrappongono (" : "Overlapping offices (") +
                          std::to_string(gaps.overlaps.size()) + ")");
    for (const auto& overlap : gaps.overlaps) {
        std::vector<std::string> services;
        for (const auto& service : overlap.services) {
            services.push_back(service_label(*report.vocabulary, service, language));
        }
        std::vector<std::string> areas;
        for (std::size_t a : overlap.areas) {
            areas.push_back(map.areas[a].name.empty() ? map.areas[a].id : map.areas[a].name);
        }
        out += bullet(map.actors[overlap.first].name + " — " + map.actors[overlap.second].name +
                      ": " + list_and(services, language) + (it ? " in " : " in ") +
                      list_and(areas, language) +
                      (it ? ", senza una relazione tra loro" : ", with no relation between them"));
    }

    if (!gaps.rules.empty()) {
        out += "\n" + heading(it ? "Regole sui legami attesi" : "Expected-tie rules");
        for (const auto& outcome : gaps.rules) {
            const std::size_t count =
                outcome.violating_actors.size() + outcome.violating_areas.size();
            std::string line = rule_text(report, outcome.rule, language) + ": ";
            if (!outcome.unknown_ids.empty()) {
                std::string ids;
                for (const auto& id : outcome.unknown_ids) {
                    ids += (ids.empty() ? "" : ", ") + id;
                }
                line += (it ? "(id sconosciuti nella regola: " : "(unknown ids in the rule: ") +
                        ids + ") ";
            }
            if (!outcome.applicable) {
                line +=
                    it ? "non applicabile (nessun attore della mappa corrisponde al destinatario)"
                       : "not applicable (no actor on the map matches its target)";
            } else if (outcome.checked == 0) {
                line += it ? "nessun attore a cui si applichi" : "no actor it applies to";
            } else if (count == 0) {
                line += (it ? "rispettata (" : "met (") + std::to_string(outcome.checked) +
                        (it ? " verificati)" : " checked)");
            } else {
                std::vector<std::string> who;
                for (std::size_t v : outcome.violating_actors) {
                    who.push_back(map.actors[v].name);
                }
                for (std::size_t a : outcome.violating_areas) {
                    who.push_back(map.areas[a].name.empty() ? map.areas[a].id : map.areas[a].name);
                }
                line += std::to_string(count) + (it ? " su " : " of ") +
                        std::to_string(outcome.checked) +
                        (it ? " non la rispettano: " : " break it: ") + list_and(who, language);
            }
            out += bullet(line);
        }
    }
    return out;
}

nlohmann::ordered_json gaps_summary(const analysis::GapsResult& gaps) {
    std::size_t violations = 0;
    for (const auto& outcome : gaps.rules) {
        violations += outcome.violating_actors.size() + outcome.violating_areas.size();
    }
    nlohmann::ordered_json out;
    out["components"] = gaps.components;
    out["isolates"] = gaps.isolates.size();
    out["cut_actors"] = gaps.cut_actors.size();
    out["bridges"] = gaps.bridges.size();
    out["unreached"] = gaps.unreached.size();
    out["overlaps"] = gaps.overlap_count;
    out["rule_violations"] = violations;
    return out;
}

std::string gaps_changes(const analysis::GapsResult& before, const analysis::GapsResult& after,
                         model::Language language) {
    const bool it = language == model::Language::it;
    const auto a = gaps_summary(before);
    const auto b = gaps_summary(after);
    const std::pair<const char*, const char*> names[] = {
        {"components", it ? "componenti" : "components"},
        {"isolates", it ? "isolati" : "isolated"},
        {"cut_actors", it ? "attori critici" : "cut actors"},
        {"bridges", it ? "legami critici" : "critical ties"},
        {"unreached", it ? "non raggiunti" : "unreached"},
        {"overlaps", it ? "sovrapposizioni" : "overlaps"},
        {"rule_violations", it ? "violazioni delle regole" : "rule violations"},
    };
    std::string out;
    for (const auto& [key, name] : names) {
        const auto x = a.at(key).get<std::size_t>();
        const auto y = b.at(key).get<std::size_t>();
        if (x != y) {
            out += (out.empty() ? "" : "; ") + std::string(name) + " " + std::to_string(x) + " → " +
                   std::to_string(y);
        }
    }
    return out.empty() ? (it ? "nessun cambiamento" : "no change") : out;
}

Table gaps_table(const GapsReport& report, model::Language language) {
    const model::Map& map = *report.map;
    const analysis::GapsResult& gaps = report.gaps;
    Table table;
    table.columns = {"gap", "id", "name", "detail"};
    table.right_aligned = {false, false, false, false};
    const auto cut = cut_actor_sentences(report, language);
    for (std::size_t i = 0; i < gaps.cut_actors.size(); ++i) {
        const std::size_t v = *gaps.cut_actors[i].actor;
        table.rows.push_back(
            {"cut_actor", map.actors[v].id, map.actors[v].name,
             i < cut.size() ? cut[i] : std::to_string(gaps.cut_actors[i].cut_off)});
    }
    const auto bridge = bridge_sentences(report, language);
    for (std::size_t i = 0; i < gaps.bridges.size(); ++i) {
        const auto& edge = report.graph->undirected_edges[*gaps.bridges[i].edge];
        table.rows.push_back(
            {"bridge", map.actors[edge.source].id + "|" + map.actors[edge.target].id,
             map.actors[edge.source].name + " — " + map.actors[edge.target].name,
             i < bridge.size() ? bridge[i] : std::to_string(gaps.bridges[i].cut_off)});
    }
    for (std::size_t v : gaps.isolates) {
        table.rows.push_back({"isolate", map.actors[v].id, map.actors[v].name, ""});
    }
    for (const auto& item : gaps.unreached) {
        table.rows.push_back({"unreached", map.actors[item.actor].id, map.actors[item.actor].name,
                              item.steps ? std::to_string(*item.steps) : "no path"});
    }
    for (const auto& overlap : gaps.overlaps) {
        std::string services;
        for (const auto& s : overlap.services) {
            services += (services.empty() ? "" : " ") + s;
        }
        table.rows.push_back(
            {"overlap", map.actors[overlap.first].id + "|" + map.actors[overlap.second].id,
             map.actors[overlap.first].name + " — " + map.actors[overlap.second].name, services});
    }
    for (const auto& outcome : gaps.rules) {
        const std::string& id = report.rules->rules[outcome.rule].id;
        for (std::size_t v : outcome.violating_actors) {
            table.rows.push_back({"rule:" + id, map.actors[v].id, map.actors[v].name,
                                  rule_text(report, outcome.rule, language)});
        }
        for (std::size_t a : outcome.violating_areas) {
            table.rows.push_back({"rule:" + id, map.areas[a].id, map.areas[a].name,
                                  rule_text(report, outcome.rule, language)});
        }
    }
    return table;
}

} // namespace stakemap::report
