#pragma once
// How `centrality` results are printed: JSON (SPEC §4), tables, and a plain-language reading of the
// top actors.

#include "stakemap/analysis/approximate.hpp"
#include "stakemap/analysis/centrality.hpp"
#include "stakemap/model/map.hpp"
#include "stakemap/report/input.hpp"
#include "stakemap/report/table.hpp"

#include "stakemap/text/words.hpp"

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace stakemap::report {

/// Everything `centrality` computed for one map.
struct CentralityReport {
    const model::Map* map = nullptr;
    const graph::AnalysisGraph* graph = nullptr;
    std::vector<analysis::MeasureColumn> columns;
    std::vector<double> edge_betweenness;            ///< empty unless betweenness was asked
    std::optional<std::string> grouping;             ///< --by
    std::vector<std::string> groups;                 ///< one label per actor when grouping
    std::vector<analysis::BrokerageRoles> brokerage; ///< one per actor when grouping
    std::vector<std::size_t> shown;                  ///< actor indices to print, ranked
    std::optional<analysis::Measure> ranking;        ///< the measure `shown` is ranked by
    std::vector<std::string> group_names;            ///< display names of `groups` (same order)
};

/// Actor indices ranked by `measure` (highest first, ties in map order), the first `top` of them
/// (all when top is 0).
std::vector<std::size_t> rank_actors(const std::vector<double>& values, std::size_t top);

/// `{"actors": [{"id", "name", "kind", MEASURE: value…, ROLE: count…}], "edges": [...]}`; actors in
/// the map's order (only those shown when --top is given); NaN is written as null.
nlohmann::ordered_json centrality_results(const CentralityReport& report);

/// One row per shown actor, ranked: id, name, then each measure (and the roles when grouping), with
/// headers and numbers for people in the chosen language; values below 1e-12 of their column's
/// largest print as 0.
Table centrality_table(const CentralityReport& report, model::Language language);

/// The name of a measure for people ("betweenness", «intermediazione»).
std::string measure_label(analysis::Measure measure, const text::Words& words);

/// One sentence for each of the first `count` shown actors, in the chosen language.
std::vector<std::string> centrality_readings(const CentralityReport& report,
                                             model::Language language, std::size_t count = 3);

/// What-if: one measure of every actor of the edited map, before and after the edit,
/// `{"before": {ID: value}, "after": {ID: value}}`. `before` is indexed like `original`, `after`
/// like `edited`; every actor of `edited` is in `original`.
nlohmann::ordered_json measure_changes(const model::Map& original,
                                       const std::vector<double>& before, const model::Map& edited,
                                       const std::vector<double>& after);

/// "largest changes in betweenness: a 0.1 → 0.2; …" for the `count` largest changes.
std::string measure_changes_text(const model::Map& original, const std::vector<double>& before,
                                 const model::Map& edited, const std::vector<double>& after,
                                 analysis::Measure measure, model::Language language,
                                 std::size_t count = 5);

/// What `centrality` is asked for.
struct CentralitySettings {
    /// The measures to compute; empty for all.
    std::vector<analysis::Measure> measures;
    /// Also the betweenness of every tie.
    bool edges = false;
    /// A grouping (kind, sector, level, area or an attribute) for brokerage roles; empty for none.
    std::string by;
    std::size_t top = 0; ///< show only the N actors ranked highest; 0 for all
    bool normalized = false;
    /// Above 0: estimate betweenness by sampling within this error (Riondato–Kornaropoulos).
    double approx = 0.0;
    double confidence = 0.9;
    std::uint64_t seed = 1;
    /// With approx: KADABRA's adaptive sampling or Riondato–Kornaropoulos' fixed sample.
    analysis::ApproximateMethod approx_method = analysis::ApproximateMethod::kadabra;
};

/// `centrality`: per-actor measures ranked by betweenness (else the first measure), readings of
/// the top actors, brokerage roles with a grouping, and with a what-if edit the ranking
/// measure before and after. Throws UsageError for a grouping the map does not have.
Document centrality_document(const Input& input, const CentralitySettings& settings);

} // namespace stakemap::report
