#include "stakemap/analysis/assess.hpp"

#include "stakemap/analysis/centrality.hpp"
#include "stakemap/analysis/coverage.hpp"
#include "stakemap/analysis/stats.hpp"
#include "stakemap/analysis/structure.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <utility>

namespace stakemap::analysis {

namespace {

const std::vector<AssessmentMeasure> measures{
    {"level_coverage", MeasureUnit::count},
    {"vertical_linkage", MeasureUnit::share},
    {"sector_diversity", MeasureUnit::index},
    {"cross_sector_ties", MeasureUnit::share},
    {"degree_centralization", MeasureUnit::index},
    {"hub_dependence", MeasureUnit::share},
    {"community_share", MeasureUnit::share},
    {"policy_access", MeasureUnit::share},
    {"voice_gap", MeasureUnit::share},
    {"mediator_bridging", MeasureUnit::share},
    {"data_freshness", MeasureUnit::share},
    {"informant_agreement", MeasureUnit::share},
    {"stability", MeasureUnit::index},
    {"referral_change", MeasureUnit::count},
    {"evaluation_ties", MeasureUnit::count},
    {"area_coverage", MeasureUnit::share},
    {"mainstream_linkage", MeasureUnit::share},
    {"language_coverage", MeasureUnit::share},
    {"access_point_target", MeasureUnit::share},
    {"two_step_reach", MeasureUnit::share},
};

/// The five groups of levels of level_coverage; -1 for a level outside them.
int level_group(const std::optional<std::string>& level) {
    if (!level) {
        return -1;
    }
    if (*level == "neighbourhood" || *level == "district") {
        return 0;
    }
    if (*level == "municipal") {
        return 1;
    }
    if (*level == "intermunicipal") {
        return 2;
    }
    if (*level == "provincial" || *level == "regional") {
        return 3;
    }
    if (*level == "national") {
        return 4;
    }
    return -1;
}

bool has_kind(const model::Actor& actor, std::initializer_list<const char*> kinds) {
    for (const char* kind : kinds) {
        if (actor.kind_id() == kind) {
            return true;
        }
    }
    return false;
}

std::optional<double> share(std::size_t part, std::size_t whole) {
    if (whole == 0) {
        return std::nullopt;
    }
    return static_cast<double>(part) / static_cast<double>(whole);
}

bool is_referral(const model::Map& map, const graph::Edge& edge) {
    for (auto relation : edge.relations) {
        if (map.relations[relation].type.value_or("") == "referral") {
            return true;
        }
    }
    return false;
}

/// Ties of U as pairs of actor ids (smaller id first), for comparing rounds.
std::set<std::pair<std::string, std::string>> id_pairs(const graph::AnalysisGraph& graph) {
    std::set<std::pair<std::string, std::string>> pairs;
    for (const auto& edge : graph.undirected_edges) {
        auto a = graph.ids[edge.source];
        auto b = graph.ids[edge.target];
        if (b < a) {
            std::swap(a, b);
        }
        pairs.emplace(std::move(a), std::move(b));
    }
    return pairs;
}

std::size_t referral_relations(const model::Map& map) {
    return static_cast<std::size_t>(
        std::count_if(map.relations.begin(), map.relations.end(),
                      [](const model::Relation& r) { return r.type.value_or("") == "referral"; }));
}

struct Context {
    const model::Map& map;
    const model::Vocabulary& vocabulary;
    const graph::AnalysisGraph& graph;
    const AssessOptions& options;
    std::vector<std::string> sectors;
    CoverageResult coverage;
    std::vector<std::size_t> leaves; ///< indices into coverage.areas
    std::vector<double> betweenness;
};

std::optional<double> value_of(const std::string& id, Context& c) {
    const auto& map = c.map;
    const auto& graph = c.graph;
    const std::size_t n = map.actors.size();
    if (id == "level_coverage") {
        std::set<int> groups;
        bool any_level = false;
        for (const auto& actor : map.actors) {
            any_level = any_level || actor.level.has_value();
            if (level_group(actor.level) >= 0) {
                groups.insert(level_group(actor.level));
            }
        }
        return any_level ? std::optional<double>(static_cast<double>(groups.size())) : std::nullopt;
    }
    if (id == "vertical_linkage") {
        std::size_t municipal = 0;
        std::size_t linked = 0;
        for (std::size_t v = 0; v < n; ++v) {
            if (map.actors[v].level.value_or("") != "municipal") {
                continue;
            }
            ++municipal;
            for (auto w : graph.undirected.neighbours_of(static_cast<graph::Vertex>(v))) {
                const auto& level = map.actors[w].level;
                if (level && *level != "municipal") {
                    ++linked;
                    break;
                }
            }
        }
        return share(linked, municipal);
    }
    if (id == "sector_diversity") {
        std::map<std::string, std::size_t> counts;
        std::size_t total = 0;
        for (const auto& sector : c.sectors) {
            if (!sector.empty()) {
                ++counts[sector];
                ++total;
            }
        }
        if (total == 0) {
            return std::nullopt;
        }
        double sum = 0.0;
        for (const auto& [sector, count] : counts) {
            const double p = static_cast<double>(count) / static_cast<double>(total);
            sum += p * p;
        }
        return 1.0 - sum;
    }
    if (id == "cross_sector_ties") {
        std::size_t known = 0;
        std::size_t across = 0;
        for (const auto& edge : graph.undirected_edges) {
            const auto& a = c.sectors[edge.source];
            const auto& b = c.sectors[edge.target];
            if (a.empty() || b.empty()) {
                continue;
            }
            ++known;
            across += a != b ? 1U : 0U;
        }
        return share(across, known);
    }
    if (id == "degree_centralization") {
        if (n < 3) {
            return std::nullopt;
        }
        StatsOptions options;
        options.threads = c.options.threads;
        options.control = c.options.control;
        return map_stats(graph, options).degree_centralization;
    }
    if (id == "hub_dependence") {
        // The institution with the highest betweenness (the first in map order among equals);
        // removing it splits its component of U into pieces: the DFS subtrees it alone connects
        // and the rest. Every piece but the largest is cut off.
        std::optional<std::size_t> hub;
        for (std::size_t v = 0; v < n; ++v) {
            if (c.sectors[v] == "institution" && (!hub || c.betweenness[v] > c.betweenness[*hub])) {
                hub = v;
            }
        }
        if (!hub || n < 2) {
            return std::nullopt;
        }
        const Separations parts = separations(graph);
        const std::size_t v = *hub;
        std::size_t rest = parts.component_end[v] - parts.component_begin[v] - 1;
        std::size_t largest = 0;
        std::size_t pieces = 0;
        for (auto child : parts.separated[v]) {
            const std::size_t size = parts.subtree_end[child] - parts.position[child];
            rest -= size;
            pieces += size;
            largest = std::max(largest, size);
        }
        pieces += rest;
        largest = std::max(largest, rest);
        return share(pieces - largest, n - 1);
    }
    if (id == "community_share") {
        const auto community = std::count(c.sectors.begin(), c.sectors.end(), "community");
        return share(static_cast<std::size_t>(community), n);
    }
    if (id == "policy_access") {
        std::vector<std::size_t> sources;
        std::size_t community = 0;
        for (std::size_t v = 0; v < n; ++v) {
            if (has_kind(map.actors[v], {"elected_body", "consulta"})) {
                sources.push_back(v);
            }
            community += c.sectors[v] == "community" ? 1U : 0U;
        }
        if (community == 0) {
            return std::nullopt;
        }
        const Reach reach = reach_from(graph, sources, 2);
        std::size_t close = 0;
        for (std::size_t v = 0; v < n; ++v) {
            close += c.sectors[v] == "community" && reach.reached(v) ? 1U : 0U;
        }
        return share(close, community);
    }
    if (id == "voice_gap") {
        std::size_t scored = 0;
        std::size_t unheard = 0;
        for (std::size_t v = 0; v < n; ++v) {
            const auto& actor = map.actors[v];
            if (c.sectors[v] != "community" || !actor.power || !actor.interest) {
                continue;
            }
            ++scored;
            unheard += *actor.interest >= 4 && *actor.power <= 2 ? 1U : 0U;
        }
        return share(unheard, scored);
    }
    if (id == "mediator_bridging") {
        std::size_t bridges = 0;
        std::size_t bridging = 0;
        for (std::size_t v = 0; v < n; ++v) {
            if (c.sectors[v] != "bridge") {
                continue;
            }
            ++bridges;
            std::set<std::string> others;
            for (auto w : graph.undirected.neighbours_of(static_cast<graph::Vertex>(v))) {
                if (!c.sectors[w].empty() && c.sectors[w] != "bridge") {
                    others.insert(c.sectors[w]);
                }
            }
            bridging += others.size() >= 2 ? 1U : 0U;
        }
        return share(bridging, bridges);
    }
    if (id == "data_freshness") {
        if (!map.date || map.date->size() < 4 || map.relations.empty()) {
            return std::nullopt;
        }
        // Relations in force on the map's date; each is fresh when this round dates it (no
        // `since`), it started within 24 months, or an informant of this round reported it.
        const int year = std::stoi(map.date->substr(0, 4));
        const std::string cutoff = std::to_string(year - 2) + map.date->substr(4);
        std::size_t in_force = 0;
        std::size_t fresh = 0;
        for (const auto& relation : map.relations) {
            if (!model::in_force(relation, *map.date)) {
                continue;
            }
            ++in_force;
            const bool recent =
                !relation.since || *relation.since >= cutoff || !relation.informants.empty();
            fresh += recent ? 1U : 0U;
        }
        return share(fresh, in_force);
    }
    if (id == "informant_agreement") {
        std::size_t with = 0;
        std::size_t agreed = 0;
        // `agreement` is what `merge` writes on each tie of a consensus map.
        for (const auto& relation : map.relations) {
            if (!relation.agreement) {
                continue;
            }
            ++with;
            agreed += *relation.agreement >= 0.5 ? 1U : 0U;
        }
        return share(agreed, with);
    }
    if (id == "stability") {
        if (c.options.previous == nullptr || c.options.previous_graph == nullptr) {
            return std::nullopt;
        }
        const model::Map& previous = *c.options.previous;
        std::set<std::pair<std::string, std::string>> now;
        std::set<std::pair<std::string, std::string>> before;
        for (const auto& pair : id_pairs(graph)) {
            if (previous.actor_index(pair.first) && previous.actor_index(pair.second)) {
                now.insert(pair);
            }
        }
        for (const auto& pair : id_pairs(*c.options.previous_graph)) {
            if (map.actor_index(pair.first) && map.actor_index(pair.second)) {
                before.insert(pair);
            }
        }
        std::size_t kept = 0;
        for (const auto& pair : now) {
            kept += before.count(pair);
        }
        return share(kept, now.size() + before.size() - kept);
    }
    if (id == "referral_change") {
        if (c.options.previous == nullptr) {
            return std::nullopt;
        }
        return static_cast<double>(referral_relations(map)) -
               static_cast<double>(referral_relations(*c.options.previous));
    }
    if (id == "evaluation_ties") {
        std::size_t ties = 0;
        for (const auto& edge : graph.undirected_edges) {
            const auto evaluator = [&](graph::Vertex v) {
                return has_kind(map.actors[v], {"university", "region", "observatory"});
            };
            ties += evaluator(edge.source) || evaluator(edge.target) ? 1U : 0U;
        }
        return static_cast<double>(ties);
    }
    if (id == "area_coverage" || id == "access_point_target") {
        std::size_t good = 0;
        for (auto a : c.leaves) {
            const auto& area = c.coverage.areas[a];
            const bool enough =
                id == "area_coverage"
                    ? (!area.access_points.empty() || !area.wider_access_points.empty())
                    : area.access_points.size() >= c.options.access_target;
            good += enough ? 1U : 0U;
        }
        return share(good, c.leaves.size());
    }
    if (id == "mainstream_linkage") {
        const auto specialised = [&](std::size_t v) {
            return has_kind(map.actors[v], {"help_desk", "mediation_service", "cultural_mediator",
                                            "reception_centre"});
        };
        const auto universal = [&](std::size_t v) {
            return has_kind(map.actors[v], {"registry_office", "social_service", "health_service",
                                            "employment_centre", "school"});
        };
        std::vector<bool> linked(n, false);
        for (const auto& edge : graph.undirected_edges) {
            if (!is_referral(map, edge)) {
                continue;
            }
            if (specialised(edge.source) && universal(edge.target)) {
                linked[edge.source] = true;
            }
            if (specialised(edge.target) && universal(edge.source)) {
                linked[edge.target] = true;
            }
        }
        std::size_t count = 0;
        std::size_t good = 0;
        for (std::size_t v = 0; v < n; ++v) {
            if (specialised(v)) {
                ++count;
                good += linked[v] ? 1U : 0U;
            }
        }
        return share(good, count);
    }
    if (id == "language_coverage") {
        std::map<std::string, double> people;
        for (auto a : c.leaves) {
            const auto& area = map.areas[c.coverage.areas[a].area];
            for (const auto& [language, fraction] : area.languages) {
                people[language] += area.foreign_residents
                                        ? fraction * static_cast<double>(*area.foreign_residents)
                                        : fraction;
            }
        }
        if (people.empty()) {
            return std::nullopt;
        }
        std::vector<std::pair<std::string, double>> ranked(people.begin(), people.end());
        std::stable_sort(ranked.begin(), ranked.end(),
                         [](const auto& x, const auto& y) { return x.second > y.second; });
        ranked.resize(std::min<std::size_t>(ranked.size(), 5));
        std::size_t spoken = 0;
        for (const auto& [language, count] : ranked) {
            for (const auto& actor : map.actors) {
                if (model::is_access_point(actor, c.vocabulary) &&
                    std::find(actor.languages.begin(), actor.languages.end(), language) !=
                        actor.languages.end()) {
                    ++spoken;
                    break;
                }
            }
        }
        return share(spoken, ranked.size());
    }
    if (id == "two_step_reach") {
        std::size_t pairs = 0;
        std::size_t reaching = 0;
        for (auto a : c.leaves) {
            const auto& area = c.coverage.areas[a];
            std::vector<const ServiceCell*> needed;
            for (const auto& cell : area.cells) {
                if (cell.needed) {
                    needed.push_back(&cell);
                }
            }
            if (needed.empty()) {
                continue;
            }
            for (auto actor : area.community_actors) {
                ++pairs;
                bool all = true;
                for (const auto* cell : needed) {
                    all = all && std::find(cell->reached_by.begin(), cell->reached_by.end(),
                                           actor) != cell->reached_by.end();
                }
                reaching += all ? 1U : 0U;
            }
        }
        return share(reaching, pairs);
    }
    return std::nullopt;
}

Context make_context(const model::Map& map, const model::Vocabulary& vocabulary,
                     const graph::AnalysisGraph& graph, const AssessOptions& options) {
    Context c{map, vocabulary, graph, options, {}, {}, {}, {}};
    for (const auto& actor : map.actors) {
        c.sectors.push_back(model::sector_of(actor, vocabulary));
    }
    CoverageOptions coverage_options;
    coverage_options.access_target = options.access_target;
    coverage_options.within = 2;
    coverage_options.control = options.control;
    c.coverage = coverage(map, vocabulary, graph, coverage_options);
    c.betweenness = betweenness(graph, options.threads, options.control);
    for (std::size_t a = 0; a < c.coverage.areas.size(); ++a) {
        if (c.coverage.areas[a].sub_areas.empty()) {
            c.leaves.push_back(a);
        }
    }
    return c;
}

double total(const std::vector<double>& values) {
    double sum = 0.0;
    for (double value : values) {
        sum += value;
    }
    return sum;
}

std::vector<ModelResult> model_results(Context& c) {
    const auto& map = c.map;
    const std::size_t n = map.actors.size();
    const double all_betweenness = total(c.betweenness);
    const auto betweenness_share = [&](double value) {
        return all_betweenness > 0.0 ? value / all_betweenness : 0.0;
    };
    std::vector<ModelResult> results;

    ModelResult desk{OrganisationalModel::one_stop_desk, 0.0, 0, 0.0, std::nullopt, std::nullopt};
    std::vector<bool> is_desk(n, false);
    for (std::size_t v = 0; v < n; ++v) {
        if (!has_kind(map.actors[v], {"help_desk", "urp"})) {
            continue;
        }
        is_desk[v] = true;
        ++desk.actors;
        const double s = betweenness_share(c.betweenness[v]);
        if (!desk.top_actor || s > desk.first) {
            desk.first = s;
            desk.top_actor = v;
        }
    }
    std::size_t referrals = 0;
    std::size_t through_desk = 0;
    for (const auto& edge : c.graph.undirected_edges) {
        if (is_referral(map, edge)) {
            ++referrals;
            through_desk += is_desk[edge.source] || is_desk[edge.target] ? 1U : 0U;
        }
    }
    if (desk.actors > 0) {
        desk.second = share(through_desk, referrals);
        desk.score = desk.second ? (desk.first + *desk.second) / 2.0 : desk.first;
    }
    results.push_back(desk);

    ModelResult points{
        OrganisationalModel::distributed_points, 0.0, 0, 0.0, std::nullopt, std::nullopt};
    std::set<std::size_t> run_by_associations;
    double sum = 0.0;
    for (auto a : c.leaves) {
        std::size_t count = 0;
        for (auto actor : c.coverage.areas[a].access_points) {
            if (c.sectors[actor] == "civil_society" || c.sectors[actor] == "community") {
                ++count;
                run_by_associations.insert(actor);
            }
        }
        const double target =
            static_cast<double>(std::max<std::size_t>(c.options.access_target, 1));
        sum += std::min(1.0, static_cast<double>(count) / target);
    }
    points.actors = run_by_associations.size();
    if (!c.leaves.empty()) {
        points.first = sum / static_cast<double>(c.leaves.size());
        points.score = points.first;
    }
    results.push_back(points);

    ModelResult bridges{
        OrganisationalModel::bridge_figures, 0.0, 0, 0.0, std::nullopt, std::nullopt};
    std::size_t spanning = 0;
    double bridge_betweenness = 0.0;
    for (std::size_t v = 0; v < n; ++v) {
        if (c.sectors[v] != "bridge") {
            continue;
        }
        ++bridges.actors;
        bridge_betweenness += c.betweenness[v];
        bool community = false;
        bool institution = false;
        for (auto w : c.graph.undirected.neighbours_of(static_cast<graph::Vertex>(v))) {
            community = community || c.sectors[w] == "community";
            institution = institution || c.sectors[w] == "institution";
        }
        spanning += community && institution ? 1U : 0U;
    }
    if (bridges.actors > 0) {
        bridges.first = *share(spanning, bridges.actors);
        bridges.second = betweenness_share(bridge_betweenness);
        bridges.score = (bridges.first + *bridges.second) / 2.0;
    }
    results.push_back(bridges);
    return results;
}

} // namespace

const std::vector<AssessmentMeasure>& assessment_measures() {
    return measures;
}

std::vector<std::string> assessment_measure_ids() {
    std::vector<std::string> ids;
    for (const auto& measure : measures) {
        ids.emplace_back(measure.id);
    }
    return ids;
}

MeasureUnit measure_unit(const std::string& id) {
    for (const auto& measure : measures) {
        if (id == measure.id) {
            return measure.unit;
        }
    }
    return MeasureUnit::share;
}

const char* status_id(IndicatorStatus status) {
    switch (status) {
    case IndicatorStatus::met:
        return "met";
    case IndicatorStatus::partly:
        return "partly";
    case IndicatorStatus::not_met:
        return "not_met";
    case IndicatorStatus::no_data:
        break;
    }
    return "no_data";
}

const char* model_id(OrganisationalModel model) {
    switch (model) {
    case OrganisationalModel::one_stop_desk:
        return "one_stop_desk";
    case OrganisationalModel::distributed_points:
        return "distributed_points";
    case OrganisationalModel::bridge_figures:
        break;
    }
    return "bridge_figures";
}

IndicatorStatus status_of(const model::RubricIndicator& indicator, std::optional<double> value) {
    if (!value) {
        return IndicatorStatus::no_data;
    }
    // A relative tolerance, so that 0.3 computed as 3/10 meets a threshold written 0.3.
    const auto reaches = [&](double threshold) {
        const double slack = 1e-9 * std::max(1.0, std::abs(threshold));
        return indicator.direction == model::ThresholdDirection::at_least
                   ? *value >= threshold - slack
                   : *value <= threshold + slack;
    };
    if (reaches(indicator.met)) {
        return IndicatorStatus::met;
    }
    if (indicator.partly && reaches(*indicator.partly)) {
        return IndicatorStatus::partly;
    }
    return IndicatorStatus::not_met;
}

std::vector<std::optional<double>> measure_values(const model::Map& map,
                                                  const model::Vocabulary& vocabulary,
                                                  const graph::AnalysisGraph& graph,
                                                  const AssessOptions& options) {
    Context c = make_context(map, vocabulary, graph, options);
    std::vector<std::optional<double>> values;
    for (const auto& measure : measures) {
        values.push_back(value_of(measure.id, c));
    }
    return values;
}

Assessment assess(const model::Map& map, const model::Vocabulary& vocabulary,
                  const graph::AnalysisGraph& graph, const model::Rubric& rubric,
                  const AssessOptions& options) {
    Context c = make_context(map, vocabulary, graph, options);
    std::map<std::string, std::optional<double>> values;
    Assessment result;
    double overall = 0.0;
    double overall_weight = 0.0;
    for (std::size_t t = 0; t < rubric.themes.size(); ++t) {
        ThemeResult theme;
        theme.theme = t;
        double sum = 0.0;
        double weight = 0.0;
        for (std::size_t i = 0; i < rubric.indicators.size(); ++i) {
            const auto& indicator = rubric.indicators[i];
            if (indicator.theme != rubric.themes[t].id) {
                continue;
            }
            if (!values.contains(indicator.measure)) {
                values[indicator.measure] = value_of(indicator.measure, c);
            }
            IndicatorResult item;
            item.indicator = i;
            item.value = values[indicator.measure];
            item.status = status_of(indicator, item.value);
            switch (item.status) {
            case IndicatorStatus::met:
                item.score = 100.0;
                break;
            case IndicatorStatus::partly:
                item.score = 50.0;
                break;
            case IndicatorStatus::not_met:
                item.score = 0.0;
                break;
            case IndicatorStatus::no_data:
                break;
            }
            if (item.score) {
                sum += indicator.weight * *item.score;
                weight += indicator.weight;
            }
            theme.indicators.push_back(item);
        }
        if (weight > 0.0) {
            theme.score = sum / weight;
            overall += rubric.themes[t].weight * *theme.score;
            overall_weight += rubric.themes[t].weight;
        }
        result.themes.push_back(std::move(theme));
    }
    if (overall_weight > 0.0) {
        result.score = overall / overall_weight;
    }
    result.models = model_results(c);
    return result;
}

} // namespace stakemap::analysis
