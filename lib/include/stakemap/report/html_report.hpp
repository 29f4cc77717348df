#pragma once
// The report a workgroup circulates (`stakemap report`): one self-contained HTML file — summary and
// findings, the map and the power–interest grid, key actors, gaps, coverage, suggested links, the
// self-assessment and, when asked, what changed since the previous round and the options compared.
// Every section is made by the command that answers its question (stats_document,
// gaps_document…); this layer lays the documents out, escapes every user string for its place,
// and adds the drawings, the data the page's script reads, the style and the script
// (data/report/). Nothing in the file asks the network for anything: a Content-Security-Policy
// forbids it.

#include "stakemap/model/map.hpp"
#include "stakemap/report/document.hpp"
#include "stakemap/report/input.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stakemap::report {

struct ReportSettings {
    /// The previous round: a "what changed" section.
    std::optional<model::Map> previous;
    std::string previous_source;
    /// Option files (stakemap-option/1): an "options compared" section.
    std::vector<std::string> options;
    std::string rubric = "default"; ///< as `assess --rubric`
    std::string rules = "default";  ///< as `gaps --rules`
    std::size_t access_target = 3;
    std::size_t within = 2;
};

/// One section of the report.
struct ReportSection {
    std::string id;            ///< the HTML id ("summary", "map", "actors"…)
    std::string title;         ///< in the report's language
    std::string how_to_read;   ///< one sentence
    std::vector<Block> blocks; ///< what people read, as in a command's document
    /// Inline SVG drawings (Graphviz's output without its XML prologue).
    struct Drawing {
        std::string id; ///< "map", "grid", "coverage": the Markdown form's file names
        std::string svg;
        std::string caption;
    };
    std::vector<Drawing> drawings;
};

/// Every section of the report, in order. Throws what the commands it runs throw.
std::vector<ReportSection> report_sections(const Input& input, const ReportSettings& settings);

/// The HTML file. Throws what report_sections throws.
std::string html_report(const Input& input, const ReportSettings& settings);

/// The report as Markdown, for people who paste it into a document: the same sections, each
/// drawing referred to as an image file `stem-ID.svg` beside the Markdown file.
struct MarkdownReport {
    std::string markdown;
    /// File names (relative to the Markdown file) and SVG contents of the drawings.
    std::vector<std::pair<std::string, std::string>> drawings;
};
MarkdownReport markdown_report(const Input& input, const ReportSettings& settings,
                               const std::string& stem);

/// Text for HTML element content and attribute values: io::xml_escape (markup characters as
/// entities, tab and line breaks as character references, forbidden control characters as U+FFFD).
std::string html_escape(std::string_view text);

/// JSON for a <script> element: `<`, `>`, `&` and the line separators U+2028/U+2029 written as
/// \u escapes, so that no string inside can end the element or open a comment.
std::string script_json(std::string_view json);

} // namespace stakemap::report
