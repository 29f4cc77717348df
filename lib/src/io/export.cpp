#include "stakemap/io/export.hpp"

#include "cell_text.hpp"
#include "stakemap/error.hpp"
#include "stakemap/io/vocabulary.hpp"
#include "stakemap/io/workbook_export.hpp"
#include "stakemap/model/date.hpp"
#include "stakemap/model/vocabulary.hpp"
#include "stakemap/text/words.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>
#include <variant>

namespace stakemap::io {

namespace {

// ---- The attributes every format writes, built once ---------------------------------------------

enum class ValueType { string, integer, real, boolean };

/// One attribute value; a list of strings is written joined with "|" where the format has no lists.
using Value =
    std::variant<std::monostate, std::string, std::int64_t, double, bool, std::vector<std::string>>;

struct Column {
    std::string name;
    ValueType type = ValueType::string;
};

/// Attribute columns and one row of values per item (actor or relation), in map order.
struct Table {
    std::vector<Column> columns;
    std::vector<std::vector<Value>> rows;
};

const char* list_separator = "|";

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) {
            out += list_separator;
        }
        out += items[i];
    }
    return out;
}

/// The value as text, for XML attribute values and Pajek; empty for no value.
std::string as_text(const Value& value) {
    struct Visitor {
        std::string operator()(std::monostate) const { return ""; }
        std::string operator()(const std::string& text) const { return text; }
        std::string operator()(std::int64_t number) const { return std::to_string(number); }
        std::string operator()(double number) const { return text::exact_number(number); }
        std::string operator()(bool yes) const { return yes ? "true" : "false"; }
        std::string operator()(const std::vector<std::string>& items) const {
            return joined(items);
        }
    };
    return std::visit(Visitor{}, value);
}

template <class T>
Value optional_value(const std::optional<T>& value) {
    if (!value) {
        return std::monostate{};
    }
    if constexpr (std::is_same_v<T, int>) {
        return static_cast<std::int64_t>(*value);
    } else {
        return *value;
    }
}

Value text_value(const std::string& text) {
    return text.empty() ? Value(std::monostate{}) : Value(text);
}

Value list_value(const std::vector<std::string>& items) {
    return items.empty() ? Value(std::monostate{}) : Value(items);
}

ValueType type_of(const model::AttributeValue& value) {
    if (std::holds_alternative<double>(value)) {
        return ValueType::real;
    }
    if (std::holds_alternative<bool>(value)) {
        return ValueType::boolean;
    }
    return ValueType::string;
}

Value attribute_value(const model::AttributeValue& value, ValueType column_type) {
    if (column_type == ValueType::string) {
        if (const auto* text = std::get_if<std::string>(&value)) {
            return *text;
        }
        if (const auto* number = std::get_if<double>(&value)) {
            return text::exact_number(*number);
        }
        return std::get<bool>(value) ? std::string("true") : std::string("false");
    }
    if (const auto* number = std::get_if<double>(&value)) {
        return *number;
    }
    return std::get<bool>(value);
}

/// The map's own attributes of `items` (actors or relations) as columns of `table`, one each, typed
/// when every item gives the same type, text otherwise; renamed when the name is taken, ignoring
/// case (GEXF readers drop titles equal up to case). Returns the attribute names, in column order.
template <typename Items>
std::vector<std::string> add_attribute_columns(Table& table, const Items& items,
                                               std::set<std::string> taken) {
    for (const auto& column : table.columns) {
        taken.insert(column.name);
    }
    std::map<std::string, ValueType> attribute_types;
    for (const auto& item : items) {
        for (const auto& [name, value] : item.attributes) {
            const auto [found, inserted] = attribute_types.emplace(name, type_of(value));
            if (!inserted && found->second != type_of(value)) {
                found->second = ValueType::string;
            }
        }
    }
    std::vector<std::string> attribute_names;
    for (const auto& [name, type] : attribute_types) {
        std::string column = name;
        while (taken.count(lowered(column)) != 0) {
            column = "attribute." + column;
        }
        taken.insert(lowered(column));
        table.columns.push_back({column, type});
        attribute_names.push_back(name);
    }
    return attribute_names;
}

