#include "stakemap/analysis/gaps.hpp"
#include "stakemap/error.hpp"

#include "stakemap/analysis/coverage.hpp"
#include "stakemap/analysis/structure.hpp"
#include "stakemap/model/area_tree.hpp"
#include "stakemap/model/grouping.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

namespace stakemap::analysis {

namespace {

constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();

bool listed(const std::vector<std::string>& list, const std::string& value) {
    return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
}

/// Services, languages and sector of every actor as small integers, so that what a piece of the
/// network holds can be counted quickly.
struct Features {
    std::vector<std::string> names; ///< services, then languages, then sectors
    std::size_t services = 0;       ///< names[0, services) are services
    std::size_t languages = 0;      ///< then this many languages
    std::vector<std::vector<std::uint32_t>> of_actor;
    std::vector<std::uint32_t> sector_of_actor; ///< feature index of the actor's sector
    std::uint32_t institution = 0;              ///< feature index of the institution sector
    std::vector<bool> common; ///< per feature: a language most of the map speaks, never lost
};

Features actor_features(const model::Map& map, const model::Vocabulary& vocabulary) {
    std::set<std::string> services;
    std::set<std::string> languages;
    for (const auto& actor : map.actors) {
        services.insert(actor.services.begin(), actor.services.end());
        languages.insert(actor.languages.begin(), actor.languages.end());
    }
    Features features;
    std::unordered_map<std::string, std::uint32_t> service_index;
    std::unordered_map<std::string, std::uint32_t> language_index;
    std::map<std::string, std::uint32_t> sector_index;
    for (const auto& id : services) {
        service_index[id] = static_cast<std::uint32_t>(features.names.size());
        features.names.push_back(id);
    }
    features.services = features.names.size();
    for (const auto& code : languages) {
        language_index[code] = static_cast<std::uint32_t>(features.names.size());
        features.names.push_back(code);
    }
    features.languages = languages.size();
    features.common.assign(features.names.size(), false);
    for (const auto& code : common_languages(map)) {
        features.common[language_index[code]] = true;
    }
    for (const auto& sector : vocabulary.sectors) {
        sector_index[sector.id] = static_cast<std::uint32_t>(features.names.size());
        features.names.push_back(sector.id);
    }
    sector_index[""] = static_cast<std::uint32_t>(features.names.size());
    features.names.emplace_back("");
    features.institution = sector_index["institution"];
    for (const auto& actor : map.actors) {
        std::vector<std::uint32_t> own;
        for (const auto& id : actor.services) {
            own.push_back(service_index[id]);
        }
        for (const auto& code : actor.languages) {
            own.push_back(language_index[code]);
        }
        std::sort(own.begin(), own.end());
        own.erase(std::unique(own.begin(), own.end()), own.end());
        const auto sector = sector_index.find(model::sector_of(actor, vocabulary));
        const std::uint32_t sector_feature =
            sector == sector_index.end() ? sector_index[""] : sector->second;
        own.push_back(sector_feature);
        features.sector_of_actor.push_back(sector_feature);
        features.of_actor.push_back(std::move(own));
    }
    return features;
}

/// Computes what a removal cuts off, piece by piece, from the DFS decomposition.
class ImpactFinder {
public:
    ImpactFinder(const model::Map& map, const model::Vocabulary& vocabulary,
                 const graph::AnalysisGraph& graph, const GapsOptions& options)
        : map_(map), graph_(graph), options_(options), separations_(separations(graph)),
          features_(actor_features(map, vocabulary)), counts_(features_.names.size(), 0) {
        for (std::size_t v = 0; v < map.actors.size(); ++v) {
            const auto& area = map.actors[v].area;
            const auto index = area ? map.area_index(*area) : std::nullopt;
            area_of_.push_back(index ? *index : std::string::npos);
        }
    }

    const Separations& separations_found() const { return separations_; }

    /// How many actors removing `v` cuts off, without describing them.
    std::size_t cut_off_by_actor(graph::Vertex v) const {
        const std::size_t component =
            separations_.component_end[v] - separations_.component_begin[v];
        std::size_t rest = component - 1;
        std::size_t largest = 0;
        for (graph::Vertex child : separations_.separated[v]) {
            rest -= subtree_size(child);
            largest = std::max(largest, subtree_size(child));
        }
        return component - 1 - std::max(rest, largest);
    }

