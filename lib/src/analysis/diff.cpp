#include "stakemap/analysis/diff.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace stakemap::analysis {

JaccardReading read_jaccard(double jaccard) {
    if (std::isnan(jaccard)) {
        return JaccardReading::undefined;
    }
    if (jaccard >= 0.3) {
        return JaccardReading::stable;
    }
    return jaccard >= 0.2 ? JaccardReading::in_between : JaccardReading::very_unstable;
}

const char* reading_id(JaccardReading reading) {
    switch (reading) {
    case JaccardReading::stable:
        return "stable";
    case JaccardReading::in_between:
        return "in_between";
    case JaccardReading::very_unstable:
        return "very_unstable";
    case JaccardReading::undefined:
        return "undefined";
    }
    return "undefined";
}

bool shares_few_actors(const TieStability& stability) {
    return 2 * stability.actors_compared < stability.actors_before ||
           2 * stability.actors_compared < stability.actors_after;
}

TieTrend tie_trend(const TieStability& stability) {
    const std::size_t added = stability.added;
    const std::size_t removed = stability.removed;
    if (added == 0 && removed == 0) {
        return TieTrend::none;
    }
    if (added >= 3 * removed) {
        return TieTrend::growth;
    }
    if (removed >= 3 * added) {
        return TieTrend::shrinkage;
    }
    return TieTrend::turnover;
}

const char* trend_id(TieTrend trend) {
    switch (trend) {
    case TieTrend::none:
        return "none";
    case TieTrend::growth:
        return "growth";
    case TieTrend::shrinkage:
        return "shrinkage";
    case TieTrend::turnover:
        return "turnover";
    }
    return "none";
}

