#include "stakemap/render/escape.hpp"

#include <cstddef>

namespace stakemap::render {

std::string wrap(std::string_view text, std::size_t width) {
    return wrap(text, width, width);
}

std::string wrap(std::string_view text, std::size_t first_width, std::size_t width) {
    auto characters = [](std::string_view s) {
        std::size_t count = 0;
        for (char c : s) {
            count += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1 : 0;
        }
        return count;
    };
    std::string out;
    std::size_t line = 0;
    std::size_t room = first_width;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        const std::string_view word = text.substr(start, end - start);
        const std::size_t length = characters(word);
        if (line > 0 && line + 1 + length > room) {
            out += '\n';
            line = 0;
            room = width;
        } else if (line > 0) {
            out += ' ';
            ++line;
        }
        out += word;
        line += length;
        start = end + 1;
    }
    return out;
}

} // namespace stakemap::render
