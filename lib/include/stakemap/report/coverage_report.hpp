#pragma once
// How `coverage` results are printed: JSON, the ranking of areas, the areas × services matrix, and
// a plain-language reading of each area. The renderer's heat map uses the same matrix.

#include "stakemap/analysis/coverage.hpp"
#include "stakemap/model/map.hpp"
#include "stakemap/model/vocabulary.hpp"
#include "stakemap/report/table.hpp"

#include <nlohmann/json_fwd.hpp>
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

/// `{"access_target", "within", "weights", "services", "ranking", "areas", "matrix"}`; see
/// docs/coverage.md for every key.
nlohmann::ordered_json coverage_results(const CoverageReport& report);

/// One row per ranked area: rank, area, foreign residents, score, access points against the
/// target, language coverage, and the needed services that are missing.
Table coverage_ranking_table(const CoverageReport& report, model::Language language);

/// Areas (rows; sub-areas indented under their parent) × services (columns), one symbol per cell;
/// the legend is coverage_matrix_legend().
Table coverage_matrix_table(const CoverageReport& report, model::Language language);

/// One line per symbol of the matrix table.
std::vector<std::string> coverage_matrix_legend(model::Language language);

/// The matrix in long form for spreadsheets: one row per area and service with state, need,
/// demand, supply, providers and steps.
Table coverage_cells_table(const CoverageReport& report, model::Language language);

/// One paragraph per shown area, ranked areas first, then areas with sub-areas (their totals).
std::vector<std::string> coverage_readings(const CoverageReport& report, model::Language language);

/// What-if: each area's score on the map as it was and after the edit, `[{"area",
/// "score_before", "score_after"}]`; both results must come from maps with the same areas.
nlohmann::ordered_json coverage_score_changes(const model::Map& map,
                                              const analysis::CoverageResult& before,
                                              const analysis::CoverageResult& after);

/// "soccorso 0.868 → 0.89" for every area whose score changed (at 3 digits), or "no score changes".
std::string coverage_changes_text(const model::Map& map, const analysis::CoverageResult& before,
                                  const analysis::CoverageResult& after, model::Language language);

/// A service's label in the chosen language, the id when the vocabulary does not know it.
std::string service_label(const model::Vocabulary& vocabulary, const std::string& service,
                          model::Language language);

} // namespace stakemap::report
