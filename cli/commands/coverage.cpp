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
        options.control = run_control();
        check_references(map, vocabulary, options.services);

        report::CoverageReport result;
        result.map = &map;
        result.vocabulary = &vocabulary;
        result.coverage = analysis::coverage(map, vocabulary, graph, options);
        if (area_.empty()) {
            for (std::size_t a = 0; a < map.areas.size(); ++a) {
                result.shown.push_back(a);
            }
        } else {
            result.shown = report::areas_within(map, area_);
        }

        const model::Language language = common_.language();
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
        const std::string settings = report::coverage_settings_text(options, language);
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
            emit_csv(report::coverage_csv_records(report::coverage_results(result), matrix_));
            break;
        case Format::md: {
            std::string out = "## " + title + "\n\n" + settings + "\n\n";
            if (!matrix_) {
                out += report::render_markdown(report::coverage_ranking_table(result, language));
                out += "\n" + report::coverage_parts_heading(options, language) + "\n\n";
                out += report::render_markdown(report::coverage_parts_table(result, language));
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
                out += "\n" + report::coverage_parts_heading(options, language) + "\n";
                out += report::render_text(report::coverage_parts_table(result, language));
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
        const text::Words& words = this->words();
        options.add_options()("service", po::value(&service_),
                              words("only these services (comma-separated ids)").c_str())(
            "area", po::value(&area_), words("only this area and its sub-areas").c_str())(
            "access-target", po::value(&access_target_)->default_value(3),
            words("access points wanted in each area").c_str())(
            "within", po::value(&within_)->default_value(2),
            words("steps within which a community actor reaches a service").c_str())(
            "weights", po::value(&weights_text_),
            words("score weights (default services=0.25, reach=0.15, access=0.15, "
                  "languages=0.15, need_languages=0.15, supply=0.15); name only those to "
                  "change, e.g. --weights supply=0")
                .c_str())("matrix", po::bool_switch(&matrix_),
                          words("print the areas × services matrix only (CSV: one row per area "
                                "and service)")
                              .c_str());
    }

    void check_options() override {
        const text::Words& words = this->words();
        if (weights_text_.empty()) {
            return;
        }
        std::string names;
        for (analysis::ScorePart part : analysis::score_parts) {
            names += (names.empty() ? "" : ", ") + std::string(analysis::part_id(part)) + "=";
        }
        for (const auto& item : split_list(weights_text_)) {
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
            weights_[*part] = number;
        }
        double sum = 0.0;
        for (analysis::ScorePart part : analysis::score_parts) {
            sum += weights_[part];
        }
        if (sum <= 0.0) {
            throw UsageError(words("--weights: at least one weight must be above 0"));
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
        const text::Words& words = this->words();
        for (const auto& service : services) {
            if (std::find(known.begin(), known.end(), service) == known.end()) {
                const std::string nearest = io::nearest_name(service, known);
                throw UsageError(
                    nearest.empty()
                        ? words("--service: no service \"{name}\" in the vocabulary or the map",
                                {{"name", service}})
                        : words("--service: no service \"{name}\" in the vocabulary or the map; "
                                "did you mean \"{nearest}\"?",
                                {{"name", service}, {"nearest", nearest}}));
            }
        }
        if (!area_.empty() && !map.area_index(area_)) {
            const std::string nearest = io::nearest_name(area_, map.area_ids());
            throw UsageError(
                nearest.empty() ? words("--area: no area \"{name}\" in this map", {{"name", area_}})
                                : words("--area: no area \"{name}\" in this map; did you mean "
                                        "\"{nearest}\"?",
                                        {{"name", area_}, {"nearest", nearest}}));
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
