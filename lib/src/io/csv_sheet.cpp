// CSV sheets through libcsv, under a layer for what spreadsheet programs write: the separator of
// the locale, a BOM, Windows-1252 text, CRLF line ends.

#include "stakemap/io/files.hpp"

#include "cell_text.hpp"
#include "stakemap/io/sheet.hpp"
#include "stakemap/text/words.hpp"

#include <array>
#include <cerrno>
#include <csv.h>
#include <iconv.h>
#include <memory>

namespace stakemap::io {

namespace {

/// Windows-1252 text as UTF-8 through iconv; nullopt with the 1-based line of the first byte that
/// Windows-1252 does not define.
std::optional<std::string> cp1252_to_utf8(std::string_view bytes, std::size_t& bad_line) {
    iconv_t converter = ::iconv_open("UTF-8", "CP1252");
    if (converter == reinterpret_cast<iconv_t>(-1)) {
        bad_line = 0;
        return std::nullopt;
    }
    std::unique_ptr<void, int (*)(iconv_t)> guard(converter, ::iconv_close);
    std::string out(bytes.size() * 3 + 4, '\0');
    std::string in(bytes);
    char* in_ptr = in.data();
    std::size_t in_left = in.size();
    char* out_ptr = out.data();
    std::size_t out_left = out.size();
    if (::iconv(converter, &in_ptr, &in_left, &out_ptr, &out_left) ==
        static_cast<std::size_t>(-1)) {
        const auto offset = static_cast<std::size_t>(in_ptr - in.data());
        bad_line = 1;
        for (std::size_t i = 0; i < offset; ++i) {
            bad_line += in[i] == '\n' ? 1U : 0U;
        }
        return std::nullopt;
    }
    out.resize(out.size() - out_left);
    return out;
}

/// The separator the header line uses most outside quotes: ';', ',' or tab (',' when none).
char detect_separator(std::string_view text) {
    std::array<std::size_t, 3> counts{};
    bool quoted = false;
    for (const char c : text) {
        if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && (c == '\n' || c == '\r')) {
            break;
        } else if (!quoted) {
            counts[0] += c == ';' ? 1 : 0;
            counts[1] += c == ',' ? 1 : 0;
            counts[2] += c == '\t' ? 1 : 0;
        }
    }
    if (counts[0] == 0 && counts[1] == 0 && counts[2] == 0) {
        return ',';
    }
    if (counts[0] >= counts[1] && counts[0] >= counts[2]) {
        return ';';
    }
    return counts[2] > counts[1] ? '\t' : ',';
}

struct ParseState {
    std::vector<std::string> cells;
    std::vector<SheetRow> rows;
    std::size_t row_line = 1;
};

/// The cell without the apostrophe that keeps spreadsheet programs from taking a text for a
/// formula: one is taken off when only apostrophes stand before a '=', '+', '-', '@', tab or
/// carriage return ("'-2+3" → "-2+3", "''=x" → "'=x"); the writer adds it the same way
/// (neutralized_text in io/sheet_export.hpp).
std::string without_formula_guard(std::string cell) {
    const std::size_t first = cell.find_first_not_of('\'');
    if (first == 0 || first == std::string::npos) {
        return cell;
    }
    const char c = cell[first];
    if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
        cell.erase(0, 1);
    }
    return cell;
}

extern "C" void on_cell(void* data, std::size_t size, void* state) {
    auto& parse = *static_cast<ParseState*>(state);
    parse.cells.push_back(without_formula_guard(
        data == nullptr ? "" : std::string(static_cast<const char*>(data), size)));
}

extern "C" void on_row(int, void* state) {
    auto& parse = *static_cast<ParseState*>(state);
    parse.rows.push_back(SheetRow{parse.row_line, std::move(parse.cells)});
    parse.cells.clear();
}

Diagnostic sheet_error(const std::string& code, const std::string& file, std::size_t line,
                       std::size_t column, std::string message) {
    return Diagnostic{Severity::error, code, file, line, column, "", std::move(message)};
}

} // namespace