/// One item's attribute values, for the columns add_attribute_columns made from `first` on.
void push_attributes(std::vector<Value>& row,
                     const std::map<std::string, model::AttributeValue>& attributes,
                     const std::vector<std::string>& names, const Table& table, std::size_t first) {
    for (std::size_t i = 0; i < names.size(); ++i) {
        const auto found = attributes.find(names[i]);
        row.push_back(found == attributes.end()
                          ? Value(std::monostate{})
                          : attribute_value(found->second, table.columns[first + i].type));
    }
}

Table actor_table(const model::Map& map) {
    Table table;
    table.columns = {{"name", ValueType::string},      {"short_name", ValueType::string},
                     {"kind", ValueType::string},      {"level", ValueType::string},
                     {"area", ValueType::string},      {"serves", ValueType::string},
                     {"services", ValueType::string},  {"languages", ValueType::string},
                     {"capacity", ValueType::real},    {"power", ValueType::integer},
                     {"interest", ValueType::integer}, {"legitimacy", ValueType::integer},
                     {"urgency", ValueType::integer},  {"access_point", ValueType::boolean},
                     {"tags", ValueType::string},      {"note", ValueType::string}};
    const std::vector<std::string> attribute_names =
        add_attribute_columns(table, map.actors, {"id", "label", "key"});
    for (const auto& actor : map.actors) {
        std::vector<Value> row;
        row.reserve(table.columns.size());
        row.emplace_back(actor.name);
        row.push_back(optional_value(actor.short_name));
        row.push_back(optional_value(actor.kind));
        row.push_back(optional_value(actor.level));
        row.push_back(optional_value(actor.area));
        if (actor.serves_all) {
            row.emplace_back(std::vector<std::string>{"*"});
        } else if (actor.serves) {
            row.emplace_back(*actor.serves);
        } else {
            row.emplace_back(std::monostate{});
        }
        row.push_back(list_value(actor.services));
        row.push_back(list_value(actor.languages));
        row.push_back(optional_value(actor.capacity));
        row.push_back(optional_value(actor.power));
        row.push_back(optional_value(actor.interest));
        row.push_back(optional_value(actor.legitimacy));
        row.push_back(optional_value(actor.urgency));
        row.push_back(optional_value(actor.access_point));
        row.push_back(list_value(actor.tags));
        row.push_back(text_value(actor.note));
        push_attributes(row, actor.attributes, attribute_names, table, 16);
        table.rows.push_back(std::move(row));
    }
    return table;
}

/// The relations written, in map order, with their source and target actor indices.
struct Edge {
    std::size_t source = 0;
    std::size_t target = 0;
    const model::Relation* relation = nullptr;
};

struct Graph {
    bool directed = false;
    std::vector<Edge> edges;
    Table actors;
    Table relations;
};

