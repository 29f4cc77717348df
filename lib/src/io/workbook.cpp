// Workbooks: Excel (.xlsx, Office Open XML) and OpenDocument (.ods) files read into the same
// sheets as CSV files. Both are zip archives of XML parts, read through libzip and pugixml within
// the limits of SPEC §7: no DOCTYPE or entity declaration, bounded entries, sizes and compression
// ratios.

#include "stakemap/io/files.hpp"

#include "cell_text.hpp"
#include "stakemap/io/sheet.hpp"
#include "stakemap/io/vocabulary.hpp"
#include "stakemap/text/words.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <pugixml.hpp>
#include <zip.h>

namespace stakemap::io {

std::string sheet_place(const text::Words& words, const std::string& file, const std::string& sheet,
                        std::size_t row, const std::string& column) {
    if (column.empty()) {
        return words("{file}, sheet \"{sheet}\", row {row}",
                     {{"file", file}, {"sheet", sheet}, {"row", std::to_string(row)}});
    }
    return words(
        "{file}, sheet \"{sheet}\", row {row}, column \"{column}\"",
        {{"file", file}, {"sheet", sheet}, {"row", std::to_string(row)}, {"column", column}});
}

namespace {

/// A problem with the whole workbook (exit 3).
[[noreturn]] void refuse(const std::string& file, const char* code, std::string message) {
    Diagnostic diagnostic;
    diagnostic.code = code;
    diagnostic.file = file;
    diagnostic.message = std::move(message);
    throw LoadError({diagnostic});
}

/// One row as read: the spreadsheet's row number and its non-empty cells by 0-based column.
struct RawRow {
    std::size_t number = 0;
    std::vector<std::pair<std::size_t, std::string>> cells;
};

/// One sheet as read, before its header is found.
struct RawSheet {
    std::string name;
    std::vector<RawRow> rows;
};

/// A number as the importer reads it: without locale, integers without ".0", the shortest text
/// that reads back as the same double ("0.3", not "0.29999999999999999").
std::string number_text(std::string_view raw) {
    const auto first = raw.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return "";
    }
    raw = raw.substr(first, raw.find_last_not_of(" \t\r\n") - first + 1);
    double value = 0;
    const auto [end, error] = std::from_chars(raw.data(), raw.data() + raw.size(), value);
    if (error != std::errc() || end != raw.data() + raw.size() || !std::isfinite(value)) {
        return std::string(raw);
    }
    if (value == std::floor(value) && std::fabs(value) < 1e15) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.0f", value == 0 ? 0.0 : value);
        return buffer;
    }
    char buffer[64];
    const auto written = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, written.ptr);
}

/// Days since 1970-01-01 to YYYY-MM-DD (the proleptic Gregorian calendar; H. Hinnant's
/// civil_from_days).
std::string date_from_days(long long days) {
    days += 719468;
    const long long era = (days >= 0 ? days : days - 146096) / 146097;
    const long long doe = days - era * 146097;
    const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long year = yoe + era * 400;
    const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long long mp = (5 * doy + 2) / 153;
    const long long day = doy - (153 * mp + 2) / 5 + 1;
    const long long month = mp < 10 ? mp + 3 : mp - 9;
    year += month <= 2 ? 1 : 0;
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02lld-%02lld", year, month, day);
    return buffer;
}

/// An Excel date serial as YYYY-MM-DD. In the 1900 system serial 1 is 1900-01-01 and serial 60 is
/// the 29 February 1900 Excel counts though it never was (shown here as 1900-02-28); from serial
/// 61 on, serial n is n days after 1899-12-30. In the 1904 system serial 0 is 1904-01-01.
std::string date_from_serial(double serial, bool system_1904) {
    const auto whole = static_cast<long long>(std::floor(serial));
    // 1899-12-30 is day -25569 from 1970-01-01; 1904-01-01 is day -24107.
    if (system_1904) {
        return date_from_days(-24107 + whole);
    }
    if (whole < 61) {
        // 1900-01-01 is day -25567: serial n is day -25568 + n, the phantom 60 shown as 59.
        return date_from_days(-25568 + std::min(whole, 59LL));
    }
    return date_from_days(-25569 + whole);
}

/// Whether an Excel number format shows a date: d or y outside quotes, brackets and escapes.
bool is_date_format(std::string_view code) {
    bool quoted = false;
    bool bracket = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (quoted) {
            quoted = c != '"';
        } else if (bracket) {
            bracket = c != ']';
        } else if (c == '"') {
            quoted = true;
        } else if (c == '[') {
            bracket = true;
        } else if (c == '\\' || c == '_' || c == '*') {
            ++i; // the next character is shown as is, or sets a width
        } else if (c == 'd' || c == 'D' || c == 'y' || c == 'Y') {
            return true;
        }
    }
    return false;
}

