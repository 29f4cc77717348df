#pragma once
// Small text helpers the io readers and writers share (private to lib/src/io/): UTF-8 checking,
// spreadsheet column letters, trimming a cell or an attribute value, and ASCII lower case for
// comparing names the file formats reserve.

#include <cstddef>
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

/// Length of the valid UTF-8 sequence at `i` (no overlong forms, surrogates or code points past
/// U+10FFFF), 0 when it is not one.
inline std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    const auto byte = [&](std::size_t k) -> unsigned {
        return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0U;
    };
    const auto continuation = [&](std::size_t k) {
        return (byte(k) & 0xC0U) == 0x80U;
    };
    const unsigned b0 = byte(0);
    if (b0 < 0x80U) {
        return 1;
    }
    if (b0 >= 0xC2U && b0 <= 0xDFU) {
        return continuation(1) ? 2 : 0;
    }
    if (b0 >= 0xE0U && b0 <= 0xEFU) {
        const unsigned low = b0 == 0xE0U ? 0xA0U : 0x80U;
        const unsigned high = b0 == 0xEDU ? 0x9FU : 0xBFU;
        return byte(1) >= low && byte(1) <= high && continuation(2) ? 3 : 0;
    }
    if (b0 >= 0xF0U && b0 <= 0xF4U) {
        const unsigned low = b0 == 0xF0U ? 0x90U : 0x80U;
        const unsigned high = b0 == 0xF4U ? 0x8FU : 0xBFU;
        return byte(1) >= low && byte(1) <= high && continuation(2) && continuation(3) ? 4 : 0;
    }
    return 0;
}

/// Whether the bytes are well-formed UTF-8 throughout.
inline bool is_utf8(std::string_view bytes) {
    for (std::size_t i = 0; i < bytes.size();) {
        const std::size_t length = utf8_sequence_length(bytes, i);
        if (length == 0) {
            return false;
        }
        i += length;
    }
    return true;
}

/// "A", "B", … "Z", "AA" for columns 0, 1, … 25, 26: the column letters a spreadsheet shows.
inline std::string column_letters(std::size_t column) {
    std::string letters;
    ++column;
    while (column > 0) {
        const std::size_t digit = (column - 1) % 26;
        letters.insert(letters.begin(), static_cast<char>('A' + digit));
        column = (column - 1) / 26;
    }
    return letters;
}

/// A byte as messages show it: "0xE9".
inline std::string hex_byte(unsigned char byte) {
    const char* digits = "0123456789ABCDEF";
    std::string out = "0x";
    out += digits[byte >> 4U];
    out += digits[byte & 0xFU];
    return out;
}

} // namespace stakemap::io
