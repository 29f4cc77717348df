#pragma once
// Excel workbooks (.xlsx) of a map's sheets: the template a workgroup fills in (`stakemap
// template`) and a map exported the same way (`stakemap export --to xlsx`). One sheet per list with
// a bold, frozen header and drop-down lists, a sheet that explains every column, and a hidden sheet
// holding the long lists. The same input gives the same bytes.

#include "stakemap/io/export.hpp"
#include "stakemap/io/sheet_export.hpp"
#include "stakemap/model/map.hpp"

#include <string>
#include <vector>

namespace stakemap::io {

/// The name of the sheet that explains the columns: "Leggimi" or "Read me".
std::string readme_sheet_name(model::Language language);
/// The name of the hidden sheet of vocabulary lists: "liste" or "lists".
std::string lists_sheet_name(model::Language language);

/// The small map whose rows the template shows as examples: two areas, two actors, two relations,
/// two needs, in Italian or in English. It passes validation.
model::Map template_map(model::Language language);

/// The template's sheets: actors, relations, areas and needs with the two example rows each.
std::vector<SheetTable> template_sheets(model::Language language);

/// The workbook of these sheets, as the bytes of an .xlsx file. Sheets in this order: the read-me
/// sheet, then the tables, then the hidden lists. Headers are bold and frozen; numbers are number
/// cells; yes/no and dates are text (sì/no, 2024-03-01), the way import reads them; drop-down lists
/// (data validation of type list) on kind, level, relation type, formality, service of a need,
/// yes/no columns, and the relation's source and target (the id column of the actors sheet). The
/// document's creation date is `created` (YYYY-MM-DD; 2000-01-01 when empty or not a date), so the
/// bytes do not depend on the time they are written. Throws FileError when the temporary file the
/// workbook is assembled in cannot be written.
std::string write_workbook(const std::vector<SheetTable>& tables, model::Language language,
                           const std::string& title = {}, const std::string& created = {});

/// The template workbook (`stakemap template`).
std::string template_workbook(model::Language language);

/// The map as a workbook (`stakemap export --to xlsx`): map_sheets in options.language (area
/// language shares with a decimal comma in Italian), relations filtered by options.types and
/// options.at, created on the map's date.
std::string export_workbook(const model::Map& map, const ExportOptions& options);

} // namespace stakemap::io
