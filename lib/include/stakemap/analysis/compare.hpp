#pragma once
// Organisational options compared on the same map (SPEC §4.3 `compare`): each option's map is
// analysed like the map itself — coverage per area, access points against the target, community
// actors that reach no institution, cut actors, isolated actors, the self-assessment — and for
// each figure the options that do best are named. This layer returns numbers and ids;
// report/compare_report.hpp turns them into words. Definitions: docs/assessment.md.

#include "stakemap/analysis/assess.hpp"
#include "stakemap/analysis/coverage.hpp"
#include "stakemap/analysis/gaps.hpp"
#include "stakemap/graph/analysis_graph.hpp"
#include "stakemap/model/map.hpp"
#include "stakemap/model/rubric.hpp"
#include "stakemap/model/vocabulary.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace stakemap::analysis {

/// The figures of one map: the map as it is, or the map with one option applied.
struct OptionFigures {
    CoverageResult coverage;
    GapsResult gaps;
    Assessment assessment;
};

struct CompareOptions {
    std::size_t access_target = 3; ///< access points wanted in each area
    std::size_t within = 2;        ///< steps for reach and for unreached community actors
    unsigned threads = 0;
    RunControl control;
};

/// Computes the figures of one map. `graph` must come from `map`.
OptionFigures option_figures(const model::Map& map, const model::Vocabulary& vocabulary,
                             const graph::AnalysisGraph& graph, const model::Rubric& rubric,
                             const CompareOptions& options = {});

/// Which way a figure is better.
enum class Better {
    higher,
    lower,
    none, ///< descriptive only (a resemblance to a model is neither good nor bad)
};

enum class FigureKind {
    actors_added,       ///< new actors the option brings
    relations_added,    ///< new ties the option needs: its cost in ties
    relations_removed,  ///< ties it ends (descriptive)
    coverage_score,     ///< the leaf areas' scores averaged as a roll-up is (by foreign residents)
    area_score,         ///< one leaf area's coverage score
    areas_at_target,    ///< leaf areas with at least the target of local access points
    area_access_points, ///< one leaf area's local access points (better up to the target)
    unreached,          ///< community actors reaching no institution within `within` steps
    cut_actors,         ///< actors whose stop cuts others off
    isolates,           ///< actors with no tie
    assessment_score,   ///< the overall self-assessment score
    theme_score,        ///< one theme's score
    model_score,        ///< resemblance to one organisational model (descriptive)
};

/// "actors_added", "coverage_score", … (the JSON key of the figure's kind).
const char* figure_kind_id(FigureKind kind);

/// One row of the comparison.
struct ComparedFigure {
    FigureKind kind = FigureKind::coverage_score;
    /// The area (index in the map's areas), theme (index in the rubric's themes) or model (index
    /// in organisational_models) the figure is about, when it is about one.
    std::optional<std::size_t> subject;
    Better better = Better::higher;
    /// The map as it is first, then each option in the order given; none: no data.
    std::vector<std::optional<double>> values;
    /// The options (0 = the first option) that do best on this figure: every option within 1e-9
    /// of the best value. Empty when the figure is descriptive, when no option has a value, or
    /// when every option has the same value (none does better than another).
    std::vector<std::size_t> best;
};

/// What one option changes against the map as it is, by actor id.
struct OptionReach {
    /// Community actors that reach no institution on the map as it is and do with the option.
    std::vector<std::string> reached;
    /// Community actors that reach no institution with the option (the option's own included).
    std::vector<std::string> still_unreached;
    /// Cut actors of the map that are no longer cut actors with the option.
    std::vector<std::string> no_longer_cut;
    /// Cut actors the option brings.
    std::vector<std::string> new_cut;
    /// Leaf areas whose coverage score rises by more than 1e-9 (indices in the map's areas).
    std::vector<std::size_t> areas_improved;
};

struct Comparison {
    std::vector<ComparedFigure> figures;
    std::vector<OptionReach> reach; ///< one per option
    /// How many figures each option is best on (alone or shared).
    std::vector<std::size_t> wins;
};

/// The side-by-side table. `current` is the map as it is; `options[i]` and `maps[i]` are the
/// i-th option's figures and map; `costs[i]` = {actors added, relations added, relations
/// removed}. Areas are the current map's (an option adds no area).
Comparison compare_options(const model::Map& current_map, const OptionFigures& current,
                           const std::vector<const model::Map*>& maps,
                           const std::vector<const OptionFigures*>& options,
                           const std::vector<std::array<std::size_t, 3>>& costs,
                           const model::Rubric& rubric, std::size_t access_target);

} // namespace stakemap::analysis
