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

/// Columns padded to their widest cell, a rule under the header; every cell through
/// terminal_text(). A text cell longer than 80 characters continues on the lines below, in its
/// column, broken at spaces; numbers (right-aligned columns) are never broken.
std::string render_text(const Table& table);
/// A GitHub-flavoured Markdown table, every cell through markdown_cell_text().
std::string render_markdown(const Table& table);
/// RFC 4180 CSV with a header row, CRLF line ends, every cell through csv_cell().
std::string render_csv(const Table& table);

/// One CSV cell: quoted when needed, and a cell starting with = + - @, tab or CR is prefixed with a
/// quote so spreadsheets do not run it as a formula, unless it is a negative number as stakemap
/// writes numbers (-2, -0.5, -1e-05; a decimal comma for Excel in Italian).
std::string csv_cell(std::string_view text);

/// Text for a terminal: tab, line feed and carriage return become spaces; other control characters
/// (C0, DEL, C1) and bytes that are not UTF-8 become U+FFFD, so that no escape sequence reaches the
/// terminal.
std::string terminal_text(std::string_view text);

/// Text inside a Markdown paragraph, heading, list item or table cell that shows as written: `&`,
/// `<` and `>` as entities (no raw HTML), the punctuation Markdown reads as markup
/// backslash-escaped, a leading `+`, `-` or `=` (not of a number) and the dot of a leading `1.`
/// escaped so it starts no list, thematic break or heading (`#` at the start or after a space),
/// leading spaces as `&#32;` (no code block), control characters as in terminal_text(). An
/// underscore inside a word and a `*` followed by a space are left as they are: they make no
/// emphasis.
std::string markdown_text(std::string_view text);
/// The same for a table cell, which holds inline text only: no escapes for block marks (a leading
/// `#`, `-`, `1.`), and a `*` that ends the cell is left as it is.
std::string markdown_cell_text(std::string_view text);

/// A number for people and files alike: no locale, at most `digits` significant digits, no
/// exponent for ordinary magnitudes, "-0" never printed.
std::string format_number(double value, int digits = 6);

} // namespace stakemap::report
