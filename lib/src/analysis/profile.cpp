#include "stakemap/analysis/profile.hpp"

#include "stakemap/model/grouping.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace stakemap::analysis {

namespace {

std::optional<std::string> quadrant_of(const model::Actor& actor) {
    if (!actor.power || !actor.interest) {
        return std::nullopt;
    }
    const bool power = *actor.power >= 4;
    const bool interest = *actor.interest >= 4;
    return power ? (interest ? "manage_closely" : "keep_satisfied")
                 : (interest ? "keep_informed" : "monitor");
}

std::optional<std::string> salience_of(const model::Actor& actor) {
    if (!actor.power || !actor.legitimacy || !actor.urgency) {
        return std::nullopt;
    }
    const bool p = *actor.power >= 4;
    const bool l = *actor.legitimacy >= 4;
    const bool u = *actor.urgency >= 4;
    if (p && l && u) {
        return "definitive";
    }
    if (p && l) {
        return "dominant";
    }
    if (p && u) {
        return "dangerous";
    }
    if (l && u) {
        return "dependent";
    }
    if (p) {
        return "dormant";
    }
    if (l) {
        return "discretionary";
    }
    if (u) {
        return "demanding";
    }
    return "non_stakeholder";
}

} // namespace

ActorProfile profile(const model::Map& map, const model::Vocabulary& vocabulary,
                     const graph::AnalysisGraph& graph, std::size_t actor,
                     const ProfileOptions& options) {
    ActorProfile out;
    out.actor = actor;
    for (const auto& column :
         centrality(graph, {.threads = options.threads, .control = options.control})) {
        double largest = 0.0;
        for (double other : column.values) {
            largest = std::isnan(other) ? largest : std::max(largest, std::fabs(other));
        }
        const auto noise_to_zero = [floor = 1e-12 * largest](double x) {
            return std::fabs(x) < floor ? 0.0 : x;
        };
        const double value = column.values[actor];
        std::size_t higher = 0;
        for (double other : column.values) {
            // NaN compares false: never higher.
            higher += noise_to_zero(other) > noise_to_zero(value) ? 1U : 0U;
        }
        out.measures.push_back(
            {column.measure, value, std::isnan(value) ? 0 : higher + 1, largest});
    }
    const auto sectors = *model::group_labels(map, vocabulary, "sector");
    out.roles = brokerage(graph, sectors, options.control)[actor];
    const model::Actor& source = map.actors[actor];
    out.quadrant = quadrant_of(source);
    out.salience = salience_of(source);

    const auto neighbours = graph.undirected.neighbours_of(static_cast<graph::Vertex>(actor));
    out.neighbours.assign(neighbours.begin(), neighbours.end());
    std::map<std::string, std::size_t> by_sector;
    for (std::size_t w : out.neighbours) {
        ++by_sector[sectors[w]];
    }
    for (const auto& sector : vocabulary.sectors) {
        if (by_sector.count(sector.id) != 0) {
            out.neighbours_by_sector.emplace_back(sector.id, by_sector[sector.id]);
        }
    }
    if (by_sector.count("") != 0) {
        out.neighbours_by_sector.emplace_back("", by_sector[""]);
    }
    for (std::size_t w : out.neighbours) {
        for (graph::Vertex x : graph.undirected.neighbours_of(static_cast<graph::Vertex>(w))) {
            if (x > w && std::binary_search(neighbours.begin(), neighbours.end(), x)) {
                ++out.ties_among_neighbours;
            }
        }
    }
    const double k = static_cast<double>(out.neighbours.size());
    out.ego_density =
        k >= 2 ? static_cast<double>(out.ties_among_neighbours) / (k * (k - 1) / 2) : 0.0;

    GapsOptions gaps_options;
    gaps_options.list_limit = 1000;
    gaps_options.control = options.control;
    out.cut = cut_impact(map, vocabulary, graph, actor, gaps_options);
    for (const auto& service : source.services) {
        if (std::find(out.only_services.begin(), out.only_services.end(), service) !=
            out.only_services.end()) {
            continue;
        }
        bool others = false;
        for (std::size_t v = 0; v < map.actors.size() && !others; ++v) {
            const auto& list = map.actors[v].services;
            others = v != actor && std::find(list.begin(), list.end(), service) != list.end();
        }
        if (!others) {
            out.only_services.push_back(service);
        }
    }
    for (const auto& language : source.languages) {
        if (std::find(out.only_languages.begin(), out.only_languages.end(), language) !=
            out.only_languages.end()) {
            continue; // listed twice by the actor
        }
        bool others = false;
        for (std::size_t v = 0; v < map.actors.size() && !others; ++v) {
            const auto& list = map.actors[v].languages;
            others = v != actor && std::find(list.begin(), list.end(), language) != list.end();
        }
        if (!others) {
            out.only_languages.push_back(language);
        }
    }
    return out;
}

} // namespace stakemap::analysis