namespace {

/// Whether two values differ by more than rounding noise.
bool moved(double a, double b) {
    return std::fabs(a - b) > 1e-12 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

std::vector<std::string> sorted(std::vector<std::string> items) {
    std::sort(items.begin(), items.end());
    return items;
}

/// "attributes.KEY" for every attribute key whose value differs (or is only on one side), sorted.
void attribute_differences(const std::map<std::string, model::AttributeValue>& before,
                           const std::map<std::string, model::AttributeValue>& after,
                           std::vector<std::string>& fields) {
    std::set<std::string> keys;
    for (const auto& [key, value] : before) {
        keys.insert(key);
    }
    for (const auto& [key, value] : after) {
        keys.insert(key);
    }
    for (const auto& key : keys) {
        const auto old_value = before.find(key);
        const auto new_value = after.find(key);
        if (old_value == before.end() || new_value == after.end() ||
            old_value->second != new_value->second) {
            fields.push_back("attributes." + key);
        }
    }
}

/// The relations a graph analyses: those that some merged edge holds.
std::vector<bool> analysed_relations(const model::Map& map, const graph::AnalysisGraph& graph) {
    std::vector<bool> kept(map.relations.size(), false);
    for (const auto& edge : graph.edges) {
        for (const auto relation : edge.relations) {
            kept[relation] = true;
        }
    }
    return kept;
}

/// Type, direction and ends of a relation: the ends in order when directed, sorted when not.
using RelationKey = std::tuple<std::string, bool, bool, std::string, std::string>;

RelationKey exact_key(const model::Map& map, const model::Relation& relation) {
    const bool directed = map.is_directed(relation);
    const bool typed = relation.type.has_value();
    const std::string type = relation.type.value_or("");
    if (directed || relation.source < relation.target) {
        return {type, typed, directed, relation.source, relation.target};
    }
    return {type, typed, directed, relation.target, relation.source};
}

/// Type and unordered ends, for matching a relation whose direction changed.
using LooseKey = std::tuple<std::string, bool, std::string, std::string>;

LooseKey loose_key(const model::Relation& relation) {
    const std::string type = relation.type.value_or("");
    if (relation.source < relation.target) {
        return {type, relation.type.has_value(), relation.source, relation.target};
    }
    return {type, relation.type.has_value(), relation.target, relation.source};
}

/// The ties of a graph as (u, v, weight) in the vertex numbering `index` gives (vertices without
/// an index are left out), as arcs when `arcs`, sorted.
struct Tie {
    std::size_t u;
    std::size_t v;
    double weight;
};

std::vector<Tie> ties_of(const graph::AnalysisGraph& graph,
                         const std::vector<std::optional<std::size_t>>& index, bool arcs) {
    std::vector<Tie> ties;
    ties.reserve(graph.edges.size() * (arcs && !graph.directed ? 2 : 1));
    for (const auto& edge : graph.edges) {
        const auto u = index[edge.source];
        const auto v = index[edge.target];
        if (!u || !v) {
            continue;
        }
        if (graph.directed || !arcs) {
            // An undirected pair keeps its smaller end first, in the common numbering too.
            const bool swap = !graph.directed && *v < *u;
            ties.push_back({swap ? *v : *u, swap ? *u : *v, edge.weight});
        } else {
            ties.push_back({*u, *v, edge.weight});
            ties.push_back({*v, *u, edge.weight});
        }
    }
    std::sort(ties.begin(), ties.end(),
              [](const Tie& a, const Tie& b) { return std::tie(a.u, a.v) < std::tie(b.u, b.v); });
    return ties;
}

/// The areas an actor serves as the format reads them: "*" for every area, else its `serves`,
/// else its own area.
std::vector<std::string> served(const model::Actor& actor) {
    if (actor.serves_all) {
        return {"*"};
    }
    if (actor.serves) {
        return sorted(*actor.serves);
    }
    return actor.area ? std::vector<std::string>{*actor.area} : std::vector<std::string>{};
}

} // namespace

std::vector<std::string> actor_differences(const model::Actor& before, const model::Actor& after) {
    std::vector<std::string> fields;
    auto check = [&](bool differs, const char* field) {
        if (differs) {
            fields.emplace_back(field);
        }
    };
    check(before.name != after.name, "name");
    check(before.short_name != after.short_name, "short");
    check(before.kind_id() != after.kind_id(), "kind");
    check(before.level != after.level, "level");
    check(before.area != after.area, "area");
    check(served(before) != served(after), "serves");
    check(sorted(before.services) != sorted(after.services), "services");
    check(sorted(before.languages) != sorted(after.languages), "languages");
    check(before.capacity != after.capacity, "capacity");
    check(before.power != after.power, "power");
    check(before.interest != after.interest, "interest");
    check(before.legitimacy != after.legitimacy, "legitimacy");
    check(before.urgency != after.urgency, "urgency");
    check(before.access_point != after.access_point, "access_point");
    check(sorted(before.tags) != sorted(after.tags), "tags");
    attribute_differences(before.attributes, after.attributes, fields);
    check(before.note != after.note, "note");
    return fields;
}

std::vector<std::string> relation_differences(const model::Map& before_map,
                                              const model::Relation& before,
                                              const model::Map& after_map,
                                              const model::Relation& after) {
    std::vector<std::string> fields;
    auto check = [&](bool differs, const char* field) {
        if (differs) {
            fields.emplace_back(field);
        }
    };
    const bool was_directed = before_map.is_directed(before);
    const bool is_directed = after_map.is_directed(after);
    check(before.id != after.id, "id");
    // The ends of an undirected relation have no order: b–a is a–b.
    const bool same_ends = (before.source == after.source && before.target == after.target) ||
                           ((!was_directed || !is_directed) && before.source == after.target &&
                            before.target == after.source);
    check(!same_ends && before.source != after.source, "source");
    check(!same_ends && before.target != after.target, "target");
    check(before.type != after.type, "type");
    check(moved(before.weight, after.weight), "weight");
    check(was_directed != is_directed, "directed");
    check(before.since != after.since, "since");
    check(before.until != after.until, "until");
    check(before.formality != after.formality, "formality");
    check(before.confidence != after.confidence, "confidence");
    check(sorted(before.informants) != sorted(after.informants), "informants");
    attribute_differences(before.attributes, after.attributes, fields);
    check(before.note != after.note, "note");
    return fields;
}

TieStability tie_stability(const graph::AnalysisGraph& before, const graph::AnalysisGraph& after) {
    TieStability out;
    out.directed = before.directed || after.directed;
    // Number the actors of both rounds by their position in the earlier graph.
    std::vector<std::optional<std::size_t>> before_index(before.vertex_count);
    std::vector<std::optional<std::size_t>> after_index(after.vertex_count);
    for (std::size_t v = 0; v < after.vertex_count; ++v) {
        const auto u = before.vertex(after.ids[v]);
        if (u) {
            before_index[*u] = *u;
            after_index[v] = *u;
            ++out.actors_compared;
        }
    }
    out.actors_before = before.vertex_count;
    out.actors_after = after.vertex_count;
    out.actors_either = before.vertex_count + after.vertex_count - out.actors_compared;
    const auto old_ties = ties_of(before, before_index, out.directed);
    const auto new_ties = ties_of(after, after_index, out.directed);
    out.ties_before = old_ties.size();
    out.ties_after = new_ties.size();
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < old_ties.size() || j < new_ties.size()) {
        if (j == new_ties.size() ||
            (i < old_ties.size() &&
             std::tie(old_ties[i].u, old_ties[i].v) < std::tie(new_ties[j].u, new_ties[j].v))) {
            ++out.removed;
            ++i;
        } else if (i == old_ties.size() || std::tie(new_ties[j].u, new_ties[j].v) <
                                               std::tie(old_ties[i].u, old_ties[i].v)) {
            ++out.added;
            ++j;
        } else {
            ++out.kept;
            if (moved(old_ties[i].weight, new_ties[j].weight)) {
                ++(new_ties[j].weight > old_ties[i].weight ? out.strengthened : out.weakened);
            }
            ++i;
            ++j;
        }
    }
    out.hamming = out.added + out.removed;
    const std::size_t changed_or_kept = out.added + out.removed + out.kept;
    if (changed_or_kept > 0) {
        out.jaccard = static_cast<double>(out.kept) / static_cast<double>(changed_or_kept);
    }
    // The phi coefficient of the two tie indicators over every pair of actors compared.
    const double c = static_cast<double>(out.actors_compared);
    const double pairs = out.directed ? c * (c - 1.0) : c * (c - 1.0) / 2.0;
    const double a = static_cast<double>(out.ties_before);
    const double b = static_cast<double>(out.ties_after);
    const double spread = a * (pairs - a) * b * (pairs - b);
    if (spread > 0.0) {
        out.correlation = (pairs * static_cast<double>(out.kept) - a * b) / std::sqrt(spread);
    }
    return out;
}

