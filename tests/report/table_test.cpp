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

#include "stakemap/report/csv.hpp"

#include <nlohmann/json.hpp>

TEST_CASE("CSV from JSON records: full precision, flattened, neutralised, and the Excel-it style") {
    const auto records = nlohmann::ordered_json::parse(R"json([
        {"id": "a", "name": "=HYPERLINK(\"x\")", "score": 0.1, "share": -0.5, "n": 1650,
         "ok": true, "missing": null, "services": ["legal", "health"],
         "coverage": {"score": 0.3333333333333333, "rank": 2}},
        {"id": "b", "name": "Caritas, Prato", "score": 1e-300, "share": 2, "n": -3,
         "ok": false, "missing": null, "services": [], "extra": "x"}
    ])json");
    // Columns in first-seen order, "extra" last; nested objects as dotted columns; lists joined
    // with '|'; numbers as the shortest text that reads back as the same double.
    CHECK(stakemap::report::records_to_csv(records) ==
          "id,name,score,share,n,ok,missing,services,coverage.score,coverage.rank,extra\r\n"
          "a,\"'=HYPERLINK(\"\"x\"\")\",0.1,-0.5,1650,true,,legal|health,0.3333333333333333,2,\r\n"
          "b,\"Caritas, Prato\",1e-300,2,-3,false,,,,,x\r\n");
    // Excel in an Italian locale: BOM, ';', decimal comma (cells with a comma are quoted).
    CHECK(stakemap::report::records_to_csv(records, {.excel_it = true}) ==
          "\xEF\xBB\xBF"
          "id;name;score;share;n;ok;missing;services;coverage.score;coverage.rank;extra\r\n"
          "a;\"'=HYPERLINK(\"\"x\"\")\";\"0,1\";\"-0,5\";1650;true;;legal|health;\"0,"
          "3333333333333333\";2;\r\n"
          "b;\"Caritas, Prato\";1e-300;2;-3;false;;;;;x\r\n");
}
