#pragma once
// What every command produces: one document, written in any format by one writer per format.
//
// A document holds what people read (a title, lead lines, then blocks: headings, paragraphs,
// bullet lists, tables) and what programs read (the JSON options and results of SPEC §4, and the
// records CSV flattens). The analysis returns data; the *_document() functions of the report layer
// turn it into a document in the chosen language; write() turns a document into bytes. The
// command-line tool only parses options, calls one *_document() function and writes the result,
// so a library user can do everything the tool does.

#include "stakemap/model/map.hpp"
#include "stakemap/name_table.hpp"
#include "stakemap/report/table.hpp"

#include <array>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stakemap::report {

/// The output formats of SPEC §4.
enum class Format { json, csv, table, md };

/// Each format with its name, the one table the option parser, the file-extension guess and the
/// docs use.
inline constexpr NameTable<Format, 4> format_names{{
    {Format::json, "json"},
    {Format::csv, "csv"},
    {Format::table, "table"},
    {Format::md, "md"},
}};

std::string_view format_name(Format format);
std::optional<Format> format_from_name(std::string_view name);
/// The format a file extension asks for (".csv", ".md", ".txt", ".json"); none for others.
std::optional<Format> format_from_extension(std::string_view extension);

/// One part of what people read.
struct Block {
    enum class Kind {
        heading,   ///< `text`: a section title
        paragraph, ///< `text`: one paragraph
        bullets,   ///< `items`: one line each
        table,     ///< `table`
        prose,     ///< `text` for the terminal, `markdown` for Markdown, both written by the
                   ///< report layer (the longer documents of gaps, profile and validate), which
                   ///< escapes each text in `markdown` with markdown_text()
    };
    Kind kind = Kind::paragraph;
    std::string text;
    std::string markdown;
    std::vector<std::string> items;
    Table table;

    static Block heading(std::string text);
    static Block paragraph(std::string text);
    static Block bullets(std::vector<std::string> items);
    static Block of_table(Table table);
    static Block prose(std::string text, std::string markdown);
};

/// The map a document is about, as the JSON envelope names it.
struct MapSummary {
    std::string title;
    std::size_t actors = 0;
    std::size_t relations = 0;
};

MapSummary summary_of(const model::Map& map);

/// The JSON parts are held by pointer so that this header needs only nlohmann/json_fwd.hpp (the
/// full nlohmann/json header costs more than a second in every file that includes it); include
/// <nlohmann/json.hpp> to read or change them.
struct Document {
    Document();
    ~Document();
    Document(const Document& other);
    Document(Document&& other);
    Document& operator=(const Document& other);
    Document& operator=(Document&& other) noexcept;

    std::string command;           ///< "stats", "centrality", …
    std::optional<MapSummary> map; ///< none when the map could not be read
    std::string title;             ///< the map's title, or its file name; empty for none
    std::vector<std::string> lead; ///< lines under the title (what-if, settings, a summary)
    std::vector<Block> blocks;

    /// The options the results were computed with, as the JSON envelope shows them (an object).
    nlohmann::ordered_json& options() { return *options_; }
    const nlohmann::ordered_json& options() const { return *options_; }
    /// The results of SPEC §4 (an object).
    nlohmann::ordered_json& results() { return *results_; }
    const nlohmann::ordered_json& results() const { return *results_; }
    /// The records `csv` writes (an array of objects, or one object for one row).
    nlohmann::ordered_json& csv_records() { return *csv_records_; }
    const nlohmann::ordered_json& csv_records() const { return *csv_records_; }
    /// The CSV columns written first and always, even when there is no record.
    std::vector<std::string> csv_columns;
    /// Set when the document has no CSV form: the reason, in the document's language.
    std::optional<std::string> no_csv;

    /// Warnings for the person running the analysis (printed on stderr by the tool).
    std::vector<std::string> warnings;
    /// The command found what it looks for (validate: errors), exit code 1.
    bool problems_found = false;

private:
    std::unique_ptr<nlohmann::ordered_json> options_;
    std::unique_ptr<nlohmann::ordered_json> results_;
    std::unique_ptr<nlohmann::ordered_json> csv_records_;
};

struct WriteStyle {
    /// CSV for Excel in an Italian locale: ';', a UTF-8 byte order mark and decimal commas.
    bool excel_it = false;
};

/// The JSON envelope of SPEC §4: `{"stakemap", "command", "map", "options", "results"}`.
std::string write_json(const Document& document);
/// The CSV records (csv.hpp); throws UsageError when the document has no CSV form.
std::string write_csv(const Document& document, WriteStyle style = {});
/// Markdown: "## title", the lead lines and the blocks as paragraphs, lists and tables; every text
/// through markdown_text().
std::string write_markdown(const Document& document);
/// Plain text for a terminal: the title, the lead lines, a blank line, then the blocks separated
/// by blank lines (a heading sticks to the block after it); every text through terminal_text().
std::string write_text(const Document& document);
/// The document in `format`.
std::string write(const Document& document, Format format, WriteStyle style = {});

} // namespace stakemap::report