MapDiff diff_maps(const model::Map& before, const graph::AnalysisGraph& before_graph,
                  const model::Map& after, const graph::AnalysisGraph& after_graph) {
    MapDiff out;

    // Actors, by id.
    for (std::size_t v = 0; v < after.actors.size(); ++v) {
        const auto u = before.actor_index(after.actors[v].id);
        if (!u) {
            out.actors_added.push_back(v);
            continue;
        }
        auto fields = actor_differences(before.actors[*u], after.actors[v]);
        if (!fields.empty()) {
            out.actors_changed.push_back({*u, v, std::move(fields)});
        }
    }
    for (std::size_t u = 0; u < before.actors.size(); ++u) {
        if (!after.actor_index(before.actors[u].id)) {
            out.actors_removed.push_back(u);
        }
    }

    // Relations: by id, then by type, direction and ends, then by type and unordered ends.
    const auto old_kept = analysed_relations(before, before_graph);
    const auto new_kept = analysed_relations(after, after_graph);
    constexpr auto none = std::numeric_limits<std::size_t>::max();
    std::vector<std::size_t> match_of_new(after.relations.size(), none);
    std::vector<bool> old_matched(before.relations.size(), false);

    std::unordered_map<std::string, std::size_t> old_by_id;
    for (std::size_t r = 0; r < before.relations.size(); ++r) {
        if (old_kept[r] && before.relations[r].id) {
            old_by_id.emplace(*before.relations[r].id, r);
        }
    }
    for (std::size_t r = 0; r < after.relations.size(); ++r) {
        if (!new_kept[r] || !after.relations[r].id) {
            continue;
        }
        const auto found = old_by_id.find(*after.relations[r].id);
        if (found != old_by_id.end()) {
            match_of_new[r] = found->second;
            old_matched[found->second] = true;
        }
    }

    std::map<RelationKey, std::vector<std::size_t>> old_by_key;
    std::map<LooseKey, std::vector<std::size_t>> old_by_loose_key;
    for (std::size_t r = 0; r < before.relations.size(); ++r) {
        if (old_kept[r] && !old_matched[r]) {
            old_by_key[exact_key(before, before.relations[r])].push_back(r);
            old_by_loose_key[loose_key(before.relations[r])].push_back(r);
        }
    }
    // Two relations that both carry an id, different ones, are different relations.
    auto may_match = [&](std::size_t old_relation, std::size_t new_relation) {
        return !old_matched[old_relation] &&
               !(before.relations[old_relation].id && after.relations[new_relation].id);
    };
    for (std::size_t r = 0; r < after.relations.size(); ++r) {
        if (!new_kept[r] || match_of_new[r] != none) {
            continue;
        }
        const auto found = old_by_key.find(exact_key(after, after.relations[r]));
        if (found == old_by_key.end()) {
            continue;
        }
        for (const std::size_t candidate : found->second) {
            if (may_match(candidate, r)) {
                match_of_new[r] = candidate;
                old_matched[candidate] = true;
                break;
            }
        }
    }
    for (std::size_t r = 0; r < after.relations.size(); ++r) {
        if (!new_kept[r] || match_of_new[r] != none) {
            continue;
        }
        const auto found = old_by_loose_key.find(loose_key(after.relations[r]));
        if (found == old_by_loose_key.end()) {
            continue;
        }
        const bool is_directed = after.is_directed(after.relations[r]);
        for (const std::size_t candidate : found->second) {
            // Only a change between directed and undirected: a reversed arc is another relation.
            if (may_match(candidate, r) &&
                before.is_directed(before.relations[candidate]) != is_directed) {
                match_of_new[r] = candidate;
                old_matched[candidate] = true;
                break;
            }
        }
    }

    std::map<std::pair<bool, std::string>, TypeChanges> types;
    auto type_entry = [&](const std::optional<std::string>& type) -> TypeChanges& {
        // Untyped relations sort after every type.
        auto& entry = types[{!type.has_value(), type.value_or("")}];
        entry.type = type;
        return entry;
    };
    for (std::size_t r = 0; r < after.relations.size(); ++r) {
        if (!new_kept[r]) {
            continue;
        }
        auto& entry = type_entry(after.relations[r].type);
        ++entry.after;
        if (match_of_new[r] == none) {
            out.relations_added.push_back(r);
            ++entry.added;
            continue;
        }
        auto fields = relation_differences(before, before.relations[match_of_new[r]], after,
                                           after.relations[r]);
        if (!fields.empty()) {
            out.relations_changed.push_back({match_of_new[r], r, std::move(fields)});
            ++entry.changed;
        }
    }
    for (std::size_t r = 0; r < before.relations.size(); ++r) {
        if (!old_kept[r]) {
            continue;
        }
        auto& entry = type_entry(before.relations[r].type);
        ++entry.before;
        if (!old_matched[r]) {
            out.relations_removed.push_back(r);
            ++entry.removed;
        }
    }
    for (auto& [key, entry] : types) {
        out.types.push_back(std::move(entry));
    }

    out.stability = tie_stability(before_graph, after_graph);
    return out;
}