    /// How many actors breaking bridge `edge` cuts off.
    std::size_t cut_off_by_bridge(std::size_t edge) const {
        const auto child = static_cast<graph::Vertex>(separations_.bridge_child[edge]);
        const std::size_t inside = subtree_size(child);
        const std::size_t outside =
            separations_.component_end[child] - separations_.component_begin[child] - inside;
        return std::min(inside, outside);
    }

    CutImpact for_actor(graph::Vertex v) {
        CutImpact impact;
        impact.actor = v;
        const auto& children = separations_.separated[v];
        const std::size_t begin = separations_.component_begin[v];
        const std::size_t end = separations_.component_end[v];
        std::size_t rest = end - begin - 1;
        for (graph::Vertex child : children) {
            rest -= subtree_size(child);
        }
        // The largest remaining piece stays; on a tie the piece holding the DFS root does.
        std::optional<graph::Vertex> main_child;
        std::size_t main_size = rest;
        for (graph::Vertex child : children) {
            if (subtree_size(child) > main_size) {
                main_size = subtree_size(child);
                main_child = child;
            }
        }
        std::vector<Piece> pieces;
        for (graph::Vertex child : children) {
            if (!main_child || child != *main_child) {
                pieces.push_back({separations_.position[child], separations_.subtree_end[child]});
            }
        }
        if (main_child) {
            // The rest: the component without v and without every separated subtree.
            Piece piece{begin, end};
            piece.skip_vertex = v;
            for (graph::Vertex child : children) {
                piece.skips.push_back(
                    {separations_.position[child], separations_.subtree_end[child]});
            }
            pieces.insert(pieces.begin(), piece);
        }
        describe(impact, pieces, begin, end, v);
        return impact;
    }

    CutImpact for_bridge(std::size_t edge) {
        CutImpact impact;
        impact.edge = edge;
        const auto child = static_cast<graph::Vertex>(separations_.bridge_child[edge]);
        const std::size_t begin = separations_.component_begin[child];
        const std::size_t end = separations_.component_end[child];
        const std::size_t inside = subtree_size(child);
        const std::size_t outside = end - begin - inside;
        Piece piece{separations_.position[child], separations_.subtree_end[child]};
        if (inside > outside) {
            piece = {begin, end};
            piece.skips.push_back({separations_.position[child], separations_.subtree_end[child]});
        }
        describe(impact, {piece}, begin, end, std::nullopt);
        return impact;
    }

private:
    struct Range {
        std::size_t begin;
        std::size_t end;
    };
    /// A range of the preorder, minus some sub-ranges and possibly one vertex.
    struct Piece {
        std::size_t begin;
        std::size_t end;
        std::vector<Range> skips = {};
        std::optional<graph::Vertex> skip_vertex = std::nullopt;
    };

    std::size_t subtree_size(graph::Vertex v) const {
        return separations_.subtree_end[v] - separations_.position[v];
    }

    /// Feature counts of a whole component, computed once per component.
    const std::vector<std::uint32_t>& component_counts(std::size_t begin, std::size_t end) {
        auto found = component_cache_.find(begin);
        if (found != component_cache_.end()) {
            return found->second;
        }
        std::vector<std::uint32_t> counts(features_.names.size(), 0);
        for (std::size_t i = begin; i < end; ++i) {
            for (auto f : features_.of_actor[separations_.preorder[i]]) {
                ++counts[f];
            }
        }
        return component_cache_.emplace(begin, std::move(counts)).first->second;
    }

    template <typename Visit>
    void for_each_in(const Piece& piece, Visit visit) const {
        // Skips are disjoint subtrees in preorder: one pointer walks them in order.
        std::vector<Range> skips = piece.skips;
        std::sort(skips.begin(), skips.end(),
                  [](const Range& a, const Range& b) { return a.begin < b.begin; });
        std::size_t next = 0;
        std::size_t i = piece.begin;
        while (i < piece.end) {
            if (next < skips.size() && i == skips[next].begin) {
                i = skips[next++].end;
                continue;
            }
            const graph::Vertex v = separations_.preorder[i++];
            if (!piece.skip_vertex || v != *piece.skip_vertex) {
                visit(v);
            }
        }
    }

