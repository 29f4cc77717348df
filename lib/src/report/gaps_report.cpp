#include "stakemap/report/gaps_report.hpp"

#include "stakemap/io/diagnostics.hpp"
#include "stakemap/io/rules_reader.hpp"
#include "stakemap/model/grouping.hpp"
#include "stakemap/report/coverage_report.hpp"
#include "stakemap/report/language_names.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

namespace stakemap::report {

using analysis::CutImpact;

namespace {

/// Components named in text, and actors named per component; JSON names them all.
constexpr std::size_t components_in_text = 30;
constexpr std::size_t names_per_component = 12;

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
                        const text::Words& words) {
    const model::Term* term = vocabulary.find_sector(sector);
    return term == nullptr ? words("no sector") : model::text(term->label, words.language());
}

std::string area_name(const model::Map& map, std::size_t area) {
    return map.areas[area].name.empty() ? map.areas[area].id : map.areas[area].name;
}

/// "a or b", "a, b or c".
std::string list_or(const std::vector<std::string>& items, const text::Words& words) {
    if (items.size() < 2) {
        return items.empty() ? "" : items.front();
    }
    std::string head = items.front();
    for (std::size_t i = 1; i + 1 < items.size(); ++i) {
        head += ", " + items[i];
    }
    return words("{first} or {last}", {{"first", head}, {"last", items.back()}});
}

/// "a: 2, b: 1": how many of something in each place, for parentheses.
std::string counts_text(const std::vector<std::pair<std::string, std::size_t>>& counts,
                        const text::Words& words) {
    std::string out;
    for (const auto& [name, count] : counts) {
        out += (out.empty() ? "" : ", ") +
               words("{name}: {count}",
                     {{"name", name}, {"count", words.integer(static_cast<long long>(count))}});
    }
    return out;
}

std::string ei_text(double value, const text::Words& words) {
    return std::isnan(value) ? "–" : words.number(value, 3);
}

/// The display name of one group of a mixing matrix: the label of a sector, kind or level, the
/// name of an area, or the attribute value itself.
std::string group_name(const GapsReport& report, const std::string& grouping, const std::string& id,
                       const text::Words& words) {
    if (id.empty()) {
        return "–";
    }
    const model::Vocabulary& vocabulary = *report.vocabulary;
    const model::Language language = words.language();
    if (grouping == "sector") {
        if (const auto* term = vocabulary.find_sector(id)) {
            return model::text(term->label, language);
        }
    } else if (grouping == "kind") {
        if (const auto* term = vocabulary.find_kind(id)) {
            return model::text(term->label, language);
        }
    } else if (grouping == "level") {
        if (const auto* term = vocabulary.find_level(id)) {
            return model::text(term->label, language);
        }
    } else if (grouping == "area") {
        if (const auto area = report.map->area_index(id)) {
            return area_name(*report.map, *area);
        }
    }
    return id;
}

std::string grouping_name(const std::string& grouping, const text::Words& words) {
    if (grouping == "sector") {
        return words("by sector");
    }
    if (grouping == "kind") {
        return words("by kind");
    }
    if (grouping == "level") {
        return words("by level");
    }
    if (grouping == "area") {
        return words("by area");
    }
    return words("by «{attribute}»", {{"attribute", grouping}});
}

/// Names of actors for a sentence, the first `limit` of them and how many more.
std::string names_text(const model::Map& map, const std::vector<std::size_t>& actors,
                       std::size_t limit, const text::Words& words) {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < actors.size() && i < limit; ++i) {
        names.push_back(map.actors[actors[i]].name);
    }
    if (actors.size() > limit) {
        names.push_back(words.plural("{n} other", "{n} others", actors.size() - limit));
    }
    return words.list_and(names);
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

std::string rule_text(const GapsReport& report, std::size_t rule, model::Language language) {
    return model::text(report.rules->rules[rule].text, language);
}

std::string rule_line(const GapsReport& report, const analysis::RuleOutcome& outcome,
                      const text::Words& words) {
    const model::Map& map = *report.map;
    const bool areas = report.rules->rules[outcome.rule].each_area;
    const std::size_t count = outcome.violating_actors.size() + outcome.violating_areas.size();
    std::string line = rule_text(report, outcome.rule, words.language()) + ": ";
    if (!outcome.unknown_ids.empty()) {
        std::vector<std::string> ids;
        for (const auto& id : outcome.unknown_ids) {
            ids.push_back("«" + id + "»");
        }
        line += words("(ids the vocabulary and the map do not know: {ids}) ",
                      {{"ids", words.list_and(ids)}});
    }
    if (!outcome.applicable) {
        line += words("not applicable (no actor on the map matches its target)");
    } else if (outcome.checked == 0) {
        line += areas ? words("no area it applies to") : words("no actor it applies to");
    } else if (count == 0) {
        line += areas ? words.plural("met in the only area checked", "met in all {n} areas checked",
                                     outcome.checked)
                      : words.plural("met by the only actor it applies to",
                                     "met by all {n} actors it applies to", outcome.checked);
    } else {
        std::vector<std::string> who;
        for (std::size_t v : outcome.violating_actors) {
            who.push_back(map.actors[v].name);
        }
        for (std::size_t a : outcome.violating_areas) {
            who.push_back(area_name(map, a));
        }
        line += words.plural("{n} of {checked} breaks it: {who}",
                             "{n} of {checked} break it: {who}", count,
                             {{"checked", words.integer(static_cast<long long>(outcome.checked))},
                              {"who", words.list_and(who)}});
    }
    return line;
}

} // namespace

