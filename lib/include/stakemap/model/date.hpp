#pragma once
// Calendar dates as written in maps: YYYY-MM-DD.

#include <optional>
#include <string_view>

namespace stakemap::model {

/// A calendar date, comparable; built only from valid YYYY-MM-DD text.
struct Date {
    int year = 0;
    int month = 0;
    int day = 0;
    auto operator<=>(const Date&) const = default;
};

/// Parses YYYY-MM-DD; nullopt when the text is not a real calendar date.
std::optional<Date> parse_date(std::string_view text);

} // namespace stakemap::model
