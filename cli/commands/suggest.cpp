// stakemap suggest MAP: missing links, ranked by link-prediction scores and chosen greedily for a
// goal, each with the gain it measurably brings.

#include "stakemap/analysis/suggest.hpp"
#include "../command.hpp"
#include "stakemap/analysis/gaps.hpp"
#include "stakemap/io/vocabulary.hpp"
#include "stakemap/report/envelope.hpp"
#include "stakemap/report/suggest_report.hpp"

namespace stakemap::cli {

namespace {

class SuggestCommand : public Command {
public:
    std::string name() const override { return "suggest"; }
    std::string synopsis() const override {
        return "Propose missing links. With --goal, pick --k new relations greedily, each the one "
               "that most improves the goal (reach: fewer --from actors without a --to actor "
               "within --within steps; connect: fewer actors outside the main component; "
               "resilience: fewer cut actors; coverage: a lower people-weighted coverage gap), "
               "with its measured gain and a sentence. Also ranks unlinked pairs by "
               "link-prediction scores (common neighbours, Jaccard, Adamic–Adar, resource "
               "allocation, as NetworkX computes them).";
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
        report::SuggestReport result;
        result.map = &map;
        result.within = within_;
        result.from_label = from_;
        result.to_label = to_;
        result.score = score_;
        if (goal_ != "none") {
            analysis::SuggestOptions options;
            options.goal = *analysis::goal_from_id(goal_);
            options.k = k_;
            options.within = within_;
            options.coverage.within = within_; // goal coverage: reach of services, same meaning
            options.candidates =
                candidates_ == "any" ? analysis::Candidates::any : analysis::Candidates::plausible;
            options.build = common_.build_options();
            try {
                options.from = analysis::parse_selector(from_, vocabulary);
                options.to = analysis::parse_selector(to_, vocabulary);
            } catch (const std::invalid_argument& error) {
                throw UsageError(std::string("--from/--to: ") + error.what());
            }
            result.goal = analysis::suggest(map, vocabulary, options);
        }
        try {
            result.predicted = report::rank_links(
                analysis::link_prediction(graph::build(map, common_.build_options())), score_,
                top_);
        } catch (const std::invalid_argument& error) {
            throw UsageError(std::string("--score: ") + error.what());
        }
        const model::Language language = common_.language();
        const bool it = language == model::Language::it;
        std::string title = map.title.empty() ? common_.map_path : map.title;
        if (what_if_) {
            title += "\n" + what_if_text(language);
        }
        const std::string goal_line =
            result.goal
                ? (it ? "Obiettivo " : "Goal ") + goal_ + ": " +
                      report::format_number(result.goal->objective_before, 6) + " → " +
                      report::format_number(result.goal->objective_after, 6) +
                      (it ? " con " : " with ") + std::to_string(result.goal->links.size()) +
                      (it ? " nuovi legami" : " new links")
                : "";
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
        case Format::csv:
            emit(report::render_csv(result.goal ? report::suggestions_table(result, language)
                                                : report::prediction_table(result, language)));
            break;
        case Format::md: {
            std::string out = "## " + title + "\n\n";
            if (result.goal) {
                out += goal_line + "\n\n";
                for (const auto& sentence : report::suggestion_sentences(result, language)) {
                    out += "- " + sentence + "\n";
                }
                out += "\n";
            }
            out += std::string(it ? "### Coppie non collegate, per " : "### Unlinked pairs by ") +
                   score_ + "\n\n" +
                   report::render_markdown(report::prediction_table(result, language));
            emit(out);
            break;
        }
        case Format::table: {
            std::string out = title + "\n\n";
            if (result.goal) {
                out += goal_line + "\n";
                for (const auto& sentence : report::suggestion_sentences(result, language)) {
                    out += "  " + sentence + "\n";
                }
                out += "\n";
            }
            out += std::string(it ? "Coppie non collegate, per " : "Unlinked pairs by ") + score_ +
                   ":\n" + report::render_text(report::prediction_table(result, language));
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
        options.add_options()("goal", po::value(&goal_)->default_value("reach"),
                              "reach, connect, resilience, coverage, or none")(
            "k", po::value(&k_)->default_value(5), "how many links to suggest for the goal")(
            "from", po::value(&from_)->default_value("community"),
            "goal reach: actors that should reach --to (a sector or kind)")(
            "to", po::value(&to_)->default_value("institution"),
            "goal reach: actors to be reached")("within", po::value(&within_)->default_value(2),
                                                "goal reach: steps allowed")(
            "candidates", po::value(&candidates_)->default_value("plausible"),
            "plausible (pairs that share an area) or any")(
            "score", po::value(&score_)->default_value("adamic_adar"),
            "link-prediction ranking: adamic_adar, jaccard, resource_allocation or "
            "common_neighbours")("top", po::value(&top_)->default_value(10),
                                 "link-prediction pairs to list");
    }

    void check_options() override {
        if (goal_ != "none" && !analysis::goal_from_id(goal_)) {
            throw UsageError("--goal must be reach, connect, resilience, coverage or none, not \"" +
                             goal_ + "\"");
        }
        if (candidates_ != "plausible" && candidates_ != "any") {
            throw UsageError("--candidates must be plausible or any");
        }
        if (k_ == 0 || k_ > 1000) {
            throw UsageError("--k must be between 1 and 1000");
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
