#pragma once
// Plain tables and the text formats they print to: aligned text, Markdown and CSV.

#include <string>
#include <string_view>
#include <vector>

namespace stakemap::report {

/// Rows of already-formatted cells under named columns.
struct Table {
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;
    std::vector<bool> right_aligned; ///< per column; numbers read best right-aligned
};

/// Columns padded to their widest cell, a rule under the header.
std::string render_text(const Table& table);
/// A GitHub-flavoured Markdown table; `|` and line breaks in cells are escaped.
std::string render_markdown(const Table& table);
/// RFC 4180 CSV with a header row, CRLF line ends, every cell through csv_cell().
std::string render_csv(const Table& table);

/// One CSV cell: quoted when needed, and a cell starting with = + - @, tab or CR is prefixed with a
/// quote so spreadsheets do not run it as a formula.
std::string csv_cell(std::string_view text);

/// A number for people and files alike: no locale, at most `digits` significant digits, no
/// exponent for ordinary magnitudes, "-0" never printed.
std::string format_number(double value, int digits = 6);

} // namespace stakemap::report
