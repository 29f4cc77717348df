// stakemap communities MAP: groups of actors more tied to each other than to the rest.

#include "../command.hpp"
#include "stakemap/report/communities_report.hpp"

#include <algorithm>
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

    int run() override { return publish(report::communities_document(*open_map(), options_)); }

protected:
    void add_options(boost::program_options::options_description& options) override {
        namespace po = boost::program_options;
        const text::Words& words = words_;
        options.add_options()("method", po::value(&method_)->default_value("leiden"),
                              words("leiden, louvain or labelprop").c_str())(
            "seed", po::value(&options_.seed)->default_value(1),
            words("random seed: the same seed gives the same partition").c_str())(
            "resolution", po::value(&options_.resolution)->default_value(1.0),
            words("γ ≥ 0; larger values give more, smaller clusters").c_str());
    }
    void check_options() override {
        const text::Words& words = words_;
        const auto method = value_in(report::community_method_names, method_);
        if (!method) {
            throw UsageError(words("--method must be leiden, louvain or labelprop, not \"{value}\"",
                                   {{"value", method_}}));
        }
        options_.method = *method;
        if (!(options_.resolution >= 0.0) || !std::isfinite(options_.resolution)) {
            throw UsageError(words("--resolution must be a finite number ≥ 0"));
        }
    }

private:
    std::string method_;
    analysis::CommunityOptions options_;
};

} // namespace

std::unique_ptr<Command> make_communities_command() {
    return std::make_unique<CommunitiesCommand>();
}

} // namespace stakemap::cli
