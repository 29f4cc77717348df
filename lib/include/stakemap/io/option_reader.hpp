#pragma once
// Reading organisational options (format "stakemap-option/1", docs/assessment.md) and applying
// them to a map.

#include "stakemap/io/diagnostics.hpp"
#include "stakemap/model/map.hpp"
#include "stakemap/model/option.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace stakemap::io {

/// A map with one option applied.
struct AppliedOption {
    model::MapOption option;
    /// The map's actors but the removed ones, then the added actors; its relations but the
    /// removed ones (and those of removed actors), then the added relations.
    model::Map map;
    /// What the map reader warns about the added actors and relations (an unknown kind…), at
    /// the option file's lines.
    std::vector<Diagnostic> warnings;
};

/// Reads option text and applies it to `map`; `file_name` is used in messages and is the
/// option's id when the file gives none. The added actors and relations are checked by the map
/// reader's rules on the map they join, each problem placed at the option file's line and column.
/// Throws LoadError with every problem found, its messages in `language`.
AppliedOption apply_option_text(const model::Map& map, std::string_view text,
                                const std::string& file_name,
                                model::Language language = model::Language::en);

/// Reads an option file and applies it. Throws FileError when it cannot be read, LoadError when
/// it is not valid or does not fit the map.
AppliedOption apply_option_file(const model::Map& map, const std::string& path,
                                model::Language language = model::Language::en);

} // namespace stakemap::io
