// stakemap profile MAP ID: everything about one actor.

#include "../command.hpp"
#include "stakemap/report/profile_report.hpp"

namespace stakemap::cli {

namespace {

class ProfileCommand : public Command {
public:
    std::string name() const override { return "profile"; }
    std::string synopsis() const override {
        return text::N_(
            "Everything about one actor: every measure with its rank on the map, brokerage "
            "roles between sectors, power–interest quadrant, Mitchell–Agle–Wood salience "
            "class, ego network, and what the network would lose without it.");
    }
    std::string usage() const override { return "stakemap profile MAP ID [options]"; }
    std::string example() const override {
        return "stakemap profile examples/prato/map.json animatore-macrolotto --format table "
               "--lang it";
    }

    int run() override { return publish(report::profile_document(*open_map(), extra_)); }

protected:
    std::string extra_argument() const override { return "ID"; }
};

} // namespace

std::unique_ptr<Command> make_profile_command() {
    return std::make_unique<ProfileCommand>();
}

} // namespace stakemap::cli