Graph graph_of(const model::Map& map, const ExportOptions& options) {
    if (options.at && !model::parse_date(*options.at)) {
        throw UsageError("not a date written YYYY-MM-DD: \"" + *options.at + "\"", "at");
    }
    Graph graph;
    graph.directed = map.directed;
    for (const auto& relation : map.relations) {
        if (!model::kept(relation, options.types, options.at)) {
            continue;
        }
        const auto source = map.actor_index(relation.source);
        const auto target = map.actor_index(relation.target);
        if (!source || !target) {
            continue; // a map built in code with a dangling relation: the reader refuses these
        }
        graph.edges.push_back({*source, *target, &relation});
        graph.directed = graph.directed || map.is_directed(relation);
    }
    graph.actors = actor_table(map);
    graph.relations.columns = {{"relation", ValueType::string},   {"type", ValueType::string},
                               {"weight", ValueType::real},       {"directed", ValueType::boolean},
                               {"since", ValueType::string},      {"until", ValueType::string},
                               {"formality", ValueType::string},  {"confidence", ValueType::real},
                               {"informants", ValueType::string}, {"note", ValueType::string}};
    // The relations' own attributes after their fields, as the actors' (the relations written
    // only: a filtered-out relation adds no column).
    std::vector<model::Relation> written;
    for (const auto& edge : graph.edges) {
        written.push_back(*edge.relation);
    }
    const std::size_t first_attribute = graph.relations.columns.size();
    const std::vector<std::string> attribute_names =
        add_attribute_columns(graph.relations, written, {"id", "label", "key", "source", "target"});
    for (const auto& edge : graph.edges) {
        const model::Relation& relation = *edge.relation;
        std::vector<Value> row{optional_value(relation.id),
                               optional_value(relation.type),
                               relation.weight,
                               map.is_directed(relation),
                               optional_value(relation.since),
                               optional_value(relation.until),
                               optional_value(relation.formality),
                               optional_value(relation.confidence),
                               list_value(relation.informants),
                               text_value(relation.note)};
        push_attributes(row, relation.attributes, attribute_names, graph.relations,
                        first_attribute);
        graph.relations.rows.push_back(std::move(row));
    }
    return graph;
}

/// Graph-level values: the map's title, date and description, when given.
std::vector<std::pair<std::string, std::string>> graph_values(const model::Map& map) {
    std::vector<std::pair<std::string, std::string>> values;
    if (!map.title.empty()) {
        values.emplace_back("title", map.title);
    }
    if (map.date) {
        values.emplace_back("date", *map.date);
    }
    if (!map.description.empty()) {
        values.emplace_back("description", map.description);
    }
    return values;
}

// ---- GraphML
// -------------------------------------------------------------------------------------

const char* graphml_type(ValueType type) {
    switch (type) {
    case ValueType::integer:
        return "int";
    case ValueType::real:
        return "double";
    case ValueType::boolean:
        return "boolean";
    case ValueType::string:
        break;
    }
    return "string";
}

void graphml_keys(std::string& out, const Table& table, const char* element, const char* prefix) {
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
        out += "  <key id=\"" + std::string(prefix) + std::to_string(i) + "\" for=\"" + element +
               "\" attr.name=\"" + xml_escape(table.columns[i].name) + "\" attr.type=\"" +
               graphml_type(table.columns[i].type) + "\"/>\n";
    }
}

void graphml_data(std::string& out, const std::vector<Value>& row, const char* prefix) {
    for (std::size_t i = 0; i < row.size(); ++i) {
        if (std::holds_alternative<std::monostate>(row[i])) {
            continue;
        }
        out += "      <data key=\"" + std::string(prefix) + std::to_string(i) + "\">" +
               xml_escape(as_text(row[i])) + "</data>\n";
    }
}

// ---- GEXF
// ----------------------------------------------------------------------------------------

const char* gexf_type(ValueType type) {
    switch (type) {
    case ValueType::integer:
        return "integer";
    case ValueType::real:
        return "double";
    case ValueType::boolean:
        return "boolean";
    case ValueType::string:
        break;
    }
    return "string";
}

void gexf_attributes(std::string& out, const Table& table, const char* element,
                     std::size_t first_column) {
    out += std::string("    <attributes class=\"") + element + "\" mode=\"static\">\n";
    for (std::size_t i = first_column; i < table.columns.size(); ++i) {
        out += "      <attribute id=\"" + std::to_string(i) + "\" title=\"" +
               xml_escape(table.columns[i].name) + "\" type=\"" + gexf_type(table.columns[i].type) +
               "\"/>\n";
    }
    out += "    </attributes>\n";
}

void gexf_values(std::string& out, const std::vector<Value>& row, std::size_t first_column) {
    std::string values;
    for (std::size_t i = first_column; i < row.size(); ++i) {
        if (std::holds_alternative<std::monostate>(row[i])) {
            continue;
        }
        values += "          <attvalue for=\"" + std::to_string(i) + "\" value=\"" +
                  xml_escape(as_text(row[i])) + "\"/>\n";
    }
    if (!values.empty()) {
        out += "        <attvalues>\n" + values + "        </attvalues>\n";
    }
}