std::string selector_label(const model::ActorSelector& selector,
                           const model::Vocabulary& vocabulary, const text::Words& words) {
    const model::Language language = words.language();
    std::vector<std::string> parts;
    std::vector<std::string> names;
    for (const auto& id : selector.sectors) {
        const auto* term = vocabulary.find_sector(id);
        names.push_back(term != nullptr ? model::text(term->label, language) : id);
    }
    if (!names.empty()) {
        parts.push_back(list_or(names, words));
    }
    names.clear();
    for (const auto& id : selector.kinds) {
        const auto* term = vocabulary.find_kind(id);
        names.push_back(term != nullptr ? model::text(term->label, language) : id);
    }
    if (!names.empty()) {
        parts.push_back(list_or(names, words));
    }
    names.clear();
    for (const auto& id : selector.levels) {
        const auto* term = vocabulary.find_level(id);
        names.push_back(term != nullptr ? model::text(term->label, language) : id);
    }
    if (!names.empty()) {
        parts.push_back(words("level {level}", {{"level", list_or(names, words)}}));
    }
    std::string out;
    for (const auto& part : parts) {
        out += (out.empty() ? "" : ", ") + part;
    }
    return out;
}

std::string selector_error_text(const analysis::SelectorError& error, model::Language language) {
    using Problem = analysis::SelectorError::Problem;
    const text::Words words(language);
    const std::string id = error.item.substr(error.item.find(':') + 1);
    std::string message;
    switch (error.problem) {
    case Problem::empty:
        return words("an empty selector; write e.g. community or kind:consulta");
    case Problem::unknown_sector:
        message = words("no sector \"{id}\"", {{"id", id}});
        break;
    case Problem::unknown_kind:
        message = words("no kind \"{id}\" in the vocabulary or the map", {{"id", id}});
        break;
    case Problem::unknown_level:
        message = words("no level \"{id}\"", {{"id", id}});
        break;
    case Problem::unknown_id:
        message = words("\"{item}\" is neither a sector nor a kind; write sector:ID, "
                        "kind:ID or level:ID",
                        {{"item", error.item}});
        break;
    case Problem::area_id:
        return words("\"{item}\" is an area; selectors take sectors, kinds and levels "
                     "(sector:ID, kind:ID, level:ID)",
                     {{"item", error.item}});
    case Problem::actor_id:
        return words("\"{item}\" is an actor; selectors take sectors, kinds and levels "
                     "(sector:ID, kind:ID, level:ID)",
                     {{"item", error.item}});
    case Problem::matches_nobody:
        message = words("no actor on this map matches \"{item}\"", {{"item", error.item}});
        break;
    }
    const std::string nearest = io::nearest_name(error.item, error.candidates);
    if (!nearest.empty()) {
        message += words("; did you mean \"{name}\"?", {{"name", nearest}});
    } else if (error.problem == Problem::matches_nobody && !error.candidates.empty()) {
        // Nothing close: say which sectors the map has (its kinds would make a long list).
        std::vector<std::string> sectors;
        for (const auto& item : error.candidates) {
            if (item.rfind("sector:", 0) == 0) {
                sectors.push_back(item.substr(7));
            }
        }
        message +=
            words("; sectors on this map: {sectors}", {{"sectors", words.list_and(sectors)}});
    }
    return message;
}

