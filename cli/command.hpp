#pragma once
// The frame every subcommand shares: one class per command (name, synopsis, setup, run), the common
// options of SPEC §4, and the mapping of failures to exit codes.

#include "stakemap/analysis/run_control.hpp"
#include "stakemap/error.hpp"
#include "stakemap/graph/analysis_graph.hpp"
#include "stakemap/io/map_reader.hpp"
#include "stakemap/model/map.hpp"
#include "stakemap/model/what_if.hpp"
#include "stakemap/report/document.hpp"
#include "stakemap/report/input.hpp"
#include "stakemap/text/words.hpp"

#include <boost/program_options.hpp>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace stakemap::cli {

/// Exit codes (SPEC §4), as run() returns them.
inline constexpr int exit_ok = static_cast<int>(ExitCode::ok);
inline constexpr int exit_problems_found = static_cast<int>(ExitCode::problems_found);
inline constexpr int exit_usage = static_cast<int>(ExitCode::usage);
inline constexpr int exit_internal = static_cast<int>(ExitCode::internal);

/// A mistake in the command line (exit code 2).
using stakemap::UsageError;

using report::Format;

/// A help text's paragraphs (its lines) broken at spaces into lines of at most 80 characters, the
/// width of a terminal that nobody resized; words longer than that stay whole. A line keeps its
/// indent, and the lines it is broken into go `hanging` characters further in.
std::string help_paragraph(const std::string& text, std::size_t hanging = 0);

/// Options shared by every command that reads a map and prints results.
struct CommonOptions {
    std::string map_path;
    std::string format_name;
    std::string output_path;
    bool quiet = false;
    unsigned threads = 0;
    std::string types;
    std::string at;
    std::string distance = "inverse";
    std::string merge = "sum";
    std::string lang; ///< --lang; empty: from the environment (LC_ALL, LC_MESSAGES, LANG)
    /// The map's own date, set when the map is loaded: without --at, relations are analysed as they
    /// stand on that date ("--at all" keeps every relation).
    mutable std::string map_date;
    std::size_t max_file_mib = 512;
    bool excel_it = false; ///< --excel-it: CSV for Excel in an Italian locale

    /// The output format: --format, else from the -o extension, else table on a terminal, json
    /// otherwise.
    Format format() const;
    model::Language language() const;
    io::ReadOptions read_options() const;
    graph::BuildOptions build_options() const;
    /// The date relations are analysed at ("" for every relation) and where it comes from.
    std::string effective_at() const;
};

class Command {
public:
    virtual ~Command() = default;
    virtual std::string name() const = 0;
    /// One line for `stakemap --help`.
    virtual std::string synopsis() const = 0;
    /// Usage line, e.g. "stakemap stats MAP [options]".
    virtual std::string usage() const = 0;
    /// A real example for --help.
    virtual std::string example() const = 0;
    /// The words of the chosen language (valid from the start of setup()).
    const text::Words& words() const { return words_; }
    /// Parses the arguments after the command name; throws UsageError. Returns false when only help
    /// was asked for (and printed).
    bool setup(const std::vector<std::string>& arguments);
    /// Runs the command and returns its exit code.
    virtual int run() = 0;

protected:
    /// Adds the command's own options to `options`.
    virtual void add_options(boost::program_options::options_description& options) {
        (void)options;
    }
    /// Checks option values after parsing; throws UsageError.
    virtual void check_options() {}
    /// Whether the command takes the common analysis options (--types, --at, --distance…).
    virtual bool takes_analysis_options() const { return true; }
    /// Whether the command reads a map named on the command line (every command but template).
    virtual bool takes_map() const { return true; }
    /// Whether the command takes --format and --excel-it (not report: -o's extension says it all).
    virtual bool takes_format() const { return true; }
    /// Whether --excel-it applies: to CSV output.
    virtual bool takes_excel_it() const { return common_.format() == Format::csv; }
    /// Whether the command reads several maps (merge): every positional argument is a map, in
    /// `maps_`, and common_.map_path is the first.
    virtual bool takes_several_maps() const { return false; }
    std::vector<std::string> maps_;
    /// The name of a second positional argument after MAP (e.g. "ID"), "" for none.
    virtual std::string extra_argument() const { return ""; }
    /// Whether the second positional argument must be given (diff takes one or two maps).
    virtual bool extra_argument_required() const { return true; }
    /// Adds --at, among the analysis options (diff takes it up to twice).
    virtual void add_at_option(boost::program_options::options_description& options);
    std::string extra_;

    /// Whether the command takes --remove and --add-relation (what-if analysis).
    virtual bool takes_what_if() const { return false; }

    /// The what-if edit asked for on the command line, if any.
    std::optional<model::WhatIf> what_if_;
    /// Throws UsageError when the what-if edit names actors the map does not have; warns about
    /// relation types nobody knows.
    void check_what_if(const model::Map& map) const;

    CommonOptions common_;
    text::Words words_{text::Language::en};
    boost::program_options::variables_map values_;
    std::string remove_;
    std::vector<std::string> add_relations_;

    /// Loads the map named on the command line, printing warnings to stderr unless --quiet.
    model::Map load_map() const;
    /// Loads the map at `path` as load_map() does; `note_map_date`: say on stderr how many
    /// relations are left out for not being in force on the map's date (when --at is not given).
    model::Map load_map(const std::string& path, bool note_map_date) const;
    /// The settings of the common options and the what-if edit.
    report::AnalysisSettings analysis_settings() const;
    /// Loads the map, applies the what-if edit and builds the graph: the opening of every
    /// analysis command.
    std::unique_ptr<report::Input> open_map() const;
    /// Prints the document's warnings on stderr (unless --quiet) and writes it in the chosen
    /// format; returns the exit code (1 when the document found problems).
    int publish(const report::Document& document) const;
    /// Writes results to -o FILE atomically, or to stdout.
    void emit(const std::string& content) const;
    /// Progress, stop requests (Ctrl-C) and warnings for the analyses the command runs, as main
    /// set them up (set_run_control); without warnings under --quiet.
    analysis::RunControl run_control() const;
};

/// Sets up what Command::run_control() hands to analyses; called once by main.
void set_run_control(analysis::RunControl control);

/// The language of the interface: --lang among `arguments` when it names a catalogue, else the
/// environment's.
text::Language interface_language(const std::vector<std::string>& arguments);

/// Prints a message as "stakemap: warning: …" on stderr.
void print_warning(const std::string& message);

/// A message as it may reach a terminal: line by line through report::terminal_text, so that a
/// name quoted in it cannot send escape sequences, bells or stray bytes to the user's terminal.
std::string stderr_text(const std::string& message);

std::unique_ptr<Command> make_validate_command();
std::unique_ptr<Command> make_stats_command();
std::unique_ptr<Command> make_centrality_command();
std::unique_ptr<Command> make_communities_command();
std::unique_ptr<Command> make_coverage_command();
std::unique_ptr<Command> make_gaps_command();
std::unique_ptr<Command> make_suggest_command();
std::unique_ptr<Command> make_assess_command();
std::unique_ptr<Command> make_profile_command();
std::unique_ptr<Command> make_render_command();
std::unique_ptr<Command> make_export_command();
std::unique_ptr<Command> make_import_command();
std::unique_ptr<Command> make_template_command();
std::unique_ptr<Command> make_diff_command();
std::unique_ptr<Command> make_merge_command();
std::unique_ptr<Command> make_compare_command();
std::unique_ptr<Command> make_report_command();

} // namespace stakemap::cli
