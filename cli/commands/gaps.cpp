// stakemap gaps MAP: single points of failure, group mixing, unreached actors, overlapping offices
// and expected-tie rules.

#include "../command.hpp"
#include "stakemap/report/gaps_report.hpp"

namespace stakemap::cli {

namespace {

class GapsCommand : public Command {
public:
    std::string name() const override { return "gaps"; }
    std::string synopsis() const override {
        return text::N_(
            "List what the network lacks: cut actors and critical ties with what each would "
            "cut off in service terms, ties between groups with the E–I index, actors of one "
            "group that do not reach another, offices offering the same service in the same "
            "area without a relation, and violations of expected-tie rules.");
    }
    std::string usage() const override { return "stakemap gaps MAP [options]"; }
    std::string example() const override {
        return "stakemap gaps examples/roma-municipio-ii/map.json --format table --lang it";
    }

    int run() override { return publish(report::gaps_document(*open_map(), settings_)); }

protected:
    void add_options(boost::program_options::options_description& options) override {
        namespace po = boost::program_options;
        const text::Words& words = words_;
        options.add_options()(
            "group", po::value(&settings_.group)->default_value("sector"),
            words("grouping for the mixing matrix: kind, sector, level, area or an attribute")
                .c_str())("from", po::value(&settings_.from.text)->default_value("community"),
                          words("actors that should reach --to: sectors or kinds, comma-separated "
                                "(sector:ID, kind:ID, level:ID)")
                              .c_str())("to",
                                        po::value(&settings_.to.text)->default_value("institution"),
                                        words("actors to be reached, written like --from").c_str())(
            "within", po::value(&settings_.within)->default_value(2),
            words("steps allowed to reach --to").c_str())(
            "rules", po::value(&settings_.rules)->default_value("default"),
            words("expected-tie rules: a rules file, default (data/rules/default.json) or none")
                .c_str())("top", po::value(&settings_.top)->default_value(10),
                          words("cut actors and critical ties described in sentences").c_str());
    }

    bool takes_what_if() const override { return true; }

    void check_options() override {
        settings_.from.given = !values_["from"].defaulted();
        settings_.to.given = !values_["to"].defaulted();
    }

private:
    report::GapsSettings settings_;
};

} // namespace

std::unique_ptr<Command> make_gaps_command() {
    return std::make_unique<GapsCommand>();
}

} // namespace stakemap::cli
