#include "stakemap/analysis/compare.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace stakemap::analysis {

namespace {

constexpr double tolerance = 1e-9;

/// The leaf areas' scores averaged with their foreign residents as weights, or with equal
/// weights when one of them lacks them — the rule of a parent area's roll-up score.
std::optional<double> mean_leaf_score(const CoverageResult& coverage) {
    double weighted = 0.0;
    double weights = 0.0;
    double plain = 0.0;
    std::size_t count = 0;
    bool all_have_residents = true;
    for (const auto& area : coverage.areas) {
        if (!area.sub_areas.empty() || !area.score) {
            continue;
        }
        plain += *area.score;
        ++count;
        if (area.foreign_residents && *area.foreign_residents > 0.0) {
            weighted += *area.score * *area.foreign_residents;
            weights += *area.foreign_residents;
        } else {
            all_have_residents = false;
        }
    }
    if (count == 0) {
        return std::nullopt;
    }
    return all_have_residents ? weighted / weights : plain / static_cast<double>(count);
}

std::vector<std::string> unreached_ids(const model::Map& map, const GapsResult& gaps) {
    std::vector<std::string> ids;
    for (const auto& item : gaps.unreached) {
        ids.push_back(map.actors[item.actor].id);
    }
    return ids;
}

std::vector<std::string> cut_ids(const model::Map& map, const GapsResult& gaps) {
    std::vector<std::string> ids;
    for (const auto& impact : gaps.cut_actors) {
        if (impact.actor) {
            ids.push_back(map.actors[*impact.actor].id);
        }
    }
    return ids;
}

/// The ids of `from` that are not in `minus`, in the order of `from`.
std::vector<std::string> without(const std::vector<std::string>& from,
                                 const std::vector<std::string>& minus) {
    const std::set<std::string> gone(minus.begin(), minus.end());
    std::vector<std::string> out;
    for (const auto& id : from) {
        if (!gone.contains(id)) {
            out.push_back(id);
        }
    }
    return out;
}

/// The value compared for "best": access points count only up to the target.
std::optional<double> compared_value(const ComparedFigure& figure, std::optional<double> value,
                                     std::size_t access_target) {
    if (value && figure.kind == FigureKind::area_access_points) {
        return std::min(*value, static_cast<double>(access_target));
    }
    return value;
}

void choose_best(ComparedFigure& figure, std::size_t access_target) {
    if (figure.better == Better::none) {
        return;
    }
    std::optional<double> best;
    std::optional<double> worst;
    for (std::size_t i = 1; i < figure.values.size(); ++i) {
        const auto value = compared_value(figure, figure.values[i], access_target);
        if (!value) {
            continue;
        }
        const bool better =
            !best || (figure.better == Better::higher ? *value > *best : *value < *best);
        const bool worse =
            !worst || (figure.better == Better::higher ? *value < *worst : *value > *worst);
        if (better) {
            best = value;
        }
        if (worse) {
            worst = value;
        }
    }
    if (!best) {
        return;
    }
    // Every option with data equal: none does better than another. An option without data
    // does worse than any with data.
    bool missing = false;
    for (std::size_t i = 1; i < figure.values.size(); ++i) {
        missing = missing || !figure.values[i];
    }
    if (!missing && std::abs(*best - *worst) <= tolerance) {
        return;
    }
    for (std::size_t i = 1; i < figure.values.size(); ++i) {
        const auto value = compared_value(figure, figure.values[i], access_target);
        if (value && std::abs(*value - *best) <= tolerance) {
            figure.best.push_back(i - 1);
        }
    }
}

} // namespace

const char* figure_kind_id(FigureKind kind) {
    switch (kind) {
    case FigureKind::actors_added:
        return "actors_added";
    case FigureKind::relations_added:
        return "relations_added";
    case FigureKind::relations_removed:
        return "relations_removed";
    case FigureKind::coverage_score:
        return "coverage_score";
    case FigureKind::area_score:
        return "area_score";
    case FigureKind::areas_at_target:
        return "areas_at_target";
    case FigureKind::area_access_points:
        return "area_access_points";
    case FigureKind::unreached:
        return "unreached";
    case FigureKind::cut_actors:
        return "cut_actors";
    case FigureKind::isolates:
        return "isolates";
    case FigureKind::assessment_score:
        return "assessment_score";
    case FigureKind::theme_score:
        return "theme_score";
    case FigureKind::model_score:
        return "model_score";
    }
    return "";
}

OptionFigures option_figures(const model::Map& map, const model::Vocabulary& vocabulary,
                             const graph::AnalysisGraph& graph, const model::Rubric& rubric,
                             const CompareOptions& options) {
    OptionFigures figures;
    CoverageOptions coverage_options;
    coverage_options.access_target = options.access_target;
    coverage_options.within = options.within;
    coverage_options.control = options.control;
    figures.coverage = coverage(map, vocabulary, graph, coverage_options);
    GapsOptions gaps_options;
    gaps_options.within = options.within;
    gaps_options.control = options.control;
    figures.gaps = find_gaps(map, vocabulary, graph, gaps_options);
    AssessOptions assess_options;
    assess_options.access_target = options.access_target;
    assess_options.threads = options.threads;
    assess_options.control = options.control;
    figures.assessment = assess(map, vocabulary, graph, rubric, assess_options);
    return figures;
}

