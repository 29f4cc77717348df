#pragma once
// How `stats` results are printed.

#include "stakemap/analysis/stats.hpp"
#include "stakemap/model/map.hpp"
#include "stakemap/report/input.hpp"
#include "stakemap/report/table.hpp"

#include "stakemap/model/vocabulary.hpp"
#include "stakemap/text/words.hpp"

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace stakemap::report {

/// The figures as a JSON object with the keys documented in docs/cli.md.
nlohmann::ordered_json stats_results(const analysis::MapStats& stats);

/// The figures as a two-column table (figure, value) in the chosen language.
Table stats_table(const analysis::MapStats& stats, model::Language language);

/// The name people read for one value of a grouping: an area's name, the label of a kind, sector or
/// level in the chosen language; the value itself for attributes; "(none)" for "".
std::string group_value_label(const model::Map& map, const model::Vocabulary& vocabulary,
                              const std::string& grouping, const std::string& value,
                              const text::Words& words);

/// The name of a grouping for people: "kind" → «tipo»; an attribute name stays as it is.
std::string grouping_label(const std::string& grouping, const text::Words& words);

/// `stats`: the figures of the map and of its four groupings (kind, sector, level, area).
Document stats_document(const Input& input);

} // namespace stakemap::report
