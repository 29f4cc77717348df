#include "stakemap/analysis/suggest.hpp"

#include "stakemap/analysis/gaps.hpp"
#include "stakemap/analysis/stats.hpp"
#include "stakemap/analysis/structure.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <queue>
#include <set>
#include <tuple>

namespace stakemap::analysis {

namespace {

/// Goals evaluated by rebuilding the graph (resilience, coverage) consider at most this many
/// candidates per round.
constexpr std::size_t max_candidates = 300;

/// Where an actor is (its own area and the areas it names in `serves`) and which areas it serves
/// (those, the areas below them, or every area with "*"), as area indices, sorted.
struct Place {
    std::vector<std::size_t> home;
    std::vector<std::size_t> served;
    bool everywhere = false;
};

std::vector<Place> places_of(const model::Map& map) {
    auto served = served_areas(map); // the coverage rule of who serves an area
    std::vector<Place> places;
    for (std::size_t v = 0; v < map.actors.size(); ++v) {
        const model::Actor& actor = map.actors[v];
        Place place;
        place.everywhere = actor.serves_all;
        place.served = std::move(served[v]);
        for (const auto& id : actor.serves.value_or(std::vector<std::string>{})) {
            if (const auto a = map.area_index(id)) {
                place.home.push_back(*a);
            }
        }
        if (actor.area) {
            if (const auto a = map.area_index(*actor.area)) {
                place.home.push_back(*a);
            }
        }
        std::sort(place.home.begin(), place.home.end());
        place.home.erase(std::unique(place.home.begin(), place.home.end()), place.home.end());
        places.push_back(std::move(place));
    }
    return places;
}

bool intersect(const std::vector<std::size_t>& a, const std::vector<std::size_t>& b) {
    for (std::size_t x : a) {
        if (std::binary_search(b.begin(), b.end(), x)) {
            return true;
        }
    }
    return false;
}

/// A plausible pair: one of the two serves the other's area (directly, through a parent area, or
/// because it serves every area).
bool plausible_pair(const Place& a, const Place& b) {
    return a.everywhere || b.everywhere || intersect(b.home, a.served) ||
           intersect(a.home, b.served);
}

/// The working state of the greedy: the map with the links chosen so far and its graph.
struct Working {
    model::Map map;
    graph::AnalysisGraph graph;
};

model::Relation new_relation(const model::Map& map, const SuggestOptions& options, std::size_t a,
                             std::size_t b) {
    model::Relation relation;
    relation.source = map.actors[a].id;
    relation.target = map.actors[b].id;
    if (!options.relation_type.empty()) {
        relation.type = options.relation_type;
    } else if (!options.build.types.empty()) {
        relation.type = options.build.types.front(); // so that --types keeps it
    }
    relation.directed = false;
    relation.note = "suggested";
    return relation;
}

std::vector<bool> selected(const model::Map& map, const model::Vocabulary& vocabulary,
                           const model::ActorSelector& selector) {
    std::vector<bool> out(map.actors.size());
    for (std::size_t v = 0; v < map.actors.size(); ++v) {
        out[v] = matches(selector, map.actors[v], vocabulary);
    }
    return out;
}

/// `from` actors (that are not themselves `to` actors) with no `to` actor within K steps.
std::vector<std::size_t> unreached_actors(const graph::AnalysisGraph& graph,
                                          const std::vector<bool>& from,
                                          const std::vector<bool>& to, std::size_t within) {
    std::vector<std::size_t> targets;
    for (std::size_t v = 0; v < to.size(); ++v) {
        if (to[v]) {
            targets.push_back(v);
        }
    }
    const Reach steps = reach_from(graph, targets, within);
    std::vector<std::size_t> out;
    for (std::size_t v = 0; v < from.size(); ++v) {
        if (from[v] && !to[v] && !steps.reached(v)) {
            out.push_back(v);
        }
    }
    return out;
}

double objective_on(const model::Map& map, const graph::AnalysisGraph& graph,
                    const model::Vocabulary& vocabulary, const SuggestOptions& options) {
    switch (options.goal) {
    case Goal::reach:
        return static_cast<double>(unreached_actors(graph, selected(map, vocabulary, options.from),
                                                    selected(map, vocabulary, options.to),
                                                    options.within)
                                       .size());
    case Goal::connect: {
        if (graph.vertex_count == 0) {
            return 0.0;
        }
        const auto labels = connected_components(graph);
        std::map<std::size_t, std::size_t> sizes;
        for (auto label : labels) {
            ++sizes[label];
        }
        std::size_t largest = 0;
        for (const auto& [label, size] : sizes) {
            largest = std::max(largest, size);
        }
        return static_cast<double>(graph.vertex_count - largest);
    }
    case Goal::resilience: {
        const auto cut = cut_actors(graph);
        return static_cast<double>(std::count(cut.begin(), cut.end(), true));
    }
    case Goal::coverage: {
        const auto result = coverage(map, vocabulary, graph, options.coverage);
        double total = 0.0;
        for (std::size_t a : result.ranking) {
            const auto& area = result.areas[a];
            total += area.priority.value_or(area.gap.value_or(0.0));
        }
        return total;
    }
    }
    return 0.0;
}

/// The options with the search's control also in force for the coverage it computes.
SuggestOptions with_one_control(const SuggestOptions& options) {
    SuggestOptions settings = options;
    settings.coverage.control = options.control;
    return settings;
}

/// A candidate link with its last known gain.
struct Candidate {
    std::size_t source;
    std::size_t target;
    double gain;
    std::size_t round; ///< the round in which `gain` was computed
    bool same_area;
};

struct ByGain {
    bool operator()(const Candidate& a, const Candidate& b) const {
        if (a.gain != b.gain) {
            return a.gain < b.gain;
        }
        if (a.source != b.source) {
            return a.source > b.source;
        }
        return a.target > b.target;
    }
};

class Greedy {
public:
    Greedy(const model::Map& map, const model::Vocabulary& vocabulary,
           const SuggestOptions& options)
        : vocabulary_(vocabulary), options_(options) {
        working_.map = map;
        working_.graph = graph::build(working_.map, options_.build);
        from_ = selected(map, vocabulary, options.from);
        to_ = selected(map, vocabulary, options.to);
        places_ = places_of(map);
        for (const auto& actor : map.actors) {
            access_point_.push_back(model::is_access_point(actor, vocabulary));
        }
    }

