// stakemap import --actors A.csv --relations R.csv [--areas Z.csv] [--needs N.csv] -o MAP: a map
// from spreadsheets saved as CSV.

#include "../command.hpp"
#include "stakemap/io/map_writer.hpp"
#include "stakemap/io/sheet.hpp"

#include <iostream>

namespace stakemap::cli {

namespace {

class ImportCommand : public Command {
public:
    std::string name() const override { return "import"; }
    std::string synopsis() const override {
        return text::N_("Make a map from spreadsheets saved as CSV (actors, relations, areas, "
                        "needs, kinds, services), with columns named in English or Italian. Every "
                        "problem is listed "
                        "with its file, row and column; exit code 3 and nothing written when there "
                        "is one.");
    }
    std::string usage() const override {
        return "stakemap import --actors FILE --relations FILE [--areas FILE] [--needs FILE] "
               "[--kinds FILE] [--services FILE] -o MAP [options]";
    }
    std::string example() const override {
        return "stakemap import --actors tests/cli/sheets/unione-comuni/attori.csv --relations "
               "tests/cli/sheets/unione-comuni/relazioni.csv --areas "
               "tests/cli/sheets/unione-comuni/aree.csv -o map.json";
    }

    int run() override {
        io::SheetReadOptions options;
        options.max_file_bytes = common_.max_file_mib * 1024 * 1024;
        options.language = common_.language();
        std::vector<io::Diagnostic> problems;
        auto read = [&](const std::string& path) -> std::optional<io::Sheet> {
            try {
                return io::read_csv_sheet(path, options);
            } catch (const io::LoadError& error) {
                problems.insert(problems.end(), error.diagnostics().begin(),
                                error.diagnostics().end());
                return std::nullopt;
            }
        };
        auto actors = read(actors_path_);
        auto relations = read(relations_path_);
        std::optional<io::Sheet> areas;
        std::optional<io::Sheet> needs;
        std::optional<io::Sheet> kinds;
        std::optional<io::Sheet> services;
        if (!areas_path_.empty()) {
            areas = read(areas_path_);
        }
        if (!needs_path_.empty()) {
            needs = read(needs_path_);
        }
        if (!kinds_path_.empty()) {
            kinds = read(kinds_path_);
        }
        if (!services_path_.empty()) {
            services = read(services_path_);
        }
        if (!problems.empty()) {
            throw io::LoadError(std::move(problems));
        }
        io::SheetSet sheets{std::move(*actors), std::move(*relations), std::move(areas),
                            std::move(needs),   std::move(kinds),      std::move(services)};
        io::ImportResult result = io::import_sheets(sheets, common_.language());
        if (!result.ok()) {
            throw io::LoadError(std::move(result.diagnostics));
        }
        if (!common_.quiet) {
            for (const auto& diagnostic : result.diagnostics) {
                print_warning(io::to_string(diagnostic));
            }
        }
        emit(io::write_map_json(*result.map));
        return exit_ok;
    }

protected:
    void add_options(boost::program_options::options_description& options) override {
        namespace po = boost::program_options;
        const text::Words& words = words_;
        // The actors sheet stands where other commands have their MAP: the file read first.
        options.add_options()(
            "actors", po::value(&actors_path_)->required()->notifier([this](const std::string& p) {
                common_.map_path = p;
            }),
            words("the actors sheet (CSV)").c_str())("relations",
                                                     po::value(&relations_path_)->required(),
                                                     words("the relations sheet (CSV)").c_str())(
            "areas", po::value(&areas_path_), words("the areas sheet (CSV)").c_str())(
            "needs", po::value(&needs_path_), words("the needs sheet (CSV)").c_str())(
            "kinds", po::value(&kinds_path_),
            words("the sheet of the map's own kinds (CSV)").c_str())(
            "services", po::value(&services_path_),
            words("the sheet of the map's own services (CSV)").c_str());
    }
    void check_options() override {
        const text::Words& words = words_;
        if (values_.count("map") != 0) {
            throw UsageError(words("import reads the sheets named by --actors and --relations, "
                                   "not \"{value}\"",
                                   {{"value", values_["map"].as<std::string>()}}));
        }
    }
    bool takes_analysis_options() const override { return false; }

private:
    std::string actors_path_;
    std::string relations_path_;
    std::string areas_path_;
    std::string needs_path_;
    std::string kinds_path_;
    std::string services_path_;
};

} // namespace

std::unique_ptr<Command> make_import_command() {
    return std::make_unique<ImportCommand>();
}

} // namespace stakemap::cli
