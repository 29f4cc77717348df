#include "stakemap/report/validation_report.hpp"

#include <array>
#include <charconv>
#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>

namespace stakemap::report {

namespace {

using text::N_;

std::string severity_name(io::Severity severity, const text::Words& words) {
    return severity == io::Severity::error ? words.in_context("diagnostic", "error")
                                           : words.in_context("diagnostic", "warning");
}

bool valid(const io::ReadResult& result, bool strict) {
    return result.ok() && (!strict || result.warning_count == 0);
}

/// The lists of a map, each with how one of its elements is named.
constexpr std::array<std::pair<std::string_view, const char*>, 6> lists = {{
    {"areas", N_("the {nth} area")},
    {"kinds", N_("the {nth} kind")},
    {"services", N_("the {nth} service")},
    {"actors", N_("the {nth} actor")},
    {"relations", N_("the {nth} relation")},
    {"needs", N_("the {nth} need")},
}};

} // namespace

std::string list_element(const std::string& pointer, const text::Words& words) {
    // "/relations/11…": the list's name, then the element's index counted from 0.
    if (pointer.size() < 2 || pointer[0] != '/') {
        return "";
    }
    const std::string_view rest = std::string_view(pointer).substr(1);
    const auto slash = rest.find('/');
    if (slash == std::string_view::npos) {
        return "";
    }
    const std::string_view list = rest.substr(0, slash);
    std::string_view index = rest.substr(slash + 1);
    index = index.substr(0, index.find('/'));
    std::size_t position = 0;
    const auto [end, error] = std::from_chars(index.data(), index.data() + index.size(), position);
    if (error != std::errc{} || end != index.data() + index.size() || index.empty() ||
        (index.size() > 1 && index[0] == '0')) {
        return "";
    }
    for (const auto& [name, message] : lists) {
        if (name == list) {
            return words.ordinal(message, position + 1);
        }
    }
    return "";
}

nlohmann::ordered_json validation_results(const io::ReadResult& result, bool strict,
                                          const text::Words& words) {
    nlohmann::ordered_json out;
    out["valid"] = valid(result, strict);
    out["errors"] = result.error_count;
    out["warnings"] = result.warning_count;
    auto diagnostics = nlohmann::ordered_json::array();
    for (const auto& diagnostic : result.diagnostics) {
        nlohmann::ordered_json entry;
        // Severity and code are identifiers for programs, the same in every language.
        entry["severity"] = diagnostic.severity == io::Severity::error ? "error" : "warning";
        entry["code"] = diagnostic.code;
        entry["file"] = diagnostic.file;
        entry["line"] = diagnostic.line;
        entry["column"] = diagnostic.column;
        entry["pointer"] = diagnostic.pointer;
        entry["element"] = list_element(diagnostic.pointer, words);
        entry["message"] = diagnostic.message;
        diagnostics.push_back(std::move(entry));
    }
    out["diagnostics"] = std::move(diagnostics);
    return out;
}

Table validation_table(const io::ReadResult& result, const text::Words& words) {
    Table table;
    table.columns = {words.in_context("validate column", "severity"),
                     words.in_context("validate column", "file"),
                     words.in_context("validate column", "line"),
                     words.in_context("validate column", "column"),
                     words.in_context("validate column", "pointer"),
                     words.in_context("validate column", "element"),
                     words.in_context("validate column", "message")};
    table.right_aligned = {false, false, true, true, false, false, false};
    for (const auto& diagnostic : result.diagnostics) {
        table.rows.push_back({severity_name(diagnostic.severity, words), diagnostic.file,
                              std::to_string(diagnostic.line), std::to_string(diagnostic.column),
                              diagnostic.pointer, list_element(diagnostic.pointer, words),
                              diagnostic.message});
    }
    return table;
}

std::string diagnostic_line(const io::Diagnostic& diagnostic, const text::Words& words) {
    std::string out = diagnostic.file;
    if (diagnostic.line > 0) {
        out += ':' + std::to_string(diagnostic.line) + ':' + std::to_string(diagnostic.column);
    }
    out += ": " + severity_name(diagnostic.severity, words) + ": ";
    if (!diagnostic.pointer.empty()) {
        out += diagnostic.pointer;
        const std::string element = list_element(diagnostic.pointer, words);
        if (!element.empty()) {
            out += " (" + element + ")";
        }
        out += ": ";
    }
    return out + diagnostic.message;
}

std::string validation_summary(const io::ReadResult& result, const std::string& file, bool strict,
                               const text::Words& words) {
    const std::string warnings = words.plural("{n} warning", "{n} warnings", result.warning_count);
    if (valid(result, strict)) {
        return words(
                   "{file}: valid ({actors}, {relations}, {warnings})",
                   {{"file", file},
                    {"actors", words.plural("{n} actor", "{n} actors", result.map->actors.size())},
                    {"relations",
                     words.plural("{n} relation", "{n} relations", result.map->relations.size())},
                    {"warnings", warnings}}) +
               "\n";
    }
    const std::string errors = words.plural("{n} error", "{n} errors", result.error_count);
    if (strict && result.ok()) {
        return words("{file}: not valid ({errors}, {warnings}; --strict counts warnings as errors)",
                     {{"file", file}, {"errors", errors}, {"warnings", warnings}}) +
               "\n";
    }
    return words("{file}: not valid ({errors}, {warnings})",
                 {{"file", file}, {"errors", errors}, {"warnings", warnings}}) +
           "\n";
}

Document validation_document(const io::ReadResult& result, const std::string& file, bool strict,
                             model::Language language) {
    const text::Words words(language);
    Document document;
    document.command = "validate";
    if (result.map) {
        document.map = summary_of(*result.map);
    }
    document.options()["strict"] = strict;
    document.results() = validation_results(result, strict, words);
    document.csv_records() = document.results()["diagnostics"];
    document.csv_columns = {"severity", "code",    "file",    "line",
                            "column",   "pointer", "element", "message"};
    std::string text;
    for (const auto& diagnostic : result.diagnostics) {
        text += diagnostic_line(diagnostic, words) + '\n';
    }
    const std::string summary = validation_summary(result, file, strict, words);
    std::string markdown = result.diagnostics.empty()
                               ? std::string()
                               : render_markdown(validation_table(result, words)) + "\n";
    // The summary is one line; its line break is the block's own.
    const std::string summary_line = summary.substr(0, summary.find('\n'));
    document.blocks.push_back(
        Block::prose(text + summary, markdown + markdown_text(summary_line) + "\n"));
    document.problems_found = !result.ok() || (strict && result.warning_count > 0);
    return document;
}

} // namespace stakemap::report
