// stakemap export MAP --to FORMAT -o FILE: the map in a format other network tools read.

#include "stakemap/io/export.hpp"
#include "../command.hpp"
#include "stakemap/io/sheet_export.hpp"
#include "stakemap/model/split.hpp"
#include "stakemap/report/export.hpp"

namespace stakemap::cli {

namespace {

class ExportCommand : public Command {
public:
    std::string name() const override { return "export"; }
    std::string synopsis() const override {
        return text::N_(
            "Write the map for other network tools: GraphML, GEXF, NetworkX node-link JSON, "
            "Pajek, Kumu JSON or Graphviz DOT. Every actor with all its fields and every relation, "
            "parallel ones included, "
            "as an edge of its own. A map with directed relations is written as a directed "
            "graph, each edge with its relation's own direction in the attribute \"directed\". "
            "With --to csv, -o names a folder that receives one CSV file per sheet (actors, "
            "relations, areas, needs), named and headed in the --lang language, which stakemap "
            "import reads back; with --to xlsx, one workbook with a sheet for each, as stakemap "
            "template writes it.");
    }
    std::string usage() const override {
        return "stakemap export MAP --to graphml|gexf|node-link|pajek|kumu|dot|csv|xlsx -o "
               "FILE|FOLDER [options]";
    }
    std::string example() const override {
        return "stakemap export examples/prato/map.json --to graphml -o prato.graphml";
    }

    int run() override {
        const model::Map map = load_map();
        if (options_.format == io::ExportFormat::csv) {
            io::write_sheet_folder(common_.output_path, report::export_sheet_files(map, options_),
                                   words().language());
            return exit_ok;
        }
        emit(report::export_map(map, options_));
        return exit_ok;
    }

protected:
    bool takes_analysis_options() const override { return false; }
    bool takes_excel_it() const override { return to_ == "csv"; }

    void add_options(boost::program_options::options_description& options) override {
        namespace po = boost::program_options;
        const text::Words& words = this->words();
        options.add_options()("to", po::value(&to_),
                              words("the format: {formats}", {{"formats", formats()}}).c_str())(
            "types", po::value(&common_.types),
            words("export only these relation types, e.g. referral,information").c_str())(
            "at", po::value(&common_.at),
            words("export only the relations valid on DATE (YYYY-MM-DD) (default: every "
                  "relation)")
                .c_str())(
            "gexf-version", po::value(&gexf_version_)->default_value("1.2draft"),
            words("with --to gexf: 1.2draft (read by NetworkX and Gephi) or 1.3 (Gephi)").c_str())(
            "no-bom", po::bool_switch(&no_bom_),
            words("with --to pajek: no UTF-8 byte order mark (igraph refuses it; Pajek then "
                  "reads names in the Windows code page)")
                .c_str())(
            "with-measures", po::bool_switch(&options_.with_measures),
            words("add every measure of the centrality command to each actor, as numbers (degree, "
                  "betweenness, closeness, pagerank…; see docs/export.md)")
                .c_str())(
            "anonymize", po::bool_switch(&options_.anonymize),
            words("replace names and ids by pseudonyms in the --lang language (\"Associazione di "
                  "migranti 3\") and leave out notes, informants, short names, tags and text "
                  "attributes, to publish the data (see docs/export.md)")
                .c_str());
    }

    void check_options() override {
        const text::Words& words = this->words();
        if (to_.empty()) {
            throw UsageError(words("export needs --to {formats}", {{"formats", formats()}}));
        }
        const auto format = value_in(io::export_format_names, to_);
        if (!format) {
            throw UsageError(words("--to must be {formats}, not \"{value}\"",
                                   {{"formats", formats()}, {"value", to_}}));
        }
        options_.format = *format;
        const auto version = value_in(io::gexf_version_names, gexf_version_);
        if (!version) {
            throw UsageError(words("--gexf-version must be 1.2draft or 1.3, not \"{value}\"",
                                   {{"value", gexf_version_}}));
        }
        options_.gexf_version = *version;
        if (common_.output_path.empty()) {
            throw UsageError(words("export needs -o FILE"));
        }
        if (!common_.format_name.empty()) {
            throw UsageError(words("export takes its format from --to, not --format"));
        }
        options_.pajek_bom = !no_bom_;
        options_.language = common_.language();
        options_.excel_it = common_.excel_it;
        options_.types = model::split_list(common_.types);
        if (!common_.at.empty() && common_.at != "all") {
            options_.at = common_.at;
        } else {
            common_.at = "all"; // every relation, without the note about the map's date
        }
    }

private:
    /// "graphml, gexf, node-link or pajek".
    std::string formats() const {
        const auto names = names_in(io::export_format_names);
        std::string head;
        for (std::size_t i = 0; i + 1 < names.size(); ++i) {
            head += (i == 0 ? "" : ", ") + names[i];
        }
        return words()("{first} or {last}", {{"first", head}, {"last", names.back()}});
    }

    std::string to_;
    std::string gexf_version_;
    bool no_bom_ = false;
    io::ExportOptions options_;
};

} // namespace

std::unique_ptr<Command> make_export_command() {
    return std::make_unique<ExportCommand>();
}

} // namespace stakemap::cli
