// stakemap render MAP -o FILE: the map drawn by Graphviz.

#include "../command.hpp"
#include "stakemap/analysis/suggest.hpp"
#include "stakemap/io/files.hpp"
#include "stakemap/render/graphviz.hpp"
#include "stakemap/render/map_view.hpp"

#include <filesystem>

namespace stakemap::cli {

namespace {

class RenderCommand : public Command {
public:
    std::string name() const override { return "render"; }
    std::string synopsis() const override {
        return "Draw the map with Graphviz: actors shaped by sector and coloured, sized and "
               "grouped "
               "as asked, relations styled by type, a legend in the chosen language. The format "
               "follows the extension of -o: .svg, .png, .pdf, or .dot for the Graphviz source. "
               "--view grid draws the power–interest grid instead, --view coverage the areas × "
               "services coverage heat map.";
    }
    std::string usage() const override { return "stakemap render MAP -o FILE [options]"; }
    std::string example() const override {
        return "stakemap render examples/roma-municipio-ii/map.json -o map.svg --cluster area "
               "--size-by betweenness --highlight gaps";
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
        render::MapView view;
        try {
            view = render::map_view(map, graph, options);
        } catch (const render::ViewError& error) {
            throw UsageError(error.what());
        }
        // The DOT is written as built; every other format goes through Graphviz in-process.
        emit(format_ == "dot" ? view.dot : render::render_dot(view.dot, view.engine, format_));
        return exit_ok;
    }

protected:
    bool takes_analysis_options() const override { return true; }

    void add_options(boost::program_options::options_description& options) override {
        namespace po = boost::program_options;
        options.add_options()("view", po::value(&view_)->default_value("network"),
                              "network; grid for the power–interest grid; coverage for the areas × "
                              "services heat map (see `stakemap coverage`)")(
            "layout", po::value(&layout_),
            "neato, fdp, sfdp, dot, circo or twopi (default: dot with clusters, neato up to 300 "
            "actors, sfdp beyond)")(
            "cluster", po::value(&cluster_)->default_value("none"),
            "group actors in labelled boxes: area, sector, kind, community or none")(
            "size-by", po::value(&size_by_), "node size by a measure, e.g. betweenness")(
            "color-by", po::value(&color_by_)->default_value("sector"),
            "kind, sector, level, area, community, or a measure (sequential scale)")(
            "highlight", po::value(&highlight_),
            "gaps: cut actors with a red border, critical ties in red, isolated actors greyed; "
            "suggestions: the links of `stakemap suggest` (--goal, --k), dashed and numbered")(
            "goal", po::value(&goal_)->default_value("reach"),
            "with --highlight suggestions: reach, connect, resilience or coverage")(
            "k", po::value(&k_)->default_value(5), "with --highlight suggestions: how many")(
            "ego", po::value(&ego_), "draw only this actor and those within --radius steps")(
            "radius", po::value(&radius_)->default_value(1), "steps around --ego")(
            "area", po::value(&area_), "draw only the actors located in or serving this area")(
            "label", po::value(&label_)->default_value("name"), "name, short or none")(
            "paper", po::value(&paper_), "A3 or A4: a poster sized for printing")(
            "landscape", po::bool_switch(&landscape_), "with --paper: landscape orientation")(
            "seed", po::value(&seed_)->default_value(1), "seed for community clusters or colours")(
            "color-areas", po::value(&color_areas_),
            "coverage: with --cluster area, shade each area by its coverage score")(
            "access-target", po::value(&access_target_)->default_value(3),
            "coverage: access points wanted in each area")(
            "within", po::value(&within_)->default_value(2),
            "coverage: steps within which a community actor reaches a service");
    }

    void check_options() override {
        if (common_.output_path.empty()) {
            throw UsageError("render needs -o FILE (.svg, .png, .pdf or .dot)");
        }
        if (!common_.format_name.empty()) {
            throw UsageError("render takes its format from the -o extension, not --format");
        }
        const std::string extension =
            std::filesystem::path(common_.output_path).extension().string();
        if (extension != ".svg" && extension != ".png" && extension != ".pdf" &&
            extension != ".dot") {
            throw UsageError("-o " + common_.output_path +
                             ": the file must end in .svg, .png, .pdf or .dot");
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
            throw UsageError("--view must be network, grid or coverage");
        }
        if (!color_areas_.empty() && color_areas_ != "coverage") {
            throw UsageError("--color-areas must be coverage");
        }
        if (!color_areas_.empty() && cluster_ != "area") {
            throw UsageError("--color-areas shades the area boxes: use it with --cluster area");
        }
        if (!layout_.empty() &&
            !one_of(layout_, {"neato", "fdp", "sfdp", "dot", "circo", "twopi"})) {
            throw UsageError("--layout must be neato, fdp, sfdp, dot, circo or twopi");
        }
        if (!one_of(cluster_, {"area", "sector", "kind", "community", "none"})) {
            throw UsageError("--cluster must be area, sector, kind, community or none");
        }
        if (!highlight_.empty() && highlight_ != "gaps" && highlight_ != "suggestions") {
            throw UsageError("--highlight must be gaps or suggestions");
        }
        if (!analysis::goal_from_id(goal_)) {
            throw UsageError("--goal must be reach, connect, resilience or coverage");
        }
        if (!one_of(label_, {"name", "short", "none"})) {
            throw UsageError("--label must be name, short or none");
        }
        if (!paper_.empty() && !one_of(paper_, {"A3", "A4"})) {
            throw UsageError("--paper must be A3 or A4");
        }
        if (landscape_ && paper_.empty()) {
            throw UsageError("--landscape goes with --paper A3 or A4");
        }
    }

private:
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
