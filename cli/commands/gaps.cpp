// stakemap gaps MAP: single points of failure, group mixing, unreached actors, overlapping offices
// and expected-tie rules.

#include "stakemap/analysis/gaps.hpp"
#include "../command.hpp"
#include "stakemap/io/diagnostics.hpp"
#include "stakemap/io/rules_reader.hpp"
#include "stakemap/io/vocabulary.hpp"
#include "stakemap/model/grouping.hpp"
#include "stakemap/report/envelope.hpp"
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

    int run() override {
        const model::Map original = load_map();
        std::optional<model::Map> storage;
        const model::Map& map = with_what_if(original, storage);
        const graph::AnalysisGraph graph = graph::build(map, common_.build_options());
        const auto vocabulary = io::default_vocabulary().merged_with(map);
        const model::Language language = common_.language();
        analysis::GapsOptions options;
        options.group = group_;
        options.within = within_;
        options.control = run_control();
        if (!model::group_labels(map, vocabulary, group_)) {
            const text::Words& words = words_;
            const auto available = model::available_groupings(map);
            std::string message =
                words("--group: no grouping \"{name}\" in this map; use {groupings}",
                      {{"name", group_}, {"groupings", words.list_and(available)}});
            const std::string nearest = io::nearest_name(group_, available);
            if (!nearest.empty()) {
                message += words("; did you mean \"{name}\"?", {{"name", nearest}});
            }
            throw UsageError(message);
        }
        const auto selector = [&](const char* option, const std::string& text) {
            return selector_option(option, text, vocabulary, map);
        };
        options.from = selector("from", from_);
        options.to = selector("to", to_);
        model::RuleSet rules;
        if (rules_path_ == "default") {
            rules = io::default_rules();
        } else if (rules_path_ != "none") {
            rules = io::load_rules(rules_path_);
        }
        options.rules = rules_path_ == "none" ? nullptr : &rules;

        report::GapsReport result;
        result.map = &map;
        result.vocabulary = &vocabulary;
        result.graph = &graph;
        result.rules = &rules;
        result.from_label = from_;
        result.to_label = to_;
        result.from = options.from;
        result.to = options.to;
        result.within = within_;
        result.top = top_;
        result.gaps = analysis::find_gaps(map, vocabulary, graph, options);
        std::optional<analysis::GapsResult> before;
        if (what_if_) {
            before = analysis::find_gaps(original, vocabulary,
                                         graph::build(original, common_.build_options()), options);
        }
        std::string title = map.title.empty() ? common_.map_path : map.title;
        if (before) {
            title += "\n" + what_if_text(language) + " — " +
                     report::gaps_changes(*before, result.gaps, language);
        }
        switch (common_.format()) {
        case Format::json: {
            auto json_options = common_.to_json();
            json_options["group"] = group_;
            json_options["from"] = from_;
            json_options["to"] = to_;
            json_options["within"] = within_;
            json_options["rules"] = rules_path_;
            auto results = report::gaps_results(result);
            if (before) {
                auto what_if = what_if_json();
                what_if["before"] = report::gaps_summary(*before);
                what_if["after"] = report::gaps_summary(result.gaps);
                results["what_if"] = std::move(what_if);
            }
            emit(report::json_envelope(name(), &map, json_options, results));
            break;
        }
        case Format::csv:
            emit_csv(report::gaps_csv_records(report::gaps_results(result)));
            break;
        case Format::md:
            emit("## " + title + "\n\n" + report::gaps_text(result, language, true));
            break;
        case Format::table:
            emit(title + "\n\n" + report::gaps_text(result, language, false));
            break;
        }
        return exit_ok;
    }

protected:
    void add_options(boost::program_options::options_description& options) override {
        namespace po = boost::program_options;
        const text::Words& words = words_;
        options.add_options()(
            "group", po::value(&group_)->default_value("sector"),
            words("grouping for the mixing matrix: kind, sector, level, area or an attribute")
                .c_str())("from", po::value(&from_)->default_value("community"),
                          words("actors that should reach --to: sectors or kinds, comma-separated "
                                "(sector:ID, kind:ID, level:ID)")
                              .c_str())("to", po::value(&to_)->default_value("institution"),
                                        words("actors to be reached, written like --from").c_str())(
            "within", po::value(&within_)->default_value(2),
            words("steps allowed to reach --to").c_str())(
            "rules", po::value(&rules_path_)->default_value("default"),
            words("expected-tie rules: a rules file, default (data/rules/default.json) or none")
                .c_str())("top", po::value(&top_)->default_value(10),
                          words("cut actors and critical ties described in sentences").c_str());
    }

    bool takes_what_if() const override { return true; }

private:
    std::string group_;
    std::string from_;
    std::string to_;
    std::size_t within_ = 2;
    std::string rules_path_;
    std::size_t top_ = 10;
};

} // namespace

std::unique_ptr<Command> make_gaps_command() {
    return std::make_unique<GapsCommand>();
}

} // namespace stakemap::cli
