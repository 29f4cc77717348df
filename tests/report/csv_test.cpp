#include "stakemap/report/csv.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using stakemap::report::records_to_csv;
using Json = nlohmann::ordered_json;

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
    CHECK(records_to_csv(records) ==
          "id,name,score,share,n,ok,missing,services,coverage.score,coverage.rank,extra\r\n"
          "a,\"'=HYPERLINK(\"\"x\"\")\",0.1,-0.5,1650,true,,legal|health,0.3333333333333333,2,\r\n"
          "b,\"Caritas, Prato\",1e-300,2,-3,false,,,,,x\r\n");
    // Excel in an Italian locale: BOM, ';', decimal comma (cells with a comma are quoted).
    CHECK(records_to_csv(records, {.excel_it = true}) ==
          "\xEF\xBB\xBF"
          "id;name;score;share;n;ok;missing;services;coverage.score;coverage.rank;extra\r\n"
          "a;\"'=HYPERLINK(\"\"x\"\")\";\"0,1\";\"-0,5\";1650;true;;legal|health;\"0,"
          "3333333333333333\";2;\r\n"
          "b;\"Caritas, Prato\";1e-300;2;-3;false;;;;;x\r\n");
}

TEST_CASE("CSV from JSON records: one object is one row, plain values a \"value\" column") {
    CHECK(records_to_csv(Json::parse(R"({"actors": 12, "density": 0.25})")) ==
          "actors,density\r\n12,0.25\r\n");
    CHECK(records_to_csv(Json::parse(R"([1, "x", null])")) == "value\r\n1\r\nx\r\n\r\n");
}

TEST_CASE("CSV from JSON records: an empty list writes the columns asked for") {
    CHECK(records_to_csv(Json::array(), {.columns = {"id", "score"}}) == "id,score\r\n");
    CHECK(records_to_csv(Json::array(), {.excel_it = true, .columns = {"id", "score"}}) ==
          "\xEF\xBB\xBF"
          "id;score\r\n");
    // Listed columns come first even when the records name them later; the others follow in the
    // order they first appear.
    CHECK(records_to_csv(Json::parse(R"([{"b": 1, "id": "x"}, {"c": 2, "id": "y"}])"),
                         {.columns = {"id"}}) == "id,b,c\r\nx,1,\r\ny,,2\r\n");
}

TEST_CASE("CSV from JSON records: nesting, empty objects and lists of objects") {
    // {} adds no column; a list holding an object stays compact JSON (quoted for its quotes);
    // a list of plain values is joined with '|', null as an empty part.
    const auto records = Json::parse(R"([
        {"id": "a", "paths": {}, "groups": [{"x": 1}], "tags": [true, null, 2.5]},
        {"id": "b", "paths": {"to": {"institution": 2}}}
    ])");
    CHECK(records_to_csv(records) == "id,groups,tags,paths.to.institution\r\n"
                                     "a,\"[{\"\"x\"\":1}]\",true||2.5,\r\n"
                                     "b,,,2\r\n");
}

TEST_CASE("CSV from JSON records: numbers read back as the same double, never \"-0\"") {
    const auto records = Json::parse(R"([{"a": 0.30000000000000004, "b": -0.0, "c": 12.0,
        "d": 18446744073709551615, "e": -9223372036854775808, "f": 1.5e-300}])");
    CHECK(records_to_csv(records) == "a,b,c,d,e,f\r\n"
                                     "0.30000000000000004,0,12,18446744073709551615,"
                                     "-9223372036854775808,1.5e-300\r\n");
    // Excel-it: only floats get the decimal comma (and are quoted for it); integers and text that
    // looks like a number are left alone.
    const auto mixed = Json::parse(R"([{"f": 1650.5, "g": -1.5e-300, "n": 1650, "s": "0.5"}])");
    CHECK(records_to_csv(mixed, {.excel_it = true}) == "\xEF\xBB\xBF"
                                                       "f;g;n;s\r\n"
                                                       "\"1650,5\";\"-1,5e-300\";1650;0.5\r\n");
}

TEST_CASE("CSV from JSON records: separators inside text are quoted in both styles") {
    const auto records = Json::parse(R"([{"name": "a;b", "other": "c,d"}])");
    CHECK(records_to_csv(records) == "name,other\r\n\"a;b\",\"c,d\"\r\n");
    CHECK(records_to_csv(records, {.excel_it = true}) == "\xEF\xBB\xBF"
                                                         "name;other\r\n\"a;b\";\"c,d\"\r\n");
}