/// OOXML's escape of characters XML cannot hold: _x000D_ for a carriage return.
std::string unescape_ooxml(std::string text) {
    std::size_t at = text.find("_x");
    while (at != std::string::npos) {
        if (at + 7 <= text.size() && text[at + 6] == '_') {
            unsigned code = 0;
            const auto [end, error] =
                std::from_chars(text.data() + at + 2, text.data() + at + 6, code, 16);
            if (error == std::errc() && end == text.data() + at + 6 && code < 0x80 && code != 0) {
                text.replace(at, 7, 1, static_cast<char>(code));
                at = text.find("_x", at + 1);
                continue;
            }
        }
        at = text.find("_x", at + 2);
    }
    return text;
}

/// The text of every text node under `node`, in order.
/// How deep the readers below follow nested elements: spreadsheets nest a few levels, a crafted
/// part could nest a million (and exhaust the stack).
constexpr int max_depth = 32;

void collect_text(const pugi::xml_node& node, std::string& out, int depth = 0) {
    if (depth > max_depth) {
        return;
    }
    for (const auto& child : node.children()) {
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
            out += child.value();
        } else if (child.type() == pugi::node_element) {
            collect_text(child, out, depth + 1);
        }
    }
}

/// The archive and its limits: every part is read through here.
class Archive {
public:
    Archive(std::string_view bytes, const std::string& file, const WorkbookLimits& limits,
            const text::Words& words_in)
        : file_(file), limits_(limits), words(words_in) {
        constexpr std::string_view ole2("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
        if (bytes.starts_with(ole2)) {
            refuse(file, "workbook.encrypted",
                   words("this is a password-protected workbook or an old Excel file (.xls): "
                         "save it without a password as .xlsx or .ods"));
        }
        if (!bytes.starts_with("PK\x03\x04")) {
            refuse(file, "workbook.not_zip",
                   words("this is not a workbook (.xlsx or .ods): save the spreadsheet in one of "
                         "these formats or as CSV sheets; a network file is read when it ends "
                         "in .graphml, .gexf or .json"));
        }
        zip_error_t error;
        zip_error_init(&error);
        zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
        if (source == nullptr) {
            zip_error_fini(&error);
            throw std::bad_alloc();
        }
        archive_.reset(zip_open_from_source(source, ZIP_RDONLY, &error));
        if (archive_ == nullptr) {
            zip_source_free(source);
            const std::string reason = zip_error_strerror(&error);
            zip_error_fini(&error);
            refuse(file, "workbook.bad_zip",
                   words("this workbook is damaged and cannot be opened ({reason}); open it in "
                         "the spreadsheet program and save it again",
                         {{"reason", reason}}));
        }
        zip_error_fini(&error);
        const zip_int64_t entries = zip_get_num_entries(archive_.get(), 0);
        if (entries < 0 || static_cast<std::size_t>(entries) > limits.max_entries) {
            refuse(file, "workbook.too_many_entries",
                   words("the workbook holds more than {max} files: it is not a spreadsheet "
                         "stakemap can read safely",
                         {{"max", std::to_string(limits.max_entries)}}));
        }
        for (zip_int64_t i = 0; i < entries; ++i) {
            zip_stat_t stat;
            zip_stat_init(&stat);
            if (zip_stat_index(archive_.get(), static_cast<zip_uint64_t>(i), 0, &stat) != 0) {
                continue;
            }
            if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 &&
                stat.encryption_method != ZIP_EM_NONE) {
                refuse(file, "workbook.encrypted",
                       words("this workbook is encrypted: save it without a password"));
            }
            // Nothing is ever unpacked to disk, but a name leading outside the archive is the
            // mark of a crafted file: spreadsheet programs never write one.
            const std::string name = (stat.valid & ZIP_STAT_NAME) != 0 ? stat.name : "";
            if (name.starts_with('/') || name.starts_with('\\') || name == ".." ||
                name.starts_with("../") || name.find("/../") != std::string::npos ||
                name.ends_with("/..") || name.find('\\') != std::string::npos) {
                refuse(file, "workbook.bad_path",
                       words("the workbook holds a file named \"{name}\", a path outside the "
                             "archive, which spreadsheet programs never write: it is refused",
                             {{"name", name}}));
            }
        }
    }
    Archive(const Archive&) = delete;
    Archive& operator=(const Archive&) = delete;

    /// Counts `count` more cells read; refuses the workbook past the limit.
    void count_cells(std::size_t count) {
        cells_ += count;
        if (cells_ > limits_.max_cells) {
            refuse(file_, "workbook.too_many_cells",
                   words("the workbook holds more than {max} cells: the limit of a workbook",
                         {{"max", std::to_string(limits_.max_cells)}}));
        }
    }

    bool has(const std::string& name) const {
        return zip_name_locate(archive_.get(), name.c_str(), 0) >= 0;
    }

