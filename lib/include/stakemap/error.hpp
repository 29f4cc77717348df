#pragma once
// One base for every failure stakemap reports, as nlohmann/json does with its exception ids: each
// error carries a stable code (for programs: test the code, never the message) and the exit code
// the command-line tool ends with (SPEC §4). The message is for people, in the language the
// failing call was given.

#include <stdexcept>
#include <string>
#include <string_view>

namespace stakemap {

/// Exit codes of the command-line tool (SPEC §4), 130 after Ctrl-C as shells expect.
enum class ExitCode : int {
    ok = 0,
    problems_found = 1,
    usage = 2,
    bad_input = 3,
    file = 4,
    internal = 5,
    interrupted = 130,
};

/// What went wrong. The names (error_code_name) are stable: they appear in docs/architecture.md
/// and scripts may rely on them.
enum class ErrorCode {
    usage,         ///< a call or command line asks for something that cannot be done (exit 2)
    what_if,       ///< a what-if edit that does not fit the map (exit 2)
    selector,      ///< an actor selector (--from, --to) that selects nothing usable (exit 2)
    view,          ///< a drawing that cannot be made from this map (exit 2)
    invalid_map,   ///< the map was read but is not valid; the diagnostics say where (exit 3)
    file,          ///< a file cannot be read or written (exit 4)
    render,        ///< Graphviz could not lay out or draw the map (exit 5)
    interrupted,   ///< a stop was requested (Ctrl-C) before the computation ended (exit 130)
    out_of_memory, ///< the computation needs more memory than the machine has (exit 5)
    internal,      ///< a defect in stakemap: please report it (exit 5)
};

/// "usage", "what_if", "invalid_map"…
std::string_view error_code_name(ErrorCode code);
/// The exit code the command-line tool ends with for an error of this code.
ExitCode exit_code_for(ErrorCode code);

/// The base of every exception stakemap throws on purpose.
/// The message never names a command-line option: when the error is about one setting of the
/// call, setting() names it ("by", "area", "add_relation"), and the command-line tool puts the
/// option that sets it in front of the message ("--by: ").
class Error : public std::runtime_error {
public:
    Error(ErrorCode code, const std::string& message, std::string setting = {})
        : std::runtime_error(message), code_(code), setting_(std::move(setting)) {}
    ErrorCode code() const noexcept { return code_; }
    ExitCode exit_code() const noexcept { return exit_code_for(code_); }
    /// The setting the error is about, "" when it is about no single one.
    const std::string& setting() const noexcept { return setting_; }

private:
    ErrorCode code_;
    std::string setting_;
};

/// A call or a command line that asks for something that cannot be done (exit code 2): an unknown
/// option value, an id the map does not have, a measure that does not exist.
class UsageError : public Error {
public:
    explicit UsageError(const std::string& message, std::string setting = {})
        : Error(ErrorCode::usage, message, std::move(setting)) {}
};

} // namespace stakemap
