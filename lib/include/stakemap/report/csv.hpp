#pragma once
// CSV is data, not a table for reading: the rows, order and values of the JSON results, flattened
// (RFC 4180). Numbers keep full precision (the shortest text that reads back as the same double);
// nested objects become dotted columns ("coverage.score"), lists of plain values one cell joined
// with '|'. `excel_it` writes what Excel in an Italian locale opens into the right columns: ';' as
// separator, a UTF-8 byte order mark and the decimal comma.

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace stakemap::report {

struct CsvStyle {
    bool excel_it = false;
    /// Columns written first and always, even when there is no record (the header of an empty
    /// list); keys not listed follow in the order they first appear.
    std::vector<std::string> columns = {};
};

/// One row per element of `records` (an array of objects; an object is one row). Columns are the
/// keys in the order they first appear. Cells that a spreadsheet would run as a formula are
/// neutralised (csv_cell).
std::string records_to_csv(const nlohmann::ordered_json& records, CsvStyle style = {});

} // namespace stakemap::report
