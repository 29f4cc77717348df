// SPEC §4 `coverage`: "the score never rises when an actor or a relation is removed". Checked on
// every example map (each actor, then each relation, removed in turn) and on 200 random maps
// drawn by a seeded generator, for every area's score, every part of it and every roll-up score.

#include "stakemap/analysis/coverage.hpp"
#include "stakemap/io/map_reader.hpp"
#include "stakemap/io/vocabulary.hpp"
#include "stakemap/model/what_if.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace stakemap;
using analysis::ScorePart;

namespace {

constexpr double tolerance = 1e-12;

analysis::CoverageResult run(const model::Map& map, const analysis::CoverageOptions& options) {
    const auto vocabulary = io::default_vocabulary().merged_with(map);
    return analysis::coverage(map, vocabulary, graph::build(map), options);
}

/// Compares two runs; records the first rise (or a change in what has data) in `failure`.
struct Checker {
    std::size_t comparisons = 0;
    std::size_t rises = 0;
    std::string failure;

    void value(const std::optional<double>& before, const std::optional<double>& after,
               const std::string& what) {
        ++comparisons;
        const bool rose =
            before.has_value() != after.has_value() || (before && *after > *before + tolerance);
        if (rose) {
            ++rises;
            if (failure.empty()) {
                std::ostringstream text;
                text.precision(17);
                text << what << ": ";
                if (before) {
                    text << *before;
                } else {
                    text << "no data";
                }
                text << " → ";
                if (after) {
                    text << *after;
                } else {
                    text << "no data";
                }
                failure = text.str();
            }
        }
    }

    void results(const model::Map& map, const analysis::CoverageResult& before,
                 const analysis::CoverageResult& after, const std::string& edit) {
        for (std::size_t a = 0; a < before.areas.size(); ++a) {
            const auto& x = before.areas[a];
            const auto& y = after.areas[a];
            const std::string where = edit + ", area " + map.areas[a].id;
            value(x.score, y.score, where + " score");
            for (ScorePart part : analysis::score_parts) {
                value(x.part(part), y.part(part), where + " " + analysis::part_id(part));
            }
            if (x.rollup) {
                value(x.rollup->score, y.rollup->score, where + " roll-up score");
            }
        }
    }

