#include "stakemap/analysis/assess.hpp"
#include "stakemap/io/diagnostics.hpp"
#include "stakemap/io/rubric_reader.hpp"

#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace stakemap;

namespace {

std::vector<io::Diagnostic> errors_of(const std::string& text) {
    try {
        io::read_rubric_text(text, "rubric.json", analysis::assessment_measure_ids());
    } catch (const io::LoadError& error) {
        return error.diagnostics();
    }
    FAIL("the rubric was accepted");
    return {};
}

} // namespace

TEST_CASE("rubric reader: the default rubric reads") {
    const auto rubric = io::read_rubric_text(io::default_rubric_text(), "default.json",
                                             analysis::assessment_measure_ids());
    CHECK(rubric.themes.size() == 4);
    CHECK(rubric.indicators.size() == 20);
    CHECK(rubric.indicators[0].id == "level_coverage");
    CHECK(rubric.indicators[0].met == 4.0);
    CHECK(*rubric.indicators[0].partly == 3.0);
}

TEST_CASE("rubric reader: every error at once, with line and column") {
    const std::string text =
        "{\n"
        "  \"format\": \"stakemap-rubric/2\",\n"
        "  \"themes\": [{\"id\": \"g\", \"label\": \"G\", \"weight\": 0}],\n"
        "  \"indicators\": [\n"
        "    {\"id\": \"a\", \"theme\": \"gx\", \"measure\": \"level_coverage\", \"met\": 4, "
        "\"label\": \"A\"},\n"
        "    {\"id\": \"b\", \"theme\": \"g\", \"measure\": \"level_coverag\", \"met\": 4, "
        "\"label\": \"B\", \"colour\": 1},\n"
        "    {\"id\": \"c\", \"theme\": \"g\", \"measure\": \"voice_gap\", \"direction\": "
        "\"at_most\", \"met\": 0.6,\n"
        "     \"partly\": 0.5, \"label\": \"C\"},\n"
        "    {\"id\": \"a\", \"theme\": \"g\", \"measure\": \"voice_gap\", \"met\": 1, \"label\": "
        "\"D\"}\n"
        "  ]\n"
        "}\n";
    const auto errors = errors_of(text);
    REQUIRE(errors.size() == 7);
    struct Expected {
        std::size_t line, column;
        const char* pointer;
        const char* words;
    };
    const Expected expected[] = {
        {2, 13, "/format", "stakemap-rubric/1"},
        {3, 50, "/themes/0/weight", "above 0"},
        {5, 26, "/indicators/0/theme", "no theme \"gx\""},
        {6, 42, "/indicators/1/measure", "did you mean \"level_coverage\""},
        {6, 83, "/indicators/1/colour", "unknown field \"colour\""},
        {8, 16, "/indicators/2/partly", "cannot be below"},
        {9, 12, "/indicators/3/id", "used twice"},
    };
    for (const auto& want : expected) {
        bool found = false;
        for (const auto& error : errors) {
            if (error.line == want.line && error.column == want.column &&
                error.pointer == want.pointer &&
                error.message.find(want.words) != std::string::npos) {
                found = true;
                CHECK(error.file == "rubric.json");
                CHECK(error.code == "rubric.invalid");
            }
        }
        INFO(want.pointer);
        CHECK(found);
    }
}

TEST_CASE("rubric reader: broken JSON, a missing list, a theme without indicators") {
    auto errors = errors_of("{\"format\": \"stakemap-rubric/1\",\n \"themes\": [}");
    REQUIRE_FALSE(errors.empty());
    CHECK(errors[0].line == 2);
    errors = errors_of("{\"format\": \"stakemap-rubric/1\", \"themes\": [{\"id\": \"g\", "
                       "\"label\": \"G\"}]}");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].pointer == "/indicators");
    errors = errors_of(
        "{\"format\": \"stakemap-rubric/1\",\n \"themes\": [{\"id\": \"g\", \"label\": \"G\"},\n"
        "  {\"id\": \"h\", \"label\": \"H\"}],\n \"indicators\": [{\"id\": \"x\", \"theme\": "
        "\"g\", \"measure\": \"stability\", \"met\": 0.3, \"label\": \"X\"}]}");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].line == 3);
    CHECK(errors[0].column == 3);
    CHECK(errors[0].message.find("\"h\" has no indicator") != std::string::npos);
}
