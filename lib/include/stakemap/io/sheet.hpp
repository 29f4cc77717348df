#pragma once
// Spreadsheets as people save them from Excel or LibreOffice: CSV sheets read into rows of text
// cells, and a set of sheets (actors, relations, areas, needs) turned into a map (SPEC §4.2).

#include "stakemap/io/diagnostics.hpp"
#include "stakemap/model/map.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stakemap::io {

/// One row of a sheet: its cells, in header order, and the file line where it starts (1-based;
/// the header is line 1 unless blank lines precede it).
struct SheetRow {
    std::size_t line = 0;
    std::vector<std::string> cells;
    bool operator==(const SheetRow&) const = default;
};

/// A sheet read from a file: the header names and the data rows, every cell in UTF-8.
struct Sheet {
    std::string file; ///< as given by the user, for messages
    std::vector<std::string> header;
    std::size_t header_line = 1;
    std::vector<SheetRow> rows;
    char separator = ','; ///< ',', ';' or '\t', detected from the header line
    std::string encoding; ///< "UTF-8" or "CP1252" (converted to UTF-8)
    bool operator==(const Sheet&) const = default;
};

/// Options of CSV reading.
struct SheetReadOptions {
    std::size_t max_file_bytes = std::size_t{512} * 1024 * 1024; ///< larger files are refused
    std::size_t max_rows = 1'000'000;                            ///< more rows are refused
    model::Language language = model::Language::en;              ///< of the messages
};

/// Parses CSV bytes: the separator (',' ';' or tab) is the one the header line uses most outside
/// quotes; UTF-8 with or without a BOM, else Windows-1252 converted to UTF-8; CRLF or LF; RFC 4180
/// quotes (separators, line breaks and doubled quotes inside). Blank lines are skipped. Throws
/// LoadError (every problem, with line and column) for a NUL byte, bytes that are neither UTF-8
/// nor Windows-1252, an unclosed quote, an empty file or rows with more or fewer cells than the
/// header.
Sheet read_csv_sheet_text(std::string_view bytes, const std::string& file_name,
                          const SheetReadOptions& options = {});

/// Reads a CSV file ("-": standard input) as read_csv_sheet_text; throws FileError when it cannot
/// be read.
Sheet read_csv_sheet(const std::string& path, const SheetReadOptions& options = {});

/// The sheets of one map; actors and relations are required, the others optional.
struct SheetSet {
    Sheet actors;
    Sheet relations;
    std::optional<Sheet> areas;
    std::optional<Sheet> needs;
    std::optional<Sheet> kinds;    ///< the map's own kinds (tipi)
    std::optional<Sheet> services; ///< the map's own services (servizi)
};

/// The outcome of an import: a map when there is no error, and every diagnostic found.
struct ImportResult {
    std::optional<model::Map> map;
    std::vector<Diagnostic> diagnostics; ///< errors and warnings, by file then line
    std::size_t error_count = 0;
    std::size_t warning_count = 0;
    bool ok() const { return error_count == 0; }
};

/// The map the sheets describe (SPEC §4.2): columns named in English or Italian (compared without
/// case, accents, spaces or underscores), numbers with a decimal point or comma, yes/no in either
/// language, lists separated by '|', vocabulary values by id or by label. Unknown columns of actors
/// and relations go to their `attributes` (as text), never dropped. The map is then checked by the
/// same rules as a map file; a problem found there is reported at the row and column it comes from.
ImportResult import_sheets(const SheetSet& sheets, model::Language language = model::Language::en);

} // namespace stakemap::io