    /// Removes each actor, then each relation, of `map` in turn.
    void every_removal(const model::Map& map, const analysis::CoverageOptions& options,
                       const std::string& name) {
        const auto before = run(map, options);
        for (const auto& actor : map.actors) {
            model::WhatIf edit;
            edit.removed_actors = {actor.id};
            results(map, before, run(model::apply(map, edit), options),
                    name + " without actor " + actor.id);
        }
        for (std::size_t r = 0; r < map.relations.size(); ++r) {
            auto edited = map;
            edited.relations.erase(edited.relations.begin() + static_cast<std::ptrdiff_t>(r));
            results(map, before, run(edited, options),
                    name + " without relation " + map.relations[r].source + "–" +
                        map.relations[r].target + " (#" + std::to_string(r) + ")");
        }
    }
};

/// A random map: areas with parents, actors of every sector (community actors, providers with
/// services, languages and capacity, access points), relations, needs with languages and demand.
model::Map random_map(std::mt19937& random) {
    auto pick = [&](std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(random);
    };
    auto chance = [&](double p) {
        return std::bernoulli_distribution(p)(random);
    };
    const std::vector<std::string> kinds{"migrant_association",
                                         "community_group",
                                         "migrant_association",
                                         "help_desk",
                                         "social_service",
                                         "association",
                                         "cultural_mediator",
                                         "public_office",
                                         "reception_centre",
                                         "school",
                                         "employer",
                                         "actor"};
    const std::vector<std::string> services{"information", "legal_permits",   "housing",
                                            "employment",  "italian_courses", "health_orientation"};
    const std::vector<std::string> languages{"ar", "bn", "zh", "ro", "uk", "ig", "it"};
    auto some = [&](const std::vector<std::string>& pool, double p) {
        std::vector<std::string> out;
        for (const auto& item : pool) {
            if (chance(p)) {
                out.push_back(item);
            }
        }
        return out;
    };

    model::Map map;
    const std::size_t area_count = 1 + pick(6);
    for (std::size_t a = 0; a < area_count; ++a) {
        model::Area area;
        area.id = "area-" + std::to_string(a);
        if (a > 0 && chance(0.7)) {
            area.parent = "area-" + std::to_string(pick(a));
        }
        if (chance(0.8)) {
            area.foreign_residents = static_cast<std::int64_t>(pick(3000));
        }
        if (chance(0.75)) {
            for (const auto& code : some(languages, 0.4)) {
                area.languages[code] = 0.05 + 0.05 * static_cast<double>(pick(5));
            }
        }
        map.areas.push_back(std::move(area));
    }
    const std::size_t actor_count = 2 + pick(14);
    for (std::size_t i = 0; i < actor_count; ++i) {
        model::Actor actor;
        actor.id = "actor-" + std::to_string(i);
        actor.name = actor.id;
        actor.kind = kinds[pick(kinds.size())];
        if (chance(0.85)) {
            actor.area = map.areas[pick(area_count)].id;
        }
        const std::size_t serving = pick(5);
        if (serving == 0) {
            actor.serves_all = true;
        } else if (serving == 1) {
            actor.serves = std::vector<std::string>{};
            for (const auto& area : map.areas) {
                if (chance(0.4)) {
                    actor.serves->push_back(area.id);
                }
            }
        }
        actor.services = some(services, 0.3);
        actor.languages = some(languages, 0.3);
        if (chance(0.6)) {
            actor.capacity = static_cast<double>(pick(200));
        }
        if (chance(0.2)) {
            actor.access_point = chance(0.5);
        }
        map.actors.push_back(std::move(actor));
    }
    const std::size_t relation_count = pick(2 * actor_count + 1);
    for (std::size_t r = 0; r < relation_count; ++r) {
        const std::size_t source = pick(actor_count);
        const std::size_t target = pick(actor_count);
        if (source == target) {
            continue;
        }
        model::Relation relation;
        relation.source = map.actors[source].id;
        relation.target = map.actors[target].id;
        relation.weight = 1.0 + static_cast<double>(pick(3));
        if (chance(0.2)) {
            relation.directed = true;
        }
        map.relations.push_back(std::move(relation));
    }
    for (const auto& area : map.areas) {
        for (const auto& service : services) {
            if (!chance(0.3)) {
                continue;
            }
            model::Need need;
            need.area = area.id;
            need.service = service;
            if (chance(0.8)) {
                need.demand = static_cast<double>(pick(300));
            }
            need.languages = some(languages, 0.25);
            map.needs.push_back(std::move(need));
        }
    }
    return map;
}

} // namespace

TEST_CASE("coverage: removing an actor or a relation never raises a score — examples") {
    std::size_t maps = 0;
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(STAKEMAP_SOURCE_DIR) + "/examples")) {
        const auto path = entry.path() / "map.json";
        if (!std::filesystem::exists(path)) {
            continue;
        }
        ++maps;
        const auto map = io::load_map(path.string());
        Checker checker;
        checker.every_removal(map, {}, entry.path().filename().string());
        CAPTURE(checker.failure);
        CHECK(checker.comparisons > 0);
        CHECK(checker.rises == 0);
    }
    CHECK(maps >= 3);
}

TEST_CASE("coverage: removing an actor or a relation never raises a score — 200 random maps") {
    std::mt19937 random(20250301);
    Checker checker;
    for (int i = 0; i < 200; ++i) {
        const auto map = random_map(random);
        // Options vary too: reach within 0–3 steps, targets 0–4, weights with zeros.
        analysis::CoverageOptions options;
        options.within = std::uniform_int_distribution<std::size_t>(0, 3)(random);
        options.access_target = std::uniform_int_distribution<std::size_t>(0, 4)(random);
        if (i % 3 == 1) {
            for (ScorePart part : analysis::score_parts) {
                options.weights[part] =
                    static_cast<double>(std::uniform_int_distribution<int>(0, 3)(random));
            }
            options.weights.access += 0.5; // at least one weight above 0
        }
        checker.every_removal(map, options, "random map " + std::to_string(i));
        if (checker.rises > 0) {
            break;
        }
    }
    CAPTURE(checker.failure);
    CHECK(checker.comparisons > 10000);
    CHECK(checker.rises == 0);
}
