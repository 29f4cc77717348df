#pragma once
// Several informants' maps of the same network made into one consensus map: Krackhardt's cognitive
// social structures, as R's sna consensus() aggregates them (central graph, union, intersection,
// locally aggregated structures).
//
// Each input map is one informant. Actors are matched by id, then by normalised name; every tie is
// an ordered pair of actors (an unordered pair when every map is undirected, SPEC §2) and each
// informant either reports it or not. An informant whose map lacks an actor reports no tie with it.
// Time: O(K·(n + m) log m) for K maps of n actors and m relations.

#include "stakemap/model/map.hpp"
#include "stakemap/name_table.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stakemap::analysis {

/// Which reported ties the consensus keeps.
enum class ConsensusMethod {
    central,          ///< reported by at least the minimum share (default ½: sna central.graph)
    union_of,         ///< reported by any informant
    intersection,     ///< reported by every informant
    las_intersection, ///< i→j reported by both i and j (sna LAS.intersection)
    las_union,        ///< i→j reported by i or by j (sna LAS.union)
};

inline constexpr NameTable<ConsensusMethod, 5> consensus_method_names{{
    {ConsensusMethod::central, "central"},
    {ConsensusMethod::union_of, "union"},
    {ConsensusMethod::intersection, "intersection"},
    {ConsensusMethod::las_intersection, "las-intersection"},
    {ConsensusMethod::las_union, "las-union"},
}};

struct ConsensusSettings {
    ConsensusMethod method = ConsensusMethod::central;
    /// `central`: the share of informants a tie needs, in (0, 1].
    double min_agreement = 0.5;
    /// For the LAS methods: the id of the actor each map is the report of, one per map in order.
    std::vector<std::string> informant_actors;
};

/// One informant: a name (written in the relations' `informants`) and the map they drew.
struct InformantMap {
    std::string name;
    const model::Map* map = nullptr;
};

/// An actor of one informant's map joined to an actor met before because their names are equal
/// once normalised (their ids differ).
struct NameMatch {
    std::size_t informant = 0;
    std::string id;        ///< in the informant's map
    std::string name;      ///< in the informant's map
    std::size_t actor = 0; ///< index in the consensus map
};

/// One tie reported by at least one informant.
struct ConsensusTie {
    std::size_t source = 0;              ///< actor index in the consensus map
    std::size_t target = 0;              ///< for an undirected consensus, source < target
    std::vector<std::size_t> informants; ///< who reported it, in input order
    double agreement = 0.0;              ///< informants.size() / number of informants
    double weight = 0.0; ///< mean over the reporters of each one's weight (relations summed)
    std::optional<std::string> type; ///< the type every reported relation shares, if any
    bool kept = false;
    /// Reported but not kept, or kept with agreement at most ⅔.
    bool contested = false;
};

struct ConsensusResult {
    model::Map map; ///< the consensus map
    bool directed = false;
    std::vector<NameMatch> name_matches;
    std::vector<ConsensusTie> ties; ///< every reported tie, by source then target
    /// Per informant: the consensus actor of each actor of its map, in its map's order.
    std::vector<std::vector<std::size_t>> actor_of;
    /// Per informant: the ties it reports.
    std::vector<std::size_t> reported;
};

/// A name for matching: Latin letters without accents and in lower case, digits, other letters as
/// written; spaces and punctuation dropped ("Caritas – Sant'Egidio" → "caritassantegidio").
std::string normalised_name(std::string_view name);

/// Whether the map counts as directed (SPEC §2: some relation is directed); nothing when it has no
/// relations.
std::optional<bool> map_direction(const model::Map& map);

/// The consensus of two or more maps. Preconditions (checked, UsageError): at least two maps, the
/// same direction, and for the LAS methods one informant actor per map, each in its map and no two
/// the same consensus actor.
ConsensusResult consensus(const std::vector<InformantMap>& informants,
                          const ConsensusSettings& settings);

} // namespace stakemap::analysis
