#include "stakemap/report/table.hpp"

#include <clocale>
#include <cmath>
#include <doctest/doctest.h>

using namespace stakemap::report;

TEST_CASE("csv: quoting and formula neutralisation") {
    CHECK(csv_cell("plain") == "plain");
    CHECK(csv_cell("a,b") == "\"a,b\"");
    CHECK(csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
    CHECK(csv_cell("+39 06 123") == "'+39 06 123");
    CHECK(csv_cell("@sum") == "'@sum");
    CHECK(csv_cell("-2.5") == "-2.5");
    CHECK(csv_cell("-cmd") == "'-cmd");
    CHECK(csv_cell("line\nbreak") == "\"line\nbreak\"");
}

TEST_CASE("csv: only a negative number as stakemap writes it keeps its leading minus") {
    // The numbers text::exact_number and text::plain_number write, and the Italian Excel form.
    CHECK(csv_cell("-2") == "-2");
    CHECK(csv_cell("-0.5") == "-0.5");
    CHECK(csv_cell("-1e-05") == "-1e-05");
    CHECK(csv_cell("-1.5e+20") == "-1.5e+20");
    CHECK(csv_cell("-2,5") == "\"-2,5\"");
    // Anything else after a minus or a plus may be read as a formula.
    CHECK(csv_cell("-2+3") == "'-2+3");
    CHECK(csv_cell("-2-3") == "'-2-3");
    CHECK(csv_cell("-1e5+A1") == "'-1e5+A1");
    CHECK(csv_cell("-1.") == "'-1.");
    CHECK(csv_cell("-.5") == "'-.5");
    CHECK(csv_cell("-A1") == "'-A1");
    CHECK(csv_cell("-") == "'-");
    CHECK(csv_cell("+1") == "'+1");
    CHECK(csv_cell("@x") == "'@x");
    CHECK(csv_cell("\tx") == "\"'\tx\"");
    CHECK(csv_cell("\rx") == "\"'\rx\"");
}

TEST_CASE("terminal text: no control character reaches the terminal") {
    CHECK(terminal_text("plain Città") == "plain Città");
    CHECK(terminal_text("a\tb\nc\rd") == "a b c d");
    CHECK(terminal_text("\x1b[31mred\x07") == "\xEF\xBF\xBD[31mred\xEF\xBF\xBD");
    CHECK(terminal_text("del\x7f") == "del\xEF\xBF\xBD");
    CHECK(terminal_text("csi\xC2\x9B"
                        "2J") == "csi\xEF\xBF\xBD"
                                 "2J");                     // C1 U+009B
    CHECK(terminal_text("nbsp\xC2\xA0") == "nbsp\xC2\xA0"); // U+00A0 is printable
    CHECK(terminal_text("stray\x9B") == "stray\xEF\xBF\xBD");
    CHECK(terminal_text("\xE2\x80\xAE\xF0\x9F\x98\x80") == "\xE2\x80\xAE\xF0\x9F\x98\x80");
}

TEST_CASE("Markdown text: no raw HTML, no markup, no line break") {
    CHECK(markdown_text("Città del Sole") == "Città del Sole");
    CHECK(markdown_text("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
    CHECK(markdown_text("\"a\\\"b\\") == "\"a\\\\\"b\\\\");
    CHECK(markdown_text("A & B &amp;") == "A &amp; B &amp;amp;");
    CHECK(markdown_text("*a* _b_ `c` [d](e) f|g ~h~") ==
          "\\*a* \\_b\\_ \\`c\\` \\[d\\](e) f\\|g \\~h\\~");
    // No needless backslashes in ordinary words.
    CHECK(markdown_text("anno_ricostituzione C# 3 * 4") == "anno_ricostituzione C# 3 * 4");
    CHECK(markdown_text("a_b _c a__") == "a_b \\_c a\\_\\_");
    CHECK(markdown_text("* needed") == "\\* needed");
    CHECK(markdown_text("x*") == "x\\*");
    CHECK(markdown_text("# title #") == "\\# title \\#");
    CHECK(markdown_text("- item") == "\\- item");
    CHECK(markdown_text("+ item") == "\\+ item");
    CHECK(markdown_text("===") == "\\===");
    CHECK(markdown_text("-0.5") == "-0.5");
    CHECK(markdown_text("1.5") == "1.5");
    CHECK(markdown_text("12. item") == "12\\. item");
    CHECK(markdown_text("3) item") == "3\\) item");
    CHECK(markdown_text("x - 1. y") == "x - 1. y");
    CHECK(markdown_text("    code") == "&#32;&#32;&#32;&#32;code");
    CHECK(markdown_text("line\nbreak\r\x1b") == "line break \xEF\xBF\xBD");
}

TEST_CASE("Markdown table cells: inline text only") {
    CHECK(markdown_cell_text("#") == "#");
    CHECK(markdown_cell_text("\xE2\x9C\x94*") == "\xE2\x9C\x94*");
    CHECK(markdown_cell_text("*a*b") == "\\*a\\*b");
    CHECK(markdown_cell_text("- 1. x|y") == "- 1. x\\|y");
    CHECK(markdown_cell_text("<b>") == "&lt;b&gt;");
}

TEST_CASE("numbers: no locale, no exponent for ordinary values") {
    std::setlocale(LC_ALL, "it_IT.UTF-8"); // a decimal comma locale, if installed
    CHECK(format_number(0.1234567, 4) == "0.1235");
    CHECK(format_number(2.5) == "2.5");
    CHECK(format_number(1234567.0, 4) == "1234567");
    CHECK(format_number(0.0) == "0");
    CHECK(format_number(-0.0) == "0");
    CHECK(format_number(97.2972972, 3) == "97.3");
    CHECK(format_number(1e-7, 3) == "1e-07");
    std::setlocale(LC_ALL, "C");
}

TEST_CASE("tables: every cell escaped for its format") {
    Table table{{"name", "n"}, {{"<b>x</b>\x1b[2J", "-1"}}, {false, true}};
    CHECK(render_text(table) == "name           n\n"
                                "------------  --\n"
                                "<b>x</b>\xEF\xBF\xBD[2J  -1\n");
    CHECK(render_markdown(table) ==
          "| name | n |\n| --- | ---: |\n| &lt;b&gt;x&lt;/b&gt;\xEF\xBF\xBD\\[2J | -1 |\n");
}

TEST_CASE("tables: text alignment counts characters; Markdown escapes pipes") {
    Table table{{"name", "n"}, {{"Città", "1"}, {"a|b", "10"}}, {false, true}};
    CHECK(render_text(table) == "name    n\n-----  --\nCittà   1\na|b    10\n");
    CHECK(render_markdown(table) ==
          "| name | n |\n| --- | ---: |\n| Città | 1 |\n| a\\|b | 10 |\n");
    CHECK(render_csv(table) == "name,n\r\nCittà,1\r\na|b,10\r\n");
}

TEST_CASE("tables: a left-aligned last column gets no trailing spaces") {
    // Widths: name 4 ("name"), note 9 ("long note"). Columns are two spaces apart.
    const Table table{{"name", "note"}, {{"a", "x"}, {"bbb", "long note"}}, {false, false}};
    CHECK(render_text(table) == "name  note\n"
                                "----  ---------\n"
                                "a     x\n"
                                "bbb   long note\n");
}

TEST_CASE("tables: right alignment pads on the left; columns without a flag are left-aligned") {
    // right_aligned names only the first column: the second is left-aligned. Widths 2 and 2.
    const Table table{{"n", "m"}, {{"1", "2"}, {"10", "20"}}, {true}};
    CHECK(render_text(table) == " n  m\n"
                                "--  --\n"
                                " 1  2\n"
                                "10  20\n");
    CHECK(render_markdown(table) == "| n | m |\n"
                                    "| ---: | --- |\n"
                                    "| 1 | 2 |\n"
                                    "| 10 | 20 |\n");
}

TEST_CASE("tables: width counts characters, not bytes") {
    // "—" is 3 bytes and "€" 3 bytes, each one character: "a—b" is 3 wide, "€" 1 wide, so the
    // column is 3 wide and "€" gets 2 spaces before it when right-aligned.
    const Table table{{"x", "y"}, {{"a—b", "€"}, {"c", "10"}}, {false, true}};
    CHECK(render_text(table) == "x     y\n"
                                "---  --\n"
                                "a—b   €\n"
                                "c    10\n");
}

TEST_CASE("tables: a text cell longer than 80 characters continues under itself") {
    // 20 words of 8 letters: 179 characters. Nine words and their spaces make 80, so the cell takes
    // lines of 9, 9 and 2 words; the column is 80 wide; the continuation lines have blank cells
    // in the other columns and no spaces at their end.
    std::string members;
    for (int i = 0; i < 20; ++i) {
        members += (i == 0 ? "" : " ") + std::string("abcdefgh");
    }
    std::string nine = "abcdefgh";
    for (int i = 1; i < 9; ++i) {
        nine += " abcdefgh";
    }
    REQUIRE(nine.size() == 80);
    const Table table{
        {"n", "members", "k"}, {{"1", members, "7"}, {"2", "short", "10"}}, {true, false, true}};
    CHECK(render_text(table) == "n  members" + std::string(73, ' ') + "   k\n" + "-  " +
                                    std::string(80, '-') + "  --\n" + "1  " + nine + "   7\n" +
                                    "   " + nine + "\n" + "   abcdefgh abcdefgh\n" + "2  short" +
                                    std::string(75, ' ') + "  10\n");
    // Spaces after the last word (a name ending in a line feed, shown as a space) make no blank
    // line inside the table.
    const Table trailing{{"members"}, {{nine + "   "}, {"x"}}, {false}};
    CHECK(render_text(trailing) == "members\n" + std::string(80, '-') + "\n" + nine + "\nx\n");
    // Numbers (right-aligned) are never broken, whatever their length; Markdown and CSV keep the
    // cell whole.
    const Table numbers{{"x"}, {{std::string(90, '9')}}, {true}};
    CHECK(render_text(numbers) ==
          std::string(89, ' ') + "x\n" + std::string(90, '-') + "\n" + std::string(90, '9') + "\n");
    CHECK(render_markdown(table).find(members) != std::string::npos);
    CHECK(render_csv(table).find(members) != std::string::npos);
}

TEST_CASE("tables: an empty table keeps its header") {
    const Table table{{"a", "bb"}, {}, {false, true}};
    CHECK(render_text(table) == "a  bb\n-  --\n");
    CHECK(render_markdown(table) == "| a | bb |\n| --- | ---: |\n");
    CHECK(render_csv(table) == "a,bb\r\n");
    // Empty cells: the column is as wide as its header, the Markdown cell is blank.
    const Table blank{{"a", "b"}, {{"", ""}}, {false, false}};
    CHECK(render_text(blank) == "a  b\n-  -\n   \n");
    CHECK(render_markdown(blank) == "| a | b |\n| --- | --- |\n|  |  |\n");
    CHECK(render_csv(blank) == "a,b\r\n,\r\n");
}

TEST_CASE("tables: Markdown escapes pipes and turns line breaks into spaces, headers included") {
    const Table table{
        {"a|b", "c"}, {{"line\nbreak", "x|y|z"}, {"crlf\r\nend", "back\\slash"}}, {false, false}};
    // Each \r and each \n becomes one space: "crlf\r\nend" → "crlf  end". A backslash is escaped
    // like the other Markdown punctuation.
    CHECK(render_markdown(table) == "| a\\|b | c |\n"
                                    "| --- | --- |\n"
                                    "| line break | x\\|y\\|z |\n"
                                    "| crlf  end | back\\\\slash |\n");
}

TEST_CASE("tables: a backslash before a pipe is kept in Markdown") {
    // GitHub-flavoured Markdown turns each "\|" of a cell into "|" before it reads the cell's text:
    // "a\\\|b" becomes "a\\|b", which shows "a\|b".
    const Table table{{"x"}, {{"a\\|b"}}, {false}};
    CHECK(render_markdown(table) == "| x |\n| --- |\n| a\\\\\\|b |\n");
}

TEST_CASE("tables: CSV quotes separators, quotes and line breaks, CRLF line ends") {
    const Table table{{"name", "note"},
                      {{"Caritas, Prato", "say \"hi\""}, {"a;b", "two\nlines"}},
                      {false, false}};
    CHECK(render_csv(table) == "name,note\r\n"
                               "\"Caritas, Prato\",\"say \"\"hi\"\"\"\r\n"
                               "\"a;b\",\"two\nlines\"\r\n");
}

TEST_CASE("csv cells: what starts a formula is neutralised, plain numbers are not") {
    CHECK(csv_cell("").empty());
    CHECK(csv_cell("a=b") == "a=b"); // only the first character matters
    CHECK(csv_cell("=1+1") == "'=1+1");
    CHECK(csv_cell("+") == "'+");
    CHECK(csv_cell("-") == "'-"); // a lone minus is not a number
    CHECK(csv_cell("-12") == "-12");
    CHECK(csv_cell("-1e-05") == "-1e-05");
    CHECK(csv_cell("-0,5") == "\"-0,5\""); // decimal comma: a number, quoted for its comma
    CHECK(csv_cell("-a") == "'-a");
    CHECK(csv_cell("@") == "'@");
    // Tab and carriage return: prefixed, then quoted because they are special in CSV.
    CHECK(csv_cell("\tx") == "\"'\tx\"");
    CHECK(csv_cell("\rx") == "\"'\rx\"");
    CHECK(csv_cell("x\ty") == "\"x\ty\"");
    CHECK(csv_cell("a;b") == "\"a;b\""); // quoted for the Excel-it separator too
    CHECK(csv_cell("'quoted'") == "'quoted'");
    CHECK(csv_cell("=\"x\",1") == "\"'=\"\"x\"\",1\"");
}

TEST_CASE("csv cells: arithmetic after a leading minus is not a plain number") {
    // A spreadsheet would show 1.
    CHECK(csv_cell("-2+3") == "'-2+3");
}

TEST_CASE("numbers: format_number is plain_number, default 6 significant digits") {
    // 1/3 = 0.333333… : six digits. 1650 has no grouping. 2/3 with 3 digits rounds up.
    CHECK(format_number(1.0 / 3.0) == "0.333333");
    CHECK(format_number(1650.0) == "1650");
    CHECK(format_number(-0.5) == "-0.5");
    CHECK(format_number(2.0 / 3.0, 3) == "0.667");
    CHECK(format_number(100.0, 1) == "100");
    // 999.96 with 4 digits rounds to 1000 (no exponent, no ".0").
    CHECK(format_number(999.96, 4) == "1000");
    CHECK(format_number(std::nan(""), 3) == "NaN");
    CHECK(format_number(-HUGE_VAL) == "-inf");
}