Sheet read_csv_sheet_text(std::string_view bytes, const std::string& file_name,
                          const SheetReadOptions& options) {
    const text::Words words(options.language);
    Sheet sheet;
    sheet.file = file_name;
    if (const auto nul = bytes.find('\0'); nul != std::string_view::npos) {
        std::size_t line = 1;
        for (std::size_t i = 0; i < nul; ++i) {
            line += bytes[i] == '\n' ? 1U : 0U;
        }
        throw LoadError({sheet_error("sheet.nul_byte", file_name, line, 0,
                                     words("a NUL byte: this is not a text file (save the sheet "
                                           "as CSV)"))});
    }
    std::string text;
    if (bytes.starts_with("\xEF\xBB\xBF")) {
        bytes.remove_prefix(3);
    }
    if (is_utf8(bytes)) {
        text = std::string(bytes);
        sheet.encoding = "UTF-8";
    } else {
        std::size_t bad_line = 0;
        auto converted = cp1252_to_utf8(bytes, bad_line);
        if (!converted) {
            throw LoadError({sheet_error("sheet.encoding", file_name, bad_line, 0,
                                         words("the text is neither UTF-8 nor Windows-1252: save "
                                               "the sheet as \"CSV UTF-8\""))});
        }
        text = std::move(*converted);
        sheet.encoding = "CP1252";
    }
    sheet.separator = detect_separator(text);

    csv_parser parser{};
    if (::csv_init(&parser, CSV_APPEND_NULL) != 0) {
        throw std::bad_alloc();
    }
    std::unique_ptr<csv_parser, void (*)(csv_parser*)> guard(&parser, ::csv_free);
    ::csv_set_delim(&parser, static_cast<unsigned char>(sheet.separator));
    // Only blanks are trimmed around cells: a tab may be the separator.
    ::csv_set_space_func(&parser, [](unsigned char c) { return c == ' ' ? 1 : 0; });
    ParseState state;
    // Fed one line at a time so that each row knows the line it starts on: a row starts on a line
    // fed while the parser stands between rows (libcsv's public state, ROW_NOT_BEGUN = 0).
    std::size_t line = 1;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        end = end == std::string::npos ? text.size() : end + 1;
        if (parser.pstate == 0) {
            state.row_line = line;
        }
        ::csv_parse(&parser, text.data() + start, end - start, on_cell, on_row, &state);
        start = end;
        ++line;
    }
    const bool open_quote = parser.pstate == 2 && parser.quoted != 0;
    ::csv_fini(&parser, on_cell, on_row, &state);

    std::vector<Diagnostic> errors;
    if (open_quote && !state.rows.empty()) {
        errors.push_back(sheet_error("sheet.open_quote", file_name, state.rows.back().line, 0,
                                     words("a quote opened here is never closed")));
    }
    if (state.rows.empty()) {
        throw LoadError({sheet_error("sheet.empty", file_name, 0, 0,
                                     words("the sheet is empty: the first line must name the "
                                           "columns"))});
    }
    sheet.header = std::move(state.rows.front().cells);
    sheet.header_line = state.rows.front().line;
    state.rows.erase(state.rows.begin());
    if (state.rows.size() > options.max_rows) {
        throw LoadError({sheet_error("sheet.too_many_rows", file_name, 0, 0,
                                     words("more than {max} rows: the limit of a sheet",
                                           {{"max", std::to_string(options.max_rows)}}))});
    }
    for (auto& row : state.rows) {
        if (row.cells.size() != sheet.header.size()) {
            // A trailing run of empty cells is what spreadsheets write for unused columns.
            while (row.cells.size() > sheet.header.size() && row.cells.back().empty()) {
                row.cells.pop_back();
            }
        }
        if (row.cells.size() != sheet.header.size()) {
            errors.push_back(sheet_error(
                "sheet.ragged_row", file_name, row.line, 0,
                words("this row has {cells} cells but the header has {columns} columns (is the "
                      "separator \"{separator}\" right?)",
                      {{"cells", std::to_string(row.cells.size())},
                       {"columns", std::to_string(sheet.header.size())},
                       {"separator", sheet.separator == '\t' ? std::string("TAB")
                                                             : std::string(1, sheet.separator)}})));
        }
    }
    if (!errors.empty()) {
        throw LoadError(std::move(errors));
    }
    sheet.rows = std::move(state.rows);
    return sheet;
}

Sheet read_csv_sheet(const std::string& path, const SheetReadOptions& options) {
    return read_csv_sheet_text(read_file(path, options.max_file_bytes, options.language),
                               display_name(path), options);
}

SheetSet read_csv_sheets(const SheetFiles& files, const SheetReadOptions& options) {
    std::vector<Diagnostic> problems;
    auto read = [&](const std::string& path) -> std::optional<Sheet> {
        if (path.empty()) {
            return std::nullopt;
        }
        try {
            return read_csv_sheet(path, options);
        } catch (const LoadError& error) {
            problems.insert(problems.end(), error.diagnostics().begin(), error.diagnostics().end());
            return std::nullopt;
        }
    };
    SheetSet sheets;
    auto actors = read(files.actors);
    auto relations = read(files.relations);
    sheets.areas = read(files.areas);
    sheets.needs = read(files.needs);
    sheets.kinds = read(files.kinds);
    sheets.services = read(files.services);
    if (!problems.empty()) {
        throw LoadError(std::move(problems));
    }
    sheets.actors = std::move(*actors);
    sheets.relations = std::move(*relations);
    return sheets;
}

} // namespace stakemap::io
