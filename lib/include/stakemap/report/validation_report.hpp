#pragma once
// How `validate` results are printed.

#include "stakemap/io/map_reader.hpp"
#include "stakemap/report/table.hpp"

#include <nlohmann/json_fwd.hpp>

namespace stakemap::report {

/// `{"valid", "errors", "warnings", "diagnostics": [...]}`.
nlohmann::ordered_json validation_results(const io::ReadResult& result, bool strict);

/// One row per diagnostic: severity, location, pointer, message.
Table validation_table(const io::ReadResult& result);

/// The closing line of a text report, e.g. "map.json: valid (75 actors, 189 relations, 0
/// warnings)".
std::string validation_summary(const io::ReadResult& result, const std::string& file, bool strict);

} // namespace stakemap::report
