#include "stakemap/report/document.hpp"

#include "stakemap/error.hpp"
#include "stakemap/report/csv.hpp"
#include "stakemap/version.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace stakemap::report {

std::string_view format_name(Format format) {
    return name_in(format_names, format);
}

std::optional<Format> format_from_name(std::string_view name) {
    return value_in(format_names, name);
}

std::optional<Format> format_from_extension(std::string_view extension) {
    if (extension == ".txt") {
        return Format::table;
    }
    if (extension.size() > 1 && extension.front() == '.') {
        return format_from_name(extension.substr(1));
    }
    return std::nullopt;
}

Block Block::heading(std::string text) {
    Block block;
    block.kind = Kind::heading;
    block.text = std::move(text);
    return block;
}

Block Block::paragraph(std::string text) {
    Block block;
    block.kind = Kind::paragraph;
    block.text = std::move(text);
    return block;
}

Block Block::bullets(std::vector<std::string> items) {
    Block block;
    block.kind = Kind::bullets;
    block.items = std::move(items);
    return block;
}

Block Block::of_table(Table table) {
    Block block;
    block.kind = Kind::table;
    block.table = std::move(table);
    return block;
}

Block Block::prose(std::string text, std::string markdown) {
    Block block;
    block.kind = Kind::prose;
    block.text = std::move(text);
    block.markdown = std::move(markdown);
    return block;
}

Document::Document()
    : options_(std::make_unique<nlohmann::ordered_json>(nlohmann::ordered_json::object())),
      results_(std::make_unique<nlohmann::ordered_json>(nlohmann::ordered_json::object())),
      csv_records_(std::make_unique<nlohmann::ordered_json>(nlohmann::ordered_json::array())) {}

Document::~Document() = default;

Document::Document(const Document& other)
    : command(other.command), map(other.map), title(other.title), lead(other.lead),
      blocks(other.blocks), csv_columns(other.csv_columns), no_csv(other.no_csv),
      warnings(other.warnings), problems_found(other.problems_found),
      options_(std::make_unique<nlohmann::ordered_json>(*other.options_)),
      results_(std::make_unique<nlohmann::ordered_json>(*other.results_)),
      csv_records_(std::make_unique<nlohmann::ordered_json>(*other.csv_records_)) {}

// A moved-from document keeps valid (empty) JSON parts, so its accessors stay safe.
Document::Document(Document&& other) : Document() {
    *this = std::move(other);
}

Document& Document::operator=(const Document& other) {
    if (this != &other) {
        Document copy(other);
        *this = std::move(copy);
    }
    return *this;
}

Document& Document::operator=(Document&& other) noexcept {
    command = std::move(other.command);
    map = std::move(other.map);
    title = std::move(other.title);
    lead = std::move(other.lead);
    blocks = std::move(other.blocks);
    csv_columns = std::move(other.csv_columns);
    no_csv = std::move(other.no_csv);
    warnings = std::move(other.warnings);
    problems_found = other.problems_found;
    options_.swap(other.options_);
    results_.swap(other.results_);
    csv_records_.swap(other.csv_records_);
    return *this;
}

MapSummary summary_of(const model::Map& map) {
    return {.title = map.title, .actors = map.actors.size(), .relations = map.relations.size()};
}

std::string write_json(const Document& document) {
    nlohmann::ordered_json out;
    out["stakemap"] = version;
    out["command"] = document.command;
    if (document.map) {
        out["map"] = {{"title", document.map->title},
                      {"actors", document.map->actors},
                      {"relations", document.map->relations}};
    } else {
        out["map"] = nullptr;
    }
    out["options"] = document.options();
    out["results"] = document.results();
    // Invalid UTF-8 cannot reach here (the reader rejects it); strict keeps it that way.
    return out.dump(2, ' ', false, nlohmann::json::error_handler_t::strict) + "\n";
}

std::string write_csv(const Document& document, WriteStyle style) {
    if (document.no_csv) {
        throw UsageError(*document.no_csv);
    }
    return records_to_csv(document.csv_records(),
                          {.excel_it = style.excel_it, .columns = document.csv_columns});
}

namespace {

/// A prose block's terminal text line by line: its line breaks are its layout, everything else
/// goes through terminal_text.
std::string terminal_lines(std::string_view text) {
    std::string out;
    std::size_t start = 0;
    for (std::size_t end = text.find('\n'); end != std::string_view::npos;
         end = text.find('\n', start)) {
        out += terminal_text(text.substr(start, end - start)) + '\n';
        start = end + 1;
    }
    return out + terminal_text(text.substr(start));
}

/// The blocks in one of the two reading formats; blocks are separated by a blank line, except
/// that a heading sticks to what follows it in plain text. Every text goes through the escaping
/// of its format; prose blocks bring their own Markdown, escaped where it was written.
std::string write_blocks(const std::vector<Block>& blocks, bool markdown) {
    const auto shown = [markdown](std::string_view text) {
        return markdown ? markdown_text(text) : terminal_text(text);
    };
    std::string out;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const Block& block = blocks[i];
        if (i > 0 && (markdown || blocks[i - 1].kind != Block::Kind::heading)) {
            out += '\n';
        }
        switch (block.kind) {
        case Block::Kind::heading:
            out += (markdown ? "### " : "") + shown(block.text) + "\n";
            break;
        case Block::Kind::paragraph:
            out += shown(block.text) + "\n";
            break;
        case Block::Kind::bullets:
            for (const auto& item : block.items) {
                out += (markdown ? "- " : "  ") + shown(item) + "\n";
            }
            break;
        case Block::Kind::table:
            out += markdown ? render_markdown(block.table) : render_text(block.table);
            break;
        case Block::Kind::prose:
            out += markdown ? block.markdown : terminal_lines(block.text);
            break;
        }
    }
    return out;
}

} // namespace

std::string write_markdown(const Document& document) {
    std::string out;
    if (!document.title.empty()) {
        out += "## " + markdown_text(document.title) + "\n\n";
    }
    for (const auto& line : document.lead) {
        out += markdown_text(line) + "\n\n";
    }
    return out + write_blocks(document.blocks, true);
}

std::string write_text(const Document& document) {
    std::string out;
    if (!document.title.empty()) {
        out += terminal_text(document.title) + "\n";
    }
    for (const auto& line : document.lead) {
        out += terminal_text(line) + "\n";
    }
    if (!out.empty() && !document.blocks.empty()) {
        out += "\n";
    }
    return out + write_blocks(document.blocks, false);
}

std::string write(const Document& document, Format format, WriteStyle style) {
    switch (format) {
    case Format::json:
        return write_json(document);
    case Format::csv:
        return write_csv(document, style);
    case Format::md:
        return write_markdown(document);
    case Format::table:
        return write_text(document);
    }
    return write_json(document);
}

} // namespace stakemap::report
