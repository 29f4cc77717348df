#pragma once
// From a map and the options of `stakemap render` to the DOT text of the drawing: selects actors
// (--ego, --area), computes what colour, size, clusters and highlights show, and builds the DOT.

#include "stakemap/error.hpp"
#include "stakemap/graph/analysis_graph.hpp"
#include "stakemap/model/map.hpp"
#include "stakemap/render/drawing.hpp"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace stakemap::render {

struct ViewOptions {
    std::string view = "network"; ///< network, grid, or coverage (the areas × services heat map)
    /// The engine for the network view; empty: clustered drawings, and every drawing on paper,
    /// are composed (compose.hpp: groups laid out one by one and packed to the page, drawn with
    /// composed_engine), others laid out with neato up to 300 actors shown, sfdp beyond. The
    /// power–interest grid is always drawn with neato (its positions are fixed), the coverage
    /// view with dot.
    std::string engine;
    std::string cluster = "none";    ///< area, sector, kind, community or none
    std::string color_by = "sector"; ///< kind, sector, level, community or a measure key
    std::string size_by;             ///< a measure key, empty for equal sizes
    bool highlight_gaps = false;
    /// Draw the links `stakemap suggest` proposes for this goal (reach, connect, resilience,
    /// coverage), the first `suggestions` of them; empty: none.
    std::string suggest_goal;
    std::size_t suggestions = 5;
    std::optional<std::string> ego; ///< actor id: show it and the actors within `radius` steps
    std::size_t radius = 1;
    std::optional<std::string> area; ///< area id: actors located in it (or below it) or serving it
    LabelMode label = LabelMode::name;
    model::Language language = model::Language::en;
    std::optional<std::string> paper; ///< A3 or A4
    bool landscape = false;
    std::uint64_t seed = 1; ///< for --cluster/--color-by community
    /// "coverage": with --cluster area, each area's box shaded by its coverage score.
    std::string color_areas;
    /// Coverage settings for --view coverage and --color-areas coverage.
    std::size_t access_target = 3;
    std::size_t within = 2;
    graph::BuildOptions build; ///< how the graph was built, for the suggestions
    unsigned threads = 0;
};

/// Thrown for a view that cannot be made from this map (an unknown actor for --ego…): bad input.
class ViewError : public Error {
public:
    explicit ViewError(const std::string& message) : Error(ErrorCode::view, message) {}
};

/// The DOT text of the drawing, and the layout engine to run on it.
struct MapView {
    std::string dot;
    std::string engine;
};

/// Builds the drawing. Throws ViewError for ids or measures the map does not have.
MapView map_view(const model::Map& map, const graph::AnalysisGraph& graph,
                 const ViewOptions& options);

/// A sheet and labels with which a drawing that did not fit its paper would fit.
struct PaperAlternative {
    std::string paper;
    bool landscape = false;
    bool short_labels = false;
    double smallest_printed_text = 0.0; ///< pt, at the scale that fits the sheet
};

/// For a drawing refused on `options.paper`: the alternatives that give readable text, tried in
/// this order — A3 in both orientations (from A4), the other orientation, short names. Each is laid
/// out, so this costs a layout per alternative.
std::vector<PaperAlternative> readable_alternatives(const model::Map& map,
                                                    const graph::AnalysisGraph& graph,
                                                    const ViewOptions& options);

} // namespace stakemap::render