    /// The part unpacked, checked against the limits and for DOCTYPE and entity declarations.
    std::string part(const std::string& name) {
        const zip_int64_t index = zip_name_locate(archive_.get(), name.c_str(), 0);
        if (index < 0) {
            refuse(file_, "workbook.missing_part",
                   words("this workbook lacks its part {part}: it is damaged or not a "
                         "spreadsheet; open it in the spreadsheet program and save it again",
                         {{"part", name}}));
        }
        zip_stat_t stat;
        zip_stat_init(&stat);
        zip_stat_index(archive_.get(), static_cast<zip_uint64_t>(index), 0, &stat);
        const std::size_t mib = 1024 * 1024;
        auto too_large = [&]() {
            refuse(file_, "workbook.too_large",
                   words("the part {part} of this workbook unpacks to more than {mib} MiB, or "
                         "far more than its packed size: it is not a spreadsheet stakemap can "
                         "read safely",
                         {{"part", name}, {"mib", std::to_string(limits_.max_part_bytes / mib)}}));
        };
        auto over_ratio = [&](std::uint64_t unpacked, std::uint64_t packed) {
            return unpacked > mib && unpacked > packed * limits_.max_ratio;
        };
        if ((stat.valid & ZIP_STAT_SIZE) != 0 && (stat.valid & ZIP_STAT_COMP_SIZE) != 0 &&
            (stat.size > limits_.max_part_bytes || over_ratio(stat.size, stat.comp_size))) {
            too_large();
        }
        const std::uint64_t packed = (stat.valid & ZIP_STAT_COMP_SIZE) != 0 ? stat.comp_size : 0;
        zip_file_t* entry = zip_fopen_index(archive_.get(), static_cast<zip_uint64_t>(index), 0);
        if (entry == nullptr) {
            refuse(file_, "workbook.bad_zip",
                   words("the part {part} of this workbook cannot be unpacked ({reason})",
                         {{"part", name}, {"reason", zip_strerror(archive_.get())}}));
        }
        std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> guard(entry, zip_fclose);
        std::string content;
        char buffer[1 << 16];
        for (;;) {
            const zip_int64_t read = zip_fread(entry, buffer, sizeof buffer);
            if (read < 0) {
                refuse(file_, "workbook.bad_zip",
                       words("the part {part} of this workbook cannot be unpacked ({reason})",
                             {{"part", name}, {"reason", zip_file_strerror(entry)}}));
            }
            if (read == 0) {
                break;
            }
            content.append(buffer, static_cast<std::size_t>(read));
            // The sizes in the archive can lie: the limits hold for what is actually unpacked.
            if (content.size() > limits_.max_part_bytes || over_ratio(content.size(), packed) ||
                total_ + content.size() > limits_.max_total_bytes) {
                too_large();
            }
        }
        total_ += content.size();
        for (const char* declaration : {"<!DOCTYPE", "<!ENTITY"}) {
            if (content.find(declaration) != std::string::npos) {
                refuse(file_, "workbook.doctype",
                       words("the part {part} of this workbook holds a DOCTYPE or an entity "
                             "declaration, which spreadsheets never write and stakemap refuses "
                             "(it can hide an attack); save the workbook again from the "
                             "spreadsheet program",
                             {{"part", name}}));
            }
        }
        return content;
    }

    /// The part parsed as XML (text kept as written, spaces included).
    pugi::xml_document xml(const std::string& name) {
        const std::string content = part(name);
        // pugixml takes the bytes as they are: a part that is not UTF-8, or a character reference
        // to no character, would put bytes into the map that no JSON writer accepts.
        if (const std::size_t bad = first_invalid_utf8(content); bad != std::string::npos) {
            refuse(file_, "workbook.invalid_utf8",
                   words("the part {part} of this workbook holds bytes that are not UTF-8 (at "
                         "byte {offset}); save the workbook again from the spreadsheet program",
                         {{"part", name}, {"offset", std::to_string(bad)}}));
        }
        if (const auto bad = first_bad_reference(content)) {
            refuse(file_, "workbook.bad_reference",
                   words("the part {part} of this workbook holds the character reference "
                         "{reference}, which names no character (at byte {offset}); remove it "
                         "or save the workbook again from the spreadsheet program",
                         {{"part", name},
                          {"reference", content.substr(bad->offset, bad->length)},
                          {"offset", std::to_string(bad->offset)}}));
        }
        pugi::xml_document document;
        const pugi::xml_parse_result parsed =
            document.load_buffer(content.data(), content.size(),
                                 pugi::parse_default | pugi::parse_ws_pcdata, pugi::encoding_utf8);
        if (!parsed) {
            refuse(file_, "workbook.bad_xml",
                   words("the part {part} of this workbook is not well-formed XML ({reason}, at "
                         "byte {offset}); save the workbook again from the spreadsheet program",
                         {{"part", name},
                          {"reason", parsed.description()},
                          {"offset", std::to_string(parsed.offset)}}));
        }
        return document;
    }

private:
    std::string file_;
    const WorkbookLimits& limits_;
    const text::Words& words;
    /// Closed by its deleter, also when the constructor refuses the workbook.
    std::unique_ptr<zip_t, void (*)(zip_t*)> archive_{nullptr, zip_discard};
    std::size_t total_ = 0;
    std::size_t cells_ = 0;
};

/// The local name of an element or attribute ("x:row" → "row").
std::string_view local(const char* name) {
    const std::string_view text(name);
    const auto colon = text.find(':');
    return colon == std::string_view::npos ? text : text.substr(colon + 1);
}

pugi::xml_node child_named(const pugi::xml_node& node, std::string_view name) {
    for (const auto& child : node.children()) {
        if (child.type() == pugi::node_element && local(child.name()) == name) {
            return child;
        }
    }
    return {};
}

