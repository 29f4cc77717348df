// stakemap suggest MAP: missing links, ranked by link-prediction scores and chosen greedily for a
// goal, each with the gain it measurably brings.

#include "stakemap/analysis/suggest.hpp"
#include "../command.hpp"
#include "stakemap/analysis/gaps.hpp"
#include "stakemap/io/diagnostics.hpp"
#include "stakemap/io/vocabulary.hpp"
#include "stakemap/report/envelope.hpp"
#include "stakemap/report/gaps_report.hpp"
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

    int run() override {
        const model::Map original = load_map();
        std::optional<model::Map> storage;
        const model::Map& map = with_what_if(original, storage);
        const auto vocabulary = io::default_vocabulary().merged_with(map);
        const model::Language language = common_.language();
        const auto selector = [&](const char* option, const std::string& text) {
            return selector_option(option, text, vocabulary, map);
        };
        report::SuggestReport result;
        result.map = &map;
        result.vocabulary = &vocabulary;
        result.within = within_;
        result.from_label = from_;
        result.to_label = to_;
        result.from = selector("from", from_);
        result.to = selector("to", to_);
        result.score = score_;
        result.candidates =
            candidates_ == "any" ? analysis::Candidates::any : analysis::Candidates::plausible;
        if (goal_ != "none") {
            analysis::SuggestOptions options;
            options.goal = *analysis::goal_from_id(goal_);
            options.k = k_;
            options.within = within_;
            options.coverage.within = within_; // goal coverage: reach of services, same meaning
            options.candidates = result.candidates;
            options.build = common_.build_options();
            options.control = run_control();
            options.from = result.from;
            options.to = result.to;
            result.goal = analysis::suggest(map, vocabulary, options);
            if (result.goal->links.empty()) {
                result.goals_that_gain = analysis::goals_that_gain(map, vocabulary, options);
            }
        }
        result.predicted = report::rank_links(
            analysis::link_prediction(graph::build(map, common_.build_options()), run_control()),
            score_, top_);
        std::string title = map.title.empty() ? common_.map_path : map.title;
        if (what_if_) {
            title += "\n" + what_if_text(language);
        }
        switch (common_.format()) {
        case Format::json: {
            auto json_options = common_.to_json();
            json_options["goal"] = goal_;
            json_options["k"] = k_;
            json_options["from"] = from_;
            json_options["to"] = to_;
            json_options["within"] = within_;
            json_options["candidates"] = candidates_;
            json_options["score"] = score_;
            json_options["top"] = top_;
            auto results = report::suggest_results(result);
            if (what_if_) {
                results["what_if"] = what_if_json();
            }
            emit(report::json_envelope(name(), &map, json_options, results));
            break;
        }
        case Format::csv: {
            // The goal's links, or the link-prediction ranking when no goal was asked.
            const auto results = report::suggest_results(result);
            emit_csv(result.goal ? results["goal"]["links"] : results["link_prediction"]["pairs"]);
            break;
        }
        case Format::md:
        case Format::table: {
            const bool markdown = common_.format() == Format::md;
            std::string out = (markdown ? "## " : "") + title + "\n\n";
            if (result.goal) {
                out += report::goal_summary(result, language) + "\n" + (markdown ? "\n" : "");
                for (const auto& sentence : report::suggestion_sentences(result, language)) {
                    out += (markdown ? "- " : "  ") + sentence + "\n";
                }
                out += "\n";
            }
            const std::string heading = report::prediction_heading(result, language);
            out += markdown ? "### " + heading + "\n\n" : heading + ":\n";
            if (!result.predicted.empty()) {
                const auto table = report::prediction_table(result, language, true);
                out += markdown ? report::render_markdown(table) : report::render_text(table);
            }
            emit(out);
            break;
        }
        }
        return exit_ok;
    }

protected:
    bool takes_what_if() const override { return true; }

    void add_options(boost::program_options::options_description& options) override {
        namespace po = boost::program_options;
        const text::Words& words = words_;
        options.add_options()("goal", po::value(&goal_)->default_value("reach"),
                              words("reach, connect, resilience, coverage, or none").c_str())(
            "k", po::value(&k_)->default_value(5),
            words("how many links to suggest for the goal").c_str())(
            "from", po::value(&from_)->default_value("community"),
            words("goal reach: actors that should reach --to (sectors or kinds, comma-separated)")
                .c_str())("to", po::value(&to_)->default_value("institution"),
                          words("goal reach: actors to be reached").c_str())(
            "within", po::value(&within_)->default_value(2),
            words("goal reach: steps allowed").c_str())(
            "candidates", po::value(&candidates_)->default_value("plausible"),
            words("plausible (pairs that share an area) or any").c_str())(
            "score", po::value(&score_)->default_value("adamic_adar"),
            words("link-prediction ranking: adamic_adar, jaccard, resource_allocation or "
                  "common_neighbours")
                .c_str())("top", po::value(&top_)->default_value(10),
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
        if (candidates_ != "plausible" && candidates_ != "any") {
            std::string message = words("--candidates must be plausible or any, not \"{value}\"",
                                        {{"value", candidates_}});
            const std::string nearest = io::nearest_name(candidates_, {"plausible", "any"});
            if (!nearest.empty()) {
                message += words("; did you mean \"{name}\"?", {{"name", nearest}});
            }
            throw UsageError(message);
        }
        const auto& scores = report::score_names();
        if (std::find(scores.begin(), scores.end(), score_) == scores.end()) {
            std::string message =
                words("--score must be adamic_adar, jaccard, resource_allocation or "
                      "common_neighbours, not \"{value}\"",
                      {{"value", score_}});
            const std::string nearest = io::nearest_name(score_, scores);
            if (!nearest.empty()) {
                message += words("; did you mean \"{name}\"?", {{"name", nearest}});
            }
            throw UsageError(message);
        }
        if (k_ == 0 || k_ > 1000) {
            throw UsageError(words("--k must be between 1 and 1000"));
        }
    }

private:
    std::string goal_;
    std::size_t k_ = 5;
    std::string from_;
    std::string to_;
    std::size_t within_ = 2;
    std::string candidates_;
    std::string score_;
    std::size_t top_ = 10;
};

} // namespace

std::unique_ptr<Command> make_suggest_command() {
    return std::make_unique<SuggestCommand>();
}

} // namespace stakemap::cli
