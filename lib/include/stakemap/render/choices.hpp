#pragma once
// The choices a drawing offers (which view, which layout engine, clusters, colours, paper…) as
// enums, each with one table of names. The command line parses its options with these tables and
// lists the choices in its help from them, so the names a user types, the help and the docs
// cannot drift apart.

#include "stakemap/name_table.hpp"
#include "stakemap/render/drawing.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stakemap::render {

using stakemap::name_in;
using stakemap::names_in;
using stakemap::NameTable;
using stakemap::value_in;

/// What is drawn.
enum class View {
    network,  ///< actors and relations
    grid,     ///< the power–interest grid (Mendelow)
    coverage, ///< the areas × services coverage heat map
};
inline constexpr NameTable<View, 3> view_names{
    {{View::network, "network"}, {View::grid, "grid"}, {View::coverage, "coverage"}}};
constexpr std::string_view to_string(View value) {
    return name_in(view_names, value);
}
constexpr std::optional<View> parse_view(std::string_view name) {
    return value_in(view_names, name);
}

/// The Graphviz engines a user may ask for instead of the one chosen for the drawing.
enum class Engine { neato, fdp, sfdp, dot, circo, twopi };
inline constexpr NameTable<Engine, 6> engine_names{{{Engine::neato, "neato"},
                                                    {Engine::fdp, "fdp"},
                                                    {Engine::sfdp, "sfdp"},
                                                    {Engine::dot, "dot"},
                                                    {Engine::circo, "circo"},
                                                    {Engine::twopi, "twopi"}}};
constexpr std::string_view to_string(Engine value) {
    return name_in(engine_names, value);
}
constexpr std::optional<Engine> parse_engine(std::string_view name) {
    return value_in(engine_names, name);
}

/// What groups actors in labelled boxes.
enum class Cluster { none, area, sector, kind, community };
inline constexpr NameTable<Cluster, 5> cluster_names{{{Cluster::area, "area"},
                                                      {Cluster::sector, "sector"},
                                                      {Cluster::kind, "kind"},
                                                      {Cluster::community, "community"},
                                                      {Cluster::none, "none"}}};
constexpr std::string_view to_string(Cluster value) {
    return name_in(cluster_names, value);
}
constexpr std::optional<Cluster> parse_cluster(std::string_view name) {
    return value_in(cluster_names, name);
}

/// A grouping of actors that colours them by category (the other choice is a measure).
enum class Grouping { kind, sector, level, area, community };
inline constexpr NameTable<Grouping, 5> grouping_names{{{Grouping::kind, "kind"},
                                                        {Grouping::sector, "sector"},
                                                        {Grouping::level, "level"},
                                                        {Grouping::area, "area"},
                                                        {Grouping::community, "community"}}};
constexpr std::string_view to_string(Grouping value) {
    return name_in(grouping_names, value);
}
constexpr std::optional<Grouping> parse_grouping(std::string_view name) {
    return value_in(grouping_names, name);
}

/// What is highlighted on the network.
enum class Highlight {
    none,
    gaps,        ///< cut actors, critical ties and isolated actors
    suggestions, ///< the links `stakemap suggest` proposes
};
inline constexpr NameTable<Highlight, 3> highlight_names{{{Highlight::gaps, "gaps"},
                                                          {Highlight::suggestions, "suggestions"},
                                                          {Highlight::none, "none"}}};
constexpr std::string_view to_string(Highlight value) {
    return name_in(highlight_names, value);
}
constexpr std::optional<Highlight> parse_highlight(std::string_view name) {
    return value_in(highlight_names, name);
}

/// How actors are labelled.
inline constexpr NameTable<LabelMode, 3> label_names{
    {{LabelMode::name, "name"}, {LabelMode::short_name, "short"}, {LabelMode::none, "none"}}};
constexpr std::string_view to_string(LabelMode value) {
    return name_in(label_names, value);
}
constexpr std::optional<LabelMode> parse_label(std::string_view name) {
    return value_in(label_names, name);
}

/// The sheets a drawing can be printed on (graphviz.hpp's paper_sheet gives their sizes).
enum class PaperSize { a3, a4 };
inline constexpr NameTable<PaperSize, 2> paper_names{
    {{PaperSize::a3, "A3"}, {PaperSize::a4, "A4"}}};
constexpr std::string_view to_string(PaperSize value) {
    return name_in(paper_names, value);
}
constexpr std::optional<PaperSize> parse_paper(std::string_view name) {
    return value_in(paper_names, name);
}

/// What shades the area boxes of a drawing clustered by area.
enum class ColorAreas {
    none,
    coverage, ///< each area's coverage score
};
inline constexpr NameTable<ColorAreas, 2> color_areas_names{
    {{ColorAreas::coverage, "coverage"}, {ColorAreas::none, "none"}}};
constexpr std::string_view to_string(ColorAreas value) {
    return name_in(color_areas_names, value);
}
constexpr std::optional<ColorAreas> parse_color_areas(std::string_view name) {
    return value_in(color_areas_names, name);
}

/// The file a drawing is written as.
enum class OutputFormat { svg, png, pdf, dot };
inline constexpr NameTable<OutputFormat, 4> output_format_names{{{OutputFormat::svg, "svg"},
                                                                 {OutputFormat::png, "png"},
                                                                 {OutputFormat::pdf, "pdf"},
                                                                 {OutputFormat::dot, "dot"}}};
constexpr std::string_view to_string(OutputFormat value) {
    return name_in(output_format_names, value);
}
constexpr std::optional<OutputFormat> parse_output_format(std::string_view name) {
    return value_in(output_format_names, name);
}

} // namespace stakemap::render
