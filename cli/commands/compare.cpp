// stakemap compare MAP --option F …: organisational options applied to the same map, side by side.

#include "../command.hpp"
#include "stakemap/report/compare_report.hpp"

namespace stakemap::cli {

namespace {

class CompareCommand : public Command {
public:
    std::string name() const override { return "compare"; }
    std::string synopsis() const override {
        return text::N_("Organisational options compared on the same map: each option file "
                        "(stakemap-option/1: actors and relations to add or remove, with a "
                        "title) is applied on its own, and the maps are set side by side — "
                        "coverage per area, access points against the target, community actors "
                        "that reach no institution, cut actors, the self-assessment — with the "
                        "options that do best on each row and what each costs in new actors and "
                        "ties.");
    }
    std::string usage() const override {
        return "stakemap compare MAP --option FILE [--option FILE …] [options]";
    }
    std::string example() const override {
        return "stakemap compare examples/roma-municipio-ii/map.json "
               "--option examples/roma-municipio-ii/options/sportello.json "
               "--option examples/roma-municipio-ii/options/mediazione.json "
               "--option examples/roma-municipio-ii/options/punti.json --format table --lang it";
    }

    int run() override {
        auto input = open_map();
        return publish(report::compare_document(*input, settings_));
    }

protected:
    void add_options(boost::program_options::options_description& options) override {
        namespace po = boost::program_options;
        const text::Words& words = this->words();
        options.add_options()(
            "option", po::value(&settings_.options)->composing(),
            words("an option file (stakemap-option/1); give one --option per option").c_str())(
            "rubric", po::value(&settings_.rubric)->default_value("default"),
            words("the rubric: a rubric file, or default (data/assessment/default.json)").c_str())(
            "access-target", po::value(&settings_.access_target)->default_value(3),
            words("access points wanted in each area").c_str())(
            "within", po::value(&settings_.within)->default_value(2),
            words("steps within which a community actor should reach an institution").c_str());
    }

    void check_options() override {
        const text::Words& words = this->words();
        if (settings_.options.empty()) {
            throw UsageError(words("give at least one option file with --option"));
        }
    }

private:
    report::CompareSettings settings_;
};

} // namespace

std::unique_ptr<Command> make_compare_command() {
    return std::make_unique<CompareCommand>();
}

} // namespace stakemap::cli