const char* attribute(const pugi::xml_node& node, std::string_view name) {
    for (const auto& item : node.attributes()) {
        if (local(item.name()) == name) {
            return item.value();
        }
    }
    return nullptr;
}

// ---- xlsx -----------------------------------------------------------------------------------

/// "C5" → column 2 (0-based) and row 5; false when the text is not a cell reference.
bool parse_reference(std::string_view reference, std::size_t& column, std::size_t& row) {
    std::size_t i = 0;
    column = 0;
    while (i < reference.size() && std::isalpha(static_cast<unsigned char>(reference[i])) != 0) {
        column =
            column * 26 + static_cast<std::size_t>(
                              std::toupper(static_cast<unsigned char>(reference[i])) - 'A' + 1);
        if (++i > 3) {
            return false;
        }
    }
    if (i == 0) {
        return false;
    }
    --column;
    row = 0;
    const auto [end, error] =
        std::from_chars(reference.data() + i, reference.data() + reference.size(), row);
    return error == std::errc() && end == reference.data() + reference.size() && row > 0;
}

/// The path of a relationship target, relative to the folder of the part that names it.
std::string resolve(const std::string& folder, const std::string& target) {
    if (target.starts_with('/')) {
        return target.substr(1);
    }
    std::string path = target;
    while (path.starts_with("./")) {
        path.erase(0, 2);
    }
    return folder + path;
}

/// An Excel workbook: its sheets by name and part, the shared strings and the date styles.
class XlsxBook {
public:
    XlsxBook(Archive& archive) : archive_(archive) {
        // Shared strings: plain <t>, or rich text runs <r><t> joined; phonetic runs <rPh> left
        // out.
        if (archive.has("xl/sharedStrings.xml")) {
            const pugi::xml_document strings = archive.xml("xl/sharedStrings.xml");
            for (const auto& item : child_named(strings, "sst").children()) {
                if (item.type() != pugi::node_element || local(item.name()) != "si") {
                    continue;
                }
                std::string text;
                for (const auto& piece : item.children()) {
                    if (local(piece.name()) == "t") {
                        collect_text(piece, text);
                    } else if (local(piece.name()) == "r") {
                        collect_text(child_named(piece, "t"), text);
                    }
                }
                shared_.push_back(unescape_ooxml(std::move(text)));
            }
        }
        // Styles: which cell formats show a date (built-in formats 14–17 and 22, or a custom
        // format with days or years in it). 18–21 show only a time: those cells stay numbers.
        if (archive.has("xl/styles.xml")) {
            const pugi::xml_document styles = archive.xml("xl/styles.xml");
            const pugi::xml_node sheet = child_named(styles, "styleSheet");
            std::map<long, bool> custom;
            for (const auto& format : child_named(sheet, "numFmts").children()) {
                const char* id = attribute(format, "numFmtId");
                const char* code = attribute(format, "formatCode");
                if (id != nullptr && code != nullptr) {
                    custom[std::strtol(id, nullptr, 10)] = is_date_format(code);
                }
            }
            for (const auto& xf : child_named(sheet, "cellXfs").children()) {
                if (xf.type() != pugi::node_element) {
                    continue;
                }
                const char* id_text = attribute(xf, "numFmtId");
                const long id = id_text == nullptr ? 0 : std::strtol(id_text, nullptr, 10);
                const auto found = custom.find(id);
                date_styles_.push_back(
                    found != custom.end() ? found->second : ((id >= 14 && id <= 17) || id == 22));
            }
        }
        const pugi::xml_document book = archive.xml("xl/workbook.xml");
        const pugi::xml_node workbook = child_named(book, "workbook");
        const char* date1904 = attribute(child_named(workbook, "workbookPr"), "date1904");
        system_1904_ = date1904 != nullptr &&
                       (std::strcmp(date1904, "1") == 0 || std::strcmp(date1904, "true") == 0);
        std::map<std::string, std::string> targets;
        if (archive.has("xl/_rels/workbook.xml.rels")) {
            const pugi::xml_document relations = archive.xml("xl/_rels/workbook.xml.rels");
            for (const auto& relation : child_named(relations, "Relationships").children()) {
                const char* id = attribute(relation, "Id");
                const char* target = attribute(relation, "Target");
                if (id != nullptr && target != nullptr) {
                    targets[id] = resolve("xl/", target);
                }
            }
        }
        for (const auto& entry : child_named(workbook, "sheets").children()) {
            if (entry.type() != pugi::node_element || local(entry.name()) != "sheet") {
                continue;
            }
            const char* name = attribute(entry, "name");
            const char* id = attribute(entry, "id"); // r:id
            const auto target = id == nullptr ? targets.end() : targets.find(id);
            if (name == nullptr || target == targets.end() || !archive.has(target->second)) {
                continue; // a dangling entry: nothing to read
            }
            sheets_.emplace_back(name, target->second);
        }
    }

    /// The sheets' names, in workbook order.
    std::vector<std::string> names() const {
        std::vector<std::string> out;
        for (const auto& sheet : sheets_) {
            out.push_back(sheet.first);
        }
        return out;
    }

