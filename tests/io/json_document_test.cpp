#include "io/json_document.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace stakemap::io::detail;

TEST_CASE("json: values keep their byte offsets") {
    const std::string text = "{\n  \"a\": [1, \"x\"],\n  \"b\": true\n}";
    const auto result = parse_json(text, 64);
    REQUIRE(result.complete);
    REQUIRE(result.issues.empty());
    const JsonValue* a = result.root.find("a");
    REQUIRE(a != nullptr);
    CHECK(a->type == JsonType::array);
    CHECK(a->offset == text.find('['));
    CHECK(a->items[1].text == "x");
    const SourcePositions positions(text);
    CHECK(positions.at(a->items[1].offset).line == 2);
    CHECK(positions.at(a->items[1].offset).column == 12);
}

TEST_CASE("json: columns count characters, not bytes") {
    const std::string text = "{\"città\": \"è\", \"n\": 1}";
    const auto result = parse_json(text, 64);
    REQUIRE(result.complete);
    const SourcePositions positions(text);
    // {"città": "è", "n": 1}  — the 1 is the 21st character although it is byte 23.
    CHECK(positions.at(result.root.find("n")->offset).column == 21);
}

TEST_CASE("json: duplicate keys are reported, the first value kept") {
    const auto result = parse_json(R"({"x": 1, "y": 2, "x": 3})", 64);
    REQUIRE(result.complete);
    REQUIRE(result.issues.size() == 1);
    CHECK(result.issues[0].code == "json.duplicate_key");
    CHECK(result.issues[0].pointer == "/x");
    CHECK(
        result.issues[0].message ==
        "duplicate key \"x\" in the same object (first given at line 1, column 2); keep only one");
    CHECK(result.root.find("x")->number == 1.0);
}

TEST_CASE("json: nesting is limited while parsing") {
    std::string deep(100, '[');
    deep += std::string(100, ']');
    const auto result = parse_json(deep, 64);
    CHECK_FALSE(result.complete);
    REQUIRE(result.issues.size() == 1);
    CHECK(result.issues[0].code == "json.too_deep");
    CHECK(parse_json(std::string(64, '[') + std::string(64, ']'), 64).complete);
}

TEST_CASE("json: encoding problems stop the parse") {
    CHECK(parse_json("{\"a\": \"caf\xE9\"}", 64).issues.at(0).code == "json.invalid_utf8");
    CHECK(parse_json(std::string("{\"a\": \"x\0y\"}", 12), 64).issues.at(0).code ==
          "json.nul_byte");
    CHECK(parse_json(R"({"a": "\u0000"})", 64).issues.at(0).code == "json.nul_byte");
    CHECK(parse_json(R"({"a": "\udc00"})", 64).issues.at(0).code == "json.invalid_unicode");
    CHECK(parse_json("{\"a\": \"\xED\xA0\x80\"}", 64).issues.at(0).code == "json.invalid_utf8");
    // Overlong encoding of '/'.
    CHECK(parse_json("{\"a\": \"\xC0\xAF\"}", 64).issues.at(0).code == "json.invalid_utf8");
}

TEST_CASE("json: escapes and surrogate pairs decode to UTF-8") {
    const auto result = parse_json(R"(["\ud83d\ude00", "a\"b\\", "\u00e8\n"])", 64);
    REQUIRE(result.complete);
    CHECK(result.root.items[0].text == "\xF0\x9F\x98\x80");
    CHECK(result.root.items[1].text == "a\"b\\");
    CHECK(result.root.items[2].text == "\xC3\xA8\n");
}

TEST_CASE("json: a byte-order mark is skipped and invisible in columns") {
    const std::string text = "\xEF\xBB\xBF{\"a\": 1}";
    const auto result = parse_json(text, 64);
    REQUIRE(result.complete);
    CHECK(SourcePositions(text).at(result.root.offset).column == 1);
}

