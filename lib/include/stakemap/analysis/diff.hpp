#pragma once
// Two rounds of the same network compared (SPEC §4.3 `diff`): actors and relations added, removed
// and changed, how stable the ties are (Jaccard index, Hamming distance, graph correlation), the
// actors whose measures moved most, the gaps closed and opened, and each area's coverage score
// before and after. This layer returns indices, ids and numbers; report/diff_report.hpp turns them
// into words. Definitions: docs/monitoring.md.

#include "stakemap/analysis/coverage.hpp"
#include "stakemap/analysis/gaps.hpp"
#include "stakemap/graph/analysis_graph.hpp"
#include "stakemap/model/map.hpp"

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace stakemap::analysis {

/// An actor present in both rounds whose fields differ.
struct ActorChange {
    std::size_t before = 0;          ///< index in the earlier map's actors
    std::size_t after = 0;           ///< index in the later map's actors
    std::vector<std::string> fields; ///< the map format's field names, in the format's order
};

/// A relation found in both rounds (see diff_maps for the identity rule) whose fields differ.
struct RelationChange {
    std::size_t before = 0;          ///< index in the earlier map's relations
    std::size_t after = 0;           ///< index in the later map's relations
    std::vector<std::string> fields; ///< the map format's field names, in the format's order
};

/// The relations of one type in the two rounds.
struct TypeChanges {
    std::optional<std::string> type; ///< none: relations without a type
    std::size_t before = 0;          ///< relations analysed in the earlier round
    std::size_t after = 0;           ///< relations analysed in the later round
    std::size_t added = 0;
    std::size_t removed = 0;
    std::size_t changed = 0; ///< counted under the type the relation has in the later round
};

/// How much the ties among the actors present in both rounds changed. A tie is a merged pair of
/// SPEC §2: an unordered pair when both rounds are undirected, else an arc (an undirected tie then
/// counts as two arcs, in both rounds).
struct TieStability {
    bool directed = false;           ///< ties compared as arcs
    std::size_t actors_compared = 0; ///< actors present in both rounds
    std::size_t actors_either = 0;   ///< actors present in at least one round
    std::size_t actors_before = 0;   ///< actors of the earlier round
    std::size_t actors_after = 0;    ///< actors of the later round
    std::size_t ties_before = 0;     ///< ties among them in the earlier round (N10 + N11)
    std::size_t ties_after = 0;      ///< ties among them in the later round (N01 + N11)
    std::size_t kept = 0;            ///< N11: tied in both rounds
    std::size_t added = 0;           ///< N01: tied only in the later round
    std::size_t removed = 0;         ///< N10: tied only in the earlier round
    std::size_t strengthened = 0;    ///< kept ties whose merged weight rose
    std::size_t weakened = 0;        ///< kept ties whose merged weight fell
    /// N11 / (N01 + N10 + N11), as RSiena reports it; NaN when neither round has a tie.
    double jaccard = std::numeric_limits<double>::quiet_NaN();
    /// N01 + N10: ties added plus ties removed, R `sna::hdist`.
    std::size_t hamming = 0;
    /// Pearson correlation of the two adjacency matrices over every pair of actors compared
    /// (R `sna::gcor`); NaN when either round has no tie or every pair is tied.
    double correlation = std::numeric_limits<double>::quiet_NaN();
};

/// Whether fewer than half of the actors of either round are in both: the two maps may not be the
/// same network.
bool shares_few_actors(const TieStability& stability);

/// How RSiena's manual reads a Jaccard index between two waves.
enum class JaccardReading {
    stable,        ///< ≥ 0.3
    in_between,    ///< 0.2 ≤ J < 0.3
    very_unstable, ///< < 0.2
    undefined,     ///< no tie in either round
};

/// The reading of a Jaccard index (NaN: undefined).
JaccardReading read_jaccard(double jaccard);
/// "stable", "in_between", "very_unstable", "undefined".
const char* reading_id(JaccardReading reading);

/// Which way the ties mostly moved: a low Jaccard index is expected when a network mostly grows
/// or shrinks, so the reading says which.
enum class TieTrend {
    none,      ///< no tie added or removed
    growth,    ///< ties added at least three times the ties removed
    shrinkage, ///< ties removed at least three times the ties added
    turnover,  ///< ties both added and removed, neither three times the other
};

TieTrend tie_trend(const TieStability& stability);
/// "none", "growth", "shrinkage", "turnover".
const char* trend_id(TieTrend trend);

/// Everything that differs between two rounds of a map.
struct MapDiff {
    std::vector<std::size_t> actors_added;   ///< indices in the later map, its order
    std::vector<std::size_t> actors_removed; ///< indices in the earlier map, its order
    std::vector<ActorChange> actors_changed; ///< in the later map's order
    /// Relations analysed in the later round and not in the earlier one: indices in the later
    /// map, its order.
    std::vector<std::size_t> relations_added;
    /// Relations analysed in the earlier round and not in the later one: indices in the earlier
    /// map, its order.
    std::vector<std::size_t> relations_removed;
    std::vector<RelationChange> relations_changed; ///< in the later map's order
    /// Every relation type of either round, by id; relations without a type last.
    std::vector<TypeChanges> types;
    TieStability stability;
};

/// Compares two rounds. Actors are the same actor when they have the same id. The relations
/// compared are those each graph analyses (after its --types and --at filters). A relation of one
/// round is the same relation as one of the other when both have the same `id`; else, when not
/// both carry an id, when they have the same type, the same direction and the same source and
/// target (the same unordered pair when undirected), in the order they appear; else, when one is
/// directed and the other undirected, the same type and the same unordered pair (a change of
/// `directed`). Each graph must come from its map. O(actors + relations · log relations).
MapDiff diff_maps(const model::Map& before, const graph::AnalysisGraph& before_graph,
                  const model::Map& after, const graph::AnalysisGraph& after_graph);

/// The fields of two versions of an actor that differ, by their names in the map format ("name",
/// "services", "attributes.funding"…). Lists that are sets (services, languages, tags) are
/// compared without order.
std::vector<std::string> actor_differences(const model::Actor& before, const model::Actor& after);

/// The fields of two versions of a relation that differ ("weight", "since", "directed"…), each
/// read with its own map's defaults (a relation's direction defaults to its map's). The ends of
/// an undirected relation are compared without order; informants without order.
std::vector<std::string> relation_differences(const model::Map& before_map,
                                              const model::Relation& before,
                                              const model::Map& after_map,
                                              const model::Relation& after);

/// The ties of the two graphs among the actors both have, compared. O(m log m).
TieStability tie_stability(const graph::AnalysisGraph& before, const graph::AnalysisGraph& after);

/// One actor's value of a measure in both rounds.
struct MeasureMove {
    std::size_t before = 0; ///< index in the earlier map's actors
    std::size_t after = 0;  ///< index in the later map's actors
    double old_value = 0.0;
    double new_value = 0.0;
};

/// The actors of both rounds whose value moved most, largest change first (ties in the later
/// map's order), at most `top`; changes within 1e-12 of the values count as none and are left
/// out. `before_values` is indexed like the earlier graph, `after_values` like the later one.
std::vector<MeasureMove> largest_moves(const graph::AnalysisGraph& before,
                                       const std::vector<double>& before_values,
                                       const graph::AnalysisGraph& after,
                                       const std::vector<double>& after_values, std::size_t top);

/// Actor ids that left or joined a list of findings between the rounds.
struct FindingChanges {
    /// Found in the earlier round only, the actor still on the later map: the gap closed. In the
    /// earlier map's order.
    std::vector<std::string> closed;
    /// Found in the earlier round, the actor no longer on the map: the gap went with it.
    std::vector<std::string> left;
    /// Found in the later round only (the actor may be new), in the later map's order.
    std::vector<std::string> opened;
};

/// Gaps closed and opened between the rounds.
struct GapChanges {
    FindingChanges cut_actors; ///< actors whose stop would cut others off
    FindingChanges unreached;  ///< actors of --from reaching no actor of --to within K steps
    FindingChanges isolates;   ///< actors with no tie
};

/// The findings of find_gaps() in each round compared by actor id; an actor that joined can open
/// some.
GapChanges compare_gaps(const model::Map& before_map, const GapsResult& before,
                        const model::Map& after_map, const GapsResult& after);

/// One area's coverage score in each round.
struct AreaScoreChange {
    std::optional<std::size_t> before_area; ///< index in the earlier map's areas
    std::optional<std::size_t> after_area;  ///< index in the later map's areas
    std::optional<double> before;           ///< none: no such area, or no data
    std::optional<double> after;
};

/// Each area's score (a parent area's roll-up score) in both rounds, areas matched by id: the
/// later map's areas in its order, then those only the earlier map has.
std::vector<AreaScoreChange> compare_coverage(const model::Map& before_map,
                                              const CoverageResult& before,
                                              const model::Map& after_map,
                                              const CoverageResult& after);

} // namespace stakemap::analysis