    SuggestResult run() {
        SuggestResult result;
        result.goal = options_.goal;
        result.objective_before = objective();
        double current = result.objective_before;
        std::priority_queue<Candidate, std::vector<Candidate>, ByGain> heap;
        for (const auto& candidate : candidates()) {
            heap.push(candidate);
        }
        result.candidates = heap.size();
        std::set<std::pair<std::size_t, std::size_t>> chosen;
        const std::size_t& round = links_;
        while (result.links.size() < options_.k && !heap.empty()) {
            options_.control.check();
            Candidate top = heap.top();
            heap.pop();
            const auto key = std::minmax(top.source, top.target);
            if (chosen.count(key) != 0 ||
                working_.graph.tied(static_cast<graph::Vertex>(top.source),
                                    static_cast<graph::Vertex>(top.target))) {
                continue;
            }
            if (top.round != round) {
                // Lazy re-evaluation: gains only fall as links are added, so a candidate whose
                // fresh gain still beats the next one's last known gain is the best.
                top.gain = gain(top);
                top.round = round;
                ++result.evaluations;
                if (!heap.empty() && ByGain{}(top, heap.top())) {
                    heap.push(top);
                    continue;
                }
            }
            if (top.gain <= 0.0) {
                break;
            }
            Suggestion suggestion;
            suggestion.source = top.source;
            suggestion.target = top.target;
            suggestion.same_area = top.same_area;
            suggestion.before = current;
            const auto before_unreached =
                options_.goal == Goal::reach
                    ? unreached_actors(working_.graph, from_, to_, options_.within)
                    : std::vector<std::size_t>{};
            add(top.source, top.target);
            suggestion.after = objective();
            suggestion.gain = suggestion.before - suggestion.after;
            if (options_.goal == Goal::reach) {
                const auto after_unreached =
                    unreached_actors(working_.graph, from_, to_, options_.within);
                std::set_difference(before_unreached.begin(), before_unreached.end(),
                                    after_unreached.begin(), after_unreached.end(),
                                    std::back_inserter(suggestion.helped));
            }
            current = suggestion.after;
            chosen.insert(key);
            result.links.push_back(std::move(suggestion));
            if (options_.goal == Goal::connect || options_.goal == Goal::coverage) {
                // Components changed shape, or a link changed what other links are worth (a
                // coverage gain can grow: reaching one provider may make a second link matter):
                // start again from fresh candidates with exact gains.
                heap = {};
                for (const auto& candidate : candidates()) {
                    heap.push(candidate);
                }
            }
        }
        result.objective_after = current;
        return result;
    }

private:
    double objective() { return objective_on(working_.map, working_.graph, vocabulary_, options_); }

