#pragma once
// The JSON envelope every command prints (SPEC §4).

#include "stakemap/model/map.hpp"

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace stakemap::report {

/// `{"stakemap": VERSION, "command": NAME, "map": {...}, "options": {...}, "results": {...}}` as
/// indented text ending with a newline. `map` may be null when the map could not be read.
std::string json_envelope(const std::string& command, const model::Map* map,
                          const nlohmann::ordered_json& options,
                          const nlohmann::ordered_json& results);

} // namespace stakemap::report