// ---- Node-link JSON
// ------------------------------------------------------------------------------

nlohmann::ordered_json json_value(const Value& value) {
    struct Visitor {
        nlohmann::ordered_json operator()(std::monostate) const { return nullptr; }
        nlohmann::ordered_json operator()(const std::string& text) const { return text; }
        nlohmann::ordered_json operator()(std::int64_t number) const { return number; }
        nlohmann::ordered_json operator()(double number) const { return number; }
        nlohmann::ordered_json operator()(bool yes) const { return yes; }
        nlohmann::ordered_json operator()(const std::vector<std::string>& items) const {
            return items;
        }
    };
    return std::visit(Visitor{}, value);
}

void json_values(nlohmann::ordered_json& out, const Table& table, std::size_t row) {
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
        const Value& value = table.rows[row][i];
        if (!std::holds_alternative<std::monostate>(value)) {
            out[table.columns[i].name] = json_value(value);
        }
    }
}

/// A Pajek label: quoted, with no way to escape a quote or a line break inside it.
std::string pajek_label(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"') {
            out += '\'';
        } else if (c == '\n' || c == '\r' || c == '\t') {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out + "\"";
}

/// Kumu labels: the actor's name, followed by " (ID)" when another actor has the same name (Kumu
/// joins connections to elements by label, so labels must be unique).
std::vector<std::string> kumu_labels(const model::Map& map) {
    std::map<std::string, std::size_t> uses;
    for (const auto& actor : map.actors) {
        ++uses[actor.name];
    }
    std::vector<std::string> labels;
    std::set<std::string> taken;
    for (const auto& actor : map.actors) {
        std::string label = actor.name;
        if (uses[actor.name] > 1) {
            label += " (" + actor.id + ")";
        }
        while (!taken.insert(label).second) { // "A (b)" was already another actor's name
            label += " (" + actor.id + ")";
        }
        labels.push_back(std::move(label));
    }
    return labels;
}

/// A field name free of Kumu's own keys.
std::string kumu_field(const std::string& name) {
    static const std::set<std::string> reserved{"label", "type", "description", "tags",
                                                "id",    "from", "to",          "direction"};
    std::string out = name;
    while (reserved.count(lowered(out)) != 0) {
        out = "attribute." + out;
    }
    return out;
}

/// An attribute name free of the Graphviz attributes a layout reads or `dot -Tjson` writes.
std::string dot_attribute(const std::string& name) {
    static const std::set<std::string> graphviz{
        "bb",       "class",       "color",   "dir",   "fillcolor", "fixedsize", "fontcolor",
        "fontname", "fontsize",    "group",   "head",  "height",    "href",      "id",
        "image",    "label",       "layer",   "lp",    "margin",    "name",      "orientation",
        "penwidth", "peripheries", "pos",     "rank",  "shape",     "sides",     "size",
        "style",    "tail",        "tooltip", "url",   "width",     "xlabel",    "xlp",
        "z",        "_gvid",       "weight",  "label", "splines",   "rankdir",   "nodesep"};
    std::string out = name;
    while (graphviz.count(lowered(out)) != 0) {
        out = "attribute." + out;
    }
    return out;
}

/// The day before a YYYY-MM-DD date (the text itself when it is not a date).
std::string day_before(const std::string& date) {
    const auto parsed = model::parse_date(date);
    if (!parsed) {
        return date;
    }
    namespace chrono = std::chrono;
    const chrono::year_month_day day{
        chrono::sys_days{chrono::year{parsed->year} / parsed->month / parsed->day} -
        chrono::days{1}};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                  static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
    return text;
}

/// A GEXF viz:color element from a #RRGGBB colour (none for any other text).
std::string viz_colour(const std::string& hex) {
    if (hex.size() != 7 || hex[0] != '#') {
        return {};
    }
    const auto channel = [&hex](std::size_t at) {
        return std::to_string(std::stoi(hex.substr(at, 2), nullptr, 16));
    };
    return "        <viz:color r=\"" + channel(1) + "\" g=\"" + channel(3) + "\" b=\"" +
           channel(5) + "\"/>\n";
}

} // namespace

