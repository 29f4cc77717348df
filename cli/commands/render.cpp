// stakemap render MAP -o FILE: the map drawn by Graphviz.

#include "../command.hpp"
#include "stakemap/analysis/suggest.hpp"
#include "stakemap/io/files.hpp"
#include "stakemap/render/graphviz.hpp"
#include "stakemap/render/map_view.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>

namespace stakemap::cli {

namespace {

class RenderCommand : public Command {
public:
    std::string name() const override { return "render"; }
    std::string synopsis() const override {
        return text::N_(
            "Draw the map with Graphviz: actors shaped by sector and coloured, sized and grouped "
            "as asked, relations styled by type, a legend in the chosen language. The format "
            "follows the extension of -o: .svg, .png, .pdf, or .dot for the Graphviz source. "
            "--view grid draws the power–interest grid instead, --view coverage the areas × "
            "services coverage heat map. --paper A4 or A3 makes a page of exactly that size.");
    }
    std::string usage() const override { return "stakemap render MAP -o FILE [options]"; }
    std::string example() const override {
        return "stakemap render examples/roma-municipio-ii/map.json -o map.pdf --cluster area "
               "--size-by betweenness --highlight gaps --paper A3";
    }

    int run() override {
        const model::Map map = load_map();
        const graph::AnalysisGraph graph = graph::build(map, common_.build_options());
        render::ViewOptions options;
        options.view = view_;
        options.engine = layout_;
        options.cluster = cluster_;
        options.color_by = color_by_;
        options.size_by = size_by_;
        options.highlight_gaps = highlight_ == "gaps";
        if (highlight_ == "suggestions") {
            options.suggest_goal = goal_;
            options.suggestions = k_;
        }
        options.build = common_.build_options();
        if (!ego_.empty()) {
            options.ego = ego_;
        }
        options.radius = radius_;
        if (!area_.empty()) {
            options.area = area_;
        }
        options.label = label_ == "short"  ? render::LabelMode::short_name
                        : label_ == "none" ? render::LabelMode::none
                                           : render::LabelMode::name;
        options.language = common_.language();
        if (!paper_.empty()) {
            options.paper = paper_;
        }
        options.landscape = landscape_;
        options.seed = seed_;
        options.threads = common_.threads;
        options.color_areas = color_areas_;
        options.access_target = access_target_;
        options.within = within_;
        const render::MapView view = make_view(map, graph, options);
        if (format_ == "dot") {
            // The DOT is written as built: with --paper it is not fitted to the sheet.
            emit(view.dot);
            return exit_ok;
        }
        render::RenderOptions rendering;
        if (options.paper) {
            rendering.paper = render::paper_sheet(*options.paper, options.landscape);
        }
        std::string drawing;
        try {
            drawing = render::render_dot(view.dot, view.engine, format_, rendering);
        } catch (const render::DoesNotFit& refusal) {
            throw UsageError(does_not_fit(map, graph, options, refusal));
        }
        emit(drawing);
        return exit_ok;
    }

protected:
    bool takes_analysis_options() const override { return true; }

