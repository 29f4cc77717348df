#include "stakemap/model/split.hpp"

namespace stakemap::model {

std::vector<std::string> split_list(std::string_view text, char separator) {
    constexpr std::string_view blank = " \t\n\r\f\v";
    std::vector<std::string> items;
    while (true) {
        const std::size_t end = text.find(separator);
        std::string_view item = text.substr(0, end);
        const std::size_t first = item.find_first_not_of(blank);
        if (first != std::string_view::npos) {
            item = item.substr(first, item.find_last_not_of(blank) - first + 1);
            items.emplace_back(item);
        }
        if (end == std::string_view::npos) {
            break;
        }
        text.remove_prefix(end + 1);
    }
    return items;
}

} // namespace stakemap::model
