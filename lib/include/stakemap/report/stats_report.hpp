#pragma once
// How `stats` results are printed.

#include "stakemap/analysis/stats.hpp"
#include "stakemap/model/map.hpp"
#include "stakemap/report/table.hpp"

#include <nlohmann/json_fwd.hpp>

namespace stakemap::report {

/// The figures as a JSON object with the keys documented in docs/cli.md.
nlohmann::ordered_json stats_results(const analysis::MapStats& stats);

/// The figures as a two-column table (figure, value) in the chosen language.
Table stats_table(const analysis::MapStats& stats, model::Language language);

} // namespace stakemap::report
