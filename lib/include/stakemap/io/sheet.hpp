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
/// the header is line 1 unless blank lines precede it). In a workbook, `line` is the row number
/// the spreadsheet shows.
struct SheetRow {
    std::size_t line = 0;
    std::vector<std::string> cells;
    bool operator==(const SheetRow&) const = default;
};

/// A sheet read from a file: the header names and the data rows, every cell in UTF-8.
struct Sheet {
    std::string file; ///< as given by the user, for messages
    std::string name; ///< the sheet's name in a workbook ("relazioni"); "" for a CSV file
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

/// The CSV files of a map's sheets: actors and relations are needed, "" leaves another out.
struct SheetFiles {
    std::string actors;
    std::string relations;
    std::string areas;
    std::string needs;
    std::string kinds;
    std::string services;
};

/// Reads every sheet named as read_csv_sheet, reporting the problems of all of them in one
/// LoadError.
SheetSet read_csv_sheets(const SheetFiles& files, const SheetReadOptions& options = {});

/// Limits of workbook reading (SPEC §7). A workbook is a zip archive of XML parts: these bound
/// what a small file can ask to unpack.
struct WorkbookLimits {
    std::size_t max_entries = 10'000;                              ///< files in the archive
    std::size_t max_part_bytes = std::size_t{256} * 1024 * 1024;   ///< one part, unpacked
    std::size_t max_total_bytes = std::size_t{1024} * 1024 * 1024; ///< all parts read, unpacked
    std::size_t max_ratio = 200;     ///< unpacked / packed size of a part larger than 1 MiB
    std::size_t max_columns = 1'000; ///< columns of a sheet, up to its last named column
    /// Cells with a value in the workbook, and rows × named columns of one sheet.
    std::size_t max_cells = 5'000'000;
};

/// Reads the sheets of a workbook, Excel (.xlsx) or OpenDocument (.ods), told apart by their
/// content: one sheet per list, named in Italian or English (attori/actors, relazioni/relations,
/// aree/areas, bisogni/needs, tipi/kinds, servizi/services) up to case, accents and spaces; other
/// sheets are ignored. The first non-empty row of a sheet names the columns; each row keeps the
/// number the spreadsheet shows. Typed cells become the text the importer reads: numbers without
/// locale ("0.3", "12"), dates as YYYY-MM-DD, yes/no as "true"/"false". Throws LoadError (exit 3)
/// for a file that is not a workbook, an encrypted one, a part with a DOCTYPE or an entity
/// declaration, an archive over the limits, or missing sheets; FileError (exit 4) when the file
/// cannot be read.
SheetSet read_workbook_bytes(std::string_view bytes, const std::string& file_name,
                             const SheetReadOptions& options = {},
                             const WorkbookLimits& limits = {});

/// Reads a workbook file ("-": standard input) as read_workbook_bytes.
SheetSet read_workbook(const std::string& path, const SheetReadOptions& options = {},
                       const WorkbookLimits& limits = {});

/// The CSV sheets of a folder, found by their file names as a workbook's sheets by theirs
/// (attori.csv or actors.csv, relazioni.csv or relations.csv, aree.csv, bisogni.csv, tipi.csv,
/// servizi.csv, in either language); other files are ignored. Throws LoadError for missing or
/// repeated sheets and for the problems of every sheet read, FileError when the folder cannot be
/// read.
SheetSet read_sheet_folder(const std::string& folder, const SheetReadOptions& options = {});

/// The sheets at `path`: a folder of CSV sheets (read_sheet_folder) or a workbook (read_workbook).
/// Throws UsageError for a single .csv, .tsv or .txt file, which holds only one sheet.
SheetSet read_sheets(const std::string& path, const SheetReadOptions& options = {});

/// "FILE, sheet "NAME", row ROW[, column "COLUMN"]" in the language of `words`: where a problem
/// of a workbook's sheet is (Diagnostic::where).
std::string sheet_place(const text::Words& words, const std::string& file, const std::string& sheet,
                        std::size_t row, const std::string& column = "");

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
