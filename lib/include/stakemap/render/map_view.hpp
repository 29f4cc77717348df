#pragma once
// From a map and the settings of a drawing to the DOT text Graphviz lays out: selects actors (one
// actor's surroundings, one area), computes what colour, size, clusters and highlights show, and
// builds the DOT; draw_map goes on to the finished file.

#include "stakemap/analysis/centrality.hpp"
#include "stakemap/analysis/suggest.hpp"
#include "stakemap/error.hpp"
#include "stakemap/graph/analysis_graph.hpp"
#include "stakemap/model/map.hpp"
#include "stakemap/render/choices.hpp"
#include "stakemap/render/drawing.hpp"
#include "stakemap/render/graphviz.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace stakemap::render {

/// What colours the actors: a grouping (one colour per category) or a measure (a sequential
/// scale).
using ColorBy = std::variant<Grouping, analysis::Measure>;

struct ViewOptions {
    View view = View::network;
    /// The engine for the network view; nothing: clustered drawings, and every drawing on paper,
    /// are composed (compose.hpp: groups laid out one by one and packed to the page, drawn with
    /// composed_engine), others laid out with neato up to 300 actors shown, sfdp beyond. The
    /// power–interest grid is always drawn with neato (its positions are fixed), the coverage
    /// view with dot.
    std::optional<Engine> engine;
    Cluster cluster = Cluster::none;
    ColorBy color_by = Grouping::sector;
    std::optional<analysis::Measure> size_by; ///< nothing: every actor the same size
    Highlight highlight = Highlight::none;
    /// With Highlight::suggestions: the links `stakemap suggest` proposes for this goal, the first
    /// `suggestions` of them.
    analysis::Goal goal = analysis::Goal::reach;
    std::size_t suggestions = 5;
    std::optional<std::string> ego; ///< actor id: show it and the actors within `radius` steps
    std::size_t radius = 1;
    std::optional<std::string> area; ///< area id: actors located in it (or below it) or serving it
    LabelMode label = LabelMode::name;
    model::Language language = model::Language::en;
    std::optional<PaperSize> paper; ///< nothing: the drawing's natural size
    bool landscape = false;         ///< with a paper
    std::uint64_t seed = 1;         ///< for community clusters and colours
    /// With Cluster::area: what shades each area's box.
    ColorAreas color_areas = ColorAreas::none;
    /// Coverage settings for View::coverage and ColorAreas::coverage.
    std::size_t access_target = 3;
    std::size_t within = 2;
    graph::BuildOptions build; ///< how the graph is (or was) built, also for the suggestions
    unsigned threads = 0;
};

/// The most a network drawing shows. No page shows more actors readably (an A0 poster holds a few
/// hundred names at 8 pt), and Graphviz's layouts grow quadratically beyond: a larger drawing is
/// refused with a ViewError that suggests drawing one area or one actor's surroundings.
inline constexpr std::size_t max_drawn_actors = 2'000;
inline constexpr std::size_t max_drawn_ties = 20'000; ///< lines, after merging (DrawnTie)

/// Thrown for a view that cannot be made from this map (an actor or area it does not have…): bad
/// input. The message does not name the setting; setting() does.
class ViewError : public Error {
public:
    /// `setting`: the member of ViewOptions the error is about: "ego", "area", "view",
    /// "color_by", "size_by" or "color_areas".
    ViewError(std::string setting, const std::string& message)
        : Error(ErrorCode::view, message, std::move(setting)) {}
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
    PaperSize paper = PaperSize::a4;
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

/// A drawing refused because its text would be too small on the sheet asked for.
struct Refusal {
    Paper paper;
    Fit fit;
    std::vector<PaperAlternative> alternatives; ///< where it would be readable
};

/// The finished file, or why there is none.
struct Drawing {
    std::string bytes;              ///< the file's content; empty when refused
    std::optional<Refusal> refusal; ///< set when the drawing does not fit `options.paper`
};

/// Builds the graph (with `options.build`), the view, and the file in `format`. DOT is written as
/// built, not fitted to a paper. A drawing whose text would be too small on its paper is refused,
/// with the alternatives readable_alternatives finds. Throws ViewError as map_view does and
/// RenderError when Graphviz fails.
Drawing draw_map(const model::Map& map, const ViewOptions& options, OutputFormat format);

} // namespace stakemap::render
