#pragma once
// Reading expected-tie rules files (format "stakemap-rules/1", docs/gaps.md).

#include "stakemap/model/rules.hpp"

#include <string>
#include <string_view>

namespace stakemap::io {

/// Reads rules text; `file_name` is used in messages. Throws LoadError with every problem found
/// (file, line, column, JSON pointer), its messages in `language`.
model::RuleSet read_rules_text(std::string_view text, const std::string& file_name,
                               model::Language language = model::Language::en);

/// Reads a rules file. Throws FileError when it cannot be read, LoadError when it is not valid,
/// with messages in `language`.
model::RuleSet load_rules(const std::string& path, model::Language language = model::Language::en);

/// The rules shipped in data/rules/default.json, compiled into the library.
const model::RuleSet& default_rules();

} // namespace stakemap::io