    void add(std::size_t a, std::size_t b) {
        working_.map.relations.push_back(new_relation(working_.map, options_, a, b));
        working_.graph = graph::build(working_.map, options_.build);
        ++links_;
    }

    double gain(const Candidate& candidate) {
        options_.control.check(); // each evaluation rebuilds a graph or searches it
        if (options_.goal == Goal::reach) {
            return reach_gain(candidate.source);
        }
        // Other goals: the objective on the map with the link, from scratch.
        model::Map trial = working_.map;
        trial.relations.push_back(
            new_relation(trial, options_, candidate.source, candidate.target));
        const auto graph = graph::build(trial, options_.build);
        if (objective_round_ != links_) {
            objective_ = objective();
            objective_round_ = links_;
        }
        return objective_ - objective_on(trial, graph, vocabulary_, options_);
    }

    /// Linking x to a target brings within K steps every unreached actor within K − 1 of x.
    double reach_gain(std::size_t x) {
        if (options_.within == 0) {
            return 0.0;
        }
        if (unreached_round_ != links_) {
            unreached_ = unreached_actors(working_.graph, from_, to_, options_.within);
            unreached_round_ = links_;
        }
        const auto& unreached = unreached_;
        const Reach ball = reach_from(working_.graph, {x}, options_.within - 1);
        std::size_t count = 0;
        for (std::size_t v : unreached) {
            count += ball.reached(v) ? std::size_t{1} : std::size_t{0};
        }
        return static_cast<double>(count);
    }

    /// The best target for a source: one located in or naming the same area first, then one
    /// serving every area, then an access point (a newcomer can walk in), then most ties, then
    /// map order. With plausible candidates, targets sharing no area are left out.
    std::optional<std::pair<std::size_t, bool>> pick(std::size_t source,
                                                     const std::vector<std::size_t>& pool) {
        std::optional<std::size_t> best;
        std::tuple<int, bool, std::size_t> best_key{-1, false, 0};
        for (std::size_t t : pool) {
            if (t == source || working_.graph.tied(static_cast<graph::Vertex>(source),
                                                   static_cast<graph::Vertex>(t))) {
                continue;
            }
            const bool shared = plausible_pair(places_[source], places_[t]);
            if (options_.candidates == Candidates::plausible && !shared) {
                continue;
            }
            const bool local = intersect(places_[source].home, places_[t].home);
            const std::tuple<int, bool, std::size_t> key{
                local ? 2 : (shared ? 1 : 0), access_point_[t],
                working_.graph.undirected.degree(static_cast<graph::Vertex>(t))};
            if (!best || key > best_key) {
                best = t;
                best_key = key;
            }
        }
        if (!best) {
            return std::nullopt;
        }
        return std::make_pair(*best, std::get<0>(best_key) == 2);
    }