    /// The rows of the sheet at `index` in names().
    RawSheet sheet(std::size_t index) {
        RawSheet out;
        out.name = sheets_[index].first;
        const pugi::xml_document document = archive_.xml(sheets_[index].second);
        const pugi::xml_node data = child_named(child_named(document, "worksheet"), "sheetData");
        std::size_t row_number = 0;
        for (const auto& row : data.children()) {
            if (row.type() != pugi::node_element || local(row.name()) != "row") {
                continue;
            }
            const char* r = attribute(row, "r");
            row_number = r != nullptr ? std::strtoul(r, nullptr, 10) : row_number + 1;
            RawRow raw{row_number, {}};
            std::size_t column = 0;
            bool first = true;
            for (const auto& cell : row.children()) {
                if (cell.type() != pugi::node_element || local(cell.name()) != "c") {
                    continue;
                }
                std::size_t reference_column = 0;
                std::size_t reference_row = 0;
                const char* reference = attribute(cell, "r");
                if (reference != nullptr &&
                    parse_reference(reference, reference_column, reference_row)) {
                    column = reference_column;
                } else {
                    column = first ? 0 : column + 1; // no reference: the next column
                }
                first = false;
                std::string text = value(cell);
                if (!text.empty()) {
                    archive_.count_cells(1);
                    raw.cells.emplace_back(column, std::move(text));
                }
            }
            if (!raw.cells.empty()) {
                out.rows.push_back(std::move(raw));
            }
        }
        return out;
    }

private:
    /// A cell's value as the importer reads it.
    std::string value(const pugi::xml_node& cell) const {
        const char* type_text = attribute(cell, "t");
        const std::string_view type = type_text == nullptr ? "n" : type_text;
        if (type == "inlineStr") {
            std::string text;
            const pugi::xml_node inline_string = child_named(cell, "is");
            for (const auto& piece : inline_string.children()) {
                if (local(piece.name()) == "t") {
                    collect_text(piece, text);
                } else if (local(piece.name()) == "r") {
                    collect_text(child_named(piece, "t"), text);
                }
            }
            return unescape_ooxml(std::move(text));
        }
        std::string raw;
        collect_text(child_named(cell, "v"), raw);
        if (type == "s") {
            const auto index = std::strtoul(raw.c_str(), nullptr, 10);
            return index < shared_.size() ? shared_[index] : std::string();
        }
        if (type == "b") {
            return raw == "1" ? "true" : raw == "0" ? "false" : raw;
        }
        if (type == "str" || type == "e") {
            return unescape_ooxml(std::move(raw)); // a formula's text, or an error such as #N/A
        }
        if (type == "d") {
            return raw.substr(0, 10); // ISO 8601 date
        }
        const char* style_text = attribute(cell, "s");
        const auto style = style_text == nullptr ? 0UL : std::strtoul(style_text, nullptr, 10);
        if (style < date_styles_.size() && date_styles_[style]) {
            double serial = 0;
            const auto [end, error] = std::from_chars(raw.data(), raw.data() + raw.size(), serial);
            if (error == std::errc() && end == raw.data() + raw.size() && serial >= 0 &&
                serial < 2958466) { // up to 9999-12-31
                return date_from_serial(serial, system_1904_);
            }
        }
        return number_text(raw);
    }

    Archive& archive_;
    std::vector<std::string> shared_;
    std::vector<bool> date_styles_;
    bool system_1904_ = false;
    std::vector<std::pair<std::string, std::string>> sheets_;
};

// ---- ods ------------------------------------------------------------------------------------

/// The text of a text:p or text:h: text nodes, spans and links, text:s (spaces), text:tab and
/// text:line-break; annotations left out.
void paragraph_text(const pugi::xml_node& node, std::string& out, int depth = 0) {
    if (depth > max_depth) {
        return;
    }
    for (const auto& child : node.children()) {
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
            out += child.value();
            continue;
        }
        if (child.type() != pugi::node_element) {
            continue;
        }
        const std::string_view name = local(child.name());
        if (name == "s") {
            const char* count = attribute(child, "c");
            const unsigned long spaces = count == nullptr ? 1 : std::strtoul(count, nullptr, 10);
            out.append(std::min(spaces, 1000UL), ' ');
        } else if (name == "tab") {
            out += '\t';
        } else if (name == "line-break") {
            out += '\n';
        } else if (name != "annotation" && name != "note") {
            paragraph_text(child, out, depth + 1);
        }
    }
}

/// An OpenDocument spreadsheet: its tables in content.xml.
class OdsBook {
public:
    OdsBook(Archive& archive, const WorkbookLimits& limits, std::size_t max_rows)
        : archive_(archive), content_(archive.xml("content.xml")), limits_(limits),
          max_rows_(max_rows) {
        const pugi::xml_node body = child_named(child_named(content_, "document-content"), "body");
        for (const auto& table : child_named(body, "spreadsheet").children()) {
            if (table.type() == pugi::node_element && local(table.name()) == "table") {
                tables_.push_back(table);
            }
        }
    }

