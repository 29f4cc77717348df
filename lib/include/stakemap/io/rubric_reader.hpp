#pragma once
// Reading self-assessment rubrics (format "stakemap-rubric/1", docs/assessment.md).

#include "stakemap/model/map.hpp"
#include "stakemap/model/rubric.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace stakemap::io {

/// Reads rubric text; `file_name` is used in messages. `measures` are the measure ids an
/// indicator may name. Throws LoadError with every problem found (file, line, column, JSON
/// pointer), its messages in `language`.
model::Rubric read_rubric_text(std::string_view text, const std::string& file_name,
                               const std::vector<std::string>& measures,
                               model::Language language = model::Language::en);

/// Reads a rubric file. Throws FileError when it cannot be read, LoadError when it is not valid.
model::Rubric load_rubric(const std::string& path, const std::vector<std::string>& measures,
                          model::Language language = model::Language::en);

/// The raw text of data/assessment/default.json, compiled into the library.
std::string_view default_rubric_text();

} // namespace stakemap::io