std::string cut_consequences(const GapsReport& report, const CutImpact& impact,
                             model::Language language) {
    const text::Words words(language);
    const model::Map& map = *report.map;
    std::vector<std::string> parts;
    std::string cut =
        words.plural("{n} actor is cut off from the rest of the network",
                     "{n} actors are cut off from the rest of the network", impact.cut_off);
    if (!impact.areas.empty()) {
        std::vector<std::pair<std::string, std::size_t>> areas;
        for (const auto& [area, count] : impact.areas) {
            areas.emplace_back(area_name(map, area), count);
        }
        cut += " (" + counts_text(areas, words) + ")";
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
        lost.push_back(
            words("its only speakers of {languages}", {{"languages", words.list_and(names)}}));
    }
    if (!impact.services_lost.empty()) {
        std::vector<std::string> names;
        for (const auto& service : impact.services_lost) {
            names.push_back("«" + service_label(*report.vocabulary, service, language) + "»");
        }
        lost.push_back(
            words("its only providers of {services}", {{"services", words.list_and(names)}}));
    }
    if (!lost.empty()) {
        parts.push_back(
            words("the rest of its network loses {what}", {{"what", words.list_and(lost)}}));
    }
    if (impact.lose_institutions_total > 0) {
        std::vector<std::pair<std::string, std::size_t>> who;
        for (const auto& [sector, count] : impact.lose_institutions) {
            who.emplace_back(sector_name(*report.vocabulary, sector, words), count);
        }
        parts.push_back(words.plural("{n} actor loses every path to the institutions ({who})",
                                     "{n} actors lose every path to the institutions ({who})",
                                     impact.lose_institutions_total,
                                     {{"who", counts_text(who, words)}}));
    }
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        out += (i == 0 ? "" : "; ") + parts[i];
    }
    return out;
}

nlohmann::ordered_json gaps_results(const GapsReport& report) {
    const model::Map& map = *report.map;
    const analysis::GapsResult& gaps = report.gaps;
    nlohmann::ordered_json out;
    out["components"] = gaps.components;
    out["largest_component"] = gaps.largest_component;
    auto others = nlohmann::ordered_json::array();
    for (const auto& component : gaps.other_components) {
        auto actors = nlohmann::ordered_json::array();
        for (std::size_t v : component) {
            actors.push_back({{"id", map.actors[v].id}, {"name", map.actors[v].name}});
        }
        others.push_back({{"size", component.size()}, {"actors", std::move(actors)}});
    }
    out["other_components"] = std::move(others);
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
    const text::Words words(language);
    std::vector<std::string> out;
    for (const auto& impact : report.gaps.cut_actors) {
        if (out.size() == report.top) {
            break;
        }
        out.push_back(words("If {name} stops, {consequences}.",
                            {{"name", report.map->actors[*impact.actor].name},
                             {"consequences", cut_consequences(report, impact, language)}}));
    }
    return out;
}

std::vector<std::string> bridge_sentences(const GapsReport& report, model::Language language) {
    const text::Words words(language);
    std::vector<std::string> out;
    for (const auto& impact : report.gaps.bridges) {
        if (out.size() == report.top) {
            break;
        }
        const auto& edge = report.graph->undirected_edges[*impact.edge];
        out.push_back(words("If the tie between {first} and {second} breaks, {consequences}.",
                            {{"first", report.map->actors[edge.source].name},
                             {"second", report.map->actors[edge.target].name},
                             {"consequences", cut_consequences(report, impact, language)}}));
    }
    return out;
}

std::vector<std::string> component_sentences(const GapsReport& report, model::Language language) {
    const text::Words words(language);
    const model::Map& map = *report.map;
    std::vector<std::string> out;
    for (const auto& component : report.gaps.other_components) {
        if (component.size() == 1) {
            out.push_back(words("{name}, with no tie", {{"name", map.actors[component[0]].name}}));
        } else {
            out.push_back(
                words.plural("{names}: {n} actor tied only among themselves",
                             "{names}: {n} actors tied only among themselves", component.size(),
                             {{"names", names_text(map, component, names_per_component, words)}}));
        }
    }
    return out;
}