    void describe(CutImpact& impact, const std::vector<Piece>& pieces, std::size_t begin,
                  std::size_t end, std::optional<graph::Vertex> removed) {
        std::size_t cut_off = 0;
        for (const auto& piece : pieces) {
            std::size_t size = piece.end - piece.begin;
            for (const auto& skip : piece.skips) {
                size -= skip.end - skip.begin;
            }
            size -= piece.skip_vertex ? std::size_t{1} : std::size_t{0};
            cut_off += size;
        }
        impact.cut_off = cut_off;
        if (visits_ + cut_off > options_.detail_budget) {
            impact.detailed = false;
            return;
        }
        visits_ += cut_off;
        const auto& component = component_counts(begin, end);
        std::fill(counts_.begin(), counts_.end(), 0);
        std::map<std::size_t, std::size_t> areas;
        std::vector<std::uint32_t> lose(features_.names.size(), 0);
        const bool had_institution = component[features_.institution] > 0;
        std::size_t cut_off_institutions = 0;
        for (const auto& piece : pieces) {
            std::size_t piece_institutions = 0;
            std::vector<std::uint32_t> piece_sectors;
            for_each_in(piece, [&](graph::Vertex v) {
                for (auto f : features_.of_actor[v]) {
                    ++counts_[f];
                }
                piece_sectors.push_back(features_.sector_of_actor[v]);
                piece_institutions += features_.sector_of_actor[v] == features_.institution;
                if (area_of_[v] != std::string::npos) {
                    ++areas[area_of_[v]];
                }
                impact.cut_off_actors.push_back(v);
            });
            cut_off_institutions += piece_institutions;
            if (had_institution && piece_institutions == 0) {
                for (auto sector : piece_sectors) {
                    ++lose[sector];
                }
            }
        }
        // The largest piece loses its institutions only when the removed actor was the last one.
        std::vector<std::uint32_t> own(features_.names.size(), 0);
        if (removed) {
            for (auto f : features_.of_actor[*removed]) {
                own[f] = 1;
            }
        }
        const std::size_t main_institutions =
            component[features_.institution] - cut_off_institutions - own[features_.institution];
        if (had_institution && main_institutions == 0) {
            const std::size_t first_sector = features_.services + features_.languages;
            for (std::size_t f = first_sector; f < features_.names.size(); ++f) {
                lose[f] += component[f] - counts_[f] - own[f];
            }
        }
        for (std::size_t f = 0; f < features_.services + features_.languages; ++f) {
            const std::size_t away = counts_[f] + own[f];
            // A language most of the map speaks is not lost when the few who list it are cut off:
            // those who do not list it speak it too (the municipality's own language).
            if (away > 0 && component[f] == away && !features_.common[f]) {
                (f < features_.services ? impact.services_lost : impact.languages_lost)
                    .push_back(features_.names[f]);
            }
        }
        for (std::size_t f = features_.services + features_.languages; f < lose.size(); ++f) {
            if (lose[f] > 0) {
                impact.lose_institutions.emplace_back(features_.names[f], lose[f]);
                impact.lose_institutions_total += lose[f];
            }
        }
        impact.areas.assign(areas.begin(), areas.end());
        std::sort(impact.cut_off_actors.begin(), impact.cut_off_actors.end());
        if (impact.cut_off_actors.size() > options_.list_limit) {
            impact.cut_off_actors.resize(options_.list_limit);
        }
    }