std::vector<MeasureMove> largest_moves(const graph::AnalysisGraph& before,
                                       const std::vector<double>& before_values,
                                       const graph::AnalysisGraph& after,
                                       const std::vector<double>& after_values, std::size_t top) {
    std::vector<MeasureMove> moves;
    for (std::size_t v = 0; v < after.vertex_count; ++v) {
        const auto u = before.vertex(after.ids[v]);
        if (!u || std::isnan(before_values[*u]) || std::isnan(after_values[v]) ||
            !moved(before_values[*u], after_values[v])) {
            continue;
        }
        moves.push_back({*u, v, before_values[*u], after_values[v]});
    }
    std::stable_sort(moves.begin(), moves.end(), [](const MeasureMove& a, const MeasureMove& b) {
        return std::fabs(a.new_value - a.old_value) > std::fabs(b.new_value - b.old_value);
    });
    if (moves.size() > top) {
        moves.resize(top);
    }
    return moves;
}

namespace {

FindingChanges compare_findings(const model::Map& before_map,
                                const std::vector<std::size_t>& before, const model::Map& after_map,
                                const std::vector<std::size_t>& after) {
    std::set<std::string> old_ids;
    std::set<std::string> new_ids;
    for (const std::size_t v : before) {
        old_ids.insert(before_map.actors[v].id);
    }
    for (const std::size_t v : after) {
        new_ids.insert(after_map.actors[v].id);
    }
    FindingChanges out;
    for (const auto& actor : before_map.actors) {
        if (old_ids.count(actor.id) != 0 && new_ids.count(actor.id) == 0) {
            (after_map.actor_index(actor.id) ? out.closed : out.left).push_back(actor.id);
        }
    }
    for (const auto& actor : after_map.actors) {
        if (new_ids.count(actor.id) != 0 && old_ids.count(actor.id) == 0) {
            out.opened.push_back(actor.id);
        }
    }
    return out;
}

std::vector<std::size_t> cut_actor_indices(const GapsResult& gaps) {
    std::vector<std::size_t> out;
    for (const auto& impact : gaps.cut_actors) {
        if (impact.actor) {
            out.push_back(*impact.actor);
        }
    }
    return out;
}

std::vector<std::size_t> unreached_indices(const GapsResult& gaps) {
    std::vector<std::size_t> out;
    for (const auto& item : gaps.unreached) {
        out.push_back(item.actor);
    }
    return out;
}

std::optional<double> shown_score(const AreaCoverage& area) {
    return area.rollup ? area.rollup->score : area.score;
}

} // namespace