std::string gaps_text(const GapsReport& report, model::Language language, bool markdown) {
    const text::Words words(language);
    const model::Map& map = *report.map;
    const analysis::GapsResult& gaps = report.gaps;
    const auto integer = [&](std::size_t n) {
        return words.integer(static_cast<long long>(n));
    };
    // Names are in almost every line: each line is escaped for Markdown as it is written.
    auto line = [&](const std::string& text) {
        return markdown ? markdown_text(text) : text;
    };
    auto heading = [&](const std::string& text) {
        return markdown ? "### " + line(text) + "\n\n" : text + ":\n";
    };
    auto table = [&](const Table& t) {
        return markdown ? render_markdown(t) : render_text(t);
    };
    auto bullet = [&](const std::string& text) {
        return (markdown ? "- " : "  ") + line(text) + "\n";
    };
    std::string out;
    out += line(words(
               "Components: {components}; the largest has {actors}; isolated actors: {isolated}",
               {{"components", integer(gaps.components)},
                {"actors", words.plural("{n} actor", "{n} actors", gaps.largest_component)},
                {"isolated", integer(gaps.isolates.size())}})) +
           "\n\n";

    if (!gaps.other_components.empty()) {
        std::size_t outside = 0;
        for (const auto& component : gaps.other_components) {
            outside += component.size();
        }
        out += heading(words("Outside the largest component ({actors} in {components})",
                             {{"actors", words.plural("{n} actor", "{n} actors", outside)},
                              {"components", words.plural("{n} component", "{n} components",
                                                          gaps.other_components.size())}}));
        const auto sentences = component_sentences(report, language);
        for (std::size_t i = 0; i < sentences.size() && i < components_in_text; ++i) {
            out += bullet(sentences[i]);
        }
        if (sentences.size() > components_in_text) {
            out += bullet(words.plural("… and {n} more component (--format json lists them all)",
                                       "… and {n} more components (--format json lists them all)",
                                       sentences.size() - components_in_text));
        }
        out += "\n";
    }

    const auto more = [&](std::size_t all, std::size_t shown) {
        return all > shown ? bullet(words.plural("… and {n} more (--top shows more)",
                                                 "… and {n} more (--top shows more)", all - shown))
                           : std::string();
    };
    out += heading(words("Cut actors ({n})", {{"n", integer(gaps.cut_actors.size())}}));
    const auto cut = cut_actor_sentences(report, language);
    for (const auto& sentence : cut) {
        out += bullet(sentence);
    }
    out += more(gaps.cut_actors.size(), cut.size());
    out += "\n" + heading(words("Critical ties ({n})", {{"n", integer(gaps.bridges.size())}}));
    const auto bridges = bridge_sentences(report, language);
    for (const auto& sentence : bridges) {
        out += bullet(sentence);
    }
    out += more(gaps.bridges.size(), bridges.size());

    const analysis::Mixing& mixing = gaps.mixing;
    const std::string from = selector_label(report.from, *report.vocabulary, words);
    const std::string to = selector_label(report.to, *report.vocabulary, words);
    out += "\n" + heading(words("Ties between groups, {grouping}",
                                {{"grouping", grouping_name(mixing.grouping, words)}}));
    out += line(words("Overall E–I index: {ei} (−1: every tie inside groups; +1: every tie between "
                      "groups)",
                      {{"ei", ei_text(mixing.overall_ei, words)}})) +
           "\n";
    out += line(words("E–I between «{from}» and «{to}»: {ei} ({between}, {within})",
                      {{"from", from},
                       {"to", to},
                       {"ei", ei_text(gaps.from_to_ei, words)},
                       {"between", words.plural("{n} tie between the two",
                                                "{n} ties between the two", gaps.from_to_between)},
                       {"within", words.plural("{n} inside either", "{n} inside either",
                                               gaps.from_to_within)}})) +
           "\n\n";
    Table matrix;
    matrix.columns = {words("group"), words("actors"), "E–I"};
    matrix.right_aligned = {false, true, true};
    for (const auto& group : mixing.groups) {
        matrix.columns.push_back(group_name(report, mixing.grouping, group, words));
        matrix.right_aligned.push_back(true);
    }
    for (std::size_t g = 0; g < mixing.groups.size(); ++g) {
        std::vector<std::string> row{group_name(report, mixing.grouping, mixing.groups[g], words),
                                     integer(mixing.sizes[g]), ei_text(mixing.ei[g], words)};
        for (std::size_t h = 0; h < mixing.groups.size(); ++h) {
            row.push_back(integer(mixing.ties[g][h]));
        }
        matrix.rows.push_back(std::move(row));
    }
    out += table(matrix);

    out += "\n" + heading(words("Unreached ({n})", {{"n", integer(gaps.unreached.size())}}));
    if (gaps.from_count == 0) {
        out += line(words("No actor on the map is in «{from}».", {{"from", from}})) + "\n";
    } else if (gaps.unreached.empty()) {
        out += line(words.plural(
                   "Every actor of «{from}» reaches an actor of «{to}» within {n} step.",
                   "Every actor of «{from}» reaches an actor of «{to}» within {n} steps.",
                   report.within, {{"from", from}, {"to", to}})) +
               "\n";
    } else {
        out +=
            line(words.plural("Actors of «{from}» that reach no actor of «{to}» within {n} step "
                              "(the actual distance in brackets):",
                              "Actors of «{from}» that reach no actor of «{to}» within {n} steps "
                              "(the actual distance in brackets):",
                              report.within, {{"from", from}, {"to", to}})) +
            "\n";
    }
    for (const auto& item : gaps.unreached) {
        const std::string distance =
            item.steps ? words.plural("{n} step", "{n} steps", *item.steps) : words("no path");
        out += bullet(map.actors[item.actor].name + " (" + distance + ")");
    }

    out += "\n" + heading(words("Overlapping offices ({n})", {{"n", integer(gaps.overlap_count)}}));
    for (const auto& overlap : gaps.overlaps) {
        std::vector<std::string> services;
        for (const auto& service : overlap.services) {
            services.push_back("«" + service_label(*report.vocabulary, service, language) + "»");
        }
        std::vector<std::string> areas;
        for (std::size_t a : overlap.areas) {
            areas.push_back(area_name(map, a));
        }
        out += bullet(words.plural("{first} and {second} both offer {services} in the area "
                                   "{areas}, with no relation between them",
                                   "{first} and {second} both offer {services} in the areas "
                                   "{areas}, with no relation between them",
                                   overlap.areas.size(),
                                   {{"first", map.actors[overlap.first].name},
                                    {"second", map.actors[overlap.second].name},
                                    {"services", words.list_and(services)},
                                    {"areas", words.list_and(areas)}}));
    }
    if (gaps.overlap_count > gaps.overlaps.size()) {
        out += bullet(words.plural("… and {n} more pair", "… and {n} more pairs",
                                   gaps.overlap_count - gaps.overlaps.size()));
    }

    if (!gaps.rules.empty()) {
        out += "\n" + heading(words("Expected-tie rules"));
        for (const auto& outcome : gaps.rules) {
            out += bullet(rule_line(report, outcome, words));
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
    const text::Words words(language);
    const auto a = gaps_summary(before);
    const auto b = gaps_summary(after);
    using text::N_;
    const std::pair<const char*, const char*> names[] = {
        {"components", N_("components {before} → {after}")},
        {"isolates", N_("isolated {before} → {after}")},
        {"cut_actors", N_("cut actors {before} → {after}")},
        {"bridges", N_("critical ties {before} → {after}")},
        {"unreached", N_("unreached {before} → {after}")},
        {"overlaps", N_("overlaps {before} → {after}")},
        {"rule_violations", N_("rule violations {before} → {after}")},
    };
    std::string out;
    for (const auto& [key, change] : names) {
        const auto x = a.at(key).get<long long>();
        const auto y = b.at(key).get<long long>();
        if (x != y) {
            out += (out.empty() ? "" : "; ") +
                   words(change, {{"before", words.integer(x)}, {"after", words.integer(y)}});
        }
    }
    return out.empty() ? words("no change") : out;
}

nlohmann::ordered_json gaps_csv_records(const nlohmann::ordered_json& results) {
    auto records = nlohmann::ordered_json::array();
    auto add = [&](const char* gap, const nlohmann::ordered_json& finding) {
        nlohmann::ordered_json record;
        record["gap"] = gap;
        for (const auto& [key, value] : finding.items()) {
            if (key == "areas" && value.is_array() && !value.empty() && value[0].is_object()) {
                auto areas = nlohmann::ordered_json::array();
                for (const auto& area : value) {
                    areas.push_back(area.value("area", "") + ":" +
                                    std::to_string(area.value("actors", 0)));
                }
                record[key] = std::move(areas);
            } else if (key == "actors" && value.is_array() && !value.empty() &&
                       value[0].is_object()) {
                auto ids = nlohmann::ordered_json::array();
                for (const auto& actor : value) {
                    ids.push_back(actor.value("id", ""));
                }
                record[key] = std::move(ids);
            } else {
                record[key] = value;
            }
        }
        records.push_back(std::move(record));
    };
    for (const auto& component : results["other_components"]) {
        add("other_component", component);
    }
    for (const auto& cut : results["cut_actors"]) {
        add("cut_actor", cut);
    }
    for (const auto& bridge : results["bridges"]) {
        add("bridge", bridge);
    }
    for (const auto& actor : results["unreached"]["actors"]) {
        add("unreached", actor);
    }
    for (const auto& overlap : results["overlaps"]) {
        add("overlap", overlap);
    }
    for (const auto& rule : results["rules"]) {
        add("rule", rule);
    }
    return records;
}

Table gaps_table(const GapsReport& report, model::Language language) {
    const text::Words words(language);
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
    const auto components = component_sentences(report, language);
    for (std::size_t i = 0; i < gaps.other_components.size(); ++i) {
        const auto& component = gaps.other_components[i];
        if (component.size() == 1) {
            continue; // an isolate: listed below
        }
        std::string ids;
        std::string names;
        for (std::size_t v : component) {
            ids += (ids.empty() ? "" : "|") + map.actors[v].id;
            names += (names.empty() ? "" : " — ") + map.actors[v].name;
        }
        table.rows.push_back({"component", ids, names, components[i]});
    }
    for (std::size_t v : gaps.isolates) {
        table.rows.push_back({"isolate", map.actors[v].id, map.actors[v].name, ""});
    }
    for (const auto& item : gaps.unreached) {
        table.rows.push_back({"unreached", map.actors[item.actor].id, map.actors[item.actor].name,
                              item.steps ? std::to_string(*item.steps) : words("no path")});
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

model::ActorSelector parse_selector_setting(const SelectorSetting& setting, const char* name,
                                            const Input& input) {
    try {
        return analysis::parse_selector(setting.text, input.vocabulary(),
                                        setting.given ? &input.map() : nullptr);
    } catch (const analysis::SelectorError& error) {
        throw UsageError(selector_error_text(error, input.language()), name);
    }
}

Document gaps_document(const Input& input, const GapsSettings& settings) {
    const model::Map& map = input.map();
    const model::Language language = input.language();
    check_grouping(input, settings.group, "group");
    analysis::GapsOptions options;
    options.group = settings.group;
    options.within = settings.within;
    options.control = input.settings().control;
    options.from = parse_selector_setting(settings.from, "from", input);
    options.to = parse_selector_setting(settings.to, "to", input);
    model::RuleSet rules;
    if (settings.rules == "default") {
        rules = io::default_rules();
    } else if (settings.rules != "none") {
        rules = io::load_rules(settings.rules);
    }
    options.rules = settings.rules == "none" ? nullptr : &rules;

    GapsReport result;
    result.map = &map;
    result.vocabulary = &input.vocabulary();
    result.graph = &input.graph();
    result.rules = &rules;
    result.from_label = settings.from.text;
    result.to_label = settings.to.text;
    result.from = options.from;
    result.to = options.to;
    result.within = settings.within;
    result.top = settings.top;
    result.gaps = analysis::find_gaps(map, input.vocabulary(), input.graph(), options);

    Document document = new_document(input, "gaps");
    document.options()["group"] = settings.group;
    document.options()["from"] = settings.from.text;
    document.options()["to"] = settings.to.text;
    document.options()["within"] = settings.within;
    document.options()["rules"] = settings.rules;
    document.results() = gaps_results(result);
    document.csv_records() = gaps_csv_records(document.results());
    if (input.has_what_if()) {
        const auto before = analysis::find_gaps(input.original(), input.vocabulary(),
                                                input.original_graph(), options);
        auto what_if = input.what_if_json();
        what_if["before"] = gaps_summary(before);
        what_if["after"] = gaps_summary(result.gaps);
        document.results()["what_if"] = std::move(what_if);
        document.lead.push_back(input.what_if_text() + " — " +
                                gaps_changes(before, result.gaps, language));
    }
    document.blocks.push_back(
        Block::prose(gaps_text(result, language, false), gaps_text(result, language, true)));
    return document;
}

} // namespace stakemap::report
