#include "stakemap/report/diff_report.hpp"

#include "stakemap/analysis/centrality.hpp"
#include "stakemap/analysis/stats.hpp"
#include "stakemap/io/rules_reader.hpp"
#include "stakemap/report/centrality_report.hpp"
#include "stakemap/report/gaps_report.hpp"
#include "stakemap/text/words.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

namespace stakemap::report {

namespace {

using Json = nlohmann::ordered_json;
using text::N_;

/// Everything one round needs to be compared: its input and what was computed on it.
struct Round {
    const Input* input = nullptr;
    analysis::MapStats stats;
    std::vector<double> betweenness;
    std::vector<double> neighbours; ///< distinct partners, each tie counted once
    analysis::GapsResult gaps;
    analysis::CoverageResult coverage;

    const model::Map& map() const { return input->map(); }
    const graph::AnalysisGraph& graph() const { return input->graph(); }
};

/// Names listed in one sentence before "and N others".
constexpr std::size_t names_listed = 10;

Json number_or_null(double value) {
    return std::isnan(value) ? Json(nullptr) : Json(value);
}

Json optional_number(const std::optional<double>& value) {
    return value ? Json(*value) : Json(nullptr);
}

/// A number of the map format as the map file writes it: whole numbers without a fraction
/// (capacity 4200, weight 3).
Json map_number(double value) {
    if (std::fabs(value) < 9.0e15 && value == std::trunc(value)) {
        return static_cast<std::int64_t>(value);
    }
    return value;
}

Json optional_map_number(const std::optional<double>& value) {
    return value ? map_number(*value) : Json(nullptr);
}

Json optional_text(const std::optional<std::string>& value) {
    return value ? Json(*value) : Json(nullptr);
}

Json attribute_json(const model::AttributeValue& value) {
    if (const auto* number = std::get_if<double>(&value)) {
        return map_number(*number);
    }
    return std::visit([](const auto& v) { return Json(v); }, value);
}

Json attribute_field(const std::map<std::string, model::AttributeValue>& attributes,
                     const std::string& field) {
    const auto found = attributes.find(field.substr(std::string("attributes.").size()));
    return found == attributes.end() ? Json(nullptr) : attribute_json(found->second);
}

bool is_attribute(const std::string& field) {
    return field.rfind("attributes.", 0) == 0;
}

/// An actor's field as the JSON of the map format would hold it (null when not given).
Json actor_field(const model::Actor& actor, const std::string& field) {
    if (is_attribute(field)) {
        return attribute_field(actor.attributes, field);
    }
    if (field == "name") {
        return actor.name;
    }
    if (field == "short") {
        return optional_text(actor.short_name);
    }
    if (field == "kind") {
        return actor.kind_id();
    }
    if (field == "level") {
        return optional_text(actor.level);
    }
    if (field == "area") {
        return optional_text(actor.area);
    }
    if (field == "serves") {
        if (actor.serves_all) {
            return "*";
        }
        return actor.serves ? Json(*actor.serves) : Json(nullptr);
    }
    if (field == "services") {
        return actor.services;
    }
    if (field == "languages") {
        return actor.languages;
    }
    if (field == "capacity") {
        return optional_map_number(actor.capacity);
    }
    const std::pair<const char*, const std::optional<int>*> scores[] = {
        {"power", &actor.power},
        {"interest", &actor.interest},
        {"legitimacy", &actor.legitimacy},
        {"urgency", &actor.urgency}};
    for (const auto& [name, score] : scores) {
        if (field == name) {
            return *score ? Json(**score) : Json(nullptr);
        }
    }
    if (field == "access_point") {
        return actor.access_point ? Json(*actor.access_point) : Json(nullptr);
    }
    if (field == "tags") {
        return actor.tags;
    }
    if (field == "note") {
        return actor.note;
    }
    return nullptr;
}

/// A relation's field as the JSON of the map format would hold it; `directed` with the map's
/// default applied.
Json relation_field(const model::Map& map, const model::Relation& relation,
                    const std::string& field) {
    if (is_attribute(field)) {
        return attribute_field(relation.attributes, field);
    }
    if (field == "id") {
        return optional_text(relation.id);
    }
    if (field == "source") {
        return relation.source;
    }
    if (field == "target") {
        return relation.target;
    }
    if (field == "type") {
        return optional_text(relation.type);
    }
    if (field == "weight") {
        return map_number(relation.weight);
    }
    if (field == "directed") {
        return map.is_directed(relation);
    }
    if (field == "since") {
        return optional_text(relation.since);
    }
    if (field == "until") {
        return optional_text(relation.until);
    }
    if (field == "formality") {
        return optional_text(relation.formality);
    }
    if (field == "confidence") {
        return optional_map_number(relation.confidence);
    }
    if (field == "informants") {
        return relation.informants;
    }
    if (field == "note") {
        return relation.note;
    }
    return nullptr;
}

/// What identifies a relation in the results: id (null without one), ends, type and direction.
Json relation_identity(const model::Map& map, const model::Relation& relation) {
    // Objects are built key by key: braced lists of nlohmann::json values take GCC minutes to
    // optimise.
    Json out = Json::object();
    out["id"] = optional_text(relation.id);
    out["source"] = relation.source;
    out["target"] = relation.target;
    out["type"] = optional_text(relation.type);
    out["directed"] = map.is_directed(relation);
    return out;
}

/// The changed fields of two versions, {"fields": [...], "before": {...}, "after": {...}}.
template <typename BeforeValue, typename AfterValue>
void add_changed_fields(Json& out, const std::vector<std::string>& fields, BeforeValue before_value,
                        AfterValue after_value) {
    Json before = Json::object();
    Json after = Json::object();
    for (const auto& field : fields) {
        before[field] = before_value(field);
        after[field] = after_value(field);
    }
    out["fields"] = fields;
    out["before"] = std::move(before);
    out["after"] = std::move(after);
}

Json actors_json(const analysis::MapDiff& diff, const model::Map& before, const model::Map& after) {
    Json added = Json::array();
    for (const std::size_t v : diff.actors_added) {
        added.push_back(after.actors[v].id);
    }
    Json removed = Json::array();
    for (const std::size_t v : diff.actors_removed) {
        removed.push_back(before.actors[v].id);
    }
    Json changed = Json::array();
    for (const auto& change : diff.actors_changed) {
        Json entry = Json::object();
        entry["id"] = after.actors[change.after].id;
        add_changed_fields(
            entry, change.fields,
            [&](const std::string& field) {
                return actor_field(before.actors[change.before], field);
            },
            [&](const std::string& field) {
                return actor_field(after.actors[change.after], field);
            });
        changed.push_back(std::move(entry));
    }
    Json out = Json::object();
    out["added"] = std::move(added);
    out["removed"] = std::move(removed);
    out["changed"] = std::move(changed);
    return out;
}

Json relations_json(const analysis::MapDiff& diff, const model::Map& before,
                    const model::Map& after) {
    Json added = Json::array();
    for (const std::size_t r : diff.relations_added) {
        added.push_back(relation_identity(after, after.relations[r]));
    }
    Json removed = Json::array();
    for (const std::size_t r : diff.relations_removed) {
        removed.push_back(relation_identity(before, before.relations[r]));
    }
    Json changed = Json::array();
    for (const auto& change : diff.relations_changed) {
        Json entry = relation_identity(after, after.relations[change.after]);
        add_changed_fields(
            entry, change.fields,
            [&](const std::string& field) {
                return relation_field(before, before.relations[change.before], field);
            },
            [&](const std::string& field) {
                return relation_field(after, after.relations[change.after], field);
            });
        changed.push_back(std::move(entry));
    }
    Json by_type = Json::array();
    for (const auto& type : diff.types) {
        Json entry = Json::object();
        entry["type"] = optional_text(type.type);
        entry["before"] = type.before;
        entry["after"] = type.after;
        entry["added"] = type.added;
        entry["removed"] = type.removed;
        entry["changed"] = type.changed;
        entry["net"] = static_cast<long long>(type.after) - static_cast<long long>(type.before);
        by_type.push_back(std::move(entry));
    }
    Json out = Json::object();
    out["added"] = std::move(added);
    out["removed"] = std::move(removed);
    out["changed"] = std::move(changed);
    out["by_type"] = std::move(by_type);
    return out;
}

Json stability_json(const analysis::TieStability& stability) {
    Json out = Json::object();
    out["jaccard"] = number_or_null(stability.jaccard);
    out["hamming"] = stability.hamming;
    out["reading"] = analysis::reading_id(analysis::read_jaccard(stability.jaccard));
    out["trend"] = analysis::trend_id(analysis::tie_trend(stability));
    out["correlation"] = number_or_null(stability.correlation);
    out["directed"] = stability.directed;
    out["actors_compared"] = stability.actors_compared;
    out["actors_either"] = stability.actors_either;
    out["ties_before"] = stability.ties_before;
    out["ties_after"] = stability.ties_after;
    out["ties_kept"] = stability.kept;
    out["ties_added"] = stability.added;
    out["ties_removed"] = stability.removed;
    out["ties_strengthened"] = stability.strengthened;
    out["ties_weakened"] = stability.weakened;
    return out;
}

/// The map-level figures compared, in the order they are printed: JSON key, label, and the value
/// in a round.
struct Figure {
    const char* key;
    const char* label;
    double (*value)(const analysis::MapStats&);
    bool count;
};

const std::vector<Figure>& figures() {
    static const std::vector<Figure> list = {
        {"actors", N_("actors"),
         [](const analysis::MapStats& s) { return static_cast<double>(s.actors); }, true},
        {"relations", N_("relations analysed"),
         [](const analysis::MapStats& s) { return static_cast<double>(s.relations); }, true},
        {"ties", N_("ties (merged relations)"),
         [](const analysis::MapStats& s) { return static_cast<double>(s.ties); }, true},
        {"density", N_("density"), [](const analysis::MapStats& s) { return s.density; }, false},
        {"components", N_("connected components"),
         [](const analysis::MapStats& s) { return static_cast<double>(s.components); }, true},
        {"isolates", N_("isolated actors"),
         [](const analysis::MapStats& s) { return static_cast<double>(s.isolates); }, true},
        {"largest_component_share", N_("share in the largest component"),
         [](const analysis::MapStats& s) { return s.largest_component_share; }, false},
        {"average_path_length", N_("average path length (steps)"),
         [](const analysis::MapStats& s) { return s.average_path_length; }, false},
        {"transitivity", N_("transitivity"),
         [](const analysis::MapStats& s) { return s.transitivity; }, false},
        {"degree_centralization", N_("degree centralization"),
         [](const analysis::MapStats& s) { return s.degree_centralization; }, false},
        {"betweenness_centralization", N_("betweenness centralization"),
         [](const analysis::MapStats& s) { return s.betweenness_centralization; }, false},
    };
    return list;
}

Json figure_json(const Figure& figure, double before, double after) {
    Json out = Json::object();
    if (figure.count) {
        const auto old_count = static_cast<long long>(before);
        const auto new_count = static_cast<long long>(after);
        out["before"] = old_count;
        out["after"] = new_count;
        out["change"] = new_count - old_count;
    } else {
        out["before"] = number_or_null(before);
        out["after"] = number_or_null(after);
        out["change"] = number_or_null(after - before);
    }
    return out;
}

Json measures_json(const Round& before, const Round& after) {
    Json out = Json::object();
    for (const auto& figure : figures()) {
        out[figure.key] =
            figure_json(figure, figure.value(before.stats), figure.value(after.stats));
    }
    return out;
}

Json moves_json(const std::vector<analysis::MeasureMove>& moves, const model::Map& after) {
    Json out = Json::array();
    for (const auto& move : moves) {
        Json entry = Json::object();
        entry["id"] = after.actors[move.after].id;
        entry["name"] = after.actors[move.after].name;
        entry["before"] = move.old_value;
        entry["after"] = move.new_value;
        entry["change"] = move.new_value - move.old_value;
        out.push_back(std::move(entry));
    }
    return out;
}

Json findings_json(const analysis::FindingChanges& changes) {
    Json out = Json::object();
    out["closed"] = changes.closed;
    out["left"] = changes.left;
    out["opened"] = changes.opened;
    return out;
}

Json coverage_json(const std::vector<analysis::AreaScoreChange>& changes, const model::Map& before,
                   const model::Map& after) {
    Json out = Json::array();
    for (const auto& change : changes) {
        const model::Area& area =
            change.after_area ? after.areas[*change.after_area] : before.areas[*change.before_area];
        Json entry = Json::object();
        entry["area"] = area.id;
        entry["name"] = area.name.empty() ? area.id : area.name;
        entry["score_before"] = optional_number(change.before);
        entry["score_after"] = optional_number(change.after);
        entry["change"] =
            change.before && change.after ? Json(*change.after - *change.before) : Json(nullptr);
        out.push_back(std::move(entry));
    }
    return out;
}

/// One CSV record: what changed, its identity and the fields that changed.
Json change_record(const char* item, const char* change, const Json& identity, const Json& fields) {
    Json record = Json::object();
    record["item"] = item;
    record["change"] = change;
    // An actor is named by its id; a relation by its identity.
    const bool relation = identity.is_object();
    record["id"] = relation ? identity.at("id") : identity;
    for (const char* key : {"source", "target", "type", "directed"}) {
        record[key] = relation ? identity.at(key) : Json(nullptr);
    }
    record["fields"] = fields;
    return record;
}

/// One CSV row per actor or relation added, removed or changed.
Json change_records(const Json& results) {
    Json records = Json::array();
    auto actor_row = [&](const char* change, const Json& id, const Json& fields) {
        records.push_back(change_record("actor", change, id, fields));
    };
    const Json& actors = results["actors"];
    for (const auto& id : actors["added"]) {
        actor_row("added", id, Json::array());
    }
    for (const auto& id : actors["removed"]) {
        actor_row("removed", id, Json::array());
    }
    for (const auto& entry : actors["changed"]) {
        actor_row("changed", entry["id"], entry["fields"]);
    }
    auto relation_row = [&](const char* change, const Json& relation) {
        records.push_back(
            change_record("relation", change, relation, relation.value("fields", Json::array())));
    };
    const Json& relations = results["relations"];
    for (const auto& relation : relations["added"]) {
        relation_row("added", relation);
    }
    for (const auto& relation : relations["removed"]) {
        relation_row("removed", relation);
    }
    for (const auto& relation : relations["changed"]) {
        relation_row("changed", relation);
    }
    return records;
}

// ---- words
// ---------------------------------------------------------------------------------------

const std::string& actor_name(const model::Map& map, std::size_t actor) {
    return map.actors[actor].name;
}

const std::string& area_name(const model::Area& area) {
    return area.name.empty() ? area.id : area.name;
}

/// Items that hold commas themselves (decimal commas in Italian), separated by semicolons.
std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : "; ") + item;
    }
    return out;
}

