#pragma once
// Comma-separated lists as people write them in options and cells.

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace stakemap::model {

/// The items of `text` separated by `separator`, empty items left out.
inline std::vector<std::string> split_list(std::string_view text, char separator = ',') {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(separator, start), text.size());
        if (end > start) {
            items.emplace_back(text.substr(start, end - start));
        }
        start = end + 1;
    }
    return items;
}

} // namespace stakemap::model
