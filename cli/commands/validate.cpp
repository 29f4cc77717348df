// stakemap validate MAP: every error and warning of a map file.

#include "../command.hpp"
#include "stakemap/io/files.hpp"
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
        const io::ReadResult result = io::read_map_file(common_.map_path, common_.read_options());
        return publish(report::validation_document(result, io::display_name(common_.map_path),
                                                   strict_, common_.language()));
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