    const model::Map& map_;
    const graph::AnalysisGraph& graph_;
    const GapsOptions& options_;
    Separations separations_;
    Features features_;
    std::vector<std::size_t> area_of_;
    std::vector<std::uint32_t> counts_;
    std::unordered_map<std::size_t, std::vector<std::uint32_t>> component_cache_;
    std::size_t visits_ = 0;
};

Mixing group_mixing(const model::Map& map, const model::Vocabulary& vocabulary,
                    const graph::AnalysisGraph& graph, const std::string& by) {
    const auto labels = model::group_labels(map, vocabulary, by);
    if (!labels) {
        throw UsageError("no grouping \"" + by + "\" in this map");
    }
    Mixing mixing;
    mixing.grouping = by;
    std::map<std::string, std::size_t> index;
    // Groups in vocabulary order for the built-in groupings, else sorted; "" last.
    std::vector<std::string> order;
    if (by == "sector") {
        for (const auto& term : vocabulary.sectors) {
            order.push_back(term.id);
        }
    } else if (by == "level") {
        for (const auto& term : vocabulary.levels) {
            order.push_back(term.id);
        }
    } else if (by == "area") {
        for (const auto& area : map.areas) {
            order.push_back(area.id);
        }
    }
    std::set<std::string> present(labels->begin(), labels->end());
    for (const auto& id : order) {
        if (present.erase(id) != 0) {
            mixing.groups.push_back(id);
        }
    }
    const bool unlabelled = present.erase("") != 0;
    mixing.groups.insert(mixing.groups.end(), present.begin(), present.end());
    if (unlabelled) {
        mixing.groups.emplace_back("");
    }
    for (std::size_t g = 0; g < mixing.groups.size(); ++g) {
        index[mixing.groups[g]] = g;
    }
    const std::size_t k = mixing.groups.size();
    mixing.sizes.assign(k, 0);
    mixing.ties.assign(k, std::vector<std::size_t>(k, 0));
    mixing.weights.assign(k, std::vector<double>(k, 0.0));
    std::vector<std::size_t> group_of(map.actors.size());
    for (std::size_t v = 0; v < map.actors.size(); ++v) {
        group_of[v] = index[(*labels)[v]];
        ++mixing.sizes[group_of[v]];
    }
    std::size_t external = 0;
    std::size_t internal = 0;
    for (const auto& edge : graph.undirected_edges) {
        const std::size_t a = group_of[edge.source];
        const std::size_t b = group_of[edge.target];
        ++mixing.ties[a][b];
        mixing.weights[a][b] += edge.weight;
        if (a != b) {
            ++mixing.ties[b][a];
            mixing.weights[b][a] += edge.weight;
            ++external;
        } else {
            ++internal;
        }
    }
    mixing.densities.assign(k, std::vector<double>(k, not_a_number));
    mixing.ei.assign(k, not_a_number);
    for (std::size_t a = 0; a < k; ++a) {
        std::size_t e = 0;
        for (std::size_t b = 0; b < k; ++b) {
            const double possible =
                a == b
                    ? static_cast<double>(mixing.sizes[a]) *
                          static_cast<double>(mixing.sizes[a] - (mixing.sizes[a] > 0)) / 2.0
                    : static_cast<double>(mixing.sizes[a]) * static_cast<double>(mixing.sizes[b]);
            if (possible > 0.0) {
                mixing.densities[a][b] = static_cast<double>(mixing.ties[a][b]) / possible;
            }
            e += a == b ? 0 : mixing.ties[a][b];
        }
        const std::size_t i = mixing.ties[a][a];
        if (e + i > 0) {
            mixing.ei[a] =
                (static_cast<double>(e) - static_cast<double>(i)) / static_cast<double>(e + i);
        }
    }
    mixing.overall_ei = external + internal > 0
                            ? (static_cast<double>(external) - static_cast<double>(internal)) /
                                  static_cast<double>(external + internal)
                            : not_a_number;
    return mixing;
}

std::vector<Overlap> overlapping_offices(const model::Map& map, const model::Vocabulary& vocabulary,
                                         const graph::AnalysisGraph& graph,
                                         const std::vector<std::string>& sectors, std::size_t limit,
                                         std::size_t& count, const RunControl& control) {
    // Per area, the offices local to it (located in it or naming it in `serves`).
    std::vector<std::vector<std::size_t>> local(map.areas.size());
    for (std::size_t v = 0; v < map.actors.size(); ++v) {
        const auto& actor = map.actors[v];
        if (!listed(sectors, model::sector_of(actor, vocabulary)) || actor.services.empty()) {
            continue;
        }
        std::set<std::size_t> areas;
        if (actor.area) {
            if (const auto a = map.area_index(*actor.area)) {
                areas.insert(*a);
            }
        }
        if (actor.serves) {
            for (const auto& id : *actor.serves) {
                if (const auto a = map.area_index(id)) {
                    areas.insert(*a);
                }
            }
        }
        for (std::size_t a : areas) {
            local[a].push_back(v);
        }
    }
    // Pairs are counted in full; only the first `limit` pairs (in actor order) keep their details,
    // so that a map with thousands of offices per area does not list millions of pairs.
    std::map<std::pair<std::size_t, std::size_t>, Overlap> found;
    std::unordered_set<std::uint64_t> seen;
    for (std::size_t a = 0; a < local.size(); ++a) {
        const auto& offices = local[a];
        for (std::size_t i = 0; i < offices.size(); ++i) {
            control.check(); // O(offices²) per area
            for (std::size_t j = i + 1; j < offices.size(); ++j) {
                const std::size_t x = offices[i];
                const std::size_t y = offices[j];
                if (graph.tied(static_cast<graph::Vertex>(x), static_cast<graph::Vertex>(y))) {
                    continue;
                }
                std::vector<std::string> shared;
                for (const auto& service : map.actors[x].services) {
                    const auto& other = map.actors[y].services;
                    if (std::find(other.begin(), other.end(), service) != other.end()) {
                        shared.push_back(service);
                    }
                }
                if (shared.empty()) {
                    continue;
                }
                seen.insert((static_cast<std::uint64_t>(x) << 32) | y);
                if (found.count({x, y}) == 0 && found.size() >= limit) {
                    // Keep the `limit` smallest pairs: drop the largest when a smaller one comes.
                    if (found.empty()) {
                        continue; // nothing is listed
                    }
                    const auto last = std::prev(found.end());
                    if (last->first < std::make_pair(x, y)) {
                        continue;
                    }
                    found.erase(last);
                }
                Overlap& overlap = found[{x, y}];
                overlap.first = x;
                overlap.second = y;
                overlap.areas.push_back(a);
                for (auto& service : shared) {
                    if (std::find(overlap.services.begin(), overlap.services.end(), service) ==
                        overlap.services.end()) {
                        overlap.services.push_back(std::move(service));
                    }
                }
            }
        }
    }
    count = seen.size();
    std::vector<Overlap> out;
    for (auto& [pair, overlap] : found) {
        out.push_back(std::move(overlap));
    }
    return out;
}

std::vector<RuleOutcome> check_rules(const model::Map& map, const model::Vocabulary& vocabulary,
                                     const graph::AnalysisGraph& graph, const model::RuleSet& rules,
                                     const RunControl& control) {
    const model::AreaTree tree(map);
    const auto served = served_areas(map); // the coverage rule of who serves an area
    std::vector<RuleOutcome> out;
    for (std::size_t r = 0; r < rules.rules.size(); ++r) {
        control.check();
        const model::TieRule& rule = rules.rules[r];
        RuleOutcome outcome;
        outcome.rule = r;
        for (const auto* selector : {&rule.every, &rule.target}) {
            for (const auto& id : selector->kinds) {
                if (vocabulary.find_kind(id) == nullptr) {
                    outcome.unknown_ids.push_back("kind:" + id);
                }
            }
            for (const auto& id : selector->sectors) {
                if (vocabulary.find_sector(id) == nullptr) {
                    outcome.unknown_ids.push_back("sector:" + id);
                }
            }
            for (const auto& id : selector->levels) {
                if (vocabulary.find_level(id) == nullptr) {
                    outcome.unknown_ids.push_back("level:" + id);
                }
            }
        }
        std::vector<std::size_t> targets;
        for (std::size_t v = 0; v < map.actors.size(); ++v) {
            if (matches(rule.target, map.actors[v], vocabulary)) {
                targets.push_back(v);
            }
        }
        // Which actors satisfy the check: tied to a target, or within `within` steps of one.
        const std::size_t limit = rule.check == model::RuleCheck::tied_to ? 1 : rule.within;
        std::vector<bool> satisfied(map.actors.size(), false);
        {
            // One search that keeps, for each actor, its nearest and its second-nearest target
            // (distinct ones), so that a target never counts as reaching itself.
            const std::size_t n = map.actors.size();
            constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
            std::vector<std::size_t> first_steps(n, none);
            std::vector<std::size_t> first_source(n, none);
            std::vector<std::size_t> second_steps(n, none);
            struct Item {
                graph::Vertex vertex;
                std::size_t source;
                std::size_t steps;
            };
            std::vector<Item> queue;
            for (std::size_t t : targets) {
                queue.push_back({static_cast<graph::Vertex>(t), t, 0});
            }
            for (std::size_t head = 0; head < queue.size(); ++head) {
                const Item item = queue[head];
                const graph::Vertex v = item.vertex;
                if (first_source[v] == none) {
                    first_source[v] = item.source;
                    first_steps[v] = item.steps;
                } else if (first_source[v] != item.source && second_steps[v] == none) {
                    second_steps[v] = item.steps;
                } else {
                    continue;
                }
                if (item.steps >= limit) {
                    continue;
                }
                for (graph::Vertex w : graph.undirected.neighbours_of(v)) {
                    if (second_steps[w] == none &&
                        (first_source[w] == none || first_source[w] != item.source)) {
                        queue.push_back({w, item.source, item.steps + 1});
                    }
                }
            }
            for (std::size_t v = 0; v < n; ++v) {
                const bool own = first_source[v] == v;
                const std::size_t steps = own ? second_steps[v] : first_steps[v];
                satisfied[v] = steps != none && steps <= limit;
            }
        }
        outcome.applicable = !targets.empty();
        if (rule.each_area) {
            // The areas some satisfied actor of the rule serves, in one pass over the actors
            // (testing every actor for every area took seconds on a 200,000-actor map).
            std::vector<bool> served_well(map.areas.size(), false);
            for (std::size_t v = 0; v < map.actors.size(); ++v) {
                if (satisfied[v] && matches(rule.every, map.actors[v], vocabulary)) {
                    for (const std::size_t a : served[v]) {
                        served_well[a] = true;
                    }
                }
            }
            for (std::size_t a = 0; a < map.areas.size(); ++a) {
                control.check();
                if (!tree.is_leaf(a)) {
                    continue;
                }
                ++outcome.checked;
                const bool ok = served_well[a];
                if (!ok && outcome.applicable) {
                    outcome.violating_areas.push_back(a);
                }
            }
        } else {
            for (std::size_t v = 0; v < map.actors.size(); ++v) {
                if (!matches(rule.every, map.actors[v], vocabulary)) {
                    continue;
                }
                ++outcome.checked;
                if (!satisfied[v] && outcome.applicable) {
                    outcome.violating_actors.push_back(v);
                }
            }
        }
        out.push_back(std::move(outcome));
    }
    return out;
}

} // namespace

SelectorError::SelectorError(Problem problem_found, std::string item_written,
                             std::vector<std::string> instead)
    : Error(
          ErrorCode::selector,
          [&] {
              const std::string id = item_written.substr(item_written.find(':') + 1);
              switch (problem_found) {
              case Problem::empty:
                  return std::string("an empty selector; write e.g. community or kind:consulta");
              case Problem::unknown_sector:
                  return "no sector \"" + id + "\"";
              case Problem::unknown_kind:
                  return "no kind \"" + id + "\" in the vocabulary or the map";
              case Problem::unknown_level:
                  return "no level \"" + id + "\"";
              case Problem::unknown_id:
                  return "\"" + item_written +
                         "\" is neither a sector nor a kind; write sector:ID, kind:ID or level:ID";
              case Problem::area_id:
                  return "\"" + item_written +
                         "\" is an area; selectors take sectors, kinds and levels";
              case Problem::actor_id:
                  return "\"" + item_written +
                         "\" is an actor; selectors take sectors, kinds and levels";
              case Problem::matches_nobody:
                  return "no actor on this map matches \"" + item_written + "\"";
              }
              return std::string("bad selector");
          }()),
      problem(problem_found), item(std::move(item_written)), candidates(std::move(instead)) {}

namespace {

/// Sector, kind and level ids as selector items written like `prefix` would have them: with that
/// prefix ("kind:consulta"), or bare (sectors and kinds; levels always need "level:") when
/// `prefix` is empty. With a map, only the ids some actor of it has, in both spellings.
std::vector<std::string> selector_items(const model::Vocabulary& vocabulary,
                                        const std::string& prefix,
                                        const model::Map* map = nullptr) {
    std::set<std::string> sectors;
    std::set<std::string> kinds;
    std::set<std::string> levels;
    if (map != nullptr) {
        for (const auto& actor : map->actors) {
            sectors.insert(model::sector_of(actor, vocabulary));
            kinds.insert(actor.kind_id());
            if (actor.level) {
                levels.insert(*actor.level);
            }
        }
    }
    const auto present = [&](const std::set<std::string>& ids, const std::string& id) {
        return map == nullptr || ids.count(id) != 0;
    };
    std::vector<std::string> out;
    for (const auto& term : vocabulary.sectors) {
        if (present(sectors, term.id)) {
            if (prefix.empty() || map != nullptr) {
                out.push_back(term.id);
            }
            if (prefix == "sector" || map != nullptr) {
                out.push_back("sector:" + term.id);
            }
        }
    }
    for (const auto& term : vocabulary.kinds) {
        if (present(kinds, term.id)) {
            if ((prefix.empty() || map != nullptr) && vocabulary.find_sector(term.id) == nullptr) {
                out.push_back(term.id);
            }
            if (prefix == "kind" || map != nullptr) {
                out.push_back("kind:" + term.id);
            }
        }
    }
    for (const auto& term : vocabulary.levels) {
        if (present(levels, term.id) && (prefix.empty() || prefix == "level" || map != nullptr)) {
            out.push_back("level:" + term.id);
        }
    }
    return out;
}

} // namespace

model::ActorSelector parse_selector(const std::string& text, const model::Vocabulary& vocabulary,
                                    const model::Map* map) {
    using Problem = SelectorError::Problem;
    model::ActorSelector selector;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        const std::string item = text.substr(start, comma - start);
        start = comma + 1;
        if (item.empty()) {
            continue;
        }
        const std::size_t colon = item.find(':');
        const std::string prefix = colon == std::string::npos ? "" : item.substr(0, colon);
        const std::string id = colon == std::string::npos ? item : item.substr(colon + 1);
        const auto unknown = [&](Problem problem) {
            const std::string known_prefix =
                prefix == "sector" || prefix == "kind" || prefix == "level" ? prefix : "";
            return SelectorError(problem, item, selector_items(vocabulary, known_prefix));
        };
        if (prefix == "sector" || (prefix.empty() && vocabulary.find_sector(id) != nullptr)) {
            if (vocabulary.find_sector(id) == nullptr) {
                throw unknown(Problem::unknown_sector);
            }
            selector.sectors.push_back(id);
        } else if (prefix == "kind" || (prefix.empty() && vocabulary.find_kind(id) != nullptr)) {
            if (vocabulary.find_kind(id) == nullptr) {
                throw unknown(Problem::unknown_kind);
            }
            selector.kinds.push_back(id);
        } else if (prefix == "level") {
            if (vocabulary.find_level(id) == nullptr) {
                throw unknown(Problem::unknown_level);
            }
            selector.levels.push_back(id);
        } else if (map != nullptr && prefix.empty() && map->area_index(item)) {
            throw SelectorError(Problem::area_id, item, {});
        } else if (map != nullptr && prefix.empty() && map->actor_index(item)) {
            throw SelectorError(Problem::actor_id, item, {});
        } else {
            throw unknown(Problem::unknown_id);
        }
    }
    if (selector.sectors.empty() && selector.kinds.empty() && selector.levels.empty()) {
        throw SelectorError(Problem::empty, text, {});
    }
    if (map != nullptr) {
        const bool anyone =
            std::any_of(map->actors.begin(), map->actors.end(), [&](const model::Actor& actor) {
                return matches(selector, actor, vocabulary);
            });
        if (!anyone) {
            throw SelectorError(Problem::matches_nobody, text, selector_items(vocabulary, "", map));
        }
    }
    return selector;
}

