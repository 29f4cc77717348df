#pragma once
// Missing links (SPEC §4 `suggest`): link-prediction scores on U, equal to NetworkX's functions,
// and goal-driven suggestions that pick new relations greedily, each with the gain it measurably
// brings. Definitions: docs/gaps.md.

#include "stakemap/analysis/coverage.hpp"
#include "stakemap/graph/analysis_graph.hpp"
#include "stakemap/model/map.hpp"
#include "stakemap/model/rules.hpp"
#include "stakemap/model/vocabulary.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace stakemap::analysis {

/// Scores of a pair of actors that are not tied in U but share at least one neighbour.
struct LinkScores {
    std::size_t source = 0; ///< source < target, map order
    std::size_t target = 0;
    std::size_t common_neighbours = 0; ///< nx.common_neighbors
    double jaccard = 0.0;              ///< nx.jaccard_coefficient
    double adamic_adar = 0.0;          ///< nx.adamic_adar_index: Σ 1 / log deg(w)
    double resource_allocation = 0.0;  ///< nx.resource_allocation_index: Σ 1 / deg(w)
};

/// Every non-adjacent pair of U with a common neighbour (pairs without one score 0 everywhere),
/// ordered by source then target. O(Σ deg²).
std::vector<LinkScores> link_prediction(const graph::AnalysisGraph& graph,
                                        const RunControl& control = {});

enum class Goal {
    reach,      ///< fewer `from` actors without a `to` actor within K steps
    connect,    ///< fewer actors outside the largest component
    resilience, ///< fewer cut actors
    coverage,   ///< lower Σ priority (gap × foreign residents) over the ranked areas
};

/// Which pairs may be suggested.
enum class Candidates {
    plausible, ///< goal-specific pairs that share an area; see docs/gaps.md
    any,       ///< any pair not yet tied
};

struct SuggestOptions {
    Goal goal = Goal::reach;
    std::size_t k = 5;
    model::ActorSelector from{.kinds = {}, .sectors = {"community"}, .levels = {}};
    model::ActorSelector to{.kinds = {}, .sectors = {"institution"}, .levels = {}};
    std::size_t within = 2;
    Candidates candidates = Candidates::plausible;
    CoverageOptions coverage;  ///< for Goal::coverage
    graph::BuildOptions build; ///< how the map becomes a graph (--types, --at…)
    /// Relation type of suggested links; empty: untyped (or the first of build.types).
    std::string relation_type;
    /// Stop requests for the whole search, the coverage it computes included (it replaces
    /// coverage.control); empty: none.
    RunControl control;
};

struct Suggestion {
    std::size_t source = 0;
    std::size_t target = 0;
    double before = 0.0; ///< objective with the links already chosen
    double after = 0.0;  ///< objective with this link added too
    double gain = 0.0;   ///< before − after, measured on the rebuilt graph
    bool same_area = false;
    std::vector<std::size_t> helped; ///< goal reach: actors newly within K steps; connect: joined
};

struct SuggestResult {
    Goal goal = Goal::reach;
    double objective_before = 0.0;
    double objective_after = 0.0;
    std::vector<Suggestion> links; ///< in the order chosen
    std::size_t candidates = 0;    ///< pairs considered in the first round
    std::size_t evaluations = 0;   ///< objective evaluations (lazy greedy)
};

/// The objective a goal minimises, on a map as it stands.
double goal_objective(const model::Map& map, const model::Vocabulary& vocabulary,
                      const SuggestOptions& options);

/// Picks up to `k` new relations greedily (lazy re-evaluation: a candidate's gain is recomputed
/// only when it reaches the top); stops early when no candidate gains anything.
SuggestResult suggest(const model::Map& map, const model::Vocabulary& vocabulary,
                      const SuggestOptions& options);

/// The goals, other than options.goal, for which some link gains something on this map: suggest()
/// with k = 1 finds a link. Called when the chosen goal finds none, to say which goals can help.
std::vector<Goal> goals_that_gain(const model::Map& map, const model::Vocabulary& vocabulary,
                                  const SuggestOptions& options);

/// Every goal, in the order they are presented.
const std::vector<Goal>& all_goals();

/// The goal's name ("reach", …) and back; nullopt for an unknown name.
const char* goal_id(Goal goal);
std::optional<Goal> goal_from_id(const std::string& id);

} // namespace stakemap::analysis
