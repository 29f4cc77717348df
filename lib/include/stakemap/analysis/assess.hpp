#pragma once
// Self-assessment (SPEC §4.3 `assess`): indicators of the four themes measured on the map, scored
// against a rubric as MIPEX scores its answers (met 100, partly 50, not met 0, no data left out of
// the averages), and the map's resemblance to three organisational models. Definitions, thresholds
// and formulas: docs/assessment.md. This layer returns numbers and enums; report/assess_report
// turns them into words.

#include "stakemap/analysis/run_control.hpp"
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

/// How a measure's value reads.
enum class MeasureUnit {
    share, ///< in [0, 1], shown as a percentage
    count, ///< a whole number (possibly negative for a change)
    index, ///< a number such as Gini–Simpson or centralization
};

/// A measure an indicator of a rubric may name.
struct AssessmentMeasure {
    const char* id;
    MeasureUnit unit;
};

/// Every measure, in the order of docs/assessment.md.
const std::vector<AssessmentMeasure>& assessment_measures();
/// Their ids, for the rubric reader.
std::vector<std::string> assessment_measure_ids();
/// The unit of a measure (share for an unknown id).
MeasureUnit measure_unit(const std::string& id);

enum class IndicatorStatus { met, partly, not_met, no_data };
/// "met", "partly", "not_met", "no_data".
const char* status_id(IndicatorStatus status);

/// The three organisational models of docs/assessment.md.
enum class OrganisationalModel { one_stop_desk, distributed_points, bridge_figures };
inline constexpr std::array<OrganisationalModel, 3> organisational_models{
    OrganisationalModel::one_stop_desk, OrganisationalModel::distributed_points,
    OrganisationalModel::bridge_figures};
/// "one_stop_desk", "distributed_points", "bridge_figures".
const char* model_id(OrganisationalModel model);

struct IndicatorResult {
    std::size_t indicator = 0; ///< index into the rubric's indicators
    std::optional<double> value;
    IndicatorStatus status = IndicatorStatus::no_data;
    std::optional<double> score; ///< 100, 50 or 0; none without data
};

struct ThemeResult {
    std::size_t theme = 0; ///< index into the rubric's themes
    std::vector<IndicatorResult> indicators;
    /// Weighted mean of the indicator scores with data; none when no indicator has data.
    std::optional<double> score;
};

/// Resemblance to one model, in [0, 1], with the two figures it is the mean of.
struct ModelResult {
    OrganisationalModel model = OrganisationalModel::one_stop_desk;
    double score = 0.0;
    std::size_t actors = 0;       ///< desks, association access points, or bridge figures
    double first = 0.0;           ///< desk: betweenness share; points: mean of min(1, n/target);
                                  ///< bridges: share tied to both communities and institutions
    std::optional<double> second; ///< desk: referral share (none without referrals);
                                  ///< bridges: betweenness share; points: none
    std::optional<std::size_t> top_actor; ///< desk with the highest betweenness share
};

struct Assessment {
    std::vector<ThemeResult> themes; ///< rubric order
    /// Weighted mean of the theme scores with data; none when no theme has one.
    std::optional<double> score;
    std::vector<ModelResult> models; ///< organisational_models order
};

struct AssessOptions {
    std::size_t access_target = 3; ///< access points wanted in each area
    /// The previous round's map, for stability and referral change; none: those have no data.
    const model::Map* previous = nullptr;
    /// Its analysis graph, built with the same settings; required with `previous`.
    const graph::AnalysisGraph* previous_graph = nullptr;
    unsigned threads = 0;
    RunControl control;
};

/// The value of every measure, in assessment_measures() order (none: no data).
std::vector<std::optional<double>> measure_values(const model::Map& map,
                                                  const model::Vocabulary& vocabulary,
                                                  const graph::AnalysisGraph& graph,
                                                  const AssessOptions& options = {});

/// The status of a value against an indicator's thresholds.
IndicatorStatus status_of(const model::RubricIndicator& indicator, std::optional<double> value);

/// Assesses the map against the rubric. Cost: one betweenness computation (O(n·m)), the map
/// figures of `stats` and the coverage of every area.
Assessment assess(const model::Map& map, const model::Vocabulary& vocabulary,
                  const graph::AnalysisGraph& graph, const model::Rubric& rubric,
                  const AssessOptions& options = {});

} // namespace stakemap::analysis
