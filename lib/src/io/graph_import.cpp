// From GraphML, GEXF and node-link JSON to a map: each format is read into the same plain graph
// (nodes and edges with typed attributes and their position in the file), which is then turned into
// a map and checked by the map reader's rules, every problem placed at its node's or edge's line.

#include "stakemap/io/graph_import.hpp"

#include "cell_text.hpp"
#include "json_document.hpp"
#include "stakemap/io/files.hpp"
#include "stakemap/io/map_reader.hpp"
#include "stakemap/io/map_writer.hpp"
#include "stakemap/model/split.hpp"
#include "stakemap/text/words.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <map>
#include <pugixml.hpp>
#include <set>
#include <variant>

namespace stakemap::io {

namespace {

// ---- The graph read from any format
// --------------------------------------------------------------

/// An attribute value as the file types it; lists come from JSON arrays.
using Value = std::variant<std::string, double, bool, std::vector<std::string>>;

struct Attribute {
    std::string name;
    Value value;
};

struct Element {
    std::string id;
    std::size_t offset = 0; ///< of the element in the file, for messages
    std::vector<Attribute> attributes;
};

struct NodeIn : Element {
    std::optional<std::string> label; ///< GEXF's label
};

struct EdgeIn : Element {
    std::string source;
    std::string target;
    std::optional<bool> directed;     ///< GraphML's directed, GEXF's type
    std::optional<double> weight;     ///< GEXF's weight
    std::optional<std::string> label; ///< GEXF's label
    std::optional<std::string> start; ///< GEXF's start (or first spell)
    std::optional<std::string> end;   ///< GEXF's end (or first spell)
};

struct GraphIn {
    bool directed = false;
    std::vector<Attribute> values; ///< graph-level attributes
    std::size_t offset = 0;
    std::vector<NodeIn> nodes;
    std::vector<EdgeIn> edges;
};

std::optional<double> parse_number(std::string_view cell) {
    std::string text = trimmed(cell);
    if (!text.empty() && text.front() == '+') {
        text.erase(0, 1);
    }
    if (text.empty()) {
        return std::nullopt;
    }
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

std::optional<bool> parse_boolean(std::string_view cell) {
    const std::string text = lowered(trimmed(cell));
    if (text == "true" || text == "1" || text == "yes") {
        return true;
    }
    if (text == "false" || text == "0" || text == "no") {
        return false;
    }
    return std::nullopt;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += (i > 0 ? "|" : "") + items[i];
    }
    return out;
}

std::string as_text(const Value& value) {
    if (const auto* text = std::get_if<std::string>(&value)) {
        return *text;
    }
    if (const auto* number = std::get_if<double>(&value)) {
        return text::exact_number(*number);
    }
    if (const auto* yes = std::get_if<bool>(&value)) {
        return *yes ? "true" : "false";
    }
    return joined(std::get<std::vector<std::string>>(value));
}

// ---- Turning the graph into a map
// ----------------------------------------------------------------

/// Collects diagnostics located by byte offset in the file.
class Reporter {
public:
    Reporter(std::string_view bytes, std::string file, const text::Words& words_in)
        : words(words_in), positions_(bytes), file_(std::move(file)) {}

    const text::Words& words; ///< the language of the messages
    std::vector<Diagnostic> diagnostics;

    void add(Severity severity, std::size_t offset, const char* code, std::string message) {
        const auto at = positions_.at(offset);
        diagnostics.push_back(
            Diagnostic{severity, code, file_, at.line, at.column, "", std::move(message)});
    }
    void error(std::size_t offset, const char* code, std::string message) {
        add(Severity::error, offset, code, std::move(message));
    }
    void warning(std::size_t offset, const char* code, std::string message) {
        add(Severity::warning, offset, code, std::move(message));
    }
    /// A problem of the whole file, at line 0.
    void whole(Severity severity, const char* code, std::string message) {
        diagnostics.push_back(Diagnostic{severity, code, file_, 0, 0, "", std::move(message)});
    }
    const std::string& file() const { return file_; }
    detail::SourcePositions::Position position(std::size_t offset) const {
        return positions_.at(offset);
    }

private:
    detail::SourcePositions positions_;
    std::string file_;
};

std::string node_name(const text::Words& words, const NodeIn& node) {
    return words("node \"{id}\"", {{"id", node.id}});
}

std::string edge_name(const text::Words& words, const EdgeIn& edge) {
    if (!edge.id.empty()) {
        return words("edge \"{id}\"", {{"id", edge.id}});
    }
    return words("edge from \"{source}\" to \"{target}\"",
                 {{"source", edge.source}, {"target", edge.target}});
}

/// Reads attribute values into fields, reporting a value of the wrong type at its element.
class FieldReader {
public:
    FieldReader(Reporter& reporter, std::size_t offset, std::string element)
        : reporter_(reporter), offset_(offset), element_(std::move(element)) {}

