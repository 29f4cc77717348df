#pragma once
// Writing maps in canonical form: fixed key order, two-space indentation, defaults left out.

#include "stakemap/model/map.hpp"

#include <string>

namespace stakemap::io {

/// The map as canonical stakemap/1 JSON text (ends with a newline). Reading it back gives an equal
/// map.
std::string write_map_json(const model::Map& map);

} // namespace stakemap::io
