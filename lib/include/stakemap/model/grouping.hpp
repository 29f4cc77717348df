#pragma once
// Groupings of actors (by kind, sector, level, area or any attribute), used by brokerage roles,
// assortativity, mixing matrices and community alignment.

#include "stakemap/model/map.hpp"
#include "stakemap/model/vocabulary.hpp"

#include <optional>
#include <string>
#include <vector>

namespace stakemap::model {

/// One label per actor for the grouping `by`: "kind", "sector", "level", "area", or the name of an
/// attribute (optionally written "attributes.NAME"). Actors without a value get "". Returns nullopt
/// when `by` is neither a built-in grouping nor an attribute any actor has.
std::optional<std::vector<std::string>> group_labels(const Map& map, const Vocabulary& vocabulary,
                                                     const std::string& by);

/// The groupings a map offers: the built-in ones and every attribute name used, sorted.
std::vector<std::string> available_groupings(const Map& map);

} // namespace stakemap::model
