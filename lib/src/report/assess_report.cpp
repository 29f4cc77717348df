#include "stakemap/report/assess_report.hpp"
#include "stakemap/report/compare_report.hpp"

#include "stakemap/error.hpp"
#include "stakemap/io/diagnostics.hpp"
#include "stakemap/io/rubric_reader.hpp"
#include "stakemap/text/words.hpp"

#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>

namespace stakemap::report {

namespace {

using analysis::IndicatorStatus;
using analysis::MeasureUnit;
using analysis::OrganisationalModel;
using nlohmann::ordered_json;

/// The default rubric's texts, so that the catalogue holds them (data/assessment/default.json;
/// a test checks that the two agree).
const std::vector<const char*> rubric_messages{
    text::N_("Multi-level and multi-stakeholder governance"),
    text::N_("Community involvement and active citizenship"),
    text::N_("Monitoring, evaluation and reporting"),
    text::N_("Accessibility: universal and specialised services"),
    text::N_("Levels of governance present"),
    text::N_("{value} of the 5 levels of governance (neighbourhood or district, municipal, "
             "inter-municipal, provincial or regional, national) have an actor on the map; {met} "
             "are wanted."),
    text::N_("Map the actors of the missing levels (the union of municipalities, the region, the "
             "prefecture) and how they work with the municipality."),
    text::N_("Municipal actors tied to other levels"),
    text::N_(
        "{value} of the municipal actors are tied to an actor of another level; {met} are wanted."),
    text::N_("Give municipal offices a standing tie with the district, inter-municipal and "
             "regional level (a protocol, a coordination table)."),
    text::N_("Diversity of sectors"),
    text::N_("The Gini–Simpson index over the actors' sectors is {value}; {met} is wanted (0.8 "
             "when the five sectors are equally present)."),
    text::N_("Bring sectors that are missing or few into the network: civil society, communities, "
             "bridge figures, private actors."),
    text::N_("Ties across sectors"),
    text::N_("{value} of the ties join actors of different sectors; {met} are wanted."),
    text::N_("Create ties between institutions, associations and communities: joint projects, "
             "referral agreements, shared tables."),
    text::N_("Centralization of the network"),
    text::N_("The network's Freeman degree centralization is {value}; at most {met} is wanted, so "
             "that the network does not hang on one actor."),
    text::N_("Spread coordination: let more actors hold ties of their own, so that the network "
             "does not depend on one office."),
    text::N_("Dependence on one institution"),
    text::N_("If the most central institution stopped, {value} of the other actors would be cut "
             "off from the largest part of its network; at most {met} is wanted."),
    text::N_("Add ties that go around the most central institution, so that the network holds "
             "together without it."),
    text::N_("Presence of migrant-led actors"),
    text::N_("{value} of the actors belong to the community sector (migrant associations, "
             "community groups); {met} are wanted."),
    text::N_("Map the migrant associations and community groups of the territory and invite them "
             "into the network."),
    text::N_("Communities close to decision-makers"),
    text::N_("{value} of the community actors are within 2 steps of an elected body or a council "
             "of foreign residents; {met} are wanted."),
    text::N_("Tie community actors to the council of foreign residents or to a councillor, "
             "directly or through a mediator."),
    text::N_("Voice gap of communities"),
    text::N_("{value} of the community actors with power and interest scores have high interest (4 "
             "or 5) and low power (1 or 2); at most {met} is wanted."),
    text::N_("Give the most interested community actors a role in decisions: a seat at the "
             "coordination table, a consultation procedure."),
    text::N_("Bridge figures tied to at least two other sectors"),
    text::N_("{value} of the bridge figures (mediators, animators, councils of foreign residents) "
             "are tied to at least 2 other sectors; {met} are wanted."),
    text::N_("Tie each mediator or animator to both a community and an institution, so that the "
             "role really bridges."),
    text::N_("Recent data"),
    text::N_("{value} of the relations in force were started or confirmed in the last 24 months "
             "(started within 24 months of the map's date, or dated or reported by this round); "
             "{met} are wanted."),
    text::N_("Update the map: check the older relations with the actors concerned and record who "
             "confirmed them (informants) and the date of the round."),
    text::N_("Agreement between informants"),
    text::N_("{value} of the relations with an agreement figure are reported by at least half of "
             "the informants; {met} are wanted."),
    text::N_("Discuss the contested ties in a meeting of the workgroup and record the outcome."),
    text::N_("Stability since the previous round"),
    text::N_("The Jaccard index of the ties against the previous round is {value}; {met} is "
             "wanted, below {partly} suggests trouble."),
    text::N_("Find out why so many ties changed: actors that left, projects that ended, or a "
             "different way of collecting data."),
    text::N_("Referral ties since the previous round"),
    text::N_("The number of referral relations changed by {value} since the previous round; at "
             "least {met} is wanted."),
    text::N_("Restore the referral channels that were lost: ask the services concerned why they "
             "stopped."),
    text::N_("Tie to an evaluator"),
    text::N_("{value} ties join the network to a university, research centre, observatory or "
             "region; at least {met} is wanted."),
    text::N_("Involve a university or the region's observatory to evaluate the network and report "
             "on it."),
    text::N_("Areas with an access point"),
    text::N_("{value} of the areas (those without sub-areas) are served by at least one access "
             "point; {met} are wanted."),
    text::N_("Open an access point, or extend one, in the areas that have none."),
    text::N_("Specialised services linked to universal ones"),
    text::N_("{value} of the specialised services (help desks, mediation, reception) have a "
             "referral tie to a universal service (registry, social, health, job centre, school); "
             "{met} are wanted."),
    text::N_(
        "Agree referral procedures between each specialised service and the universal services."),
    text::N_("Main languages spoken at access points"),
    text::N_("{value} of the 5 most spoken languages of foreign residents are spoken at an access "
             "point; {met} are wanted."),
    text::N_("Add mediation in the missing languages at the access points most used."),
    text::N_("Areas with enough access points"),
    text::N_("{value} of the areas (those without sub-areas) have as many local access points as "
             "the target; {met} are wanted."),
    text::N_("Add access points run by associations in the areas below the target, as Prato's "
             "distributed model does."),
    text::N_("Needed services within reach of communities"),
    text::N_("Counting each community actor once for every area with needs that it serves, {value} "
             "reach every service that area needs within 2 steps; {met} are wanted."),
    text::N_("Tie community actors to the providers of the needed services, directly or through a "
             "mediator."),
};

ordered_json number_or_null(std::optional<double> value) {
    return value ? ordered_json(*value) : ordered_json(nullptr);
}

/// A value as a person reads it: a share as a percentage, a count as a whole number.
std::string value_text(std::optional<double> value, MeasureUnit unit, const text::Words& words) {
    if (!value) {
        return words("no data");
    }
    switch (unit) {
    case MeasureUnit::share:
        return words.percent(*value);
    case MeasureUnit::count:
        return words.number(*value, 6);
    case MeasureUnit::index:
        break;
    }
    return words.number(*value, 3);
}

std::string status_label(IndicatorStatus status, const text::Words& words) {
    switch (status) {
    case IndicatorStatus::met:
        return words("met");
    case IndicatorStatus::partly:
        return words("partly met");
    case IndicatorStatus::not_met:
        return words("not met");
    case IndicatorStatus::no_data:
        break;
    }
    return words("no data");
}

std::string model_why(const analysis::ModelResult& result, const model::Map& map,
                      std::size_t target, const text::Words& words) {
    switch (result.model) {
    case OrganisationalModel::one_stop_desk: {
        if (result.actors == 0) {
            return words("No help desk or URP on the map.");
        }
        std::string why = words.plural(
            "{n} help desk or URP; the most central, {name}, carries {share} of all betweenness.",
            "{n} help desks or URPs; the most central, {name}, carries {share} of all "
            "betweenness.",
            result.actors,
            {{"name", map.actors[*result.top_actor].name},
             {"share", words.percent(result.first)},
             {"share_the", words.percent_with_article(result.first)}});
        why += " " + (result.second ? words("{share} of the referral ties touch a desk.",
                                            {{"share", words.percent(*result.second)}})
                                    : words("No referral ties on the map."));
        return why;
    }
    case OrganisationalModel::distributed_points:
        if (result.score == 0.0 && result.actors == 0 && map.areas.empty()) {
            return words("The map has no areas.");
        }
        return words.plural("{n} access point run by an association or a community; on average "
                            "the areas reach {share} of the target of {target}.",
                            "{n} access points run by associations or communities; on average "
                            "the areas reach {share} of the target of {target}.",
                            result.actors,
                            {{"share", words.percent(result.first)},
                             {"share_the", words.percent_with_article(result.first)},
                             {"target", words.integer(static_cast<long long>(target))}});
    case OrganisationalModel::bridge_figures:
        break;
    }
    if (result.actors == 0) {
        return words("No bridge figure (mediator, animator, council of foreign residents) on the "
                     "map.");
    }
    return words.plural("{n} bridge figure; {share} tied to both a community and an institution; "
                        "{betweenness} of all betweenness.",
                        "{n} bridge figures; {share} tied to both a community and an "
                        "institution; {betweenness} of all betweenness.",
                        result.actors,
                        {{"share", words.percent(result.first)},
                         {"betweenness", words.percent(result.second.value_or(0.0))}});
}

/// A sentence joined after "label: " or "What to do: ": its first letter in lower case, unless the
/// first word is an acronym ("URP"). Handles ASCII and the accented capitals of Latin-1 ("È").
std::string after_colon(std::string sentence) {
    if (sentence.empty()) {
        return sentence;
    }
    const auto upper = [](unsigned char c) {
        return c >= 'A' && c <= 'Z';
    };
    const auto c0 = static_cast<unsigned char>(sentence[0]);
    if (upper(c0)) {
        if (sentence.size() > 1 && upper(static_cast<unsigned char>(sentence[1]))) {
            return sentence;
        }
        sentence[0] = static_cast<char>(c0 - 'A' + 'a');
        return sentence;
    }
    // U+00C0–U+00DE (but U+00D7 ×) are 0xC3 0x80–0x9E; their lower case is 0x20 above.
    if (c0 == 0xC3 && sentence.size() > 1) {
        const auto c1 = static_cast<unsigned char>(sentence[1]);
        if (c1 >= 0x80 && c1 <= 0x9E && c1 != 0x97) {
            sentence[1] = static_cast<char>(c1 + 0x20);
        }
    }
    return sentence;
}

std::string score_text(std::optional<double> score, const text::Words& words) {
    return score ? words.number(*score, 3) : words("no data");
}

/// "62.5 (previous 50)" or "62.5".
std::string with_previous(std::optional<double> score, const std::optional<double>* previous,
                          const text::Words& words) {
    std::string out = score_text(score, words);
    if (previous != nullptr) {
        out += " " + words("(previous {score})", {{"score", score_text(*previous, words)}});
    }
    return out;
}

/// How many of the indicators had data: "3 indicators of 5 with data".
std::string count_text(std::size_t with_data, std::size_t total, const text::Words& words) {
    return words.plural("{n} indicator of {total} with data", "{n} indicators of {total} with data",
                        with_data, {{"total", words.integer(static_cast<long long>(total))}});
}

/// A theme's or the overall score with how many indicators it rests on: "62.5 (3 indicators of 5
/// with data)", or "62.5 (3 indicators of 5 with data; previous 50)".
std::string with_count(std::optional<double> score, std::size_t with_data, std::size_t total,
                       const std::optional<double>* previous, const text::Words& words) {
    const std::string count = count_text(with_data, total, words);
    if (previous != nullptr) {
        return words("{score} ({count}; previous {previous})",
                     {{"score", score_text(score, words)},
                      {"count", count},
                      {"previous", score_text(*previous, words)}});
    }
    return words("{score} ({count})", {{"score", score_text(score, words)}, {"count", count}});
}

std::size_t with_data(const analysis::ThemeResult& theme) {
    std::size_t count = 0;
    for (const auto& item : theme.indicators) {
        count += item.score ? 1U : 0U;
    }
    return count;
}

std::string threshold_text(const model::RubricIndicator& indicator, const text::Words& words) {
    const MeasureUnit unit = analysis::measure_unit(indicator.measure);
    const bool at_least = indicator.direction == model::ThresholdDirection::at_least;
    std::string out = (at_least ? "≥ " : "≤ ") + value_text(indicator.met, unit, words);
    if (indicator.partly) {
        out += "; " + words("partly {sign} {value}",
                            {{"sign", at_least ? "≥" : "≤"},
                             {"value", value_text(*indicator.partly, unit, words)}});
    }
    return out;
}

std::string reason_text(const model::RubricIndicator& indicator, std::optional<double> value,
                        const text::Words& words) {
    if (!value) {
        if (indicator.measure == "stability" || indicator.measure == "referral_change") {
            return words("This indicator compares two rounds: it needs the map of the previous "
                         "round.");
        }
        return words("The map does not hold the data this indicator needs.");
    }
    const MeasureUnit unit = analysis::measure_unit(indicator.measure);
    // {value_the}: the share with the article a sentence needs before it ("il 30%", "l'88%").
    const auto with_article = [&](std::optional<double> number) {
        if (!number) {
            return std::string();
        }
        return unit == MeasureUnit::share ? words.percent_with_article(*number)
                                          : value_text(number, unit, words);
    };
    return text::fill(
        words(indicator.reason.c_str()),
        {{"value", value_text(value, unit, words)},
         {"value_the", with_article(value)},
         {"met", value_text(indicator.met, unit, words)},
         {"met_the", with_article(indicator.met)},
         {"partly", indicator.partly ? value_text(indicator.partly, unit, words) : std::string()},
         {"partly_the", with_article(indicator.partly)}});
}

/// What to record so that a measure has data: one sentence for each way it can lack it.
std::string no_data_text(const std::string& measure, const text::Words& words) {
    if (measure == "stability" || measure == "referral_change") {
        return words("Keep the map of each round and assess the new one beside the previous one "
                     "with `--previous` and the previous map's file.");
    }
    if (measure == "level_coverage" || measure == "vertical_linkage") {
        return words("Record each actor's `level` (neighbourhood, district, municipal, "
                     "intermunicipal, provincial, regional, national); the municipality's offices "
                     "are municipal.");
    }
    if (measure == "sector_diversity" || measure == "cross_sector_ties") {
        return words("Give each actor a `kind` from the vocabulary (data/vocab/kinds.json): its "
                     "kind gives its sector.");
    }
    if (measure == "degree_centralization") {
        return words("Map at least 3 actors and the ties between them.");
    }
    if (measure == "hub_dependence") {
        return words("Map the institutions of the network (the municipality, its offices, the "
                     "region) with a `kind` of the institution sector.");
    }
    if (measure == "community_share" || measure == "policy_access") {
        return words("Map the migrant associations and community groups of the territory, with a "
                     "`kind` of the community sector.");
    }
    if (measure == "voice_gap") {
        return words("Score the `power` and `interest` (1–5) of each community actor with the "
                     "workgroup.");
    }
    if (measure == "mediator_bridging") {
        return words("Map the bridge figures of the territory (cultural mediators, animators, the "
                     "council of foreign residents), if there are any.");
    }
    if (measure == "data_freshness") {
        return words("Give the map the `date` of its round, and record its relations with their "
                     "`since` and `until`.");
    }
    if (measure == "informant_agreement") {
        return words("Have several informants map the network and combine their maps with "
                     "`stakemap merge`: it gives each tie its agreement.");
    }
    if (measure == "area_coverage" || measure == "access_point_target") {
        return words("Record the areas of the territory (neighbourhoods, municipalities) and the "
                     "`area` of each actor.");
    }
    if (measure == "mainstream_linkage") {
        return words("Map the specialised services (help desks, mediation services, cultural "
                     "mediators, reception centres) with their `kind`, if there are any.");
    }
    if (measure == "language_coverage") {
        return words("Record the `foreign_residents` of each area and the shares of the "
                     "`languages` they speak, and the languages spoken at each access point.");
    }
    if (measure == "two_step_reach") {
        return words("Record the `needs` of each area (from a needs survey) and the `area` of each "
                     "community actor.");
    }
    return words("Record the data this indicator needs (docs/assessment.md says which).");
}

std::string recommendation_text(const model::RubricIndicator& indicator, IndicatorStatus status,
                                const text::Words& words) {
    if (status == IndicatorStatus::met) {
        return "";
    }
    if (status == IndicatorStatus::no_data) {
        return no_data_text(indicator.measure, words);
    }
    return indicator.recommendation.empty() ? "" : words(indicator.recommendation.c_str());
}

} // namespace

std::string model_label(analysis::OrganisationalModel model, const text::Words& words) {
    switch (model) {
    case analysis::OrganisationalModel::one_stop_desk:
        return words("One-stop desk");
    case analysis::OrganisationalModel::distributed_points:
        return words("Distributed access points run by associations");
    case analysis::OrganisationalModel::bridge_figures:
        break;
    }
    return words("Bridge figures and mediators");
}

const std::vector<const char*>& default_rubric_messages() {
    return rubric_messages;
}

model::Rubric rubric_for(const std::string& rubric, model::Language language) {
    if (rubric == "default") {
        return io::read_rubric_text(io::default_rubric_text(), "data/assessment/default.json",
                                    analysis::assessment_measure_ids(), language);
    }
    return io::load_rubric(rubric, analysis::assessment_measure_ids(), language);
}

Document assess_document(const Input& input, const AssessSettings& settings) {
    const text::Words words(input.language());
    if (settings.fail_under && (!std::isfinite(*settings.fail_under) ||
                                *settings.fail_under < 0.0 || *settings.fail_under > 100.0)) {
        throw UsageError(words("the score to fail under must be from 0 to 100"), "fail_under");
    }
    const model::Rubric rubric = rubric_for(settings.rubric, input.language());
    const model::Map& map = input.map();

    analysis::AssessOptions options;
    options.access_target = settings.access_target;
    options.threads = input.settings().threads;
    options.control = input.settings().control;
    std::optional<analysis::Assessment> previous;
    std::unique_ptr<Input> previous_input;
    if (settings.previous) {
        AnalysisSettings previous_settings = input.settings();
        previous_settings.source = settings.previous_source;
        previous_settings.what_if.reset();
        previous_input = std::make_unique<Input>(*settings.previous, previous_settings);
        analysis::AssessOptions previous_options = options;
        previous = analysis::assess(previous_input->map(), previous_input->vocabulary(),
                                    previous_input->graph(), rubric, previous_options);
        options.previous = &previous_input->map();
        options.previous_graph = &previous_input->graph();
    }
    const analysis::Assessment result =
        analysis::assess(map, input.vocabulary(), input.graph(), rubric, options);

    Document document = new_document(input, "assess");
    document.options()["rubric"] = settings.rubric;
    document.options()["previous"] =
        settings.previous ? ordered_json(settings.previous_source) : ordered_json(nullptr);
    document.options()["fail_under"] = number_or_null(settings.fail_under);
    document.options()["access_target"] = settings.access_target;

    ordered_json& results = document.results();
    std::size_t all_with_data = 0;
    std::size_t all_indicators = 0;
    for (const auto& theme : result.themes) {
        all_with_data += with_data(theme);
        all_indicators += theme.indicators.size();
    }
    results["score"] = number_or_null(result.score);
    if (previous) {
        results["previous_score"] = number_or_null(previous->score);
    }
    results["indicators_with_data"] = all_with_data;
    results["indicators_total"] = all_indicators;
    results["themes"] = ordered_json::array();
    ordered_json records = ordered_json::array();
    Table overview;
    overview.columns = {words("theme"), words("score")};
    overview.right_aligned = {false, true};
    std::vector<Block> theme_blocks;
    for (std::size_t t = 0; t < result.themes.size(); ++t) {
        const auto& theme = result.themes[t];
        const auto& rubric_theme = rubric.themes[theme.theme];
        const std::string label = words(rubric_theme.label.c_str());
        const std::optional<double>* previous_theme =
            previous ? &previous->themes[t].score : nullptr;
        ordered_json theme_json;
        theme_json["id"] = rubric_theme.id;
        theme_json["label"] = label;
        const std::size_t theme_with_data = with_data(theme);
        const std::string theme_score = with_count(theme.score, theme_with_data,
                                                   theme.indicators.size(), previous_theme, words);
        theme_json["score"] = number_or_null(theme.score);
        if (previous) {
            theme_json["previous_score"] = number_or_null(*previous_theme);
        }
        theme_json["indicators_with_data"] = theme_with_data;
        theme_json["indicators_total"] = theme.indicators.size();
        theme_json["indicators"] = ordered_json::array();
        overview.rows.push_back({label, theme_score});

        Table table;
        table.columns = {words("indicator"), words("value"), words("threshold"), words("status"),
                         words("score")};
        table.right_aligned = {false, true, false, false, true};
        std::vector<std::string> readings;
        for (std::size_t i = 0; i < theme.indicators.size(); ++i) {
            const auto& item = theme.indicators[i];
            const auto& indicator = rubric.indicators[item.indicator];
            const MeasureUnit unit = analysis::measure_unit(indicator.measure);
            const std::string indicator_label = words(indicator.label.c_str());
            const std::string reason = reason_text(indicator, item.value, words);
            const std::string recommendation = recommendation_text(indicator, item.status, words);
            const analysis::IndicatorResult* before =
                previous ? &previous->themes[t].indicators[i] : nullptr;
            ordered_json json;
            json["id"] = indicator.id;
            json["label"] = indicator_label;
            json["measure"] = indicator.measure;
            json["value"] = number_or_null(item.value);
            json["threshold"] = {
                {"direction", indicator.direction == model::ThresholdDirection::at_least
                                  ? "at_least"
                                  : "at_most"},
                {"met", indicator.met},
                {"partly", number_or_null(indicator.partly)}};
            json["status"] = analysis::status_id(item.status);
            json["score"] = number_or_null(item.score);
            json["weight"] = indicator.weight;
            if (before != nullptr) {
                json["previous_value"] = number_or_null(before->value);
                json["previous_status"] = analysis::status_id(before->status);
                json["previous_score"] = number_or_null(before->score);
            }
            json["reason"] = reason;
            json["recommendation"] =
                recommendation.empty() ? ordered_json(nullptr) : ordered_json(recommendation);
            ordered_json record;
            record["theme"] = rubric_theme.id;
            record["indicator"] = indicator.id;
            record["value"] = json["value"];
            record["status"] = json["status"];
            record["score"] = json["score"];
            if (before != nullptr) {
                record["previous_score"] = json["previous_score"];
            }
            record["reason"] = reason;
            record["recommendation"] = json["recommendation"];
            records.push_back(std::move(record));
            theme_json["indicators"].push_back(std::move(json));

            const std::optional<double> before_score =
                before != nullptr ? before->score : std::nullopt;
            table.rows.push_back(
                {indicator_label, value_text(item.value, unit, words),
                 threshold_text(indicator, words), status_label(item.status, words),
                 with_previous(item.score, before != nullptr ? &before_score : nullptr, words)});
            std::string reading = indicator_label + ": " + after_colon(reason);
            if (!recommendation.empty()) {
                reading +=
                    " " + words("What to do: {text}", {{"text", after_colon(recommendation)}});
            }
            readings.push_back(std::move(reading));
        }
        theme_blocks.push_back(
            Block::heading(words("{theme}: {score}", {{"theme", label}, {"score", theme_score}})));
        theme_blocks.push_back(Block::of_table(std::move(table)));
        theme_blocks.push_back(Block::bullets(std::move(readings)));
        results["themes"].push_back(std::move(theme_json));
    }

    results["models"] = ordered_json::array();
    Table models;
    models.columns = {words("model"), words("resemblance"), words("why")};
    models.right_aligned = {false, true, false};
    for (std::size_t m = 0; m < result.models.size(); ++m) {
        const auto& model = result.models[m];
        ordered_json json;
        json["id"] = analysis::model_id(model.model);
        json["label"] = model_label(model.model, words);
        json["score"] = model.score;
        std::string score = words.number(model.score, 3);
        if (previous) {
            json["previous_score"] = previous->models[m].score;
            score += " " + words("(previous {score})",
                                 {{"score", words.number(previous->models[m].score, 3)}});
        }
        json["why"] = model_why(model, map, settings.access_target, words);
        models.rows.push_back(
            {json["label"].get<std::string>(), score, json["why"].get<std::string>()});
        results["models"].push_back(std::move(json));
    }

    document.csv_records() = std::move(records);
    document.csv_columns = {"theme", "indicator", "value", "status", "score"};
    if (previous) {
        document.csv_columns.push_back("previous_score");
    }
    document.csv_columns.push_back("reason");
    document.csv_columns.push_back("recommendation");

    const std::optional<double>* previous_overall = previous ? &previous->score : nullptr;
    document.lead.push_back(
        words("Overall score: {score} out of 100 ({count}; met 100, partly met 50, not met 0; "
              "indicators without data left out).",
              {{"score", with_previous(result.score, previous_overall, words)},
               {"count", count_text(all_with_data, all_indicators, words)}}));
    document.lead.push_back(settings.rubric == "default"
                                ? words("Rubric: the default one (data/assessment/default.json).")
                                : words("Rubric: {file}.", {{"file", settings.rubric}}));
    if (settings.fail_under) {
        const bool below = !result.score || *result.score < *settings.fail_under;
        document.problems_found = below;
        document.lead.push_back(below ? words("The score is below {limit}.",
                                              {{"limit", words.number(*settings.fail_under, 6)}})
                                      : words("The score is not below {limit}.",
                                              {{"limit", words.number(*settings.fail_under, 6)}}));
    }
    document.blocks.push_back(Block::of_table(std::move(overview)));
    for (auto& block : theme_blocks) {
        document.blocks.push_back(std::move(block));
    }
    document.blocks.push_back(Block::heading(words("Resemblance to organisational models (0–1)")));
    document.blocks.push_back(Block::of_table(std::move(models)));
    return document;
}

} // namespace stakemap::report
