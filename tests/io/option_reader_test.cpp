#include "stakemap/io/diagnostics.hpp"
#include "stakemap/io/map_reader.hpp"
#include "stakemap/io/option_reader.hpp"

#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace stakemap;

namespace {

constexpr const char* base_map = R"({
  "format": "stakemap/1",
  "areas": [{"id": "north"}, {"id": "south"}],
  "actors": [
    {"id": "comune", "name": "COMUNE", "kind": "municipality", "area": "north"},
    {"id": "ss", "name": "SS", "kind": "social_service", "area": "north"},
    {"id": "assoc", "name": "ASSOC", "kind": "migrant_association", "area": "south"}
  ],
  "relations": [
    {"id": "r1", "source": "comune", "target": "ss", "type": "governance"},
    {"source": "ss", "target": "assoc", "type": "referral"},
    {"source": "assoc", "target": "comune", "type": "information"}
  ]
})";

model::Map base() {
    auto result = io::read_map_text(base_map, "city.json");
    REQUIRE(result.ok());
    return *result.map;
}

std::vector<io::Diagnostic> errors_of(const std::string& text,
                                      model::Language language = model::Language::en) {
    try {
        io::apply_option_text(base(), text, "options/desk.json", language);
    } catch (const io::LoadError& error) {
        return error.diagnostics();
    }
    FAIL("the option was accepted");
    return {};
}

} // namespace

TEST_CASE("option reader: actors and relations added and removed") {
    const std::string text = R"({
  "format": "stakemap-option/1",
  "title": "A desk",
  "add": {
    "actors": [{"id": "desk", "name": "DESK", "kind": "help_desk", "area": "south"}],
    "relations": [{"source": "desk", "target": "ss", "type": "referral"},
                  {"source": "desk", "target": "assoc"}]
  },
  "remove": {"relations": ["r1", {"source": "comune", "target": "assoc"}]}
})";
    const auto applied = io::apply_option_text(base(), text, "options/desk.json");
    // No "id": the file stem.
    CHECK(applied.option.id == "desk");
    CHECK(applied.option.title == "A desk");
    CHECK(applied.option.actors_added == std::vector<std::string>{"desk"});
    CHECK(applied.option.relations_added == 2);
    // r1 by id; assoc → comune matched the other way round, the map being undirected.
    CHECK(applied.option.relations_removed == 2);
    REQUIRE(applied.map.actors.size() == 4);
    CHECK(applied.map.actors[3].id == "desk");
    REQUIRE(applied.map.relations.size() == 3);
    CHECK(applied.map.relations[0].source == "ss");
    CHECK(applied.map.relations[0].target == "assoc");
    CHECK(applied.map.relations[1].source == "desk");
    CHECK(applied.map.relations[2].target == "assoc");
}

TEST_CASE("option reader: a removed actor takes its relations with it") {
    const auto applied = io::apply_option_text(
        base(),
        R"({"format": "stakemap-option/1", "id": "no-ss", "title": "Without the social service",
            "remove": {"actors": ["ss"]}})",
        "x.json");
    CHECK(applied.option.id == "no-ss");
    CHECK(applied.option.actors_removed == std::vector<std::string>{"ss"});
    CHECK(applied.option.relations_removed == 2);
    CHECK(applied.map.actors.size() == 2);
    REQUIRE(applied.map.relations.size() == 1);
    CHECK(applied.map.relations[0].source == "assoc");
}

TEST_CASE("option reader: every problem at its line and column of the option file") {
    const std::string text = "{\n"                                                    // 1
                             "  \"format\": \"stakemap-option/2\",\n"                 // 2
                             "  \"titel\": \"A desk\",\n"                             // 3
                             "  \"remove\": {\"actors\": [\"sss\"],\n"                // 4
                             "             \"relations\": [{\"source\": \"comune\", " // 5
                             "\"target\": \"assoc\", \"type\": \"funding\"}]}\n"      //
                             "}\n";
    const auto errors = errors_of(text);
    REQUIRE(errors.size() == 5);
    CHECK(errors[0].line == 1); // the title is missing: at the object
    CHECK(errors[0].message == "an option needs a \"title\": what the workgroup calls it");
    CHECK(errors[1].line == 2);
    CHECK(errors[1].message == "expected \"format\": \"stakemap-option/1\"");
    CHECK(errors[2].line == 3);
    CHECK(errors[2].column == 3);
    CHECK(errors[2].message.find("unknown field \"titel\"") == 0);
    CHECK(errors[2].message.find("did you mean \"title\"") != std::string::npos);
    CHECK(errors[3].line == 4);
    CHECK(errors[3].column == 25);
    CHECK(errors[3].message.find("no actor \"sss\"") != std::string::npos);
    CHECK(errors[3].message.find("did you mean \"ss\"") != std::string::npos);
    // The relation named has another type on the map: nothing to remove.
    CHECK(errors[4].line == 5);
    CHECK(errors[4].message == "no relation comune – assoc (funding) on the map");
    CHECK(errors[4].file == "options/desk.json");
}

TEST_CASE("option reader: an added actor or relation obeys the map's rules, at its own line") {
    const std::string text =
        "{\"format\": \"stakemap-option/1\", \"title\": \"A desk\",\n" // 1
        " \"add\": {\"actors\": [\n"                                   // 2
        "   {\"id\": \"desk\", \"name\": \"DESK\", \"kind\": \"help_desk\", \"area\": "
        "\"west\"},\n"                                                       // 3
        "   {\"id\": \"ss\", \"name\": \"SS\", \"kind\": \"help_desk\"}],\n" // 4
        "  \"relations\": [\n"                                               // 5
        "   {\"source\": \"desk\", \"target\": \"comun\"}]}}\n";             // 6
    const auto errors = errors_of(text, model::Language::it);
    REQUIRE(errors.size() == 3);
    // The unknown area, at the "area" value of line 3.
    CHECK(errors[0].line == 3);
    CHECK(errors[0].column == 64);
    CHECK(errors[0].pointer == "/add/actors/0/area");
    // The id the map already has, at line 4.
    CHECK(errors[1].line == 4);
    CHECK(errors[1].pointer.find("/add/actors/1") == 0);
    // The unknown actor, in Italian, at line 6.
    CHECK(errors[2].line == 6);
    CHECK(errors[2].pointer == "/add/relations/0/target");
    CHECK(errors[2].message.find("comune") != std::string::npos);
}

// A number too large for a double (2e308) in an added actor: the option's own parser reports it
// at its line and column, and the option is refused before it is re-read to patch the map (where
// nlohmann/json would throw on it).
TEST_CASE("option reader: a number too large to represent is an error at its place") {
    const std::string text =
        "{\n"                                                                      // 1
        "  \"format\": \"stakemap-option/1\",\n"                                   // 2
        "  \"title\": \"A desk\",\n"                                               // 3
        "  \"add\": {\"actors\": [{\"id\": \"desk\", \"name\": \"Desk\",\n"        // 4
        "            \"kind\": \"help_desk\", \"area\": \"north\", \"capacity\": " // 5
        "2e308}]}\n"                                                               //
        "}\n";
    const auto errors = errors_of(text);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].line == 5);
    CHECK(errors[0].column == 63); // 12 spaces, "kind": "help_desk", "area": "north", "capacity":
    CHECK(errors[0].message ==
          "the number 2e308 is too large to represent; write a smaller number");
}
