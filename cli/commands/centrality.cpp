// stakemap centrality MAP: per-actor measures and brokerage roles.

#include "stakemap/analysis/centrality.hpp"
#include "../command.hpp"
#include "stakemap/analysis/approximate.hpp"
#include "stakemap/io/vocabulary.hpp"
#include "stakemap/model/grouping.hpp"
#include "stakemap/report/centrality_report.hpp"
#include "stakemap/report/envelope.hpp"
#include "stakemap/report/stats_report.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace stakemap::cli {

namespace {

class CentralityCommand : public Command {
public:
    std::string name() const override { return "centrality"; }
    std::string synopsis() const override {
        return text::N_(
            "Per-actor measures: degree, partners, strength, betweenness, closeness, harmonic, "
            "eigenvector, PageRank, coreness, Burt's constraint and effective size, clustering. "
            "With --by GROUP, the Gould–Fernandez brokerage roles of each actor between the "
            "groups (coordinator, gatekeeper, representative, consultant, liaison).");
    }
    std::string usage() const override { return "stakemap centrality MAP [options]"; }
    std::string example() const override {
        return "stakemap centrality examples/roma-municipio-ii/map.json --by sector --top 10 "
               "--format table";
    }

    int run() override {
        const model::Map original = load_map();
        std::optional<model::Map> storage;
        const model::Map& map = with_what_if(original, storage);
        const graph::AnalysisGraph graph = graph::build(map, common_.build_options());
        report::CentralityReport result;
        result.map = &map;
        result.graph = &graph;
        analysis::CentralityOptions options;
        options.measures = measures_;
        options.threads = common_.threads;
        options.normalized = normalized_;
        options.control = run_control();
        const bool wants_betweenness =
            measures_.empty() || std::find(measures_.begin(), measures_.end(),
                                           analysis::Measure::betweenness) != measures_.end();
        std::optional<analysis::ApproximateBetweenness> approximate;
        if (approx_ > 0.0 && wants_betweenness) {
            // Sampled betweenness replaces the exact one; the other measures stay exact.
            options.measures = measures_.empty() ? analysis::all_measures() : measures_;
            std::erase(options.measures, analysis::Measure::betweenness);
            approximate = analysis::approximate_betweenness(graph, {.epsilon = approx_,
                                                                    .confidence = confidence_,
                                                                    .seed = seed_,
                                                                    .threads = common_.threads,
                                                                    .control = run_control()});
        }
        if (edges_ && !approximate) {
            options.edge_betweenness = &result.edge_betweenness;
            if (!measures_.empty() &&
                std::find(measures_.begin(), measures_.end(), analysis::Measure::betweenness) ==
                    measures_.end()) {
                // Without the actors' betweenness, the ties' scores need a pass of their own.
                result.edge_betweenness =
                    analysis::edge_betweenness(graph, common_.threads, run_control());
            }
        }
        result.columns = options.measures.empty() && approximate
                             ? std::vector<analysis::MeasureColumn>{}
                             : analysis::centrality(graph, options);
        if (approximate) {
            const auto after =
                std::find_if(result.columns.begin(), result.columns.end(), [](const auto& column) {
                    return column.measure > analysis::Measure::betweenness;
                });
            result.columns.insert(after, {analysis::Measure::betweenness, approximate->values});
        }
        if (!by_.empty()) {
            const auto vocabulary = io::default_vocabulary().merged_with(map);
            auto labels = model::group_labels(map, vocabulary, by_);
            if (!labels) {
                std::string known;
                for (const auto& name : model::available_groupings(map)) {
                    known += (known.empty() ? "" : ", ") + name;
                }
                throw UsageError(
                    words()("--by {value}: no such grouping in this map; use one of {known}",
                            {{"value", by_}, {"known", known}}));
            }
            result.grouping = by_;
            result.groups = *labels;
            for (const auto& value : *labels) {
                result.group_names.push_back(
                    report::group_value_label(map, vocabulary, by_, value, words()));
            }
            result.brokerage = analysis::brokerage(graph, result.groups, run_control());
        }
        const auto* ranking = &result.columns.front().values;
        result.ranking = result.columns.front().measure;
        for (const auto& c : result.columns) {
            if (c.measure == analysis::Measure::betweenness) {
                ranking = &c.values;
                result.ranking = c.measure;
            }
        }
        result.shown = report::rank_actors(*ranking, top_);

        std::string title = map.title.empty() ? common_.map_path : map.title;
        // What if: the ranking measure on the map as it is, for the actors present in both.
        nlohmann::ordered_json what_if;
        if (what_if_) {
            analysis::CentralityOptions before_options = options;
            before_options.measures = {*result.ranking};
            before_options.edge_betweenness = nullptr;
            const auto before = analysis::centrality(
                graph::build(original, common_.build_options()), before_options);
            what_if = what_if_json();
            what_if["measure"] = analysis::measure_key(*result.ranking);
            what_if.update(report::measure_changes(original, before.front().values, map, *ranking));
            title += "\n" + what_if_text(common_.language()) + " — " +
                     report::measure_changes_text(original, before.front().values, map, *ranking,
                                                  *result.ranking, common_.language());
        }
        switch (common_.format()) {
        case Format::json: {
            auto json_options = common_.to_json();
            json_options["measures"] = nlohmann::ordered_json::array();
            for (const auto& c : result.columns) {
                json_options["measures"].push_back(analysis::measure_key(c.measure));
            }
            json_options["by"] =
                by_.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(by_);
            json_options["top"] = top_;
            json_options["normalized"] = normalized_;
            if (approximate) {
                json_options["approx"] = approx_;
                json_options["confidence"] = confidence_;
                json_options["seed"] = seed_;
            }
            auto results = report::centrality_results(result);
            if (what_if_) {
                results["what_if"] = std::move(what_if);
            }
            if (approximate) {
                results["approximation"] = {
                    {"measure", "betweenness"},
                    {"method", "Riondato-Kornaropoulos shortest-path sampling"},
                    {"epsilon", approx_},
                    {"confidence", confidence_},
                    {"samples", approximate->samples},
                    {"vertex_diameter_bound", approximate->vertex_diameter},
                    {"error_bound", approximate->error_bound},
                    {"guarantee", "with probability at least the confidence, every actor's "
                                  "betweenness is within error_bound of the exact value"}};
            }
            emit(report::json_envelope(name(), &map, json_options, results));
            break;
        }
        case Format::csv:
            emit_csv(report::centrality_results(result)["actors"]);
            break;
        case Format::md: {
            std::string out = "## " + title + "\n\n";
            for (const auto& line : report::centrality_readings(result, common_.language())) {
                out += "- " + line + "\n";
            }
            out += "\n" +
                   report::render_markdown(report::centrality_table(result, common_.language()));
            emit(out);
            break;
        }
        case Format::table: {
            std::string out = title + "\n\n";
            for (const auto& line : report::centrality_readings(result, common_.language())) {
                out += "  " + line + "\n";
            }
            out += "\n" + report::render_text(report::centrality_table(result, common_.language()));
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
        options.add_options()(
            "measures", po::value(&measures_text_)->default_value("all"),
            words("all, or a comma-separated list: degree, in_degree, out_degree, neighbours, "
                  "strength, betweenness, closeness, harmonic, eigenvector, pagerank, coreness, "
                  "constraint, effective_size, clustering, and edge_betweenness for the ties")
                .c_str())(
            "by", po::value(&by_),
            words("grouping for brokerage roles: kind, sector, level, area or an attribute name")
                .c_str())(
            "top", po::value(&top_)->default_value(0),
            words("show only the N actors ranked highest (by betweenness when computed)").c_str())(
            "normalized", po::bool_switch(&normalized_),
            words("rescale degree, partners, harmonic, strength and coreness into [0, 1]").c_str())(
            "approx", po::value(&approx_)->default_value(0.0),
            words("estimate betweenness by sampling, within EPS of the exact value (e.g. 0.01)")
                .c_str())(
            "confidence", po::value(&confidence_)->default_value(0.9),
            words("with --approx: probability that every estimate is within EPS").c_str())(
            "seed", po::value(&seed_)->default_value(1),
            words("with --approx: random seed (same seed, same estimate)").c_str());
    }

    void check_options() override {
        const text::Words& words = words_;
        if (approx_ != 0.0 && !(approx_ > 0.0 && approx_ < 1.0)) {
            throw UsageError(words("--approx must be between 0 and 1, e.g. 0.01"));
        }
        if (!(confidence_ > 0.0 && confidence_ < 1.0)) {
            throw UsageError(words("--confidence must be between 0 and 1, e.g. 0.9"));
        }
        if (measures_text_ == "all") {
            edges_ = true;
            return;
        }
        std::vector<std::string> keys;
        for (auto measure : analysis::all_measures()) {
            keys.emplace_back(analysis::measure_key(measure));
        }
        std::stringstream stream(measures_text_);
        std::string key;
        while (std::getline(stream, key, ',')) {
            if (key == "edge_betweenness") {
                edges_ = true;
                continue;
            }
            const auto measure = analysis::measure_from_key(key);
            if (!measure) {
                std::string message =
                    words("--measures: unknown measure \"{value}\"", {{"value", key}});
                const std::string suggestion = io::nearest_name(key, keys);
                message += suggestion.empty()
                               ? words("; see --help for the list")
                               : words("; did you mean \"{name}\"?", {{"name", suggestion}});
                throw UsageError(message);
            }
            measures_.push_back(*measure);
        }
        if (measures_.empty() && !edges_) {
            throw UsageError(words("--measures: give at least one measure, or all"));
        }
        if (measures_.empty()) {
            measures_.push_back(analysis::Measure::betweenness); // the ties' scores need a ranking
        }
    }

private:
    std::string measures_text_;
    std::vector<analysis::Measure> measures_;
    std::string by_;
    std::size_t top_ = 0;
    bool normalized_ = false;
    bool edges_ = false; ///< print the betweenness of every tie
    double approx_ = 0.0;
    double confidence_ = 0.9;
    std::uint64_t seed_ = 1;
};

} // namespace

std::unique_ptr<Command> make_centrality_command() {
    return std::make_unique<CentralityCommand>();
}

} // namespace stakemap::cli
