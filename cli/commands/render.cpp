// stakemap render MAP -o FILE: the map drawn by Graphviz.

#include "../command.hpp"
#include "stakemap/analysis/centrality.hpp"
#include "stakemap/analysis/suggest.hpp"
#include "stakemap/io/diagnostics.hpp"
#include "stakemap/render/choices.hpp"
#include "stakemap/render/graphviz.hpp"
#include "stakemap/render/map_view.hpp"

#include <cmath>
#include <filesystem>
#include <optional>
#include <variant>

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
        // Known once the map is loaded: without --at, its date decides which relations are drawn.
        options_.build = common_.build_options();
        const render::Drawing drawing = render::draw_map(map, options_, format_);
        if (drawing.refusal) {
            throw UsageError(does_not_fit(map, *drawing.refusal));
        }
        emit(drawing.bytes);
        return exit_ok;
    }

protected:
    bool takes_analysis_options() const override { return true; }

    void add_options(boost::program_options::options_description& options) override {
        namespace po = boost::program_options;
        const text::Words& words = this->words();
        const render::ViewOptions defaults;
        auto add = [&](const char* option, const po::value_semantic* value,
                       const std::string& help) {
            options.add_options()(option, value, help.c_str());
        };
        auto name = [](auto value) {
            return std::string(render::to_string(value));
        };
        add("view", po::value(&view_)->default_value(name(defaults.view)),
            words("network; grid for the power–interest grid; coverage for the areas × services "
                  "heat map (see `stakemap coverage`)"));
        add("layout", po::value(&layout_),
            words("{engines} (default: with --cluster or --paper, each group laid out on its own "
                  "and packed to the page; otherwise neato up to 300 actors, sfdp beyond)",
                  {{"engines", list_or(render::names_in(render::engine_names))}}));
        add("cluster", po::value(&cluster_)->default_value(name(defaults.cluster)),
            words("group actors in labelled boxes: {choices}",
                  {{"choices", list_or(render::names_in(render::cluster_names))}}));
        add("size-by", po::value(&size_by_), words("node size by a measure, e.g. betweenness"));
        add("color-by",
            po::value(&color_by_)
                ->default_value(name(std::get<render::Grouping>(defaults.color_by))),
            words("{groupings}, or a measure (sequential scale)",
                  {{"groupings", joined(render::names_in(render::grouping_names), ", ")}}));
        add("highlight", po::value(&highlight_),
            words("gaps: cut actors with a red border, critical ties in red, isolated actors "
                  "greyed; suggestions: the links of `stakemap suggest` (--goal, --k), dashed "
                  "and numbered"));
        add("goal", po::value(&goal_)->default_value(analysis::goal_id(defaults.goal)),
            words("with --highlight suggestions: {goals}", {{"goals", list_or(goal_ids())}}));
        add("k", po::value(&options_.suggestions)->default_value(defaults.suggestions),
            words("with --highlight suggestions: how many"));
        add("ego", po::value(&ego_), words("draw only this actor and those within --radius steps"));
        add("radius", po::value(&options_.radius)->default_value(defaults.radius),
            words("steps around --ego"));
        add("area", po::value(&area_),
            words("draw only the actors located in or serving this area"));
        add("label", po::value(&label_)->default_value(name(defaults.label)),
            list_or(render::names_in(render::label_names)));
        add("paper", po::value(&paper_),
            words("{papers}: a page of exactly that size, the drawing scaled to fit inside 10 mm "
                  "margins; refused when text would be smaller than 6 pt",
                  {{"papers", list_or(render::names_in(render::paper_names))}}));
        add("landscape", po::bool_switch(&options_.landscape),
            words("with --paper: landscape orientation"));
        add("seed", po::value(&options_.seed)->default_value(defaults.seed),
            words("seed for community clusters or colours"));
        add("color-areas", po::value(&color_areas_),
            words("coverage: with --cluster area, shade each area by its coverage score"));
        add("access-target",
            po::value(&options_.access_target)->default_value(defaults.access_target),
            words("coverage: access points wanted in each area"));
        add("within", po::value(&options_.within)->default_value(defaults.within),
            words("coverage: steps within which a community actor reaches a service"));
    }

    /// Every name is checked here, before the map is read: a typo costs no loading or layout.
    void check_options() override {
        const text::Words& words = this->words();
        std::vector<std::string> extensions;
        for (const auto& format : render::names_in(render::output_format_names)) {
            extensions.push_back("." + format);
        }
        if (common_.output_path.empty()) {
            throw UsageError(words("render needs -o FILE ({extensions})",
                                   {{"extensions", list_or(extensions)}}));
        }
        if (!common_.format_name.empty()) {
            throw UsageError(words("render takes its format from the -o extension, not --format"));
        }
        const std::string extension =
            std::filesystem::path(common_.output_path).extension().string();
        const auto format =
            extension.empty() ? std::nullopt : render::parse_output_format(extension.substr(1));
        if (!format) {
            throw UsageError(
                words("-o {file}: the file must end in {extensions}",
                      {{"file", common_.output_path}, {"extensions", list_or(extensions)}}));
        }
        format_ = *format;
        options_.view = choice("--view", view_, render::view_names);
        if (!layout_.empty()) {
            options_.engine = choice("--layout", layout_, render::engine_names);
        }
        options_.cluster = choice("--cluster", cluster_, render::cluster_names);
        options_.color_by = color_by(color_by_);
        if (!size_by_.empty()) {
            options_.size_by = measure("--size-by", size_by_);
        }
        if (!highlight_.empty()) {
            options_.highlight = choice("--highlight", highlight_, render::highlight_names);
        }
        const auto goal = analysis::goal_from_id(goal_);
        if (!goal) {
            refuse("--goal", goal_, goal_ids());
        }
        options_.goal = *goal;
        options_.ego = ego_.empty() ? std::nullopt : std::optional(ego_);
        options_.area = area_.empty() ? std::nullopt : std::optional(area_);
        options_.label = choice("--label", label_, render::label_names);
        if (!paper_.empty()) {
            options_.paper = choice("--paper", paper_, render::paper_names);
        }
        if (options_.landscape && !options_.paper) {
            throw UsageError(words("--landscape goes with --paper {papers}",
                                   {{"papers", list_or(render::names_in(render::paper_names))}}));
        }
        if (!color_areas_.empty()) {
            options_.color_areas = choice("--color-areas", color_areas_, render::color_areas_names);
        }
        if (options_.color_areas != render::ColorAreas::none &&
            options_.cluster != render::Cluster::area) {
            throw UsageError(
                words("--color-areas shades the area boxes: use it with --cluster area"));
        }
        options_.language = common_.language();
        options_.threads = common_.threads;
    }

