#include "stakemap/model/date.hpp"

#include <doctest/doctest.h>

using stakemap::model::parse_date;

TEST_CASE("dates: real calendar dates only") {
    CHECK(parse_date("2024-02-29").has_value());
    CHECK_FALSE(parse_date("2023-02-29").has_value());
    CHECK_FALSE(parse_date("2024-02-30").has_value());
    CHECK_FALSE(parse_date("2024-13-01").has_value());
    CHECK_FALSE(parse_date("2024-1-01").has_value());
    CHECK_FALSE(parse_date("24-01-01x").has_value());
    CHECK(*parse_date("2024-01-31") < *parse_date("2024-02-01"));
}
