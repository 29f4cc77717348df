#pragma once
// A map as the sheets a workgroup fills in (SPEC §4.2), the other way round from io/sheet.hpp: one
// table per list (actors, relations, areas, needs, and kinds and services when the map defines its
// own), with the column names of docs/spreadsheets.md in Italian or English, and these tables
// written as CSV files that `stakemap import` reads back into the same map.

#include "stakemap/io/export.hpp"
#include "stakemap/model/map.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace stakemap::io {

/// The lists a map is cut into, in the order they are written.
enum class SheetKind { actors, relations, areas, needs, kinds, services };

/// The name of a sheet in a language: "attori", "relazioni", "aree", "bisogni", "tipi", "servizi"
/// in Italian; "actors", "relations", … in English. These are the names import recognises.
std::string sheet_name(SheetKind kind, model::Language language);

/// A date cell: YYYY-MM-DD.
struct DateCell {
    std::string iso;
    bool operator==(const DateCell&) const = default;
};

/// One typed cell: empty, text, number, yes/no or date.
using SheetCell = std::variant<std::monostate, std::string, double, bool, DateCell>;

/// One sheet: its column names in the chosen language and one row of cells per item, in map order.
struct SheetTable {
    SheetKind kind = SheetKind::actors;
    std::string name; ///< sheet_name(kind, language)
    /// What each column holds: the map's field name ("id", "kind", …) or, for an attribute column,
    /// "attributes/" followed by the attribute's name.
    std::vector<std::string> fields;
    std::vector<std::string> header; ///< the column names people read
    std::vector<std::vector<SheetCell>> rows;
    bool operator==(const SheetTable&) const = default;
};

/// Options of map_sheets.
struct SheetExportOptions {
    /// Of column names, sheet names, vocabulary labels and yes/no.
    model::Language language = model::Language::en;
    /// Write the shares of area languages with a decimal comma ("ar:0,32|wo:0,18").
    bool decimal_comma = false;
    /// Keep only relations of these types; empty keeps every relation.
    std::vector<std::string> types;
    /// Keep only relations in force on this date (YYYY-MM-DD); none keeps every relation.
    std::optional<std::string> at;
};

/// The sheets of a map: actors, relations, areas and needs always (a header alone when the list is
/// empty), kinds and services when the map declares its own. Every field of every actor and
/// relation has a column; actor attributes follow as columns of their own, named as the attribute.
/// Kinds, levels, relation types, formality and services are written as their label in the chosen
/// language when the default vocabulary knows them (import maps the label back to the id), as their
/// id otherwise; lists are joined with "|"; a relation whose direction comes from the map's default
/// says it in its own row. Throws UsageError (setting "at") when `at` is not a date.
std::vector<SheetTable> map_sheets(const model::Map& map, const SheetExportOptions& options = {});

/// The vocabulary lists whose terms a sheet cell may name.
enum class VocabularyList { kinds, levels, relation_types, formality, services };

/// What the sheets write for each term of a list of the default vocabulary, in its order: the
/// label in `language` (the id when import would not read the label back as that term).
std::vector<std::string> vocabulary_words(VocabularyList list, model::Language language);

/// "sì"/"no" in Italian, "yes"/"no" in English: how the sheets write yes and no.
std::string yes_no_word(bool yes, model::Language language);

/// The CSV conventions written.
enum class CsvDialect {
    plain,    ///< ',' separator, decimal point, UTF-8 without BOM, LF line ends
    excel_it, ///< ';' separator, decimal comma, UTF-8 with BOM, CRLF: what Italian Excel opens
};

/// A text cell made safe for spreadsheet programs, which take a cell starting with '=', '+', '-',
/// '@', tab or carriage return for a formula: such a text, or one that is only apostrophes before
/// such a character, gets one more apostrophe in front ("-2+3" → "'-2+3", "'=x" → "''=x").
/// read_csv_sheet takes exactly that apostrophe off again, so the text comes back as it was.
std::string neutralized_text(std::string_view text);

/// The sheet as CSV bytes: RFC 4180 quoting where a cell needs it, numbers in the dialect's
/// decimal separator, yes/no as "sì"/"no" or "yes"/"no" in `language`, dates as YYYY-MM-DD, text
/// cells neutralised (neutralized_text).
std::string write_csv_table(const SheetTable& table, CsvDialect dialect,
                            model::Language language = model::Language::en);

/// One file of a folder of sheets: its name ("attori.csv") and bytes.
struct SheetFile {
    std::string name;
    std::string content;
};

/// The CSV files of the sheets, named after them ("attori.csv", "relations.csv", …).
std::vector<SheetFile> csv_sheet_files(const std::vector<SheetTable>& tables, CsvDialect dialect,
                                       model::Language language = model::Language::en);

/// Writes the files into `folder`, created when missing, each file atomically. Throws FileError,
/// with its message in `language`, when the folder cannot be made or a file cannot be written.
void write_sheet_folder(const std::string& folder, const std::vector<SheetFile>& files,
                        model::Language language = model::Language::en);

/// The files `stakemap export --to csv` writes: the sheets of map_sheets in options.language, as
/// CSV in the plain dialect or, with options.excel_it, the Italian Excel one (whose area language
/// shares then have a decimal comma too), relations filtered by options.types and options.at.
std::vector<SheetFile> export_sheet_files(const model::Map& map, const ExportOptions& options);

} // namespace stakemap::io