std::vector<std::string> common_languages(const model::Map& map) {
    std::map<std::string, std::size_t> speakers;
    for (const auto& actor : map.actors) {
        std::set<std::string> own(actor.languages.begin(), actor.languages.end());
        for (const auto& code : own) {
            ++speakers[code];
        }
    }
    std::vector<std::string> out;
    for (const auto& [code, count] : speakers) {
        if (2 * count > map.actors.size()) {
            out.push_back(code);
        }
    }
    return out;
}

bool matches(const model::ActorSelector& selector, const model::Actor& actor,
             const model::Vocabulary& vocabulary) {
    return listed(selector.kinds, actor.kind_id()) &&
           listed(selector.sectors, model::sector_of(actor, vocabulary)) &&
           (selector.levels.empty() || (actor.level && listed(selector.levels, *actor.level)));
}

std::optional<CutImpact> cut_impact(const model::Map& map, const model::Vocabulary& vocabulary,
                                    const graph::AnalysisGraph& graph, std::size_t actor,
                                    const GapsOptions& options) {
    ImpactFinder finder(map, vocabulary, graph, options);
    if (finder.separations_found().separated[actor].empty()) {
        return std::nullopt;
    }
    return finder.for_actor(static_cast<graph::Vertex>(actor));
}

GapsResult find_gaps(const model::Map& map, const model::Vocabulary& vocabulary,
                     const graph::AnalysisGraph& graph, const GapsOptions& options) {
    if (graph.vertex_count != map.actors.size()) {
        throw UsageError("the analysis graph was not built from this map");
    }
    GapsResult result;
    const std::size_t n = map.actors.size();

    ImpactFinder finder(map, vocabulary, graph, options);
    const Separations& found = finder.separations_found();
    // Components keyed by their first preorder index, members gathered in map order.
    std::map<std::size_t, std::vector<std::size_t>> members;
    for (std::size_t v = 0; v < n; ++v) {
        members[found.component_begin[v]].push_back(v);
        if (graph.undirected.degree(static_cast<graph::Vertex>(v)) == 0) {
            result.isolates.push_back(v);
        }
    }
    result.components = members.size();
    for (auto& [begin, list] : members) {
        result.other_components.push_back(std::move(list));
    }
    // Larger first, then by first actor: the first one is the largest component, the rest are
    // the others.
    std::sort(result.other_components.begin(), result.other_components.end(),
              [](const auto& a, const auto& b) {
                  return a.size() != b.size() ? a.size() > b.size() : a.front() < b.front();
              });
    if (!result.other_components.empty()) {
        result.largest_component = result.other_components.front().size();
        result.other_components.erase(result.other_components.begin());
    }
    // Largest cut-offs first, so that the detail budget goes to the ones that matter most.
    std::vector<std::pair<std::size_t, std::size_t>> cuts;
    for (std::size_t v = 0; v < n; ++v) {
        if (!found.separated[v].empty()) {
            cuts.emplace_back(finder.cut_off_by_actor(static_cast<graph::Vertex>(v)), v);
        }
    }
    std::vector<std::pair<std::size_t, std::size_t>> ties;
    for (std::size_t e = 0; e < graph.undirected_edges.size(); ++e) {
        if (found.bridge_child[e] != Separations::unset) {
            ties.emplace_back(finder.cut_off_by_bridge(e), e);
        }
    }
    const auto larger_first = [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    };
    std::sort(cuts.begin(), cuts.end(), larger_first);
    std::sort(ties.begin(), ties.end(), larger_first);
    for (const auto& [size, v] : cuts) {
        options.control.check();
        result.cut_actors.push_back(finder.for_actor(static_cast<graph::Vertex>(v)));
    }
    for (const auto& [size, e] : ties) {
        options.control.check();
        result.bridges.push_back(finder.for_bridge(e));
    }

    result.mixing = group_mixing(map, vocabulary, graph, options.group);

    std::vector<bool> in_from(n, false);
    std::vector<bool> in_to(n, false);
    std::vector<std::size_t> targets;
    for (std::size_t v = 0; v < n; ++v) {
        in_from[v] = matches(options.from, map.actors[v], vocabulary);
        in_to[v] = matches(options.to, map.actors[v], vocabulary);
        result.from_count += in_from[v];
        result.to_count += in_to[v];
        if (in_to[v]) {
            targets.push_back(v);
        }
    }
    for (const auto& edge : graph.undirected_edges) {
        const std::size_t a = edge.source;
        const std::size_t b = edge.target;
        if ((in_from[a] && in_to[b]) || (in_to[a] && in_from[b])) {
            ++result.from_to_between;
        } else if ((in_from[a] && in_from[b]) || (in_to[a] && in_to[b])) {
            ++result.from_to_within;
        }
    }
    const std::size_t all = result.from_to_between + result.from_to_within;
    result.from_to_ei = all > 0 ? (static_cast<double>(result.from_to_between) -
                                   static_cast<double>(result.from_to_within)) /
                                      static_cast<double>(all)
                                : not_a_number;
    // Unreached: within `within` steps, then how far the nearest target really is.
    const Reach near = reach_from(graph, targets, options.within);
    std::optional<Reach> far;
    for (std::size_t v = 0; v < n; ++v) {
        if (!in_from[v] || in_to[v] || near.reached(v)) {
            continue;
        }
        if (!far) {
            far = reach_from(graph, targets, Reach::unreached);
        }
        result.unreached.push_back(
            {v, far->reached(v) ? std::optional<std::size_t>(far->steps[v]) : std::nullopt});
    }

    result.overlaps =
        overlapping_offices(map, vocabulary, graph, options.overlap_sectors, options.overlap_limit,
                            result.overlap_count, options.control);
    if (options.rules != nullptr) {
        result.rules = check_rules(map, vocabulary, graph, *options.rules, options.control);
    }
    return result;
}

} // namespace stakemap::analysis
