// stakemap coverage MAP: services, access points, languages and needs per area.

#include "../command.hpp"
#include "stakemap/io/diagnostics.hpp"
#include "stakemap/model/split.hpp"
#include "stakemap/report/coverage_report.hpp"

#include <cmath>

namespace stakemap::cli {

namespace {

class CoverageCommand : public Command {
public:
    std::string name() const override { return "coverage"; }
    std::string synopsis() const override {
        return text::N_("For each area: the services its residents can use, needs left without a "
                        "service, access points against a target, the languages of foreign "
                        "residents spoken where they walk in and by the providers of each need, "
                        "supply against demand, and whether the area's community actors reach "
                        "each service through the network. Areas are ranked by priority: the "
                        "score's gap times foreign residents; --matrix prints the areas × "
                        "services matrix.");
    }
    std::string usage() const override { return "stakemap coverage MAP [options]"; }
    std::string example() const override {
        return "stakemap coverage examples/prato/map.json --format table --lang it";
    }

    int run() override { return publish(report::coverage_document(*open_map(), settings_)); }

protected:
    bool takes_what_if() const override { return true; }

    void add_options(boost::program_options::options_description& options) override {
        namespace po = boost::program_options;
        const text::Words& words = this->words();
        options.add_options()("service", po::value(&service_),
                              words("only these services (comma-separated ids)").c_str())(
            "area", po::value(&settings_.area), words("only this area and its sub-areas").c_str())(
            "access-target", po::value(&settings_.options.access_target)->default_value(3),
            words("access points wanted in each area").c_str())(
            "within", po::value(&settings_.options.within)->default_value(2),
            words("steps within which a community actor reaches a service").c_str())(
            "weights", po::value(&weights_text_),
            words("score weights (default services=0.25, reach=0.15, access=0.15, "
                  "languages=0.15, need_languages=0.15, supply=0.15); name only those to "
                  "change, e.g. --weights supply=0")
                .c_str())("matrix", po::bool_switch(&settings_.matrix),
                          words("print the areas × services matrix only (CSV: one row per area "
                                "and service)")
                              .c_str());
    }

    void check_options() override {
        const text::Words& words = this->words();
        settings_.options.services = model::split_list(service_);
        if (weights_text_.empty()) {
            return;
        }
        std::string names;
        for (analysis::ScorePart part : analysis::score_parts) {
            names += (names.empty() ? "" : ", ") + std::string(analysis::part_id(part)) + "=";
        }
        for (const auto& item : model::split_list(weights_text_)) {
            const auto equals = item.find('=');
            const std::string key = item.substr(0, equals);
            const auto part = analysis::part_from_id(key);
            if (!part || equals == std::string::npos) {
                std::vector<std::string> ids;
                for (analysis::ScorePart known : analysis::score_parts) {
                    ids.emplace_back(analysis::part_id(known));
                }
                const std::string nearest = part ? "" : io::nearest_name(key, ids);
                throw UsageError(
                    nearest.empty()
                        ? words("--weights: \"{item}\" is not one of {names} followed by a number",
                                {{"item", item}, {"names", names}})
                        : words("--weights: \"{item}\" is not one of {names} followed by a "
                                "number; did you mean \"{nearest}=\"?",
                                {{"item", item}, {"names", names}, {"nearest", nearest}}));
            }
            const std::string value = item.substr(equals + 1);
            std::size_t used = 0;
            double number = 0.0;
            try {
                number = std::stod(value, &used);
            } catch (const std::exception&) {
                used = 0;
            }
            if (used != value.size() || value.empty() || !std::isfinite(number) || number < 0.0) {
                throw UsageError(words("--weights: {part} must be a number ≥ 0, not \"{value}\"",
                                       {{"part", key}, {"value", value}}));
            }
            settings_.options.weights[*part] = number;
        }
        double sum = 0.0;
        for (analysis::ScorePart part : analysis::score_parts) {
            sum += settings_.options.weights[part];
        }
        if (sum <= 0.0) {
            throw UsageError(words("--weights: at least one weight must be above 0"));
        }
    }

private:
    std::string service_;
    std::string weights_text_;
    report::CoverageSettings settings_;
};

} // namespace

std::unique_ptr<Command> make_coverage_command() {
    return std::make_unique<CoverageCommand>();
}

} // namespace stakemap::cli
