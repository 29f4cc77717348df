#pragma once
// Reading maps (format stakemap/1) with every error collected and located.

#include "stakemap/io/diagnostics.hpp"
#include "stakemap/model/map.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stakemap::io {

/// The range of a relation's weight. Bounded so that every sum an analysis makes of weights (an
/// actor's strength, a map's total weight, modularity's products) and of their inverses (path
/// lengths) stays finite and keeps its precision on any map the reader accepts: a map of 10^7
/// relations of the largest weight totals 10^16, far from overflow.
inline constexpr double min_weight = 1e-9;
inline constexpr double max_weight = 1e9;

/// How to read: limits that protect the reader from hostile or accidental input, and the language
/// of the messages.
struct ReadOptions {
    std::size_t max_file_bytes = std::size_t{512} * 1024 * 1024; ///< larger files are refused
    std::size_t max_depth = 64;             ///< deeper nesting is refused while parsing
    std::size_t max_errors = 100;           ///< errors kept; the rest are counted in a final note
    std::size_t max_actors = 1'000'000;     ///< more actors are refused (map.too_many_actors)
    std::size_t max_relations = 10'000'000; ///< more relations are refused (map.too_many_relations)
    /// The language diagnostics are written in (their `code` is the same in every language).
    model::Language language = model::Language::en;
};

/// The outcome of reading: a map when there is no error, and every diagnostic found.
struct ReadResult {
    std::optional<model::Map> map;
    std::vector<Diagnostic> diagnostics; ///< in document order, errors and warnings mixed
    std::size_t error_count = 0;         ///< errors found, including those beyond the cap
    std::size_t warning_count = 0;
    bool ok() const { return error_count == 0; }
};

/// Reads map text; `file_name` is used in diagnostics only.
ReadResult read_map_text(std::string_view text, const std::string& file_name,
                         const ReadOptions& options = {});

/// Reads a map file, or standard input when `path` is "-". Throws FileError when it cannot be read.
ReadResult read_map_file(const std::string& path, const ReadOptions& options = {});

/// Reads a map file and returns it; throws LoadError when it has errors, FileError when unreadable.
model::Map load_map(const std::string& path, const ReadOptions& options = {});

} // namespace stakemap::io