private:
    /// "a, b or c".
    std::string list_or(const std::vector<std::string>& names) const {
        if (names.size() < 2) {
            return joined(names, "");
        }
        const text::Words& words = this->words();
        const std::vector<std::string> head(names.begin(), names.end() - 1);
        return words("{first} or {last}", {{"first", joined(head, ", ")}, {"last", names.back()}});
    }

    static std::string joined(const std::vector<std::string>& names, const char* separator) {
        std::string out;
        for (const auto& name : names) {
            out += (out.empty() ? "" : separator) + name;
        }
        return out;
    }

    static std::vector<std::string> goal_ids() {
        std::vector<std::string> ids;
        for (const auto goal : analysis::all_goals()) {
            ids.emplace_back(analysis::goal_id(goal));
        }
        return ids;
    }

    static std::vector<std::string> measure_keys() {
        std::vector<std::string> keys;
        for (const auto measure : analysis::all_measures()) {
            keys.emplace_back(analysis::measure_key(measure));
        }
        return keys;
    }

    /// Throws the usage error for a value of `option` that is none of `names`.
    [[noreturn]] void refuse(const char* option, const std::string& value,
                             const std::vector<std::string>& names) const {
        const text::Words& words = this->words();
        throw UsageError(
            words("{option} must be {choices}, not \"{value}\"",
                  {{"option", option}, {"choices", list_or(names)}, {"value", value}}) +
            io::did_you_mean(words, value, names));
    }

    /// The value of `option` named `value` in `table`; throws UsageError for other names.
    template <class Enum, std::size_t N>
    Enum choice(const char* option, const std::string& value,
                const render::NameTable<Enum, N>& table) const {
        const auto parsed = render::value_in(table, value);
        if (!parsed) {
            refuse(option, value, render::names_in(table));
        }
        return *parsed;
    }

    analysis::Measure measure(const char* option, const std::string& key) const {
        const text::Words& words = this->words();
        const auto parsed = analysis::measure_from_key(key);
        if (!parsed) {
            throw UsageError(
                words("{option}: unknown measure \"{name}\"", {{"option", option}, {"name", key}}) +
                io::did_you_mean(words, key, measure_keys()));
        }
        return *parsed;
    }

    /// --color-by: a grouping or a measure.
    render::ColorBy color_by(const std::string& value) const {
        if (const auto grouping = render::parse_grouping(value)) {
            return *grouping;
        }
        if (const auto parsed = analysis::measure_from_key(value)) {
            return *parsed;
        }
        const text::Words& words = this->words();
        auto names = render::names_in(render::grouping_names);
        const auto keys = measure_keys();
        names.insert(names.end(), keys.begin(), keys.end());
        throw UsageError(
            words("--color-by must be {groupings}, or a measure, not \"{value}\"",
                  {{"groupings", joined(render::names_in(render::grouping_names), ", ")},
                   {"value", value}}) +
            io::did_you_mean(words, value, names));
    }

    /// Why the drawing was refused, and the sheets and options with which it fits: the other
    /// orientation, A3 for A4, short names.
    std::string does_not_fit(const model::Map& map, const render::Refusal& refusal) const {
        const text::Words& words = this->words();
        const render::Paper& paper = refusal.paper;
        // Sizes rounded down to a tenth of a point: a refused 5.97 pt reads 5.9, not 6.
        auto points = [&](double size) {
            return words.number(std::floor(size * 10.0) / 10.0);
        };
        const std::string smallest = points(refusal.fit.smallest_printed_text());
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
        for (const auto& alternative : refusal.alternatives) {
            std::string option = "--paper " + std::string(render::to_string(alternative.paper));
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

    render::ViewOptions options_;
    render::OutputFormat format_ = render::OutputFormat::svg;
    // As typed, checked by check_options.
    std::string view_;
    std::string layout_;
    std::string cluster_;
    std::string size_by_;
    std::string color_by_;
    std::string highlight_;
    std::string goal_;
    std::string ego_;
    std::string area_;
    std::string label_;
    std::string paper_;
    std::string color_areas_;
};

} // namespace

std::unique_ptr<Command> make_render_command() {
    return std::make_unique<RenderCommand>();
}

} // namespace stakemap::cli