TEST_CASE("json: strict grammar") {
    for (const char* bad : {"{\"a\": 01}", "{\"a\": 1.}", "{\"a\": .5}", "{\"a\": +1}",
                            "{\"a\": [1,]}", "{\"a\": 1,}", "{'a': 1}", "{\"a\": tru}",
                            "{\"a\": 1} x", "{\"a\" 1}", "{\"a\": \"\\x\"}", "[1 2]"}) {
        CAPTURE(bad);
        const auto result = parse_json(bad, 64);
        CHECK_FALSE(result.complete);
        REQUIRE(result.issues.size() == 1);
        CHECK(result.issues[0].fatal);
    }
    const auto numbers = parse_json("[-0, 1e-400, 2.5E+3, 12]", 64);
    REQUIRE(numbers.complete);
    CHECK(numbers.root.items[1].number == 0.0);
    CHECK(numbers.root.items[2].number == 2500.0);
    CHECK(numbers.root.items[3].is_integer);
    CHECK_FALSE(numbers.root.items[2].is_integer);
}

TEST_CASE("json: numbers too large are flagged, not fatal") {
    const auto result = parse_json(R"({"w": 1e999, "v": 2})", 64);
    CHECK(result.complete);
    REQUIRE(result.issues.size() == 1);
    CHECK(result.issues[0].code == "json.number_range");
    CHECK(result.root.find("w")->invalid);
}

TEST_CASE("json: a trailing comma is reported where the comma is") {
    // {"a": [1, 2,
    //  ]}          the comma after 2 is at line 1, column 12.
    const std::string array = "{\"a\": [1, 2,\n ]}";
    const auto in_array = parse_json(array, 64);
    REQUIRE(in_array.issues.size() == 1);
    CHECK(in_array.issues[0].offset == array.find(",\n"));
    CHECK(in_array.issues[0].pointer == "/a");
    CHECK(in_array.issues[0].message ==
          "trailing comma before ']'; remove the comma after the last element");
    const std::string object = "{\"a\": {\"b\": 1, \"c\": 2, }}";
    const auto in_object = parse_json(object, 64);
    REQUIRE(in_object.issues.size() == 1);
    CHECK(in_object.issues[0].offset == object.rfind(','));
    CHECK(in_object.issues[0].pointer == "/a");
    CHECK(in_object.issues[0].message ==
          "trailing comma before '}'; remove the comma after the last element");
}

TEST_CASE("json: a decimal comma in an object member is named; in an array it is two numbers") {
    const auto member = parse_json(R"({"w": 0,5, "x": 1})", 64);
    CHECK_FALSE(member.complete);
    REQUIRE(member.issues.size() == 1);
    CHECK(member.issues[0].offset == 6);
    CHECK(member.issues[0].pointer == "/w");
    CHECK(member.issues[0].message ==
          "the number 0,5 is written with a decimal comma; write 0.5, with a decimal point");
    // 12,75 at the end of an object, and -3,2: the same.
    CHECK(parse_json(R"({"w": 12,75})", 64).issues.at(0).message ==
          "the number 12,75 is written with a decimal comma; write 12.75, with a decimal point");
    CHECK(parse_json(R"({"w": -3,2})", 64).issues.at(0).message.find("write -3.2") !=
          std::string::npos);
    // A space after the comma: a missing key, not a decimal comma.
    CHECK(parse_json(R"({"w": 0, 5})", 64).issues.at(0).message ==
          "expected a key in double quotes, found '5'");
    CHECK(parse_json("[0,5]", 64).complete);
}

TEST_CASE("json: messages in the language of the words given") {
    const stakemap::text::Words italian(stakemap::text::Language::from_code("it"));
    const auto result = parse_json(R"({"x": 1, "y": 2, "x": 3})", 64, nullptr, italian);
    REQUIRE(result.issues.size() == 1);
    CHECK(result.issues[0].code == "json.duplicate_key");
    CHECK(
        result.issues[0].message ==
        "chiave «x» ripetuta nello stesso oggetto (la prima: riga 1, colonna 2); tenerne una sola");
    CHECK(parse_json("", 64, nullptr, italian).issues.at(0).message ==
          "il file è vuoto; una mappa è un oggetto JSON che comincia con '{'");
    CHECK(describe(JsonType::array, italian) == "un elenco");
}