/// "a, b and c", or the first names_listed and "N others".
std::string names_text(std::vector<std::string> names, const text::Words& words) {
    if (names.size() > names_listed) {
        const std::size_t rest = names.size() - names_listed;
        names.resize(names_listed);
        names.push_back(words.plural("{n} other", "{n} others", rest));
    }
    return words.list_and(names);
}

std::string relation_type_label(const std::optional<std::string>& type, const Round& before,
                                const Round& after, const text::Words& words) {
    if (!type) {
        return words.in_context("drawing", "untyped");
    }
    for (const Round* round : {&after, &before}) {
        const model::Term* term = round->input->vocabulary().find_relation_type(*type);
        if (term != nullptr) {
            const std::string& label = model::text(term->label, words.language());
            if (!label.empty()) {
                return label;
            }
        }
    }
    return *type;
}

/// "Name A — Name B", or "Name A → Name B" for a directed relation.
std::string relation_text(const model::Map& map, const model::Relation& relation) {
    const auto source = map.actor_index(relation.source);
    const auto target = map.actor_index(relation.target);
    const std::string& from = source ? actor_name(map, *source) : relation.source;
    const std::string& to = target ? actor_name(map, *target) : relation.target;
    return from + (map.is_directed(relation) ? " → " : " — ") + to;
}

