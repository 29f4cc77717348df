#include "stakemap/report/validation_report.hpp"

#include <nlohmann/json.hpp>

namespace stakemap::report {

namespace {

const char* severity_name(io::Severity severity) {
    return severity == io::Severity::error ? "error" : "warning";
}

bool valid(const io::ReadResult& result, bool strict) {
    return result.ok() && (!strict || result.warning_count == 0);
}

} // namespace

nlohmann::ordered_json validation_results(const io::ReadResult& result, bool strict) {
    nlohmann::ordered_json out;
    out["valid"] = valid(result, strict);
    out["errors"] = result.error_count;
    out["warnings"] = result.warning_count;
    auto diagnostics = nlohmann::ordered_json::array();
    for (const auto& diagnostic : result.diagnostics) {
        nlohmann::ordered_json entry;
        entry["severity"] = severity_name(diagnostic.severity);
        entry["code"] = diagnostic.code;
        entry["file"] = diagnostic.file;
        entry["line"] = diagnostic.line;
        entry["column"] = diagnostic.column;
        entry["pointer"] = diagnostic.pointer;
        entry["message"] = diagnostic.message;
        diagnostics.push_back(std::move(entry));
    }
    out["diagnostics"] = std::move(diagnostics);
    return out;
}

Table validation_table(const io::ReadResult& result) {
    Table table;
    table.columns = {"severity", "file", "line", "column", "pointer", "message"};
    table.right_aligned = {false, false, true, true, false, false};
    for (const auto& diagnostic : result.diagnostics) {
        table.rows.push_back({severity_name(diagnostic.severity), diagnostic.file,
                              std::to_string(diagnostic.line), std::to_string(diagnostic.column),
                              diagnostic.pointer, diagnostic.message});
    }
    return table;
}

std::string validation_summary(const io::ReadResult& result, const std::string& file, bool strict) {
    auto plural = [](std::size_t n, const char* word) {
        return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
    };
    std::string out = file + ": ";
    if (valid(result, strict)) {
        out += "valid (" + plural(result.map->actors.size(), "actor") + ", " +
               plural(result.map->relations.size(), "relation") + ", " +
               plural(result.warning_count, "warning") + ")";
    } else {
        out += "not valid (" + plural(result.error_count, "error") + ", " +
               plural(result.warning_count, "warning") +
               (strict && result.ok() ? "; --strict counts warnings as errors" : "") + ")";
    }
    return out + "\n";
}

} // namespace stakemap::report
