#include "stakemap/io/sheet.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace stakemap;

namespace {

io::Sheet sheet_of(const std::string& bytes) {
    return io::read_csv_sheet_text(bytes, "t.csv");
}

std::vector<io::Diagnostic> errors_of(const std::string& bytes, model::Language language = {}) {
    try {
        io::read_csv_sheet_text(bytes, "t.csv", {.language = language});
    } catch (const io::LoadError& error) {
        return error.diagnostics();
    }
    return {};
}

} // namespace

TEST_CASE("csv sheet: Excel in Italy, ';', Windows-1252, CRLF, decimal comma, quoted line break") {
    // Line 1: header; line 2: "Università" with 0xE0 (à in cp1252); lines 3-4: one row whose note
    // holds a line break and a doubled quote; line 5 blank.
    const std::string bytes = "codice;nome;capacit\xE0;note\r\n"
                              "uni;Universit\xE0;12,5;\r\n"
                              "caf;CAF \x80 sportello;3;\"due\r\nrighe \"\"citate\"\"\"\r\n"
                              "\r\n";
    const io::Sheet sheet = sheet_of(bytes);
    CHECK(sheet.separator == ';');
    CHECK(sheet.encoding == "CP1252");
    CHECK(sheet.header == std::vector<std::string>{"codice", "nome", "capacità", "note"});
    REQUIRE(sheet.rows.size() == 2);
    CHECK(sheet.rows[0].line == 2);
    CHECK(sheet.rows[0].cells == std::vector<std::string>{"uni", "Università", "12,5", ""});
    CHECK(sheet.rows[1].line == 3);
    CHECK(sheet.rows[1].cells[1] == "CAF € sportello");
    CHECK(sheet.rows[1].cells[3] == "due\r\nrighe \"citate\"");
}

TEST_CASE("csv sheet: UTF-8 with a BOM and ','") {
    const io::Sheet sheet = sheet_of("\xEF\xBB\xBFid,name\nurp,\"URP, Municipio II\"\nasl,Città\n");
    CHECK(sheet.separator == ',');
    CHECK(sheet.encoding == "UTF-8");
    CHECK(sheet.header == std::vector<std::string>{"id", "name"});
    REQUIRE(sheet.rows.size() == 2);
    CHECK(sheet.rows[0].cells == std::vector<std::string>{"urp", "URP, Municipio II"});
    CHECK(sheet.rows[1].cells == std::vector<std::string>{"asl", "Città"});
    CHECK(sheet.rows[1].line == 3);
}

TEST_CASE("csv sheet: tab-separated, commas inside cells stay") {
    const io::Sheet sheet = sheet_of("id\tname\tweight\na\tAlfa, Beta\t0,5\n");
    CHECK(sheet.separator == '\t');
    REQUIRE(sheet.rows.size() == 1);
    CHECK(sheet.rows[0].cells == std::vector<std::string>{"a", "Alfa, Beta", "0,5"});
}

TEST_CASE("csv sheet: ragged rows, NUL bytes and empty files are errors with their line") {
    auto errors = errors_of("id;name\na;A\nb;B;extra\nc\n");
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].code == "sheet.ragged_row");
    CHECK(errors[0].line == 3);
    CHECK(errors[1].line == 4);
    CHECK(errors[0].message.find("3 cells but the header has 2 columns") != std::string::npos);
    errors = errors_of(std::string("id;name\na;A\0\n", 13));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].code == "sheet.nul_byte");
    CHECK(errors[0].line == 2);
    errors = errors_of("");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].code == "sheet.empty");
    // Trailing empty cells that spreadsheets add are not ragged.
    CHECK(sheet_of("id;name\na;A;;\n").rows[0].cells.size() == 2);
}

