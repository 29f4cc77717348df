#pragma once
// Writing a map in the exchange formats other network tools read: GraphML, GEXF, NetworkX
// node-link JSON, Pajek, Kumu JSON and Graphviz DOT. Every actor with all its fields, every
// relation (parallel ones too) as an edge of its own. A map with any directed relation is written
// as a directed graph, each edge carrying its relation's own direction in a `directed` attribute
// (see docs/export.md).

#include "stakemap/model/map.hpp"
#include "stakemap/name_table.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stakemap::io {

/// The exchange formats.
/// csv is a folder of files, one per sheet, written by write_sheet_folder (io/sheet_export.hpp);
/// xlsx a workbook (io/workbook_export.hpp).
enum class ExportFormat { graphml, gexf, node_link, pajek, kumu, dot, csv, xlsx };

inline constexpr NameTable<ExportFormat, 8> export_format_names{{
    {ExportFormat::graphml, "graphml"},
    {ExportFormat::gexf, "gexf"},
    {ExportFormat::node_link, "node-link"},
    {ExportFormat::pajek, "pajek"},
    {ExportFormat::kumu, "kumu"},
    {ExportFormat::dot, "dot"},
    {ExportFormat::csv, "csv"},
    {ExportFormat::xlsx, "xlsx"},
}};

/// GEXF versions: 1.2draft is the one NetworkX 2.8 reads, 1.3 the one Gephi writes.
enum class GexfVersion { v1_2draft, v1_3 };

inline constexpr NameTable<GexfVersion, 2> gexf_version_names{{
    {GexfVersion::v1_2draft, "1.2draft"},
    {GexfVersion::v1_3, "1.3"},
}};

/// How a drawing program should show each actor, in map order: a colour (#RRGGBB) and a size (in
/// tenths of an inch, the node width `stakemap render` gives it).
struct ActorLooks {
    std::vector<std::string> colours;
    std::vector<double> sizes;
};

struct ExportOptions {
    ExportFormat format = ExportFormat::graphml;
    GexfVersion gexf_version = GexfVersion::v1_2draft;
    /// Keep only relations of these types; empty keeps every relation.
    std::vector<std::string> types;
    /// Keep only relations in force on this date (YYYY-MM-DD); none keeps every relation.
    std::optional<std::string> at;
    /// Pajek: begin with a UTF-8 byte order mark, without which Pajek reads labels as a Windows
    /// code page; igraph 0.10 refuses files that have one.
    bool pajek_bom = true;
    /// Add every per-actor measure of `stakemap centrality` as a number attribute of each actor
    /// (see report::with_measures in report/export.hpp; the io writers do not compute it).
    bool with_measures = false;
    /// Pseudonyms for names and ids, without notes and texts that could name people (see
    /// report::anonymized in report/export.hpp), in `language`.
    bool anonymize = false;
    /// The language of pseudonyms, of Kumu's element and connection types, and of sheets (csv,
    /// xlsx): sheet and column names, labels and yes/no.
    model::Language language = model::Language::en;
    /// csv: ';', decimal comma, UTF-8 BOM and CRLF, for Excel in an Italian locale.
    bool excel_it = false;
    /// GEXF: each actor's viz:color and viz:size; none writes no viz (report::actor_looks gives
    /// the ones `stakemap render` draws).
    std::optional<ActorLooks> looks;
};

/// The map in the chosen format, as the bytes of a file, written as it is given: the measures,
/// pseudonyms and GEXF looks are added before, by report::export_map (report/export.hpp), which
/// `stakemap export` calls. The same map and options give the
/// same bytes in any locale. Throws UsageError (setting "at") when `at` is not a date, and (setting
/// "to") for csv, which is a folder of files (export_sheet_files).
std::string export_map(const model::Map& map, const ExportOptions& options = {});

// The writers write the map as given, without the preparation of export_map.

/// GraphML with typed keys (string, int, double, boolean; lists joined with "|").
std::string write_graphml(const model::Map& map, const ExportOptions& options = {});
/// GEXF 1.2draft or 1.3, static, attributes declared with their types.
std::string write_gexf(const model::Map& map, const ExportOptions& options = {});
/// NetworkX node-link JSON (the 2.8 layout: `links`, `key` on every link, multigraph true).
std::string write_node_link(const model::Map& map, const ExportOptions& options = {});
/// Pajek .net (with a UTF-8 BOM unless options.pajek_bom is false): actor names as labels, relation
/// weights; no other attributes.
std::string write_pajek(const model::Map& map, const ExportOptions& options = {});

/// Kumu JSON (a "blueprint"): `{"elements": [...], "connections": [...]}`, elements with `label`
/// (the actor's name, followed by " (ID)" when another actor has the same name), `type` (the kind's
/// label in options.language), `description` (the note), `tags` and the other fields; connections
/// `from`/`to` by label, `type` (the relation type's label), `direction` (directed or undirected).
std::string write_kumu(const model::Map& map, const ExportOptions& options = {});
/// Graphviz DOT: a `graph` or `digraph` whose nodes are actor ids with every field as an attribute
/// (the name as `label`), and one edge per relation with its fields; an undirected relation of a
/// directed graph has `dir=none`. Every value is a quoted string (see dot_quoted), the name a label
/// (dot_label).
std::string write_dot(const model::Map& map, const ExportOptions& options = {});

/// A DOT quoted string: backslashes doubled (as Graphviz reads labels: `\\` is one backslash),
/// `"` as `\"`; everything else, line breaks and non-ASCII text included, as it is.
std::string dot_quoted(std::string_view text);

/// A DOT label in double quotes that Graphviz shows literally: backslashes doubled so that its
/// escapes (\N, \G, \E, \T, \H, \L, \l, \n…) stay text, quotes escaped, `&` as `&amp;` (Graphviz
/// decodes entities in labels), a line break as a centred line break, tab and carriage return as
/// spaces, other control characters as U+FFFD. Every label built from user text goes through it.
std::string dot_label(std::string_view text);

/// Text inside a Graphviz HTML-like label: `&`, `<`, `>`, `"` as entities, backslashes doubled
/// (Graphviz expands \N, \G… inside HTML-like labels too, and reads `\\` as one backslash), a
/// line break as `<br/>`, tab and carriage return as spaces, other control characters as U+FFFD.
std::string dot_html_text(std::string_view text);

/// Text made safe for XML character data and attribute values alike: markup characters as
/// entities, tab, line feed and carriage return as character references (so attribute values keep
/// them), other characters XML 1.0 forbids replaced by U+FFFD.
std::string xml_escape(std::string_view text);

/// Whether the exported graph is directed: the map's default or any relation says so.
bool exports_directed(const model::Map& map, const ExportOptions& options = {});

} // namespace stakemap::io
