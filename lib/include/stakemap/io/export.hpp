#pragma once
// Writing a map in the exchange formats other network tools read: GraphML, GEXF, NetworkX
// node-link JSON and Pajek. Every actor with all its fields, every relation (parallel ones too) as
// an edge of its own. A map with any directed relation is written as a directed graph, each edge
// carrying its relation's own direction in a `directed` attribute (see docs/export.md).

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
enum class ExportFormat { graphml, gexf, node_link, pajek, csv, xlsx };

inline constexpr NameTable<ExportFormat, 6> export_format_names{{
    {ExportFormat::graphml, "graphml"},
    {ExportFormat::gexf, "gexf"},
    {ExportFormat::node_link, "node-link"},
    {ExportFormat::pajek, "pajek"},
    {ExportFormat::csv, "csv"},
    {ExportFormat::xlsx, "xlsx"},
}};

/// GEXF versions: 1.2draft is the one NetworkX 2.8 reads, 1.3 the one Gephi writes.
enum class GexfVersion { v1_2draft, v1_3 };

inline constexpr NameTable<GexfVersion, 2> gexf_version_names{{
    {GexfVersion::v1_2draft, "1.2draft"},
    {GexfVersion::v1_3, "1.3"},
}};

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
    /// Sheets (csv, xlsx): the language of sheet and column names, labels and yes/no.
    model::Language language = model::Language::en;
    /// csv: ';', decimal comma, UTF-8 BOM and CRLF, for Excel in an Italian locale.
    bool excel_it = false;
};

/// The map in the chosen format, as the bytes of a file. The same map and options give the same
/// bytes in any locale. Throws UsageError (setting "at") when `at` is not a date, and (setting
/// "to") for csv, which is a folder of files (export_sheet_files).
std::string export_map(const model::Map& map, const ExportOptions& options = {});

/// GraphML with typed keys (string, int, double, boolean; lists joined with "|").
std::string write_graphml(const model::Map& map, const ExportOptions& options = {});
/// GEXF 1.2draft or 1.3, static, attributes declared with their types.
std::string write_gexf(const model::Map& map, const ExportOptions& options = {});
/// NetworkX node-link JSON (the 2.8 layout: `links`, `key` on every link, multigraph true).
std::string write_node_link(const model::Map& map, const ExportOptions& options = {});
/// Pajek .net (with a UTF-8 BOM unless options.pajek_bom is false): actor names as labels, relation
/// weights; no other attributes.
std::string write_pajek(const model::Map& map, const ExportOptions& options = {});

/// Text made safe for XML character data and attribute values alike: markup characters as
/// entities, tab, line feed and carriage return as character references (so attribute values keep
/// them), other characters XML 1.0 forbids replaced by U+FFFD.
std::string xml_escape(std::string_view text);

/// Whether the exported graph is directed: the map's default or any relation says so.
bool exports_directed(const model::Map& map, const ExportOptions& options = {});

} // namespace stakemap::io
