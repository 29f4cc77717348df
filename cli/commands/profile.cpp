// stakemap profile MAP ID: everything about one actor.

#include "stakemap/analysis/profile.hpp"
#include "../command.hpp"
#include "stakemap/io/diagnostics.hpp"
#include "stakemap/io/vocabulary.hpp"
#include "stakemap/report/envelope.hpp"
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

    int run() override {
        const model::Map map = load_map();
        const auto index = map.actor_index(extra_);
        if (!index) {
            const text::Words& words = words_;
            std::string message = words("no actor \"{id}\" in this map", {{"id", extra_}});
            const std::string nearest = io::nearest_name(extra_, map.actor_ids());
            if (!nearest.empty()) {
                message += words("; did you mean \"{name}\"?", {{"name", nearest}});
            }
            throw UsageError(message);
        }
        const graph::AnalysisGraph graph = graph::build(map, common_.build_options());
        const auto vocabulary = io::default_vocabulary().merged_with(map);
        const auto result =
            analysis::profile(map, vocabulary, graph, *index, {.control = run_control()});
        const model::Language language = common_.language();
        switch (common_.format()) {
        case Format::json: {
            auto json_options = common_.to_json();
            json_options["actor"] = extra_;
            emit(report::json_envelope(name(), &map, json_options,
                                       report::profile_results(map, result)));
            break;
        }
        case Format::csv:
        case Format::table:
            if (common_.format() == Format::csv) {
                throw UsageError(
                    words_("profile prints json, table or md; CSV has no place for it"));
            }
            emit(report::profile_text(map, vocabulary, graph, result, language, false));
            break;
        case Format::md:
            emit(report::profile_text(map, vocabulary, graph, result, language, true));
            break;
        }
        return exit_ok;
    }

protected:
    std::string extra_argument() const override { return "ID"; }
};

} // namespace

std::unique_ptr<Command> make_profile_command() {
    return std::make_unique<ProfileCommand>();
}

} // namespace stakemap::cli
