#include "stakemap/io/export.hpp"
#include "stakemap/io/workbook_export.hpp"

#include "stakemap/error.hpp"
#include "stakemap/model/date.hpp"
#include "stakemap/text/words.hpp"

#include <algorithm>
#include <cstdint>
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

std::string lowered(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
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
    // The map's own attributes: one column each, typed when every actor gives the same type,
    // text otherwise; renamed when the name is taken, ignoring case (GEXF readers drop titles
    // equal up to case).
    std::set<std::string> taken{"id", "label", "key"};
    for (const auto& column : table.columns) {
        taken.insert(column.name);
    }
    std::map<std::string, ValueType> attribute_types;
    for (const auto& actor : map.actors) {
        for (const auto& [name, value] : actor.attributes) {
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
        for (std::size_t i = 0; i < attribute_names.size(); ++i) {
            const auto found = actor.attributes.find(attribute_names[i]);
            row.push_back(found == actor.attributes.end()
                              ? Value(std::monostate{})
                              : attribute_value(found->second, table.columns[16 + i].type));
        }
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
        if (!options.types.empty() &&
            (!relation.type || std::find(options.types.begin(), options.types.end(),
                                         *relation.type) == options.types.end())) {
            continue;
        }
        if (options.at && !model::in_force(relation, *options.at)) {
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
    for (const auto& edge : graph.edges) {
        const model::Relation& relation = *edge.relation;
        graph.relations.rows.push_back(
            {optional_value(relation.id), optional_value(relation.type), relation.weight,
             map.is_directed(relation), optional_value(relation.since),
             optional_value(relation.until), optional_value(relation.formality),
             optional_value(relation.confidence), list_value(relation.informants),
             text_value(relation.note)});
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

} // namespace

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
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += v13 ? "<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n"
               : "<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n";
    out += "  <meta>\n    <creator>stakemap</creator>\n";
    if (!map.title.empty()) {
        out += "    <title>" + xml_escape(map.title) + "</title>\n";
    }
    if (!map.description.empty()) {
        out += "    <description>" + xml_escape(map.description) + "</description>\n";
    }
    out += "  </meta>\n";
    out += std::string("  <graph defaultedgetype=\"") +
           (graph.directed ? "directed" : "undirected") + "\" mode=\"static\">\n";
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
        out += "      </node>\n";
    }
    out += "    </nodes>\n    <edges>\n";
    for (std::size_t i = 0; i < graph.edges.size(); ++i) {
        const Edge& edge = graph.edges[i];
        out += "      <edge id=\"r" + std::to_string(i) + "\" source=\"" +
               xml_escape(map.actors[edge.source].id) + "\" target=\"" +
               xml_escape(map.actors[edge.target].id) + "\"";
        if (edge.relation->type) {
            out += " label=\"" + xml_escape(*edge.relation->type) + "\"";
        }
        out += " weight=\"" + text::exact_number(edge.relation->weight) + "\">\n";
        std::vector<Value> row = graph.relations.rows[i];
        row[2] = std::monostate{}; // the weight, written above
        gexf_values(out, row, 0);
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

std::string export_map(const model::Map& map, const ExportOptions& options) {
    switch (options.format) {
    case ExportFormat::graphml:
        return write_graphml(map, options);
    case ExportFormat::gexf:
        return write_gexf(map, options);
    case ExportFormat::node_link:
        return write_node_link(map, options);
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
