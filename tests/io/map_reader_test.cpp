#include "stakemap/io/map_reader.hpp"

#include <doctest/doctest.h>
#include <string>
#include <utility>
#include <vector>

using namespace stakemap;

namespace {

io::ReadResult read(const std::string& text) {
    return io::read_map_text(text, "m.json");
}

io::ReadResult read_in_italian(const std::string& text) {
    io::ReadOptions options;
    options.language = model::Language::from_code("it");
    return io::read_map_text(text, "m.json", options);
}

/// The message of the only diagnostic of a map with one relation whose weight is `weight`.
std::string weight_message(const std::string& weight) {
    const auto result = read(R"({"format": "stakemap/1", "actors": [{"id": "a", "name": "A"},
        {"id": "b", "name": "B"}], "relations": [{"source": "a", "target": "b", "weight": )" +
                             weight + "}]}");
    REQUIRE(result.diagnostics.size() == 1);
    return result.diagnostics[0].message;
}

std::string first_error(const io::ReadResult& result) {
    for (const auto& d : result.diagnostics) {
        if (d.severity == io::Severity::error) {
            return io::to_string(d);
        }
    }
    return "";
}

} // namespace

TEST_CASE("reader: the smallest map and its defaults") {
    const auto result = read(R"({"format": "stakemap/1", "actors": [{"id": "a", "name": "A"},
        {"id": "b", "name": "B"}], "relations": [{"source": "a", "target": "b"}]})");
    REQUIRE(result.ok());
    CHECK(result.diagnostics.empty());
    const auto& map = *result.map;
    CHECK_FALSE(map.directed);
    CHECK(map.actors[0].kind_id() == "actor");
    CHECK(map.relations[0].weight == 1.0);
    CHECK_FALSE(map.relations[0].directed.has_value());
    CHECK_FALSE(map.is_directed(map.relations[0]));
}

TEST_CASE("reader: every field of the format") {
    const auto result = read(R"({
      "format": "stakemap/1", "title": "T", "date": "2025-03-01", "description": "D",
      "directed": true,
      "areas": [{"id": "m2", "name": "Municipio II"},
                {"id": "fl", "name": "Flaminio", "parent": "m2", "population": 12000,
                 "foreign_residents": 1500, "languages": {"ro": 0.3, "tl": 0.25}}],
      "kinds": [{"id": "sportello", "label": {"it": "Sportello", "en": "Desk"},
                 "sector": "institution", "access_point": true},
                {"id": "association", "sector": null}],
      "services": [{"id": "legal", "label": "Consulenza legale"}],
      "actors": [{"id": "urp", "name": "URP", "short": "U", "kind": "sportello",
                  "level": "district", "area": "fl", "serves": ["fl", "m2"],
                  "services": ["information", "legal"], "languages": ["it", "en"],
                  "capacity": 200, "power": 4, "interest": 2, "legitimacy": 3, "urgency": 2,
                  "access_point": false, "tags": ["t"], "attributes": {"x": 1, "y": "z", "w": true},
                  "note": "n"},
                 {"id": "ss", "name": "Servizi sociali", "serves": "*"}],
      "relations": [{"id": "r1", "source": "urp", "target": "ss", "type": "referral",
                     "weight": 3, "directed": false, "since": "2023-01-01", "until": null,
                     "formality": "protocol", "confidence": 0.8, "informants": ["wg"],
                     "note": ""}],
      "needs": [{"area": "fl", "service": "legal", "demand": 120, "languages": ["tl"]}]})");
    INFO(first_error(result));
    REQUIRE(result.ok());
    CHECK(result.warning_count == 0);
    const auto& map = *result.map;
    CHECK(map.areas[1].languages.at("tl") == 0.25);
    CHECK(map.areas[1].parent == "m2");
    CHECK(map.kinds[1].sector == std::string());
    CHECK(map.actors[0].serves == std::vector<std::string>{"fl", "m2"});
    CHECK(map.actors[1].serves_all);
    CHECK(map.actors[0].attributes.size() == 3);
    CHECK(std::get<double>(map.actors[0].attributes.at("x")) == 1.0);
    CHECK(map.relations[0].weight == 3.0);
    CHECK(map.relations[0].directed == false);
    CHECK_FALSE(map.relations[0].until.has_value());
    CHECK(map.needs[0].demand == 120.0);
}

