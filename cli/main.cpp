// stakemap: the command-line tool. Parses the command name, hands the rest to the command, and maps
// failures to the exit codes of SPEC §4.

#include "command.hpp"
#include "stakemap/analysis/run_control.hpp"
#include "stakemap/error.hpp"
#include "stakemap/io/diagnostics.hpp"
#include "stakemap/render/map_view.hpp"
#include "stakemap/report/centrality_report.hpp"
#include "stakemap/version.hpp"

#include <algorithm>
#include <chrono>
#include <clocale>
#include <csignal>
#include <cstdio>
#include <functional>
#include <iostream>
#include <unistd.h>

namespace {

using namespace stakemap;
using cli::help_paragraph;
using Factory = std::function<std::unique_ptr<cli::Command>()>;

const std::vector<Factory>& commands() {
    static const std::vector<Factory> table = {
        cli::make_validate_command,    cli::make_stats_command,    cli::make_centrality_command,
        cli::make_communities_command, cli::make_coverage_command, cli::make_gaps_command,
        cli::make_suggest_command,     cli::make_assess_command,   cli::make_profile_command,
        cli::make_diff_command,        cli::make_render_command,   cli::make_export_command,
        cli::make_import_command,      cli::make_template_command, cli::make_merge_command,
        cli::make_compare_command,     cli::make_report_command};
    return table;
}

void print_main_help(const text::Words& words) {
    std::cout << help_paragraph(words("Usage: stakemap COMMAND MAP [options]")) << "\n\n"
              << help_paragraph(
                     words("Maps and analyses the local network of actors working on migrant "
                           "integration."))
              << "\n\n"
              << words("Commands:") << "\n";
    for (const auto& make : commands()) {
        const auto command = make();
        std::string synopsis = words(command->synopsis().c_str());
        const auto first_sentence = synopsis.find(". ");
        if (first_sentence != std::string::npos) {
            synopsis = synopsis.substr(0, first_sentence + 1);
        }
        // Lines of at most 80 characters, the description's lines under one another.
        constexpr std::size_t name_column = 12;
        const std::string name = command->name();
        const std::string padding(name_column - std::min(name.size(), name_column - 1), ' ');
        std::cout << help_paragraph("  " + name + padding + synopsis, name_column) << '\n';
    }
    std::cout << "\n"
              << help_paragraph(
                     words("Run `stakemap COMMAND --help` for a command's options and an example."))
              << "\n"
              << words("Example:")
              << "\n  stakemap stats examples/roma-municipio-ii/map.json --format table\n\n"
              << help_paragraph(
                     words("Exit codes: 0 success, 1 problems found, 2 usage error, 3 bad "
                           "input data,\n4 cannot read or write a file, 5 internal error."))
              << "\n";
}

/// What a stopped run says, written by the signal handler, which may not format or allocate.
std::string stopped_message;

/// Ctrl-C, `kill` and a closed terminal stop the run at once, whatever it is doing: loading,
/// computing, drawing or writing. Nothing is lost by stopping there: every file is written whole
/// under a temporary name and renamed over its target with these signals blocked
/// (io::write_file_atomically), so a target is always the old or the complete new content.
extern "C" void stop_now(int signal_number) {
    [[maybe_unused]] const ssize_t written =
        ::write(STDERR_FILENO, stopped_message.data(), stopped_message.size());
    ::_exit(128 + signal_number);
}

/// On a terminal, computations longer than a second show
/// their progress on stderr (never on stdout, never in files); a measure that did not converge is
/// reported on stderr. Commands pass this to the analyses they run (Command::run_control()).
class Console {
public:
    explicit Console(const text::Words& words) : words_(words) {
        stopped_message = std::string(::isatty(STDERR_FILENO) != 0 ? "\r\033[K" : "") +
                          "stakemap: error: " + words("interrupted; no result was written") + "\n";
        for (const int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
            // A signal the shell told us to ignore (a background job) stays ignored.
            if (std::signal(signal_number, stop_now) == SIG_IGN) {
                std::signal(signal_number, SIG_IGN);
            }
        }
        stakemap::analysis::RunControl control;
        if (::isatty(STDERR_FILENO) != 0) {
            control.progress = [this](std::string_view task, std::size_t done, std::size_t total) {
                show(task, done, total);
            };
        }
        control.not_converged = [this](std::string_view measure,
                                       const analysis::Convergence& convergence) {
            warn_not_converged(measure, convergence);
        };
        cli::set_run_control(std::move(control));
    }
    ~Console() {
        if (shown_) {
            std::fputs("\r\033[K", stderr);
        }
    }
    Console(const Console&) = delete;
    Console& operator=(const Console&) = delete;

private:
    using Clock = std::chrono::steady_clock;
    const text::Words& words_;
    Clock::time_point started_ = Clock::now();
    Clock::time_point last_{};
    bool shown_ = false;

    void show(std::string_view task, std::size_t done, std::size_t total) {
        const auto now = Clock::now();
        if (now - started_ < std::chrono::seconds(1) ||
            (shown_ && now - last_ < std::chrono::milliseconds(200) && done < total)) {
            return;
        }
        last_ = now;
        shown_ = true;
        std::fprintf(stderr, "\r\033[Kstakemap: %.*s %zu%%", static_cast<int>(task.size()),
                     task.data(), total == 0 ? std::size_t{100} : done * 100 / total);
        std::fflush(stderr);
    }

