#pragma once
// Reading and writing whole files safely.

#include "stakemap/model/map.hpp"

#include <cstddef>
#include <string>

namespace stakemap::io {

/// The whole content of a file, or of standard input for "-". Throws FileError, and LoadError
/// (code "file.too_large") when the content exceeds `max_bytes`, with messages in `language`.
std::string read_file(const std::string& path, std::size_t max_bytes,
                      model::Language language = model::Language::en);

/// Writes `content` to `path` atomically: a temporary file in the same folder, flushed, then
/// renamed over the target. On failure nothing is left behind and FileError is thrown, with its
/// message in `language`.
void write_file_atomically(const std::string& path, const std::string& content,
                           model::Language language = model::Language::en);

/// How a path is shown in messages: "<stdin>" for "-", else the path as given.
std::string display_name(const std::string& path);

} // namespace stakemap::io
