#include "stakemap/report/suggest_report.hpp"
#include "stakemap/error.hpp"

#include "stakemap/report/gaps_report.hpp"
#include "stakemap/text/words.hpp"

#include <algorithm>
#include <cmath>
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
    throw UsageError("unknown score \"" + name +
                     "\": use adamic_adar, jaccard, resource_allocation or "
                     "common_neighbours");
}

std::string score_label(const std::string& score, const text::Words& words) {
    if (score == "common_neighbours") {
        return words("common neighbours");
    }
    if (score == "jaccard") {
        return words("Jaccard coefficient");
    }
    if (score == "resource_allocation") {
        return words("resource allocation index");
    }
    return words("Adamic–Adar index");
}

/// --from and --to by their labels; as written when the report has no vocabulary.
std::string from_text(const SuggestReport& report, const text::Words& words) {
    return report.vocabulary != nullptr ? selector_label(report.from, *report.vocabulary, words)
                                        : report.from_label;
}

std::string to_text(const SuggestReport& report, const text::Words& words) {
    return report.vocabulary != nullptr ? selector_label(report.to, *report.vocabulary, words)
                                        : report.to_label;
}

/// What the goal counts, as a noun phrase: "unreached actors", "cut actors"…
std::string objective_name(analysis::Goal goal, const text::Words& words) {
    switch (goal) {
    case analysis::Goal::reach:
        return words("unreached actors");
    case analysis::Goal::connect:
        return words("actors outside the main component");
    case analysis::Goal::resilience:
        return words("cut actors");
    case analysis::Goal::coverage:
        return words("people-weighted coverage gap (Σ priority)");
    }
    return "";
}

/// Why a goal found no link: its objective is already 0, no pair was a candidate, or no candidate
/// lowers the objective.
const char* no_gain_reason(const analysis::SuggestResult& goal) {
    if (goal.objective_before <= 0.0) {
        return "already_best";
    }
    return goal.candidates == 0 ? "no_candidates" : "no_link_gains";
}

std::string no_gain_sentence(const SuggestReport& report, const text::Words& words) {
    const auto& goal = *report.goal;
    const std::string name = goal_label(goal.goal, words.language());
    const std::string reason = no_gain_reason(goal);
    if (reason == "already_best") {
        switch (goal.goal) {
        case analysis::Goal::reach:
            return words.plural("No new link can improve «{goal}»: every actor of «{from}» already "
                                "reaches an actor of «{to}» within {n} step.",
                                "No new link can improve «{goal}»: every actor of «{from}» already "
                                "reaches an actor of «{to}» within {n} steps.",
                                report.within,
                                {{"goal", name},
                                 {"from", from_text(report, words)},
                                 {"to", to_text(report, words)}});
        case analysis::Goal::connect:
            return words("No new link can improve «{goal}»: the network is already in one piece.",
                         {{"goal", name}});
        case analysis::Goal::resilience:
            return words("No new link can improve «{goal}»: no actor is a single point of failure.",
                         {{"goal", name}});
        case analysis::Goal::coverage:
            return words("No new link can improve «{goal}»: no ranked area has a coverage gap.",
                         {{"goal", name}});
        }
    }
    if (reason == "no_candidates") {
        return report.candidates == analysis::Candidates::plausible
                   ? words("No new link can improve «{goal}»: there is no candidate pair to link "
                           "for it (only pairs that share an area were considered; --candidates "
                           "any considers every pair).",
                           {{"goal", name}})
                   : words("No new link can improve «{goal}»: there is no candidate pair to link "
                           "for it.",
                           {{"goal", name}});
    }
    return words.plural(
        "No new link can improve «{goal}» ({objective}: {value}): the only candidate link does "
        "not lower it.",
        "No new link can improve «{goal}» ({objective}: {value}): none of the {n} candidate links "
        "lowers it.",
        goal.candidates,
        {{"goal", name},
         {"objective", objective_name(goal.goal, words)},
         {"value", words.number(goal.objective_before, 6)}});
}

} // namespace

const std::vector<std::string>& score_names() {
    static const std::vector<std::string> names{"adamic_adar", "jaccard", "resource_allocation",
                                                "common_neighbours"};
    return names;
}

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