/// A field's value for people: numbers in the reader's format, lists joined, "–" for none.
std::string value_text(const Json& value, const text::Words& words) {
    switch (value.type()) {
    case Json::value_t::null:
        return "–";
    case Json::value_t::string:
        return value.get<std::string>();
    case Json::value_t::boolean:
        return value.get<bool>() ? words("yes") : words("no");
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
        return words.number(value.get<double>(), 4);
    case Json::value_t::array: {
        if (value.empty()) {
            return "–";
        }
        std::string out;
        for (const auto& item : value) {
            out += (out.empty() ? "" : ", ") + value_text(item, words);
        }
        return out;
    }
    default:
        return value.dump();
    }
}

/// A relation's field value for people: vocabulary values by their label.
std::string relation_value_text(const std::string& field, const Json& value, const Round& before,
                                const Round& after, const text::Words& words) {
    if (value.is_string() && field == "type") {
        return relation_type_label(value.get<std::string>(), before, after, words);
    }
    if (value.is_string() && field == "formality") {
        for (const Round* round : {&after, &before}) {
            const model::Term* term =
                round->input->vocabulary().find_formality(value.get<std::string>());
            if (term != nullptr && !model::text(term->label, words.language()).empty()) {
                return model::text(term->label, words.language());
            }
        }
    }
    return value_text(value, words);
}

/// "weight 2 → 4; note": each changed field of a relation with its values, notes by name only.
std::string changed_fields_text(const Json& entry, const Round& before, const Round& after,
                                const text::Words& words) {
    std::string out;
    for (const auto& field_json : entry["fields"]) {
        const auto field = field_json.get<std::string>();
        std::string part = field_label(field, words.language());
        if (field != "note") {
            part += " " + relation_value_text(field, entry["before"][field], before, after, words) +
                    " → " + relation_value_text(field, entry["after"][field], before, after, words);
        }
        out += (out.empty() ? "" : "; ") + part;
    }
    return out;
}

/// A date (YYYY-MM-DD) for a sentence, written as the reader's language writes dates (15/10/2024
/// in Italian).
std::string date_text(const std::string& iso, const text::Words& words) {
    if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') {
        return iso;
    }
    // The catalogue reorders the parts and changes the separators as the language writes dates.
    return words(
        "{year}-{month}-{day}",
        {{"year", iso.substr(0, 4)}, {"month", iso.substr(5, 2)}, {"day", iso.substr(8, 2)}});
}

/// The day a round describes: its --at date, else its map's date; none for every relation of a
/// map without a date.
std::optional<std::string> round_date(const Input& input) {
    const auto& at = input.build_options().at;
    return at ? at : input.map().date;
}

std::string round_text(const Input& input, bool before, const text::Words& words) {
    const auto& at = input.build_options().at;
    const std::string& source = input.settings().source;
    if (at) {
        return before ? words("Before: {source}, relations in force on {date}",
                              {{"source", source}, {"date", date_text(*at, words)}})
                      : words("After: {source}, relations in force on {date}",
                              {{"source", source}, {"date", date_text(*at, words)}});
    }
    return before ? words("Before: {source}, every relation", {{"source", source}})
                  : words("After: {source}, every relation", {{"source", source}});
}

