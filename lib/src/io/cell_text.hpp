#pragma once
// Small text helpers the io readers and writers share (private to lib/src/io/): trimming a cell or
// an attribute value, and ASCII lower case for comparing names the file formats reserve.

#include <string>
#include <string_view>

namespace stakemap::io {

/// The text without spaces, tabs and line breaks at either end.
inline std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return "";
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

/// The text with ASCII capitals in lower case (other bytes, UTF-8 included, unchanged).
inline std::string lowered(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

} // namespace stakemap::io