TEST_CASE("sheet import: Italian columns, labels, numbers with commas, booleans, lists") {
    io::SheetSet sheets;
    sheets.actors = sheet_of("Codice;Nome;Tipo;Potere;Punto_di_accesso;Servizi;Capacità;Sede\n"
                             "a;Alfa;Associazione di migranti;4;sì;;12,5;via Roma\n"
                             "b;Beta;public_office;;no;;;\n");
    sheets.relations = sheet_of("Da;A;Tipo;Peso;Orientata;Dal;Finanziamento\n"
                                "a;b;referral;2,5;vero;01/03/2024;12000\n");
    sheets.areas = sheet_of("id;nome;lingue\nz;Zona;ar:0,32|wo:0,18\n");
    const io::ImportResult result = io::import_sheets(sheets);
    REQUIRE(result.ok());
    const model::Map& map = *result.map;
    REQUIRE(map.actors.size() == 2);
    CHECK(map.actors[0].kind == "migrant_association");
    CHECK(map.actors[0].power == 4);
    CHECK(map.actors[0].access_point == true);
    CHECK(map.actors[0].capacity == 12.5);
    CHECK(std::get<std::string>(map.actors[0].attributes.at("Sede")) == "via Roma");
    CHECK(map.actors[1].access_point == false);
    REQUIRE(map.relations.size() == 1);
    CHECK(map.relations[0].weight == 2.5);
    CHECK(map.relations[0].directed == true);
    CHECK(map.relations[0].since == "2024-03-01");
    // An unknown relation column is kept as an attribute, typed as the actors' are: 12000 is a
    // number.
    CHECK(map.relations[0].attributes ==
          std::map<std::string, model::AttributeValue>{{"Finanziamento", 12000.0}});
    CHECK(result.warning_count == 0);
    CHECK(map.areas[0].languages == std::map<std::string, double>{{"ar", 0.32}, {"wo", 0.18}});
}

TEST_CASE("sheet import: every problem at once, with file, row and column") {
    io::SheetSet sheets;
    sheets.actors = sheet_of("id;nome;potere\na;Alfa;alto\nb;Beta;7\n");
    sheets.actors.file = "attori.csv";
    sheets.relations = sheet_of("da;a;peso\na;c;1\na;b;molto\n");
    sheets.relations.file = "relazioni.csv";
    const io::ImportResult result = io::import_sheets(sheets, model::Language::it);
    CHECK_FALSE(result.ok());
    CHECK(result.error_count == 4);
    std::vector<std::string> where;
    for (const auto& diagnostic : result.diagnostics) {
        where.push_back(diagnostic.file + ":" + std::to_string(diagnostic.line) + ":" +
                        std::to_string(diagnostic.column));
    }
    CHECK(where == std::vector<std::string>{"attori.csv:2:3", "attori.csv:3:3", "relazioni.csv:3:3",
                                            "relazioni.csv:2:2"});
    CHECK(result.diagnostics[0].message.find("«potere»") != std::string::npos);
}

TEST_CASE("sheet import: the map's own kinds and services, named by label in the other sheets") {
    io::SheetSet sheets;
    // "Comunità" is the Italian label of the sector "community" (data/vocab/sectors.json);
    // "nessuno" asks for no sector at all.
    sheets.kinds = sheet_of("Codice;Etichetta;Nome inglese;Settore;Punto di accesso\n"
                            "mosque;Moschea;Mosque;Comunità;sì\n"
                            "desk;Sportello civico;;nessuno;no\n");
    sheets.services = sheet_of("codice;nome italiano;nome inglese\n"
                               "halal_food;Mensa halal;Halal canteen\n");
    sheets.actors = sheet_of("codice;nome;tipo;servizi;zona\n"
                             "m;Moschea di via Po;Moschea;Mensa halal;z\n"
                             "d;Sportello;sportello civico;;z\n");
    sheets.relations = sheet_of("da;a\nm;d\n");
    sheets.areas = sheet_of("codice;nome\nz;Zona\n");
    sheets.needs = sheet_of("zona;servizio;domanda\nz;halal canteen;40\n");
    const io::ImportResult result = io::import_sheets(sheets);
    REQUIRE(result.ok());
    CHECK(result.warning_count == 0);
    const model::Map& map = *result.map;
    REQUIRE(map.kinds.size() == 2);
    CHECK(map.kinds[0].id == "mosque");
    CHECK(map.kinds[0].label == model::Label{"Moschea", "Mosque"});
    CHECK(map.kinds[0].sector == std::optional<std::string>("community"));
    CHECK(map.kinds[0].access_point == true);
    CHECK(map.kinds[1].label == model::Label{"Sportello civico", "Sportello civico"});
    CHECK(map.kinds[1].sector == std::optional<std::string>(""));
    CHECK(map.kinds[1].access_point == false);
    REQUIRE(map.services.size() == 1);
    CHECK(map.services[0].label == model::Label{"Mensa halal", "Halal canteen"});
    CHECK(map.actors[0].kind == "mosque");
    CHECK(map.actors[0].services == std::vector<std::string>{"halal_food"});
    CHECK(map.actors[1].kind == "desk");
    CHECK(map.needs[0].service == "halal_food");
}