    std::vector<std::string> names() const {
        std::vector<std::string> out;
        for (const auto& table : tables_) {
            const char* name = attribute(table, "name");
            out.emplace_back(name == nullptr ? "" : name);
        }
        return out;
    }

    RawSheet sheet(std::size_t index) {
        RawSheet out;
        out.name = names()[index];
        std::size_t row_number = 0;
        rows(tables_[index], out, row_number);
        return out;
    }

private:
    /// The rows under `node`, through header rows, row groups and row lists. A repeated row is
    /// stored as many times as it is repeated when it holds a value, up to the row limit; a
    /// repeated empty row (LibreOffice ends a sheet with a million of them) only moves the count.
    void rows(const pugi::xml_node& node, RawSheet& out, std::size_t& row_number, int depth = 0) {
        if (depth > max_depth) {
            return;
        }
        for (const auto& child : node.children()) {
            if (child.type() != pugi::node_element) {
                continue;
            }
            const std::string_view name = local(child.name());
            if (name == "table-header-rows" || name == "table-row-group" || name == "table-rows") {
                rows(child, out, row_number, depth + 1);
                continue;
            }
            if (name != "table-row") {
                continue;
            }
            const char* repeated_text = attribute(child, "number-rows-repeated");
            const std::size_t repeated =
                repeated_text == nullptr ? 1
                                         : std::max(1UL, std::strtoul(repeated_text, nullptr, 10));
            RawRow raw{row_number + 1, cells(child)};
            if (!raw.cells.empty()) {
                const std::size_t copies =
                    std::min(repeated, max_rows_ + 2 - std::min(max_rows_ + 2, out.rows.size()));
                for (std::size_t k = 0; k < copies; ++k) {
                    archive_.count_cells(raw.cells.size());
                    raw.number = row_number + 1 + k;
                    out.rows.push_back(raw);
                }
            }
            row_number += std::min<std::size_t>(repeated, 1'100'000);
        }
    }

