// stakemap coverage MAP: services, access points, languages and needs per area.

#include "stakemap/analysis/coverage.hpp"
#include "../command.hpp"
#include "stakemap/io/diagnostics.hpp"
#include "stakemap/io/vocabulary.hpp"
#include "stakemap/report/coverage_report.hpp"
#include "stakemap/report/envelope.hpp"

#include <cmath>
#include <sstream>

namespace stakemap::cli {

namespace {

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ',')) {
        if (!item.empty()) {
            out.push_back(item);
        }
    }
    return out;
}

class CoverageCommand : public Command {
public:
    std::string name() const override { return "coverage"; }
    std::string synopsis() const override {
        return "For each area: the services its residents can use, needs left without a "
               "service, access points against a target, the languages of foreign residents "
               "spoken where they walk in, supply against demand, and whether the area's "
               "communities reach each service through the network. Areas are ranked by gap "
               "weighted by foreign residents; --matrix prints the areas × services matrix.";
    }
    std::string usage() const override { return "stakemap coverage MAP [options]"; }
    std::string example() const override {
        return "stakemap coverage examples/prato/map.json --format table --lang it";
    }

    int run() override {
        const model::Map original = load_map();
        std::optional<model::Map> storage;
        const model::Map& map = with_what_if(original, storage);
        const graph::AnalysisGraph graph = graph::build(map, common_.build_options());
        const auto vocabulary = io::default_vocabulary().merged_with(map);

        analysis::CoverageOptions options;
        options.access_target = access_target_;
        options.within = within_;
        options.weights = weights_;
        options.services = split_list(service_);
        check_references(map, vocabulary, options.services);

        report::CoverageReport result;
        result.map = &map;
        result.vocabulary = &vocabulary;
        try {
            result.coverage = analysis::coverage(map, vocabulary, graph, options);
        } catch (const std::invalid_argument& error) {
            throw UsageError(error.what());
        }
        if (area_.empty()) {
            for (std::size_t a = 0; a < map.areas.size(); ++a) {
                result.shown.push_back(a);
            }
        } else {
            result.shown = report::areas_within(map, area_);
        }

        const model::Language language = common_.language();
        const bool it = language == model::Language::it;
        std::string title = map.title.empty() ? common_.map_path : map.title;
        // What if: each area's score on the map as it is and with the edit.
        nlohmann::ordered_json what_if;
        if (what_if_) {
            const auto before = analysis::coverage(
                original, vocabulary, graph::build(original, common_.build_options()), options);
            what_if = what_if_json();
            what_if["areas"] = report::coverage_score_changes(map, before, result.coverage);
            title += "\n" + what_if_text(language) + " — " +
                     report::coverage_changes_text(map, before, result.coverage, language);
        }
        const std::string settings = (it ? "obiettivo punti di accesso " : "access-point target ") +
                                     std::to_string(access_target_) +
                                     (it ? ", raggiungibilità entro " : ", reach within ") +
                                     std::to_string(within_) + (it ? " passaggi" : " steps");
        switch (common_.format()) {
        case Format::json: {
            auto json_options = common_.to_json();
            json_options["access_target"] = access_target_;
            json_options["within"] = within_;
            json_options["service"] = options.services;
            json_options["area"] =
                area_.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(area_);
            auto results = report::coverage_results(result);
            if (what_if_) {
                results["what_if"] = std::move(what_if);
            }
            emit(report::json_envelope(name(), &map, json_options, results));
            break;
        }
        case Format::csv:
            emit(report::render_csv(matrix_ ? report::coverage_cells_table(result, language)
                                            : report::coverage_ranking_table(result, language)));
            break;
        case Format::md: {
            std::string out = "## " + title + "\n\n" + settings + "\n\n";
            if (!matrix_) {
                out += report::render_markdown(report::coverage_ranking_table(result, language));
                out += "\n";
                for (const auto& paragraph : report::coverage_readings(result, language)) {
                    out += "- " + paragraph + "\n";
                }
                out += "\n";
            }
            out += report::render_markdown(report::coverage_matrix_table(result, language));
            out += "\n";
            for (const auto& line : report::coverage_matrix_legend(language)) {
                out += "- " + line + "\n";
            }
            emit(out);
            break;
        }
        case Format::table: {
            std::string out = title + "\n" + settings + "\n\n";
            if (!matrix_) {
                out += report::render_text(report::coverage_ranking_table(result, language));
                out += "\n";
                for (const auto& paragraph : report::coverage_readings(result, language)) {
                    out += paragraph + "\n\n";
                }
            }
            out += report::render_text(report::coverage_matrix_table(result, language));
            out += "\n";
            for (const auto& line : report::coverage_matrix_legend(language)) {
                out += line + "\n";
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
        options.add_options()("service", po::value(&service_),
                              "only these services (comma-separated ids)")(
            "area", po::value(&area_), "only this area and its sub-areas")(
            "access-target", po::value(&access_target_)->default_value(3),
            "access points wanted in each area")(
            "within", po::value(&within_)->default_value(2),
            "steps within which a community actor reaches a service")(
            "weights", po::value(&weights_text_),
            "score weights (default services=0.4,access=0.2,languages=0.2,supply=0.2); "
            "name only those to change, e.g. --weights supply=0")(
            "matrix", po::bool_switch(&matrix_),
            "print the areas × services matrix only (CSV: one row per area and service)");
    }

    void check_options() override {
        if (!weights_text_.empty()) {
            for (const auto& item : split_list(weights_text_)) {
                const auto equals = item.find('=');
                const std::string key = item.substr(0, equals);
                double* target = key == "services"    ? &weights_.services
                                 : key == "access"    ? &weights_.access
                                 : key == "languages" ? &weights_.languages
                                 : key == "supply"    ? &weights_.supply
                                                      : nullptr;
                if (target == nullptr || equals == std::string::npos) {
                    throw UsageError("--weights: \"" + item +
                                     "\" is not services=, access=, languages= or supply= "
                                     "followed by a number");
                }
                const std::string value = item.substr(equals + 1);
                std::size_t used = 0;
                double number = 0.0;
                try {
                    number = std::stod(value, &used);
                } catch (const std::exception&) {
                    used = 0;
                }
                if (used != value.size() || value.empty() || !std::isfinite(number) ||
                    number < 0.0) {
                    throw UsageError("--weights: " + key + " must be a number ≥ 0, not \"" + value +
                                     "\"");
                }
                *target = number;
            }
            if (weights_.services + weights_.access + weights_.languages + weights_.supply <= 0.0) {
                throw UsageError("--weights: at least one weight must be above 0");
            }
        }
    }

private:
    /// --service and --area must name something the map or the vocabulary knows.
    void check_references(const model::Map& map, const model::Vocabulary& vocabulary,
                          const std::vector<std::string>& services) const {
        std::vector<std::string> known;
        for (const auto& term : vocabulary.services) {
            known.push_back(term.id);
        }
        for (const auto& actor : map.actors) {
            known.insert(known.end(), actor.services.begin(), actor.services.end());
        }
        for (const auto& need : map.needs) {
            known.push_back(need.service);
        }
        for (const auto& service : services) {
            if (std::find(known.begin(), known.end(), service) == known.end()) {
                throw UsageError(io::unknown_name("--service: no service", service, known,
                                                  " in the vocabulary or the map"));
            }
        }
        if (!area_.empty() && !map.area_index(area_)) {
            throw UsageError(io::unknown_name("--area: no area", area_, map.area_ids()));
        }
    }

    std::string service_;
    std::string area_;
    std::size_t access_target_ = 3;
    std::size_t within_ = 2;
    std::string weights_text_;
    analysis::CoverageWeights weights_;
    bool matrix_ = false;
};

} // namespace

std::unique_ptr<Command> make_coverage_command() {
    return std::make_unique<CoverageCommand>();
}

} // namespace stakemap::cli
