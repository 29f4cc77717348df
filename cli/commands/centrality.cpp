// stakemap centrality MAP: per-actor measures and brokerage roles.

#include "stakemap/analysis/centrality.hpp"
#include "../command.hpp"
#include "stakemap/io/vocabulary.hpp"
#include "stakemap/report/centrality_report.hpp"

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

    int run() override { return publish(report::centrality_document(*open_map(), settings_)); }

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
            "by", po::value(&settings_.by),
            words("grouping for brokerage roles: kind, sector, level, area or an attribute name")
                .c_str())(
            "top", po::value(&settings_.top)->default_value(0),
            words("show only the N actors ranked highest (by betweenness when computed)").c_str())(
            "normalized", po::bool_switch(&settings_.normalized),
            words("rescale degree, partners, harmonic, strength and coreness into [0, 1]").c_str())(
            "approx", po::value(&settings_.approx)->default_value(0.0),
            words("estimate betweenness by sampling, within EPS of the exact value (e.g. 0.01)")
                .c_str())(
            "confidence", po::value(&settings_.confidence)->default_value(0.9, "0.9"),
            words("with --approx: probability that every estimate is within EPS").c_str())(
            "seed", po::value(&settings_.seed)->default_value(1),
            words("with --approx: random seed (same seed, same estimate)").c_str())(
            "approx-method", po::value(&approx_method_)->default_value("kadabra"),
            words("with --approx: kadabra (stops as soon as the bound is proven) or rk (a fixed "
                  "number of samples)")
                .c_str());
    }

    void check_options() override {
        const text::Words& words = words_;
        if (settings_.approx != 0.0 && !(settings_.approx > 0.0 && settings_.approx < 1.0)) {
            throw UsageError(words("--approx must be between 0 and 1, e.g. 0.01"));
        }
        if (!(settings_.confidence > 0.0 && settings_.confidence < 1.0)) {
            throw UsageError(words("--confidence must be between 0 and 1, e.g. 0.9"));
        }
        if (approx_method_ == "kadabra") {
            settings_.approx_method = analysis::ApproximateMethod::kadabra;
        } else if (approx_method_ == "rk") {
            settings_.approx_method = analysis::ApproximateMethod::rk;
        } else {
            throw UsageError(words("--approx-method is kadabra or rk"));
        }
        if (measures_text_ == "all") {
            settings_.edges = true;
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
                settings_.edges = true;
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
            settings_.measures.push_back(*measure);
        }
        if (settings_.measures.empty() && !settings_.edges) {
            throw UsageError(words("--measures: give at least one measure, or all"));
        }
        if (settings_.measures.empty()) {
            settings_.measures.push_back(
                analysis::Measure::betweenness); // the ties' scores need a ranking
        }
    }

private:
    std::string measures_text_;
    std::string approx_method_;
    report::CentralitySettings settings_;
};

} // namespace

std::unique_ptr<Command> make_centrality_command() {
    return std::make_unique<CentralityCommand>();
}

} // namespace stakemap::cli
