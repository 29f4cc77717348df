#include "stakemap/report/csv.hpp"

#include "stakemap/report/table.hpp"
#include "stakemap/text/words.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace stakemap::report {

namespace {

using Json = nlohmann::ordered_json;

/// A plain value as CSV cell text; nested values come back as compact JSON.
std::string cell_text(const Json& value, const CsvStyle& style) {
    switch (value.type()) {
    case Json::value_t::null:
        return "";
    case Json::value_t::string:
        return value.get<std::string>();
    case Json::value_t::boolean:
        return value.get<bool>() ? "true" : "false";
    case Json::value_t::number_integer:
        return std::to_string(value.get<std::int64_t>());
    case Json::value_t::number_unsigned:
        return std::to_string(value.get<std::uint64_t>());
    case Json::value_t::number_float: {
        std::string text = text::exact_number(value.get<double>());
        if (style.excel_it) {
            std::replace(text.begin(), text.end(), '.', ',');
        }
        return text;
    }
    case Json::value_t::array: {
        // A list of plain values is one cell; anything deeper stays JSON.
        std::string joined;
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (value[i].is_structured()) {
                return value.dump();
            }
            joined += (i > 0 ? "|" : "") + cell_text(value[i], style);
        }
        return joined;
    }
    default:
        return value.dump();
    }
}

/// Flattens one record into (column, value) pairs: {"a": {"b": 1}} → ("a.b", 1).
void flatten(const Json& value, const std::string& prefix,
             std::vector<std::pair<std::string, const Json*>>& out) {
    if (value.is_object()) {
        // An empty object adds no column (e.g. no sector loses its path to the institutions).
        for (const auto& [key, child] : value.items()) {
            flatten(child, prefix.empty() ? key : prefix + "." + key, out);
        }
        return;
    }
    out.emplace_back(prefix.empty() ? "value" : prefix, &value);
}

} // namespace

std::string records_to_csv(const nlohmann::ordered_json& records, CsvStyle style) {
    std::vector<const Json*> rows;
    if (records.is_array()) {
        for (const auto& record : records) {
            rows.push_back(&record);
        }
    } else {
        rows.push_back(&records);
    }
    std::vector<std::vector<std::pair<std::string, const Json*>>> flat(rows.size());
    std::vector<std::string> columns = style.columns;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        flatten(*rows[r], "", flat[r]);
        for (const auto& [column, value] : flat[r]) {
            (void)value;
            if (std::find(columns.begin(), columns.end(), column) == columns.end()) {
                columns.push_back(column);
            }
        }
    }
    const char separator = style.excel_it ? ';' : ',';
    auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            if (c > 0) {
                out += separator;
            }
            out += csv_cell(cells[c]);
        }
        return out + "\r\n";
    };
    std::string out;
    if (style.excel_it) {
        out = "\xEF\xBB\xBF"; // the UTF-8 byte order mark Excel needs to read UTF-8
    }
    out += line(columns);
    for (const auto& row : flat) {
        std::vector<std::string> cells(columns.size());
        for (const auto& [column, value] : row) {
            const auto at = std::find(columns.begin(), columns.end(), column) - columns.begin();
            cells[static_cast<std::size_t>(at)] = cell_text(*value, style);
        }
        out += line(cells);
    }
    return out;
}

} // namespace stakemap::report