std::string dot_quoted(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '\\' || c == '"') {
            out += '\\';
        }
        out += c;
    }
    return out + "\"";
}

namespace {

/// A control character in a Graphviz label: tab and carriage return become spaces (as a person
/// would read them), the others U+FFFD (XML, and so SVG output, cannot hold them).
void append_label_control(std::string& out, char c) {
    out += c == '\t' || c == '\r' ? " " : "\xEF\xBF\xBD";
}

bool is_control(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20U || byte == 0x7FU;
}

/// Whether a C1 control character (U+0080 to U+009F, such as U+0085 or U+009B) starts at `i`:
/// it shows as nothing or as a box, and it is a control sequence to some terminals.
bool is_c1_control(std::string_view text, std::size_t i) {
    return static_cast<unsigned char>(text[i]) == 0xC2U && i + 1 < text.size() &&
           static_cast<unsigned char>(text[i + 1]) >= 0x80U &&
           static_cast<unsigned char>(text[i + 1]) <= 0x9FU;
}

} // namespace

std::string dot_label(std::string_view text) {
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '&':
            out += "&amp;";
            break;
        case '\n':
            out += "\\n";
            break;
        default:
            if (is_control(c)) {
                append_label_control(out, c);
            } else if (is_c1_control(text, i)) {
                out += "\xEF\xBF\xBD";
                ++i;
            } else {
                out += c;
            }
        }
    }
    return out + "\"";
}

std::string dot_html_text(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "<br/>";
            break;
        default:
            if (is_control(c)) {
                append_label_control(out, c);
            } else if (is_c1_control(text, i)) {
                out += "\xEF\xBF\xBD";
                ++i;
            } else {
                out += c;
            }
        }
    }
    return out;
}

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&apos;";
            break;
        case '\t':
            out += "&#9;";
            break;
        case '\n':
            out += "&#10;";
            break;
        case '\r':
            out += "&#13;";
            break;
        default:
            if (c < 0x20 || c == 0x7F) {
                out += "\xEF\xBF\xBD"; // U+FFFD: XML 1.0 has no way to write these
            } else if (c == 0xEF && i + 2 < text.size() &&
                       static_cast<unsigned char>(text[i + 1]) == 0xBF &&
                       (static_cast<unsigned char>(text[i + 2]) == 0xBE ||
                        static_cast<unsigned char>(text[i + 2]) == 0xBF)) {
                out += "\xEF\xBF\xBD"; // U+FFFE and U+FFFF are not XML characters either
                i += 2;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    return out;
}

bool exports_directed(const model::Map& map, const ExportOptions& options) {
    return graph_of(map, options).directed;
}

std::string write_graphml(const model::Map& map, const ExportOptions& options) {
    const Graph graph = graph_of(map, options);
    const auto values = graph_values(map);
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
                      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                      "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
                      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
    for (std::size_t i = 0; i < values.size(); ++i) {
        out += "  <key id=\"g" + std::to_string(i) + "\" for=\"graph\" attr.name=\"" +
               values[i].first + "\" attr.type=\"string\"/>\n";
    }
    graphml_keys(out, graph.actors, "node", "n");
    graphml_keys(out, graph.relations, "edge", "e");
    out += std::string("  <graph id=\"G\" edgedefault=\"") +
           (graph.directed ? "directed" : "undirected") + "\">\n";
    for (std::size_t i = 0; i < values.size(); ++i) {
        out += "    <data key=\"g" + std::to_string(i) + "\">" + xml_escape(values[i].second) +
               "</data>\n";
    }
    for (std::size_t i = 0; i < map.actors.size(); ++i) {
        out += "    <node id=\"" + xml_escape(map.actors[i].id) + "\">\n";
        graphml_data(out, graph.actors.rows[i], "n");
        out += "    </node>\n";
    }
    for (std::size_t i = 0; i < graph.edges.size(); ++i) {
        const Edge& edge = graph.edges[i];
        out += "    <edge id=\"r" + std::to_string(i) + "\" source=\"" +
               xml_escape(map.actors[edge.source].id) + "\" target=\"" +
               xml_escape(map.actors[edge.target].id) + "\">\n";
        graphml_data(out, graph.relations.rows[i], "e");
        out += "    </edge>\n";
    }
    out += "  </graph>\n</graphml>\n";
    return out;
}

