// stakemap merge A.json B.json … -o MAP: one consensus map from several informants' maps.

#include "../command.hpp"
#include "stakemap/io/files.hpp"
#include "stakemap/io/map_writer.hpp"
#include "stakemap/model/split.hpp"
#include "stakemap/report/merge_report.hpp"

#include <filesystem>
#include <iostream>

namespace stakemap::cli {

namespace {

class MergeCommand : public Command {
public:
    std::string name() const override { return "merge"; }
    std::string synopsis() const override {
        return text::N_(
            "Make one consensus map from the maps of several informants (one map file each, "
            "named by its file name): actors matched by id or by name, every relation with the "
            "informants who reported it and their share (agreement). The actors matched by name "
            "and the contested ties are reported on stderr or in --report FILE.");
    }
    std::string usage() const override { return "stakemap merge MAP MAP [MAP…] -o MAP [options]"; }
    std::string example() const override {
        return "stakemap merge examples/informants/anna.json examples/informants/bruno.json "
               "examples/informants/carla.json -o consensus.json";
    }

    int run() override {
        std::vector<report::MergeInput> inputs;
        for (const auto& path : maps_) {
            io::ReadResult result = io::read_map_file(path, common_.read_options());
            if (!result.ok()) {
                throw io::LoadError(std::move(result.diagnostics));
            }
            if (!common_.quiet) {
                for (const auto& diagnostic : result.diagnostics) {
                    print_warning(io::to_string(diagnostic));
                }
            }
            inputs.push_back({path, std::move(*result.map)});
        }
        report::MergeOutcome outcome = [&] {
            try {
                return report::merge_document(inputs, settings_, common_.language());
            } catch (const UsageError& error) {
                if (error.setting() == "informant_actors") {
                    throw UsageError("--informant-actors: " + std::string(error.what()));
                }
                if (error.setting() == "min_agreement") {
                    throw UsageError("--min-agreement: " + std::string(error.what()));
                }
                throw;
            }
        }();
        const std::string map_text = io::write_map_json(outcome.map);
        if (!report_path_.empty()) {
            const auto format = report::format_from_extension(
                                    std::filesystem::path(report_path_).extension().string())
                                    .value_or(report::Format::table);
            const std::string report = report::write(outcome.report, format);
            emit(map_text);
            io::write_file_atomically(report_path_, report, words_.language());
        } else {
            emit(map_text);
            if (!common_.quiet) {
                std::cerr << report::write_text(outcome.report);
            }
        }
        return exit_ok;
    }

protected:
    bool takes_several_maps() const override { return true; }
    bool takes_analysis_options() const override { return false; }
    bool takes_excel_it() const override { return false; }

    void add_options(boost::program_options::options_description& options) override {
        namespace po = boost::program_options;
        const text::Words& words = words_;
        options.add_options()(
            "method", po::value(&method_)->default_value("central"),
            words("which ties to keep: central (reported by at least half of the informants), "
                  "union, intersection, las-intersection or las-union")
                .c_str())("min-agreement", po::value(&settings_.min_agreement),
                          words("with central: the share of informants a tie needs, above 0 and "
                                "at most 1 (default 0.5)")
                              .c_str())(
            "informant-actors", po::value(&informant_actors_),
            words("with las-intersection and las-union: the actor each map is the report of, "
                  "comma-separated ids in the order of the maps")
                .c_str())("report", po::value(&report_path_),
                          words("write the report (actors matched by name, contested ties) to "
                                "FILE, in the format of its extension (.md, .json, .csv, else "
                                "text), instead of stderr")
                              .c_str());
    }
    void check_options() override {
        const text::Words& words = words_;
        const auto method = value_in(analysis::consensus_method_names, method_);
        if (!method) {
            throw UsageError(words("--method must be central, union, intersection, "
                                   "las-intersection or las-union, not \"{value}\"",
                                   {{"value", method_}}));
        }
        settings_.method = *method;
        if (values_.count("min-agreement") != 0 &&
            settings_.method != analysis::ConsensusMethod::central) {
            throw UsageError(words("--min-agreement applies to the method central only"));
        }
        settings_.informant_actors = model::split_list(informant_actors_);
        if (!common_.output_path.empty() && common_.output_path != "-") {
            const std::string extension =
                std::filesystem::path(common_.output_path).extension().string();
            if (!extension.empty() && extension != ".json" && extension != ".JSON") {
                throw UsageError(words("merge writes a map (JSON): -o takes a .json file, not "
                                       "\"{file}\"; the report goes to --report FILE",
                                       {{"file", common_.output_path}}));
            }
        }
        if (!common_.format_name.empty() && common_.format_name != "json") {
            throw UsageError(words("merge writes a map (JSON): --format json only; the report's "
                                   "format follows the extension of --report"));
        }
    }

private:
    std::string method_ = "central";
    std::string informant_actors_;
    std::string report_path_;
    analysis::ConsensusSettings settings_;
};

} // namespace

std::unique_ptr<Command> make_merge_command() {
    return std::make_unique<MergeCommand>();
}

} // namespace stakemap::cli
