// stakemap suggest MAP: missing links, ranked by link-prediction scores and chosen greedily for a
// goal, each with the gain it measurably brings.

#include "stakemap/analysis/suggest.hpp"
#include "../command.hpp"
#include "stakemap/io/diagnostics.hpp"
#include "stakemap/report/suggest_report.hpp"

#include <algorithm>

namespace stakemap::cli {

namespace {

class SuggestCommand : public Command {
public:
    std::string name() const override { return "suggest"; }
    std::string synopsis() const override {
        return text::N_(
            "Propose missing links. With --goal, pick --k new relations greedily, each the one "
            "that most improves the goal (reach: fewer --from actors without a --to actor "
            "within --within steps; connect: fewer actors outside the main component; "
            "resilience: fewer cut actors; coverage: a lower people-weighted coverage gap), "
            "with its measured gain and a sentence. Also ranks unlinked pairs by "
            "link-prediction scores (common neighbours, Jaccard, Adamic–Adar, resource "
            "allocation, as NetworkX computes them).");
    }
    std::string usage() const override { return "stakemap suggest MAP [options]"; }
    std::string example() const override {
        return "stakemap suggest examples/roma-municipio-ii/map.json --goal reach --k 5 --format "
               "table";
    }

    int run() override { return publish(report::suggest_document(*open_map(), settings_)); }

protected:
    bool takes_what_if() const override { return true; }

    void add_options(boost::program_options::options_description& options) override {
        namespace po = boost::program_options;
        const text::Words& words = words_;
        options.add_options()("goal", po::value(&goal_)->default_value("reach"),
                              words("reach, connect, resilience, coverage, or none").c_str())(
            "k", po::value(&settings_.k)->default_value(5),
            words("how many links to suggest for the goal").c_str())(
            "from", po::value(&settings_.from.text)->default_value("community"),
            words("goal reach: actors that should reach --to (sectors or kinds, comma-separated)")
                .c_str())("to", po::value(&settings_.to.text)->default_value("institution"),
                          words("goal reach: actors to be reached").c_str())(
            "within", po::value(&settings_.within)->default_value(2),
            words("goal reach: steps allowed").c_str())(
            "candidates", po::value(&candidates_)->default_value("plausible"),
            words("plausible (pairs that share an area) or any").c_str())(
            "score", po::value(&settings_.score)->default_value("adamic_adar"),
            words("link-prediction ranking: adamic_adar, jaccard, resource_allocation or "
                  "common_neighbours")
                .c_str())("top", po::value(&settings_.top)->default_value(10),
                          words("link-prediction pairs to list").c_str());
    }

    void check_options() override {
        const text::Words& words = words_;
        if (goal_ != "none" && !analysis::goal_from_id(goal_)) {
            std::vector<std::string> goals;
            for (analysis::Goal goal : analysis::all_goals()) {
                goals.emplace_back(analysis::goal_id(goal));
            }
            goals.emplace_back("none");
            std::string message = words(
                "--goal must be reach, connect, resilience, coverage or none, not \"{value}\"",
                {{"value", goal_}});
            const std::string nearest = io::nearest_name(goal_, goals);
            if (!nearest.empty()) {
                message += words("; did you mean \"{name}\"?", {{"name", nearest}});
            }
            throw UsageError(message);
        }
        settings_.from.given = !values_["from"].defaulted();
        settings_.to.given = !values_["to"].defaulted();
        settings_.goal = analysis::goal_from_id(goal_);
        const auto candidates = value_in(report::candidates_names, candidates_);
        settings_.candidates = candidates.value_or(analysis::Candidates::plausible);
        if (!candidates) {
            std::string message = words("--candidates must be plausible or any, not \"{value}\"",
                                        {{"value", candidates_}});
            const std::string nearest =
                io::nearest_name(candidates_, names_in(report::candidates_names));
            if (!nearest.empty()) {
                message += words("; did you mean \"{name}\"?", {{"name", nearest}});
            }
            throw UsageError(message);
        }
        const auto& scores = report::score_names();
        if (std::find(scores.begin(), scores.end(), settings_.score) == scores.end()) {
            std::string message =
                words("--score must be adamic_adar, jaccard, resource_allocation or "
                      "common_neighbours, not \"{value}\"",
                      {{"value", settings_.score}});
            const std::string nearest = io::nearest_name(settings_.score, scores);
            if (!nearest.empty()) {
                message += words("; did you mean \"{name}\"?", {{"name", nearest}});
            }
            throw UsageError(message);
        }
        if (settings_.k == 0 || settings_.k > 1000) {
            throw UsageError(words("--k must be between 1 and 1000"));
        }
    }

private:
    std::string goal_;
    std::string candidates_;
    report::SuggestSettings settings_;
};

} // namespace

std::unique_ptr<Command> make_suggest_command() {
    return std::make_unique<SuggestCommand>();
}

} // namespace stakemap::cli