std::string write_gexf(const model::Map& map, const ExportOptions& options) {
    const Graph graph = graph_of(map, options);
    const bool v13 = options.gexf_version == GexfVersion::v1_3;
    bool dated = false;
    for (const Edge& edge : graph.edges) {
        dated = dated || edge.relation->since || edge.relation->until;
    }
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += v13 ? "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" "
                 "version=\"1.3\">\n"
               : "<gexf xmlns=\"http://www.gexf.net/1.2draft\" "
                 "xmlns:viz=\"http://www.gexf.net/1.2draft/viz\" version=\"1.2\">\n";
    out += "  <meta>\n    <creator>stakemap</creator>\n";
    if (!map.title.empty()) {
        out += "    <title>" + xml_escape(map.title) + "</title>\n";
    }
    if (!map.description.empty()) {
        out += "    <description>" + xml_escape(map.description) + "</description>\n";
    }
    out += "  </meta>\n";
    // Dynamic, with dates as time, only when some relation has a date: static graphs are what
    // most readers expect.
    out += std::string("  <graph defaultedgetype=\"") +
           (graph.directed ? "directed" : "undirected") + "\"" +
           (dated ? " mode=\"dynamic\" timeformat=\"date\">\n" : " mode=\"static\">\n");
    // The name is the node's label; the other columns are attributes. The edge weight is the
    // edge's own XML attribute, so it is not declared again.
    gexf_attributes(out, graph.actors, "node", 1);
    out += "    <attributes class=\"edge\" mode=\"static\">\n";
    for (std::size_t i = 0; i < graph.relations.columns.size(); ++i) {
        if (graph.relations.columns[i].name == "weight") {
            continue;
        }
        out += "      <attribute id=\"" + std::to_string(i) + "\" title=\"" +
               graph.relations.columns[i].name + "\" type=\"" +
               gexf_type(graph.relations.columns[i].type) + "\"/>\n";
    }
    out += "    </attributes>\n    <nodes>\n";
    for (std::size_t i = 0; i < map.actors.size(); ++i) {
        out += "      <node id=\"" + xml_escape(map.actors[i].id) + "\" label=\"" +
               xml_escape(map.actors[i].name) + "\">\n";
        gexf_values(out, graph.actors.rows[i], 1);
        if (options.looks && i < options.looks->colours.size() && i < options.looks->sizes.size()) {
            out += viz_colour(options.looks->colours[i]);
            out += "        <viz:size value=\"" + text::exact_number(options.looks->sizes[i]) +
                   "\"/>\n";
        }
        out += "      </node>\n";
    }
    out += "    </nodes>\n    <edges>\n";
    for (std::size_t i = 0; i < graph.edges.size(); ++i) {
        const Edge& edge = graph.edges[i];
        const model::Relation& relation = *edge.relation;
        out += "      <edge id=\"r" + std::to_string(i) + "\" source=\"" +
               xml_escape(map.actors[edge.source].id) + "\" target=\"" +
               xml_escape(map.actors[edge.target].id) + "\"";
        if (relation.type) {
            out += " label=\"" + xml_escape(*relation.type) + "\"";
        }
        out += " weight=\"" + text::exact_number(relation.weight) + "\">\n";
        std::vector<Value> row = graph.relations.rows[i];
        row[2] = std::monostate{}; // the weight, written above
        gexf_values(out, row, 0);
        if (relation.since || relation.until) {
            // GEXF spells are closed intervals; a relation is in force from `since` up to, not
            // including, `until`: its spell ends the day before.
            out += "        <spells>\n          <spell";
            if (relation.since) {
                out += " start=\"" + xml_escape(*relation.since) + "\"";
            }
            if (relation.until) {
                out += " end=\"" + xml_escape(day_before(*relation.until)) + "\"";
            }
            out += "/>\n        </spells>\n";
        }
        out += "      </edge>\n";
    }
    out += "    </edges>\n  </graph>\n</gexf>\n";
    return out;
}