std::vector<std::string> actor_sentences(const analysis::MapDiff& diff, const model::Map& before,
                                         const model::Map& after, const text::Words& words) {
    std::vector<std::string> out;
    if (!diff.actors_added.empty()) {
        std::vector<std::string> names;
        for (const std::size_t v : diff.actors_added) {
            names.push_back(actor_name(after, v));
        }
        out.push_back(words.plural(
            "{n} actor joined the network: {names}.", "{n} actors joined the network: {names}.",
            diff.actors_added.size(), {{"names", names_text(names, words)}}));
    }
    if (!diff.actors_removed.empty()) {
        std::vector<std::string> names;
        for (const std::size_t v : diff.actors_removed) {
            names.push_back(actor_name(before, v));
        }
        out.push_back(words.plural(
            "{n} actor left the network: {names}.", "{n} actors left the network: {names}.",
            diff.actors_removed.size(), {{"names", names_text(names, words)}}));
    }
    if (!diff.actors_changed.empty()) {
        std::vector<std::string> items;
        for (std::size_t i = 0; i < diff.actors_changed.size(); ++i) {
            std::vector<std::string> fields;
            for (const auto& field : diff.actors_changed[i].fields) {
                fields.push_back(field_label(field, words.language()));
            }
            items.push_back(actor_name(after, diff.actors_changed[i].after) + " (" +
                            words.list_and(fields) + ")");
        }
        out.push_back(words.plural(
            "{n} actor changed its details: {items}.", "{n} actors changed their details: {items}.",
            diff.actors_changed.size(), {{"items", names_text(items, words)}}));
    }
    if (out.empty()) {
        out.push_back(words("No actor joined or left the network, and none changed its details."));
    }
    return out;
}

std::string relation_sentence(const analysis::MapDiff& diff, const text::Words& words) {
    if (diff.relations_added.empty() && diff.relations_removed.empty() &&
        diff.relations_changed.empty()) {
        return words("No relation was added, ended or changed.");
    }
    return words("{added}, {removed} and {changed}.",
                 {{"added", diff.relations_added.empty()
                                ? words("no relation added")
                                : words.plural("{n} relation added", "{n} relations added",
                                               diff.relations_added.size())},
                  {"removed", diff.relations_removed.empty()
                                  ? words("none ended or removed")
                                  : words.plural("{n} ended or removed", "{n} ended or removed",
                                                 diff.relations_removed.size())},
                  {"changed", diff.relations_changed.empty()
                                  ? words("none changed")
                                  : words.plural("{n} changed", "{n} changed",
                                                 diff.relations_changed.size())}});
}

Table by_type_table(const analysis::MapDiff& diff, const Round& before, const Round& after,
                    const text::Words& words) {
    Table table;
    table.columns = {words("relation type"), words("before"),           words("after"),
                     words("added"),         words("ended or removed"), words("changed"),
                     words("net change")};
    table.right_aligned = {false, true, true, true, true, true, true};
    auto count = [&](std::size_t n) {
        return words.integer(static_cast<long long>(n));
    };
    for (const auto& type : diff.types) {
        const long long net =
            static_cast<long long>(type.after) - static_cast<long long>(type.before);
        table.rows.push_back({relation_type_label(type.type, before, after, words),
                              count(type.before), count(type.after), count(type.added),
                              count(type.removed), count(type.changed),
                              (net > 0 ? "+" : "") + words.integer(net)});
    }
    return table;
}

Table relation_changes_table(const analysis::MapDiff& diff, const Json& changed,
                             const Round& before, const Round& after, const text::Words& words) {
    Table table;
    table.columns = {words.in_context("relation change", "change"), words("relation"),
                     words("relation type"), words("detail")};
    table.right_aligned = {false, false, false, false};
    for (const std::size_t r : diff.relations_added) {
        const auto& relation = after.map().relations[r];
        table.rows.push_back({words.in_context("relation change", "added"),
                              relation_text(after.map(), relation),
                              relation_type_label(relation.type, before, after, words), ""});
    }
    for (const std::size_t r : diff.relations_removed) {
        const auto& relation = before.map().relations[r];
        table.rows.push_back({words.in_context("relation change", "ended or removed"),
                              relation_text(before.map(), relation),
                              relation_type_label(relation.type, before, after, words), ""});
    }
    for (std::size_t i = 0; i < diff.relations_changed.size(); ++i) {
        const auto& relation = after.map().relations[diff.relations_changed[i].after];
        table.rows.push_back({words.in_context("relation change", "changed"),
                              relation_text(after.map(), relation),
                              relation_type_label(relation.type, before, after, words),
                              changed_fields_text(changed[i], before, after, words)});
    }
    return table;
}

std::string figure_text(const Figure& figure, double value, const text::Words& words) {
    if (std::isnan(value)) {
        return "–";
    }
    if (figure.count) {
        return words.integer(static_cast<long long>(value));
    }
    return words.number(value, 3);
}

std::string change_text(double change, bool count, const text::Words& words) {
    if (std::isnan(change)) {
        return "–";
    }
    if (std::fabs(change) < 5e-13) {
        return "0";
    }
    const std::string sign = change > 0 ? "+" : "";
    return sign + (count ? words.integer(static_cast<long long>(change)) : words.number(change, 3));
}

Table figures_table(const Round& before, const Round& after, const text::Words& words) {
    Table table;
    table.columns = {words("figure"), words("before"), words("after"), words("change")};
    table.right_aligned = {false, true, true, true};
    for (const auto& figure : figures()) {
        const double old_value = figure.value(before.stats);
        const double new_value = figure.value(after.stats);
        // With directed relations a tie is an arc: an undirected relation makes two.
        const char* label = figure.label;
        if (std::string_view(figure.key) == "ties" &&
            (before.graph().directed || after.graph().directed)) {
            label = N_("ties (merged relations, counted in each direction)");
        }
        table.rows.push_back({words(label), figure_text(figure, old_value, words),
                              figure_text(figure, new_value, words),
                              change_text(new_value - old_value, figure.count, words)});
    }
    return table;
}

