#pragma once
// Small text helpers the io readers and writers share (private to lib/src/io/): UTF-8 checking,
// spreadsheet column letters, trimming a cell or an attribute value, and ASCII lower case for
// comparing names the file formats reserve.

#include <cstddef>
#include <cstdint>
#include <optional>
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

/// Offset of the first byte that does not start a valid UTF-8 sequence, or npos.
inline std::size_t first_invalid_utf8(std::string_view bytes) {
    for (std::size_t i = 0; i < bytes.size();) {
        const std::size_t length = utf8_sequence_length(bytes, i);
        if (length == 0) {
            return i;
        }
        i += length;
    }
    return std::string_view::npos;
}

/// A numeric character reference in XML text (&#65; or &#x41;) to what XML 1.0 allows no text to
/// hold: &#0;, a surrogate such as &#xD800;, &#xFFFE;, or a number past U+10FFFF (pugixml would
/// decode those into bytes that are not UTF-8). `offset` is where "&#" starts; `length` runs to
/// the ';'.
struct BadReference {
    std::size_t offset = 0;
    std::size_t length = 0;
};

/// The first such reference in `xml`, or nothing. Linear: each "&#" reads only its own digits.
inline std::optional<BadReference> first_bad_reference(std::string_view xml) {
    for (std::size_t at = xml.find("&#"); at != std::string_view::npos;
         at = xml.find("&#", at + 2)) {
        const bool hex = at + 2 < xml.size() && xml[at + 2] == 'x';
        const std::size_t first = at + (hex ? 3 : 2);
        std::size_t end = first;
        std::uint64_t code = 0;
        bool too_large = false;
        for (; end < xml.size(); ++end) {
            const char c = xml[end];
            unsigned digit = 0;
            if (c >= '0' && c <= '9') {
                digit = static_cast<unsigned>(c - '0');
            } else if (hex && c >= 'a' && c <= 'f') {
                digit = static_cast<unsigned>(c - 'a' + 10);
            } else if (hex && c >= 'A' && c <= 'F') {
                digit = static_cast<unsigned>(c - 'A' + 10);
            } else {
                break;
            }
            code = code * (hex ? 16U : 10U) + digit;
            too_large = too_large || code > 0x10FFFFU;
            if (too_large) {
                code = 0x110000U; // keeps the number bounded while the digits are read
            }
        }
        if (end == first || end == xml.size() || xml[end] != ';') {
            continue; // not a reference: the XML parser reports it or keeps it as text
        }
        const bool allowed =
            !too_large &&
            (code == 0x9 || code == 0xA || code == 0xD || (code >= 0x20 && code <= 0xD7FF) ||
             (code >= 0xE000 && code <= 0xFFFD) || (code >= 0x10000 && code <= 0x10FFFF));
        if (!allowed) {
            return BadReference{at, end - at + 1};
        }
    }
    return std::nullopt;
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