TEST_CASE("reader: all errors are collected, in document order") {
    const auto result = read(R"({"format": "stakemap/1",
      "actors": [{"id": "a", "name": "A", "power": 9}, {"id": "a", "name": "B"},
                 {"name": "C"}],
      "relations": [{"source": "a", "target": "zz", "weight": 0},
                    {"source": "a", "target": "a"}]})");
    CHECK_FALSE(result.ok());
    CHECK(result.error_count == 6);
    std::vector<std::string> codes;
    for (const auto& d : result.diagnostics) {
        codes.push_back(d.code);
    }
    CHECK(codes == std::vector<std::string>{"map.out_of_range", "map.duplicate_id",
                                            "map.missing_field", "map.unknown_reference",
                                            "map.out_of_range", "map.self_relation"});
    CHECK(result.diagnostics[1].line == 2);
    CHECK(result.diagnostics[1].pointer == "/actors/1/id");
}

TEST_CASE("reader: did you mean, for references and for field names") {
    const auto result = read(R"({"format": "stakemap/1",
      "actors": [{"id": "urp-municipio", "name": "URP", "kindd": "urp"}, {"id": "b", "name": "B"}],
      "relations": [{"source": "urp-municipo", "target": "b"}]})");
    CHECK(first_error(result) ==
          "m.json:3:32: /relations/0/source: unknown actor \"urp-municipo\"; did you mean "
          "\"urp-municipio\"?");
    REQUIRE(result.warning_count == 1);
    CHECK(result.diagnostics[0].message ==
          "unknown field \"kindd\" in an actor (ignored); did you mean \"kind\"?");
}

TEST_CASE("reader: unknown vocabulary is kept, with a warning") {
    const auto result = read(R"({"format": "stakemap/1",
      "actors": [{"id": "a", "name": "A", "kind": "asociation", "services": ["housing", "yoga"]},
                 {"id": "b", "name": "B"}],
      "relations": [{"source": "a", "target": "b", "type": "friendship", "formality": "memo"}]})");
    REQUIRE(result.ok());
    CHECK(result.warning_count == 4);
    CHECK(result.map->actors[0].kind == "asociation");
    CHECK(result.map->actors[0].services == std::vector<std::string>{"housing", "yoga"});
    CHECK(result.diagnostics[0].code == "vocab.unknown_kind");
    CHECK(result.diagnostics[0].message.find("did you mean \"association\"?") != std::string::npos);
    CHECK(result.map->relations[0].type == "friendship");
}

TEST_CASE("reader: kinds declared in the map are known vocabulary") {
    const auto result = read(R"({"format": "stakemap/1",
      "kinds": [{"id": "tavolo", "label": "Tavolo", "sector": "bridge"}],
      "actors": [{"id": "a", "name": "A", "kind": "tavolo"}], "relations": []})");
    REQUIRE(result.ok());
    CHECK(result.warning_count == 0);
}

TEST_CASE("reader: errors are capped, with a closing note") {
    std::string text = R"({"format": "stakemap/1", "actors": [)";
    for (int i = 0; i < 150; ++i) {
        text += std::string(i > 0 ? "," : "") + R"({"id": "a", "name": "A"})";
    }
    text += R"(], "relations": []})";
    io::ReadOptions options;
    options.max_errors = 100;
    const auto result = io::read_map_text(text, "m.json", options);
    CHECK(result.error_count == 149);
    REQUIRE(result.diagnostics.size() == 101);
    CHECK(result.diagnostics.back().message ==
          "49 more errors not shown; fix the first 100 and read the file again");
}

TEST_CASE("reader: files over the size limit are refused before reading") {
    io::ReadOptions options;
    options.max_file_bytes = 1000;
    const auto result = io::read_map_file(STAKEMAP_SOURCE_DIR "/examples/prato/map.json", options);
    REQUIRE(result.error_count == 1);
    CHECK(result.diagnostics[0].code == "file.too_large");
    CHECK_THROWS_AS(io::read_map_file("/no/such/file.json"), io::FileError);
}

TEST_CASE("reader: load_map throws LoadError with the errors") {
    CHECK_THROWS_AS(
        io::load_map(STAKEMAP_SOURCE_DIR "/tests/io/malformed/27-misspelled-relation-source.json"),
        io::LoadError);
    const auto map = io::load_map(STAKEMAP_SOURCE_DIR "/examples/roma-municipio-ii/map.json");
    CHECK(map.actors.size() >= 40);
}