/// Density and centralization before and after, and what the change in betweenness
/// centralization means.
std::string figures_sentence(const Round& before, const Round& after, const text::Words& words) {
    auto number = [&](double value) {
        return words.number(value, 3);
    };
    std::string out =
        words("Density went from {density_before} to {density_after}, degree centralization from "
              "{degree_before} to {degree_after} and betweenness centralization from "
              "{betweenness_before} to {betweenness_after}.",
              {{"density_before", number(before.stats.density)},
               {"density_after", number(after.stats.density)},
               {"degree_before", number(before.stats.degree_centralization)},
               {"degree_after", number(after.stats.degree_centralization)},
               {"betweenness_before", number(before.stats.betweenness_centralization)},
               {"betweenness_after", number(after.stats.betweenness_centralization)}});
    out += " " + words("Density is the share of the possible ties that are present.");
    out += " " + words("Centralization says how much the network leans on a few actors: 0 when "
                       "every actor has the same place, 1 when everything goes through one.");
    const double change =
        after.stats.betweenness_centralization - before.stats.betweenness_centralization;
    if (change <= -0.01) {
        out += " " + words("The network depends less than before on a few actors to connect the "
                           "others.");
    } else if (change >= 0.01) {
        out += " " + words("The network depends more than before on a few actors to connect the "
                           "others: this can be the plan working (a new help desk that now "
                           "connects everyone) or a new weak point, if those actors stop.");
    }
    return out;
}

std::string moves_sentence(analysis::Measure measure,
                           const std::vector<analysis::MeasureMove>& moves, const Round& after,
                           const text::Words& words) {
    const std::string label = measure_label(measure, words);
    const bool partners = measure == analysis::Measure::neighbours;
    if (moves.empty()) {
        return partners ? words("No actor's number of partners changed.")
                        : words("No actor's {measure} changed.", {{"measure", label}});
    }
    std::vector<std::string> items;
    for (const auto& move : moves) {
        items.push_back(actor_name(after.map(), move.after) + " " +
                        words.number(move.old_value, 3) + " → " + words.number(move.new_value, 3));
    }
    if (partners) {
        return words("Largest changes in the number of partners (the actors tied to each, counted "
                     "once whatever the direction): {items}.",
                     {{"items", joined(items)}});
    }
    return words("Largest changes in {measure}: {items}.",
                 {{"measure", label}, {"items", joined(items)}});
}

Table moves_table(
    const std::vector<std::pair<analysis::Measure, std::vector<analysis::MeasureMove>>>& moves,
    const Round& after, const text::Words& words) {
    Table table;
    table.columns = {words("measure"), words("actor"), words("before"), words("after"),
                     words("change")};
    table.right_aligned = {false, false, true, true, true};
    for (const auto& [measure, list] : moves) {
        for (const auto& move : list) {
            table.rows.push_back({measure_label(measure, words),
                                  actor_name(after.map(), move.after),
                                  words.number(move.old_value, 3), words.number(move.new_value, 3),
                                  change_text(move.new_value - move.old_value, false, words)});
        }
    }
    return table;
}

/// The names of the actors with these ids on `map`, marked "(new)" when `earlier` does not have
/// them.
std::string finding_names(const std::vector<std::string>& ids, const model::Map& map,
                          const model::Map* earlier, const text::Words& words) {
    std::vector<std::string> names;
    for (const auto& id : ids) {
        std::string name = actor_name(map, *map.actor_index(id));
        if (earlier != nullptr && !earlier->actor_index(id)) {
            name += " " + words("(new)");
        }
        names.push_back(std::move(name));
    }
    return names_text(std::move(names), words);
}

std::vector<std::string> gap_sentences(const analysis::GapChanges& changes, const Round& before,
                                       const Round& after, const text::Words& words) {
    const analysis::GapsOptions defaults;
    const std::string from = selector_label(defaults.from, after.input->vocabulary(), words);
    const std::string to = selector_label(defaults.to, after.input->vocabulary(), words);
    const std::string within = words.integer(static_cast<long long>(defaults.within));
    std::vector<std::string> out;
    auto closed = [&](const analysis::FindingChanges& findings) {
        return finding_names(findings.closed, before.map(), nullptr, words);
    };
    auto opened = [&](const analysis::FindingChanges& findings) {
        return finding_names(findings.opened, after.map(), &before.map(), words);
    };
    if (!changes.cut_actors.closed.empty()) {
        out.push_back(words.plural("{n} actor is no longer a cut actor (its stop would cut "
                                   "nobody off): {names}.",
                                   "{n} actors are no longer cut actors (their stop would cut "
                                   "nobody off): {names}.",
                                   changes.cut_actors.closed.size(),
                                   {{"names", closed(changes.cut_actors)}}));
    }
    if (!changes.unreached.closed.empty()) {
        out.push_back(words.plural("{n} actor of «{from}» now reaches an actor of «{to}» within "
                                   "{within} steps: {names}.",
                                   "{n} actors of «{from}» now reach an actor of «{to}» within "
                                   "{within} steps: {names}.",
                                   changes.unreached.closed.size(),
                                   {{"from", from},
                                    {"to", to},
                                    {"within", within},
                                    {"names", closed(changes.unreached)}}));
    }
    if (!changes.isolates.closed.empty()) {
        out.push_back(words.plural("{n} isolated actor now has ties: {names}.",
                                   "{n} isolated actors now have ties: {names}.",
                                   changes.isolates.closed.size(),
                                   {{"names", closed(changes.isolates)}}));
    }
    if (!changes.cut_actors.left.empty()) {
        out.push_back(words.plural(
            "{n} cut actor left the network: {names}.", "{n} cut actors left the network: {names}.",
            changes.cut_actors.left.size(),
            {{"names", finding_names(changes.cut_actors.left, before.map(), nullptr, words)}}));
    }
    if (!changes.unreached.left.empty()) {
        out.push_back(words.plural(
            "{n} actor of «{from}» that reached no actor of «{to}» left the "
            "network: {names}.",
            "{n} actors of «{from}» that reached no actor of «{to}» left "
            "the network: {names}.",
            changes.unreached.left.size(),
            {{"from", from},
             {"to", to},
             {"names", finding_names(changes.unreached.left, before.map(), nullptr, words)}}));
    }
    if (!changes.isolates.left.empty()) {
        out.push_back(words.plural(
            "{n} isolated actor left the network: {names}.",
            "{n} isolated actors left the network: {names}.", changes.isolates.left.size(),
            {{"names", finding_names(changes.isolates.left, before.map(), nullptr, words)}}));
    }
    if (!changes.cut_actors.opened.empty()) {
        out.push_back(words.plural("{n} actor has become a cut actor (its stop would cut others "
                                   "off): {names}.",
                                   "{n} actors have become cut actors (their stop would cut "
                                   "others off): {names}.",
                                   changes.cut_actors.opened.size(),
                                   {{"names", opened(changes.cut_actors)}}));
    }
    if (!changes.unreached.opened.empty()) {
        out.push_back(words.plural("{n} actor of «{from}» now reaches no actor of «{to}» within "
                                   "{within} steps: {names}.",
                                   "{n} actors of «{from}» now reach no actor of «{to}» within "
                                   "{within} steps: {names}.",
                                   changes.unreached.opened.size(),
                                   {{"from", from},
                                    {"to", to},
                                    {"within", within},
                                    {"names", opened(changes.unreached)}}));
    }
    if (!changes.isolates.opened.empty()) {
        out.push_back(words.plural(
            "{n} actor is now isolated: {names}.", "{n} actors are now isolated: {names}.",
            changes.isolates.opened.size(), {{"names", opened(changes.isolates)}}));
    }
    if (out.empty()) {
        out.push_back(words("No gap closed or opened: the cut actors, the actors of «{from}» "
                            "that reach no actor of «{to}» and the isolated actors are the same.",
                            {{"from", from}, {"to", to}}));
    }
    return out;
}

