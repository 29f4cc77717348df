#pragma once
// Territorial coverage (SPEC §4 `coverage`): for each area, the services its residents can use, the
// needs left without a service, access points against a target, the languages of the foreign
// residents spoken (or not) where they walk in, supply against demand, and whether the area's
// communities reach each service through the network. Definitions: docs/coverage.md.

#include "stakemap/graph/analysis_graph.hpp"
#include "stakemap/model/map.hpp"
#include "stakemap/model/vocabulary.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace stakemap::analysis {

/// What residents of an area find for one service; one cell of the areas × services matrix.
/// Ordered from best to worst.
enum class ServiceState {
    present,        ///< offered by an actor serving the area, and the area's communities reach it
    unconnected,    ///< offered in the area, but none of its community actors reaches a provider
    reachable,      ///< not offered in the area; its communities reach a provider elsewhere
    missing,        ///< neither offered nor reachable, and no need recorded
    needed_missing, ///< needed by the area (needs survey) but neither offered nor reachable
};

/// The state's identifier in JSON and CSV ("present", "needed_missing"…).
const char* state_id(ServiceState state);

/// The state's name for people ("needed but missing" / "necessario ma assente").
std::string state_label(ServiceState state, model::Language language);

/// The matrix symbol of a cell: ✔ present (○ when only city-wide actors offer it), ◌ unconnected,
/// → reachable, · missing, ✘ needed but missing. Used by the text matrix and the heat map.
std::string state_symbol(ServiceState state, bool local = true);

/// Weights of the four parts of the coverage score; parts without data drop out and the others are
/// renormalised.
struct CoverageWeights {
    double services = 0.4;
    double access = 0.2;
    double languages = 0.2;
    double supply = 0.2;
};

struct CoverageOptions {
    std::size_t access_target = 3; ///< access points wanted in each area (the "Canadian model")
    std::size_t within = 2;        ///< steps of U within which a community actor reaches a service
    CoverageWeights weights;
    /// Services to consider (matrix columns and needs); empty: every service offered or needed.
    std::vector<std::string> services;
};

/// Something the data does not say, so a figure was left out rather than guessed.
enum class DataGapKind {
    no_foreign_residents, ///< the area has no `foreign_residents`: not ranked by people
    no_language_shares,   ///< no `languages` shares: language coverage not computed
    no_community_actors,  ///< no community actor serves the area: network reach not assessed
    no_needs,             ///< no needs recorded: the services part of the score is left out
    demand_unknown,       ///< a need without `demand` (subject: the service)
    capacity_unknown,     ///< providers of a needed service without `capacity` (subject: service)
    sub_area_residents,   ///< sub-areas lack `foreign_residents`: the roll-up weighs them equally
};

struct DataGap {
    DataGapKind kind;
    std::string subject;   ///< the service concerned, when there is one
    std::size_t count = 0; ///< for capacity_unknown: how many providers lack a capacity
};

/// One service in one area.
struct ServiceCell {
    std::string service;
    ServiceState state = ServiceState::missing;
    std::vector<std::size_t> providers; ///< actors serving the area that offer it, map order
    /// Whether a provider is located in the area or names it in `serves`; false when the service
    /// comes only from actors serving every area or a parent area (a city-wide office).
    bool local = false;
    /// Fewest steps of U from a community actor of the area to an actor offering the service
    /// (a provider of the area when there is one); none when farther than `within` or when the
    /// area has no community actor.
    std::optional<std::size_t> steps;
    /// The actor reached at `steps` (the first in map order at that distance).
    std::optional<std::size_t> reached;
    bool needed = false;
    std::optional<double> demand;
    double supply = 0.0; ///< sum of the providers' capacity
    std::size_t providers_without_capacity = 0;
    /// Languages of the need that no provider of the service in the area speaks.
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
    /// The leaves' scores averaged with their foreign residents as weights (equal weights when
    /// a leaf lacks them).
    double score = 0.0;
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
    std::optional<double> services_part;
    double access_part = 0.0;
    std::optional<double> languages_part;
    std::optional<double> supply_part;
    double score = 0.0;             ///< in [0, 1]; docs/coverage.md
    double gap = 0.0;               ///< 1 − score
    std::optional<double> priority; ///< gap × foreign residents
    std::vector<DataGap> data_gaps;
    std::optional<Rollup> rollup; ///< areas with sub-areas only
};

struct CoverageResult {
    std::vector<std::string> services; ///< matrix columns: vocabulary order, then unknown ids
    std::vector<AreaCoverage> areas;   ///< map order
    /// Leaf areas (no sub-areas) by priority descending; areas without foreign residents after the
    /// others, by gap; ties in map order. Indices into `areas`.
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
/// Throws std::invalid_argument for an option no map could satisfy (negative weights, all zero).
CoverageResult coverage(const model::Map& map, const model::Vocabulary& vocabulary,
                        const graph::AnalysisGraph& graph, const CoverageOptions& options = {});

} // namespace stakemap::analysis
