#include "stakemap/report/profile_report.hpp"

#include "stakemap/report/coverage_report.hpp"
#include "stakemap/report/gaps_report.hpp"
#include "stakemap/report/language_names.hpp"
#include "stakemap/report/table.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

namespace stakemap::report {

namespace {

std::string quadrant_name(const std::string& id, bool it) {
    if (id == "manage_closely") {
        return it ? "coinvolgere da vicino (potere e interesse alti)"
                  : "manage closely (high power, high interest)";
    }
    if (id == "keep_satisfied") {
        return it ? "tenere soddisfatto (potere alto, interesse basso)"
                  : "keep satisfied (high power, low interest)";
    }
    if (id == "keep_informed") {
        return it ? "tenere informato (potere basso, interesse alto)"
                  : "keep informed (low power, high interest)";
    }
    return it ? "monitorare (potere e interesse bassi)" : "monitor (low power, low interest)";
}

std::string salience_name(const std::string& id, bool it) {
    struct Name {
        const char* id;
        const char* it;
        const char* en;
    };
    static constexpr Name names[] = {
        {"definitive", "definitivo (potere, legittimità e urgenza)",
         "definitive (power, legitimacy and urgency)"},
        {"dominant", "dominante (potere e legittimità)", "dominant (power and legitimacy)"},
        {"dangerous", "pericoloso (potere e urgenza)", "dangerous (power and urgency)"},
        {"dependent", "dipendente (legittimità e urgenza)", "dependent (legitimacy and urgency)"},
        {"dormant", "dormiente (solo potere)", "dormant (power only)"},
        {"discretionary", "discrezionale (solo legittimità)", "discretionary (legitimacy only)"},
        {"demanding", "esigente (solo urgenza)", "demanding (urgency only)"},
        {"non_stakeholder", "nessun attributo alto", "no attribute held"},
    };
    for (const auto& name : names) {
        if (id == name.id) {
            return it ? name.it : name.en;
        }
    }
    return id;
}

} // namespace

nlohmann::ordered_json profile_results(const model::Map& map,
                                       const analysis::ActorProfile& profile) {
    const model::Actor& actor = map.actors[profile.actor];
    nlohmann::ordered_json out;
    out["actor"] = actor.id;
    out["name"] = actor.name;
    out["kind"] = actor.kind_id();
    out["area"] = actor.area ? nlohmann::ordered_json(*actor.area) : nullptr;
    auto measures = nlohmann::ordered_json::object();
    for (const auto& m : profile.measures) {
        measures[analysis::measure_key(m.measure)] = {
            {"value", std::isnan(m.value) ? nlohmann::ordered_json(nullptr)
                                          : nlohmann::ordered_json(m.value)},
            {"rank",
             m.rank == 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(m.rank)}};
    }
    out["measures"] = std::move(measures);
    out["brokerage_by_sector"] = {{"coordinator", profile.roles.coordinator},
                                  {"gatekeeper", profile.roles.gatekeeper},
                                  {"representative", profile.roles.representative},
                                  {"consultant", profile.roles.consultant},
                                  {"liaison", profile.roles.liaison}};
    out["quadrant"] = profile.quadrant ? nlohmann::ordered_json(*profile.quadrant) : nullptr;
    out["salience"] = profile.salience ? nlohmann::ordered_json(*profile.salience) : nullptr;
    auto neighbours = nlohmann::ordered_json::array();
    for (std::size_t v : profile.neighbours) {
        neighbours.push_back(map.actors[v].id);
    }
    auto sectors = nlohmann::ordered_json::object();
    for (const auto& [sector, count] : profile.neighbours_by_sector) {
        sectors[sector.empty() ? "none" : sector] = count;
    }
    out["ego"] = {{"neighbours", std::move(neighbours)},
                  {"by_sector", std::move(sectors)},
                  {"ties_among_neighbours", profile.ties_among_neighbours},
                  {"density", profile.ego_density}};
    nlohmann::ordered_json without;
    without["cut_actor"] = profile.cut.has_value();
    if (profile.cut) {
        auto cut_off = nlohmann::ordered_json::array();
        for (std::size_t v : profile.cut->cut_off_actors) {
            cut_off.push_back(map.actors[v].id);
        }
        without["cut_off"] = profile.cut->cut_off;
        without["cut_off_actors"] = std::move(cut_off);
        without["detailed"] = profile.cut->detailed;
        without["services_lost"] = profile.cut->services_lost;
        without["languages_lost"] = profile.cut->languages_lost;
        without["lose_path_to_institutions"] = profile.cut->lose_institutions_total;
    }
    without["only_services"] = profile.only_services;
    without["only_languages"] = profile.only_languages;
    out["without"] = std::move(without);
    return out;
}

std::string profile_text(const model::Map& map, const model::Vocabulary& vocabulary,
                         const graph::AnalysisGraph& graph, const analysis::ActorProfile& profile,
                         model::Language language, bool markdown) {
    const bool it = language == model::Language::it;
    const model::Actor& actor = map.actors[profile.actor];
    const std::size_t n = map.actors.size();
    std::string out = (markdown ? "### " : "") + actor.name + " (" + actor.id + ")\n\n";
    const model::KindTerm* kind = vocabulary.find_kind(actor.kind_id());
    out += (it ? "Tipo: " : "Kind: ") +
           (kind != nullptr ? model::text(kind->label, language) : actor.kind_id());
    if (actor.area) {
        const auto area = map.area_index(*actor.area);
        out += (it ? "; area: " : "; area: ") + (area ? map.areas[*area].name : *actor.area);
    }
    out += "\n";
    out += (it ? "Quadrante potere–interesse: " : "Power–interest quadrant: ") +
           (profile.quadrant ? quadrant_name(*profile.quadrant, it)
                             : (it ? "punteggi mancanti" : "scores missing")) +
           "\n";
    out += (it ? "Salienza (Mitchell, Agle e Wood): " : "Salience (Mitchell, Agle and Wood): ") +
           (profile.salience ? salience_name(*profile.salience, it)
                             : (it ? "punteggi mancanti" : "scores missing")) +
           "\n\n";

    Table measures;
    measures.columns = {it ? "misura" : "measure", it ? "valore" : "value",
                        it ? "posizione" : "rank"};
    measures.right_aligned = {false, true, true};
    for (const auto& m : profile.measures) {
        measures.rows.push_back(
            {analysis::measure_key(m.measure),
             std::isnan(m.value) ? "–" : format_number(m.value, 4),
             m.rank == 0 ? "–"
                         : std::to_string(m.rank) + (it ? " su " : " of ") + std::to_string(n)});
    }
    out += markdown ? render_markdown(measures) : render_text(measures);
    out += "\n";
    out += std::string(it ? "Ruoli di intermediazione (per settore): "
                          : "Brokerage roles (by sector): ") +
           (it ? "coordinatore " : "coordinator ") + format_number(profile.roles.coordinator) +
           (it ? ", custode " : ", gatekeeper ") + format_number(profile.roles.gatekeeper) +
           (it ? ", rappresentante " : ", representative ") +
           format_number(profile.roles.representative) + (it ? ", consulente " : ", consultant ") +
           format_number(profile.roles.consultant) + (it ? ", collegamento " : ", liaison ") +
           format_number(profile.roles.liaison) + "\n";
    out += (it ? "Rete personale: " : "Ego network: ") + std::to_string(profile.neighbours.size()) +
           (it ? " vicini (" : " neighbours (");
    for (std::size_t i = 0; i < profile.neighbours_by_sector.size(); ++i) {
        const auto& [sector, count] = profile.neighbours_by_sector[i];
        const model::Term* term = vocabulary.find_sector(sector);
        out += (i == 0 ? "" : ", ") +
               (term != nullptr ? model::text(term->label, language)
                                : std::string(it ? "senza settore" : "no sector")) +
               " " + std::to_string(count);
    }
    out += (it ? "), " : "), ") + std::to_string(profile.ties_among_neighbours) +
           (it ? " legami tra loro, densità " : " ties among them, density ") +
           format_number(profile.ego_density, 3) + "\n";
    out += it ? "Senza questo attore: " : "Without this actor: ";
    std::vector<std::string> lost;
    if (profile.cut) {
        GapsReport gaps;
        gaps.map = &map;
        gaps.vocabulary = &vocabulary;
        gaps.graph = &graph;
        gaps.gaps.cut_actors = {*profile.cut};
        gaps.top = 1;
        const auto sentences = cut_actor_sentences(gaps, language);
        lost.push_back(sentences.front());
    }
    if (!profile.only_services.empty()) {
        std::string services;
        for (const auto& service : profile.only_services) {
            services +=
                (services.empty() ? "" : ", ") + service_label(vocabulary, service, language);
        }
        lost.push_back((it ? "nessun altro attore offre " : "no other actor offers ") + services);
    }
    if (!profile.only_languages.empty()) {
        std::string languages;
        for (const auto& code : profile.only_languages) {
            languages += (languages.empty() ? "" : ", ") + language_name(code, language);
        }
        lost.push_back((it ? "nessun altro attore parla " : "no other actor speaks ") + languages);
    }
    if (lost.empty()) {
        out += it ? "nessuno resta separato e nessun servizio o lingua va perso.\n"
                  : "nobody is cut off and no service or language is lost.\n";
    } else {
        for (std::size_t i = 0; i < lost.size(); ++i) {
            out += (i == 0 ? "" : "; ") + lost[i];
        }
        out += "\n";
    }
    return out;
}

} // namespace stakemap::report
