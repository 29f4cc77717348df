#include "stakemap/model/what_if.hpp"

#include <clocale>
#include <doctest/doctest.h>
#include <string>

using namespace stakemap;
using model::parse_added_relation;
using model::WhatIfError;

namespace {

//   office — desk — a2 — a1
//                   |
//                   a3          loner
// Relations in this order: office–desk, a1–a2, a2–a3, desk–a2 (typed referral, weight 3).
model::Map small_map() {
    model::Map map;
    for (const char* id : {"office", "desk", "a1", "a2", "a3", "loner"}) {
        map.actors.push_back({.id = id, .name = id});
    }
    map.relations = {{.source = "office", .target = "desk"},
                     {.source = "a1", .target = "a2"},
                     {.source = "a2", .target = "a3"},
                     {.source = "desk", .target = "a2", .type = "referral", .weight = 3.0}};
    return map;
}

/// The message of the WhatIfError that `call` throws, "" when it throws none.
template <typename Call>
std::string what_if_message(Call call) {
    try {
        call();
    } catch (const WhatIfError& error) {
        return error.what();
    }
    return "";
}

/// Every relation as "source-target", in map order.
std::string pairs(const model::Map& map) {
    std::string out;
    for (const auto& relation : map.relations) {
        out += (out.empty() ? "" : " ") + relation.source + "-" + relation.target;
    }
    return out;
}

} // namespace

TEST_CASE("what-if parser: SOURCE:TARGET with no type and weight 1") {
    const auto relation = parse_added_relation("a1:a3");
    CHECK(relation.source == "a1");
    CHECK(relation.target == "a3");
    CHECK_FALSE(relation.type.has_value());
    CHECK(relation.weight == 1.0);
    CHECK_FALSE(relation.directed.has_value()); // the map's default decides
    CHECK_FALSE(relation.id.has_value());
    CHECK(relation.note == "what-if");
}

TEST_CASE("what-if parser: TYPE and WEIGHT") {
    auto relation = parse_added_relation("a1:a3:referral");
    CHECK(relation.type == "referral");
    CHECK(relation.weight == 1.0);

    relation = parse_added_relation("a1:a3:referral:2.5");
    CHECK(relation.type == "referral");
    CHECK(relation.weight == 2.5);

    // An empty TYPE leaves the relation untyped; the weight still counts.
    relation = parse_added_relation("a1:a3::0.25");
    CHECK_FALSE(relation.type.has_value());
    CHECK(relation.weight == 0.25);
    relation = parse_added_relation("a1:a3:");
    CHECK_FALSE(relation.type.has_value());
    CHECK(relation.weight == 1.0);

    // A weight in exponent form is a plain double: 1e2 = 100.
    CHECK(parse_added_relation("a:b:information:1e2").weight == 100.0);
}

TEST_CASE("what-if parser: the weight must be a number above 0") {
    const std::string expected_tail = "\": the weight must be a number above 0";
    for (const char* text :
         {"a:b:referral:0", "a:b:referral:-1", "a:b:referral:-0.5", "a:b:referral:abc",
          "a:b:referral:2x", "a:b:referral:2,5", "a:b:referral:inf", "a:b:referral:nan",
          "a:b:referral:1e999", "a:b:referral:", "a:b::0"}) {
        CAPTURE(text);
        CHECK(what_if_message([&] { (void)parse_added_relation(text); }) ==
              "\"" + std::string(text) + expected_tail);
    }
}

TEST_CASE("what-if parser: a weight written with a point is read the same in any locale") {
    // The command line sets LC_NUMERIC to C, but a program using the library may not: with an
    // Italian numeric locale strtod would stop at the '.' of "2.5". (It needs the it_IT.UTF-8
    // locale that scripts/setup.sh installs; cli/locale-installed checks it is there.)
    REQUIRE(std::setlocale(LC_NUMERIC, "it_IT.UTF-8") != nullptr);
    const std::string message =
        what_if_message([] { (void)parse_added_relation("a:b:referral:2.5"); });
    std::setlocale(LC_NUMERIC, "C");
    CHECK(message == "");
}

TEST_CASE("what-if parser: SOURCE and TARGET are both required, and at most four parts") {
    const std::string usage = "\": write SOURCE:TARGET[:TYPE[:WEIGHT]]";
    for (const char* text : {"", "a1", ":a3", "a1:", ":", "a1:a3:referral:2:extra", "a1::"}) {
        CAPTURE(text);
        CHECK(what_if_message([&] { (void)parse_added_relation(text); }) ==
              "\"" + std::string(text) + usage);
    }
}

TEST_CASE("what-if errors are usage errors: code what_if, exit code 2") {
    try {
        (void)parse_added_relation("a1");
        FAIL("no exception");
    } catch (const Error& error) {
        CHECK(error.code() == ErrorCode::what_if);
        CHECK(error.exit_code() == ExitCode::usage);
        CHECK(error_code_name(error.code()) == "what_if");
    }
}

TEST_CASE("what-if: an empty edit gives the same map") {
    const model::WhatIf edit;
    CHECK(edit.empty());
    const auto map = small_map();
    CHECK(model::apply(map, edit) == map);
}