    void warn_not_converged(std::string_view measure, const analysis::Convergence& convergence) {
        const auto known = analysis::measure_from_key(std::string(measure));
        const std::string name =
            known ? report::measure_label(*known, words_) : std::string(measure);
        if (shown_) {
            std::fputs("\r\033[K", stderr);
            shown_ = false;
        }
        cli::print_warning(words_.plural(
            "{measure} did not converge in {n} iteration (last change {change}, tolerance "
            "{tolerance}); its values are approximate",
            "{measure} did not converge in {n} iterations (last change {change}, tolerance "
            "{tolerance}); its values are approximate",
            convergence.iterations,
            {{"measure", name},
             {"change", words_.number(convergence.change, 2)},
             {"tolerance", words_.number(convergence.tolerance, 2)}}));
    }
};

void print_error(const std::string& message) {
    std::cerr << "stakemap: error: " << cli::stderr_text(message) << '\n';
}

/// "--area: " for an error about the area setting: the library names the setting
/// (Error::setting), the command line the option that sets it, spelled the same with '-' for '_'
/// ("color_areas" is --color-areas).
std::string option_prefix(const Error& error) {
    if (error.setting().empty()) {
        return "";
    }
    std::string option = error.setting();
    std::replace(option.begin(), option.end(), '_', '-');
    return "--" + option + ": ";
}

/// One message per kind of failure; the error's code decides what is added to its own words.
void print_failure(const Error& error, const text::Words& words, const std::string& command) {
    switch (error.code()) {
    case ErrorCode::invalid_map: {
        const auto* load = dynamic_cast<const io::LoadError*>(&error);
        std::size_t errors = 0;
        if (load != nullptr) {
            for (const auto& diagnostic : load->diagnostics()) {
                if (diagnostic.severity == io::Severity::error) {
                    print_error(io::to_string(diagnostic));
                    ++errors;
                }
            }
        }
        if (errors == 0) {
            print_error(words("the map is not valid"));
        }
        return;
    }
    case ErrorCode::interrupted:
        print_error(words("interrupted; no result was written"));
        return;
    case ErrorCode::render:
        print_error(words("Graphviz could not draw the map: {what}", {{"what", error.what()}}));
        return;
    case ErrorCode::out_of_memory:
        print_error(words("out of memory; the map is too large for this machine"));
        return;
    case ErrorCode::internal:
        print_error(words("internal error: {what}", {{"what", error.what()}}) + "\n" +
                    words("Please report it with the command and the map that caused it."));
        return;
    case ErrorCode::file:
        print_error(error.what());
        return;
    case ErrorCode::usage:
    case ErrorCode::what_if:
    case ErrorCode::selector:
    case ErrorCode::view:
        print_error(option_prefix(error) + error.what() + "\n" +
                    words("Run `stakemap {command} --help` for the options and an example.",
                          {{"command", command}}));
        return;
    }
}

int run(int argc, char** argv) {
    std::vector<std::string> arguments(argv + 1, argv + argc);
    const text::Words words(cli::interface_language(arguments));
    if (arguments.empty()) {
        print_error(words("no command given") + "\n" +
                    words("Run `stakemap --help` for the list of commands."));
        return cli::exit_usage;
    }
    const std::string& first = arguments.front();
    if (first == "--help" || first == "-h" || first == "help") {
        print_main_help(words);
        return cli::exit_ok;
    }
    if (first == "--version" || first == "-V") {
        std::cout << "stakemap " << stakemap::version << '\n';
        return cli::exit_ok;
    }
    std::unique_ptr<cli::Command> command;
    std::vector<std::string> names;
    for (const auto& make : commands()) {
        auto candidate = make();
        names.push_back(candidate->name());
        if (candidate->name() == first) {
            command = std::move(candidate);
        }
    }
    if (!command) {
        std::string message = words("unknown command \"{name}\"", {{"name", first}});
        const std::string suggestion = io::nearest_name(first, names);
        if (!suggestion.empty()) {
            message += words("; did you mean \"{name}\"?", {{"name", suggestion}});
        }
        print_error(message + "\n" + words("Run `stakemap --help` for the list of commands."));
        return cli::exit_usage;
    }
    const std::string name = command->name();
    const Console console(words);
    try {
        if (!command->setup({arguments.begin() + 1, arguments.end()})) {
            return cli::exit_ok;
        }
        return command->run();
    } catch (const Error& error) {
        print_failure(error, words, name);
        return static_cast<int>(error.exit_code());
    } catch (const std::bad_alloc&) {
        print_error(words("out of memory; the map is too large for this machine"));
        return cli::exit_internal;
    } catch (const std::exception& error) {
        print_error(words("internal error: {what}", {{"what", error.what()}}) + "\n" +
                    words("Please report it with the command and the map that caused it."));
        return cli::exit_internal;
    }
}

} // namespace

int main(int argc, char** argv) {
    // The user's locale for messages and character classes; numbers stay in the C locale, since
    // every number stakemap writes goes through its own formatters (text/words.hpp), never through
    // printf.
    std::setlocale(LC_ALL, "");
    std::setlocale(LC_NUMERIC, "C");
    try {
        return run(argc, argv);
    } catch (...) {
        print_error("internal error");
        return cli::exit_internal;
    }
}
