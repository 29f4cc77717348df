#pragma once
// Problems found while reading a file: where they are, what was expected, what to do.

#include "stakemap/error.hpp"
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace stakemap::text {
class Words;
}

namespace stakemap::io {

enum class Severity { error, warning };

/// One problem in an input file. `line` and `column` are 1-based (columns count characters, not
/// bytes); both are 0 when the problem concerns the whole file.
struct Diagnostic {
    Severity severity = Severity::error;
    std::string code; ///< stable identifier, e.g. "map.unknown_reference"
    std::string file; ///< as given by the user, "<stdin>" for standard input
    std::size_t line = 0;
    std::size_t column = 0;
    std::string pointer; ///< JSON pointer of the offending value, "" for the whole document
    std::string message; ///< what is wrong and, where useful, what to do
    /// The place in words, in the language of the message, when line and column alone do not say
    /// it: a sheet of a workbook ("model.xlsx, sheet "relazioni", row 14, column "peso""). When
    /// set, to_string writes it in place of FILE:LINE:COL.
    std::string where = {};
    bool operator==(const Diagnostic&) const = default;
};

/// "FILE:LINE:COL: POINTER: MESSAGE", the form used on stderr and in `validate` tables; "WHERE:
/// MESSAGE" when `where` is set.
std::string to_string(const Diagnostic& diagnostic);

/// Bad input data: the file was read but is not a valid map (exit code 3).
class LoadError : public Error {
public:
    explicit LoadError(std::vector<Diagnostic> diagnostics);
    /// Every error and warning found, errors first in document order.
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

private:
    std::vector<Diagnostic> diagnostics_;
};

/// A file that cannot be read or written (exit code 4).
class FileError : public Error {
public:
    explicit FileError(const std::string& message) : Error(ErrorCode::file, message) {}
};

/// The closest candidate to `wanted` by edit distance, or "" when none is close enough to suggest.
std::string nearest_name(const std::string& wanted, const std::vector<std::string>& candidates);

/// "; did you mean "X"?" in the language of `words` when a candidate is close to `wanted`, else "".
std::string did_you_mean(const text::Words& words, const std::string& wanted,
                         const std::vector<std::string>& candidates);

/// `what` + " "ID" in this map", followed by "; did you mean "X"?" when a candidate is close, in
/// the language of `words`: e.g. "--remove: no actor "comune-prat" in this map; did you mean
/// "comune-prato"?". `what` is already in that language ("no actor", "nessun attore").
std::string unknown_name(const text::Words& words, const std::string& what,
                         const std::string& wanted, const std::vector<std::string>& candidates);

/// The same in English, with `where` after the id (" in this map" unless told).
std::string unknown_name(const std::string& what, const std::string& wanted,
                         const std::vector<std::string>& candidates,
                         const std::string& where = " in this map");

} // namespace stakemap::io
