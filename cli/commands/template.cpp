// stakemap template -o FILE.xlsx [--lang it|en]: the workbook a workgroup fills in.

#include "../command.hpp"
#include "stakemap/io/sheet_export.hpp"
#include "stakemap/io/workbook_export.hpp"

namespace stakemap::cli {

namespace {

class TemplateCommand : public Command {
public:
    std::string name() const override { return "template"; }
    std::string synopsis() const override {
        return text::N_(
            "Write the workbook a workgroup fills in to build a map: one sheet each for actors, "
            "relations, areas and needs, named and headed in the --lang language, with two example "
            "rows, drop-down lists and a sheet that explains every column. With --to csv, -o "
            "names a folder that receives the same sheets as CSV files. stakemap import reads "
            "them back.");
    }
    std::string usage() const override {
        return "stakemap template -o FILE.xlsx [--lang it|en] [--to xlsx|csv] [options]";
    }
    std::string example() const override { return "stakemap template -o modello.xlsx --lang it"; }

    int run() override {
        const model::Language language = common_.language();
        if (to_ == "csv") {
            io::write_sheet_folder(common_.output_path,
                                   io::csv_sheet_files(io::template_sheets(language),
                                                       common_.excel_it ? io::CsvDialect::excel_it
                                                                        : io::CsvDialect::plain,
                                                       language),
                                   words().language());
            return exit_ok;
        }
        emit(io::template_workbook(language));
        return exit_ok;
    }

protected:
    bool takes_map() const override { return false; }
    bool takes_analysis_options() const override { return false; }
    bool takes_excel_it() const override { return to_ == "csv"; }

    void add_options(boost::program_options::options_description& options) override {
        namespace po = boost::program_options;
        const text::Words& words = this->words();
        options.add_options()("to", po::value(&to_)->default_value("xlsx"),
                              words("xlsx (a workbook) or csv (a folder of CSV files)").c_str());
    }

    void check_options() override {
        const text::Words& words = this->words();
        if (values_.count("map") != 0) {
            throw UsageError(words("template reads no map, not \"{value}\"",
                                   {{"value", values_["map"].as<std::string>()}}));
        }
        if (to_ != "xlsx" && to_ != "csv") {
            throw UsageError(words("--to must be xlsx or csv, not \"{value}\"", {{"value", to_}}));
        }
        if (common_.output_path.empty() || common_.output_path == "-") {
            throw UsageError(words("template needs -o FILE"));
        }
        if (!common_.format_name.empty()) {
            throw UsageError(words("template takes its format from --to, not --format"));
        }
    }

private:
    std::string to_;
};

} // namespace

std::unique_ptr<Command> make_template_command() {
    return std::make_unique<TemplateCommand>();
}

} // namespace stakemap::cli
