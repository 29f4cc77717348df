#include "stakemap/report/prose.hpp"

#include "stakemap/text/words.hpp"

namespace stakemap::report {

std::string list_and(const std::vector<std::string>& items, model::Language language) {
    return text::Words(language).list_and(items);
}

} // namespace stakemap::report