    void add_options(boost::program_options::options_description& options) override {
        namespace po = boost::program_options;
        const text::Words& words = this->words();
        options.add_options()(
            "view", po::value(&view_)->default_value("network"),
            words("network; grid for the power–interest grid; coverage for the areas × services "
                  "heat map (see `stakemap coverage`)")
                .c_str())(
            "layout", po::value(&layout_),
            words("neato, fdp, sfdp, dot, circo or twopi (default: with --cluster or --paper, "
                  "each group laid out on its own and packed to the page; otherwise neato up to "
                  "300 actors, sfdp beyond)")
                .c_str())(
            "cluster", po::value(&cluster_)->default_value("none"),
            words("group actors in labelled boxes: area, sector, kind, community or none").c_str())(
            "size-by", po::value(&size_by_),
            words("node size by a measure, e.g. betweenness").c_str())(
            "color-by", po::value(&color_by_)->default_value("sector"),
            words("kind, sector, level, area, community, or a measure (sequential scale)").c_str())(
            "highlight", po::value(&highlight_),
            words("gaps: cut actors with a red border, critical ties in red, isolated actors "
                  "greyed; suggestions: the links of `stakemap suggest` (--goal, --k), dashed "
                  "and numbered")
                .c_str())(
            "goal", po::value(&goal_)->default_value("reach"),
            words("with --highlight suggestions: reach, connect, resilience or coverage").c_str())(
            "k", po::value(&k_)->default_value(5),
            words("with --highlight suggestions: how many").c_str())(
            "ego", po::value(&ego_),
            words("draw only this actor and those within --radius steps").c_str())(
            "radius", po::value(&radius_)->default_value(1), words("steps around --ego").c_str())(
            "area", po::value(&area_),
            words("draw only the actors located in or serving this area").c_str())(
            "label", po::value(&label_)->default_value("name"),
            words("name, short or none").c_str())(
            "paper", po::value(&paper_),
            words("A3 or A4: a page of exactly that size, the drawing scaled to fit inside 10 mm "
                  "margins; refused when text would be smaller than 6 pt")
                .c_str())("landscape", po::bool_switch(&landscape_),
                          words("with --paper: landscape orientation").c_str())(
            "seed", po::value(&seed_)->default_value(1),
            words("seed for community clusters or colours").c_str())(
            "color-areas", po::value(&color_areas_),
            words("coverage: with --cluster area, shade each area by its coverage score").c_str())(
            "access-target", po::value(&access_target_)->default_value(3),
            words("coverage: access points wanted in each area").c_str())(
            "within", po::value(&within_)->default_value(2),
            words("coverage: steps within which a community actor reaches a service").c_str());
    }

