#include "stakemap/model/split.hpp"

#include <doctest/doctest.h>

using stakemap::model::split_list;
using List = std::vector<std::string>;

TEST_CASE("split_list: items in order, trimmed, empties skipped") {
    CHECK(split_list("information,housing") == List{"information", "housing"});
    CHECK(split_list("a, b ,\tc") == List{"a", "b", "c"});
    CHECK(split_list("a,,b,") == List{"a", "b"});
    CHECK(split_list(",a, ,b") == List{"a", "b"});
    CHECK(split_list("a,a") == List{"a", "a"});
    CHECK(split_list("one item") == List{"one item"});
    CHECK(split_list("").empty());
    CHECK(split_list(" , ,").empty());
}

TEST_CASE("split_list: another separator") {
    CHECK(split_list("services=0.5; languages=0.2;", ';') == List{"services=0.5", "languages=0.2"});
    CHECK(split_list("a,b", ';') == List{"a,b"});
}
