#pragma once
// What-if edits of a map: actors taken away and relations added, to compare a map with a change
// before making it (`--remove ID,ID`, `--add-relation A:B[:TYPE[:WEIGHT]]`).

#include "stakemap/error.hpp"
#include "stakemap/model/map.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace stakemap::model {

struct WhatIf {
    std::vector<std::string> removed_actors;
    std::vector<Relation> added_relations;
    bool empty() const { return removed_actors.empty() && added_relations.empty(); }
};

/// An edit that does not fit the map (an unknown id, a relation to a removed actor, a bad weight).
class WhatIfError : public Error {
public:
    /// `setting`: "remove" or "add_relation".
    WhatIfError(std::string setting, const std::string& message)
        : Error(ErrorCode::what_if, message, std::move(setting)) {}
};

/// Parses "A:B", "A:B:TYPE" or "A:B:TYPE:WEIGHT" (an empty TYPE leaves the relation untyped).
/// Throws WhatIfError.
Relation parse_added_relation(const std::string& text);

/// The map with the actors removed (and every relation touching them) and the relations added
/// (undirected unless the map is directed by default). Throws WhatIfError for ids the map does
/// not have, a self-relation, or a relation touching a removed actor.
Map apply(const Map& map, const WhatIf& edit);

} // namespace stakemap::model