    void bad(const Attribute& attribute, const char* expected) {
        const text::Words& words = reporter_.words;
        reporter_.error(offset_, "import.bad_value",
                        words("{element}, attribute \"{attribute}\": expected {expected}, not "
                              "\"{value}\"",
                              {{"element", element_},
                               {"attribute", attribute.name},
                               {"expected", words(expected)},
                               {"value", as_text(attribute.value)}}));
    }
    std::string text(const Attribute& attribute) { return as_text(attribute.value); }
    std::optional<std::string> optional_text(const Attribute& attribute) {
        std::string value = trimmed(as_text(attribute.value));
        return value.empty() ? std::nullopt : std::optional(std::move(value));
    }
    std::vector<std::string> list(const Attribute& attribute) {
        if (const auto* items = std::get_if<std::vector<std::string>>(&attribute.value)) {
            return *items;
        }
        return model::split_list(as_text(attribute.value), '|');
    }
    std::optional<double> number(const Attribute& attribute) {
        if (const auto* number = std::get_if<double>(&attribute.value)) {
            return *number;
        }
        if (const auto* text = std::get_if<std::string>(&attribute.value)) {
            if (auto value = parse_number(*text)) {
                return value;
            }
        }
        bad(attribute, text::N_("a number"));
        return std::nullopt;
    }
    std::optional<int> whole(const Attribute& attribute) {
        std::optional<double> value;
        if (const auto* number = std::get_if<double>(&attribute.value)) {
            value = *number;
        } else if (const auto* text = std::get_if<std::string>(&attribute.value)) {
            value = parse_number(*text);
        }
        if (!value || *value != std::floor(*value) || std::fabs(*value) > 1e9) {
            bad(attribute, text::N_("a whole number"));
            return std::nullopt;
        }
        return static_cast<int>(*value);
    }
    std::optional<bool> boolean(const Attribute& attribute) {
        if (const auto* yes = std::get_if<bool>(&attribute.value)) {
            return *yes;
        }
        if (const auto* text = std::get_if<std::string>(&attribute.value)) {
            if (auto value = parse_boolean(*text)) {
                return value;
            }
        }
        if (const auto* number = std::get_if<double>(&attribute.value)) {
            if (*number == 0 || *number == 1) {
                return *number == 1;
            }
        }
        bad(attribute, text::N_("true or false"));
        return std::nullopt;
    }

private:
    Reporter& reporter_;
    std::size_t offset_;
    std::string element_;
};

/// The names stakemap export gives actor fields; a map attribute with one of these names (up to
/// case) is exported as "attribute.NAME".
const std::set<std::string>& reserved_node_names() {
    static const std::set<std::string> names{
        "id",         "label",   "key",          "name",      "short_name", "kind",  "level",
        "area",       "serves",  "services",     "languages", "capacity",   "power", "interest",
        "legitimacy", "urgency", "access_point", "tags",      "note"};
    return names;
}

/// Fills the actor field named by the attribute; false when it names no field.
bool actor_field(model::Actor& actor, const Attribute& attribute, FieldReader& read) {
    const std::string& name = attribute.name;
    if (name == "name") {
        actor.name = trimmed(read.text(attribute));
    } else if (name == "short_name") {
        actor.short_name = read.optional_text(attribute);
    } else if (name == "kind") {
        actor.kind = read.optional_text(attribute);
    } else if (name == "level") {
        actor.level = read.optional_text(attribute);
    } else if (name == "area") {
        actor.area = read.optional_text(attribute);
    } else if (name == "serves") {
        auto serves = read.list(attribute);
        if (serves.size() == 1 && serves.front() == "*") {
            actor.serves_all = true;
        } else {
            actor.serves = std::move(serves);
        }
    } else if (name == "services") {
        actor.services = read.list(attribute);
    } else if (name == "languages") {
        actor.languages = read.list(attribute);
    } else if (name == "capacity") {
        actor.capacity = read.number(attribute);
    } else if (name == "power") {
        actor.power = read.whole(attribute);
    } else if (name == "interest") {
        actor.interest = read.whole(attribute);
    } else if (name == "legitimacy") {
        actor.legitimacy = read.whole(attribute);
    } else if (name == "urgency") {
        actor.urgency = read.whole(attribute);
    } else if (name == "access_point") {
        actor.access_point = read.boolean(attribute);
    } else if (name == "tags") {
        actor.tags = read.list(attribute);
    } else if (name == "note") {
        actor.note = read.text(attribute);
    } else {
        return false;
    }
    return true;
}

/// An attribute that is no field, kept with the others of its actor or relation: text, number or
/// yes/no (a list is joined with "|"). The exporter's "attribute.NAME", for a name a field takes,
/// is NAME again.
void keep_attribute(std::map<std::string, model::AttributeValue>& attributes,
                    const Attribute& attribute, const std::set<std::string>& field_names) {
    std::string name = attribute.name;
    const std::string prefix = "attribute.";
    if (name.starts_with(prefix)) {
        const std::string rest = name.substr(prefix.size());
        if (field_names.count(lowered(rest)) != 0 || rest.starts_with(prefix)) {
            name = rest;
        }
    }
    if (const auto* number = std::get_if<double>(&attribute.value)) {
        attributes[name] = *number;
    } else if (const auto* yes = std::get_if<bool>(&attribute.value)) {
        attributes[name] = *yes;
    } else {
        attributes[name] = as_text(attribute.value);
    }
}

void actor_attribute(model::Actor& actor, const Attribute& attribute) {
    keep_attribute(actor.attributes, attribute, reserved_node_names());
}

/// Fills the relation field named by the attribute; false when it names no field.
bool relation_field(model::Relation& relation, const Attribute& attribute, FieldReader& read) {
    const std::string& name = attribute.name;
    if (name == "relation") {
        relation.id = read.optional_text(attribute);
    } else if (name == "type") {
        relation.type = read.optional_text(attribute);
    } else if (name == "weight") {
        if (auto weight = read.number(attribute)) {
            relation.weight = *weight;
        }
    } else if (name == "directed") {
        relation.directed = read.boolean(attribute);
    } else if (name == "since") {
        relation.since = read.optional_text(attribute);
    } else if (name == "until") {
        relation.until = read.optional_text(attribute);
    } else if (name == "formality") {
        relation.formality = read.optional_text(attribute);
    } else if (name == "confidence") {
        relation.confidence = read.number(attribute);
    } else if (name == "informants") {
        relation.informants = read.list(attribute);
    } else if (name == "note") {
        relation.note = read.text(attribute);
    } else {
        return false;
    }
    return true;
}

/// The names stakemap export gives relation fields; a relation attribute with one of these names
/// (up to case) is exported as "attribute.NAME".
const std::set<std::string>& reserved_edge_names() {
    static const std::set<std::string> names{
        "id",       "key",   "relation", "source",    "target",     "type",       "weight",
        "directed", "since", "until",    "formality", "confidence", "informants", "note"};
    return names;
}

/// An edge attribute that is no relation field, as an attribute of the relation.
void relation_attribute(model::Relation& relation, const Attribute& attribute) {
    keep_attribute(relation.attributes, attribute, reserved_edge_names());
}

ImportResult build_map(const GraphIn& graph, Reporter& reporter, model::Language language) {
    const text::Words& words = reporter.words;
    model::Map map;
    map.directed = graph.directed;
    for (const auto& value : graph.values) {
        const std::string text = trimmed(as_text(value.value));
        if (value.name == "title") {
            map.title = text;
        } else if (value.name == "description") {
            map.description = text;
        } else if (value.name == "date") {
            map.date = text.empty() ? std::nullopt : std::optional(text);
        }
    }
    for (const auto& value : graph.values) {
        if (value.name == "name" && map.title.empty()) {
            map.title = trimmed(as_text(value.value)); // NetworkX's graph name
        }
    }

    std::vector<const NodeIn*> actor_nodes;
    for (const auto& node : graph.nodes) {
        FieldReader read(reporter, node.offset, node_name(words, node));
        model::Actor actor;
        actor.id = node.id;
        std::optional<std::string> label = node.label;
        for (const auto& attribute : node.attributes) {
            if (attribute.name == "label") {
                label = trimmed(as_text(attribute.value));
            } else if (!actor_field(actor, attribute, read)) {
                actor_attribute(actor, attribute);
            }
        }
        if (actor.name.empty() && label && !label->empty()) {
            actor.name = *label;
        }
        if (actor.name.empty()) {
            actor.name = actor.id;
        }
        map.actors.push_back(std::move(actor));
        actor_nodes.push_back(&node);
    }

    // The exchange formats carry no areas: each area the actors name becomes an area of its own,
    // named by its id, so that the map holds together; one warning says so.
    std::set<std::string> named_areas;
    for (const auto& actor : map.actors) {
        std::vector<std::string> ids = actor.serves.value_or(std::vector<std::string>{});
        if (actor.area) {
            ids.insert(ids.begin(), *actor.area);
        }
        for (const auto& id : ids) {
            if (named_areas.insert(id).second) {
                map.areas.push_back(
                    model::Area{id, id, std::nullopt, std::nullopt, std::nullopt, {}});
            }
        }
    }
    if (!map.areas.empty()) {
        reporter.warning(graph.offset, "import.areas_added",
                         words.plural("the file describes no areas: the {n} area the actors name "
                                      "is added with its id as its name",
                                      "the file describes no areas: the {n} areas the actors name "
                                      "are added with their ids as their names",
                                      map.areas.size()));
    }

    std::vector<const EdgeIn*> relation_edges;
    for (const auto& edge : graph.edges) {
        FieldReader read(reporter, edge.offset, edge_name(words, edge));
        model::Relation relation;
        relation.source = edge.source;
        relation.target = edge.target;
        if (edge.weight) {
            relation.weight = *edge.weight;
        }
        std::optional<bool> directed = edge.directed;
        std::vector<Attribute> extra;
        for (const auto& attribute : edge.attributes) {
            if (!relation_field(relation, attribute, read)) {
                extra.push_back(attribute);
            }
        }
        if (edge.label && (!relation.type || *relation.type != *edge.label)) {
            extra.push_back(Attribute{"label", *edge.label});
        }
        if (!relation.since && edge.start) {
            relation.since = edge.start;
        }
        if (!relation.until && edge.end) {
            relation.until = edge.end;
        }
        for (const auto& attribute : extra) {
            relation_attribute(relation, attribute);
        }
        // Our own `directed` attribute wins over the format's per-edge direction; either is kept
        // only where it differs from the graph's.
        if (!relation.directed) {
            relation.directed = directed;
        }
        if (relation.directed && *relation.directed == map.directed) {
            relation.directed.reset();
        }
        map.relations.push_back(std::move(relation));
        relation_edges.push_back(&edge);
    }

    // The map reader's rules, applied to the canonical text of the map; each diagnostic is moved
    // from its JSON pointer (/relations/3/target) to the line of the node or edge it comes from.
    ReadOptions read_options;
    read_options.language = language;
    read_options.max_errors = 1000;
    ReadResult checked = read_map_text(write_map_json(map), reporter.file(), read_options);
    std::vector<Diagnostic> diagnostics = std::move(reporter.diagnostics);
    for (auto& diagnostic : checked.diagnostics) {
        const std::string& pointer = diagnostic.pointer;
        std::optional<std::size_t> offset;
        std::string element;
        for (const bool actors : {true, false}) {
            const std::string prefix = actors ? "/actors/" : "/relations/";
            if (!pointer.starts_with(prefix)) {
                continue;
            }
            const std::string rest = pointer.substr(prefix.size());
            const std::size_t index = std::stoul(rest.substr(0, rest.find('/')));
            if (actors && index < actor_nodes.size()) {
                offset = actor_nodes[index]->offset;
                element = node_name(words, *actor_nodes[index]);
            } else if (!actors && index < relation_edges.size()) {
                offset = relation_edges[index]->offset;
                element = edge_name(words, *relation_edges[index]);
            }
        }
        Diagnostic moved = diagnostic;
        moved.pointer = "";
        if (offset) {
            const auto at = reporter.position(*offset);
            moved.line = at.line;
            moved.column = at.column;
            moved.message = words("{element}: {problem}",
                                  {{"element", element}, {"problem", diagnostic.message}});
        } else {
            moved.line = 0;
            moved.column = 0;
        }
        diagnostics.push_back(std::move(moved));
    }

    ImportResult result;
    // Errors first, each kind in file order.
    std::stable_sort(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) {
                         return std::make_pair(a.severity != Severity::error, a.line) <
                                std::make_pair(b.severity != Severity::error, b.line);
                     });
    for (const auto& diagnostic : diagnostics) {
        (diagnostic.severity == Severity::error ? result.error_count : result.warning_count) += 1;
    }
    if (result.error_count == 0 && checked.map) {
        result.map = std::move(checked.map);
    }
    result.diagnostics = std::move(diagnostics);
    return result;
}

ImportResult only(std::vector<Diagnostic> diagnostics) {
    ImportResult result;
    for (const auto& diagnostic : diagnostics) {
        (diagnostic.severity == Severity::error ? result.error_count : result.warning_count) += 1;
    }
    result.diagnostics = std::move(diagnostics);
    return result;
}

// ---- XML
// -----------------------------------------------------------------------------------------

/// The element name without its namespace prefix.
std::string_view local(const pugi::xml_node& node) {
    const std::string_view name = node.name();
    const auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

/// The offset of an element's "<" (pugixml gives that of its name).
std::size_t offset_of(const pugi::xml_node& node) {
    const auto offset = node.offset_debug();
    return offset < 1 ? 0 : static_cast<std::size_t>(offset - 1);
}

/// Children with this local name.
std::vector<pugi::xml_node> children(const pugi::xml_node& node, std::string_view name) {
    std::vector<pugi::xml_node> out;
    for (const auto& child : node.children()) {
        if (child.type() == pugi::node_element && local(child) == name) {
            out.push_back(child);
        }
    }
    return out;
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view name) {
    for (const auto& item : node.children()) {
        if (item.type() == pugi::node_element && local(item) == name) {
            return item;
        }
    }
    return {};
}

std::optional<std::string> attribute_of(const pugi::xml_node& node, const char* name) {
    const auto attribute = node.attribute(name);
    if (!attribute) {
        return std::nullopt;
    }
    return std::string(attribute.value());
}

/// A declared attribute (GraphML key, GEXF attribute): its name, type and default value.
struct Declared {
    std::string name;
    std::string type;
    std::optional<std::string> default_value;
};

/// The text of a value, typed as declared; an error at `offset` when it does not fit the type.
std::optional<Value> typed(const Declared& declared, const std::string& text, std::size_t offset,
                           const std::string& element, Reporter& reporter) {
    const std::string type = lowered(declared.type);
    const text::Words& words = reporter.words;
    auto bad = [&](const char* expected) {
        reporter.error(offset, "import.bad_value",
                       words("{element}, attribute \"{attribute}\": expected {expected}, not "
                             "\"{value}\"",
                             {{"element", element},
                              {"attribute", declared.name},
                              {"expected", words(expected)},
                              {"value", text}}));
        return std::nullopt;
    };
    if (type == "boolean") {
        if (auto value = parse_boolean(text)) {
            return Value(*value);
        }
        return bad(text::N_("true or false"));
    }
    if (type == "int" || type == "long" || type == "integer" || type == "float" ||
        type == "double" || type == "short" || type == "byte" || type == "bigdecimal" ||
        type == "biginteger") {
        if (auto value = parse_number(text)) {
            return Value(*value);
        }
        return bad(text::N_("a number"));
    }
    return Value(text);
}

/// Refuses XML that is not UTF-8 text (the readers' offsets, and the map, are UTF-8): reports the
/// first NUL or invalid byte and returns false.
bool utf8_text(std::string_view bytes, Reporter& reporter) {
    const text::Words& words = reporter.words;
    std::size_t first_bad = std::string_view::npos;
    std::size_t bad_count = 0;
    for (std::size_t i = 0; i < bytes.size();) {
        if (bytes[i] == '\0') {
            reporter.error(i, "import.nul_byte",
                           words("NUL byte (0x00) in the file: XML text cannot contain one; was it "
                                 "saved as UTF-16? Save it again as UTF-8"));
            return false;
        }
        const std::size_t length = utf8_sequence_length(bytes, i);
        if (length == 0) {
            first_bad = first_bad == std::string_view::npos ? i : first_bad;
            ++bad_count;
            ++i;
        } else {
            i += length;
        }
    }
    if (first_bad == std::string_view::npos) {
        return true;
    }
    const std::string hex = hex_byte(static_cast<unsigned char>(bytes[first_bad]));
    reporter.error(
        first_bad, "import.invalid_utf8",
        words.plural("invalid UTF-8 byte {byte} ({n} such byte in the file); the file is "
                     "probably saved as Windows-1252 or Latin-1: save it again as UTF-8",
                     "invalid UTF-8 byte {byte} ({n} such bytes in the file); the file "
                     "is probably saved as Windows-1252 or Latin-1: save it again as "
                     "UTF-8",
                     bad_count, {{"byte", hex}}));
    return false;
}

/// Refuses character references to what XML 1.0 allows no text to hold (&#0;, surrogates such as
/// &#xD800;, &#xFFFE;…), which would otherwise end up in the map as bytes that are not UTF-8.
bool valid_references(std::string_view bytes, Reporter& reporter) {
    // A number past U+10FFFF counts too: pugixml decoded &#111…1; with overflow into bytes that
    // are not UTF-8 (found by the graph_import fuzz harness).
    const auto bad = first_bad_reference(bytes);
    if (!bad) {
        return true;
    }
    reporter.error(
        bad->offset, "import.bad_reference",
        reporter.words("the character reference {reference} names no "
                       "character XML text may hold; remove it",
                       {{"reference", std::string(bytes.substr(bad->offset, bad->length))}}));
    return false;
}

/// What pugixml found wrong, in words the catalogue translates.
const char* xml_problem(pugi::xml_parse_status status) {
    switch (status) {
    case pugi::status_unrecognized_tag:
        return text::N_("a \"<\" that starts no tag (write &lt; for the character)");
    case pugi::status_bad_pi:
    case pugi::status_bad_comment:
    case pugi::status_bad_cdata:
    case pugi::status_bad_doctype:
        return text::N_("a declaration, comment or CDATA section that is not closed properly");
    case pugi::status_bad_pcdata:
        return text::N_("text that cannot be read");
    case pugi::status_bad_start_element:
        return text::N_("an opening tag that is not closed properly");
    case pugi::status_bad_attribute:
        return text::N_("an XML attribute without a quoted value");
    case pugi::status_bad_end_element:
        return text::N_("a closing tag that is not closed properly");
    case pugi::status_end_element_mismatch:
        return text::N_("a closing tag that does not match the open element (or an element "
                        "never closed)");
    case pugi::status_no_document_element:
        return text::N_("no element at all");
    default:
        break;
    }
    return text::N_("XML that cannot be read");
}

/// Parses XML, refusing DTDs; nullopt (with the problem reported) when it cannot be read.
bool parse_xml(pugi::xml_document& document, std::string_view bytes, Reporter& reporter) {
    const text::Words& words = reporter.words;
    const pugi::xml_parse_result parsed = document.load_buffer(
        bytes.data(), bytes.size(), pugi::parse_default | pugi::parse_doctype, pugi::encoding_utf8);
    auto refuse_doctype = [&](std::size_t offset) {
        reporter.error(
            offset, "import.doctype",
            words("the file declares a DOCTYPE or entities, which stakemap refuses in "
                  "the files it reads (they can expand into huge texts or read other "
                  "files); remove the <!DOCTYPE …> declaration and save the file again"));
        return false;
    };
    if (!parsed) {
        const std::size_t offset = std::min(
            static_cast<std::size_t>(std::max<std::ptrdiff_t>(parsed.offset, 0)), bytes.size());
        for (const char* declaration : {"<!DOCTYPE", "<!ENTITY"}) {
            const auto found = bytes.find(declaration);
            if (found != std::string_view::npos && found <= offset) {
                return refuse_doctype(found);
            }
        }
        reporter.error(offset, "import.xml_syntax",
                       words("not well-formed XML: {problem}; open the file in a text editor "
                             "at this line and column",
                             {{"problem", words(xml_problem(parsed.status))}}));
        return false;
    }
    for (const auto& node : document.children()) {
        if (node.type() == pugi::node_doctype) {
            const auto declaration = bytes.find("<!DOCTYPE");
            return refuse_doctype(declaration == std::string_view::npos ? offset_of(node)
                                                                        : declaration);
        }
    }
    return true;
}

/// GraphML keys, by id, for one kind of element ("node", "edge", "graph").
using Keys = std::map<std::string, Declared>;

std::vector<Attribute> graphml_data(const pugi::xml_node& element, const Keys& keys,
                                    const std::string& name, Reporter& reporter) {
    std::vector<Attribute> attributes;
    std::set<std::string> given;
    for (const auto& data : children(element, "data")) {
        const auto key = keys.find(data.attribute("key").value());
        if (key == keys.end() || key->second.name.empty()) {
            continue; // a key without attr.name (yEd's graphics): nothing of a map
        }
        given.insert(key->first);
        if (auto value = typed(key->second, data.text().get(), offset_of(data), name, reporter)) {
            attributes.push_back({key->second.name, std::move(*value)});
        }
    }
    for (const auto& [id, declared] : keys) {
        if (declared.default_value && given.count(id) == 0 && !declared.name.empty()) {
            if (auto value =
                    typed(declared, *declared.default_value, offset_of(element), name, reporter)) {
                attributes.push_back({declared.name, std::move(*value)});
            }
        }
    }
    return attributes;
}

std::optional<GraphIn> read_graphml(const pugi::xml_document& document, Reporter& reporter) {
    const text::Words& words = reporter.words;
    const pugi::xml_node root = document.document_element();
    if (local(root) != "graphml") {
        reporter.error(offset_of(root), "import.not_graphml",
                       words("not a GraphML file: its root element is <{element}>, not <graphml>",
                             {{"element", root.name()}}));
        return std::nullopt;
    }
    std::map<std::string, Keys> keys; // by "node", "edge", "graph"
    for (const auto& key : children(root, "key")) {
        Declared declared{key.attribute("attr.name").value(), key.attribute("attr.type").value(),
                          std::nullopt};
        if (const auto default_value = child(key, "default")) {
            declared.default_value = default_value.text().get();
        }
        const std::string applies = key.attribute("for").value();
        for (const char* element : {"node", "edge", "graph"}) {
            if (applies == element || applies == "all" || applies.empty()) {
                keys[element][key.attribute("id").value()] = declared;
            }
        }
    }
    const auto graphs = children(root, "graph");
    if (graphs.empty()) {
        reporter.error(offset_of(root), "import.no_graph",
                       words("the file holds no <graph> element, so no map"));
        return std::nullopt;
    }
    if (graphs.size() > 1) {
        reporter.warning(offset_of(graphs[1]), "import.more_graphs",
                         words("the file holds more than one graph; only the first is read"));
    }
    const pugi::xml_node graph = graphs.front();
    GraphIn out;
    out.offset = offset_of(graph);
    // GraphML's schema makes "directed" the default of edgedefault.
    out.directed =
        std::string_view(graph.attribute("edgedefault").as_string("directed")) != "undirected";
    out.values = graphml_data(graph, keys["graph"], words("the graph"), reporter);
    bool nested = false;
    for (const auto& element : graph.children()) {
        if (element.type() != pugi::node_element) {
            continue;
        }
        const std::string_view name = local(element);
        if (name == "node") {
            NodeIn node;
            node.id = element.attribute("id").value();
            node.offset = offset_of(element);
            node.attributes = graphml_data(element, keys["node"], node_name(words, node), reporter);
            nested = nested || child(element, "graph");
            out.nodes.push_back(std::move(node));
        } else if (name == "edge") {
            EdgeIn edge;
            edge.id = element.attribute("id").value();
            edge.source = element.attribute("source").value();
            edge.target = element.attribute("target").value();
            edge.offset = offset_of(element);
            if (const auto directed = element.attribute("directed")) {
                edge.directed = parse_boolean(directed.value());
            }
            edge.attributes = graphml_data(element, keys["edge"], edge_name(words, edge), reporter);
            out.edges.push_back(std::move(edge));
        } else if (name == "hyperedge") {
            reporter.warning(offset_of(element), "import.hyperedge",
                             words("a hyperedge joins more than two nodes, which a relation "
                                   "cannot; it is left out"));
        }
    }
    if (nested) {
        reporter.warning(out.offset, "import.nested_graph",
                         words("nodes holding graphs of their own: only the outer graph is read"));
    }
    return out;
}

// ---- GEXF
// ----------------------------------------------------------------------------------------

std::vector<Attribute> gexf_values(const pugi::xml_node& element,
                                   const std::map<std::string, Declared>& declared,
                                   const std::string& name, Reporter& reporter) {
    std::vector<Attribute> attributes;
    std::set<std::string> given;
    for (const auto& values : children(element, "attvalues")) {
        for (const auto& value : children(values, "attvalue")) {
            std::string id = value.attribute("for").value();
            if (id.empty()) {
                id = value.attribute("id").value(); // GEXF 1.0
            }
            const auto found = declared.find(id);
            if (found == declared.end() || !given.insert(id).second) {
                continue; // an undeclared attribute, or a later value of a dynamic one
            }
            if (auto typed_value = typed(found->second, value.attribute("value").value(),
                                         offset_of(value), name, reporter)) {
                attributes.push_back({found->second.name, std::move(*typed_value)});
            }
        }
    }
    for (const auto& [id, attribute] : declared) {
        if (attribute.default_value && given.count(id) == 0) {
            if (auto value = typed(attribute, *attribute.default_value, offset_of(element), name,
                                   reporter)) {
                attributes.push_back({attribute.name, std::move(*value)});
            }
        }
    }
    return attributes;
}

std::optional<GraphIn> read_gexf(const pugi::xml_document& document, Reporter& reporter) {
    const text::Words& words = reporter.words;
    const pugi::xml_node root = document.document_element();
    if (local(root) != "gexf") {
        reporter.error(offset_of(root), "import.not_gexf",
                       words("not a GEXF file: its root element is <{element}>, not <gexf>",
                             {{"element", root.name()}}));
        return std::nullopt;
    }
    const pugi::xml_node graph = child(root, "graph");
    if (!graph) {
        reporter.error(offset_of(root), "import.no_graph",
                       words("the file holds no <graph> element, so no map"));
        return std::nullopt;
    }
    GraphIn out;
    out.offset = offset_of(graph);
    out.directed =
        std::string_view(graph.attribute("defaultedgetype").as_string("undirected")) == "directed";
    if (const auto name = attribute_of(graph, "name"); name && !name->empty()) {
        out.values.push_back({"name", *name}); // NetworkX writes the graph's name here
    }
    if (const auto meta = child(root, "meta")) {
        for (const char* name : {"title", "description"}) {
            if (const auto item = child(meta, name)) {
                out.values.push_back({name, std::string(item.text().get())});
            }
        }
    }
    std::map<std::string, std::map<std::string, Declared>> declared; // by class
    for (const auto& attributes : children(graph, "attributes")) {
        const std::string of = attributes.attribute("class").value();
        for (const auto& attribute : children(attributes, "attribute")) {
            Declared item{attribute.attribute("title").value(), attribute.attribute("type").value(),
                          std::nullopt};
            if (const auto default_value = child(attribute, "default")) {
                item.default_value = default_value.text().get();
            }
            declared[of][attribute.attribute("id").value()] = item;
        }
    }
    bool nested = false;
    for (const auto& nodes : children(graph, "nodes")) {
        for (const auto& element : children(nodes, "node")) {
            NodeIn node;
            node.id = element.attribute("id").value();
            node.offset = offset_of(element);
            node.label = attribute_of(element, "label");
            node.attributes =
                gexf_values(element, declared["node"], node_name(words, node), reporter);
            nested = nested || child(element, "nodes");
            out.nodes.push_back(std::move(node));
        }
    }
    if (nested) {
        reporter.warning(out.offset, "import.nested_graph",
                         words("nodes holding graphs of their own: only the outer graph is read"));
    }
    for (const auto& edges : children(graph, "edges")) {
        for (const auto& element : children(edges, "edge")) {
            EdgeIn edge;
            edge.id = element.attribute("id").value();
            edge.source = element.attribute("source").value();
            edge.target = element.attribute("target").value();
            edge.offset = offset_of(element);
            const std::string name = edge_name(words, edge);
            if (const auto type = attribute_of(element, "type")) {
                if (*type == "directed" || *type == "undirected" || *type == "mutual") {
                    edge.directed = *type == "directed"; // "mutual": both ways
                } else {
                    edge.attributes.push_back({"type", *type}); // NetworkX writes its "type" here
                }
            }
            if (const auto weight = attribute_of(element, "weight")) {
                edge.weight = parse_number(*weight);
                if (!edge.weight) {
                    reporter.error(edge.offset, "import.bad_value",
                                   words("{element}, attribute \"{attribute}\": expected "
                                         "{expected}, not \"{value}\"",
                                         {{"element", name},
                                          {"attribute", "weight"},
                                          {"expected", words("a number")},
                                          {"value", *weight}}));
                }
            }
            edge.label = attribute_of(element, "label");
            edge.start = attribute_of(element, "start");
            edge.end = attribute_of(element, "end");
            if (const auto spells = child(element, "spells")) {
                if (const auto spell = child(spells, "spell")) {
                    if (!edge.start) {
                        edge.start = attribute_of(spell, "start");
                    }
                    if (!edge.end) {
                        edge.end = attribute_of(spell, "end");
                    }
                }
            }
            for (auto& attribute : gexf_values(element, declared["edge"], name, reporter)) {
                if (attribute.name != "networkx_key") { // numbers parallel edges only
                    edge.attributes.push_back(std::move(attribute));
                }
            }
            if (const auto kind = attribute_of(element, "kind")) {
                edge.attributes.push_back({"kind", *kind});
            }
            out.edges.push_back(std::move(edge));
        }
    }
    return out;
}

// ---- Node-link JSON
// ------------------------------------------------------------------------------

/// A JSON value as an attribute value; nullopt for null, objects and arrays holding more than
/// plain values.
std::optional<Value> json_value(const detail::JsonValue& value) {
    switch (value.type) {
    case detail::JsonType::string:
        return Value(value.text);
    case detail::JsonType::number:
        return Value(value.number);
    case detail::JsonType::boolean:
        return Value(value.boolean);
    case detail::JsonType::array: {
        std::vector<std::string> items;
        for (const auto& item : value.items) {
            if (item.type == detail::JsonType::string || item.type == detail::JsonType::number) {
                items.push_back(item.text);
            } else if (item.type == detail::JsonType::boolean) {
                items.push_back(item.boolean ? "true" : "false");
            } else {
                return std::nullopt;
            }
        }
        return Value(std::move(items));
    }
    default:
        return std::nullopt;
    }
}

/// A node id or an edge end: a string or a number, as written.
std::optional<std::string> json_id(const detail::JsonValue* value) {
    if (value == nullptr ||
        (value->type != detail::JsonType::string && value->type != detail::JsonType::number)) {
        return std::nullopt;
    }
    return value->text;
}

std::optional<GraphIn> read_node_link(const detail::JsonValue& root, Reporter& reporter) {
    const text::Words& words = reporter.words;
    GraphIn out;
    if (const auto* directed = root.find("directed");
        directed && directed->type == detail::JsonType::boolean) {
        out.directed = directed->boolean;
    }
    if (const auto* graph = root.find("graph"); graph && graph->type == detail::JsonType::object) {
        for (const auto& member : graph->members) {
            if (auto value = json_value(member.value)) {
                out.values.push_back({member.key, std::move(*value)});
            }
        }
    }
    std::set<std::string> skipped;
    auto attributes = [&](const detail::JsonValue& item, const std::string& name,
                          std::initializer_list<std::string_view> reserved) {
        std::vector<Attribute> found;
        for (const auto& member : item.members) {
            if (std::find(reserved.begin(), reserved.end(), member.key) != reserved.end() ||
                member.value.type == detail::JsonType::null) {
                continue;
            }
            if (auto value = json_value(member.value)) {
                found.push_back({member.key, std::move(*value)});
            } else {
                reporter.warning(member.value.offset, "import.nested_value",
                                 words("{element}, attribute \"{attribute}\": a nested value, "
                                       "which a map cannot hold; it is left out",
                                       {{"element", name}, {"attribute", member.key}}));
            }
        }
        return found;
    };
    const auto* nodes = root.find("nodes");
    if (nodes->type != detail::JsonType::array) {
        reporter.error(nodes->offset, "import.type", words("\"nodes\" must be a list of nodes"));
        return std::nullopt;
    }
    bool failed = false;
    for (const auto& item : nodes->items) {
        NodeIn node;
        node.offset = item.offset;
        const auto id =
            item.type == detail::JsonType::object ? json_id(item.find("id")) : std::nullopt;
        if (!id) {
            reporter.error(item.offset, "import.node_id",
                           words("a node without an \"id\" (a text or a number)"));
            failed = true;
            continue;
        }
        node.id = *id;
        node.attributes = attributes(item, node_name(words, node), {"id"});
        out.nodes.push_back(std::move(node));
    }
    const auto* links = root.find("links");
    if (links == nullptr) {
        links = root.find("edges"); // NetworkX 3.4 and later, with edges="edges"
    }
    if (links != nullptr && links->type != detail::JsonType::array) {
        reporter.error(links->offset, "import.type", words("\"links\" must be a list of links"));
        return std::nullopt;
    }
    static const std::vector<detail::JsonValue> no_links;
    for (const auto& item : links ? links->items : no_links) {
        EdgeIn edge;
        edge.offset = item.offset;
        const auto source =
            item.type == detail::JsonType::object ? json_id(item.find("source")) : std::nullopt;
        const auto target =
            item.type == detail::JsonType::object ? json_id(item.find("target")) : std::nullopt;
        if (!source || !target) {
            reporter.error(item.offset, "import.link_ends",
                           words("a link without \"source\" and \"target\" (texts or numbers)"));
            failed = true;
            continue;
        }
        edge.source = *source;
        edge.target = *target;
        // "key" numbers parallel edges; "id", when NetworkX writes one, names the edge only.
        edge.attributes =
            attributes(item, edge_name(words, edge), {"source", "target", "key", "id"});
        out.edges.push_back(std::move(edge));
    }
    if (failed) {
        return std::nullopt;
    }
    return out;
}

std::string extension_of(const std::string& path) {
    const auto slash = path.find_last_of("/\\");
    const auto dot = path.rfind('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) {
        return "";
    }
    return lowered(path.substr(dot + 1));
}

} // namespace

std::optional<GraphFormat> graph_format_of(const std::string& path) {
    const std::string extension = extension_of(path);
    if (extension == "graphml") {
        return GraphFormat::graphml;
    }
    if (extension == "gexf") {
        return GraphFormat::gexf;
    }
    if (extension == "json") {
        return GraphFormat::node_link;
    }
    return std::nullopt;
}

ImportResult import_graph_text(std::string_view bytes, const std::string& file_name,
                               GraphFormat format, const GraphImportOptions& options) {
    const text::Words words(options.language);
    Reporter reporter(bytes, file_name, words);
    if (bytes.size() > options.max_file_bytes) {
        reporter.whole(Severity::error, "file.too_large",
                       words("the file is larger than {limit} MiB; raise --max-file-size to "
                             "read it",
                             {{"limit", std::to_string(options.max_file_bytes / 1024 / 1024)}}));
        return only(std::move(reporter.diagnostics));
    }
    std::optional<GraphIn> graph;
    if (format == GraphFormat::node_link) {
        const auto parsed = detail::parse_json(bytes, 64, nullptr, words);
        for (const auto& issue : parsed.issues) {
            reporter.error(issue.offset, issue.code.c_str(), issue.message);
        }
        if (!parsed.complete || !parsed.issues.empty()) {
            return only(std::move(reporter.diagnostics));
        }
        const auto& root = parsed.root;
        const auto* map_format = root.find("format");
        if (root.type == detail::JsonType::object && map_format != nullptr &&
            map_format->type == detail::JsonType::string &&
            map_format->text.starts_with("stakemap/")) {
            reporter.error(map_format->offset, "import.already_map",
                           words("this file is already a stakemap map (format \"{format}\"), not "
                                 "a graph to import: use it as it is, and check it with stakemap "
                                 "validate",
                                 {{"format", map_format->text}}));
            return only(std::move(reporter.diagnostics));
        }
        if (root.type != detail::JsonType::object || root.find("nodes") == nullptr) {
            reporter.error(root.offset, "import.not_node_link",
                           words("not a NetworkX node-link graph: the file has no \"nodes\" list "
                                 "(export one with networkx.node_link_data)"));
            return only(std::move(reporter.diagnostics));
        }
        graph = read_node_link(root, reporter);
    } else {
        pugi::xml_document document;
        if (utf8_text(bytes, reporter) && valid_references(bytes, reporter) &&
            parse_xml(document, bytes, reporter)) {
            graph = format == GraphFormat::graphml ? read_graphml(document, reporter)
                                                   : read_gexf(document, reporter);
        }
    }
    if (!graph) {
        return only(std::move(reporter.diagnostics));
    }
    return build_map(*graph, reporter, options.language);
}

ImportResult import_graph_file(const std::string& path, const GraphImportOptions& options,
                               std::optional<GraphFormat> format) {
    const text::Words words(options.language);
    if (!format) {
        format = graph_format_of(path);
    }
    if (!format) {
        throw UsageError(words("import reads .graphml, .gexf and node-link .json files, or CSV "
                               "sheets given with --actors and --relations; \"{file}\" is none "
                               "of these",
                               {{"file", path}}));
    }
    std::string bytes;
    try {
        bytes = read_file(path, options.max_file_bytes, options.language);
    } catch (const LoadError& error) {
        return only(error.diagnostics());
    }
    return import_graph_text(bytes, display_name(path), *format, options);
}

} // namespace stakemap::io
