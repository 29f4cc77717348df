// stakemap validate MAP: every error and warning of a map file.

#include "../command.hpp"
#include "stakemap/io/files.hpp"
#include "stakemap/report/csv.hpp"
#include "stakemap/report/envelope.hpp"
#include "stakemap/report/validation_report.hpp"

namespace stakemap::cli {

namespace {

class ValidateCommand : public Command {
public:
    std::string name() const override { return "validate"; }
    std::string synopsis() const override {
        return text::N_("Check a map file: list every error and warning with its line, column and "
                        "JSON pointer. Exit code 0 when the map is valid, 1 when it has errors (or "
                        "warnings, with --strict).");
    }
    std::string usage() const override { return "stakemap validate MAP [options]"; }
    std::string example() const override {
        return "stakemap validate examples/roma-municipio-ii/map.json --format table";
    }

    int run() override {
        const text::Words& words = words_;
        const io::ReadResult result = io::read_map_file(common_.map_path, common_.read_options());
        const bool valid = result.ok() && (!strict_ || result.warning_count == 0);
        const std::string file = io::display_name(common_.map_path);
        std::string content;
        switch (common_.format()) {
        case Format::json: {
            nlohmann::ordered_json options;
            options["strict"] = strict_;
            content = report::json_envelope(name(), result.map ? &*result.map : nullptr, options,
                                            report::validation_results(result, strict_, words));
            break;
        }
        case Format::csv:
            content = report::records_to_csv(
                report::validation_results(result, strict_, words)["diagnostics"],
                {.excel_it = common_.excel_it,
                 .columns = {"severity", "code", "file", "line", "column", "pointer", "element",
                             "message"}});
            break;
        case Format::md:
            content = result.diagnostics.empty()
                          ? std::string()
                          : report::render_markdown(report::validation_table(result, words)) + "\n";
            content += report::validation_summary(result, file, strict_, words);
            break;
        case Format::table:
            for (const auto& diagnostic : result.diagnostics) {
                content += report::diagnostic_line(diagnostic, words) + '\n';
            }
            content += report::validation_summary(result, file, strict_, words);
            break;
        }
        emit(content);
        return valid ? exit_ok : exit_problems_found;
    }

protected:
    void add_options(boost::program_options::options_description& options) override {
        const text::Words& words = words_;
        options.add_options()("strict", boost::program_options::bool_switch(&strict_),
                              words("count warnings as errors").c_str());
    }
    bool takes_analysis_options() const override { return false; }

private:
    bool strict_ = false;
};

} // namespace

std::unique_ptr<Command> make_validate_command() {
    return std::make_unique<ValidateCommand>();
}

} // namespace stakemap::cli
