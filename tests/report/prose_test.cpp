#include "stakemap/report/prose.hpp"

#include <doctest/doctest.h>

using stakemap::model::Language;
using stakemap::report::list_and;

TEST_CASE("prose: lists joined with commas and a final \"and\"") {
    CHECK(list_and({}, Language::en).empty());
    CHECK(list_and({"a"}, Language::en) == "a");
    CHECK(list_and({"a", "b"}, Language::en) == "a and b");
    CHECK(list_and({"a", "b", "c", "d"}, Language::en) == "a, b, c and d");
    // No serial comma, and no comma-splitting of items that hold commas themselves.
    CHECK(list_and({"Caritas, Prato", "Comune"}, Language::en) == "Caritas, Prato and Comune");
}

TEST_CASE("prose: Italian joins with \"e\"") {
    CHECK(list_and({"a"}, Language::it) == "a");
    CHECK(list_and({"a", "b"}, Language::it) == "a e b");
    CHECK(list_and({"arabo", "bengalese", "tigrino"}, Language::it) ==
          "arabo, bengalese e tigrino");
}

TEST_CASE("prose: items are text, not placeholders") {
    // The items are put into "{first} and {last}" once: braces in them are kept as written.
    CHECK(list_and({"{last}", "x"}, Language::en) == "{last} and x");
    CHECK(list_and({"a", "{first}"}, Language::it) == "a e {first}");
    CHECK(list_and({"{n}", "{first}", "{last}"}, Language::en) == "{n}, {first} and {last}");
}
