#pragma once
// Expected-tie rules: what a workgroup expects the network to contain ("every social service is
// tied to a mediator"). Read by io/rules_reader, checked by analysis/gaps. Format: docs/gaps.md.

#include "stakemap/model/map.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace stakemap::model {

/// Which actors a rule speaks of: those whose kind, sector or level is listed. Lists combine with
/// "and"; ids within a list with "or"; an empty selector matches every actor.
struct ActorSelector {
    std::vector<std::string> kinds;
    std::vector<std::string> sectors;
    std::vector<std::string> levels;
    bool operator==(const ActorSelector&) const = default;
};

/// What the selected actors must have.
enum class RuleCheck {
    tied_to, ///< a direct relation with an actor matching `target`
    reaches, ///< a path of at most `within` steps to an actor matching `target`
};

struct TieRule {
    std::string id;
    Label text; ///< the rule in words, shown with its violations
    ActorSelector every;
    RuleCheck check = RuleCheck::tied_to;
    ActorSelector target;
    std::size_t within = 1;
    /// Checked per area: every area without sub-areas must have, among the actors serving it, one
    /// matching `every` that satisfies the check.
    bool each_area = false;
    bool operator==(const TieRule&) const = default;
};

struct RuleSet {
    std::vector<TieRule> rules;
};

} // namespace stakemap::model