Table gap_counts_table(const Round& before, const Round& after, const text::Words& words) {
    const Json old_counts = gaps_summary(before.gaps);
    const Json new_counts = gaps_summary(after.gaps);
    const std::pair<const char*, const char*> rows[] = {
        {"components", N_("connected components")}, {"isolates", N_("isolated actors")},
        {"cut_actors", N_("cut actors")},           {"bridges", N_("critical ties")},
        {"unreached", N_("unreached actors")},      {"overlaps", N_("overlapping offices")},
        {"rule_violations", N_("rule violations")},
    };
    Table table;
    table.columns = {words("gap"), words("before"), words("after"), words("change")};
    table.right_aligned = {false, true, true, true};
    for (const auto& [key, label] : rows) {
        const auto old_count = old_counts.at(key).get<long long>();
        const auto new_count = new_counts.at(key).get<long long>();
        table.rows.push_back(
            {words(label), words.integer(old_count), words.integer(new_count),
             change_text(static_cast<double>(new_count - old_count), true, words)});
    }
    return table;
}

std::vector<std::string> coverage_sentences(const std::vector<analysis::AreaScoreChange>& changes,
                                            const Round& before, const Round& after,
                                            const text::Words& words) {
    std::vector<std::string> rose;
    std::vector<std::string> fell;
    std::size_t same = 0;
    for (const auto& change : changes) {
        if (!change.before || !change.after) {
            continue;
        }
        const std::string old_score = words.number(*change.before, 3);
        const std::string new_score = words.number(*change.after, 3);
        const model::Area& area = after.map().areas[*change.after_area];
        if (old_score == new_score) {
            ++same;
        } else if (*change.after > *change.before) {
            rose.push_back(area_name(area) + " " + old_score + " → " + new_score);
        } else {
            fell.push_back(area_name(area) + " " + old_score + " → " + new_score);
        }
    }
    std::vector<std::string> out;
    if (!rose.empty()) {
        out.push_back(words.plural("Coverage rose in {n} area: {areas}.",
                                   "Coverage rose in {n} areas: {areas}.", rose.size(),
                                   {{"areas", joined(rose)}}));
    }
    if (!fell.empty()) {
        out.push_back(words.plural("Coverage fell in {n} area: {areas}.",
                                   "Coverage fell in {n} areas: {areas}.", fell.size(),
                                   {{"areas", joined(fell)}}));
    }
    if (same > 0) {
        out.push_back(
            words.plural("It is unchanged in {n} area.", "It is unchanged in {n} areas.", same));
    }
    bool parents = false;
    for (const auto& change : changes) {
        if (change.before && change.after) {
            for (const auto& coverage : after.coverage.areas) {
                parents = parents || (coverage.area == *change.after_area && coverage.rollup);
            }
        }
    }
    if (parents) {
        out.push_back(words("Areas with sub-areas are counted too: their score is the average of "
                            "their sub-areas' scores, weighted by foreign residents."));
    }
    std::vector<std::string> only_before;
    std::vector<std::string> only_after;
    for (const auto& change : changes) {
        if (!change.before_area) {
            only_after.push_back(area_name(after.map().areas[*change.after_area]));
        } else if (!change.after_area) {
            only_before.push_back(area_name(before.map().areas[*change.before_area]));
        }
    }
    if (!only_after.empty()) {
        out.push_back(words.plural("New area on the map: {areas}.",
                                   "New areas on the map: {areas}.", only_after.size(),
                                   {{"areas", words.list_and(only_after)}}));
    }
    if (!only_before.empty()) {
        out.push_back(words.plural("Area no longer on the map: {areas}.",
                                   "Areas no longer on the map: {areas}.", only_before.size(),
                                   {{"areas", words.list_and(only_before)}}));
    }
    return out;
}

Table coverage_table(const std::vector<analysis::AreaScoreChange>& changes, const Round& before,
                     const Round& after, const text::Words& words) {
    Table table;
    table.columns = {words("area"), words("score before"), words("score after"), words("change")};
    table.right_aligned = {false, true, true, true};
    const std::string no_data = words.in_context("table cell", "no data");
    for (const auto& change : changes) {
        const model::Area& area = change.after_area ? after.map().areas[*change.after_area]
                                                    : before.map().areas[*change.before_area];
        table.rows.push_back({area_name(area),
                              change.before ? words.number(*change.before, 3) : no_data,
                              change.after ? words.number(*change.after, 3) : no_data,
                              change.before && change.after
                                  ? change_text(*change.after - *change.before, false, words)
                                  : "–"});
    }
    return table;
}

/// The analyses each round needs, computed on its own map, graph and vocabulary.
void analyse(Round& round) {
    const Input& input = *round.input;
    const auto& settings = input.settings();
    analysis::StatsOptions stats_options;
    stats_options.threads = settings.threads;
    stats_options.control = settings.control;
    round.stats = analysis::map_stats(input.graph(), stats_options);
    round.betweenness = analysis::betweenness(input.graph(), settings.threads, settings.control);
    round.neighbours = analysis::neighbours(input.graph());
    analysis::GapsOptions gaps_options;
    gaps_options.rules = &io::default_rules();
    gaps_options.control = settings.control;
    round.gaps = analysis::find_gaps(input.map(), input.vocabulary(), input.graph(), gaps_options);
    analysis::CoverageOptions coverage_options;
    coverage_options.control = settings.control;
    round.coverage =
        analysis::coverage(input.map(), input.vocabulary(), input.graph(), coverage_options);
}

