#pragma once
// Gaps of the network (SPEC §4 `gaps`): single points of failure said in service terms, how groups
// mix (E–I index), actors a group does not reach, offices that overlap without talking, and
// violations of expected-tie rules. Definitions: docs/gaps.md.

#include "stakemap/analysis/run_control.hpp"
#include "stakemap/error.hpp"
#include "stakemap/graph/analysis_graph.hpp"
#include "stakemap/model/map.hpp"
#include "stakemap/model/rules.hpp"
#include "stakemap/model/vocabulary.hpp"

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace stakemap::analysis {

/// Whether an actor matches a selector (kind, sector and level lists; empty lists match all).
bool matches(const model::ActorSelector& selector, const model::Actor& actor,
             const model::Vocabulary& vocabulary);

/// Why a selector written on the command line cannot be used. The fields say what went wrong, so
/// that the command line can word the message in the reader's language; what() is a plain English
/// description for programs.
class SelectorError : public Error {
public:
    enum class Problem {
        empty,          ///< no id at all
        unknown_sector, ///< "sector:ID" with an id no sector has
        unknown_kind,   ///< "kind:ID" with an id no kind has
        unknown_level,  ///< "level:ID" with an id no level has
        unknown_id,     ///< a bare id that is neither a sector nor a kind
        area_id,        ///< a bare id that is an area of the map (selectors do not take areas)
        actor_id,       ///< a bare id that is an actor of the map (selectors do not take actors)
        matches_nobody, ///< every id is known, but no actor on the map matches the selector
    };
    SelectorError(Problem problem, std::string item, std::vector<std::string> candidates);
    Problem problem;
    std::string item; ///< the item as written ("kind:consultaa"); the whole text for matches_nobody
    /// Items that would work, written like `item` (with its prefix, if it has one), for a "did you
    /// mean": the vocabulary's for an unknown id, those some actor of the map has for
    /// matches_nobody.
    std::vector<std::string> candidates;
};

/// A selector written on the command line: comma-separated ids, each "sector:ID", "kind:ID",
/// "level:ID", or a bare ID read as a sector when one has that id, else as a kind. Throws
/// SelectorError for an id the vocabulary does not know. Given the map, also says when a bare id is
/// an area or an actor, and throws when no actor of the map matches the selector.
model::ActorSelector parse_selector(const std::string& text, const model::Vocabulary& vocabulary,
                                    const model::Map* map = nullptr);

/// The languages most of the map speaks: listed by more than half of its actors (Italian, on the
/// maps of Italian municipalities). Everyone is taken to speak them, listed or not, so removing an
/// actor never loses them. Sorted.
std::vector<std::string> common_languages(const model::Map& map);

/// What the network loses when one actor stops (a cut actor) or one tie breaks (a bridge): the
/// pieces of its component other than the largest one are cut off.
struct CutImpact {
    std::optional<std::size_t> actor;        ///< the cut actor, or
    std::optional<std::size_t> edge;         ///< the bridge: index in graph.undirected_edges
    std::size_t cut_off = 0;                 ///< actors separated from the largest remaining piece
    std::vector<std::size_t> cut_off_actors; ///< map order, at most GapsOptions::list_limit
    bool detailed = true; ///< false when the work budget ran out: only `cut_off` is known
    /// Areas where cut-off actors are located, with how many; map order of areas.
    std::vector<std::pair<std::size_t, std::size_t>> areas;
    /// Services the largest remaining piece no longer has at all.
    std::vector<std::string> services_lost;
    /// Languages nobody in the largest remaining piece lists any more, leaving out the languages
    /// most of the map speaks (common_languages), which nobody loses.
    std::vector<std::string> languages_lost;
    /// Actors that had a path to an institution and have none left, by sector ("" no sector).
    std::vector<std::pair<std::string, std::size_t>> lose_institutions;
    std::size_t lose_institutions_total = 0;
};

/// Ties of U between groups: counts, summed weights, densities and the E–I index.
struct Mixing {
    std::string grouping;
    std::vector<std::string> groups;            ///< group ids, "" for actors without one
    std::vector<std::size_t> sizes;             ///< actors per group
    std::vector<std::vector<std::size_t>> ties; ///< symmetric; ties within a group on the diagonal
    std::vector<std::vector<double>> weights;   ///< summed weights of those ties
    std::vector<std::vector<double>> densities; ///< ties / possible ties (NaN when none possible)
    std::vector<double> ei;                     ///< per group: (E − I) / (E + I); NaN with no tie
    double overall_ei = 0.0;                    ///< over every tie of U; NaN with no tie
};

/// An actor of the source group and how far the nearest actor of the target group is.
struct Unreached {
    std::size_t actor = 0;
    std::optional<std::size_t> steps; ///< none: no path at all
};

/// Two offices offering the same service to the same area with no relation between them.
struct Overlap {
    std::size_t first = 0;
    std::size_t second = 0;
    std::vector<std::string> services;
    std::vector<std::size_t> areas; ///< areas both are local to (located in or naming)
};

struct RuleOutcome {
    std::size_t rule = 0;    ///< index in the rule set
    bool applicable = true;  ///< false when no actor on the map matches the rule's target
    std::size_t checked = 0; ///< actors (or areas) the rule applies to
    std::vector<std::size_t> violating_actors; ///< map order
    std::vector<std::size_t> violating_areas;  ///< each_area rules, map order
    /// Ids in the rule's selectors that neither the vocabulary nor the map knows ("kind:xyz"):
    /// most likely typos, which would make the rule check nobody.
    std::vector<std::string> unknown_ids;
};

struct GapsOptions {
    std::string group =
        "sector"; ///< grouping for the mixing matrix (kind, sector, level, area, attribute)
    model::ActorSelector from{.kinds = {}, .sectors = {"community"}, .levels = {}};
    model::ActorSelector to{.kinds = {}, .sectors = {"institution"}, .levels = {}};
    std::size_t within = 2;
    const model::RuleSet* rules = nullptr; ///< none: no rule check
    std::vector<std::string> overlap_sectors = {"institution"};
    std::size_t list_limit = 50;          ///< cut-off actors listed per impact
    std::size_t overlap_limit = 1000;     ///< overlapping pairs listed (all are counted)
    std::size_t detail_budget = 20000000; ///< actor visits for impact details before counts only
    RunControl control;                   ///< stop requests; empty: none
};

struct GapsResult {
    std::size_t components = 0;
    std::size_t largest_component = 0;
    /// Every component of U but the largest (on a tie, the one holding the first actor of the map
    /// stays out of this list): larger first, then by first actor; members in map order. Isolates
    /// are components of one.
    std::vector<std::vector<std::size_t>> other_components;
    std::vector<std::size_t> isolates; ///< actors with no tie in U
    std::vector<CutImpact> cut_actors; ///< by actors cut off, most first; ties in map order
    std::vector<CutImpact> bridges;    ///< same order
    Mixing mixing;
    /// E–I index between the `from` and `to` actors: ties between the two sets against ties
    /// inside each; NaN when there is none.
    double from_to_ei = 0.0;
    std::size_t from_to_between = 0;
    std::size_t from_to_within = 0;
    std::size_t from_count = 0;
    std::size_t to_count = 0;
    std::vector<Unreached> unreached; ///< map order
    std::vector<Overlap> overlaps;    ///< by first, then second actor; at most overlap_limit
    std::size_t overlap_count = 0;    ///< every overlapping pair, listed or not
    std::vector<RuleOutcome> rules;
};

/// Every gap of the map. Throws UsageError for an unknown grouping.
GapsResult find_gaps(const model::Map& map, const model::Vocabulary& vocabulary,
                     const graph::AnalysisGraph& graph, const GapsOptions& options = {});

/// What removing one actor cuts off, or nothing when it is not a cut actor.
std::optional<CutImpact> cut_impact(const model::Map& map, const model::Vocabulary& vocabulary,
                                    const graph::AnalysisGraph& graph, std::size_t actor,
                                    const GapsOptions& options = {});

} // namespace stakemap::analysis
