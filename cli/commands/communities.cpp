// stakemap communities MAP: groups of actors more tied to each other than to the rest.

#include "../command.hpp"
#include "stakemap/io/vocabulary.hpp"
#include "stakemap/model/grouping.hpp"
#include "stakemap/report/communities_report.hpp"
#include "stakemap/report/envelope.hpp"

#include <cmath>

namespace stakemap::cli {

namespace {

class CommunitiesCommand : public Command {
public:
    std::string name() const override { return "communities"; }
    std::string synopsis() const override {
        return text::N_(
            "Find clusters (network communities): groups of actors more tied to each other than "
            "to the rest (Leiden, Louvain or label propagation on the undirected projection, "
            "weighted). Prints the partition, its modularity, and how the clusters line up with "
            "areas and sectors (a contingency table and normalised mutual information).");
    }
    std::string usage() const override { return "stakemap communities MAP [options]"; }
    std::string example() const override {
        return "stakemap communities examples/prato/map.json --method louvain --seed 7 "
               "--format table";
    }

    int run() override {
        const model::Map map = load_map();
        const graph::AnalysisGraph graph = graph::build(map, common_.build_options());
        report::CommunitiesReport result;
        result.map = &map;
        analysis::CommunityOptions options;
        options.method = method_ == "louvain"  ? analysis::CommunityMethod::louvain
                         : method_ == "leiden" ? analysis::CommunityMethod::leiden
                                               : analysis::CommunityMethod::label_propagation;
        options.seed = seed_;
        options.resolution = resolution_;
        options.control = run_control();
        result.partition = analysis::detect_communities(graph, options);
        const auto vocabulary = io::default_vocabulary().merged_with(map);
        for (const char* by : {"area", "sector"}) {
            result.alignments.emplace_back(
                by, analysis::align(result.partition.community,
                                    *model::group_labels(map, vocabulary, by)));
        }
        const std::string title = map.title.empty() ? common_.map_path : map.title;
        const text::Words& words = words_;
        const std::string summary = words.plural(
            "{n} cluster, modularity {modularity} ({method}, seed {seed})",
            "{n} clusters, modularity {modularity} ({method}, seed {seed})", result.partition.count,
            {{"modularity", words.number(result.partition.modularity, 4)},
             {"method", method_},
             {"seed", std::to_string(seed_)}});
        switch (common_.format()) {
        case Format::json: {
            auto json_options = common_.to_json();
            json_options["method"] = method_;
            json_options["seed"] = seed_;
            json_options["resolution"] = resolution_;
            emit(report::json_envelope(name(), &map, json_options,
                                       report::communities_results(result)));
            break;
        }
        case Format::csv:
            emit_csv(report::communities_results(result)["actors"]);
            break;
        case Format::md: {
            std::string out =
                "## " + title + "\n\n" + summary + "\n\n" +
                report::render_markdown(report::communities_table(result, common_.language()));
            for (const auto& [grouping, contingency] : result.alignments) {
                out += "\n### " +
                       report::alignment_heading(grouping, contingency, common_.language()) +
                       "\n\n" +
                       report::render_markdown(report::alignment_table(
                           map, vocabulary, grouping, contingency, common_.language()));
            }
            emit(out);
            break;
        }
        case Format::table: {
            std::string out =
                title + "\n" + summary + "\n\n" +
                report::render_text(report::communities_table(result, common_.language()));
            for (const auto& [grouping, contingency] : result.alignments) {
                out += "\n" + report::alignment_heading(grouping, contingency, common_.language()) +
                       "\n" +
                       report::render_text(report::alignment_table(
                           map, vocabulary, grouping, contingency, common_.language()));
            }
            emit(out);
            break;
        }
        }
        return exit_ok;
    }

protected:
    void add_options(boost::program_options::options_description& options) override {
        namespace po = boost::program_options;
        const text::Words& words = words_;
        options.add_options()("method", po::value(&method_)->default_value("leiden"),
                              words("leiden, louvain or labelprop").c_str())(
            "seed", po::value(&seed_)->default_value(1),
            words("random seed: the same seed gives the same partition").c_str())(
            "resolution", po::value(&resolution_)->default_value(1.0),
            words("γ ≥ 0; larger values give more, smaller clusters").c_str());
    }
    void check_options() override {
        const text::Words& words = words_;
        if (method_ != "leiden" && method_ != "louvain" && method_ != "labelprop") {
            throw UsageError(words("--method must be leiden, louvain or labelprop, not \"{value}\"",
                                   {{"value", method_}}));
        }
        if (!(resolution_ >= 0.0) || !std::isfinite(resolution_)) {
            throw UsageError(words("--resolution must be a finite number ≥ 0"));
        }
    }

private:
    std::string method_;
    std::uint64_t seed_ = 1;
    double resolution_ = 1.0;
};

} // namespace

std::unique_ptr<Command> make_communities_command() {
    return std::make_unique<CommunitiesCommand>();
}

} // namespace stakemap::cli
