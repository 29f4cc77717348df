#pragma once
// Everything about one actor (SPEC §4 `profile`): its measures and ranks, brokerage roles, place
// on the power–interest grid, salience class, ego network, and what the network would lose
// without it.

#include "stakemap/analysis/centrality.hpp"
#include "stakemap/analysis/gaps.hpp"
#include "stakemap/graph/analysis_graph.hpp"
#include "stakemap/model/map.hpp"
#include "stakemap/model/vocabulary.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace stakemap::analysis {

struct MeasureRank {
    Measure measure;
    double value = 0.0;
    /// 1 for the highest value on the map (ties share it); 0 when undefined. Values below 1e-12 of
    /// the largest count as 0 (rounding noise, such as the eigenvector of an isolated actor).
    std::size_t rank = 0;
    double largest = 0.0; ///< the largest absolute value of the measure on the map
};

struct ActorProfile {
    std::size_t actor = 0;
    std::vector<MeasureRank> measures;
    BrokerageRoles roles; ///< Gould–Fernandez, groups by sector
    /// Mendelow quadrant from power and interest (4–5 high): "manage_closely", "keep_satisfied",
    /// "keep_informed" or "monitor"; none without both scores.
    std::optional<std::string> quadrant;
    /// Mitchell–Agle–Wood class from power, legitimacy and urgency (an attribute is held at 4–5):
    /// "definitive", "dominant", "dangerous", "dependent", "dormant", "discretionary",
    /// "demanding" or "non_stakeholder"; none when a score is missing.
    std::optional<std::string> salience;
    /// Distinct partners: the neighbours in U (a pair tied both ways counts once), map order.
    std::vector<std::size_t> neighbours;
    std::vector<std::pair<std::string, std::size_t>> neighbours_by_sector;
    std::size_t ties_among_neighbours = 0;
    double ego_density = 0.0;     ///< ties among neighbours / possible ones (0 with under 2)
    std::optional<CutImpact> cut; ///< when the actor is a cut actor
    std::vector<std::string> only_services;  ///< services nobody else on the map offers
    std::vector<std::string> only_languages; ///< languages nobody else on the map speaks
};

/// How profile runs.
struct ProfileOptions {
    unsigned threads = 0; ///< 0: all cores
    RunControl control;   ///< progress, stop requests and warnings; empty: none
};

/// The profile of `actor` (an index into map.actors).
ActorProfile profile(const model::Map& map, const model::Vocabulary& vocabulary,
                     const graph::AnalysisGraph& graph, std::size_t actor,
                     const ProfileOptions& options = {});

} // namespace stakemap::analysis
