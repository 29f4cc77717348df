#include "stakemap/report/table.hpp"

#include "stakemap/text/words.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace stakemap::report {

namespace {

/// Display width: counts characters, not bytes, so accented names line up.
std::size_t width(std::string_view text) {
    std::size_t count = 0;
    for (char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) {
            ++count;
        }
    }
    return count;
}

} // namespace

std::string render_text(const Table& table) {
    std::vector<std::size_t> widths(table.columns.size(), 0);
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
        widths[c] = width(table.columns[c]);
        for (const auto& row : table.rows) {
            widths[c] = std::max(widths[c], width(row[c]));
        }
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const std::size_t pad = widths[c] - width(cells[c]);
            const bool right = c < table.right_aligned.size() && table.right_aligned[c];
            if (right) {
                out.append(pad, ' ');
            }
            out += cells[c];
            if (!right && c + 1 < cells.size()) {
                out.append(pad, ' ');
            }
            if (c + 1 < cells.size()) {
                out += "  ";
            }
        }
        out += '\n';
        return out;
    };
    std::string out = line(table.columns);
    std::vector<std::string> rule;
    for (std::size_t w : widths) {
        rule.emplace_back(w, '-');
    }
    out += line(rule);
    for (const auto& row : table.rows) {
        out += line(row);
    }
    return out;
}

std::string render_markdown(const Table& table) {
    auto escape = [](const std::string& text) {
        std::string out;
        for (char c : text) {
            if (c == '|') {
                out += "\\|";
            } else if (c == '\n' || c == '\r') {
                out += ' ';
            } else {
                out += c;
            }
        }
        return out;
    };
    std::string out = "|";
    for (const auto& column : table.columns) {
        out += " " + escape(column) + " |";
    }
    out += "\n|";
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
        const bool right = c < table.right_aligned.size() && table.right_aligned[c];
        out += right ? " ---: |" : " --- |";
    }
    out += '\n';
    for (const auto& row : table.rows) {
        out += "|";
        for (const auto& cell : row) {
            out += " " + escape(cell) + " |";
        }
        out += '\n';
    }
    return out;
}

std::string csv_cell(std::string_view text) {
    std::string value(text);
    if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' ||
                           value[0] == '@' || value[0] == '\t' || value[0] == '\r')) {
        // A leading minus of a plain number is kept: it cannot start a formula.
        bool plain_number = value[0] == '-' && value.size() > 1;
        for (std::size_t i = 1; plain_number && i < value.size(); ++i) {
            const char c = value[i];
            plain_number = (c >= '0' && c <= '9') || c == '.' || c == ',' || c == 'e' || c == 'E' ||
                           c == '+' || c == '-';
        }
        if (!plain_number) {
            value.insert(value.begin(), '\'');
        }
    }
    if (value.find_first_of(",;\"\n\r\t") == std::string::npos) {
        return value;
    }
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') {
            out += '"';
        }
        out += c;
    }
    out += '"';
    return out;
}

std::string render_csv(const Table& table) {
    auto line = [](const std::vector<std::string>& cells) {
        std::string out;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            if (c > 0) {
                out += ',';
            }
            out += csv_cell(cells[c]);
        }
        return out + "\r\n";
    };
    std::string out = line(table.columns);
    for (const auto& row : table.rows) {
        out += line(row);
    }
    return out;
}

std::string format_number(double value, int digits) {
    return text::plain_number(value, digits);
}

} // namespace stakemap::report