    /// The non-empty cells of a row; a repeated cell with a value counts up to the column limit.
    std::vector<std::pair<std::size_t, std::string>> cells(const pugi::xml_node& row) const {
        std::vector<std::pair<std::size_t, std::string>> out;
        std::size_t column = 0;
        for (const auto& cell : row.children()) {
            if (cell.type() != pugi::node_element) {
                continue;
            }
            const std::string_view name = local(cell.name());
            if (name != "table-cell" && name != "covered-table-cell") {
                continue;
            }
            const char* repeated_text = attribute(cell, "number-columns-repeated");
            const std::size_t repeated =
                repeated_text == nullptr ? 1
                                         : std::max(1UL, std::strtoul(repeated_text, nullptr, 10));
            std::string text = value(cell);
            if (!text.empty()) {
                // One past the limit is enough for the reader to report it.
                const std::size_t last = std::min(column + repeated, limits_.max_columns + 1);
                for (std::size_t c = column; c < last; ++c) {
                    out.emplace_back(c, text);
                }
            }
            column += std::min<std::size_t>(repeated, 20'000);
        }
        return out;
    }

    /// A cell's value: office:value for numbers, percentages and currencies, office:date-value
    /// (its date part), office:boolean-value, else the paragraphs joined by line breaks.
    static std::string value(const pugi::xml_node& cell) {
        const char* type_text = attribute(cell, "value-type");
        const std::string_view type = type_text == nullptr ? "" : type_text;
        if (type == "float" || type == "percentage" || type == "currency") {
            if (const char* number = attribute(cell, "value")) {
                return number_text(number);
            }
        } else if (type == "date") {
            if (const char* date = attribute(cell, "date-value")) {
                return std::string(date).substr(0, 10);
            }
        } else if (type == "boolean") {
            if (const char* boolean = attribute(cell, "boolean-value")) {
                return std::strcmp(boolean, "true") == 0 ? "true" : "false";
            }
        } else if (type == "string") {
            if (const char* text = attribute(cell, "string-value")) {
                return text; // a formula's text result, or a producer that writes it so
            }
        }
        std::string text;
        bool first = true;
        for (const auto& child : cell.children()) {
            if (child.type() == pugi::node_element &&
                (local(child.name()) == "p" || local(child.name()) == "h")) {
                if (!first) {
                    text += '\n';
                }
                first = false;
                paragraph_text(child, text);
            }
        }
        return text;
    }

    Archive& archive_;
    pugi::xml_document content_;
    const WorkbookLimits& limits_;
    std::size_t max_rows_;
    std::vector<pugi::xml_node> tables_;
};

// ---- sheets ---------------------------------------------------------------------------------

/// A sheet of the workbook as the importer reads it: the first row with a value names the
/// columns, up to its last named one; a value in a column past that is reported.
Sheet to_sheet(RawSheet raw, const std::string& file, const SheetReadOptions& options,
               const WorkbookLimits& limits, const text::Words& words,
               std::vector<Diagnostic>& errors) {
    Sheet sheet;
    sheet.file = file;
    sheet.name = raw.name;
    sheet.encoding = "UTF-8";
    auto error = [&](const char* code, std::size_t row, std::size_t column,
                     const std::string& column_name, std::string message) {
        Diagnostic diagnostic;
        diagnostic.code = code;
        diagnostic.file = file;
        diagnostic.line = row;
        diagnostic.column = column;
        diagnostic.message = std::move(message);
        diagnostic.where = sheet_place(words, file, sheet.name, row, column_name);
        errors.push_back(std::move(diagnostic));
    };
    if (raw.rows.empty()) {
        Diagnostic diagnostic;
        diagnostic.code = "sheet.empty";
        diagnostic.file = file;
        diagnostic.message = words("the sheet is empty: the first line must name the columns");
        diagnostic.where =
            words("{file}, sheet \"{sheet}\"", {{"file", file}, {"sheet", sheet.name}});
        errors.push_back(std::move(diagnostic));
        return sheet;
    }
    RawRow& header = raw.rows.front();
    sheet.header_line = header.number;
    std::size_t width = 0;
    for (const auto& [column, text] : header.cells) {
        width = std::max(width, column + 1);
    }
    if (width > limits.max_columns) {
        error("sheet.too_many_columns", header.number, 0, "",
              words("more than {max} columns: the limit of a sheet",
                    {{"max", std::to_string(limits.max_columns)}}));
        return sheet;
    }
    sheet.header.assign(width, "");
    for (auto& [column, text] : header.cells) {
        sheet.header[column] = std::move(text);
    }
    if (raw.rows.size() - 1 > options.max_rows) {
        error("sheet.too_many_rows", header.number, 0, "",
              words("more than {max} rows: the limit of a sheet",
                    {{"max", std::to_string(options.max_rows)}}));
        return sheet;
    }
    if ((raw.rows.size() - 1) * width > limits.max_cells) {
        error("sheet.too_many_cells", header.number, 0, "",
              words("more than {max} cells: the limit of a sheet",
                    {{"max", std::to_string(limits.max_cells)}}));
        return sheet;
    }
    std::size_t reported = 0;
    for (std::size_t r = 1; r < raw.rows.size(); ++r) {
        RawRow& row = raw.rows[r];
        SheetRow out{row.number, std::vector<std::string>(width)};
        for (auto& [column, text] : row.cells) {
            if (column < width) {
                out.cells[column] = std::move(text);
            } else if (reported++ < 20) {
                error("sheet.unnamed_column", row.number, column + 1, column_letters(column),
                      words("a value in a column with no name in the first row ({row}): name the "
                            "column or empty the cell",
                            {{"row", std::to_string(header.number)}}));
            }
        }
        sheet.rows.push_back(std::move(out));
    }
    return sheet;
}

/// The lists of a map and the names their sheets may have.
struct SheetKind {
    const char* list;
    std::vector<const char*> names;
};

const std::vector<SheetKind>& sheet_kinds() {
    static const std::vector<SheetKind> kinds{
        {"actors", {"attori", "actors"}}, {"relations", {"relazioni", "relations"}},
        {"areas", {"aree", "areas"}},     {"needs", {"bisogni", "needs"}},
        {"kinds", {"tipi", "kinds"}},     {"services", {"servizi", "services"}}};
    return kinds;
}

/// Which of `names` holds each list, by the names of sheet_kinds(); problems (two names for one
/// list, no actors or relations) in `errors`, "the sheets"/"the files" naming what was found.
std::map<std::string, std::size_t> choose(const std::vector<std::string>& names,
                                          const std::vector<std::string>& keys,
                                          const std::string& file, const text::Words& words,
                                          bool folder, std::vector<Diagnostic>& errors) {
    std::map<std::string, std::size_t> chosen;
    for (std::size_t i = 0; i < names.size(); ++i) {
        for (const auto& kind : sheet_kinds()) {
            const bool matches =
                std::any_of(kind.names.begin(), kind.names.end(),
                            [&](const char* n) { return normalized_name(n) == keys[i]; });
            if (!matches) {
                continue;
            }
            if (const auto other = chosen.find(kind.list); other != chosen.end()) {
                Diagnostic diagnostic;
                diagnostic.code = "workbook.duplicate_sheet";
                diagnostic.file = file;
                diagnostic.message =
                    words("the sheets \"{first}\" and \"{second}\" hold the same list: keep one "
                          "of them, or rename the other",
                          {{"first", names[other->second]}, {"second", names[i]}});
                errors.push_back(std::move(diagnostic));
            } else {
                chosen[kind.list] = i;
            }
        }
    }
    std::vector<std::string> quoted;
    for (const auto& name : names) {
        quoted.push_back(words("\"{name}\"", {{"name", name}}));
    }
    const std::string found = quoted.empty() ? std::string("—") : words.list_and(quoted);
    for (const char* list : {"actors", "relations"}) {
        if (chosen.count(list) != 0) {
            continue;
        }
        const SheetKind& kind =
            *std::find_if(sheet_kinds().begin(), sheet_kinds().end(),
                          [&](const SheetKind& k) { return k.list == std::string(list); });
        Diagnostic diagnostic;
        diagnostic.code = "workbook.missing_sheet";
        diagnostic.file = file;
        diagnostic.message =
            folder ? words("no file named \"{it}.csv\" or \"{en}.csv\", which is needed; the "
                           "folder's CSV files are {files}",
                           {{"it", kind.names[0]}, {"en", kind.names[1]}, {"files", found}})
                   : words("no sheet named \"{it}\" or \"{en}\", which is needed; the "
                           "workbook's sheets are {sheets}",
                           {{"it", kind.names[0]}, {"en", kind.names[1]}, {"sheets", found}});
        errors.push_back(std::move(diagnostic));
    }
    return chosen;
}

/// The sheets chosen, each read by read(index) (which may add to `errors`).
template <typename Read>
SheetSet assemble(const std::map<std::string, std::size_t>& chosen, Read read,
                  std::vector<Diagnostic>& errors) {
    auto sheet = [&](const char* list) -> std::optional<Sheet> {
        const auto found = chosen.find(list);
        return found == chosen.end() ? std::nullopt : read(found->second);
    };
    SheetSet set;
    auto actors = sheet("actors");
    auto relations = sheet("relations");
    set.areas = sheet("areas");
    set.needs = sheet("needs");
    set.kinds = sheet("kinds");
    set.services = sheet("services");
    if (!errors.empty() || !actors || !relations) {
        throw LoadError(std::move(errors));
    }
    set.actors = std::move(*actors);
    set.relations = std::move(*relations);
    return set;
}

template <typename Book>
SheetSet read_book(Book& book, const std::string& file, const SheetReadOptions& options,
                   const WorkbookLimits& limits, const text::Words& words) {
    const std::vector<std::string> names = book.names();
    std::vector<std::string> keys;
    for (const auto& name : names) {
        keys.push_back(normalized_name(name));
    }
    std::vector<Diagnostic> errors;
    const auto chosen = choose(names, keys, file, words, false, errors);
    if (!errors.empty()) {
        throw LoadError(std::move(errors));
    }
    return assemble(
        chosen,
        [&](std::size_t index) -> std::optional<Sheet> {
            return to_sheet(book.sheet(index), file, options, limits, words, errors);
        },
        errors);
}

} // namespace