TEST_CASE("reader: the bundled examples are valid and have no warnings") {
    for (const char* name : {"roma-municipio-ii", "prato", "unione-comuni"}) {
        CAPTURE(name);
        const auto result =
            io::read_map_file(std::string(STAKEMAP_SOURCE_DIR "/examples/") + name + "/map.json");
        CHECK(result.ok());
        CHECK(result.warning_count == 0);
        REQUIRE(result.map);
        CHECK(result.map->actors.size() >= 40);
        CHECK(result.map->actors.size() <= 90);
        CHECK_FALSE(result.map->needs.empty());
    }
}

TEST_CASE("reader: every error is counted, even far past the ones kept") {
    std::string text =
        R"({"format": "stakemap/1", "actors": [{"id": "a", "name": "A"}], "relations": [)";
    for (int i = 0; i < 5000; ++i) {
        text += std::string(i > 0 ? "," : "") + R"({"source": "missing-)" + std::to_string(i) +
                R"(", "target": "a"})";
    }
    text += "]}";
    const auto result = io::read_map_text(text, "m.json");
    CHECK(result.error_count == 5000);
    REQUIRE(result.diagnostics.size() == 101);
    CHECK(result.diagnostics.back().message ==
          "4,900 more errors not shown; fix the first 100 and read the file again");
}

TEST_CASE("reader: the lists may come in any order in the file") {
    const auto result = read(R"({"relations": [{"source": "a", "target": "b", "type": "referral"},
                                               {"source": "a", "target": "zz"}],
      "needs": [{"area": "centro", "service": "yoga"}],
      "actors": [{"id": "a", "name": "A", "kind": "tavolo", "area": "centro", "services": ["yoga"]},
                 {"id": "b", "name": "B", "area": "centor"}],
      "kinds": [{"id": "tavolo", "sector": "bridge"}],
      "services": [{"id": "yoga", "label": "Yoga"}],
      "areas": [{"id": "centro"}],
      "format": "stakemap/1"})");
    // Everything declared later is known; the two bad references are still found, in file order.
    CHECK(result.warning_count == 0);
    REQUIRE(result.error_count == 2);
    CHECK(result.diagnostics[0].pointer == "/relations/1/target");
    CHECK(result.diagnostics[0].message ==
          "unknown actor \"zz\"; add it to \"actors\" or correct the id");
    CHECK(result.diagnostics[1].pointer == "/actors/1/area");
    CHECK(result.diagnostics[1].message == "unknown area \"centor\"; did you mean \"centro\"?");
}

TEST_CASE("reader: a repeated list at the top level is reported and read once") {
    const auto result = read(R"({"format": "stakemap/1", "actors": [{"id": "a", "name": "A"}],
      "relations": [], "actors": [{"id": "b", "name": "B"}]})");
    REQUIRE(result.error_count == 1);
    CHECK(result.diagnostics[0].code == "json.duplicate_key");
}

TEST_CASE("reader: messages in the language of the options, with the same codes and places") {
    const std::string text = R"({"format": "stakemap/1",
      "actors": [{"id": "urp-municipio", "name": "URP", "kindd": "urp"}, {"id": "b", "name": "B"},
                 {"id": "b", "name": "C", "power": 9}],
      "relations": [{"source": "urp-municipo", "target": "b", "weight": "2,5"}]})";
    const auto english = read(text);
    const auto italian = read_in_italian(text);
    REQUIRE(english.diagnostics.size() == 5);
    REQUIRE(italian.diagnostics.size() == 5);
    for (std::size_t i = 0; i < english.diagnostics.size(); ++i) {
        CAPTURE(i);
        CHECK(italian.diagnostics[i].code == english.diagnostics[i].code);
        CHECK(italian.diagnostics[i].pointer == english.diagnostics[i].pointer);
        CHECK(italian.diagnostics[i].line == english.diagnostics[i].line);
        CHECK(italian.diagnostics[i].column == english.diagnostics[i].column);
        CHECK(italian.diagnostics[i].message != english.diagnostics[i].message);
    }
    CHECK(italian.diagnostics[0].message ==
          "campo sconosciuto «kindd» in un attore (ignorato); forse «kind»?");
    // The first "b" is the 81st character of line 2 (6 spaces, then 74 characters before it).
    CHECK(italian.diagnostics[1].message ==
          "id di attore ripetuto «b» (la prima volta: riga 2, colonna 81); gli id devono essere "
          "unici");
    CHECK(italian.diagnostics[2].message == "«power» deve essere un numero intero da 1 a 5, non 9");
    CHECK(italian.diagnostics[3].message ==
          "attore sconosciuto «urp-municipo»; forse «urp-municipio»?");
    CHECK(italian.diagnostics[4].message ==
          "qui va un numero, non un testo («2,5»); scrivere 2.5, un numero JSON con il punto "
          "decimale e senza virgolette");
}

