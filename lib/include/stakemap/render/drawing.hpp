#pragma once
// Turning a map and its analysis into Graphviz DOT: the network view and the power–interest grid.
// Pure text building, deterministic; graphviz.hpp lays it out and renders it.

#include "stakemap/analysis/coverage.hpp"
#include "stakemap/graph/analysis_graph.hpp"
#include "stakemap/model/map.hpp"
#include "stakemap/model/vocabulary.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stakemap::render {

enum class LabelMode { name, short_name, none };

/// A cluster drawn as a labelled box (an area, a sector…); `parent` nests it in another.
struct ClusterInfo {
    std::string key;
    std::string name;
    std::string parent;
    std::string fill = {}; ///< background colour, "" for the default light grey
};

/// Everything a drawing shows, prepared by the caller from the map and its analysis.
struct DrawingData {
    const model::Map* map = nullptr;
    const model::Vocabulary* vocabulary = nullptr;
    const graph::AnalysisGraph* graph = nullptr;
    std::vector<bool> shown;                    ///< per actor: drawn or left out (--ego, --area)
    std::vector<bool> relation_shown;           ///< per relation: kept by --types/--at, ends shown
    std::vector<ClusterInfo> clusters;          ///< in drawing order; parents before children
    std::vector<std::string> cluster_of;        ///< per actor: cluster key, "" for none
    std::vector<double> size_values;            ///< per actor, empty: every node the same size
    std::string size_label;                     ///< what size means, for the legend
    std::vector<std::string> color_groups;      ///< per actor: a category, or empty
    std::vector<std::string> color_group_names; ///< display names of the categories, same order
    std::vector<double> color_values;           ///< per actor: a measure for a sequential scale
    std::string color_label;                    ///< what colour means, for the legend
    std::vector<bool> cut_actor;                ///< highlighted when not empty
    std::vector<bool> isolated;
    std::vector<bool> bridge_relation; ///< per relation
    /// Suggested links (`stakemap suggest`) drawn dashed and labelled with their rank.
    struct SuggestedLink {
        std::size_t source;
        std::size_t target;
        std::size_t rank;
    };
    std::vector<SuggestedLink> suggested;
    /// What cluster backgrounds mean (e.g. "coverage score"), "" when they are all the default.
    std::string cluster_fill_label;
    std::string title;
};

/// The engine of drawings whose groups are laid out one by one and packed to the page's
/// proportions (compose.hpp): Graphviz's nop engine keeps the positions and routes the ties.
inline constexpr std::string_view composed_engine = "nop";

struct DrawingOptions {
    std::string engine = "neato"; ///< a Graphviz engine, or composed_engine
    LabelMode label = LabelMode::name;
    model::Language language = model::Language::en;
    std::optional<std::string> paper; ///< "A3" or "A4"
    bool landscape = false;
};

/// One line of the network view: the relations of the same type between the same two actors (in
/// the same direction, when directed) drawn as one, as wide as their weights together. Parallel
/// relations of one type look alike, and Graphviz cannot route hundreds of thousands of edges
/// between two nodes (its edge sets recurse as deep as the edges are many).
struct DrawnTie {
    std::size_t first_relation =
        0;                  ///< the group's first relation in the map, its id in the drawing
    std::size_t source = 0; ///< actor indices, as the first relation has them
    std::size_t target = 0;
    double weight = 0.0; ///< the group's weights summed
    bool bridge =
        false; ///< one of the group's relations is a bridge (DrawingData::bridge_relation)
};

/// The lines of the network view, in the order of each group's first relation.
std::vector<DrawnTie> drawn_ties(const DrawingData& data);

/// The network view: actors shaped by sector, coloured and sized as asked, relations styled by type
/// (arrows only on directed relations, width by weight), clusters as labelled boxes, a legend.
std::string network_dot(const DrawingData& data, const DrawingOptions& options);

/// The power–interest grid (Mendelow): four labelled quadrants, actors placed by their power and
/// interest scores (4 or 5 counts as high), spread within their cell so none overlap, coloured by
/// sector. Actors without both scores are counted in the legend.
std::string grid_dot(const DrawingData& data, const DrawingOptions& options);

/// The coverage matrix as a heat map: a row per service, a column per area (in `areas` order), a
/// first row with each area's score; cells coloured by state with their symbol and, for needed
/// services, the demand; a legend of the states. Laid out with dot.
std::string coverage_dot(const model::Map& map, const model::Vocabulary& vocabulary,
                         const analysis::CoverageResult& coverage,
                         const std::vector<std::size_t>& areas, const std::string& title,
                         const DrawingOptions& options);

/// A light background for a coverage score in [0, 1] (five steps from red, low, to blue, high;
/// ColorBrewer RdBu, readable with common colour-vision deficiencies).
std::string score_fill(double score);

/// The colour-blind-safe palette (Okabe & Ito, 2008) used for categories.
const std::vector<std::string>& category_palette();

/// The colour of a sector's actors in the network view ("#0072B2"), the default colouring; grey for
/// an actor without a sector.
std::string sector_colour(const std::string& sector);

/// The width in inches of a node sized by a measure (`render --size-by`): 0.5 + 1.1·√(value /
/// largest), from 0.5 to 1.6, where `largest` (above 0) is the largest value drawn.
double sized_node_width(double value, double largest);

} // namespace stakemap::render
