#include "stakemap/report/coverage_report.hpp"

#include "stakemap/io/diagnostics.hpp"
#include "stakemap/model/area_tree.hpp"
#include "stakemap/report/language_names.hpp"
#include "stakemap/text/words.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <set>

namespace stakemap::report {

using analysis::AreaCoverage;
using analysis::DataGapKind;
using analysis::ScorePart;
using analysis::ServiceCell;
using analysis::ServiceState;

namespace {

const std::string& area_name(const model::Map& map, std::size_t area) {
    const model::Area& source = map.areas[area];
    return source.name.empty() ? source.id : source.name;
}

/// People or an amount for reading: a whole count grouped by thousands ("1.650"), else at most
/// three significant digits.
std::string amount_text(const text::Words& words, double value) {
    const double whole = std::round(value);
    if (std::abs(value - whole) < 1e-9 || std::abs(value) >= 1000.0) {
        return words.integer(static_cast<long long>(whole));
    }
    return words.number(value, 3);
}

/// A count of people for plural forms.
std::uint64_t head_count(double people) {
    return people <= 0.0 ? 0 : static_cast<std::uint64_t>(std::llround(people));
}

/// "no data" in a table cell ("n.d." in Italian).
std::string no_data(const text::Words& words) {
    return words.in_context("table cell", "no data");
}

/// A score or a part of it for reading (0.868 / 0,868), or "no data".
std::string score_text(const text::Words& words, const std::optional<double>& value) {
    return value ? words.number(*value, 3) : no_data(words);
}

/// A count or amount in JSON: written without a fraction when it is whole (2450, not 2450.0).
nlohmann::ordered_json amount(double value) {
    if (std::abs(value) < 9.0e15 && value == std::trunc(value)) {
        return static_cast<std::int64_t>(value);
    }
    return value;
}

nlohmann::ordered_json optional_amount(const std::optional<double>& value) {
    return value ? amount(*value) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json optional_number(const std::optional<double>& value) {
    return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json actor_ids(const model::Map& map, const std::vector<std::size_t>& actors) {
    auto out = nlohmann::ordered_json::array();
    for (std::size_t actor : actors) {
        out.push_back(map.actors[actor].id);
    }
    return out;
}

nlohmann::ordered_json area_ids(const model::Map& map, const std::vector<std::size_t>& areas) {
    auto out = nlohmann::ordered_json::array();
    for (std::size_t area : areas) {
        out.push_back(map.areas[area].id);
    }
    return out;
}

const char* gap_code(DataGapKind kind) {
    switch (kind) {
    case DataGapKind::no_foreign_residents:
        return "no_foreign_residents";
    case DataGapKind::no_language_shares:
        return "no_language_shares";
    case DataGapKind::no_needs:
        return "no_needs";
    case DataGapKind::no_need_languages:
        return "no_need_languages";
    case DataGapKind::no_demand:
        return "no_demand";
    case DataGapKind::demand_unknown:
        return "demand_unknown";
    case DataGapKind::capacity_unknown:
        return "capacity_unknown";
    case DataGapKind::sub_area_residents:
        return "sub_area_residents";
    }
    return "";
}

nlohmann::ordered_json parts_json(const AreaCoverage& area) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (ScorePart part : analysis::score_parts) {
        out[analysis::part_id(part)] = optional_number(area.part(part));
    }
    return out;
}

nlohmann::ordered_json cell_json(const model::Map& map, const ServiceCell& cell) {
    nlohmann::ordered_json out;
    out["service"] = cell.service;
    out["state"] = analysis::state_id(cell.state);
    out["local"] = cell.local;
    out["needed"] = cell.needed;
    out["demand"] = optional_amount(cell.demand);
    out["supply"] = amount(cell.supply);
    out["providers"] = actor_ids(map, cell.providers);
    out["providers_without_capacity"] = cell.providers_without_capacity;
    out["steps"] = cell.steps ? nlohmann::ordered_json(*cell.steps) : nullptr;
    out["reached"] = cell.reached ? nlohmann::ordered_json(map.actors[*cell.reached].id) : nullptr;
    out["reached_by"] = actor_ids(map, cell.reached_by);
    out["need_languages"] = cell.need_languages;
    out["unspoken_languages"] = cell.unspoken_languages;
    return out;
}

nlohmann::ordered_json area_json(const CoverageReport& report, const AreaCoverage& area) {
    const model::Map& map = *report.map;
    const model::Area& source = map.areas[area.area];
    const std::size_t target = report.coverage.options.access_target;
    nlohmann::ordered_json out;
    out["id"] = source.id;
    out["name"] = area_name(map, area.area);
    out["parent"] = source.parent ? nlohmann::ordered_json(*source.parent) : nullptr;
    out["depth"] = area.depth;
    out["sub_areas"] = area_ids(map, area.sub_areas);
    out["foreign_residents"] = optional_amount(area.foreign_residents);
    out["score"] = optional_number(area.score);
    out["gap"] = optional_number(area.gap);
    out["priority"] = optional_number(area.priority);
    out["parts"] = parts_json(area);
    out["access_points"] = {
        {"target", target},
        {"count", area.access_points.size()},
        {"shortfall", area.access_points.size() >= target ? 0 : target - area.access_points.size()},
        {"local", actor_ids(map, area.access_points)},
        {"wider", actor_ids(map, area.wider_access_points)}};
    out["community_actors"] = actor_ids(map, area.community_actors);
    auto languages = nlohmann::ordered_json::array();
    for (const auto& figure : area.languages) {
        languages.push_back({{"language", figure.language},
                             {"share", figure.share},
                             {"people", figure.people},
                             {"covered", !figure.access_points.empty()},
                             {"access_points", actor_ids(map, figure.access_points)},
                             {"speakers_elsewhere", figure.speakers_elsewhere}});
    }
    out["languages"] = {{"covered_share", optional_number(area.language_share)},
                        {"people_with_language", area.people_with_language},
                        {"people_covered", area.people_covered},
                        {"by_language", std::move(languages)}};
    auto services = nlohmann::ordered_json::array();
    auto needed_missing = nlohmann::ordered_json::array();
    for (const auto& cell : area.cells) {
        services.push_back(cell_json(map, cell));
        if (cell.state == ServiceState::needed_missing) {
            needed_missing.push_back(cell.service);
        }
    }
    out["services"] = std::move(services);
    out["needed_missing"] = std::move(needed_missing);
    auto gaps = nlohmann::ordered_json::array();
    for (const auto& gap : area.data_gaps) {
        nlohmann::ordered_json entry{{"code", gap_code(gap.kind)}};
        if (!gap.subject.empty()) {
            entry["service"] = gap.subject;
        }
        if (gap.count > 0) {
            entry["count"] = gap.count;
        }
        gaps.push_back(std::move(entry));
    }
    out["missing_data"] = std::move(gaps);
    if (area.rollup) {
        const analysis::Rollup& rollup = *area.rollup;
        auto per_service = nlohmann::ordered_json::array();
        for (std::size_t s = 0; s < report.coverage.services.size(); ++s) {
            nlohmann::ordered_json counts;
            counts["service"] = report.coverage.services[s];
            for (std::size_t state = 0; state < 5; ++state) {
                counts[analysis::state_id(static_cast<ServiceState>(state))] =
                    rollup.state_counts[s][state];
            }
            counts["demand"] = optional_amount(rollup.demand[s]);
            per_service.push_back(std::move(counts));
        }
        auto uncovered = nlohmann::ordered_json::array();
        for (const auto& [code, count] : rollup.uncovered_people) {
            uncovered.push_back({{"language", code}, {"people", count}});
        }
        out["rollup"] = {{"leaves", area_ids(map, rollup.leaves)},
                         {"foreign_residents", amount(rollup.foreign_residents)},
                         {"leaves_without_residents", rollup.leaves_without_residents},
                         {"score", optional_number(rollup.score)},
                         {"access_points", actor_ids(map, rollup.access_points)},
                         {"leaves_below_target", area_ids(map, rollup.leaves_below_target)},
                         {"language_covered_share", optional_number(rollup.language_share)},
                         {"people_with_language", rollup.people_with_language},
                         {"people_covered", rollup.people_covered},
                         {"uncovered_people", std::move(uncovered)},
                         {"services", std::move(per_service)}};
    }
    return out;
}

bool is_shown(const CoverageReport& report, std::size_t area) {
    return std::find(report.shown.begin(), report.shown.end(), area) != report.shown.end();
}

/// (rank on the whole map, area) for the ranked areas the report shows.
std::vector<std::pair<std::size_t, std::size_t>> shown_ranking(const CoverageReport& report) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (std::size_t i = 0; i < report.coverage.ranking.size(); ++i) {
        if (is_shown(report, report.coverage.ranking[i])) {
            out.emplace_back(i + 1, report.coverage.ranking[i]);
        }
    }
    return out;
}

/// The shown areas in reading order: ranked areas first, then areas with sub-areas.
std::vector<std::size_t> reading_order(const CoverageReport& report) {
    std::vector<std::size_t> order;
    for (std::size_t a : report.coverage.ranking) {
        if (is_shown(report, a)) {
            order.push_back(a);
        }
    }
    for (std::size_t a : report.shown) {
        if (!report.coverage.areas[a].sub_areas.empty()) {
            order.push_back(a);
        }
    }
    return order;
}

std::string cell_symbol(const ServiceCell& cell) {
    return coverage_state_symbol(cell.state, cell.local);
}

/// Joins the parts of a reading: "Head: part; part; part."
std::string paragraph(const std::string& head, const std::vector<std::string>& parts) {
    std::string out = head;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        out += (i == 0 ? ": " : "; ") + parts[i];
    }
    return out + ".";
}

/// The totals of an area with sub-areas, in one paragraph.
std::string rollup_reading(const CoverageReport& report, const AreaCoverage& area,
                           model::Language language) {
    const text::Words words(language);
    const model::Map& map = *report.map;
    const analysis::CoverageResult& coverage = report.coverage;
    const analysis::Rollup& rollup = *area.rollup;
    auto label = [&](const std::string& service) {
        return service_label(*report.vocabulary, service, language);
    };

    std::string residents;
    const std::uint64_t in_leaves = head_count(rollup.foreign_residents);
    if (area.foreign_residents) {
        residents = words.plural("{n} foreign resident", "{n} foreign residents",
                                 head_count(*area.foreign_residents)) +
                    ", " +
                    words("{count} in the sub-areas",
                          {{"count", amount_text(words, rollup.foreign_residents)}});
    } else {
        residents = words.plural("{n} foreign resident in the sub-areas",
                                 "{n} foreign residents in the sub-areas", in_leaves);
    }
    const std::string score = rollup.score ? words("sub-areas' average score {score}",
                                                   {{"score", words.number(*rollup.score, 3)}})
                                           : words("sub-areas' average score: no data");
    const std::string head = area_name(map, area.area) + " (" + residents + "; " + score + ")";

    std::vector<std::string> parts;
    std::string points = words.plural(
        "{n} access point in {sub_areas}", "{n} access points in {sub_areas}",
        rollup.access_points.size(),
        {{"sub_areas", words.plural("{n} sub-area", "{n} sub-areas", rollup.leaves.size())}});
    if (!rollup.leaves_below_target.empty()) {
        std::vector<std::string> names;
        for (std::size_t leaf : rollup.leaves_below_target) {
            names.push_back(area_name(map, leaf));
        }
        points +=
            ", " + words("below the target of {target}: {areas}",
                         {{"target",
                           words.integer(static_cast<long long>(coverage.options.access_target))},
                          {"areas", words.list_and(names)}});
    }
    parts.push_back(std::move(points));
    if (rollup.language_share) {
        parts.push_back(words("languages covered for {share} of the sub-areas' foreign residents",
                              {{"share", words.percent(*rollup.language_share)},
                               {"share_the", words.percent_with_article(*rollup.language_share)}}));
    }
    std::size_t named = 0;
    for (const auto& [code, count] : rollup.uncovered_people) {
        if (named++ == 3) {
            break;
        }
        parts.push_back(
            words.plural("{n} resident speaks {language} where no access point speaks it",
                         "{n} residents speak {language} where no access point speaks it",
                         head_count(count), {{"language", language_name(code, language)}}));
    }
    std::vector<std::string> missing;
    for (std::size_t s = 0; s < coverage.services.size(); ++s) {
        const std::size_t count =
            rollup.state_counts[s][static_cast<std::size_t>(ServiceState::needed_missing)];
        if (count > 0) {
            missing.push_back(label(coverage.services[s]) + " (" +
                              words.integer(static_cast<long long>(count)) + ")");
        }
    }
    if (!missing.empty()) {
        parts.push_back(words.plural("needed service missing (number of sub-areas): {services}",
                                     "needed services missing (number of sub-areas): {services}",
                                     missing.size(), {{"services", words.list_and(missing)}}));
    }
    std::vector<std::string> own_missing;
    for (const auto& cell : area.cells) {
        if (cell.state == ServiceState::needed_missing) {
            own_missing.push_back(label(cell.service));
        }
    }
    if (!own_missing.empty()) {
        parts.push_back(
            words.plural("need recorded for the area itself and not covered: {services}",
                         "needs recorded for the area itself and not covered: {services}",
                         own_missing.size(), {{"services", words.list_and(own_missing)}}));
    }
    return paragraph(head, parts);
}

/// What the reading says about one needed service that is not present and connected.
std::string need_sentence(const CoverageReport& report, const ServiceCell& cell,
                          const text::Words& words) {
    const std::string service = service_label(*report.vocabulary, cell.service, words.language());
    const std::string demand = cell.demand ? amount_text(words, *cell.demand) : "";
    const std::size_t within = report.coverage.options.within;
    switch (cell.state) {
    case ServiceState::needed_missing:
        return cell.demand ? words("«{service}»: needed (demand {demand}), nobody offers it and "
                                   "nobody offering it is reachable",
                                   {{"service", service}, {"demand", demand}})
                           : words("«{service}»: needed, nobody offers it and nobody offering it "
                                   "is reachable",
                                   {{"service", service}});
    case ServiceState::reachable: {
        const std::string via = report.map->actors[*cell.reached].name;
        const std::size_t steps = cell.steps.value_or(0);
        return cell.demand
                   ? words.plural("«{service}»: needed (demand {demand}), not offered to the "
                                  "area, only reachable through the network in {n} step ({via})",
                                  "«{service}»: needed (demand {demand}), not offered to the "
                                  "area, only reachable through the network in {n} steps ({via})",
                                  steps, {{"service", service}, {"demand", demand}, {"via", via}})
                   : words.plural("«{service}»: needed, not offered to the area, only reachable "
                                  "through the network in {n} step ({via})",
                                  "«{service}»: needed, not offered to the area, only reachable "
                                  "through the network in {n} steps ({via})",
                                  steps, {{"service", service}, {"via", via}});
    }
    case ServiceState::unconnected:
        return cell.demand
                   ? words.plural("«{service}»: offered (demand {demand}), but no community actor "
                                  "of the area is within {n} step of its providers",
                                  "«{service}»: offered (demand {demand}), but no community actor "
                                  "of the area is within {n} steps of its providers",
                                  within, {{"service", service}, {"demand", demand}})
                   : words.plural("«{service}»: offered, but no community actor of the area is "
                                  "within {n} step of its providers",
                                  "«{service}»: offered, but no community actor of the area is "
                                  "within {n} steps of its providers",
                                  within, {{"service", service}});
    case ServiceState::present:
    case ServiceState::missing:
        break;
    }
    return "";
}

/// The reading of an area without sub-areas.
std::string leaf_reading(const CoverageReport& report, const AreaCoverage& area,
                         model::Language language) {
    const text::Words words(language);
    const model::Map& map = *report.map;
    const analysis::CoverageResult& coverage = report.coverage;
    const auto target = static_cast<long long>(coverage.options.access_target);
    auto label = [&](const std::string& service) {
        return service_label(*report.vocabulary, service, language);
    };
    auto actor_names = [&](const std::vector<std::size_t>& actors) {
        std::vector<std::string> names;
        for (std::size_t actor : actors) {
            names.push_back(map.actors[actor].name);
        }
        return words.list_and(names);
    };

    std::string head = area_name(map, area.area) + " (";
    if (area.foreign_residents) {
        head += words.plural("{n} foreign resident", "{n} foreign residents",
                             head_count(*area.foreign_residents)) +
                "; ";
    }
    head += (area.score ? words("score {score}", {{"score", words.number(*area.score, 3)}})
                        : words("score: no data")) +
            ")";

    std::vector<std::string> parts;
    // Access points against the target.
    const std::size_t points = area.access_points.size();
    if (points == 0) {
        parts.push_back(
            words("no access point (target {target})", {{"target", words.integer(target)}}));
    } else if (points < coverage.options.access_target) {
        parts.push_back(words.plural(
            "{n} access point of {target} ({names})", "{n} access points of {target} ({names})",
            points,
            {{"target", words.integer(target)}, {"names", actor_names(area.access_points)}}));
    } else {
        parts.push_back(words.plural("{n} access point (target {target} met)",
                                     "{n} access points (target {target} met)", points,
                                     {{"target", words.integer(target)}}));
    }
    if (points < coverage.options.access_target && !area.wider_access_points.empty()) {
        parts.push_back(words.plural("{n} city-wide access point also serves the area",
                                     "{n} city-wide access points also serve the area",
                                     area.wider_access_points.size()));
    }

    // Languages nobody speaks where people walk in, largest groups first (at most three).
    std::size_t named = 0;
    for (const auto& figure : area.languages) {
        if (!figure.access_points.empty() || figure.share <= 0.0 || named == 3) {
            continue;
        }
        ++named;
        const std::string name = language_name(figure.language, language);
        std::string sentence =
            area.foreign_residents
                ? words.plural("{n} resident speaks {language}, no access point speaks it",
                               "{n} residents speak {language}, no access point speaks it",
                               head_count(figure.people), {{"language", name}})
                : words("{share} of foreign residents speak {language}, no access point speaks it",
                        {{"share", words.percent(figure.share)},
                         {"share_the", words.percent_with_article(figure.share)},
                         {"language", name}});
        if (figure.speakers_elsewhere > 0) {
            sentence += " " + words.plural("({n} other actor on the map speaks it)",
                                           "({n} other actors on the map speak it)",
                                           figure.speakers_elsewhere);
        }
        parts.push_back(std::move(sentence));
    }

    // Needs: missing first, then reachable only through the network, then unconnected (said
    // once for the whole area when it has no community actor).
    const bool has_community = !area.community_actors.empty();
    for (ServiceState wanted :
         {ServiceState::needed_missing, ServiceState::reachable, ServiceState::unconnected}) {
        if (wanted == ServiceState::unconnected && !has_community) {
            continue;
        }
        for (const auto& cell : area.cells) {
            if (cell.needed && cell.state == wanted) {
                parts.push_back(need_sentence(report, cell, words));
            }
        }
    }
    if (!has_community) {
        parts.push_back(words("no community actor serves the area: the network connects no "
                              "community of the area to the services"));
    }

    std::vector<std::string> wider_only;
    std::vector<std::string> unspoken;
    std::set<std::size_t> without_capacity;
    for (const auto& cell : area.cells) {
        if (!cell.needed || cell.providers.empty()) {
            continue;
        }
        if (!cell.local) {
            wider_only.push_back(label(cell.service));
        }
        if (!cell.unspoken_languages.empty()) {
            std::vector<std::string> names;
            for (const auto& code : cell.unspoken_languages) {
                names.push_back(language_name(code, language));
            }
            unspoken.push_back(label(cell.service) + " (" + words.list_and(names) + ")");
        }
        if (cell.demand && *cell.demand > 0.0) {
            for (std::size_t actor : cell.providers) {
                if (!map.actors[actor].capacity) {
                    without_capacity.insert(actor);
                }
            }
        }
    }
    if (!wider_only.empty()) {
        parts.push_back(
            words.plural("offered only by city-wide actors, not in the area: {services}",
                         "offered only by city-wide actors, not in the area: {services}",
                         wider_only.size(), {{"services", words.list_and(wider_only)}}));
    }
    if (!unspoken.empty()) {
        parts.push_back(
            words.plural("need without a provider speaking the language asked for: {needs}",
                         "needs without a provider speaking the language asked for: {needs}",
                         unspoken.size(), {{"needs", words.list_and(unspoken)}}));
    }
    const auto& supply = area.part(ScorePart::supply);
    if (supply && *supply < 1.0) {
        parts.push_back(words("known supply covers {share} of demand",
                              {{"share", words.percent(*supply)},
                               {"share_the", words.percent_with_article(*supply)}}));
    }
    if (!without_capacity.empty()) {
        parts.push_back(words.plural("{n} provider of needed services states no capacity: supply "
                                     "counts only stated capacity",
                                     "{n} providers of needed services state no capacity: supply "
                                     "counts only stated capacity",
                                     without_capacity.size()));
    }
    std::vector<std::string> without_data;
    for (ScorePart part : analysis::score_parts) {
        if (!area.part(part)) {
            without_data.push_back(coverage_part_label(part, language));
        }
    }
    if (!without_data.empty()) {
        parts.push_back(words("no data for {parts}", {{"parts", words.list_and(without_data)}}));
    }
    return paragraph(head, parts);
}

} // namespace

