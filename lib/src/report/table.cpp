#include "stakemap/report/table.hpp"

// The UTF-8 rule the readers use (io), so that the terminal shows as valid what they accept.
#include "../io/cell_text.hpp"
#include "stakemap/render/escape.hpp"
#include "stakemap/text/words.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace stakemap::report {

namespace {

/// The widest a text cell is shown on a terminal before it continues on the next line (the width
/// of a terminal nobody resized): lists of names and services are broken, single names are not.
constexpr std::size_t widest_text_cell = 80;

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

/// Whether `text` is a negative number exactly as stakemap writes one (text::exact_number,
/// text::plain_number, a decimal comma for Excel in Italian): "-2", "-0.5", "-1e-05", "-2,5".
/// Anything else after a minus (-2+3, -A1) could be a formula.
bool is_written_negative_number(std::string_view text) {
    std::size_t i = 1;
    const auto digits = [&] {
        const std::size_t start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            ++i;
        }
        return i > start;
    };
    if (text.empty() || text[0] != '-' || !digits()) {
        return false;
    }
    if (i < text.size() && (text[i] == '.' || text[i] == ',')) {
        ++i;
        if (!digits()) {
            return false;
        }
    }
    if (i < text.size() && text[i] == 'e') {
        ++i;
        if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
            ++i;
        }
        if (!digits()) {
            return false;
        }
    }
    return i == text.size();
}

constexpr std::string_view replacement_character = "\xEF\xBF\xBD";

} // namespace

std::string terminal_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t length = io::utf8_sequence_length(text, i);
        if (c == '\t' || c == '\n' || c == '\r') {
            out += ' ';
        } else if (length == 0) {
            // A stray byte such as 0x9B is a control sequence introducer to an 8-bit terminal.
            out += replacement_character;
            ++i;
            continue;
        } else if (c < 0x20U || c == 0x7FU ||
                   (c == 0xC2U && static_cast<unsigned char>(text[i + 1]) < 0xA0U)) {
            out += replacement_character;
        } else {
            out.append(text.substr(i, length));
        }
        i += length;
    }
    return out;
}

namespace {

bool is_ascii_alnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// In a table cell (GFM reads a cell as inline text only) no block marks apply: a leading list mark,
// heading or number needs no escape, and a `*` that ends the cell can open no emphasis.
std::string markdown_escape(std::string_view text, bool cell) {
    const std::string plain = terminal_text(text);
    std::string out;
    out.reserve(plain.size() + plain.size() / 8);
    std::size_t i = 0;
    // Four leading spaces would start a code block; an entity is text, not indentation.
    for (; i < plain.size() && plain[i] == ' '; ++i) {
        out += "&#32;";
    }
    const std::size_t start = i;
    // A list item, a thematic break or a setext underline otherwise; a number such as -1 is none.
    if (!cell && i == 0 && !plain.empty() &&
        (plain[0] == '+' || plain[0] == '-' || plain[0] == '=') &&
        !(plain.size() > 1 && plain[1] >= '0' && plain[1] <= '9')) {
        out += '\\';
    }
    const std::size_t digits_end = plain.find_first_not_of("0123456789");
    const std::size_t ordered_list_mark =
        !cell && digits_end != std::string::npos && digits_end > 0 &&
                (plain[digits_end] == '.' || plain[digits_end] == ')') &&
                (digits_end + 1 == plain.size() || plain[digits_end + 1] == ' ')
            ? digits_end
            : std::string::npos;
    for (; i < plain.size(); ++i) {
        const char c = plain[i];
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '_': {
            // Inside a word (snake_case) underscores make no emphasis.
            std::size_t end = i;
            while (end < plain.size() && plain[end] == '_') {
                ++end;
            }
            const bool inside_word = i > 0 && is_ascii_alnum(plain[i - 1]) && end < plain.size() &&
                                     is_ascii_alnum(plain[end]);
            for (; i < end; ++i) {
                if (!inside_word) {
                    out += '\\';
                }
                out += '_';
            }
            --i;
            break;
        }
        case '*': {
            // A `*` followed by a space (or ending a cell) can open no emphasis; at the start it
            // would be a list mark.
            const bool closes_only =
                i > start && (i + 1 < plain.size() ? plain[i + 1] == ' ' : cell);
            if (!closes_only) {
                out += '\\';
            }
            out += c;
            break;
        }
        case '#':
            // A heading mark only at the start of a line or as a heading's closing run.
            if (!cell && (i == start || plain[i - 1] == ' ' || plain[i - 1] == '#')) {
                out += '\\';
            }
            out += c;
            break;
        case '\\':
        case '`':
        case '[':
        case ']':
        case '|':
        case '~':
            out += '\\';
            out += c;
            break;
        default:
            if (i == ordered_list_mark) {
                out += '\\';
            }
            out += c;
        }
    }
    return out;
}

} // namespace

