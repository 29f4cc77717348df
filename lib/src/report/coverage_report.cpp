#include "stakemap/report/coverage_report.hpp"

#include "stakemap/report/language_names.hpp"
#include "stakemap/report/prose.hpp"

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>

namespace stakemap::report {

using analysis::AreaCoverage;
using analysis::DataGapKind;
using analysis::ServiceCell;
using analysis::ServiceState;

namespace {

const std::string& area_name(const model::Map& map, std::size_t area) {
    const model::Area& source = map.areas[area];
    return source.name.empty() ? source.id : source.name;
}

/// People rounded to a whole number, digits grouped by thousands ("1,200" / "1.200").
std::string people(double count, model::Language language) {
    const long long whole = std::llround(count);
    std::string digits = std::to_string(whole < 0 ? -whole : whole);
    const char separator = language == model::Language::it ? '.' : ',';
    for (std::size_t i = digits.size(); i > 3; i -= 3) {
        digits.insert(i - 3, 1, separator);
    }
    return whole < 0 ? "-" + digits : digits;
}

/// A number in running text: a decimal comma in Italian prose (never in JSON or CSV).
std::string prose_number(double value, int digits, model::Language language) {
    std::string text = format_number(value, digits);
    if (language == model::Language::it) {
        for (char& c : text) {
            if (c == '.') {
                c = ',';
            }
        }
    }
    return text;
}

std::string percent(double share, model::Language language) {
    return prose_number(std::round(share * 1000.0) / 10.0, 3, language) + "%";
}

/// A count or amount: written without a fraction when it is whole (2450, not 2450.0).
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
    case DataGapKind::no_community_actors:
        return "no_community_actors";
    case DataGapKind::no_needs:
        return "no_needs";
    case DataGapKind::demand_unknown:
        return "demand_unknown";
    case DataGapKind::capacity_unknown:
        return "capacity_unknown";
    case DataGapKind::sub_area_residents:
        return "sub_area_residents";
    }
    return "";
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
    out["score"] = area.score;
    out["gap"] = area.gap;
    out["priority"] = optional_number(area.priority);
    out["parts"] = {{"services", optional_number(area.services_part)},
                    {"access", area.access_part},
                    {"languages", optional_number(area.languages_part)},
                    {"supply", optional_number(area.supply_part)}};
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
        out["rollup"] = {{"leaves", area_ids(map, rollup.leaves)},
                         {"foreign_residents", amount(rollup.foreign_residents)},
                         {"leaves_without_residents", rollup.leaves_without_residents},
                         {"score", rollup.score},
                         {"access_points", actor_ids(map, rollup.access_points)},
                         {"leaves_below_target", area_ids(map, rollup.leaves_below_target)},
                         {"language_covered_share", optional_number(rollup.language_share)},
                         {"people_with_language", rollup.people_with_language},
                         {"people_covered", rollup.people_covered},
                         {"uncovered_people",
                          [&] {
                              nlohmann::ordered_json list = nlohmann::ordered_json::array();
                              for (const auto& [code, count] : rollup.uncovered_people) {
                                  list.push_back({{"language", code}, {"people", count}});
                              }
                              return list;
                          }()},
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

std::string cell_symbol(const ServiceCell& cell) {
    return analysis::state_symbol(cell.state, cell.local);
}

/// The totals of an area with sub-areas, in one paragraph.
std::string rollup_reading(const CoverageReport& report, const AreaCoverage& area,
                           model::Language language) {
    const bool it = language == model::Language::it;
    const model::Map& map = *report.map;
    const analysis::CoverageResult& coverage = report.coverage;
    const analysis::Rollup& rollup = *area.rollup;
    std::vector<std::string> parts;
    std::string head = area_name(map, area.area) + " (";
    if (area.foreign_residents) {
        head += people(*area.foreign_residents, language) +
                (it ? " residenti stranieri, " : " foreign residents, ");
    }
    head += people(rollup.foreign_residents, language) +
            (it ? " nelle sotto-aree; punteggio medio delle sotto-aree "
                : " in the sub-areas; sub-areas' average score ") +
            prose_number(rollup.score, 3, language) + ")";
    const std::size_t target = coverage.options.access_target;
    std::string points = std::to_string(rollup.access_points.size()) +
                         (it ? " punti di accesso nelle " : " access points in the ") +
                         std::to_string(rollup.leaves.size()) + (it ? " sotto-aree" : " sub-areas");
    if (!rollup.leaves_below_target.empty()) {
        std::vector<std::string> names;
        for (std::size_t leaf : rollup.leaves_below_target) {
            names.push_back(area_name(map, leaf));
        }
        points += (it ? ", sotto l'obiettivo di " : ", below the target of ") +
                  std::to_string(target) + ": " + list_and(names, language);
    }
    parts.push_back(std::move(points));
    if (rollup.language_share) {
        parts.push_back((it ? "lingue coperte " : "languages covered for ") +
                        percent(*rollup.language_share, language) +
                        (it ? " dei residenti stranieri delle sotto-aree"
                            : " of the sub-areas' foreign residents"));
    }
    std::size_t named = 0;
    for (const auto& [code, count] : rollup.uncovered_people) {
        if (named++ == 3) {
            break;
        }
        parts.push_back(
            people(count, language) + (it ? " residenti parlano " : " residents speak ") +
            language_name(code, language) +
            (it ? " dove nessun punto di accesso lo parla" : " where no access point speaks it"));
    }
    std::vector<std::string> missing;
    for (std::size_t s = 0; s < coverage.services.size(); ++s) {
        const std::size_t count =
            rollup.state_counts[s][static_cast<std::size_t>(ServiceState::needed_missing)];
        if (count > 0) {
            missing.push_back(service_label(*report.vocabulary, coverage.services[s], language) +
                              " (" + std::to_string(count) + ")");
        }
    }
    if (!missing.empty()) {
        parts.push_back((it ? "servizi necessari assenti (numero di sotto-aree): "
                            : "needed services missing (number of sub-areas): ") +
                        list_and(missing, language));
    }
    std::vector<std::string> own_missing;
    for (const auto& cell : area.cells) {
        if (cell.state == ServiceState::needed_missing) {
            own_missing.push_back(service_label(*report.vocabulary, cell.service, language));
        }
    }
    if (!own_missing.empty()) {
        parts.push_back((it ? "bisogni registrati per l'area stessa e non coperti: "
                            : "needs recorded for the area itself and not covered: ") +
                        list_and(own_missing, language));
    }
    std::string paragraph = head + ": ";
    for (std::size_t i = 0; i < parts.size(); ++i) {
        paragraph += (i == 0 ? "" : "; ") + parts[i];
    }
    return paragraph + ".";
}

} // namespace

nlohmann::ordered_json coverage_score_changes(const model::Map& map,
                                              const analysis::CoverageResult& before,
                                              const analysis::CoverageResult& after) {
    auto areas = nlohmann::ordered_json::array();
    for (std::size_t a = 0; a < map.areas.size(); ++a) {
        areas.push_back({{"area", map.areas[a].id},
                         {"score_before", before.areas[a].score},
                         {"score_after", after.areas[a].score}});
    }
    return areas;
}

std::string coverage_changes_text(const model::Map& map, const analysis::CoverageResult& before,
                                  const analysis::CoverageResult& after, model::Language language) {
    std::string changes;
    for (std::size_t a = 0; a < map.areas.size(); ++a) {
        const std::string old_score = format_number(before.areas[a].score, 3);
        const std::string new_score = format_number(after.areas[a].score, 3);
        if (old_score != new_score) {
            changes += (changes.empty() ? "" : "; ") + map.areas[a].id + " " + old_score + " → " +
                       new_score;
        }
    }
    if (changes.empty()) {
        return language == model::Language::it ? "nessun punteggio cambia" : "no score changes";
    }
    return changes;
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
    std::vector<std::size_t> out;
    for (std::size_t a = 0; a < map.areas.size(); ++a) {
        std::size_t current = a;
        for (std::size_t guard = 0; guard <= map.areas.size(); ++guard) {
            if (map.areas[current].id == area) {
                out.push_back(a);
                break;
            }
            const auto& parent = map.areas[current].parent;
            const auto next = parent ? map.area_index(*parent) : std::nullopt;
            if (!next) {
                break;
            }
            current = *next;
        }
    }
    return out;
}

nlohmann::ordered_json coverage_results(const CoverageReport& report) {
    const model::Map& map = *report.map;
    const analysis::CoverageResult& coverage = report.coverage;
    nlohmann::ordered_json out;
    out["access_target"] = coverage.options.access_target;
    out["within"] = coverage.options.within;
    out["weights"] = {{"services", coverage.options.weights.services},
                      {"access", coverage.options.weights.access},
                      {"languages", coverage.options.weights.languages},
                      {"supply", coverage.options.weights.supply}};
    auto services = nlohmann::ordered_json::array();
    for (const auto& service : coverage.services) {
        services.push_back(
            {{"id", service},
             {"label", service_label(*report.vocabulary, service, model::Language::en)},
             {"label_it", service_label(*report.vocabulary, service, model::Language::it)}});
    }
    out["services"] = std::move(services);
    auto ranking = nlohmann::ordered_json::array();
    for (const auto& [rank, a] : shown_ranking(report)) {
        const AreaCoverage& area = coverage.areas[a];
        ranking.push_back({{"rank", rank},
                           {"area", map.areas[a].id},
                           {"name", area_name(map, a)},
                           {"foreign_residents", optional_amount(area.foreign_residents)},
                           {"score", area.score},
                           {"gap", area.gap},
                           {"priority", optional_number(area.priority)}});
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

Table coverage_ranking_table(const CoverageReport& report, model::Language language) {
    const bool it = language == model::Language::it;
    const model::Map& map = *report.map;
    const analysis::CoverageResult& coverage = report.coverage;
    Table table;
    table.columns = {"#",
                     it ? "area" : "area",
                     it ? "residenti stranieri" : "foreign residents",
                     it ? "punteggio" : "score",
                     it ? "punti di accesso" : "access points",
                     it ? "lingue coperte" : "languages covered",
                     it ? "bisogni con lacune" : "needs with gaps"};
    table.right_aligned = {true, false, true, true, true, true, false};
    for (const auto& [rank, a] : shown_ranking(report)) {
        const AreaCoverage& area = coverage.areas[a];
        // Needed services that are not both present in the area and connected, with their
        // matrix symbol.
        std::string missing_text;
        for (const auto& cell : area.cells) {
            if (cell.needed && (cell.state != ServiceState::present || !cell.local)) {
                missing_text +=
                    (missing_text.empty() ? "" : ", ") + cell.service + " " + cell_symbol(cell);
            }
        }
        table.rows.push_back(
            {std::to_string(rank), area_name(map, a),
             area.foreign_residents ? people(*area.foreign_residents, language) : "–",
             format_number(area.score, 3),
             std::to_string(area.access_points.size()) + "/" +
                 std::to_string(coverage.options.access_target),
             area.language_share ? format_number(*area.language_share * 100.0, 3) + "%" : "–",
             missing_text});
    }
    return table;
}

Table coverage_matrix_table(const CoverageReport& report, model::Language language) {
    const model::Map& map = *report.map;
    const analysis::CoverageResult& coverage = report.coverage;
    Table table;
    table.columns = {language == model::Language::it ? "servizio" : "service"};
    table.right_aligned = {false};
    for (std::size_t a : report.shown) {
        table.columns.push_back(area_name(map, a));
        table.right_aligned.push_back(false);
    }
    for (std::size_t s = 0; s < coverage.services.size(); ++s) {
        std::vector<std::string> row{coverage.services[s]};
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
    std::vector<std::string> out;
    for (ServiceState state :
         {ServiceState::present, ServiceState::unconnected, ServiceState::reachable,
          ServiceState::missing, ServiceState::needed_missing}) {
        out.push_back(analysis::state_symbol(state) + " " + analysis::state_label(state, language));
        if (state == ServiceState::present) {
            out.push_back(language == model::Language::it
                              ? "○ presente, ma solo da attori cittadini (che servono tutte le "
                                "aree o l'area superiore)"
                              : "○ present, but only from city-wide actors (serving every area or "
                                "the parent area)");
        }
    }
    out.push_back(language == model::Language::it
                      ? "* necessario secondo la rilevazione dei bisogni"
                      : "* needed according to the needs survey");
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
    const bool it = language == model::Language::it;
    const model::Map& map = *report.map;
    const model::Vocabulary& vocabulary = *report.vocabulary;
    const analysis::CoverageResult& coverage = report.coverage;
    const std::size_t target = coverage.options.access_target;
    auto label = [&](const std::string& service) {
        return service_label(vocabulary, service, language);
    };
    auto actor_names = [&](const std::vector<std::size_t>& actors) {
        std::vector<std::string> names;
        for (std::size_t actor : actors) {
            names.push_back(map.actors[actor].name);
        }
        return list_and(names, language);
    };

    std::vector<std::size_t> order;
    for (std::size_t a : coverage.ranking) {
        if (is_shown(report, a)) {
            order.push_back(a);
        }
    }
    for (std::size_t a : report.shown) {
        if (!coverage.areas[a].sub_areas.empty()) {
            order.push_back(a);
        }
    }

    std::vector<std::string> out;
    for (std::size_t a : order) {
        const AreaCoverage& area = coverage.areas[a];
        if (area.rollup) {
            out.push_back(rollup_reading(report, area, language));
            continue;
        }
        std::vector<std::string> parts;
        std::string head = area_name(map, a) + " (";
        if (area.foreign_residents) {
            head += people(*area.foreign_residents, language) +
                    (it ? " residenti stranieri; " : " foreign residents; ");
        }
        head += (it ? "punteggio " : "score ") + prose_number(area.score, 3, language);
        head += ")";

        // Access points against the target.
        const std::size_t points = area.access_points.size();
        if (points == 0) {
            parts.push_back(it ? "nessun punto di accesso (obiettivo " + std::to_string(target) +
                                     ")"
                               : "no access point (target " + std::to_string(target) + ")");
        } else if (points < target) {
            parts.push_back(
                it ? std::to_string(points) +
                         (points == 1 ? " punto di accesso su " : " punti di accesso su ") +
                         std::to_string(target) + " (" + actor_names(area.access_points) + ")"
                   : std::to_string(points) + " access point" + (points == 1 ? "" : "s") + " of " +
                         std::to_string(target) + " (" + actor_names(area.access_points) + ")");
        } else {
            parts.push_back(it ? std::to_string(points) + " punti di accesso (obiettivo " +
                                     std::to_string(target) + " raggiunto)"
                               : std::to_string(points) + " access points (target " +
                                     std::to_string(target) + " met)");
        }
        if (points < target && !area.wider_access_points.empty()) {
            const std::size_t wider = area.wider_access_points.size();
            parts.push_back(it ? std::to_string(wider) +
                                     (wider == 1 ? " punto di accesso cittadino serve"
                                                 : " punti di accesso cittadini servono") +
                                     " anche quest'area"
                               : std::to_string(wider) + " city-wide access point" +
                                     (wider == 1 ? " also serves" : "s also serve") + " the area");
        }

        // Languages nobody speaks where people walk in, largest groups first (at most three).
        std::size_t named = 0;
        for (const auto& figure : area.languages) {
            if (!figure.access_points.empty() || figure.share <= 0.0 || named == 3) {
                continue;
            }
            ++named;
            const std::string who =
                area.foreign_residents
                    ? people(figure.people, language) +
                          (it ? " residenti parlano " : " residents speak ")
                    : percent(figure.share, language) +
                          (it ? " dei residenti stranieri parla " : " of foreign residents speak ");
            std::string sentence =
                who + language_name(figure.language, language) +
                (it ? ", nessun punto di accesso lo parla" : ", no access point speaks it");
            if (figure.speakers_elsewhere > 0) {
                sentence += it ? " (" + std::to_string(figure.speakers_elsewhere) +
                                     (figure.speakers_elsewhere == 1 ? " attore" : " attori") +
                                     " della mappa sì)"
                               : " (" + std::to_string(figure.speakers_elsewhere) + " actor" +
                                     (figure.speakers_elsewhere == 1 ? "" : "s") +
                                     " elsewhere on the map do)";
            }
            parts.push_back(std::move(sentence));
        }

        // Needs: missing first, then reachable only through the network, then unconnected,
        // then offered only by city-wide actors.
        for (ServiceState wanted :
             {ServiceState::needed_missing, ServiceState::reachable, ServiceState::unconnected}) {
            for (const auto& cell : area.cells) {
                if (!cell.needed || cell.state != wanted) {
                    continue;
                }
                const std::string demand = cell.demand ? (it ? " (domanda " : " (demand ") +
                                                             people(*cell.demand, language) + ")"
                                                       : "";
                const std::string service = "«" + label(cell.service) + "»";
                if (wanted == ServiceState::needed_missing) {
                    parts.push_back(
                        service +
                        (it ? ": necessario" + demand + ", nessuno lo offre né è raggiungibile"
                            : ": needed" + demand +
                                  ", nobody offers it and no provider is reachable"));
                } else if (wanted == ServiceState::reachable) {
                    const std::size_t steps = cell.steps.value_or(0);
                    const std::string via = map.actors[*cell.reached].name;
                    parts.push_back(
                        service +
                        (it ? ": necessario" + demand + ", raggiungibile solo in " +
                                  std::to_string(steps) +
                                  (steps == 1 ? " passaggio" : " passaggi") + " (" + via + ")"
                            : ": needed" + demand + ", only reachable through " +
                                  std::to_string(steps) + (steps == 1 ? " step" : " steps") + " (" +
                                  via + ")"));
                } else {
                    parts.push_back(service +
                                    (it ? ": offerto" + demand +
                                              ", ma nessuna comunità dell'area è collegata a chi "
                                              "lo offre"
                                        : ": offered" + demand +
                                              ", but no community of the area is connected to "
                                              "its providers"));
                }
            }
        }
        std::vector<std::string> wider_only;
        std::vector<std::string> unspoken;
        for (const auto& cell : area.cells) {
            if (cell.needed && !cell.providers.empty() && !cell.local) {
                wider_only.push_back(label(cell.service));
            }
            if (cell.needed && !cell.unspoken_languages.empty()) {
                std::vector<std::string> names;
                for (const auto& code : cell.unspoken_languages) {
                    names.push_back(language_name(code, language));
                }
                unspoken.push_back(label(cell.service) + " (" + list_and(names, language) + ")");
            }
        }
        if (!wider_only.empty()) {
            parts.push_back((it ? "offerti solo da attori cittadini, non nell'area: "
                                : "offered only by city-wide actors, not in the area: ") +
                            list_and(wider_only, language));
        }
        if (!unspoken.empty()) {
            parts.push_back((it ? "bisogni senza un fornitore che parli la lingua richiesta: "
                                : "needs without a provider speaking the language asked for: ") +
                            list_and(unspoken, language));
        }
        if (area.supply_part && *area.supply_part < 1.0) {
            parts.push_back(
                it ? "l'offerta copre il " + percent(*area.supply_part, language) + " della domanda"
                   : "supply covers " + percent(*area.supply_part, language) + " of demand");
        }
        if (std::any_of(area.data_gaps.begin(), area.data_gaps.end(), [](const auto& gap) {
                return gap.kind == DataGapKind::no_community_actors;
            })) {
            parts.push_back(it ? "nessun attore di comunità: raggiungibilità non valutata"
                               : "no community actor: network reach not assessed");
        }
        std::string paragraph = head + ": ";
        for (std::size_t i = 0; i < parts.size(); ++i) {
            paragraph += (i == 0 ? "" : "; ") + parts[i];
        }
        out.push_back(paragraph + ".");
    }
    return out;
}

} // namespace stakemap::report
