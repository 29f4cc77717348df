#pragma once
// Territorial coverage (SPEC §4 `coverage`): for each area, the services its residents can use, the
// needs left without a service, access points against a target, the languages of the foreign
// residents spoken (or not) where they walk in and by the providers of each need, supply against
// demand, and whether the area's community actors reach each service through the network.
// Definitions and the score formula: docs/coverage.md. This layer returns data (numbers, ids,
// enums); report/coverage_report.hpp turns it into words.

#include "stakemap/analysis/run_control.hpp"
#include "stakemap/graph/analysis_graph.hpp"
#include "stakemap/model/map.hpp"
#include "stakemap/model/vocabulary.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stakemap::analysis {

/// What residents of an area find for one service; one cell of the areas × services matrix.
/// Ordered from best to worst.
enum class ServiceState {
    present,        ///< offered by an actor serving the area, and a community actor of the area
                    ///< is within K steps of one of these providers
    unconnected,    ///< offered to the area, but no community actor of the area is within K steps
                    ///< of its providers (or the area has no community actor)
    reachable,      ///< not offered to the area; a community actor of it reaches it elsewhere
    missing,        ///< neither offered nor reachable, and no need recorded
    needed_missing, ///< needed by the area (needs survey) but neither offered nor reachable
};

/// The state's identifier in JSON and CSV ("present", "needed_missing"…).
const char* state_id(ServiceState state);

/// The parts of the coverage score, in the order of CoverageWeights and of the JSON `parts`.
enum class ScorePart {
    services,       ///< needs offered to the area
    reach,          ///< needs whose providers a community actor of the area reaches through U
    access,         ///< local access points against the target
    languages,      ///< foreign residents whose language an access point serving the area speaks
    need_languages, ///< languages asked for by the needs that a provider of the service speaks
    supply,         ///< demand met by the capacity the providers state
};

inline constexpr std::array<ScorePart, 6> score_parts{
    ScorePart::services,  ScorePart::reach,          ScorePart::access,
    ScorePart::languages, ScorePart::need_languages, ScorePart::supply};

/// The part's identifier in JSON and in `--weights` ("services", "need_languages"…).
const char* part_id(ScorePart part);

/// The part named by `id`, or none.
std::optional<ScorePart> part_from_id(std::string_view id);

/// Weights of the parts of the coverage score. A part without data, or with weight 0, drops out
/// and the others are renormalised.
struct CoverageWeights {
    double services = 0.25;
    double reach = 0.15;
    double access = 0.15;
    double languages = 0.15;
    double need_languages = 0.15;
    double supply = 0.15;

    /// The weight of one part.
    double& operator[](ScorePart part);
    double operator[](ScorePart part) const;
};

struct CoverageOptions {
    std::size_t access_target = 3; ///< access points wanted in each area (the "Canadian model")
    std::size_t within = 2;        ///< steps of U within which a community actor reaches a service
    CoverageWeights weights;
    /// Services to consider (matrix columns and needs); empty: every service offered or needed.
    std::vector<std::string> services;
    RunControl control; ///< stop requests; empty: none
};

/// Something the data does not say, so a figure was left out ("no data") rather than guessed.
/// Only facts about areas and needs decide whether a part has data: what actors do not state
/// (capacity, languages) counts as absent, so that removing an actor never turns a part into
/// "no data" (which could raise a score).
enum class DataGapKind {
    no_foreign_residents, ///< the area has no `foreign_residents`: no priority, ranked last
    no_language_shares,   ///< no `languages` shares: the languages part has no data
    no_needs,             ///< no needs recorded: services, reach, need languages and supply
                          ///< have no data
    no_need_languages,    ///< no need lists languages: the need-languages part has no data
    no_demand,            ///< no need states a demand above 0: the supply part has no data
    demand_unknown,       ///< a need without `demand` (subject: the service)
    capacity_unknown,     ///< providers of a needed service without `capacity` (subject: the
                          ///< service; count: how many); the supply part counts only stated
                          ///< capacity
    sub_area_residents,   ///< sub-areas lack `foreign_residents`: the roll-up weighs them equally
};

struct DataGap {
    DataGapKind kind;
    std::string subject;   ///< the service concerned, when there is one
    std::size_t count = 0; ///< for capacity_unknown and sub_area_residents
};

/// One service in one area.
struct ServiceCell {
    std::string service;
    ServiceState state = ServiceState::missing;
    std::vector<std::size_t> providers; ///< actors serving the area that offer it, map order
    /// Whether a provider is located in the area or names it in `serves`; false when the service
    /// comes only from actors serving every area or a parent area (a city-wide office).
    bool local = false;
    /// Fewest steps of U from a community actor of the area to a provider of the service serving
    /// the area, or, when no actor serving the area offers it, to an actor offering it anywhere;
    /// none when farther than `within` or when the area has no community actor.
    std::optional<std::size_t> steps;
    /// The actor reached at `steps` (the first in map order at that distance).
    std::optional<std::size_t> reached;
    /// The community actors of the area within `within` steps of such an actor, map order: reach
    /// is judged for each community actor.
    std::vector<std::size_t> reached_by;
    /// Offered to the area, no provider of it reached, but an actor offering it elsewhere is
    /// within `within` steps of a community actor of the area.
    bool reached_elsewhere = false;
    bool needed = false;
    std::optional<double> demand;
    double supply = 0.0; ///< sum of the capacity the providers state
    std::size_t providers_without_capacity = 0;
    /// Languages the need asks for (deduplicated, in the need's order).
    std::vector<std::string> need_languages;
    /// Of those, the languages no provider of the service serving the area speaks.
    std::vector<std::string> unspoken_languages;
};

