#include "stakemap/report/validation_report.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace stakemap;

namespace {

const text::Words english(text::Language::en);
const text::Words italian(text::Language::from_code("it"));

} // namespace

TEST_CASE("validate: the list element of a pointer, counted from 1") {
    CHECK(report::list_element("/relations/11/source", english) == "the 12th relation");
    CHECK(report::list_element("/relations/11/source", italian) == "la 12ª relazione");
    CHECK(report::list_element("/actors/0", english) == "the 1st actor");
    CHECK(report::list_element("/actors/0", italian) == "il 1º attore");
    CHECK(report::list_element("/actors/1/services/3", english) == "the 2nd actor");
    CHECK(report::list_element("/areas/2/languages/ar", english) == "the 3rd area");
    CHECK(report::list_element("/areas/2/languages/ar", italian) == "la 3ª area");
    CHECK(report::list_element("/kinds/3", english) == "the 4th kind");
    CHECK(report::list_element("/services/0", italian) == "il 1º servizio");
    CHECK(report::list_element("/needs/1", italian) == "il 2º bisogno");
    // English endings: 11th–13th, 21st, 22nd, 23rd, 111th, 112th.
    CHECK(report::list_element("/relations/10", english) == "the 11th relation");
    CHECK(report::list_element("/relations/12", english) == "the 13th relation");
    CHECK(report::list_element("/relations/20", english) == "the 21st relation");
    CHECK(report::list_element("/relations/21", english) == "the 22nd relation");
    CHECK(report::list_element("/relations/22", english) == "the 23rd relation");
    CHECK(report::list_element("/relations/110", english) == "the 111th relation");
    CHECK(report::list_element("/relations/111", english) == "the 112th relation");
    CHECK(report::list_element("/relations/1649", english) == "the 1,650th relation");
    // Italian elides the article before an ordinal read with a vowel: ottava, undicesima,
    // ottantunesimo, ottocentesima, undicimillesima; not before primo, diciottesimo or 110.
    CHECK(report::list_element("/relations/7", italian) == "l'8ª relazione");
    CHECK(report::list_element("/relations/10", italian) == "l'11ª relazione");
    CHECK(report::list_element("/actors/80", italian) == "l'81º attore");
    CHECK(report::list_element("/relations/799", italian) == "l'800ª relazione");
    CHECK(report::list_element("/relations/10999", italian) == "l'11.000ª relazione");
    CHECK(report::list_element("/areas/7", italian) == "l'8ª area");
    CHECK(report::list_element("/relations/17", italian) == "la 18ª relazione");
    CHECK(report::list_element("/relations/109", italian) == "la 110ª relazione");
    CHECK(report::list_element("/relations/1649", italian) == "la 1.650ª relazione");
    // Outside the lists, or not an index: nothing.
    CHECK(report::list_element("", english).empty());
    CHECK(report::list_element("/format", english).empty());
    CHECK(report::list_element("/actors", english).empty());
    CHECK(report::list_element("/actors/x", english).empty());
    CHECK(report::list_element("/actors/01", english).empty());
    CHECK(report::list_element("/actors/-1", english).empty());
    CHECK(report::list_element("/colour/0", english).empty());
}

TEST_CASE("validate: diagnostics and the closing line in the reader's language") {
    const auto result = io::read_map_text(R"({"format": "stakemap/1",
      "actors": [{"id": "a", "name": "A"}, {"id": "b", "name": "B", "kind": "help-desk"}],
      "relations": [{"source": "a", "target": "b"}]})",
                                          "m.json");
    REQUIRE(result.diagnostics.size() == 1);
    // "help-desk" starts at the 77th character of line 2 (6 spaces and 70 characters before it).
    CHECK(report::diagnostic_line(result.diagnostics[0], english) ==
          "m.json:2:77: warning: /actors/1/kind (the 2nd actor): unknown kind \"help-desk\" (kept "
          "as written; declare it in \"kinds\" to give it a sector and label); did you mean "
          "\"help_desk\"?");
    CHECK(report::diagnostic_line(result.diagnostics[0], italian)
              .rfind("m.json:2:77: avvertimento: /actors/1/kind (il 2º attore): ", 0) == 0);
    CHECK(report::validation_summary(result, "m.json", false, english) ==
          "m.json: valid (2 actors, 1 relation, 1 warning)\n");
    CHECK(report::validation_summary(result, "m.json", false, italian) ==
          "m.json: mappa valida (2 attori, 1 relazione, 1 avvertimento)\n");
    CHECK(report::validation_summary(result, "m.json", true, english) ==
          "m.json: not valid (0 errors, 1 warning; --strict counts warnings as errors)\n");
    CHECK(report::validation_summary(result, "m.json", true, italian) ==
          "m.json: mappa non valida (0 errori, 1 avvertimento; --strict conta gli avvertimenti "
          "come errori)\n");
    const auto table = report::validation_table(result, italian);
    CHECK(table.columns == std::vector<std::string>{"gravità", "file", "riga", "colonna",
                                                    "puntatore", "elemento", "messaggio"});
    CHECK(table.rows.at(0).at(5) == "il 2º attore");
}