std::string goal_label(analysis::Goal goal, model::Language language) {
    const text::Words words(language);
    switch (goal) {
    case analysis::Goal::reach:
        return words.in_context("suggest goal", "reach");
    case analysis::Goal::connect:
        return words.in_context("suggest goal", "connection");
    case analysis::Goal::resilience:
        return words.in_context("suggest goal", "resilience");
    case analysis::Goal::coverage:
        return words.in_context("suggest goal", "coverage");
    }
    return analysis::goal_id(goal);
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
        nlohmann::ordered_json no_gain = nullptr;
        if (goal.links.empty()) {
            auto others = nlohmann::ordered_json::array();
            for (analysis::Goal other :
                 report.goals_that_gain.value_or(std::vector<analysis::Goal>{})) {
                others.push_back(analysis::goal_id(other));
            }
            no_gain = {{"reason", no_gain_reason(goal)}, {"goals_that_gain", std::move(others)}};
        }
        out["goal"] = {{"goal", analysis::goal_id(goal.goal)},
                       {"objective", objective_name(goal.goal, text::Words(model::Language::en))},
                       {"from", report.from_label},
                       {"to", report.to_label},
                       {"within", report.within},
                       {"before", goal.objective_before},
                       {"after", goal.objective_after},
                       {"candidates", goal.candidates},
                       {"evaluations", goal.evaluations},
                       {"links", std::move(links)},
                       {"no_gain", std::move(no_gain)}};
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

std::string goal_summary(const SuggestReport& report, model::Language language) {
    const text::Words words(language);
    if (!report.goal) {
        return "";
    }
    const auto& goal = *report.goal;
    if (goal.links.empty()) {
        return words("Goal «{goal}»: {objective} {value}",
                     {{"goal", goal_label(goal.goal, language)},
                      {"objective", objective_name(goal.goal, words)},
                      {"value", words.number(goal.objective_before, 6)}});
    }
    return words.plural("Goal «{goal}»: {objective} {before} → {after} with {n} new link",
                        "Goal «{goal}»: {objective} {before} → {after} with {n} new links",
                        goal.links.size(),
                        {{"goal", goal_label(goal.goal, language)},
                         {"objective", objective_name(goal.goal, words)},
                         {"before", words.number(goal.objective_before, 6)},
                         {"after", words.number(goal.objective_after, 6)}});
}

std::vector<std::string> suggestion_sentences(const SuggestReport& report,
                                              model::Language language) {
    std::vector<std::string> out;
    if (!report.goal) {
        return out;
    }
    const text::Words words(language);
    const model::Map& map = *report.map;
    const auto& goal = *report.goal;
    if (goal.links.empty()) {
        out.push_back(no_gain_sentence(report, words));
        if (report.goals_that_gain) {
            std::vector<std::string> goals;
            for (analysis::Goal other : *report.goals_that_gain) {
                goals.push_back(
                    words("«{goal}» (--goal {id})", {{"goal", goal_label(other, language)},
                                                     {"id", analysis::goal_id(other)}}));
            }
            out.push_back(goals.empty() ? words("No other goal can gain on this map either.")
                                        : words("Goals that can gain on this map: {goals}.",
                                                {{"goals", words.list_and(goals)}}));
        }
        return out;
    }
    std::size_t rank = 0;
    for (const auto& link : goal.links) {
        std::string effect;
        switch (goal.goal) {
        case analysis::Goal::reach: {
            std::vector<std::string> names;
            for (std::size_t v : link.helped) {
                names.push_back(map.actors[v].name);
            }
            effect = words.plural("brings {n} actor of «{from}» within {steps} of «{to}»: {who}",
                                  "brings {n} actors of «{from}» within {steps} of «{to}»: {who}",
                                  link.helped.size(),
                                  {{"from", from_text(report, words)},
                                   {"to", to_text(report, words)},
                                   {"steps", words.plural("{n} step", "{n} steps", report.within)},
                                   {"who", words.list_and(names)}});
            break;
        }
        case analysis::Goal::connect:
            effect =
                words.plural("{n} actor joins the main network", "{n} actors join the main network",
                             static_cast<std::uint64_t>(std::llround(link.gain)));
            break;
        case analysis::Goal::resilience:
            effect = words.plural("{n} actor stops being a single point of failure",
                                  "{n} actors stop being single points of failure",
                                  static_cast<std::uint64_t>(std::llround(link.gain)));
            break;
        case analysis::Goal::coverage:
            effect = words("the people-weighted coverage gap falls by {gain}",
                           {{"gain", words.number(link.gain, 4)}});
            break;
        }
        out.push_back(words("{rank}. Link {source} with {target}{where}: {effect} ({objective} "
                            "{before} → {after}).",
                            {{"rank", words.integer(static_cast<long long>(++rank))},
                             {"source", map.actors[link.source].name},
                             {"target", map.actors[link.target].name},
                             {"where", link.same_area ? " " + words("(same area)") : ""},
                             {"effect", effect},
                             {"objective", objective_name(goal.goal, words)},
                             {"before", words.number(link.before, 6)},
                             {"after", words.number(link.after, 6)}}));
    }
    return out;
}

std::string prediction_heading(const SuggestReport& report, model::Language language) {
    const text::Words words(language);
    if (report.predicted.empty()) {
        return words("No unlinked pair shares a neighbour.");
    }
    return words("Unlinked pairs by {score}", {{"score", score_label(report.score, words)}});
}

Table suggestions_table(const SuggestReport& report, model::Language language) {
    const text::Words words(language);
    Table table;
    table.columns = {"#",           words("source"), words("target"),
                     words("gain"), words("before"), words("after")};
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

Table prediction_table(const SuggestReport& report, model::Language language, bool readable) {
    const text::Words words(language);
    Table table;
    if (readable) {
        table.columns = {words("source"), words("target"), words("common neighbours"),
                         "Jaccard",       "Adamic–Adar",   words("resource allocation")};
    } else {
        table.columns = {words("source"), words("target"), "common_neighbours",
                         "jaccard",       "adamic_adar",   "resource_allocation"};
    }
    table.right_aligned = {false, false, true, true, true, true};
    const auto number = [&](double value) {
        return readable ? words.number(value, 4) : format_number(value, 4);
    };
    for (const auto& pair : report.predicted) {
        table.rows.push_back(
            {report.map->actors[pair.source].id, report.map->actors[pair.target].id,
             readable ? words.integer(static_cast<long long>(pair.common_neighbours))
                      : std::to_string(pair.common_neighbours),
             number(pair.jaccard), number(pair.adamic_adar), number(pair.resource_allocation)});
    }
    return table;
}

Document suggest_document(const Input& input, const SuggestSettings& settings) {
    const model::Map& map = input.map();
    const model::Language language = input.language();
    SuggestReport result;
    result.map = &map;
    result.vocabulary = &input.vocabulary();
    result.within = settings.within;
    result.from_label = settings.from.text;
    result.to_label = settings.to.text;
    result.from = parse_selector_setting(settings.from, "--from", input);
    result.to = parse_selector_setting(settings.to, "--to", input);
    result.score = settings.score;
    result.candidates = settings.candidates;
    if (settings.goal) {
        analysis::SuggestOptions options;
        options.goal = *settings.goal;
        options.k = settings.k;
        options.within = settings.within;
        options.coverage.within = settings.within; // goal coverage: reach of services, same meaning
        options.candidates = settings.candidates;
        options.build = input.build_options();
        options.control = input.settings().control;
        options.from = result.from;
        options.to = result.to;
        result.goal = analysis::suggest(map, input.vocabulary(), options);
        if (result.goal->links.empty()) {
            result.goals_that_gain = analysis::goals_that_gain(map, input.vocabulary(), options);
        }
    }
    result.predicted =
        rank_links(analysis::link_prediction(input.graph(), input.settings().control),
                   settings.score, settings.top);

    Document document = new_document(input, "suggest");
    auto& options = document.options();
    options["goal"] = settings.goal ? std::string(analysis::goal_id(*settings.goal)) : "none";
    options["k"] = settings.k;
    options["from"] = settings.from.text;
    options["to"] = settings.to.text;
    options["within"] = settings.within;
    options["candidates"] = name_in(candidates_names, settings.candidates);
    options["score"] = settings.score;
    options["top"] = settings.top;
    document.results() = suggest_results(result);
    // CSV: the goal's links, or the link-prediction ranking when no goal was asked.
    document.csv_records() = result.goal ? document.results()["goal"]["links"]
                                         : document.results()["link_prediction"]["pairs"];
    if (input.has_what_if()) {
        document.results()["what_if"] = input.what_if_json();
        document.lead.push_back(input.what_if_text());
    }
    if (result.goal) {
        document.blocks.push_back(Block::paragraph(goal_summary(result, language)));
        document.blocks.push_back(Block::bullets(suggestion_sentences(result, language)));
    }
    document.blocks.push_back(Block::heading(prediction_heading(result, language)));
    if (!result.predicted.empty()) {
        document.blocks.push_back(Block::of_table(prediction_table(result, language, true)));
    }
    return document;
}

} // namespace stakemap::report