GapChanges compare_gaps(const model::Map& before_map, const GapsResult& before,
                        const model::Map& after_map, const GapsResult& after) {
    GapChanges out;
    out.cut_actors = compare_findings(before_map, cut_actor_indices(before), after_map,
                                      cut_actor_indices(after));
    out.unreached = compare_findings(before_map, unreached_indices(before), after_map,
                                     unreached_indices(after));
    out.isolates = compare_findings(before_map, before.isolates, after_map, after.isolates);
    return out;
}

std::vector<AreaScoreChange> compare_coverage(const model::Map& before_map,
                                              const CoverageResult& before,
                                              const model::Map& after_map,
                                              const CoverageResult& after) {
    std::vector<AreaScoreChange> out;
    auto score_in = [](const CoverageResult& result, std::size_t area) -> std::optional<double> {
        for (const auto& coverage : result.areas) {
            if (coverage.area == area) {
                return shown_score(coverage);
            }
        }
        return std::nullopt;
    };
    for (std::size_t a = 0; a < after_map.areas.size(); ++a) {
        AreaScoreChange change;
        change.after_area = a;
        change.after = score_in(after, a);
        change.before_area = before_map.area_index(after_map.areas[a].id);
        if (change.before_area) {
            change.before = score_in(before, *change.before_area);
        }
        out.push_back(change);
    }
    for (std::size_t a = 0; a < before_map.areas.size(); ++a) {
        if (!after_map.area_index(before_map.areas[a].id)) {
            AreaScoreChange change;
            change.before_area = a;
            change.before = score_in(before, a);
            out.push_back(change);
        }
    }
    return out;
}

} // namespace stakemap::analysis