std::string write_node_link(const model::Map& map, const ExportOptions& options) {
    const Graph graph = graph_of(map, options);
    nlohmann::ordered_json out;
    out["directed"] = graph.directed;
    out["multigraph"] = true;
    nlohmann::ordered_json graph_data = nlohmann::ordered_json::object();
    for (const auto& [name, value] : graph_values(map)) {
        graph_data[name] = value;
    }
    out["graph"] = std::move(graph_data);
    nlohmann::ordered_json nodes = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < map.actors.size(); ++i) {
        nlohmann::ordered_json node;
        node["id"] = map.actors[i].id;
        json_values(node, graph.actors, i);
        nodes.push_back(std::move(node));
    }
    out["nodes"] = std::move(nodes);
    // Keys number the edges between the same two actors (in either order when undirected), as
    // NetworkX numbers them.
    std::map<std::pair<std::size_t, std::size_t>, std::int64_t> next_key;
    nlohmann::ordered_json links = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < graph.edges.size(); ++i) {
        const Edge& edge = graph.edges[i];
        auto pair = std::make_pair(edge.source, edge.target);
        if (!graph.directed && pair.first > pair.second) {
            std::swap(pair.first, pair.second);
        }
        nlohmann::ordered_json link;
        link["source"] = map.actors[edge.source].id;
        link["target"] = map.actors[edge.target].id;
        link["key"] = next_key[pair]++;
        json_values(link, graph.relations, i);
        links.push_back(std::move(link));
    }
    out["links"] = std::move(links);
    return out.dump(2) + "\n";
}

std::string write_pajek(const model::Map& map, const ExportOptions& options) {
    const Graph graph = graph_of(map, options);
    std::string out = options.pajek_bom ? "\xEF\xBB\xBF" : "";
    out += "*Vertices " + std::to_string(map.actors.size()) + "\r\n";
    for (std::size_t i = 0; i < map.actors.size(); ++i) {
        out += std::to_string(i + 1) + " " + pajek_label(map.actors[i].name) + "\r\n";
    }
    out += graph.directed ? "*Arcs\r\n" : "*Edges\r\n";
    for (const Edge& edge : graph.edges) {
        out += std::to_string(edge.source + 1) + " " + std::to_string(edge.target + 1) + " " +
               text::exact_number(edge.relation->weight) + "\r\n";
    }
    return out;
}