TEST_CASE("sheet import: problems of the kinds sheet at its rows and columns") {
    io::SheetSet sheets;
    sheets.kinds = sheet_of("id;label;punto di accesso\nk;K;forse\nk;K2;no\n");
    sheets.kinds->file = "tipi.csv";
    sheets.services = sheet_of("nome\nSenza codice\n");
    sheets.services->file = "servizi.csv";
    sheets.actors = sheet_of("id;name\na;A\nb;B\n");
    sheets.relations = sheet_of("source;target\na;b\n");
    const io::ImportResult result = io::import_sheets(sheets);
    CHECK_FALSE(result.ok());
    std::vector<std::string> where;
    for (const auto& diagnostic : result.diagnostics) {
        if (diagnostic.severity == io::Severity::error) {
            where.push_back(diagnostic.file + ":" + std::to_string(diagnostic.line) + ":" +
                            std::to_string(diagnostic.column));
        }
    }
    // The missing id column of services (header, line 1), the bad yes/no of row 2 (column 3),
    // the duplicate kind id of row 3 (column 1).
    CHECK(where == std::vector<std::string>{"servizi.csv:1:0", "tipi.csv:2:3", "tipi.csv:3:1"});
}

TEST_CASE("sheet import: the problems of a workbook's sheet name the sheet, row and column") {
    io::SheetSet sheets;
    sheets.actors = sheet_of("codice;nome\na;A\nb;B\n");
    sheets.actors.file = "modello.xlsx";
    sheets.actors.name = "attori";
    // Rows as the spreadsheet numbers them: the header on row 2, the bad weight on row 5.
    sheets.relations = sheet_of("da;a;peso\na;b;tre\n");
    sheets.relations.file = "modello.xlsx";
    sheets.relations.name = "relazioni";
    sheets.relations.header_line = 2;
    sheets.relations.rows[0].line = 5;
    const io::ImportResult result = io::import_sheets(sheets, model::Language::it);
    REQUIRE(result.error_count == 1);
    const io::Diagnostic& error = result.diagnostics[0];
    CHECK(error.file == "modello.xlsx");
    CHECK(error.line == 5);
    CHECK(error.column == 3);
    CHECK(error.where == "modello.xlsx, foglio «relazioni», riga 5, colonna «peso»");
    CHECK(io::to_string(error) ==
          "modello.xlsx, foglio «relazioni», riga 5, colonna «peso»: atteso un numero, come 12 o "
          "0,5, non «tre»");
    // In English, and a problem found by the map's rules (an unknown actor) placed the same way.
    sheets.relations.rows[0].cells = {"a", "c", "1"};
    const io::ImportResult english = io::import_sheets(sheets);
    REQUIRE(english.error_count == 1);
    CHECK(english.diagnostics[0].where == "modello.xlsx, sheet \"relazioni\", row 5, column \"a\"");
}

TEST_CASE("csv sheet: one apostrophe before a formula character is taken off, no other") {
    // Cells as a spreadsheet program or `stakemap export --to csv` neutralise them: the reader
    // takes off exactly one leading apostrophe when only apostrophes stand before = + - @ tab or
    // CR.
    const auto sheet = sheet_of("a,b,c,d,e,f,g,h\n"
                                "'-2+3,'=x,''=x,'@a,\"'\tt\",'abc,it's,'\n");
    REQUIRE(sheet.rows.size() == 1);
    CHECK(sheet.rows[0].cells ==
          std::vector<std::string>{"-2+3", "=x", "'=x", "@a", "\tt", "'abc", "it's", "'"});
}

TEST_CASE("sheet import: the short name, and attribute cells as numbers, yes/no or text") {
    io::SheetSet sheets;
    sheets.actors = sheet_of("codice;nome;nome breve;seggi;quota;cap;migliaia;elettiva;attiva;"
                             "codice2;sede\n"
                             "a;Alfa;A;15;-0,25;0574;1.650;sì;false;1;via Roma\n");
    sheets.relations = sheet_of("da;a\n");
    const io::ImportResult result = io::import_sheets(sheets);
    REQUIRE(result.ok());
    const model::Actor& actor = result.map->actors.at(0);
    CHECK(actor.short_name == "A");
    const auto& attributes = actor.attributes;
    CHECK(std::get<double>(attributes.at("seggi")) == 15.0);
    CHECK(std::get<double>(attributes.at("quota")) == -0.25);
    CHECK(std::get<std::string>(attributes.at("cap")) == "0574"); // a leading zero: a code
    // A point is a decimal point, as in the number columns (write 1650 for one thousand six hundred
    // and fifty).
    CHECK(std::get<double>(attributes.at("migliaia")) == 1.65);
    CHECK(std::get<bool>(attributes.at("elettiva")) == true);
    CHECK(std::get<bool>(attributes.at("attiva")) == false);
    CHECK(std::get<double>(attributes.at("codice2")) == 1.0); // 1 is a number, not yes
    CHECK(std::get<std::string>(attributes.at("sede")) == "via Roma");
}
