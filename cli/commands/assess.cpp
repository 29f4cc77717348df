// stakemap assess MAP: self-assessment against a rubric and three organisational models.

#include "../command.hpp"
#include "stakemap/io/diagnostics.hpp"
#include "stakemap/io/map_reader.hpp"
#include "stakemap/report/assess_report.hpp"

namespace stakemap::cli {

namespace {

class AssessCommand : public Command {
public:
    std::string name() const override { return "assess"; }
    std::string synopsis() const override {
        return text::N_("Self-assessment: indicators of the four themes (governance, community "
                        "involvement, monitoring, access to services) measured on the map and "
                        "scored as MIPEX does (met 100, partly met 50, not met 0, no data left "
                        "out), averaged per theme and overall; the resemblance to three "
                        "organisational models (one-stop desk, distributed access points, bridge "
                        "figures); --previous puts the last round's scores beside them.");
    }
    std::string usage() const override { return "stakemap assess MAP [options]"; }
    std::string example() const override {
        return "stakemap assess examples/prato/map.json --format table --lang it";
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
        return publish(report::assess_document(*input, settings_));
    }

protected:
    void add_options(boost::program_options::options_description& options) override {
        namespace po = boost::program_options;
        const text::Words& words = this->words();
        options.add_options()(
            "rubric", po::value(&settings_.rubric)->default_value("default"),
            words("the rubric: a rubric file, or default (data/assessment/default.json)").c_str())(
            "previous", po::value(&previous_path_),
            words("the previous round's map: its scores beside the current ones").c_str())(
            "fail-under", po::value(&fail_under_),
            words("exit with code 1 when the overall score is below this (0–100)").c_str())(
            "access-target", po::value(&settings_.access_target)->default_value(3),
            words("access points wanted in each area").c_str());
    }

    void check_options() override {
        const text::Words& words = this->words();
        if (values_.count("fail-under") != 0U) {
            if (!(fail_under_ >= 0.0 && fail_under_ <= 100.0)) {
                throw UsageError(words("--fail-under: the score must be from 0 to 100"));
            }
            settings_.fail_under = fail_under_;
        }
    }

private:
    std::string previous_path_;
    double fail_under_ = 0.0;
    report::AssessSettings settings_;
};

} // namespace

std::unique_ptr<Command> make_assess_command() {
    return std::make_unique<AssessCommand>();
}

} // namespace stakemap::cli
