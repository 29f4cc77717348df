#include "stakemap/report/prose.hpp"

namespace stakemap::report {

std::string list_and(const std::vector<std::string>& items, model::Language language) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) {
            out +=
                i + 1 == items.size() ? (language == model::Language::it ? " e " : " and ") : ", ";
        }
        out += items[i];
    }
    return out;
}

} // namespace stakemap::report