std::string coverage_state_label(ServiceState state, model::Language language) {
    const text::Words words(language);
    switch (state) {
    case ServiceState::present:
        return words("present and connected");
    case ServiceState::unconnected:
        return words("present, no community actor connected");
    case ServiceState::reachable:
        return words("reachable through the network");
    case ServiceState::missing:
        return words.in_context("service state", "missing");
    case ServiceState::needed_missing:
        return words("needed but missing");
    }
    return "";
}

std::string coverage_state_symbol(ServiceState state, bool local) {
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

std::string coverage_part_label(ScorePart part, model::Language language) {
    const text::Words words(language);
    switch (part) {
    case ScorePart::services:
        return words("services offered");
    case ScorePart::reach:
        return words.in_context("score part", "reach");
    case ScorePart::access:
        return words("access points");
    case ScorePart::languages:
        return words("residents' languages");
    case ScorePart::need_languages:
        return words("need languages");
    case ScorePart::supply:
        return words.in_context("score part", "supply");
    }
    return "";
}

std::optional<double> coverage_shown_score(const AreaCoverage& area) {
    return area.rollup ? area.rollup->score : area.score;
}

std::string coverage_settings_text(const analysis::CoverageOptions& options,
                                   model::Language language) {
    const text::Words words(language);
    return words.plural("access-point target {target}, reach within {n} step",
                        "access-point target {target}, reach within {n} steps", options.within,
                        {{"target", words.integer(static_cast<long long>(options.access_target))}});
}

nlohmann::ordered_json coverage_score_changes(const model::Map& map,
                                              const analysis::CoverageResult& before,
                                              const analysis::CoverageResult& after) {
    auto areas = nlohmann::ordered_json::array();
    for (std::size_t a = 0; a < map.areas.size(); ++a) {
        areas.push_back({{"area", map.areas[a].id},
                         {"score_before", optional_number(before.areas[a].score)},
                         {"score_after", optional_number(after.areas[a].score)}});
    }
    return areas;
}

std::string coverage_changes_text(const model::Map& map, const analysis::CoverageResult& before,
                                  const analysis::CoverageResult& after, model::Language language) {
    const text::Words words(language);
    std::vector<std::string> changes;
    for (std::size_t a = 0; a < map.areas.size(); ++a) {
        const std::string old_score = score_text(words, before.areas[a].score);
        const std::string new_score = score_text(words, after.areas[a].score);
        if (old_score != new_score) {
            changes.push_back(area_name(map, a) + " " + old_score + " → " + new_score);
        }
    }
    if (changes.empty()) {
        return words("no score changes");
    }
    std::string out;
    for (const auto& change : changes) {
        out += (out.empty() ? "" : "; ") + change;
    }
    return out;
}

std::string service_label(const model::Vocabulary& vocabulary, const std::string& service,
                          model::Language language) {
    const model::Term* term = vocabulary.find_service(service);
    if (term == nullptr) {
        return service;
    }
    const std::string& label = model::text(term->label, language);
    return label.empty() ? service : label;
}

std::vector<std::size_t> areas_within(const model::Map& map, const std::string& area) {
    const auto index = map.area_index(area);
    return index ? model::AreaTree(map).areas_within(*index) : std::vector<std::size_t>();
}

nlohmann::ordered_json coverage_results(const CoverageReport& report) {
    const model::Map& map = *report.map;
    const analysis::CoverageResult& coverage = report.coverage;
    nlohmann::ordered_json out;
    out["access_target"] = coverage.options.access_target;
    out["within"] = coverage.options.within;
    nlohmann::ordered_json weights = nlohmann::ordered_json::object();
    for (ScorePart part : analysis::score_parts) {
        weights[analysis::part_id(part)] = coverage.options.weights[part];
    }
    out["weights"] = std::move(weights);
    auto services = nlohmann::ordered_json::array();
    for (const auto& service : coverage.services) {
        // "label" in English, then "label_CODE" for every other language stakemap speaks.
        nlohmann::ordered_json entry{
            {"id", service},
            {"label", service_label(*report.vocabulary, service, model::Language::en)}};
        for (const auto& code : text::available_languages()) {
            if (code != "en") {
                entry["label_" + code] =
                    service_label(*report.vocabulary, service, model::Language::from_code(code));
            }
        }
        services.push_back(std::move(entry));
    }
    out["services"] = std::move(services);
    auto ranking = nlohmann::ordered_json::array();
    for (const auto& [rank, a] : shown_ranking(report)) {
        const AreaCoverage& area = coverage.areas[a];
        ranking.push_back({{"rank", rank},
                           {"area", map.areas[a].id},
                           {"name", area_name(map, a)},
                           {"priority", optional_number(area.priority)},
                           {"foreign_residents", optional_amount(area.foreign_residents)},
                           {"score", optional_number(area.score)},
                           {"gap", optional_number(area.gap)}});
    }
    out["ranking"] = std::move(ranking);
    auto areas = nlohmann::ordered_json::array();
    auto matrix_areas = nlohmann::ordered_json::array();
    auto states = nlohmann::ordered_json::array();
    for (std::size_t a : report.shown) {
        const AreaCoverage& area = coverage.areas[a];
        areas.push_back(area_json(report, area));
        matrix_areas.push_back(map.areas[a].id);
        auto row = nlohmann::ordered_json::array();
        for (const auto& cell : area.cells) {
            row.push_back(analysis::state_id(cell.state));
        }
        states.push_back(std::move(row));
    }
    out["areas"] = std::move(areas);
    out["matrix"] = {{"areas", std::move(matrix_areas)},
                     {"services", coverage.services},
                     {"states", std::move(states)}};
    return out;
}

nlohmann::ordered_json coverage_csv_records(const nlohmann::ordered_json& results, bool matrix) {
    auto records = nlohmann::ordered_json::array();
    for (const auto& area : results["areas"]) {
        if (matrix) {
            for (const auto& cell : area["services"]) {
                nlohmann::ordered_json record;
                record["area"] = area["id"];
                for (const auto& [key, value] : cell.items()) {
                    record[key] = value;
                }
                records.push_back(std::move(record));
            }
            continue;
        }
        nlohmann::ordered_json record;
        record["id"] = area["id"];
        record["name"] = area["name"];
        record["rank"] = nullptr;
        for (const auto& entry : results["ranking"]) {
            if (entry["area"] == area["id"]) {
                record["rank"] = entry["rank"];
            }
        }
        for (const auto& [key, value] : area.items()) {
            if (key == "id" || key == "name" || key == "services") {
                continue;
            }
            record[key] = value;
        }
        if (record["languages"].is_object()) {
            record["languages"].erase("by_language");
        }
        if (record["rollup"].is_object()) {
            record["rollup"].erase("services");
        }
        // Missing data as codes in one cell: "capacity_unknown:legal_permits|no_needs".
        auto codes = nlohmann::ordered_json::array();
        for (const auto& missing : area["missing_data"]) {
            std::string code = missing.value("code", "");
            if (missing.contains("service") && missing["service"].is_string()) {
                code += ":" + missing["service"].get<std::string>();
            }
            codes.push_back(code);
        }
        record["missing_data"] = std::move(codes);
        records.push_back(std::move(record));
    }
    return records;
}

Table coverage_ranking_table(const CoverageReport& report, model::Language language) {
    const text::Words words(language);
    const model::Map& map = *report.map;
    const analysis::CoverageResult& coverage = report.coverage;
    Table table;
    table.columns = {"#",
                     words("area"),
                     words("priority"),
                     words("foreign residents"),
                     words("score"),
                     words("access points"),
                     words("languages covered"),
                     words("needs with gaps")};
    table.right_aligned = {true, false, true, true, true, true, true, false};
    for (const auto& [rank, a] : shown_ranking(report)) {
        const AreaCoverage& area = coverage.areas[a];
        // Needed services that are not both present in the area and connected, with their
        // matrix symbol.
        std::vector<std::string> with_gaps;
        for (const auto& cell : area.cells) {
            if (cell.needed && (cell.state != ServiceState::present || !cell.local)) {
                with_gaps.push_back(service_label(*report.vocabulary, cell.service, language) +
                                    " " + cell_symbol(cell));
            }
        }
        std::string gaps_text;
        for (const auto& item : with_gaps) {
            gaps_text += (gaps_text.empty() ? "" : ", ") + item;
        }
        table.rows.push_back(
            {words.integer(static_cast<long long>(rank)), area_name(map, a),
             area.priority ? words.number(*area.priority, 3) : no_data(words),
             area.foreign_residents ? amount_text(words, *area.foreign_residents) : no_data(words),
             score_text(words, area.score),
             words.integer(static_cast<long long>(area.access_points.size())) + "/" +
                 words.integer(static_cast<long long>(coverage.options.access_target)),
             area.language_share ? words.percent(*area.language_share) : no_data(words),
             gaps_text});
    }
    return table;
}

std::string coverage_parts_heading(const analysis::CoverageOptions& options,
                                   model::Language language) {
    const text::Words words(language);
    std::vector<std::string> weights;
    for (ScorePart part : analysis::score_parts) {
        weights.push_back(coverage_part_label(part, language) + " " +
                          words.number(options.weights[part], 3));
    }
    return words("Parts of the score (weights: {weights})", {{"weights", words.list_and(weights)}});
}

Table coverage_parts_table(const CoverageReport& report, model::Language language) {
    const text::Words words(language);
    const analysis::CoverageResult& coverage = report.coverage;
    Table table;
    table.columns = {words("area"), words("score")};
    table.right_aligned = {false, true};
    for (ScorePart part : analysis::score_parts) {
        table.columns.push_back(coverage_part_label(part, language));
        table.right_aligned.push_back(true);
    }
    for (std::size_t a : reading_order(report)) {
        const AreaCoverage& area = coverage.areas[a];
        std::vector<std::string> row{area_name(*report.map, a), score_text(words, area.score)};
        for (ScorePart part : analysis::score_parts) {
            row.push_back(score_text(words, area.part(part)));
        }
        table.rows.push_back(std::move(row));
    }
    return table;
}

Table coverage_matrix_table(const CoverageReport& report, model::Language language) {
    const text::Words words(language);
    const model::Map& map = *report.map;
    const analysis::CoverageResult& coverage = report.coverage;
    Table table;
    table.columns = {words("service")};
    table.right_aligned = {false};
    for (std::size_t a : report.shown) {
        table.columns.push_back(area_name(map, a));
        table.right_aligned.push_back(false);
    }
    for (std::size_t s = 0; s < coverage.services.size(); ++s) {
        std::vector<std::string> row{
            service_label(*report.vocabulary, coverage.services[s], language)};
        for (std::size_t a : report.shown) {
            const ServiceCell& cell = coverage.areas[a].cells[s];
            std::string symbol = cell_symbol(cell);
            if (cell.needed && cell.state != ServiceState::needed_missing) {
                symbol += "*";
            }
            row.push_back(std::move(symbol));
        }
        table.rows.push_back(std::move(row));
    }
    return table;
}

std::vector<std::string> coverage_matrix_legend(model::Language language) {
    const text::Words words(language);
    std::vector<std::string> out;
    for (ServiceState state :
         {ServiceState::present, ServiceState::unconnected, ServiceState::reachable,
          ServiceState::missing, ServiceState::needed_missing}) {
        out.push_back(coverage_state_symbol(state) + " " + coverage_state_label(state, language));
        if (state == ServiceState::present) {
            out.push_back(coverage_state_symbol(state, false) + " " +
                          words("present and connected, but only from city-wide actors (serving "
                                "every area or the parent area)"));
        }
    }
    out.push_back("* " + words("needed according to the needs survey"));
    return out;
}

Table coverage_cells_table(const CoverageReport& report, model::Language language) {
    (void)language;
    const model::Map& map = *report.map;
    const analysis::CoverageResult& coverage = report.coverage;
    Table table;
    table.columns = {"area",   "service", "state",     "local", "needed",
                     "demand", "supply",  "providers", "steps"};
    table.right_aligned = {false, false, false, false, false, true, true, false, true};
    for (std::size_t a : report.shown) {
        for (const auto& cell : coverage.areas[a].cells) {
            std::string providers;
            for (std::size_t actor : cell.providers) {
                providers += (providers.empty() ? "" : " ") + map.actors[actor].id;
            }
            table.rows.push_back({map.areas[a].id, cell.service, analysis::state_id(cell.state),
                                  cell.local ? "yes" : "no", cell.needed ? "yes" : "no",
                                  cell.demand ? format_number(*cell.demand) : "",
                                  format_number(cell.supply), providers,
                                  cell.steps ? std::to_string(*cell.steps) : ""});
        }
    }
    return table;
}

std::vector<std::string> coverage_readings(const CoverageReport& report, model::Language language) {
    std::vector<std::string> out;
    for (std::size_t a : reading_order(report)) {
        const AreaCoverage& area = report.coverage.areas[a];
        out.push_back(area.rollup ? rollup_reading(report, area, language)
                                  : leaf_reading(report, area, language));
    }
    return out;
}

namespace {

/// The services and the area a coverage document is asked for must be known to the map or the
/// vocabulary.
void check_references(const Input& input, const CoverageSettings& settings) {
    const model::Map& map = input.map();
    std::vector<std::string> known;
    for (const auto& term : input.vocabulary().services) {
        known.push_back(term.id);
    }
    for (const auto& actor : map.actors) {
        known.insert(known.end(), actor.services.begin(), actor.services.end());
    }
    for (const auto& need : map.needs) {
        known.push_back(need.service);
    }
    const text::Words words(input.language());
    for (const auto& service : settings.options.services) {
        if (std::find(known.begin(), known.end(), service) == known.end()) {
            const std::string nearest = io::nearest_name(service, known);
            throw UsageError(
                nearest.empty()
                    ? words("no service \"{name}\" in the vocabulary or the map",
                            {{"name", service}})
                    : words("no service \"{name}\" in the vocabulary or the map; did you mean "
                            "\"{nearest}\"?",
                            {{"name", service}, {"nearest", nearest}}),
                "service");
        }
    }
    if (!settings.area.empty() && !map.area_index(settings.area)) {
        throw UsageError(io::unknown_name(words, words("no area"), settings.area, map.area_ids()),
                         "area");
    }
}

} // namespace

Document coverage_document(const Input& input, const CoverageSettings& settings) {
    check_references(input, settings);
    const model::Map& map = input.map();
    const model::Language language = input.language();
    analysis::CoverageOptions options = settings.options;
    options.control = input.settings().control;
    CoverageReport result;
    result.map = &map;
    result.vocabulary = &input.vocabulary();
    result.coverage = analysis::coverage(map, input.vocabulary(), input.graph(), options);
    if (settings.area.empty()) {
        for (std::size_t a = 0; a < map.areas.size(); ++a) {
            result.shown.push_back(a);
        }
    } else {
        result.shown = areas_within(map, settings.area);
    }

    Document document = new_document(input, "coverage");
    document.options()["access_target"] = options.access_target;
    document.options()["within"] = options.within;
    document.options()["service"] = options.services;
    document.options()["area"] = settings.area.empty() ? nlohmann::ordered_json(nullptr)
                                                       : nlohmann::ordered_json(settings.area);
    document.results() = coverage_results(result);
    document.csv_records() = coverage_csv_records(document.results(), settings.matrix);
    if (input.has_what_if()) {
        // Each area's score on the map as it is and with the edit.
        const auto before = analysis::coverage(input.original(), input.vocabulary(),
                                               input.original_graph(), options);
        auto what_if = input.what_if_json();
        what_if["areas"] = coverage_score_changes(map, before, result.coverage);
        document.results()["what_if"] = std::move(what_if);
        document.lead.push_back(input.what_if_text() + " — " +
                                coverage_changes_text(map, before, result.coverage, language));
    }
    document.lead.push_back(coverage_settings_text(options, language));
    if (!settings.matrix) {
        document.blocks.push_back(Block::of_table(coverage_ranking_table(result, language)));
        document.blocks.push_back(Block::heading(coverage_parts_heading(options, language)));
        document.blocks.push_back(Block::of_table(coverage_parts_table(result, language)));
        for (auto& paragraph : coverage_readings(result, language)) {
            document.blocks.push_back(Block::paragraph(std::move(paragraph)));
        }
    }
    document.blocks.push_back(Block::of_table(coverage_matrix_table(result, language)));
    document.blocks.push_back(Block::bullets(coverage_matrix_legend(language)));
    return document;
}

} // namespace stakemap::report
