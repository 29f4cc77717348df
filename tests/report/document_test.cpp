// The document model's writers, on small documents written out by hand.

#include "stakemap/error.hpp"
#include "stakemap/report/document.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace stakemap;
using report::Block;
using report::Document;

namespace {

Document sample() {
    Document document;
    document.command = "stats";
    document.map = report::MapSummary{.title = "Rete", .actors = 3, .relations = 2};
    document.title = "Rete";
    document.lead = {"What if: without a"};
    document.blocks.push_back(Block::bullets({"first", "second"}));
    document.blocks.push_back(Block::heading("Figures"));
    report::Table table;
    table.columns = {"name", "value"};
    table.rows = {{"density", "0.5"}};
    table.right_aligned = {false, true};
    document.blocks.push_back(Block::of_table(table));
    document.options()["types"] = nlohmann::ordered_json::array();
    document.results()["density"] = 0.5;
    document.csv_records() = nlohmann::ordered_json::array({{{"id", "a"}, {"degree", 2}}});
    return document;
}

} // namespace

TEST_CASE("document: format names and file extensions") {
    CHECK(report::format_name(report::Format::md) == "md");
    CHECK(report::format_from_name("table") == report::Format::table);
    CHECK(report::format_from_name("JSON") == report::Format::json); // names ignore case
    CHECK_FALSE(report::format_from_name("xml").has_value());
    CHECK(report::format_from_extension(".txt") == report::Format::table);
    CHECK(report::format_from_extension(".csv") == report::Format::csv);
    CHECK_FALSE(report::format_from_extension(".svg").has_value());
    CHECK_FALSE(report::format_from_extension("").has_value());
}

TEST_CASE("document: plain text puts the title and lead lines, a blank line, then the blocks") {
    // Bullets are indented by two spaces; a blank line separates blocks, except after a heading;
    // the table is padded to its widest cell, numbers right-aligned.
    CHECK(report::write_text(sample()) == "Rete\n"
                                          "What if: without a\n"
                                          "\n"
                                          "  first\n"
                                          "  second\n"
                                          "\n"
                                          "Figures\n"
                                          "name     value\n"
                                          "-------  -----\n"
                                          "density    0.5\n");
}

TEST_CASE("document: Markdown writes ## and ### headings, lists and a table") {
    CHECK(report::write_markdown(sample()) == "## Rete\n"
                                              "\n"
                                              "What if: without a\n"
                                              "\n"
                                              "- first\n"
                                              "- second\n"
                                              "\n"
                                              "### Figures\n"
                                              "\n"
                                              "| name | value |\n"
                                              "| --- | ---: |\n"
                                              "| density | 0.5 |\n");
}

TEST_CASE("document: a prose block is written as given, one text per format") {
    Document document;
    document.blocks.push_back(Block::prose("plain\n", "*marked*\n"));
    CHECK(report::write_text(document) == "plain\n");
    CHECK(report::write_markdown(document) == "*marked*\n");
}

TEST_CASE("document: names are escaped in Markdown and on the terminal") {
    const std::string name = "<script>alert(1)</script>\x1b[2J\nnext";
    Document document;
    document.title = name;
    document.lead = {"- " + name};
    document.blocks.push_back(Block::heading(name));
    document.blocks.push_back(Block::paragraph("*" + name + "*"));
    document.blocks.push_back(Block::bullets({name}));
    document.blocks.push_back(Block::prose("a " + name + "\nsecond line\n", "kept\n"));
    const std::string shown_md = "&lt;script&gt;alert(1)&lt;/script&gt;\xEF\xBF\xBD\\[2J next";
    CHECK(report::write_markdown(document) ==
          "## " + shown_md + "\n\n" + "\\- " + shown_md + "\n\n" + "### " + shown_md + "\n\n" +
              "\\*" + shown_md + "\\*\n\n" + "- " + shown_md + "\n\n" + "kept\n");
    const std::string shown_text = "<script>alert(1)</script>\xEF\xBF\xBD[2J next";
    // A prose block's own line breaks are its layout; the name's breaks it too, but no escape
    // sequence passes.
    CHECK(report::write_text(document) == shown_text + "\n- " + shown_text + "\n\n" + shown_text +
                                              "\n*" + shown_text + "*\n\n  " + shown_text +
                                              "\n\na <script>alert(1)</script>"
                                              "\xEF\xBF\xBD[2J\nnext\nsecond line\n");
}

TEST_CASE("document: the JSON envelope and the CSV records") {
    const Document document = sample();
    const auto json = nlohmann::ordered_json::parse(report::write_json(document));
    CHECK(json["command"] == "stats");
    CHECK(json["map"]["actors"] == 3);
    CHECK(json["map"]["relations"] == 2);
    CHECK(json["options"]["types"].empty());
    CHECK(json["results"]["density"] == 0.5);
    CHECK(report::write_csv(document) == "id,degree\r\n"
                                         "a,2\r\n");
    CHECK(report::write_csv(document, {.excel_it = true}) == "\xEF\xBB\xBFid;degree\r\n"
                                                             "a;2\r\n");
}

TEST_CASE("document: a document without a CSV form refuses CSV with its reason") {
    Document document;
    document.no_csv = "no CSV here";
    try {
        (void)report::write(document, report::Format::csv);
        FAIL("CSV was written");
    } catch (const UsageError& error) {
        CHECK(std::string(error.what()) == "no CSV here");
        CHECK(error.exit_code() == ExitCode::usage);
    }
}

TEST_CASE("document: copies and moves keep the JSON parts apart and valid") {
    Document original = sample();
    Document copy = original;
    copy.results()["density"] = 0.25;
    CHECK(original.results()["density"] == 0.5);
    Document moved = std::move(original);
    CHECK(moved.results()["density"] == 0.5);
    CHECK(original.results().is_object()); // NOLINT: a moved-from document stays usable
}
