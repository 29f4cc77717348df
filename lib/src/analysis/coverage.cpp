#include "stakemap/analysis/coverage.hpp"

#include "stakemap/analysis/structure.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>

namespace stakemap::analysis {

namespace {

constexpr std::size_t not_reached = Reach::unreached;

/// Parent index of every area (npos for top-level areas); the reader has refused cycles.
std::vector<std::size_t> area_parents(const model::Map& map) {
    std::vector<std::size_t> parent(map.areas.size(), std::string::npos);
    for (std::size_t a = 0; a < map.areas.size(); ++a) {
        if (map.areas[a].parent) {
            if (const auto index = map.area_index(*map.areas[a].parent)) {
                parent[a] = *index;
            }
        }
    }
    return parent;
}

/// Whether `area` is `ancestor` or lies below it.
bool within_area(const std::vector<std::size_t>& parent, std::size_t area, std::size_t ancestor) {
    for (std::size_t guard = 0; area != std::string::npos && guard <= parent.size(); ++guard) {
        if (area == ancestor) {
            return true;
        }
        area = parent[area];
    }
    return false;
}

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

double credit(ServiceState state) {
    switch (state) {
    case ServiceState::present:
        return 1.0;
    case ServiceState::unconnected:
    case ServiceState::reachable:
        return 0.5;
    case ServiceState::missing:
    case ServiceState::needed_missing:
        return 0.0;
    }
    return 0.0;
}

struct Context {
    const model::Map& map;
    const model::Vocabulary& vocabulary;
    const graph::AnalysisGraph& graph;
    const CoverageOptions& options;
    std::vector<std::size_t> parent;
    std::vector<std::string> services;
    std::vector<bool> access_point;
    std::vector<bool> community;
    /// Per language code: how many actors on the map speak it.
    std::map<std::string, std::size_t> speakers;
};

void assess_services(const Context& context, AreaCoverage& area,
                     const std::vector<std::size_t>& local_actors) {
    const model::Map& map = context.map;
    const std::string& area_id = map.areas[area.area].id;
    const Reach reach = reach_from(context.graph, area.community_actors, context.options.within);
    const auto& steps = reach.steps;
    const bool has_community = !area.community_actors.empty();

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
        // The nearest actor offering the service (the first in map order at that distance):
        // among the area's providers when there are some, else among the actors reached.
        std::size_t best = not_reached;
        auto consider = [&](std::size_t actor) {
            if (steps[actor] < best ||
                (steps[actor] == best && best != not_reached && actor < *cell.reached)) {
                best = steps[actor];
                cell.reached = actor;
            }
        };
        if (!cell.providers.empty()) {
            for (std::size_t actor : cell.providers) {
                consider(actor);
            }
        } else {
            for (graph::Vertex actor : reach.visited) {
                if (contains(map.actors[actor].services, cell.service)) {
                    consider(actor);
                }
            }
        }
        if (best != not_reached) {
            cell.steps = best;
        }
        const auto need = needs.find(cell.service);
        cell.needed = need != needs.end();
        if (cell.needed) {
            cell.demand = need->second->demand;
        }
        if (!cell.providers.empty()) {
            cell.state =
                (!has_community || cell.steps) ? ServiceState::present : ServiceState::unconnected;
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
        if (cell.needed && !cell.providers.empty()) {
            for (const auto& language : need->second->languages) {
                const bool spoken =
                    std::any_of(cell.providers.begin(), cell.providers.end(), [&](std::size_t a) {
                        return contains(map.actors[a].languages, language);
                    });
                if (!spoken &&
                    std::find(cell.unspoken_languages.begin(), cell.unspoken_languages.end(),
                              language) == cell.unspoken_languages.end()) {
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

void score_area(const Context& context, AreaCoverage& area) {
    // Services: the area's needs, weighted by demand when every need states it.
    double weight_sum = 0.0;
    double credit_sum = 0.0;
    bool every_demand = true;
    std::size_t needed = 0;
    for (const auto& cell : area.cells) {
        if (cell.needed) {
            ++needed;
            every_demand = every_demand && cell.demand.has_value();
        }
    }
    for (const auto& cell : area.cells) {
        if (!cell.needed) {
            continue;
        }
        const double weight = every_demand ? *cell.demand : 1.0;
        weight_sum += weight;
        credit_sum += weight * credit(cell.state);
        if (!cell.demand) {
            area.data_gaps.push_back({DataGapKind::demand_unknown, cell.service, 0});
        }
    }
    if (needed == 0) {
        area.data_gaps.push_back({DataGapKind::no_needs, "", 0});
    } else {
        // Needs whose demand is 0 everywhere weigh nothing; count them equally instead.
        area.services_part = weight_sum > 0.0 ? credit_sum / weight_sum : [&] {
            double sum = 0.0;
            for (const auto& cell : area.cells) {
                sum += cell.needed ? credit(cell.state) : 0.0;
            }
            return sum / static_cast<double>(needed);
        }();
    }

    // Supply: capacity against demand for needs that state a demand and whose supply is known.
    double demand_sum = 0.0;
    double met_sum = 0.0;
    for (const auto& cell : area.cells) {
        if (!cell.needed || !cell.demand) {
            continue;
        }
        if (cell.providers_without_capacity > 0) {
            area.data_gaps.push_back(
                {DataGapKind::capacity_unknown, cell.service, cell.providers_without_capacity});
            if (cell.providers_without_capacity == cell.providers.size()) {
                continue; // no provider states a capacity: supply unknown
            }
        }
        const double demand = *cell.demand;
        demand_sum += demand;
        met_sum += std::min(demand, cell.supply);
    }
    if (demand_sum > 0.0) {
        area.supply_part = met_sum / demand_sum;
    }

    const std::size_t target = context.options.access_target;
    area.access_part = target == 0 ? 1.0
                                   : std::min(1.0, static_cast<double>(area.access_points.size()) /
                                                       static_cast<double>(target));
    area.languages_part = area.language_share;

    const CoverageWeights& w = context.options.weights;
    double total = w.access;
    double sum = w.access * area.access_part;
    auto add = [&](const std::optional<double>& part, double weight) {
        if (part) {
            total += weight;
            sum += weight * *part;
        }
    };
    add(area.services_part, w.services);
    add(area.languages_part, w.languages);
    add(area.supply_part, w.supply);
    area.score = total > 0.0 ? sum / total : 0.0;
    area.gap = 1.0 - area.score;
    if (area.foreign_residents) {
        area.priority = area.gap * *area.foreign_residents;
    }
}

void roll_up(const Context& context, std::vector<AreaCoverage>& areas) {
    const std::size_t service_count = context.services.size();
    for (auto& area : areas) {
        if (area.sub_areas.empty()) {
            continue;
        }
        Rollup rollup;
        for (std::size_t a = 0; a < areas.size(); ++a) {
            if (a != area.area && areas[a].sub_areas.empty() &&
                within_area(context.parent, a, area.area)) {
                rollup.leaves.push_back(a);
            }
        }
        rollup.state_counts.assign(service_count, std::vector<std::size_t>(5, 0));
        rollup.demand.assign(service_count, std::nullopt);
        std::set<std::size_t> points;
        std::map<std::string, double> uncovered;
        double weight_sum = 0.0;
        double score_sum = 0.0;
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
        const bool equal_weights = rollup.leaves_without_residents > 0;
        for (std::size_t leaf : rollup.leaves) {
            const double weight = equal_weights ? 1.0 : areas[leaf].foreign_residents.value_or(0.0);
            weight_sum += weight;
            score_sum += weight * areas[leaf].score;
        }
        if (weight_sum == 0.0 && !rollup.leaves.empty()) {
            // Every leaf has zero foreign residents: a plain mean says the same.
            for (std::size_t leaf : rollup.leaves) {
                score_sum += areas[leaf].score;
            }
            weight_sum = static_cast<double>(rollup.leaves.size());
        }
        rollup.score = weight_sum > 0.0 ? score_sum / weight_sum : 0.0;
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

std::string state_label(ServiceState state, model::Language language) {
    const bool it = language == model::Language::it;
    switch (state) {
    case ServiceState::present:
        return it ? "presente" : "present";
    case ServiceState::unconnected:
        return it ? "presente, nessuna comunità collegata" : "present, no community connected";
    case ServiceState::reachable:
        return it ? "raggiungibile tramite la rete" : "reachable through the network";
    case ServiceState::missing:
        return it ? "assente" : "missing";
    case ServiceState::needed_missing:
        return it ? "necessario ma assente" : "needed but missing";
    }
    return "";
}

std::string state_symbol(ServiceState state, bool local) {
    switch (state) {
    case ServiceState::present:
        return local ? "✔" : "○";
    case ServiceState::unconnected:
        return "◌";
    case ServiceState::reachable:
        return "→";
    case ServiceState::missing:
        return "·";
    case ServiceState::needed_missing:
        return "✘";
    }
    return "";
}

std::vector<std::vector<std::size_t>> served_areas(const model::Map& map) {
    const auto parent = area_parents(map);
    const std::size_t area_count = map.areas.size();
    // Each area with the areas below it (itself included), so that an actor naming an area is
    // given all of them at once.
    std::vector<std::vector<std::size_t>> below(area_count);
    for (std::size_t a = 0; a < area_count; ++a) {
        for (std::size_t p = a, guard = 0; p != std::string::npos && guard <= area_count;
             p = parent[p], ++guard) {
            below[p].push_back(a);
        }
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
    const auto parent = area_parents(map);
    for (std::size_t named : named_areas(map, actor)) {
        if (within_area(parent, area, named)) {
            return true;
        }
    }
    return false;
}

CoverageResult coverage(const model::Map& map, const model::Vocabulary& vocabulary,
                        const graph::AnalysisGraph& graph, const CoverageOptions& options) {
    const CoverageWeights& w = options.weights;
    for (double weight : {w.services, w.access, w.languages, w.supply}) {
        if (!(weight >= 0.0) || !std::isfinite(weight)) {
            throw std::invalid_argument("coverage weights must be finite and not negative");
        }
    }
    if (w.services + w.access + w.languages + w.supply <= 0.0) {
        throw std::invalid_argument("at least one coverage weight must be above 0");
    }
    if (graph.vertex_count != map.actors.size()) {
        throw std::invalid_argument("the analysis graph was not built from this map");
    }

    Context context{map, vocabulary, graph, options, area_parents(map), {}, {}, {}, {}};
    context.services = matrix_services(map, vocabulary, options.services);
    for (std::size_t actor = 0; actor < map.actors.size(); ++actor) {
        const model::Actor& source = map.actors[actor];
        context.access_point.push_back(model::is_access_point(source, vocabulary));
        context.community.push_back(model::sector_of(source, vocabulary) == "community");
        const std::set<std::string> spoken(source.languages.begin(), source.languages.end());
        for (const auto& language : spoken) {
            ++context.speakers[language];
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
        AreaCoverage& area = result.areas[a];
        area.area = a;
        const model::Area& source = map.areas[a];
        if (source.foreign_residents) {
            area.foreign_residents = static_cast<double>(*source.foreign_residents);
        } else {
            area.data_gaps.push_back({DataGapKind::no_foreign_residents, "", 0});
        }
        for (std::size_t b = 0; b < area_count; ++b) {
            if (context.parent[b] == a) {
                area.sub_areas.push_back(b);
            }
        }
        for (std::size_t p = context.parent[a]; p != std::string::npos && area.depth < area_count;
             p = context.parent[p]) {
            ++area.depth;
        }
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
        if (area.community_actors.empty()) {
            area.data_gaps.push_back({DataGapKind::no_community_actors, "", 0});
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
    std::stable_sort(result.ranking.begin(), result.ranking.end(),
                     [&](std::size_t x, std::size_t y) {
                         const AreaCoverage& a = result.areas[x];
                         const AreaCoverage& b = result.areas[y];
                         if (a.priority.has_value() != b.priority.has_value()) {
                             return a.priority.has_value();
                         }
                         if (a.priority && *a.priority != *b.priority) {
                             return *a.priority > *b.priority;
                         }
                         return a.gap > b.gap;
                     });
    return result;
}

} // namespace stakemap::analysis