SheetSet read_workbook_bytes(std::string_view bytes, const std::string& file_name,
                             const SheetReadOptions& options, const WorkbookLimits& limits) {
    const text::Words words(options.language);
    Archive archive(bytes, file_name, limits, words);
    if (archive.has("xl/workbook.xml")) {
        XlsxBook book(archive);
        return read_book(book, file_name, options, limits, words);
    }
    if (archive.has("content.xml")) {
        OdsBook book(archive, limits, options.max_rows);
        return read_book(book, file_name, options, limits, words);
    }
    refuse(file_name, "workbook.unknown",
           words("this zip archive is neither an Excel workbook (.xlsx) nor an OpenDocument "
                 "spreadsheet (.ods)"));
}

SheetSet read_workbook(const std::string& path, const SheetReadOptions& options,
                       const WorkbookLimits& limits) {
    return read_workbook_bytes(read_file(path, options.max_file_bytes, options.language),
                               display_name(path), options, limits);
}

SheetSet read_sheet_folder(const std::string& folder, const SheetReadOptions& options) {
    const text::Words words(options.language);
    std::vector<std::string> names;
    std::error_code error;
    for (std::filesystem::directory_iterator entry(folder, error), end; !error && entry != end;
         entry.increment(error)) {
        const std::filesystem::path& path = entry->path();
        std::string extension = path.extension().string();
        std::transform(extension.begin(), extension.end(), extension.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (extension == ".csv" && entry->is_regular_file(error)) {
            names.push_back(path.filename().string());
        }
    }
    if (error) {
        throw FileError(
            words("cannot read {path}: {reason}", {{"path", folder}, {"reason", error.message()}}));
    }
    std::sort(names.begin(), names.end());
    std::vector<std::string> keys;
    for (const auto& name : names) {
        keys.push_back(normalized_name(std::filesystem::path(name).stem().string()));
    }
    std::vector<Diagnostic> errors;
    const auto chosen = choose(names, keys, folder, words, true, errors);
    if (!errors.empty()) {
        throw LoadError(std::move(errors));
    }
    return assemble(
        chosen,
        [&](std::size_t index) -> std::optional<Sheet> {
            try {
                return read_csv_sheet((std::filesystem::path(folder) / names[index]).string(),
                                      options);
            } catch (const LoadError& problem) {
                errors.insert(errors.end(), problem.diagnostics().begin(),
                              problem.diagnostics().end());
                return std::nullopt;
            }
        },
        errors);
}

SheetSet read_sheets(const std::string& path, const SheetReadOptions& options) {
    std::error_code error;
    if (path != "-" && std::filesystem::is_directory(path, error)) {
        return read_sheet_folder(path, options);
    }
    std::string extension = std::filesystem::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (extension == ".csv" || extension == ".tsv" || extension == ".txt") {
        const text::Words words(options.language);
        throw UsageError(words("{path} is one sheet saved as text: name the sheets with --actors "
                               "and --relations (stakemap import --actors attori.csv --relations "
                               "relazioni.csv -o MAP), or give the folder that holds them",
                               {{"path", path}}));
    }
    return read_workbook(path, options);
}

} // namespace stakemap::io
