// stakemap import WORKBOOK|FOLDER|FILE.graphml|FILE.gexf|FILE.json -o MAP, or import --actors A.csv
// --relations R.csv [--areas Z.csv] [--needs N.csv] [--kinds K.csv] [--services S.csv] -o MAP: a
// map from spreadsheets or from another network tool's file.

#include "../command.hpp"
#include "stakemap/io/graph_import.hpp"
#include "stakemap/io/map_writer.hpp"
#include "stakemap/io/sheet.hpp"

#include <algorithm>
#include <array>
#include <iostream>

namespace stakemap::cli {

namespace {

class ImportCommand : public Command {
public:
    std::string name() const override { return "import"; }
    std::string synopsis() const override {
        return text::N_(
            "Make a map from a workbook (.xlsx or .ods, one sheet per list), from a "
            "folder of CSV sheets (attori.csv, relazioni.csv…) or from CSV sheets named "
            "one by one (actors, relations, areas, needs, kinds, services), with sheets "
            "and columns named in English or Italian; or from a GraphML, GEXF or NetworkX "
            "node-link JSON file. Every problem is listed with its file, sheet, row and "
            "column (or line); exit code 3 and nothing written when there is one.");
    }
    std::string usage() const override {
        return "stakemap import WORKBOOK|FOLDER|FILE.graphml|FILE.gexf|FILE.json -o MAP "
               "[options]\n"
               "   or: stakemap import --actors FILE --relations FILE [--areas FILE] [--needs "
               "FILE] [--kinds FILE] [--services FILE] -o MAP [options]";
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
        io::ImportResult result =
            !files_.actors.empty()
                ? io::import_sheets(io::read_csv_sheets(files_, options), common_.language())
            : io::graph_format_of(common_.map_path)
                ? io::import_graph_file(common_.map_path,
                                        {options.max_file_bytes, common_.language()})
                : io::import_sheets(io::read_sheets(common_.map_path, options), common_.language());
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
        options.add_options()("actors",
                              po::value(&files_.actors)->notifier([this](const std::string& p) {
                                  common_.map_path = p;
                              }),
                              words("the actors sheet (CSV)").c_str())(
            "relations", po::value(&files_.relations), words("the relations sheet (CSV)").c_str())(
            "areas", po::value(&files_.areas), words("the areas sheet (CSV)").c_str())(
            "needs", po::value(&files_.needs), words("the needs sheet (CSV)").c_str())(
            "kinds", po::value(&files_.kinds),
            words("the sheet of the map's own kinds (CSV)").c_str())(
            "services", po::value(&files_.services),
            words("the sheet of the map's own services (CSV)").c_str());
    }
    void check_options() override {
        const text::Words& words = words_;
        const bool workbook = values_.count("map") != 0;
        const bool csv =
            std::any_of(csv_options.begin(), csv_options.end(),
                        [this](const char* option) { return values_.count(option) != 0; });
        if (workbook && csv) {
            throw UsageError(words("give either a workbook or folder, or CSV sheets (--actors, "
                                   "--relations…), not both: \"{value}\"",
                                   {{"value", values_["map"].as<std::string>()}}));
        }
        if (!workbook) {
            for (const char* option : {"actors", "relations"}) {
                if (values_.count(option) == 0) {
                    throw UsageError(
                        words("the option '--{option}' is required (or give a "
                              "workbook or a folder of sheets: stakemap import WORKBOOK -o MAP)",
                              {{"option", option}}));
                }
            }
        }
    }
    bool takes_analysis_options() const override { return false; }

private:
    static constexpr std::array<const char*, 6> csv_options{"actors", "relations", "areas",
                                                            "needs",  "kinds",     "services"};
    io::SheetFiles files_;
};

} // namespace

std::unique_ptr<Command> make_import_command() {
    return std::make_unique<ImportCommand>();
}

} // namespace stakemap::cli