    std::vector<Candidate> candidates() {
        std::vector<Candidate> out;
        const std::size_t n = working_.map.actors.size();
        switch (options_.goal) {
        case Goal::reach: {
            std::vector<std::size_t> targets;
            for (std::size_t v = 0; v < n; ++v) {
                if (to_[v]) {
                    targets.push_back(v);
                }
            }
            for (std::size_t x = 0; x < n; ++x) {
                options_.control.check(); // O(n) per source: O(n²) in all
                const bool source_ok =
                    options_.candidates == Candidates::any ? !to_[x] : (from_[x] && !to_[x]);
                if (!source_ok) {
                    continue;
                }
                if (const auto target = pick(x, targets)) {
                    out.push_back({x, target->first, reach_gain(x), links_, target->second});
                }
            }
            break;
        }
        case Goal::connect: {
            const auto labels = connected_components(working_.graph);
            std::map<std::size_t, std::vector<std::size_t>> members;
            for (std::size_t v = 0; v < n; ++v) {
                members[labels[v]].push_back(v);
            }
            std::size_t largest = labels.empty() ? 0 : labels[0];
            for (const auto& [label, list] : members) {
                if (list.size() > members[largest].size()) {
                    largest = label;
                }
            }
            const auto& main = members[largest];
            std::vector<std::size_t> main_targets;
            for (std::size_t v : main) {
                if (to_[v]) {
                    main_targets.push_back(v);
                }
            }
            for (const auto& [label, list] : members) {
                options_.control.check();
                if (label == largest) {
                    continue;
                }
                // The member with most ties speaks for its component.
                std::size_t x = list.front();
                for (std::size_t v : list) {
                    if (working_.graph.undirected.degree(static_cast<graph::Vertex>(v)) >
                        working_.graph.undirected.degree(static_cast<graph::Vertex>(x))) {
                        x = v;
                    }
                }
                auto target = pick(x, main_targets.empty() ? main : main_targets);
                if (!target && options_.candidates == Candidates::plausible) {
                    target = pick(x, main); // no institution shares the area: anyone who does
                }
                if (target) {
                    out.push_back({x, target->first, static_cast<double>(list.size()), links_,
                                   target->second});
                }
            }
            break;
        }
        case Goal::resilience: {
            const Separations found = separations(working_.graph);
            for (std::size_t c = 0; c < n && out.size() < max_candidates; ++c) {
                options_.control.check();
                if (found.separated[c].empty()) {
                    continue;
                }
                // Join a cut-off child to another neighbour of c outside its subtree.
                for (graph::Vertex child : found.separated[c]) {
                    std::vector<std::size_t> others;
                    for (graph::Vertex w :
                         working_.graph.undirected.neighbours_of(static_cast<graph::Vertex>(c))) {
                        const bool inside = found.position[w] >= found.position[child] &&
                                            found.position[w] < found.subtree_end[child];
                        if (!inside) {
                            others.push_back(w);
                        }
                    }
                    if (const auto target = pick(child, others)) {
                        Candidate candidate{std::min<std::size_t>(child, target->first),
                                            std::max<std::size_t>(child, target->first), 0.0, 1,
                                            target->second};
                        out.push_back(candidate);
                    }
                    if (out.size() >= max_candidates) {
                        break;
                    }
                }
            }
            break;
        }
        case Goal::coverage: {
            const auto result =
                coverage(working_.map, vocabulary_, working_.graph, options_.coverage);
            for (std::size_t a : result.ranking) {
                options_.control.check();
                const auto& area = result.areas[a];
                if (area.community_actors.empty()) {
                    continue;
                }
                if (out.size() >= max_candidates) {
                    break;
                }
                for (const auto& cell : area.cells) {
                    if (!cell.needed || cell.state == ServiceState::present) {
                        continue;
                    }
                    std::vector<std::size_t> providers = cell.providers;
                    if (providers.empty()) {
                        for (std::size_t v = 0; v < n; ++v) {
                            const auto& services = working_.map.actors[v].services;
                            if (std::find(services.begin(), services.end(), cell.service) !=
                                services.end()) {
                                providers.push_back(v);
                            }
                        }
                    }
                    const std::size_t community = area.community_actors.front();
                    if (const auto target = pick(community, providers)) {
                        out.push_back({community, target->first, 0.0, 1, target->second});
                    }
                    if (out.size() >= max_candidates) {
                        break;
                    }
                }
            }
            break;
        }
        }
        if (options_.goal == Goal::resilience || options_.goal == Goal::coverage) {
            // These goals have no cheap estimate: measure every candidate now.
            for (auto& candidate : out) {
                candidate.gain = gain(candidate);
                candidate.round = links_;
            }
        }
        return out;
    }