std::string write_kumu(const model::Map& map, const ExportOptions& options) {
    const Graph graph = graph_of(map, options);
    const model::Vocabulary vocabulary = default_vocabulary().merged_with(map);
    const std::vector<std::string> labels = kumu_labels(map);
    nlohmann::ordered_json elements = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < map.actors.size(); ++i) {
        const model::Actor& actor = map.actors[i];
        nlohmann::ordered_json element;
        element["label"] = labels[i];
        if (actor.kind) {
            const model::KindTerm* kind = vocabulary.find_kind(*actor.kind);
            element["type"] =
                kind != nullptr ? model::text(kind->label, options.language) : *actor.kind;
        }
        if (!actor.note.empty()) {
            element["description"] = actor.note;
        }
        if (!actor.tags.empty()) {
            element["tags"] = actor.tags;
        }
        element["actor_id"] = actor.id;
        for (std::size_t c = 0; c < graph.actors.columns.size(); ++c) {
            const std::string& name = graph.actors.columns[c].name;
            const Value& value = graph.actors.rows[i][c];
            if (name == "name" || name == "note" || name == "tags" ||
                std::holds_alternative<std::monostate>(value)) {
                continue;
            }
            element[kumu_field(name)] = json_value(value);
        }
        elements.push_back(std::move(element));
    }
    nlohmann::ordered_json connections = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < graph.edges.size(); ++i) {
        const Edge& edge = graph.edges[i];
        const model::Relation& relation = *edge.relation;
        nlohmann::ordered_json connection;
        connection["from"] = labels[edge.source];
        connection["to"] = labels[edge.target];
        if (relation.type) {
            const model::Term* type = vocabulary.find_relation_type(*relation.type);
            connection["type"] =
                type != nullptr ? model::text(type->label, options.language) : *relation.type;
        }
        connection["direction"] = map.is_directed(relation) ? "directed" : "undirected";
        if (!relation.note.empty()) {
            connection["description"] = relation.note;
        }
        for (std::size_t c = 0; c < graph.relations.columns.size(); ++c) {
            const std::string& name = graph.relations.columns[c].name;
            const Value& value = graph.relations.rows[i][c];
            if (name == "type" || name == "note" || name == "directed" ||
                std::holds_alternative<std::monostate>(value)) {
                continue;
            }
            connection[kumu_field(name)] = json_value(value);
        }
        connections.push_back(std::move(connection));
    }
    nlohmann::ordered_json out;
    out["elements"] = std::move(elements);
    out["connections"] = std::move(connections);
    return out.dump(2) + "\n";
}

std::string write_dot(const model::Map& map, const ExportOptions& options) {
    const Graph graph = graph_of(map, options);
    const auto attributes = [](const Table& table, std::size_t row, bool name_as_label) {
        std::string out;
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            const Value& value = table.rows[row][c];
            if (std::holds_alternative<std::monostate>(value)) {
                continue;
            }
            const std::string& name = table.columns[c].name;
            const std::string attribute = name_as_label && name == "name" ? "label"
                                          : name == "weight" && !name_as_label
                                              ? "weight"
                                              : dot_attribute(name);
            out += (out.empty() ? "" : ", ") + dot_quoted(attribute) + "=" +
                   (attribute == "label" ? dot_label(as_text(value)) : dot_quoted(as_text(value)));
        }
        return out;
    };
    std::string out = graph.directed ? "digraph stakemap {\n" : "graph stakemap {\n";
    const auto values = graph_values(map);
    if (!values.empty()) {
        out += "  graph [";
        for (std::size_t i = 0; i < values.size(); ++i) {
            out += (i == 0 ? "" : ", ") + dot_quoted(values[i].first) + "=" +
                   dot_quoted(values[i].second);
        }
        out += "];\n";
    }
    for (std::size_t i = 0; i < map.actors.size(); ++i) {
        out +=
            "  " + dot_quoted(map.actors[i].id) + " [" + attributes(graph.actors, i, true) + "];\n";
    }
    for (std::size_t i = 0; i < graph.edges.size(); ++i) {
        const Edge& edge = graph.edges[i];
        out += "  " + dot_quoted(map.actors[edge.source].id) + (graph.directed ? " -> " : " -- ") +
               dot_quoted(map.actors[edge.target].id) + " [" +
               attributes(graph.relations, i, false);
        if (graph.directed && !map.is_directed(*edge.relation)) {
            out += ", dir=none";
        }
        out += "];\n";
    }
    return out + "}\n";
}

std::string export_map(const model::Map& map, const ExportOptions& options) {
    switch (options.format) {
    case ExportFormat::graphml:
        return write_graphml(map, options);
    case ExportFormat::gexf:
        return write_gexf(map, options);
    case ExportFormat::node_link:
        return write_node_link(map, options);
    case ExportFormat::kumu:
        return write_kumu(map, options);
    case ExportFormat::dot:
        return write_dot(map, options);
    case ExportFormat::xlsx:
        return export_workbook(map, options);
    case ExportFormat::csv:
        throw UsageError("csv is a folder of files, one per sheet: see export_sheet_files", "to");
    case ExportFormat::pajek:
        break;
    }
    return write_pajek(map, options);
}

} // namespace stakemap::io