Json round_json(const Input& input) {
    Json out = Json::object();
    out["source"] = input.settings().source;
    out["title"] = input.map().title;
    out["date"] = optional_text(input.map().date);
    out["at"] = optional_text(input.build_options().at);
    out["actors"] = input.map().actors.size();
    out["relations"] = input.graph().relations_kept;
    return out;
}

} // namespace

std::string field_label(const std::string& field, model::Language language) {
    if (is_attribute(field)) {
        return field.substr(std::string("attributes.").size());
    }
    const text::Words words(language);
    // One call per field, so that each message keeps its context in the catalogue.
    if (field == "id") {
        return words.in_context("map field", "id");
    }
    if (field == "name") {
        return words.in_context("map field", "name");
    }
    if (field == "short") {
        return words.in_context("map field", "short name");
    }
    if (field == "kind") {
        return words.in_context("map field", "kind");
    }
    if (field == "level") {
        return words.in_context("map field", "level");
    }
    if (field == "area") {
        return words.in_context("map field", "area");
    }
    if (field == "serves") {
        return words.in_context("map field", "areas served");
    }
    if (field == "services") {
        return words.in_context("map field", "services");
    }
    if (field == "languages") {
        return words.in_context("map field", "languages");
    }
    if (field == "capacity") {
        return words.in_context("map field", "capacity");
    }
    if (field == "power") {
        return words.in_context("map field", "power");
    }
    if (field == "interest") {
        return words.in_context("map field", "interest");
    }
    if (field == "legitimacy") {
        return words.in_context("map field", "legitimacy");
    }
    if (field == "urgency") {
        return words.in_context("map field", "urgency");
    }
    if (field == "access_point") {
        return words.in_context("map field", "access point");
    }
    if (field == "tags") {
        return words.in_context("map field", "tags");
    }
    if (field == "note") {
        return words.in_context("map field", "note");
    }
    if (field == "source") {
        return words.in_context("map field", "source");
    }
    if (field == "target") {
        return words.in_context("map field", "target");
    }
    if (field == "type") {
        return words.in_context("map field", "type");
    }
    if (field == "weight") {
        return words.in_context("map field", "weight");
    }
    if (field == "directed") {
        return words.in_context("map field", "directed");
    }
    if (field == "since") {
        return words.in_context("map field", "since");
    }
    if (field == "until") {
        return words.in_context("map field", "until");
    }
    if (field == "formality") {
        return words.in_context("map field", "formality");
    }
    if (field == "confidence") {
        return words.in_context("map field", "confidence");
    }
    if (field == "informants") {
        return words.in_context("map field", "informants");
    }
    return field;
}

std::string stability_reading(const analysis::TieStability& stability, model::Language language) {
    const text::Words words(language);
    const std::string jaccard = words.number(stability.jaccard, 2);
    const std::string stable = words.number(0.3, 1);
    const std::string unstable = words.number(0.2, 1);
    std::string out;
    switch (analysis::read_jaccard(stability.jaccard)) {
    case analysis::JaccardReading::stable:
        out = words("The network is stable: the Jaccard index is {jaccard} (RSiena's manual reads "
                    "{stable} or more as stable).",
                    {{"jaccard", jaccard}, {"stable", stable}});
        break;
    case analysis::JaccardReading::in_between:
        out = words("The network changed a good deal: the Jaccard index is {jaccard}, between "
                    "{unstable} and {stable} (RSiena's manual reads {stable} or more as stable, "
                    "less than {unstable} as very unstable).",
                    {{"jaccard", jaccard}, {"stable", stable}, {"unstable", unstable}});
        break;
    case analysis::JaccardReading::very_unstable:
        out = words("The network is very unstable: the Jaccard index is {jaccard}, below "
                    "{unstable} (RSiena's manual reads less than {unstable} as very unstable).",
                    {{"jaccard", jaccard}, {"unstable", unstable}});
        break;
    case analysis::JaccardReading::undefined:
        return words("Neither round has a tie among the actors present in both: the Jaccard "
                     "index is not defined.");
    }
    out += " " + words("The Jaccard index is the share of ties kept among the ties present in "
                       "either round.");
    if (analysis::shares_few_actors(stability)) {
        out += " " + words("Fewer than half of the actors are in both rounds: the index only "
                           "describes the part of the network they share, and the two maps may "
                           "not be the same network.");
    }
    const double share = stability.actors_either == 0
                             ? 0.0
                             : static_cast<double>(stability.actors_compared) /
                                   static_cast<double>(stability.actors_either);
    out +=
        " " +
        words("{actors}: {kept}, {added} and {removed} (Hamming distance {hamming}).",
              {{"actors", words.plural("Among the {n} actor present in both rounds ({share} of "
                                       "the {either} actors present in either)",
                                       "Among the {n} actors present in both rounds ({share} "
                                       "of the {either} actors present in either)",
                                       stability.actors_compared,
                                       {{"share", words.percent(share, 2)},
                                        {"share_the", words.percent_with_article(share, 2)},
                                        {"either", words.integer(static_cast<long long>(
                                                       stability.actors_either))}})},
               {"kept", stability.kept == 0 ? words("no tie was kept")
                                            : words.plural("{n} tie was kept", "{n} ties were kept",
                                                           stability.kept)},
               {"added", stability.added == 0
                             ? words("none is new")
                             : words.plural("{n} is new", "{n} are new", stability.added)},
               {"removed", stability.removed == 0
                               ? words("none ended")
                               : words.plural("{n} ended", "{n} ended", stability.removed)},
               {"hamming", words.integer(static_cast<long long>(stability.hamming))}});
    if (stability.directed) {
        out += " " + words("Ties are counted in each direction, since the map has directed "
                           "relations.");
    }
    if (stability.strengthened > 0 || stability.weakened > 0) {
        out += " " +
               words("Of the ties kept, {stronger} and {weaker}.",
                     {{"stronger", stability.strengthened == 0
                                       ? words("none grew stronger")
                                       : words.plural("{n} grew stronger", "{n} grew stronger",
                                                      stability.strengthened)},
                      {"weaker", stability.weakened == 0 ? words("none weaker")
                                                         : words.plural("{n} weaker", "{n} weaker",
                                                                        stability.weakened)}});
    }
    if (analysis::read_jaccard(stability.jaccard) != analysis::JaccardReading::stable) {
        switch (analysis::tie_trend(stability)) {
        case analysis::TieTrend::growth:
            out += " " + words("The change is mostly growth, and a low Jaccard index is expected "
                               "when a network mostly grows.");
            break;
        case analysis::TieTrend::shrinkage:
            out += " " + words("The change is mostly shrinkage, and a low Jaccard index is "
                               "expected when a network mostly shrinks.");
            break;
        case analysis::TieTrend::none:
        case analysis::TieTrend::turnover:
            break;
        }
    }
    return out;
}

