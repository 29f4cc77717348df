#pragma once
// How `coverage` results are printed: JSON, the ranking of areas, the parts of the score, the
// areas × services matrix, and a plain-language reading of each area. The renderer's heat map
// uses the same state names and symbols. Every word goes through the catalogue (text::Words).

#include "stakemap/analysis/coverage.hpp"
#include "stakemap/model/map.hpp"
#include "stakemap/model/vocabulary.hpp"
#include "stakemap/report/input.hpp"
#include "stakemap/report/table.hpp"

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace stakemap::report {

/// Coverage of one map, with what is needed to name things.
struct CoverageReport {
    const model::Map* map = nullptr;
    const model::Vocabulary* vocabulary = nullptr;
    analysis::CoverageResult coverage;
    /// Areas to print (indices into coverage.areas): all, or --area and its sub-areas.
    std::vector<std::size_t> shown;
};

/// The areas a report shows: every area, or `area` and everything below it.
std::vector<std::size_t> areas_within(const model::Map& map, const std::string& area);

/// The state's name for people ("needed but missing" / "necessario ma assente").
std::string coverage_state_label(analysis::ServiceState state, model::Language language);

/// The matrix symbol of a cell: ✔ present (○ when only city-wide actors offer it), ◌ unconnected,
/// → reachable, · missing, ✘ needed but missing. Used by the text matrix and the heat map.
std::string coverage_state_symbol(analysis::ServiceState state, bool local = true);

/// The name of a part of the score ("reach" / "raggiungibilità").
std::string coverage_part_label(analysis::ScorePart part, model::Language language);

/// The score an area is shown with on maps and heat maps: its sub-areas' average for an area with
/// sub-areas, else its own; none when there is no data.
std::optional<double> coverage_shown_score(const analysis::AreaCoverage& area);

/// "access-point target 3, reach within 2 steps".
std::string coverage_settings_text(const analysis::CoverageOptions& options,
                                   model::Language language);

/// `{"access_target", "within", "weights", "services", "ranking", "areas", "matrix"}`; see
/// docs/coverage.md for every key. Numbers stay numbers; no data is null.
nlohmann::ordered_json coverage_results(const CoverageReport& report);

/// The records `--format csv` writes, taken from `results` (coverage_results()): one per area in
/// the JSON's order with its rank, figures and parts (the per-language and per-service lists left
/// out, missing data as "code:service" texts), or with `matrix` one per area × service cell (area
/// first, then the cell's fields).
nlohmann::ordered_json coverage_csv_records(const nlohmann::ordered_json& results, bool matrix);

/// One row per ranked area: rank, area, priority, foreign residents, score, access points against
/// the target, language coverage, and the needed services with gaps.
Table coverage_ranking_table(const CoverageReport& report, model::Language language);

/// "Parts of the score (weights: …)": the heading of coverage_parts_table().
std::string coverage_parts_heading(const analysis::CoverageOptions& options,
                                   model::Language language);

/// One row per shown area (ranked areas first, then areas with sub-areas): the score and each of
/// its parts, "no data" where the data do not allow one.
Table coverage_parts_table(const CoverageReport& report, model::Language language);

/// Areas (columns) × services (rows, by label), one symbol per cell; the legend is
/// coverage_matrix_legend().
Table coverage_matrix_table(const CoverageReport& report, model::Language language);

/// One line per symbol of the matrix table.
std::vector<std::string> coverage_matrix_legend(model::Language language);

/// The matrix in long form for spreadsheets: one row per area and service with state, need,
/// demand, supply, providers and steps.
Table coverage_cells_table(const CoverageReport& report, model::Language language);

/// One paragraph per shown area, ranked areas first, then areas with sub-areas (their totals).
std::vector<std::string> coverage_readings(const CoverageReport& report, model::Language language);

/// What-if: each area's score on the map as it was and after the edit, `[{"area",
/// "score_before", "score_after"}]` (null without data); both results must come from maps with
/// the same areas.
nlohmann::ordered_json coverage_score_changes(const model::Map& map,
                                              const analysis::CoverageResult& before,
                                              const analysis::CoverageResult& after);

/// "Soccorso 0.868 → 0.84" for every area whose score changed (at 3 digits), or "no score
/// changes".
std::string coverage_changes_text(const model::Map& map, const analysis::CoverageResult& before,
                                  const analysis::CoverageResult& after, model::Language language);

/// A service's label in the chosen language, the id when the vocabulary does not know it.
std::string service_label(const model::Vocabulary& vocabulary, const std::string& service,
                          model::Language language);

/// What `coverage` is asked for.
struct CoverageSettings {
    analysis::CoverageOptions options; ///< access target, reach, weights, services
    std::string area;                  ///< show only this area and its sub-areas; empty for all
    bool matrix = false;               ///< the areas × services matrix only
};

/// `coverage`: the ranking of areas, the parts of the score, a reading of each area and the
/// areas × services matrix; with a what-if edit, each area's score before and after. Throws
/// UsageError for a service or an area the map and the vocabulary do not know.
Document coverage_document(const Input& input, const CoverageSettings& settings);

} // namespace stakemap::report