TEST_CASE("reader: JSON syntax errors in Italian") {
    const auto result =
        read_in_italian(R"({"format": "stakemap/1", "actors": [], "relations": [],})");
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].code == "json.syntax");
    CHECK(result.diagnostics[0].message ==
          "virgola di troppo prima di '}'; togliere la virgola dopo l'ultimo elemento");
}

TEST_CASE("reader: a number in quotes gets the JSON number to write") {
    // A decimal comma: the number with a decimal point.
    CHECK(weight_message(R"("0,5")") ==
          "expected a number, found a string (\"0,5\"); write 0.5, a JSON number with a decimal "
          "point and no quotes");
    CHECK(weight_message(R"("1.234,5")") ==
          "expected a number, found a string (\"1.234,5\"); write 1234.5, a JSON number with a "
          "decimal point and no quotes");
    // A number JSON accepts as it is: only the quotes go.
    CHECK(weight_message(R"("3")") ==
          "expected a number, found a string (\"3\"); write 3, a JSON number without quotes");
    CHECK(weight_message(R"("2.5")") ==
          "expected a number, found a string (\"2.5\"); write 2.5, a JSON number without quotes");
    CHECK(weight_message(R"(" 3 ")") ==
          "expected a number, found a string (\" 3 \"); write 3, a JSON number without quotes");
    // Anything else is not guessed at.
    for (const char* text : {R"("tre")", R"("1,2,3")", R"("1.23,4")", R"("1.2345,6")", R"(",5")",
                             R"("5,")", R"("")", R"("03")", R"("3 4")", R"("1e999")"}) {
        CAPTURE(text);
        CHECK(weight_message(text).find("write") == std::string::npos);
    }
    // Language shares too.
    const auto result = read(R"({"format": "stakemap/1", "areas": [{"id": "x",
        "languages": {"ar": "0,3"}}], "actors": [], "relations": []})");
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].message ==
          "expected a share between 0 and 1, found a string (\"0,3\"); write 0.3, a JSON number "
          "with a decimal point and no quotes");
}

TEST_CASE("reader: a number written with a decimal comma outside quotes") {
    const auto result = read(R"({"format": "stakemap/1", "actors": [{"id": "a", "name": "A"},
        {"id": "b", "name": "B"}], "relations": [{"source": "a", "target": "b", "weight": 0,5}]})");
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].code == "json.syntax");
    CHECK(result.diagnostics[0].pointer == "/relations/0/weight");
    CHECK(result.diagnostics[0].column == 91); // the 0 of 0,5: 8 spaces and 82 characters before it
    CHECK(result.diagnostics[0].message ==
          "the number 0,5 is written with a decimal comma; write 0.5, with a decimal point");
}

TEST_CASE("reader: vocabulary given by Italian ids or labels gets the id to write") {
    const auto result = read(R"({"format": "stakemap/1",
      "kinds": [{"id": "tavolo", "sector": "Comunità"}],
      "actors": [{"id": "a", "name": "A", "kind": "associazione_migranti", "level": "Comunale",
                  "services": ["Mediazione culturale"]},
                 {"id": "b", "name": "B", "kind": "Associazione di migranti"}],
      "relations": [{"source": "a", "target": "b", "type": "Invio di utenti",
                     "formality": "informale"}]})");
    std::vector<std::pair<std::string, std::string>> found;
    for (const auto& d : result.diagnostics) {
        const auto at = d.message.find("did you mean \"");
        found.emplace_back(d.code, at == std::string::npos ? "" : d.message.substr(at + 14));
    }
    CHECK(found == std::vector<std::pair<std::string, std::string>>{
                       {"map.unknown_sector", "community\"?"},
                       {"vocab.unknown_kind", "migrant_association\"?"},
                       {"vocab.unknown_level", "municipal\"?"},
                       {"vocab.unknown_service", "cultural_mediation\"?"},
                       {"vocab.unknown_kind", "migrant_association\"?"},
                       {"vocab.unknown_relation", "referral\"?"},
                       {"vocab.unknown_formality", "informal\"?"}});
    // The value is kept as written.
    REQUIRE(result.warning_count == 6);
    const auto italian = read_in_italian(R"({"format": "stakemap/1",
      "actors": [{"id": "a", "name": "A", "kind": "associazione_migranti"}], "relations": []})");
    REQUIRE(italian.diagnostics.size() == 1);
    CHECK(italian.diagnostics[0].message ==
          "tipo di attore sconosciuto «associazione_migranti» (mantenuto così com'è; dichiararlo "
          "in \"kinds\" per dargli un settore e un'etichetta); forse «migrant_association»?");
}

