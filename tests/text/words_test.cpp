#include "stakemap/text/words.hpp"

#include <cstdlib>
#include <doctest/doctest.h>
#include <string>

using stakemap::text::Language;
using stakemap::text::Words;

TEST_CASE(
    "numbers people read: decimal comma and thousands dot in Italian, the opposite in English") {
    const Words it(Language::it);
    const Words en(Language::en);
    CHECK(it.integer(1650) == "1.650");
    CHECK(en.integer(1650) == "1,650");
    CHECK(it.integer(11) == "11");
    CHECK(it.integer(999) == "999");
    CHECK(it.integer(1000000) == "1.000.000");
    CHECK(en.integer(-12345) == "-12,345");
    CHECK(it.number(0.84) == "0,84");
    CHECK(en.number(0.84) == "0.84");
    CHECK(it.number(1650.5, 5) == "1.650,5");
    CHECK(en.number(1650.5, 5) == "1,650.5");
    CHECK(it.number(2.0 / 3.0) == "0,667");
    CHECK(it.number(0.0) == "0");
    CHECK(it.percent(0.864) == "86,4%");
    CHECK(en.percent(0.864) == "86.4%");
}

TEST_CASE("the Italian article before a percentage follows the number read aloud") {
    const Words it(Language::it);
    CHECK(it.percent_with_article(0.88) == "l'88%");
    CHECK(it.percent_with_article(0.8) == "l'80%");
    CHECK(it.percent_with_article(0.08) == "l'8%");
    CHECK(it.percent_with_article(0.085) == "l'8,5%");
    CHECK(it.percent_with_article(0.11) == "l'11%");
    CHECK(it.percent_with_article(0.01) == "l'1%");
    CHECK(it.percent_with_article(0.3) == "il 30%");
    CHECK(it.percent_with_article(0.18) == "il 18%");
    CHECK(it.percent_with_article(1.0) == "il 100%");
    CHECK(it.percent_with_article(0.0) == "lo 0%");
    CHECK(Words(Language::en).percent_with_article(0.88) == "88%");
}

TEST_CASE("messages come from the catalogue, with placeholders and plural forms") {
    const Words it(Language::it);
    const Words en(Language::en);
    CHECK(it.list_and({"a", "b", "c"}) == "a, b e c");
    CHECK(en.list_and({"a", "b", "c"}) == "a, b and c");
    CHECK(en.list_and({"a"}) == "a");
    CHECK(en.list_and({}).empty());
    CHECK(it("Options") == "Opzioni");
    CHECK(it.plural("{n} more warning; run `stakemap validate {map}` to see them all",
                    "{n} more warnings; run `stakemap validate {map}` to see them all", 1,
                    {{"map", "m.json"}}) ==
          "ancora 1 avvertimento; `stakemap validate m.json` li mostra tutti");
    CHECK(it.plural("{n} more warning; run `stakemap validate {map}` to see them all",
                    "{n} more warnings; run `stakemap validate {map}` to see them all", 1200,
                    {{"map", "m.json"}}) ==
          "ancora 1.200 avvertimenti; `stakemap validate m.json` li mostra tutti");
    CHECK(en.plural("{n} more warning; run `stakemap validate {map}` to see them all",
                    "{n} more warnings; run `stakemap validate {map}` to see them all", 1200,
                    {{"map", "m.json"}}) ==
          "1,200 more warnings; run `stakemap validate m.json` to see them all");
}

TEST_CASE("fill leaves unknown placeholders and braces alone") {
    using stakemap::text::fill;
    CHECK(fill("{a} and {b}", {{"a", "x"}}) == "x and {b}");
    CHECK(fill("no braces", {}) == "no braces");
    CHECK(fill("open { only", {{"a", "x"}}) == "open { only");
}

TEST_CASE("the environment chooses the language: LC_ALL, then LC_MESSAGES, then LANG") {
    using stakemap::text::language_from_environment;
    ::setenv("LC_ALL", "it_IT.UTF-8", 1);
    CHECK(language_from_environment() == Language::it);
    ::setenv("LC_ALL", "", 1);
    ::setenv("LC_MESSAGES", "en_GB.UTF-8", 1);
    ::setenv("LANG", "it_IT.UTF-8", 1);
    CHECK(language_from_environment() == Language::en);
    ::unsetenv("LC_MESSAGES");
    CHECK(language_from_environment() == Language::it);
    ::setenv("LANG", "xx_YY", 1);
    CHECK(language_from_environment() == Language::en);
    ::unsetenv("LANG");
    ::unsetenv("LC_ALL");
    CHECK(language_from_environment() == Language::en);
}

TEST_CASE("exact numbers read back as the same double") {
    using stakemap::text::exact_number;
    CHECK(exact_number(0.1) == "0.1");
    CHECK(exact_number(12.0) == "12");
    CHECK(exact_number(1.0 / 3.0) == "0.3333333333333333");
    CHECK(exact_number(6.4e-46) == "6.4e-46");
    CHECK(std::stod(exact_number(2.0 / 7.0)) == 2.0 / 7.0);
}
