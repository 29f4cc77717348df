#include "stakemap/report/profile_report.hpp"

#include "stakemap/report/centrality_report.hpp"

#include "stakemap/io/diagnostics.hpp"
#include "stakemap/report/coverage_report.hpp"
#include "stakemap/report/gaps_report.hpp"
#include "stakemap/report/language_names.hpp"
#include "stakemap/report/table.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

namespace stakemap::report {

namespace {

using text::N_;

struct Named {
    const char* id;
    const char* text;
};

constexpr Named quadrants[] = {
    {"manage_closely", N_("manage closely (high power, high interest)")},
    {"keep_satisfied", N_("keep satisfied (high power, low interest)")},
    {"keep_informed", N_("keep informed (low power, high interest)")},
    {"monitor", N_("monitor (low power, low interest)")},
};

constexpr Named salience_classes[] = {
    {"definitive", N_("definitive (power, legitimacy and urgency)")},
    {"dominant", N_("dominant (power and legitimacy)")},
    {"dangerous", N_("dangerous (power and urgency)")},
    {"dependent", N_("dependent (legitimacy and urgency)")},
    {"dormant", N_("dormant (power only)")},
    {"discretionary", N_("discretionary (legitimacy only)")},
    {"demanding", N_("demanding (urgency only)")},
    {"non_stakeholder", N_("no attribute held")},
};

std::string named(const Named* begin, const Named* end, const std::string& id,
                  const text::Words& words) {
    for (const Named* name = begin; name != end; ++name) {
        if (id == name->id) {
            return words(name->text);
        }
    }
    return id;
}

/// A measure's name, and what rank 1 means for it: every rank puts the highest value first, which
/// is the most central actor for every measure but constraint, where the highest value is the
/// most constrained actor (the least brokerage).
struct MeasureText {
    analysis::Measure measure;
    const char* first;
};

constexpr MeasureText measure_texts[] = {
    {analysis::Measure::degree, N_("the most ties")},
    {analysis::Measure::in_degree, N_("the most incoming ties")},
    {analysis::Measure::out_degree, N_("the most outgoing ties")},
    {analysis::Measure::neighbours, N_("the most partners")},
    {analysis::Measure::strength, N_("the largest total weight of ties")},
    {analysis::Measure::betweenness, N_("the most often between others on shortest paths")},
    {analysis::Measure::closeness, N_("the closest to the others")},
    {analysis::Measure::harmonic, N_("the closest to the others (harmonic)")},
    {analysis::Measure::eigenvector, N_("the best tied to well-tied actors")},
    {analysis::Measure::pagerank, N_("the most pointed to by central actors")},
    {analysis::Measure::coreness, N_("the deepest in the core")},
    {analysis::Measure::constraint, N_("the most constrained (least brokerage)")},
    {analysis::Measure::effective_size, N_("the most non-redundant contacts")},
    {analysis::Measure::clustering, N_("the one whose partners are most tied to each other")},
};

const MeasureText* measure_text(analysis::Measure measure) {
    for (const auto& text : measure_texts) {
        if (text.measure == measure) {
            return &text;
        }
    }
    return nullptr;
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
    const text::Words words(language);
    const auto integer = [&](std::size_t n) {
        return words.integer(static_cast<long long>(n));
    };
    const model::Actor& actor = map.actors[profile.actor];
    const std::size_t n = map.actors.size();
    // Names and ids are in most lines: each line is escaped for Markdown as it is written.
    const auto shown = [markdown](const std::string& text) {
        return markdown ? markdown_text(text) : text;
    };
    std::string out = (markdown ? "### " : "") + shown(actor.name + " (" + actor.id + ")") + "\n\n";
    const model::KindTerm* kind = vocabulary.find_kind(actor.kind_id());
    out += shown(
        words("Kind: {kind}",
              {{"kind", kind != nullptr ? model::text(kind->label, language) : actor.kind_id()}}));
    if (actor.area) {
        const auto area = map.area_index(*actor.area);
        out += shown("; " + words("area: {area}", {{"area", area && !map.areas[*area].name.empty()
                                                                ? map.areas[*area].name
                                                                : *actor.area}}));
    }
    out += "\n";
    out += shown(words(
               "Power–interest quadrant: {quadrant}",
               {{"quadrant", profile.quadrant ? named(std::begin(quadrants), std::end(quadrants),
                                                      *profile.quadrant, words)
                                              : words("scores missing")}})) +
           "\n";
    out += shown(words("Salience (Mitchell, Agle and Wood): {class}",
                       {{"class", profile.salience
                                      ? named(std::begin(salience_classes),
                                              std::end(salience_classes), *profile.salience, words)
                                      : words("scores missing")}})) +
           "\n\n";

    // Every rank puts the highest value first; the last column says what that means, since for
    // constraint the highest value is the least brokerage.
    Table measures;
    measures.columns = {words("measure"), words("value"), words("rank"), words("rank 1 is")};
    measures.right_aligned = {false, true, true, false};
    for (const auto& m : profile.measures) {
        const MeasureText* text = measure_text(m.measure);
        // Values below 1e-12 of the measure's largest are rounding noise: print them as 0.
        const double value = std::fabs(m.value) < 1e-12 * m.largest ? 0.0 : m.value;
        measures.rows.push_back(
            {measure_label(m.measure, words), std::isnan(m.value) ? "–" : words.number(value, 4),
             m.rank == 0 ? "–"
                         : words("{rank} of {n}", {{"rank", integer(m.rank)}, {"n", integer(n)}}),
             text != nullptr ? words(text->first) : ""});
    }
    out += markdown ? render_markdown(measures) : render_text(measures);
    out += "\n";
    out += shown(words("Brokerage roles (by sector): coordinator {coordinator}, gatekeeper "
                       "{gatekeeper}, representative {representative}, consultant {consultant}, "
                       "liaison {liaison}",
                       {{"coordinator", words.number(profile.roles.coordinator, 6)},
                        {"gatekeeper", words.number(profile.roles.gatekeeper, 6)},
                        {"representative", words.number(profile.roles.representative, 6)},
                        {"consultant", words.number(profile.roles.consultant, 6)},
                        {"liaison", words.number(profile.roles.liaison, 6)}})) +
           "\n";
    // Partners are distinct actors of U: a pair tied in both directions is one partner.
    const std::size_t partners = profile.neighbours.size();
    if (partners == 0) {
        out += shown(words("Ego network: no direct tie")) + "\n";
    } else {
        std::string by_sector;
        for (const auto& [sector, count] : profile.neighbours_by_sector) {
            const model::Term* term = vocabulary.find_sector(sector);
            by_sector += (by_sector.empty() ? "" : ", ") +
                         words("{name}: {count}",
                               {{"name", term != nullptr ? model::text(term->label, language)
                                                         : words("no sector")},
                                {"count", integer(count)}});
        }
        std::string line = words.plural("Ego network: direct ties with {n} actor ({sectors})",
                                        "Ego network: direct ties with {n} actors ({sectors})",
                                        partners, {{"sectors", by_sector}});
        if (partners >= 2) {
            line += "; " + words.plural("{n} tie among them, density {density}",
                                        "{n} ties among them, density {density}",
                                        profile.ties_among_neighbours,
                                        {{"density", words.number(profile.ego_density, 3)}});
        }
        out += shown(line) + "\n";
    }
    std::vector<std::string> lost;
    if (profile.cut) {
        GapsReport gaps;
        gaps.map = &map;
        gaps.vocabulary = &vocabulary;
        gaps.graph = &graph;
        lost.push_back(cut_consequences(gaps, *profile.cut, language));
    }
    if (!profile.only_services.empty()) {
        std::vector<std::string> services;
        for (const auto& service : profile.only_services) {
            services.push_back("«" + service_label(vocabulary, service, language) + "»");
        }
        lost.push_back(
            words("no other actor offers {services}", {{"services", words.list_and(services)}}));
    }
    if (!profile.only_languages.empty()) {
        std::vector<std::string> languages;
        for (const auto& code : profile.only_languages) {
            languages.push_back(language_name(code, language));
        }
        lost.push_back(
            words("no other actor speaks {languages}", {{"languages", words.list_and(languages)}}));
    }
    if (lost.empty()) {
        out += shown(words(
                   "Without this actor: nobody is cut off and no service or language is lost.")) +
               "\n";
    } else {
        std::string consequences;
        for (const auto& part : lost) {
            consequences += (consequences.empty() ? "" : "; ") + part;
        }
        out +=
            shown(words("Without this actor: {consequences}.", {{"consequences", consequences}})) +
            "\n";
    }
    return out;
}

Document profile_document(const Input& input, const std::string& id) {
    const model::Map& map = input.map();
    const text::Words words(input.language());
    const auto index = map.actor_index(id);
    if (!index) {
        std::string message = words("no actor \"{id}\" in this map", {{"id", id}});
        const std::string nearest = io::nearest_name(id, map.actor_ids());
        if (!nearest.empty()) {
            message += words("; did you mean \"{name}\"?", {{"name", nearest}});
        }
        throw UsageError(message);
    }
    const auto profile = analysis::profile(
        map, input.vocabulary(), input.graph(), *index,
        {.threads = input.settings().threads, .control = input.settings().control});
    Document document = new_document(input, "profile");
    document.title.clear(); // the profile's own text opens with the actor's name
    document.options()["actor"] = id;
    document.results() = profile_results(map, profile);
    document.no_csv = words("profile prints json, table or md; CSV has no place for it");
    document.blocks.push_back(Block::prose(
        profile_text(map, input.vocabulary(), input.graph(), profile, input.language(), false),
        profile_text(map, input.vocabulary(), input.graph(), profile, input.language(), true)));
    return document;
}

} // namespace stakemap::report