std::string markdown_text(std::string_view text) {
    return markdown_escape(text, false);
}

std::string markdown_cell_text(std::string_view text) {
    return markdown_escape(text, true);
}

std::string render_text(const Table& raw) {
    Table table = raw;
    for (auto& column : table.columns) {
        column = terminal_text(column);
    }
    for (auto& row : table.rows) {
        for (auto& cell : row) {
            cell = terminal_text(cell);
        }
    }
    const std::size_t column_count = table.columns.size();
    auto right_aligned = [&](std::size_t c) {
        return c < table.right_aligned.size() && table.right_aligned[c];
    };
    // A text column wider than a terminal (a cluster's members, an area's services) has its long
    // cells broken at spaces and continued on the lines below, so that the row stays readable.
    std::vector<std::vector<std::vector<std::string>>> lines_of_rows;
    lines_of_rows.reserve(table.rows.size());
    for (const auto& row : table.rows) {
        std::vector<std::vector<std::string>> lines(1, std::vector<std::string>(column_count));
        for (std::size_t c = 0; c < column_count; ++c) {
            if (right_aligned(c) || width(row[c]) <= widest_text_cell) {
                lines[0][c] = row[c];
                continue;
            }
            // Spaces at the end of the cell would make a line of their own: a blank line inside
            // the table, which reads as its end.
            const std::string_view cell = row[c];
            const std::string wrapped =
                render::wrap(cell.substr(0, cell.find_last_not_of(' ') + 1), widest_text_cell);
            std::size_t at = 0;
            for (std::size_t k = 0; at <= wrapped.size(); ++k) {
                const std::size_t end = std::min(wrapped.find('\n', at), wrapped.size());
                if (k == lines.size()) {
                    lines.emplace_back(column_count);
                }
                lines[k][c] = wrapped.substr(at, end - at);
                at = end + 1;
            }
        }
        lines_of_rows.push_back(std::move(lines));
    }
    std::vector<std::size_t> widths(column_count, 0);
    for (std::size_t c = 0; c < column_count; ++c) {
        widths[c] = width(table.columns[c]);
        for (const auto& lines : lines_of_rows) {
            for (const auto& cells : lines) {
                widths[c] = std::max(widths[c], width(cells[c]));
            }
        }
    }
    auto line = [&](const std::vector<std::string>& cells, bool continued = false) {
        std::string out;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const std::size_t pad = widths[c] - width(cells[c]);
            const bool right = right_aligned(c);
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
        if (continued) { // it may end in empty cells: no spaces left at its end
            out.erase(out.find_last_not_of(' ') + 1);
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
    for (const auto& lines : lines_of_rows) {
        for (std::size_t k = 0; k < lines.size(); ++k) {
            out += line(lines[k], k > 0);
        }
    }
    return out;
}

std::string render_markdown(const Table& table) {
    const auto escape = markdown_cell_text;
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
        if (!is_written_negative_number(value)) {
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