TEST_CASE("reader: relation attributes, with the rules of actor attributes") {
    const auto result = read(R"({"format": "stakemap/1", "actors": [{"id": "a", "name": "A"},
        {"id": "b", "name": "B"}], "relations": [{"source": "a", "target": "b",
        "attributes": {"funding": 12000, "verbal": true, "office": "via Roma"}},
        {"source": "b", "target": "a", "attributes": {"list": [1]}},
        {"source": "a", "target": "b", "attributes": 3}]})");
    REQUIRE(result.diagnostics.size() == 2);
    CHECK(result.diagnostics[0].pointer == "/relations/1/attributes/list");
    CHECK(result.diagnostics[0].message.find("text, a number or true/false") != std::string::npos);
    CHECK(result.diagnostics[1].pointer == "/relations/2/attributes");
    const auto valid = read(R"({"format": "stakemap/1", "actors": [{"id": "a", "name": "A"},
        {"id": "b", "name": "B"}], "relations": [{"source": "a", "target": "b",
        "attributes": {"funding": 12000, "verbal": true, "office": "via Roma"}}]})");
    REQUIRE(valid.map);
    CHECK(valid.diagnostics.empty());
    const auto& attributes = valid.map->relations[0].attributes;
    REQUIRE(attributes.size() == 3);
    CHECK(std::get<double>(attributes.at("funding")) == 12000.0);
    CHECK(std::get<bool>(attributes.at("verbal")) == true);
    CHECK(std::get<std::string>(attributes.at("office")) == "via Roma");
}

TEST_CASE("reader: limits on actors, relations and the length of a text, each with its code") {
    const std::string map =
        R"({"format": "stakemap/1", "title": "t", "actors": [)"
        R"({"id": "a", "name": "A", "kind": "association"},)"
        R"({"id": "b", "name": "B", "kind": "association"},)"
        R"({"id": "c", "name": "C", "kind": "association"}],)"
        R"("relations": [{"source": "a", "target": "b"}, {"source": "b", "target": "c"}]})";
    io::ReadOptions options;
    options.max_actors = 2;
    auto result = io::read_map_text(map, "m.json", options);
    // The relation to "c", an actor not read, is an error too.
    REQUIRE(result.error_count == 2);
    CHECK(result.diagnostics[0].code == "map.too_many_actors");
    CHECK(result.diagnostics[0].pointer == "/actors/2");
    CHECK(result.diagnostics[0].message == "more than 2 actors; a map holds at most 2");
    options = {};
    options.max_relations = 1;
    result = io::read_map_text(map, "m.json", options);
    REQUIRE(result.error_count == 1);
    CHECK(result.diagnostics[0].code == "map.too_many_relations");
    CHECK(result.diagnostics[0].pointer == "/relations/1");
    CHECK(io::read_map_text(map, "m.json").ok());

    // A name of exactly 1 MiB is read; one byte more is refused at the string's opening quote.
    for (const std::size_t length : {std::size_t{1} << 20, (std::size_t{1} << 20) + 1}) {
        const std::string named = R"({"format": "stakemap/1", "title": "t", "actors": [)"
                                  R"({"id": "a", "kind": "association", "name": ")" +
                                  std::string(length, 'x') + R"("}], "relations": []})";
        result = io::read_map_text(named, "m.json");
        if (length == std::size_t{1} << 20) {
            CHECK(result.ok());
        } else {
            REQUIRE(result.error_count == 1);
            CHECK(result.diagnostics[0].code == "json.string_too_long");
            CHECK(result.diagnostics[0].column == 94);
        }
    }
}
