#include "stakemap/io/vocabulary.hpp"
#include "stakemap/model/vocabulary.hpp"

#include <doctest/doctest.h>

using namespace stakemap;

TEST_CASE("vocabulary: every default term has an Italian and an English label") {
    const auto& vocabulary = io::default_vocabulary();
    CHECK(vocabulary.sectors.size() == 5);
    CHECK(vocabulary.levels.size() == 8);
    CHECK(vocabulary.kinds.size() >= 20);
    CHECK(vocabulary.services.size() >= 14);
    CHECK(vocabulary.relation_types.size() >= 8);
    CHECK(vocabulary.formality.size() == 5);
    for (const auto& kind : vocabulary.kinds) {
        CAPTURE(kind.id);
        CHECK_FALSE(kind.label.it.empty());
        CHECK_FALSE(kind.label.en.empty());
        CHECK((kind.sector.empty() || vocabulary.find_sector(kind.sector) != nullptr));
    }
    for (const auto* list : {&vocabulary.services, &vocabulary.relation_types, &vocabulary.sectors,
                             &vocabulary.formality}) {
        for (const auto& term : *list) {
            CAPTURE(term.id);
            CHECK_FALSE(term.label.it.empty());
            CHECK_FALSE(term.label.en.empty());
        }
    }
    CHECK(vocabulary.find_kind("consulta")->sector == "bridge");
    CHECK(vocabulary.find_kind("help_desk")->access_point);
    CHECK_FALSE(vocabulary.find_kind("association")->access_point);
}

TEST_CASE("vocabulary: a map's kinds extend and override the defaults") {
    model::Map map;
    map.kinds.push_back({.id = "association", .sector = std::string(), .access_point = true});
    map.kinds.push_back({.id = "tavolo",
                         .label = model::Label{"Tavolo", "Round table"},
                         .sector = std::string("bridge")});
    map.services.push_back({.id = "legal_permits", .label = model::Label{"Legale", "Legal"}});
    const auto merged = io::default_vocabulary().merged_with(map);
    const auto* association = merged.find_kind("association");
    CHECK(association->sector.empty());
    CHECK(association->access_point);
    CHECK(association->label.it == "Associazione"); // label not overridden
    CHECK(merged.find_kind("tavolo")->label.en == "Round table");
    CHECK(merged.kinds.size() == io::default_vocabulary().kinds.size() + 1);
    CHECK(merged.find_service("legal_permits")->label.en == "Legal");

    model::Actor desk{.id = "d", .name = "D", .kind = std::string("help_desk")};
    CHECK(model::is_access_point(desk, merged));
    desk.access_point = false;
    CHECK_FALSE(model::is_access_point(desk, merged));
    CHECK(model::sector_of(desk, merged) == "institution");
    CHECK(model::text(model::Label{"", "only English"}, model::Language::it) == "only English");
}
