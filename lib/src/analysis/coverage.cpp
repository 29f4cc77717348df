#include "stakemap/analysis/coverage.hpp"
#include "stakemap/error.hpp"

#include "stakemap/analysis/structure.hpp"
#include "stakemap/model/area_tree.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>

namespace stakemap::analysis {

namespace {

constexpr std::size_t not_reached = Reach::unreached;

/// Areas an actor serves as written (its `serves`, else its own area); empty for "*".
std::vector<std::size_t> named_areas(const model::Map& map, const model::Actor& actor) {
    std::vector<std::size_t> out;
    if (actor.serves) {
        for (const auto& id : *actor.serves) {
            if (const auto index = map.area_index(id)) {
                out.push_back(*index);
            }
        }
    } else if (actor.area) {
        if (const auto index = map.area_index(*actor.area)) {
            out.push_back(*index);
        }
    }
    return out;
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

/// The matrix columns: services offered by an actor or needed by an area, in vocabulary order,
/// then ids the vocabulary does not know, sorted. `wanted` (when not empty) restricts them.
std::vector<std::string> matrix_services(const model::Map& map, const model::Vocabulary& vocabulary,
                                         const std::vector<std::string>& wanted) {
    std::set<std::string> used;
    for (const auto& actor : map.actors) {
        used.insert(actor.services.begin(), actor.services.end());
    }
    for (const auto& need : map.needs) {
        used.insert(need.service);
    }
    std::vector<std::string> out;
    for (const auto& term : vocabulary.services) {
        if (used.erase(term.id) != 0 || contains(wanted, term.id)) {
            out.push_back(term.id);
        }
    }
    out.insert(out.end(), used.begin(), used.end());
    if (!wanted.empty()) {
        std::vector<std::string> kept;
        for (const auto& id : out) {
            if (contains(wanted, id)) {
                kept.push_back(id);
            }
        }
        return kept;
    }
    return out;
}

/// The nearest actor offering a service: (steps, actor index), compared in that order.
struct Nearest {
    std::size_t steps = not_reached;
    std::size_t actor = not_reached;
    bool operator<(const Nearest& other) const {
        return steps != other.steps ? steps < other.steps : actor < other.actor;
    }
};

/// What an area's community actors reach of one service: the nearest actor offering it among the
/// area's providers and anywhere, and which community actors reach one (map order).
struct ServiceReach {
    Nearest provider;
    Nearest anywhere;
    std::vector<std::size_t> provider_by;
    std::vector<std::size_t> anywhere_by;
};

struct Context {
    const model::Map& map;
    const model::Vocabulary& vocabulary;
    const graph::AnalysisGraph& graph;
    const CoverageOptions& options;
    model::AreaTree tree;
    std::vector<std::string> services;
    std::vector<bool> access_point;
    std::vector<bool> community;
    /// Per actor: the matrix services it offers (indices into `services`).
    std::vector<std::vector<std::size_t>> offers;
    /// Per language code: how many actors on the map speak it.
    std::map<std::string, std::size_t> speakers;
    /// Scratch space of the bounded searches, reset after each.
    std::vector<std::size_t> steps;
    std::vector<graph::Vertex> queue;
    std::vector<bool> is_provider;

    /// Reach judged for each community actor of the area: a search of U bounded by `within`
    /// from each of them. O(Σ edges within `within` steps of each community actor).
    std::vector<ServiceReach> reach_of(const AreaCoverage& area) {
        std::vector<ServiceReach> out(services.size());
        for (std::size_t actor : area.providers) {
            is_provider[actor] = true;
        }
        for (std::size_t source : area.community_actors) {
            options.control.check();
            queue.clear();
            steps[source] = 0;
            queue.push_back(static_cast<graph::Vertex>(source));
            for (std::size_t head = 0; head < queue.size(); ++head) {
                const graph::Vertex v = queue[head];
                const Nearest here{steps[v], v};
                for (std::size_t s : offers[v]) {
                    ServiceReach& reach = out[s];
                    reach.anywhere = std::min(reach.anywhere, here);
                    if (reach.anywhere_by.empty() || reach.anywhere_by.back() != source) {
                        reach.anywhere_by.push_back(source);
                    }
                    if (is_provider[v]) {
                        reach.provider = std::min(reach.provider, here);
                        if (reach.provider_by.empty() || reach.provider_by.back() != source) {
                            reach.provider_by.push_back(source);
                        }
                    }
                }
                if (steps[v] >= options.within) {
                    continue;
                }
                for (graph::Vertex w : graph.undirected.neighbours_of(v)) {
                    if (steps[w] == not_reached) {
                        steps[w] = steps[v] + 1;
                        queue.push_back(w);
                    }
                }
            }
            for (graph::Vertex v : queue) {
                steps[v] = not_reached;
            }
        }
        for (std::size_t actor : area.providers) {
            is_provider[actor] = false;
        }
        return out;
    }
};

void assess_services(Context& context, AreaCoverage& area,
                     const std::vector<std::size_t>& local_actors) {
    const model::Map& map = context.map;
    const std::string& area_id = map.areas[area.area].id;
    const std::vector<ServiceReach> reach = context.reach_of(area);

    std::map<std::string, const model::Need*> needs;
    for (const auto& need : map.needs) {
        if (need.area == area_id) {
            needs.emplace(need.service, &need);
        }
    }
    for (std::size_t s = 0; s < context.services.size(); ++s) {
        ServiceCell cell;
        cell.service = context.services[s];
        for (std::size_t actor : area.providers) {
            if (contains(map.actors[actor].services, cell.service)) {
                cell.providers.push_back(actor);
                cell.local = cell.local ||
                             std::binary_search(local_actors.begin(), local_actors.end(), actor);
            }
        }
        // Offered to the area: reach means reaching one of its providers; otherwise, reaching
        // an actor offering it anywhere.
        const bool offered = !cell.providers.empty();
        const Nearest& nearest = offered ? reach[s].provider : reach[s].anywhere;
        cell.reached_by = offered ? reach[s].provider_by : reach[s].anywhere_by;
        cell.reached_elsewhere =
            offered && nearest.steps == not_reached && reach[s].anywhere.steps != not_reached;
        if (nearest.steps != not_reached) {
            cell.steps = nearest.steps;
            cell.reached = nearest.actor;
        }
        const auto need = needs.find(cell.service);
        cell.needed = need != needs.end();
        if (cell.needed) {
            cell.demand = need->second->demand;
        }
        if (offered) {
            cell.state = cell.steps ? ServiceState::present : ServiceState::unconnected;
        } else if (cell.steps) {
            cell.state = ServiceState::reachable;
        } else {
            cell.state = cell.needed ? ServiceState::needed_missing : ServiceState::missing;
        }
        for (std::size_t actor : cell.providers) {
            if (map.actors[actor].capacity) {
                cell.supply += *map.actors[actor].capacity;
            } else {
                ++cell.providers_without_capacity;
            }
        }
        if (cell.needed) {
            for (const auto& language : need->second->languages) {
                if (contains(cell.need_languages, language)) {
                    continue;
                }
                cell.need_languages.push_back(language);
                const bool spoken =
                    std::any_of(cell.providers.begin(), cell.providers.end(), [&](std::size_t a) {
                        return contains(map.actors[a].languages, language);
                    });
                if (!spoken) {
                    cell.unspoken_languages.push_back(language);
                }
            }
        }
        area.cells.push_back(std::move(cell));
    }
}

void assess_languages(const Context& context, AreaCoverage& area) {
    const model::Map& map = context.map;
    const model::Area& source = map.areas[area.area];
    std::vector<std::size_t> serving_points = area.access_points;
    serving_points.insert(serving_points.end(), area.wider_access_points.begin(),
                          area.wider_access_points.end());
    std::sort(serving_points.begin(), serving_points.end());
    const double residents = area.foreign_residents.value_or(0.0);
    for (const auto& [language, share] : source.languages) {
        LanguageFigure figure;
        figure.language = language;
        figure.share = share;
        figure.people = share * residents;
        for (std::size_t actor : serving_points) {
            if (contains(map.actors[actor].languages, language)) {
                figure.access_points.push_back(actor);
            }
        }
        const auto speakers = context.speakers.find(language);
        figure.speakers_elsewhere = (speakers == context.speakers.end() ? 0 : speakers->second) -
                                    figure.access_points.size();
        area.people_with_language += figure.people;
        if (!figure.access_points.empty()) {
            area.people_covered += figure.people;
        }
        area.languages.push_back(std::move(figure));
    }
    std::stable_sort(area.languages.begin(), area.languages.end(),
                     [](const LanguageFigure& a, const LanguageFigure& b) {
                         if (a.people != b.people) {
                             return a.people > b.people;
                         }
                         return a.share > b.share;
                     });
    if (source.languages.empty()) {
        area.data_gaps.push_back({DataGapKind::no_language_shares, "", 0});
    } else if (!area.foreign_residents || *area.foreign_residents == 0.0) {
        // Shares alone still say which part of the residents is covered.
        double recorded = 0.0;
        double covered = 0.0;
        for (const auto& figure : area.languages) {
            recorded += figure.share;
            covered += figure.access_points.empty() ? 0.0 : figure.share;
        }
        if (recorded > 0.0) {
            area.language_share = covered / recorded;
        }
    } else if (area.people_with_language > 0.0) {
        area.language_share = area.people_covered / area.people_with_language;
    }
}

/// Reach of one need: 1 when a community actor of the area is within K steps of a provider
/// serving the area, ½ when only of an actor offering it elsewhere, 0 otherwise. Removing a
/// provider can turn 1 into ½ (reached elsewhere) or 0, never the other way.
double reach_credit(const ServiceCell& cell) {
    if (!cell.providers.empty()) {
        return cell.steps ? 1.0 : cell.reached_elsewhere ? 0.5 : 0.0;
    }
    return cell.steps ? 0.5 : 0.0;
}

/// A mean of per-need values in [0, 1] with fixed weights; none when no need takes part.
class WeightedMean {
public:
    void add(double weight, double value) {
        weight_sum_ += weight;
        value_sum_ += weight * value;
        values_.push_back(value);
    }
    /// Weighted when the weights sum above 0, else (every weight 0) a plain mean.
    std::optional<double> value() const {
        if (values_.empty()) {
            return std::nullopt;
        }
        if (weight_sum_ > 0.0) {
            return value_sum_ / weight_sum_;
        }
        double sum = 0.0;
        for (double v : values_) {
            sum += v;
        }
        return sum / static_cast<double>(values_.size());
    }

private:
    double weight_sum_ = 0.0;
    double value_sum_ = 0.0;
    std::vector<double> values_;
};

// Every part below is monotone: its data condition depends only on the area and its needs (never
// on actors or relations), and its value can only fall when an actor or a relation is removed —
// fewer providers, access points, speakers, stated capacity, community actors, and longer paths.
// The weighted mean of such parts can only fall too (docs/coverage.md, "Why the score never
// rises").
void score_area(const Context& context, AreaCoverage& area) {
    auto& parts = area.parts;
    auto set = [&](ScorePart part, std::optional<double> value) {
        parts[static_cast<std::size_t>(part)] = value;
    };

    // The needs: weighted by demand when every need of the area states one, else equally.
    bool every_demand = true;
    std::size_t needed = 0;
    for (const auto& cell : area.cells) {
        if (cell.needed) {
            ++needed;
            every_demand = every_demand && cell.demand.has_value();
        }
    }
    WeightedMean services;
    WeightedMean reach;
    WeightedMean languages;
    double demand_sum = 0.0;
    double met_sum = 0.0;
    for (const auto& cell : area.cells) {
        if (!cell.needed) {
            continue;
        }
        const double weight = every_demand ? *cell.demand : 1.0;
        services.add(weight, cell.providers.empty() ? 0.0 : 1.0);
        reach.add(weight, reach_credit(cell));
        if (!cell.need_languages.empty()) {
            const auto asked = static_cast<double>(cell.need_languages.size());
            const auto spoken = asked - static_cast<double>(cell.unspoken_languages.size());
            languages.add(weight, spoken / asked);
        }
        if (!cell.demand) {
            area.data_gaps.push_back({DataGapKind::demand_unknown, cell.service, 0});
        } else if (*cell.demand > 0.0) {
            // Only stated capacity counts: a provider without one adds nothing (flagged).
            demand_sum += *cell.demand;
            met_sum += std::min(*cell.demand, cell.supply);
            if (cell.providers_without_capacity > 0) {
                area.data_gaps.push_back(
                    {DataGapKind::capacity_unknown, cell.service, cell.providers_without_capacity});
            }
        }
    }
    if (needed == 0) {
        area.data_gaps.push_back({DataGapKind::no_needs, "", 0});
    } else {
        set(ScorePart::services, services.value());
        set(ScorePart::reach, reach.value());
        set(ScorePart::need_languages, languages.value());
        if (!languages.value()) {
            area.data_gaps.push_back({DataGapKind::no_need_languages, "", 0});
        }
        if (demand_sum > 0.0) {
            set(ScorePart::supply, met_sum / demand_sum);
        } else {
            area.data_gaps.push_back({DataGapKind::no_demand, "", 0});
        }
    }

    const std::size_t target = context.options.access_target;
    set(ScorePart::access, target == 0
                               ? 1.0
                               : std::min(1.0, static_cast<double>(area.access_points.size()) /
                                                   static_cast<double>(target)));
    set(ScorePart::languages, area.language_share);

    const CoverageWeights& weights = context.options.weights;
    double total = 0.0;
    double sum = 0.0;
    for (ScorePart part : score_parts) {
        const auto& value = parts[static_cast<std::size_t>(part)];
        if (value && weights[part] > 0.0) {
            total += weights[part];
            sum += weights[part] * *value;
        }
    }
    if (total > 0.0) {
        area.score = std::clamp(sum / total, 0.0, 1.0);
        area.gap = 1.0 - *area.score;
        if (area.foreign_residents) {
            area.priority = *area.gap * *area.foreign_residents;
        }
    }
}

void roll_up(const Context& context, std::vector<AreaCoverage>& areas) {
    const std::size_t service_count = context.services.size();
    for (auto& area : areas) {
        if (area.sub_areas.empty()) {
            continue;
        }
        Rollup rollup;
        rollup.leaves = context.tree.leaves(area.area); // not area.area itself: it has sub-areas
        rollup.state_counts.assign(service_count, std::vector<std::size_t>(5, 0));
        rollup.demand.assign(service_count, std::nullopt);
        std::set<std::size_t> points;
        std::map<std::string, double> uncovered;
        for (std::size_t leaf : rollup.leaves) {
            const AreaCoverage& figures = areas[leaf];
            if (figures.foreign_residents) {
                rollup.foreign_residents += *figures.foreign_residents;
            } else {
                ++rollup.leaves_without_residents;
            }
            points.insert(figures.access_points.begin(), figures.access_points.end());
            if (figures.access_points.size() < context.options.access_target) {
                rollup.leaves_below_target.push_back(leaf);
            }
            for (const auto& language : figures.languages) {
                if (language.access_points.empty() && language.people > 0.0) {
                    uncovered[language.language] += language.people;
                }
            }
            rollup.people_with_language += figures.people_with_language;
            rollup.people_covered += figures.people_covered;
            for (std::size_t s = 0; s < service_count; ++s) {
                const ServiceCell& cell = figures.cells[s];
                ++rollup.state_counts[s][static_cast<std::size_t>(cell.state)];
                if (cell.demand) {
                    rollup.demand[s] = rollup.demand[s].value_or(0.0) + *cell.demand;
                }
            }
        }
        // Leaves without a score have no data in any part: they drop out, as parts do.
        const bool equal_weights = rollup.leaves_without_residents > 0;
        WeightedMean mean;
        for (std::size_t leaf : rollup.leaves) {
            if (areas[leaf].score) {
                mean.add(equal_weights ? 1.0 : areas[leaf].foreign_residents.value_or(0.0),
                         *areas[leaf].score);
            }
        }
        rollup.score = mean.value();
        if (rollup.people_with_language > 0.0) {
            rollup.language_share = rollup.people_covered / rollup.people_with_language;
        }
        rollup.access_points.assign(points.begin(), points.end());
        rollup.uncovered_people.assign(uncovered.begin(), uncovered.end());
        std::stable_sort(rollup.uncovered_people.begin(), rollup.uncovered_people.end(),
                         [](const auto& x, const auto& y) { return x.second > y.second; });
        if (equal_weights) {
            area.data_gaps.push_back(
                {DataGapKind::sub_area_residents, "", rollup.leaves_without_residents});
        }
        area.rollup = std::move(rollup);
    }
}

} // namespace

const char* state_id(ServiceState state) {
    switch (state) {
    case ServiceState::present:
        return "present";
    case ServiceState::unconnected:
        return "unconnected";
    case ServiceState::reachable:
        return "reachable";
    case ServiceState::missing:
        return "missing";
    case ServiceState::needed_missing:
        return "needed_missing";
    }
    return "missing";
}

const char* part_id(ScorePart part) {
    switch (part) {
    case ScorePart::services:
        return "services";
    case ScorePart::reach:
        return "reach";
    case ScorePart::access:
        return "access";
    case ScorePart::languages:
        return "languages";
    case ScorePart::need_languages:
        return "need_languages";
    case ScorePart::supply:
        return "supply";
    }
    return "";
}

std::optional<ScorePart> part_from_id(std::string_view id) {
    for (ScorePart part : score_parts) {
        if (id == part_id(part)) {
            return part;
        }
    }
    return std::nullopt;
}

double& CoverageWeights::operator[](ScorePart part) {
    switch (part) {
    case ScorePart::services:
        return services;
    case ScorePart::reach:
        return reach;
    case ScorePart::access:
        return access;
    case ScorePart::languages:
        return languages;
    case ScorePart::need_languages:
        return need_languages;
    case ScorePart::supply:
        return supply;
    }
    return services;
}

double CoverageWeights::operator[](ScorePart part) const {
    return const_cast<CoverageWeights&>(*this)[part];
}

std::vector<std::vector<std::size_t>> served_areas(const model::Map& map) {
    const model::AreaTree tree(map);
    const std::size_t area_count = map.areas.size();
    // Each area with the areas below it (itself included), so that an actor naming an area is
    // given all of them at once.
    std::vector<std::vector<std::size_t>> below(area_count);
    for (std::size_t a = 0; a < area_count; ++a) {
        below[a] = tree.areas_within(a);
    }
    std::vector<std::vector<std::size_t>> served(map.actors.size());
    for (std::size_t actor = 0; actor < map.actors.size(); ++actor) {
        auto& list = served[actor];
        if (map.actors[actor].serves_all) {
            for (std::size_t a = 0; a < area_count; ++a) {
                list.push_back(a);
            }
            continue;
        }
        for (std::size_t named : named_areas(map, map.actors[actor])) {
            list.insert(list.end(), below[named].begin(), below[named].end());
        }
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
    }
    return served;
}

bool serves_area(const model::Map& map, const model::Actor& actor, std::size_t area) {
    if (actor.serves_all) {
        return true;
    }
    const model::AreaTree tree(map);
    for (std::size_t named : named_areas(map, actor)) {
        if (tree.within(area, named)) {
            return true;
        }
    }
    return false;
}

CoverageResult coverage(const model::Map& map, const model::Vocabulary& vocabulary,
                        const graph::AnalysisGraph& graph, const CoverageOptions& options) {
    double weight_sum = 0.0;
    for (ScorePart part : score_parts) {
        const double weight = options.weights[part];
        if (!(weight >= 0.0) || !std::isfinite(weight)) {
            throw UsageError("coverage weights must be finite and not negative");
        }
        weight_sum += weight;
    }
    if (weight_sum <= 0.0) {
        throw UsageError("at least one coverage weight must be above 0");
    }
    if (graph.vertex_count != map.actors.size()) {
        throw UsageError("the analysis graph was not built from this map");
    }

    Context context{map, vocabulary, graph, options, model::AreaTree(map), {}, {}, {}, {},
                    {},  {},         {},    {}};
    context.services = matrix_services(map, vocabulary, options.services);
    std::map<std::string, std::size_t, std::less<>> column;
    for (std::size_t s = 0; s < context.services.size(); ++s) {
        column.emplace(context.services[s], s);
    }
    context.offers.resize(map.actors.size());
    context.steps.assign(map.actors.size(), not_reached);
    context.is_provider.assign(map.actors.size(), false);
    for (std::size_t actor = 0; actor < map.actors.size(); ++actor) {
        const model::Actor& source = map.actors[actor];
        context.access_point.push_back(model::is_access_point(source, vocabulary));
        context.community.push_back(model::sector_of(source, vocabulary) == "community");
        const std::set<std::string> spoken(source.languages.begin(), source.languages.end());
        for (const auto& language : spoken) {
            ++context.speakers[language];
        }
        for (const auto& service : source.services) {
            const auto found = column.find(service);
            if (found != column.end() && !std::count(context.offers[actor].begin(),
                                                     context.offers[actor].end(), found->second)) {
                context.offers[actor].push_back(found->second);
            }
        }
    }

    // Per area: its providers in map order, and which of them are local (located in it or
    // naming it).
    const std::size_t area_count = map.areas.size();
    const auto served = served_areas(map);
    std::vector<std::vector<std::size_t>> providers(area_count);
    std::vector<std::vector<std::size_t>> local_actors(area_count);
    for (std::size_t actor = 0; actor < map.actors.size(); ++actor) {
        const model::Actor& candidate = map.actors[actor];
        for (std::size_t a : served[actor]) {
            providers[a].push_back(actor);
        }
        std::vector<std::size_t> here = named_areas(map, candidate);
        if (candidate.area) {
            if (const auto located = map.area_index(*candidate.area)) {
                here.push_back(*located);
            }
        }
        for (std::size_t a : here) {
            // Local only where it also serves (an actor may sit in one area and serve another).
            if (!providers[a].empty() && providers[a].back() == actor &&
                (local_actors[a].empty() || local_actors[a].back() != actor)) {
                local_actors[a].push_back(actor);
            }
        }
    }

    CoverageResult result;
    result.options = options;
    result.services = context.services;
    result.areas.resize(area_count);
    for (std::size_t a = 0; a < area_count; ++a) {
        options.control.check();
        AreaCoverage& area = result.areas[a];
        area.area = a;
        const model::Area& source = map.areas[a];
        if (source.foreign_residents) {
            area.foreign_residents = static_cast<double>(*source.foreign_residents);
        } else {
            area.data_gaps.push_back({DataGapKind::no_foreign_residents, "", 0});
        }
        area.sub_areas = context.tree.children(a);
        area.depth = context.tree.depth(a);
        area.providers = std::move(providers[a]);
        for (std::size_t actor : area.providers) {
            if (context.community[actor]) {
                area.community_actors.push_back(actor);
            }
            if (context.access_point[actor]) {
                const bool local =
                    std::binary_search(local_actors[a].begin(), local_actors[a].end(), actor);
                (local ? area.access_points : area.wider_access_points).push_back(actor);
            }
        }
        assess_services(context, area, local_actors[a]);
        assess_languages(context, area);
        score_area(context, area);
    }
    roll_up(context, result.areas);

    for (std::size_t a = 0; a < area_count; ++a) {
        if (result.areas[a].sub_areas.empty()) {
            result.ranking.push_back(a);
        }
    }
    // By priority; then, without a priority, by gap; without a score, last.
    auto rank_class = [](const AreaCoverage& area) {
        return area.priority ? 0 : area.gap ? 1 : 2;
    };
    std::stable_sort(result.ranking.begin(), result.ranking.end(),
                     [&](std::size_t x, std::size_t y) {
                         const AreaCoverage& a = result.areas[x];
                         const AreaCoverage& b = result.areas[y];
                         if (rank_class(a) != rank_class(b)) {
                             return rank_class(a) < rank_class(b);
                         }
                         if (a.priority && *a.priority != *b.priority) {
                             return *a.priority > *b.priority;
                         }
                         return a.gap && *a.gap > *b.gap;
                     });
    return result;
}

} // namespace stakemap::analysis