Comparison compare_options(const model::Map& current_map, const OptionFigures& current,
                           const std::vector<const model::Map*>& maps,
                           const std::vector<const OptionFigures*>& options,
                           const std::vector<std::array<std::size_t, 3>>& costs,
                           const model::Rubric& rubric, std::size_t access_target) {
    Comparison comparison;
    std::vector<const OptionFigures*> all = {&current};
    all.insert(all.end(), options.begin(), options.end());

    // One row: the value of every map (the current one first).
    const auto row = [&](FigureKind kind, std::optional<std::size_t> subject, Better better,
                         auto value_of) {
        ComparedFigure figure;
        figure.kind = kind;
        figure.subject = subject;
        figure.better = better;
        for (std::size_t i = 0; i < all.size(); ++i) {
            figure.values.push_back(value_of(i));
        }
        choose_best(figure, access_target);
        comparison.figures.push_back(std::move(figure));
    };
    const auto cost = [&](std::size_t which) {
        return [&, which](std::size_t i) -> std::optional<double> {
            return i == 0 ? 0.0 : static_cast<double>(costs[i - 1][which]);
        };
    };
    row(FigureKind::actors_added, std::nullopt, Better::lower, cost(0));
    row(FigureKind::relations_added, std::nullopt, Better::lower, cost(1));
    row(FigureKind::relations_removed, std::nullopt, Better::none, cost(2));
    row(FigureKind::coverage_score, std::nullopt, Better::higher,
        [&](std::size_t i) { return mean_leaf_score(all[i]->coverage); });
    // Areas: the current map's, found in each option's coverage by position (an option adds
    // no area, so every map has the same areas in the same order).
    const auto& areas = current.coverage.areas;
    for (std::size_t a = 0; a < areas.size(); ++a) {
        if (areas[a].sub_areas.empty()) {
            row(FigureKind::area_score, areas[a].area, Better::higher,
                [&](std::size_t i) { return all[i]->coverage.areas[a].score; });
        }
    }
    row(FigureKind::areas_at_target, std::nullopt, Better::higher,
        [&](std::size_t i) -> std::optional<double> {
            std::size_t at_target = 0;
            for (const auto& area : all[i]->coverage.areas) {
                at_target +=
                    area.sub_areas.empty() && area.access_points.size() >= access_target ? 1U : 0U;
            }
            return static_cast<double>(at_target);
        });
    for (std::size_t a = 0; a < areas.size(); ++a) {
        if (areas[a].sub_areas.empty()) {
            row(FigureKind::area_access_points, areas[a].area, Better::higher,
                [&](std::size_t i) -> std::optional<double> {
                    return static_cast<double>(all[i]->coverage.areas[a].access_points.size());
                });
        }
    }
    row(FigureKind::unreached, std::nullopt, Better::lower,
        [&](std::size_t i) -> std::optional<double> {
            return static_cast<double>(all[i]->gaps.unreached.size());
        });
    row(FigureKind::cut_actors, std::nullopt, Better::lower,
        [&](std::size_t i) -> std::optional<double> {
            return static_cast<double>(all[i]->gaps.cut_actors.size());
        });
    row(FigureKind::isolates, std::nullopt, Better::lower,
        [&](std::size_t i) -> std::optional<double> {
            return static_cast<double>(all[i]->gaps.isolates.size());
        });
    row(FigureKind::assessment_score, std::nullopt, Better::higher,
        [&](std::size_t i) { return all[i]->assessment.score; });
    for (std::size_t t = 0; t < rubric.themes.size(); ++t) {
        row(FigureKind::theme_score, t, Better::higher, [&](std::size_t i) {
            for (const auto& theme : all[i]->assessment.themes) {
                if (theme.theme == t) {
                    return theme.score;
                }
            }
            return std::optional<double>{};
        });
    }
    for (std::size_t m = 0; m < organisational_models.size(); ++m) {
        row(FigureKind::model_score, m, Better::none, [&](std::size_t i) -> std::optional<double> {
            return all[i]->assessment.models[m].score;
        });
    }

    const auto current_unreached = unreached_ids(current_map, current.gaps);
    const auto current_cut = cut_ids(current_map, current.gaps);
    for (std::size_t o = 0; o < options.size(); ++o) {
        OptionReach reach;
        const auto unreached = unreached_ids(*maps[o], options[o]->gaps);
        const auto cut = cut_ids(*maps[o], options[o]->gaps);
        // Reached: unreached before, still on the map, no longer unreached.
        std::set<std::string> on_map;
        for (const auto& actor : maps[o]->actors) {
            on_map.insert(actor.id);
        }
        for (const auto& id : without(current_unreached, unreached)) {
            if (on_map.contains(id)) {
                reach.reached.push_back(id);
            }
        }
        reach.still_unreached = unreached;
        for (const auto& id : without(current_cut, cut)) {
            if (on_map.contains(id)) {
                reach.no_longer_cut.push_back(id);
            }
        }
        reach.new_cut = without(cut, current_cut);
        for (std::size_t a = 0; a < areas.size(); ++a) {
            const auto& before = areas[a].score;
            const auto& after = options[o]->coverage.areas[a].score;
            if (areas[a].sub_areas.empty() && after && (!before || *after > *before + tolerance)) {
                reach.areas_improved.push_back(areas[a].area);
            }
        }
        comparison.reach.push_back(std::move(reach));
    }
    comparison.wins.assign(options.size(), 0);
    for (const auto& figure : comparison.figures) {
        for (const std::size_t o : figure.best) {
            ++comparison.wins[o];
        }
    }
    return comparison;
}

} // namespace stakemap::analysis
