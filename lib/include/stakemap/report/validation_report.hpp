#pragma once
// How `validate` results are printed, in the reader's language.

#include "stakemap/io/map_reader.hpp"
#include "stakemap/report/document.hpp"
#include "stakemap/report/table.hpp"
#include "stakemap/text/words.hpp"

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace stakemap::report {

/// The element of a map's list a JSON pointer is in, counted from 1 as people count:
/// "/relations/11/source" → "the 12th relation" ("la 12ª relazione"); "" outside the lists.
std::string list_element(const std::string& pointer, const text::Words& words);

/// `{"valid", "errors", "warnings", "diagnostics": [...]}`; each diagnostic with its severity,
/// code, file, line, column, pointer, element (list_element) and message.
nlohmann::ordered_json validation_results(const io::ReadResult& result, bool strict,
                                          const text::Words& words);

/// One row per diagnostic: severity, location, pointer, element, message.
Table validation_table(const io::ReadResult& result, const text::Words& words);

/// One diagnostic as a line of text: "FILE:LINE:COL: error: POINTER (the 12th relation): MESSAGE".
std::string diagnostic_line(const io::Diagnostic& diagnostic, const text::Words& words);

/// The closing line of a text report, e.g. "map.json: valid (75 actors, 189 relations, 0
/// warnings)".
std::string validation_summary(const io::ReadResult& result, const std::string& file, bool strict,
                               const text::Words& words);

/// `validate`: every diagnostic of a map read with `result`, and whether the map is valid (with
/// `strict`, warnings count as errors: problems_found is set when it is not valid). `file` is the
/// map's name as the summary line shows it.
Document validation_document(const io::ReadResult& result, const std::string& file, bool strict,
                             model::Language language);

} // namespace stakemap::report
