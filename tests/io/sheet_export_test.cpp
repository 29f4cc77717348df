#include "stakemap/io/map_reader.hpp"
#include "stakemap/io/sheet_export.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace stakemap;

TEST_CASE("sheet export: formula characters neutralised so that the reader's rule undoes it") {
    CHECK(io::neutralized_text("-2+3") == "'-2+3");
    CHECK(io::neutralized_text("=SUM(A1)") == "'=SUM(A1)");
    CHECK(io::neutralized_text("+39") == "'+39");
    CHECK(io::neutralized_text("@home") == "'@home");
    CHECK(io::neutralized_text("\tx") == "'\tx");
    CHECK(io::neutralized_text("\rx") == "'\rx");
    CHECK(io::neutralized_text("'=x") == "''=x"); // read back as '=x
    CHECK(io::neutralized_text("'abc") == "'abc");
    CHECK(io::neutralized_text("a-b") == "a-b");
    CHECK(io::neutralized_text("") == "");
}

TEST_CASE("sheet export: Italian columns, labels, typed cells, attributes after the fields") {
    model::Map map;
    model::Actor actor;
    actor.id = "urp";
    actor.name = "URP";
    actor.kind = "help_desk";
    actor.level = "not-a-level";
    actor.power = 4;
    actor.access_point = true;
    actor.services = {"information", "own-service"};
    actor.attributes = {{"seggi", 15.0}, {"nome", std::string("taken")}};
    map.actors.push_back(actor);
    model::Relation relation;
    relation.source = "urp";
    relation.target = "urp";
    relation.since = "2024-03-01";
    relation.type = "referral";
    map.relations.push_back(relation);
    const auto tables = io::map_sheets(map, {.language = model::Language::it});
    REQUIRE(tables.size() == 4);
    CHECK(tables[0].name == "attori");
    CHECK(tables[1].name == "relazioni");
    CHECK(tables[2].name == "aree");
    CHECK(tables[3].name == "bisogni");
    const auto& actors = tables[0];
    // 17 columns of fields, then the attributes sorted by name; "nome" is a column already.
    REQUIRE(actors.header.size() == 19);
    CHECK(actors.header[0] == "codice");
    CHECK(actors.header[16] == "note");
    CHECK(actors.header[17] == "attribute.nome");
    CHECK(actors.fields[17] == "attributes/nome");
    CHECK(actors.header[18] == "seggi");
    const auto& row = actors.rows.at(0);
    CHECK(row[3] == io::SheetCell{std::string("Sportello immigrati")});
    CHECK(row[4] == io::SheetCell{std::string("not-a-level")}); // unknown: the id
    CHECK(row[7] == io::SheetCell{std::string("Informazione e orientamento|own-service")});
    CHECK(row[10] == io::SheetCell{4.0});
    CHECK(row[14] == io::SheetCell{true});
    CHECK(row[18] == io::SheetCell{15.0});
    CHECK(std::holds_alternative<std::monostate>(row[9])); // no capacity
    const auto& relations = tables[1];
    CHECK(relations.rows.at(0)[3] == io::SheetCell{std::string("Invio di utenti")});
    CHECK(relations.rows.at(0)[4] == io::SheetCell{1.0});
    CHECK(relations.rows.at(0)[6] == io::SheetCell{io::DateCell{"2024-03-01"}});
    CHECK(io::write_csv_table(relations, io::CsvDialect::excel_it, model::Language::it) ==
          "\xEF\xBB\xBF"
          "codice;da;a;tipo;peso;orientata;dal;al;formalità;affidabilità;informatori;nota\r\n"
          ";urp;urp;Invio di utenti;1;;2024-03-01;;;;;\r\n");
}

TEST_CASE("sheet export: the examples give the same files twice") {
    const auto map = io::load_map(STAKEMAP_SOURCE_DIR "/examples/prato/map.json");
    const io::ExportOptions options{
        .format = io::ExportFormat::csv, .language = model::Language::it, .excel_it = true};
    const auto files = io::export_sheet_files(map, options);
    REQUIRE(files.size() == 4);
    CHECK(files[0].name == "attori.csv");
    for (std::size_t i = 0; i < files.size(); ++i) {
        CHECK(files[i].content == io::export_sheet_files(map, options)[i].content);
    }
}