/// One language of an area's foreign residents.
struct LanguageFigure {
    std::string language;
    double share = 0.0;
    double people = 0.0; ///< share × foreign residents; 0 when foreign residents are unknown
    std::vector<std::size_t> access_points; ///< access points serving the area that speak it
    /// Actors on the map that speak it but are not access points serving the area.
    std::size_t speakers_elsewhere = 0;
};

/// Figures of an area with sub-areas, totalled over its leaf sub-areas.
struct Rollup {
    std::vector<std::size_t> leaves; ///< leaf sub-areas (at any depth), map order
    double foreign_residents = 0.0;  ///< summed over the leaves that give it
    std::size_t leaves_without_residents = 0;
    std::vector<std::size_t> access_points;       ///< distinct local access points of the leaves
    std::vector<std::size_t> leaves_below_target; ///< leaves with fewer access points than wanted
    double people_with_language = 0.0;
    double people_covered = 0.0;
    std::optional<double> language_share;
    /// Per language: people of the leaves whose language no access point serving them speaks,
    /// most people first, then by code.
    std::vector<std::pair<std::string, double>> uncovered_people;
    /// Per matrix service: how many leaves are in each state (indexed by ServiceState) and the
    /// total demand recorded in the leaves.
    std::vector<std::vector<std::size_t>> state_counts;
    std::vector<std::optional<double>> demand;
    /// The scores of the leaves that have one, averaged with their foreign residents as weights
    /// (equal weights when one of them lacks them); none when no leaf has a score.
    std::optional<double> score;
};

struct AreaCoverage {
    std::size_t area = 0;               ///< index in map.areas
    std::vector<std::size_t> sub_areas; ///< direct children, map order
    std::size_t depth = 0;              ///< 0 for a top-level area
    std::optional<double> foreign_residents;
    std::vector<std::size_t> providers;           ///< actors serving the area, map order
    std::vector<std::size_t> community_actors;    ///< providers in the community sector
    std::vector<std::size_t> access_points;       ///< located in or listing the area
    std::vector<std::size_t> wider_access_points; ///< serving it through "*" or a parent area
    std::vector<ServiceCell> cells;               ///< one per CoverageResult::services, same order
    std::vector<LanguageFigure> languages;        ///< by people (then share) descending, then code
    double people_with_language = 0.0;    ///< foreign residents whose language share is recorded
    double people_covered = 0.0;          ///< of those, speaking a language of an access point
    std::optional<double> language_share; ///< people_covered / people_with_language
    /// Each part of the score in [0, 1], indexed by ScorePart; none when the area's data do not
    /// allow it (see DataGapKind).
    std::array<std::optional<double>, score_parts.size()> parts;
    /// Σ weight × part / Σ weight over the parts with data and a weight above 0; none when there
    /// is no such part. docs/coverage.md.
    std::optional<double> score;
    std::optional<double> gap;      ///< 1 − score
    std::optional<double> priority; ///< gap × foreign residents
    std::vector<DataGap> data_gaps;
    std::optional<Rollup> rollup; ///< areas with sub-areas only

    /// One part of the score.
    const std::optional<double>& part(ScorePart which) const {
        return parts[static_cast<std::size_t>(which)];
    }
};

struct CoverageResult {
    std::vector<std::string> services; ///< matrix columns: vocabulary order, then unknown ids
    std::vector<AreaCoverage> areas;   ///< map order
    /// Leaf areas (no sub-areas) by priority descending; then areas without a priority by gap
    /// descending, areas without a score last; ties in map order. Indices into `areas`.
    std::vector<std::size_t> ranking;
    CoverageOptions options;
};

/// Whether the actor serves the area's residents: it serves every area ("*"), or its `serves`
/// (default: its own area) names the area or one of the area's parents.
bool serves_area(const model::Map& map, const model::Actor& actor, std::size_t area);

/// For every actor, the areas it serves by the rule of serves_area (indices, sorted): its own
/// area or `serves` list and every area below them, or every area with "*". O(actors × areas
/// served).
std::vector<std::vector<std::size_t>> served_areas(const model::Map& map);

/// Computes coverage for every area. `graph` gives network reach (its U); it must come from `map`.
/// Removing an actor or a relation from the map never raises any area's score (nor a roll-up
/// score). Throws UsageError for an option no map could satisfy (negative weights, all
/// zero). Cost per area: one search bounded by `within` from each of its community actors, plus
/// providers × services.
CoverageResult coverage(const model::Map& map, const model::Vocabulary& vocabulary,
                        const graph::AnalysisGraph& graph, const CoverageOptions& options = {});

} // namespace stakemap::analysis
