#pragma once
// Reading the exchange formats back into a map: GraphML, GEXF (1.1draft, 1.2draft, 1.3) and
// NetworkX node-link JSON, as written by stakemap export, NetworkX, igraph or Gephi (SPEC §4.2,
// docs/export.md "Reading them back").

#include "stakemap/io/sheet.hpp"
#include "stakemap/model/map.hpp"
#include "stakemap/name_table.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace stakemap::io {

/// The formats read back (Pajek carries too little to make a map of).
enum class GraphFormat { graphml, gexf, node_link };

inline constexpr NameTable<GraphFormat, 3> graph_format_names{{
    {GraphFormat::graphml, "graphml"},
    {GraphFormat::gexf, "gexf"},
    {GraphFormat::node_link, "node-link"},
}};

struct GraphImportOptions {
    std::size_t max_file_bytes = std::size_t{512} * 1024 * 1024; ///< larger files are refused
    model::Language language = model::Language::en;              ///< of the messages
};

/// The format a file name says: .graphml, .gexf, .json (node-link), without regard to case;
/// nullopt for any other extension.
std::optional<GraphFormat> graph_format_of(const std::string& path);

/// The map a GraphML, GEXF or node-link document describes. Attributes named as stakemap export
/// names them fill the actor's and relation's fields (a value of the wrong type is an error at the
/// element's line); other node attributes become actor attributes; other edge attributes are left
/// out with a warning. Direction comes from the graph (edgedefault, defaultedgetype, directed),
/// overridden per edge. XML with a DOCTYPE or an entity declaration is refused; a syntax error is
/// reported with its line and column. The map is then checked by the map reader's rules, each
/// problem reported at the line of the node or edge it comes from. `file_name` is for messages.
ImportResult import_graph_text(std::string_view bytes, const std::string& file_name,
                               GraphFormat format, const GraphImportOptions& options = {});

/// Reads a file ("-": standard input, then `format` is required) and imports it as
/// import_graph_text, the format from its extension unless given. Throws FileError when the file
/// cannot be read, UsageError when the extension names no format this reads.
ImportResult import_graph_file(const std::string& path, const GraphImportOptions& options = {},
                               std::optional<GraphFormat> format = std::nullopt);

} // namespace stakemap::io
