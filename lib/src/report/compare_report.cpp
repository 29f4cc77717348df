#include "stakemap/report/compare_report.hpp"

#include "stakemap/analysis/compare.hpp"
#include "stakemap/error.hpp"
#include "stakemap/io/option_reader.hpp"
#include "stakemap/report/assess_report.hpp"

#include <memory>
#include <nlohmann/json.hpp>
#include <set>

namespace stakemap::report {

namespace {

using analysis::ComparedFigure;
using analysis::FigureKind;
using nlohmann::ordered_json;

ordered_json number_or_null(std::optional<double> value) {
    return value ? ordered_json(*value) : ordered_json(nullptr);
}

std::string area_name(const model::Map& map, std::size_t area) {
    const auto& item = map.areas[area];
    return item.name.empty() ? item.id : item.name;
}

std::string actor_name(const model::Map& map, const std::string& id) {
    for (const auto& actor : map.actors) {
        if (actor.id == id) {
            return actor.name.empty() ? actor.id : actor.name;
        }
    }
    return id;
}

/// The row's label for people.
std::string figure_label(const ComparedFigure& figure, const model::Map& map,
                         const model::Rubric& rubric, const CompareSettings& settings,
                         const text::Words& words) {
    switch (figure.kind) {
    case FigureKind::actors_added:
        return words("new actors");
    case FigureKind::relations_added:
        return words("new ties");
    case FigureKind::relations_removed:
        return words("ties ended");
    case FigureKind::coverage_score:
        return words("coverage score (areas averaged)");
    case FigureKind::area_score:
        return words("coverage score: {area}", {{"area", area_name(map, *figure.subject)}});
    case FigureKind::areas_at_target:
        return words("areas with at least {target} access points",
                     {{"target", std::to_string(settings.access_target)}});
    case FigureKind::area_access_points:
        return words("access points: {area}", {{"area", area_name(map, *figure.subject)}});
    case FigureKind::unreached:
        return words("community actors reaching no institution within {within} steps",
                     {{"within", std::to_string(settings.within)}});
    case FigureKind::cut_actors:
        return words("cut actors");
    case FigureKind::isolates:
        return words("isolated actors");
    case FigureKind::assessment_score:
        return words("self-assessment score");
    case FigureKind::theme_score:
        return words("theme: {theme}",
                     {{"theme", words(rubric.themes[*figure.subject].label.c_str())}});
    case FigureKind::model_score:
        return words(
            "resemblance: {model}",
            {{"model", model_label(analysis::organisational_models[*figure.subject], words)}});
    }
    return "";
}

/// The row's key in `best`: its kind, then the area, theme or model id after a dot.
std::string figure_key(const ComparedFigure& figure, const model::Map& map,
                       const model::Rubric& rubric) {
    std::string key = analysis::figure_kind_id(figure.kind);
    if (!figure.subject) {
        return key;
    }
    switch (figure.kind) {
    case FigureKind::area_score:
    case FigureKind::area_access_points:
        return key + "." + map.areas[*figure.subject].id;
    case FigureKind::theme_score:
        return key + "." + rubric.themes[*figure.subject].id;
    case FigureKind::model_score:
        return key + "." + analysis::model_id(analysis::organisational_models[*figure.subject]);
    default:
        return key;
    }
}

std::string value_text(const ComparedFigure& figure, std::optional<double> value,
                       std::size_t access_target, const text::Words& words) {
    if (!value) {
        return words("no data");
    }
    switch (figure.kind) {
    case FigureKind::area_access_points:
        return words("{count}/{target}", {{"count", words.number(*value, 6)},
                                          {"target", std::to_string(access_target)}});
    case FigureKind::assessment_score:
    case FigureKind::theme_score:
        return words.number(*value, 3);
    case FigureKind::coverage_score:
    case FigureKind::area_score:
    case FigureKind::model_score:
        return words.number(*value, 3);
    default:
        return words.number(*value, 6);
    }
}

} // namespace

Document compare_document(const Input& input, const CompareSettings& settings) {
    const text::Words words(input.language());
    if (settings.options.empty()) {
        throw UsageError(words("give at least one option file with --option"), "option");
    }
    const model::Rubric rubric = rubric_for(settings.rubric, input.language());
    const model::Map& map = input.map();

    // Each option applied to the map analysed, then analysed with the same settings.
    std::vector<io::AppliedOption> applied;
    std::set<std::string> ids;
    for (const auto& path : settings.options) {
        applied.push_back(io::apply_option_file(map, path, input.language()));
        const std::string& id = applied.back().option.id;
        if (id == "figure" || id == "label" || id == "current" || id == "best") {
            throw UsageError(words("{file}: the option id \"{id}\" names a column of the "
                                   "comparison: give the option another \"id\"",
                                   {{"file", applied.back().option.file}, {"id", id}}),
                             "option");
        }
        if (!ids.insert(id).second) {
            throw UsageError(words("two options have the id \"{id}\": give one of them another "
                                   "\"id\" in its file",
                                   {{"id", applied.back().option.id}}),
                             "option");
        }
    }
    analysis::CompareOptions options;
    options.access_target = settings.access_target;
    options.within = settings.within;
    options.threads = input.settings().threads;
    options.control = input.settings().control;
    const analysis::OptionFigures current =
        analysis::option_figures(map, input.vocabulary(), input.graph(), rubric, options);
    std::vector<std::unique_ptr<Input>> inputs;
    std::vector<analysis::OptionFigures> figures;
    AnalysisSettings option_settings = input.settings();
    option_settings.what_if.reset();
    for (const auto& option : applied) {
        option_settings.source = option.option.file;
        inputs.push_back(std::make_unique<Input>(option.map, option_settings));
        figures.push_back(analysis::option_figures(inputs.back()->map(),
                                                   inputs.back()->vocabulary(),
                                                   inputs.back()->graph(), rubric, options));
    }
    std::vector<const model::Map*> maps;
    std::vector<const analysis::OptionFigures*> option_figures;
    std::vector<std::array<std::size_t, 3>> costs;
    for (std::size_t o = 0; o < applied.size(); ++o) {
        maps.push_back(&inputs[o]->map());
        option_figures.push_back(&figures[o]);
        const auto& option = applied[o].option;
        costs.push_back(
            {option.actors_added.size(), option.relations_added, option.relations_removed});
    }
    const analysis::Comparison comparison = analysis::compare_options(
        map, current, maps, option_figures, costs, rubric, settings.access_target);

    Document document = new_document(input, "compare");
    ordered_json option_files = ordered_json::array();
    for (const auto& path : settings.options) {
        option_files.push_back(path);
    }
    document.options()["option"] = option_files;
    for (const auto& option : applied) {
        for (const auto& warning : option.warnings) {
            document.warnings.push_back(io::to_string(warning));
        }
    }
    document.options()["rubric"] = settings.rubric;
    document.options()["access_target"] = settings.access_target;
    document.options()["within"] = settings.within;

    const auto option_title = [&](std::size_t o) {
        return applied[o].option.title;
    };
    std::vector<std::string> titles;
    for (std::size_t o = 0; o < applied.size(); ++o) {
        titles.push_back("«" + option_title(o) + "»");
    }
    document.lead.push_back(words.plural(
        "{count} option applied, each on its own, to the same map: {options}.",
        "{count} options applied, each on its own, to the same map: {options}.", applied.size(),
        {{"count", std::to_string(applied.size())}, {"options", words.list_and(titles)}}));

    // The side-by-side table.
    Table table;
    table.columns.push_back(words.in_context("a row of the comparison", "figure"));
    table.columns.push_back(words("map as it is"));
    for (const auto& option : applied) {
        table.columns.push_back(option.option.id);
    }
    table.columns.push_back(words("best"));
    table.right_aligned.assign(table.columns.size(), true);
    table.right_aligned.front() = false;
    table.right_aligned.back() = false;
    ordered_json best = ordered_json::object();
    ordered_json rows = ordered_json::array();
    ordered_json records = ordered_json::array();
    for (const auto& figure : comparison.figures) {
        const std::string key = figure_key(figure, map, rubric);
        const std::string label = figure_label(figure, map, rubric, settings, words);
        std::vector<std::string> row = {label};
        ordered_json values = ordered_json::object();
        ordered_json record = ordered_json::object();
        record["figure"] = key;
        record["label"] = label;
        values["current"] = number_or_null(figure.values[0]);
        record["current"] = number_or_null(figure.values[0]);
        for (std::size_t i = 0; i < figure.values.size(); ++i) {
            row.push_back(value_text(figure, figure.values[i], settings.access_target, words));
            if (i > 0) {
                values[applied[i - 1].option.id] = number_or_null(figure.values[i]);
                record[applied[i - 1].option.id] = number_or_null(figure.values[i]);
            }
        }
        std::vector<std::string> best_ids;
        for (const std::size_t o : figure.best) {
            best_ids.push_back(applied[o].option.id);
        }
        if (figure.better == analysis::Better::none) {
            row.push_back("–");
        } else if (best_ids.empty()) {
            row.push_back(words("all equal"));
        } else {
            row.push_back(words.list_and(best_ids));
        }
        table.rows.push_back(std::move(row));
        ordered_json json_row = ordered_json::object();
        json_row["figure"] = key;
        json_row["label"] = label;
        json_row["better"] = figure.better == analysis::Better::higher  ? "higher"
                             : figure.better == analysis::Better::lower ? "lower"
                                                                        : "none";
        json_row["values"] = std::move(values);
        json_row["best"] = best_ids;
        rows.push_back(std::move(json_row));
        if (figure.better != analysis::Better::none) {
            best[key] = best_ids;
        }
        std::string best_cell;
        for (const auto& id : best_ids) {
            best_cell += (best_cell.empty() ? "" : "|") + id;
        }
        record["best"] = best_cell;
        records.push_back(std::move(record));
    }
    document.blocks.push_back(Block::heading(words("The options side by side")));
    document.blocks.push_back(
        Block::paragraph(words("Each column is the map with one option applied; the last column "
                               "names the options that do best on the row (fewer new actors and "
                               "ties, unreached actors and cut actors; higher scores; access "
                               "points up to the target). Resemblance to a model is neither good "
                               "nor bad.")));
    document.blocks.push_back(Block::of_table(std::move(table)));

    // Each option in sentences.
    ordered_json options_json = ordered_json::array();
    for (std::size_t o = 0; o < applied.size(); ++o) {
        const auto& option = applied[o].option;
        const auto& reach = comparison.reach[o];
        const model::Map& option_map = inputs[o]->map();
        const analysis::OptionFigures& f = figures[o];
        const auto names = [&](const std::vector<std::string>& list) {
            std::vector<std::string> out;
            for (const auto& id : list) {
                out.push_back(actor_name(option_map, id));
            }
            return words.list_and(out);
        };
        document.blocks.push_back(
            Block::heading(words("{id}: {title}", {{"id", option.id}, {"title", option.title}})));
        if (!option.description.empty()) {
            document.blocks.push_back(Block::paragraph(option.description));
        }
        std::vector<std::string> bullets;
        bullets.push_back(words(
            "Cost: {actors}, {ties}; {ended}.",
            {{"actors",
              words.plural("{count} new actor", "{count} new actors", option.actors_added.size(),
                           {{"count", std::to_string(option.actors_added.size())}})},
             {"ties", words.plural("{count} new tie", "{count} new ties", option.relations_added,
                                   {{"count", std::to_string(option.relations_added)}})},
             {"ended",
              words.plural("{count} tie ended", "{count} ties ended", option.relations_removed,
                           {{"count", std::to_string(option.relations_removed)}})}}));
        if (!reach.reached.empty()) {
            bullets.push_back(words.plural(
                "Now reaches an institution within {within} steps: {actors}.",
                "Now reach an institution within {within} steps: {actors}.", reach.reached.size(),
                {{"within", std::to_string(settings.within)}, {"actors", names(reach.reached)}}));
        }
        if (!reach.still_unreached.empty()) {
            bullets.push_back(
                words.plural("Still reaches no institution within {within} steps: {actors}.",
                             "Still reach no institution within {within} steps: {actors}.",
                             reach.still_unreached.size(),
                             {{"within", std::to_string(settings.within)},
                              {"actors", names(reach.still_unreached)}}));
        } else {
            bullets.push_back(words("Every community actor reaches an institution within "
                                    "{within} steps.",
                                    {{"within", std::to_string(settings.within)}}));
        }
        if (!reach.areas_improved.empty()) {
            std::vector<std::string> areas;
            for (const std::size_t a : reach.areas_improved) {
                const auto& before = current.coverage.areas[a].score;
                const auto& after = f.coverage.areas[a].score;
                areas.push_back(
                    words("{area} ({before} → {after})",
                          {{"area", area_name(map, a)},
                           {"before", before ? words.number(*before, 3) : words("no data")},
                           {"after", words.number(*after, 3)}}));
            }
            bullets.push_back(
                words("Coverage score rises in: {areas}.", {{"areas", words.list_and(areas)}}));
        } else {
            bullets.push_back(words("No area's coverage score rises."));
        }
        if (!reach.no_longer_cut.empty()) {
            bullets.push_back(
                words.plural("No longer a cut actor: {actors}.", "No longer cut actors: {actors}.",
                             reach.no_longer_cut.size(), {{"actors", names(reach.no_longer_cut)}}));
        }
        if (!reach.new_cut.empty()) {
            bullets.push_back(words.plural("Becomes a cut actor: {actors}.",
                                           "Become cut actors: {actors}.", reach.new_cut.size(),
                                           {{"actors", names(reach.new_cut)}}));
        }
        bullets.push_back(words.plural("Best on {count} figure of the table.",
                                       "Best on {count} figures of the table.", comparison.wins[o],
                                       {{"count", std::to_string(comparison.wins[o])}}));
        document.blocks.push_back(Block::bullets(std::move(bullets)));

        ordered_json json = ordered_json::object();
        json["id"] = option.id;
        json["title"] = option.title;
        json["description"] = option.description;
        json["file"] = option.file;
        json["actors_added"] = option.actors_added;
        json["actors_removed"] = option.actors_removed;
        json["relations_added"] = option.relations_added;
        json["relations_removed"] = option.relations_removed;
        ordered_json areas = ordered_json::array();
        for (const auto& area : f.coverage.areas) {
            ordered_json item = ordered_json::object();
            item["id"] = option_map.areas[area.area].id;
            item["score"] = number_or_null(area.score);
            item["access_points"] = area.access_points.size();
            areas.push_back(std::move(item));
        }
        json["areas"] = std::move(areas);
        json["areas_improved"] = ordered_json::array();
        for (const std::size_t a : reach.areas_improved) {
            json["areas_improved"].push_back(map.areas[a].id);
        }
        json["unreached"] = reach.still_unreached;
        json["reached"] = reach.reached;
        std::vector<std::string> cut;
        for (const auto& impact : f.gaps.cut_actors) {
            if (impact.actor) {
                cut.push_back(option_map.actors[*impact.actor].id);
            }
        }
        json["cut_actors"] = cut;
        json["no_longer_cut"] = reach.no_longer_cut;
        json["new_cut"] = reach.new_cut;
        json["isolates"] = f.gaps.isolates.size();
        json["assessment_score"] = number_or_null(f.assessment.score);
        json["best_on"] = comparison.wins[o];
        options_json.push_back(std::move(json));
    }

    // Which option does best most often.
    std::size_t most = 0;
    for (const std::size_t wins : comparison.wins) {
        most = std::max(most, wins);
    }
    std::vector<std::string> leaders;
    for (std::size_t o = 0; o < applied.size(); ++o) {
        if (most > 0 && comparison.wins[o] == most) {
            leaders.push_back("«" + option_title(o) + "»");
        }
    }
    if (applied.size() > 1 && !leaders.empty()) {
        document.blocks.push_back(Block::paragraph(words.plural(
            "Best on most figures: {options} ({count} of the rows where one option does better "
            "than another). The table says where each option does better; the choice weighs them.",
            "Best on most figures: {options} ({count} each, of the rows where one option does "
            "better than another). The table says where each option does better; the choice "
            "weighs them.",
            leaders.size(),
            {{"options", words.list_and(leaders)}, {"count", std::to_string(most)}})));
    }

    ordered_json& results = document.results();
    ordered_json current_json = ordered_json::object();
    for (const auto& figure : comparison.figures) {
        if (figure.kind == FigureKind::coverage_score) {
            current_json["coverage_score"] = number_or_null(figure.values[0]);
        }
    }
    current_json["unreached"] = ordered_json::array();
    for (const auto& item : current.gaps.unreached) {
        current_json["unreached"].push_back(map.actors[item.actor].id);
    }
    current_json["cut_actors"] = ordered_json::array();
    for (const auto& impact : current.gaps.cut_actors) {
        if (impact.actor) {
            current_json["cut_actors"].push_back(map.actors[*impact.actor].id);
        }
    }
    current_json["assessment_score"] = number_or_null(current.assessment.score);
    results["current"] = std::move(current_json);
    results["options"] = std::move(options_json);
    results["figures"] = std::move(rows);
    results["best"] = std::move(best);
    document.csv_records() = std::move(records);
    document.csv_columns = {"figure", "label", "current"};
    for (const auto& option : applied) {
        document.csv_columns.push_back(option.option.id);
    }
    document.csv_columns.push_back("best");
    return document;
}

} // namespace stakemap::report