    void check_options() override {
        const text::Words& words = this->words();
        if (common_.output_path.empty()) {
            throw UsageError(words("render needs -o FILE (.svg, .png, .pdf or .dot)"));
        }
        if (!common_.format_name.empty()) {
            throw UsageError(words("render takes its format from the -o extension, not --format"));
        }
        const std::string extension =
            std::filesystem::path(common_.output_path).extension().string();
        if (extension != ".svg" && extension != ".png" && extension != ".pdf" &&
            extension != ".dot") {
            throw UsageError(words("-o {file}: the file must end in .svg, .png, .pdf or .dot",
                                   {{"file", common_.output_path}}));
        }
        format_ = extension.substr(1);
        auto one_of = [](const std::string& value, std::initializer_list<const char*> allowed) {
            for (const char* choice : allowed) {
                if (value == choice) {
                    return true;
                }
            }
            return false;
        };
        if (!one_of(view_, {"network", "grid", "coverage"})) {
            throw UsageError(words("--view must be network, grid or coverage"));
        }
        if (!color_areas_.empty() && color_areas_ != "coverage") {
            throw UsageError(words("--color-areas must be coverage"));
        }
        if (!color_areas_.empty() && cluster_ != "area") {
            throw UsageError(
                words("--color-areas shades the area boxes: use it with --cluster area"));
        }
        if (!layout_.empty() &&
            !one_of(layout_, {"neato", "fdp", "sfdp", "dot", "circo", "twopi"})) {
            throw UsageError(words("--layout must be neato, fdp, sfdp, dot, circo or twopi"));
        }
        if (!one_of(cluster_, {"area", "sector", "kind", "community", "none"})) {
            throw UsageError(words("--cluster must be area, sector, kind, community or none"));
        }
        if (!highlight_.empty() && highlight_ != "gaps" && highlight_ != "suggestions") {
            throw UsageError(words("--highlight must be gaps or suggestions"));
        }
        if (!analysis::goal_from_id(goal_)) {
            throw UsageError(words("--goal must be reach, connect, resilience or coverage"));
        }
        if (!one_of(label_, {"name", "short", "none"})) {
            throw UsageError(words("--label must be name, short or none"));
        }
        // a3 means A3.
        std::transform(paper_.begin(), paper_.end(), paper_.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        if (!paper_.empty() && !render::paper_sheet(paper_, false)) {
            throw UsageError(
                words("--paper must be A3 or A4, not \"{value}\"", {{"value", paper_}}));
        }
        if (landscape_ && paper_.empty()) {
            throw UsageError(words("--landscape goes with --paper A3 or A4"));
        }
    }

private:
    render::MapView make_view(const model::Map& map, const graph::AnalysisGraph& graph,
                              const render::ViewOptions& options) const {
        try {
            return render::map_view(map, graph, options);
        } catch (const render::ViewError& error) {
            throw UsageError(error.what());
        }
    }

    /// Why the drawing was refused, and the sheets and options with which it fits: the other
    /// orientation, A3 for A4, short names.
    std::string does_not_fit(const model::Map& map, const graph::AnalysisGraph& graph,
                             const render::ViewOptions& options,
                             const render::DoesNotFit& refusal) const {
        const text::Words& words = this->words();
        const render::Paper& paper = refusal.paper();
        // Sizes rounded down to a tenth of a point: a refused 5.97 pt reads 5.9, not 6.
        auto points = [&](double size) {
            return words.number(std::floor(size * 10.0) / 10.0);
        };
        const std::string smallest = points(refusal.fit().smallest_printed_text());
        const std::string minimum = words.number(render::smallest_text_on_paper);
        std::string message =
            paper.landscape
                ? words("the map does not fit on an {paper} sheet in landscape with readable text: "
                        "its smallest text would be {smallest} pt, and on paper no text may be "
                        "smaller than {minimum} pt",
                        {{"paper", paper.name}, {"smallest", smallest}, {"minimum", minimum}})
                : words("the map does not fit on an {paper} sheet in portrait with readable text: "
                        "its smallest text would be {smallest} pt, and on paper no text may be "
                        "smaller than {minimum} pt",
                        {{"paper", paper.name}, {"smallest", smallest}, {"minimum", minimum}});
        std::string fitting;
        for (const auto& alternative : render::readable_alternatives(map, graph, options)) {
            std::string option = "--paper " + alternative.paper;
            option += alternative.landscape ? " --landscape" : "";
            option += alternative.short_labels ? " --label short" : "";
            fitting += "\n  " + words("{options} (smallest text {smallest} pt)",
                                      {{"options", option},
                                       {"smallest", points(alternative.smallest_printed_text)}});
        }
        if (!fitting.empty()) {
            return message + "\n" + words("It fits with:") + fitting;
        }
        if (map.areas.empty()) {
            return message + "\n" +
                   words("Draw less of it: one actor and those around it with --ego ID.");
        }
        std::string areas;
        const auto ids = map.area_ids();
        for (std::size_t a = 0; a < ids.size() && a < 8; ++a) {
            areas += (a > 0 ? ", " : "") + ids[a];
        }
        areas += ids.size() > 8 ? ", …" : "";
        return message + "\n" +
               words("Draw less of it: one area with --area ID (here: {areas}), or one actor and "
                     "those around it with --ego ID.",
                     {{"areas", areas}});
    }

    std::string format_;
    std::string view_;
    std::string layout_;
    std::string cluster_;
    std::string size_by_;
    std::string color_by_;
    std::string highlight_;
    std::string ego_;
    std::size_t radius_ = 1;
    std::string area_;
    std::string label_;
    std::string paper_;
    bool landscape_ = false;
    std::uint64_t seed_ = 1;
    std::string color_areas_;
    std::string goal_;
    std::size_t k_ = 5;
    std::size_t access_target_ = 3;
    std::size_t within_ = 2;
};

} // namespace

std::unique_ptr<Command> make_render_command() {
    return std::make_unique<RenderCommand>();
}

} // namespace stakemap::cli
