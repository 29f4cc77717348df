#pragma once
// Small helpers for sentences people read.

#include "stakemap/model/map.hpp"

#include <string>
#include <vector>

namespace stakemap::report {

/// "a", "a and b", "a, b and c" ("e" in Italian).
std::string list_and(const std::vector<std::string>& items, model::Language language);

} // namespace stakemap::report
