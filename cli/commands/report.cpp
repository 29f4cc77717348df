// stakemap report MAP -o report.html: the report a workgroup circulates.

#include "../command.hpp"
#include "stakemap/io/diagnostics.hpp"
#include "stakemap/io/files.hpp"
#include "stakemap/io/map_reader.hpp"
#include "stakemap/report/html_report.hpp"

#include <filesystem>

namespace stakemap::cli {

namespace {

class ReportCommand : public Command {
public:
    std::string name() const override { return "report"; }
    std::string synopsis() const override {
        return text::N_("The report a workgroup circulates: one HTML file that opens offline in "
                        "any browser and asks the network for nothing — summary and findings, the "
                        "map and the power–interest grid, key actors, gaps, coverage, suggested "
                        "links, the self-assessment; with --previous what changed, with --option "
                        "the options compared. Search an actor, filter by area, sector or relation "
                        "type, click an "
                        "actor for its profile, sort and download every table; it prints on A4.");
    }
    std::string usage() const override { return "stakemap report MAP -o report.html [options]"; }
    std::string example() const override {
        return "stakemap report examples/roma-municipio-ii/map.json -o report.html --lang it";
    }

    int run() override {
        auto input = open_map();
        if (!previous_path_.empty()) {
            io::ReadResult result = io::read_map_file(previous_path_, common_.read_options());
            if (!result.ok()) {
                throw io::LoadError(result.diagnostics);
            }
            settings_.previous = std::move(*result.map);
            settings_.previous_source = previous_path_;
        }
        const std::filesystem::path output(common_.output_path);
        if (output.extension() == ".md") {
            // The drawings first, then the Markdown that refers to them: a reader never finds
            // the Markdown without its images.
            const auto markdown =
                report::markdown_report(*input, settings_, output.stem().string());
            for (const auto& [file, svg] : markdown.drawings) {
                io::write_file_atomically((output.parent_path() / file).string(), svg,
                                          words().language());
            }
            emit(markdown.markdown);
            return exit_ok;
        }
        emit(report::html_report(*input, settings_));
        return exit_ok;
    }

protected:
    bool takes_excel_it() const override { return false; }
    bool takes_format() const override { return false; }

    void add_options(boost::program_options::options_description& options) override {
        namespace po = boost::program_options;
        const text::Words& words = this->words();
        options.add_options()("previous", po::value(&previous_path_),
                              words("the previous round's map: a section on what changed").c_str())(
            "option", po::value(&settings_.options)->composing(),
            words("an option file (stakemap-option/1): a section comparing the options; give one "
                  "--option per option")
                .c_str())("rules", po::value(&settings_.rules)->default_value("default"),
                          words("expected-tie rules: a rules file, default or none").c_str())(
            "rubric", po::value(&settings_.rubric)->default_value("default"),
            words("the rubric: a rubric file, or default (data/assessment/default.json)").c_str())(
            "access-target", po::value(&settings_.access_target)->default_value(3),
            words("access points wanted in each area").c_str());
    }

    void check_options() override {
        const text::Words& words = this->words();
        if (common_.output_path.empty()) {
            throw UsageError(words("give the report's file with -o, e.g. -o report.html"));
        }
        const std::string extension =
            std::filesystem::path(common_.output_path).extension().string();
        if (extension != ".html" && extension != ".htm" && extension != ".md") {
            throw UsageError(words("the report is an HTML file (or Markdown with its drawings "
                                   "beside it): -o takes a .html or .md file, not \"{file}\"",
                                   {{"file", common_.output_path}}));
        }
    }

private:
    std::string previous_path_;
    report::ReportSettings settings_;
};

} // namespace

std::unique_ptr<Command> make_report_command() {
    return std::make_unique<ReportCommand>();
}

} // namespace stakemap::cli