    const model::Vocabulary& vocabulary_;
    const SuggestOptions& options_;
    Working working_;
    std::vector<bool> from_;
    std::vector<bool> to_;
    std::vector<Place> places_;
    std::vector<bool> access_point_;
    std::size_t links_ = 0; ///< links added so far: the round candidates are evaluated in
    std::vector<std::size_t> unreached_;
    std::size_t unreached_round_ = std::numeric_limits<std::size_t>::max();
    double objective_ = 0.0;
    std::size_t objective_round_ = std::numeric_limits<std::size_t>::max();
};

} // namespace

std::vector<LinkScores> link_prediction(const graph::AnalysisGraph& graph,
                                        const RunControl& control) {
    const std::size_t n = graph.vertex_count;
    const auto& adjacency = graph.undirected;
    std::vector<LinkScores> out;
    std::vector<LinkScores> slot(n);
    std::vector<bool> touched(n, false);
    std::vector<bool> neighbour(n, false);
    std::vector<std::size_t> list;
    for (std::size_t u = 0; u < n; ++u) {
        control.check(); // O(Σ deg²) in all
        const auto vu = static_cast<graph::Vertex>(u);
        for (graph::Vertex w : adjacency.neighbours_of(vu)) {
            neighbour[w] = true;
        }
        list.clear();
        for (graph::Vertex w : adjacency.neighbours_of(vu)) {
            const double degree = static_cast<double>(adjacency.degree(w));
            for (graph::Vertex v : adjacency.neighbours_of(w)) {
                if (v <= u || neighbour[v]) {
                    continue;
                }
                if (!touched[v]) {
                    touched[v] = true;
                    slot[v] = {u, v, 0, 0.0, 0.0, 0.0};
                    list.push_back(v);
                }
                ++slot[v].common_neighbours;
                slot[v].adamic_adar += 1.0 / std::log(degree);
                slot[v].resource_allocation += 1.0 / degree;
            }
        }
        std::sort(list.begin(), list.end());
        for (std::size_t v : list) {
            LinkScores scores = slot[v];
            const double union_size =
                static_cast<double>(adjacency.degree(vu)) +
                static_cast<double>(adjacency.degree(static_cast<graph::Vertex>(v))) -
                static_cast<double>(scores.common_neighbours);
            scores.jaccard = static_cast<double>(scores.common_neighbours) / union_size;
            out.push_back(scores);
            touched[v] = false;
        }
        for (graph::Vertex w : adjacency.neighbours_of(vu)) {
            neighbour[w] = false;
        }
    }
    return out;
}

double goal_objective(const model::Map& map, const model::Vocabulary& vocabulary,
                      const SuggestOptions& options) {
    return objective_on(map, graph::build(map, options.build), vocabulary,
                        with_one_control(options));
}

SuggestResult suggest(const model::Map& map, const model::Vocabulary& vocabulary,
                      const SuggestOptions& options) {
    const SuggestOptions settings = with_one_control(options);
    return Greedy(map, vocabulary, settings).run();
}

std::vector<Goal> goals_that_gain(const model::Map& map, const model::Vocabulary& vocabulary,
                                  const SuggestOptions& options) {
    std::vector<Goal> out;
    for (Goal goal : all_goals()) {
        if (goal == options.goal) {
            continue;
        }
        options.control.check();
        SuggestOptions other = options;
        other.goal = goal;
        other.k = 1;
        if (!suggest(map, vocabulary, other).links.empty()) {
            out.push_back(goal);
        }
    }
    return out;
}

const std::vector<Goal>& all_goals() {
    static const std::vector<Goal> goals{Goal::reach, Goal::connect, Goal::resilience,
                                         Goal::coverage};
    return goals;
}

const char* goal_id(Goal goal) {
    switch (goal) {
    case Goal::reach:
        return "reach";
    case Goal::connect:
        return "connect";
    case Goal::resilience:
        return "resilience";
    case Goal::coverage:
        return "coverage";
    }
    return "reach";
}

std::optional<Goal> goal_from_id(const std::string& id) {
    for (Goal goal : all_goals()) {
        if (id == goal_id(goal)) {
            return goal;
        }
    }
    return std::nullopt;
}

} // namespace stakemap::analysis