Document diff_document(const Input& before_input, const Input& after_input,
                       const DiffSettings& settings) {
    const model::Language language = after_input.language();
    const text::Words words(language);
    Round before;
    Round after;
    before.input = &before_input;
    after.input = &after_input;
    analyse(before);
    analyse(after);

    const model::Map& old_map = before.map();
    const model::Map& new_map = after.map();
    const analysis::MapDiff diff =
        analysis::diff_maps(old_map, before.graph(), new_map, after.graph());
    const auto betweenness_moves = analysis::largest_moves(
        before.graph(), before.betweenness, after.graph(), after.betweenness, settings.top);
    const auto neighbour_moves = analysis::largest_moves(
        before.graph(), before.neighbours, after.graph(), after.neighbours, settings.top);
    const auto gap_changes = analysis::compare_gaps(old_map, before.gaps, new_map, after.gaps);
    const auto coverage_changes =
        analysis::compare_coverage(old_map, before.coverage, new_map, after.coverage);

    Document document = new_document(after_input, "diff");
    Json& options = document.options();
    Json dates = Json::array();
    dates.push_back(optional_text(before_input.build_options().at));
    dates.push_back(optional_text(after_input.build_options().at));
    options["at"] = std::move(dates);
    options.erase("at_source");
    options["top"] = settings.top;

    Json& results = document.results();
    results["rounds"]["before"] = round_json(before_input);
    results["rounds"]["after"] = round_json(after_input);
    results["actors"] = actors_json(diff, old_map, new_map);
    results["relations"] = relations_json(diff, old_map, new_map);
    results["stability"] = stability_json(diff.stability);
    results["measures"] = measures_json(before, after);
    results["movers"]["betweenness"] = moves_json(betweenness_moves, new_map);
    results["movers"]["neighbours"] = moves_json(neighbour_moves, new_map);
    Json& gaps = results["gaps"];
    gaps["before"] = gaps_summary(before.gaps);
    gaps["after"] = gaps_summary(after.gaps);
    gaps["cut_actors"] = findings_json(gap_changes.cut_actors);
    gaps["unreached"] = findings_json(gap_changes.unreached);
    gaps["isolates"] = findings_json(gap_changes.isolates);
    results["coverage"] = coverage_json(coverage_changes, old_map, new_map);
    document.csv_records() = change_records(results);
    document.csv_columns = {"item",   "change", "id",       "source",
                            "target", "type",   "directed", "fields"};

    if (analysis::shares_few_actors(diff.stability)) {
        document.warnings.push_back(
            words("the rounds share only {n} of {m} actors: are they the same network?",
                  {{"n", words.integer(static_cast<long long>(diff.stability.actors_compared))},
                   {"m", words.integer(static_cast<long long>(diff.stability.actors_either))}}));
    }
    const auto old_date = round_date(before_input);
    const auto new_date = round_date(after_input);
    if (old_date && new_date && *old_date > *new_date) {
        document.warnings.push_back(words(
            "the first round's date ({before}) is after the second round's ({after}): the "
            "rounds may be swapped (the earlier round goes first)",
            {{"before", date_text(*old_date, words)}, {"after", date_text(*new_date, words)}}));
    }

    document.lead.push_back(round_text(before_input, true, words));
    document.lead.push_back(round_text(after_input, false, words));

    document.blocks.push_back(Block::heading(words("Stability of the ties")));
    document.blocks.push_back(Block::paragraph(stability_reading(diff.stability, language)));

    document.blocks.push_back(Block::heading(words("Actors")));
    for (auto& sentence : actor_sentences(diff, old_map, new_map, words)) {
        document.blocks.push_back(Block::paragraph(std::move(sentence)));
    }

    document.blocks.push_back(Block::heading(words("Relations")));
    document.blocks.push_back(Block::paragraph(relation_sentence(diff, words)));
    document.blocks.push_back(Block::of_table(by_type_table(diff, before, after, words)));
    if (!diff.relations_added.empty() || !diff.relations_removed.empty() ||
        !diff.relations_changed.empty()) {
        document.blocks.push_back(Block::of_table(
            relation_changes_table(diff, results["relations"]["changed"], before, after, words)));
    }

    document.blocks.push_back(Block::heading(words("Network figures")));
    document.blocks.push_back(Block::paragraph(figures_sentence(before, after, words)));
    document.blocks.push_back(Block::of_table(figures_table(before, after, words)));

    if (settings.top > 0) {
        document.blocks.push_back(Block::heading(words("Actors whose position changed most")));
        document.blocks.push_back(Block::paragraph(
            moves_sentence(analysis::Measure::betweenness, betweenness_moves, after, words)));
        document.blocks.push_back(Block::paragraph(
            moves_sentence(analysis::Measure::neighbours, neighbour_moves, after, words)));
        if (!betweenness_moves.empty() || !neighbour_moves.empty()) {
            document.blocks.push_back(
                Block::of_table(moves_table({{analysis::Measure::betweenness, betweenness_moves},
                                             {analysis::Measure::neighbours, neighbour_moves}},
                                            after, words)));
        }
    }

    document.blocks.push_back(Block::heading(words("Gaps closed and opened")));
    for (auto& sentence : gap_sentences(gap_changes, before, after, words)) {
        document.blocks.push_back(Block::paragraph(std::move(sentence)));
    }
    document.blocks.push_back(Block::of_table(gap_counts_table(before, after, words)));

    if (!coverage_changes.empty()) {
        document.blocks.push_back(Block::heading(words("Coverage by area")));
        auto sentences = coverage_sentences(coverage_changes, before, after, words);
        if (!sentences.empty()) {
            std::string paragraph;
            for (const auto& sentence : sentences) {
                paragraph += (paragraph.empty() ? "" : " ") + sentence;
            }
            document.blocks.push_back(Block::paragraph(std::move(paragraph)));
        }
        document.blocks.push_back(
            Block::of_table(coverage_table(coverage_changes, before, after, words)));
    }
    return document;
}

} // namespace stakemap::report