TEST_CASE("what-if: removing an actor removes every relation touching it, order kept") {
    const auto map = small_map();
    model::WhatIf edit;
    edit.removed_actors = {"a2"};
    CHECK_FALSE(edit.empty());
    const auto edited = model::apply(map, edit);
    // 6 actors − a2 = 5; a2 touches a1–a2, a2–a3 and desk–a2: only office–desk is left.
    REQUIRE(edited.actors.size() == 5);
    CHECK(edited.actors[0].id == "office");
    CHECK(edited.actors[1].id == "desk");
    CHECK(edited.actors[2].id == "a1");
    CHECK(edited.actors[3].id == "a3");
    CHECK(edited.actors[4].id == "loner");
    CHECK(pairs(edited) == "office-desk");
    CHECK_FALSE(edited.actor_index("a2").has_value());
    CHECK(edited.actor_index("a3") == 3u);
    // The original is left alone.
    CHECK(map.actors.size() == 6);
    CHECK(map.relations.size() == 4);

    // Two removals, one of them given twice.
    edit.removed_actors = {"office", "a3", "office"};
    const auto two = model::apply(map, edit);
    CHECK(two.actors.size() == 4);
    CHECK(pairs(two) == "a1-a2 desk-a2");
}

TEST_CASE("what-if: added relations come last, with their type and weight") {
    const auto map = small_map();
    model::WhatIf edit;
    edit.removed_actors = {"a2"};
    edit.added_relations = {parse_added_relation("a1:a3:referral:2"),
                            parse_added_relation("loner:office")};
    const auto edited = model::apply(map, edit);
    REQUIRE(edited.relations.size() == 3); // office–desk, then the two added
    CHECK(pairs(edited) == "office-desk a1-a3 loner-office");
    CHECK(edited.relations[1].type == "referral");
    CHECK(edited.relations[1].weight == 2.0);
    CHECK(edited.relations[1].note == "what-if");
    CHECK_FALSE(edited.relations[2].type.has_value());
    CHECK(edited.relations[2].weight == 1.0);
    // Undirected unless the map is directed by default.
    CHECK_FALSE(edited.is_directed(edited.relations[1]));
    auto directed_map = map;
    directed_map.directed = true;
    const auto directed = model::apply(directed_map, edit);
    CHECK(directed.is_directed(directed.relations[1]));

    // A relation that already exists is added once more (a second, parallel tie).
    edit = {};
    edit.added_relations = {parse_added_relation("office:desk")};
    CHECK(pairs(model::apply(map, edit)) == "office-desk a1-a2 a2-a3 desk-a2 office-desk");
}

TEST_CASE("what-if: ids the map does not have, removed actors and self-relations are refused") {
    const auto map = small_map();
    model::WhatIf edit;
    edit.removed_actors = {"nobody"};
    CHECK(what_if_message([&] { (void)model::apply(map, edit); }) ==
          "no actor \"nobody\" in this map");

    edit = {};
    edit.added_relations = {parse_added_relation("a1:nobody")};
    CHECK(what_if_message([&] { (void)model::apply(map, edit); }) ==
          "no actor \"nobody\" in this map");
    edit.added_relations = {parse_added_relation("nobody:a1")};
    CHECK(what_if_message([&] { (void)model::apply(map, edit); }) ==
          "no actor \"nobody\" in this map");

    // A relation to an actor removed in the same edit, at either end.
    edit = {};
    edit.removed_actors = {"a2"};
    edit.added_relations = {parse_added_relation("a1:a2")};
    CHECK(what_if_message([&] { (void)model::apply(map, edit); }) == "\"a2\" is also removed");
    edit.added_relations = {parse_added_relation("a2:a1:referral:2")};
    CHECK(what_if_message([&] { (void)model::apply(map, edit); }) == "\"a2\" is also removed");

    // The parser does not know the map: a self-relation is refused when it is applied.
    edit = {};
    const auto self = parse_added_relation("a1:a1");
    CHECK(self.source == "a1");
    CHECK(self.target == "a1");
    edit.added_relations = {self};
    CHECK(what_if_message([&] { (void)model::apply(map, edit); }) ==
          "an actor cannot be related to itself (\"a1\")");

    // Ids are compared as written: no trimming, no case folding.
    edit.added_relations = {parse_added_relation(" a1:a3")};
    CHECK(what_if_message([&] { (void)model::apply(map, edit); }) ==
          "no actor \" a1\" in this map");
    edit.added_relations = {parse_added_relation("A1:a3")};
    CHECK(what_if_message([&] { (void)model::apply(map, edit); }) == "no actor \"A1\" in this map");
}

TEST_CASE("what-if errors name the setting they are about, not a command-line option") {
    const auto map = small_map();
    model::WhatIf edit;
    edit.removed_actors = {"nobody"};
    try {
        (void)model::apply(map, edit);
        FAIL("apply accepted an unknown actor");
    } catch (const model::WhatIfError& error) {
        CHECK(error.setting() == "remove");
        CHECK(error.exit_code() == ExitCode::usage);
    }
    try {
        (void)parse_added_relation("a1");
        FAIL("the parser accepted a relation without a target");
    } catch (const model::WhatIfError& error) {
        CHECK(error.setting() == "add_relation");
    }
}
