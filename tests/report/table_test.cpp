#include "stakemap/report/table.hpp"

#include <clocale>
#include <doctest/doctest.h>

using namespace stakemap::report;

TEST_CASE("csv: quoting and formula neutralisation") {
    CHECK(csv_cell("plain") == "plain");
    CHECK(csv_cell("a,b") == "\"a,b\"");
    CHECK(csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
    CHECK(csv_cell("+39 06 123") == "'+39 06 123");
    CHECK(csv_cell("@sum") == "'@sum");
    CHECK(csv_cell("-2.5") == "-2.5");
    CHECK(csv_cell("-cmd") == "'-cmd");
    CHECK(csv_cell("line\nbreak") == "\"line\nbreak\"");
}

TEST_CASE("numbers: no locale, no exponent for ordinary values") {
    std::setlocale(LC_ALL, "it_IT.UTF-8"); // a decimal comma locale, if installed
    CHECK(format_number(0.1234567, 4) == "0.1235");
    CHECK(format_number(2.5) == "2.5");
    CHECK(format_number(1234567.0, 4) == "1234567");
    CHECK(format_number(0.0) == "0");
    CHECK(format_number(-0.0) == "0");
    CHECK(format_number(97.2972972, 3) == "97.3");
    CHECK(format_number(1e-7, 3) == "1e-07");
    std::setlocale(LC_ALL, "C");
}

TEST_CASE("tables: text alignment counts characters; Markdown escapes pipes") {
    Table table{{"name", "n"}, {{"Città", "1"}, {"a|b", "10"}}, {false, true}};
    CHECK(render_text(table) == "name    n\n-----  --\nCittà   1\na|b    10\n");
    CHECK(render_markdown(table) ==
          "| name | n |\n| --- | ---: |\n| Città | 1 |\n| a\\|b | 10 |\n");
    CHECK(render_csv(table) == "name,n\r\nCittà,1\r\na|b,10\r\n");
}
