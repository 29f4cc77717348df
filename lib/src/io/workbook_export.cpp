// Workbooks through libxlsxwriter: assembled in a temporary file (libxlsxwriter 1.1.4 writes only
// to files), read back and removed, so that callers write the bytes atomically where they belong.

#include "stakemap/io/workbook_export.hpp"

#include "cell_text.hpp"

#include "stakemap/io/diagnostics.hpp"
#include "stakemap/io/files.hpp"
#include "stakemap/model/date.hpp"
#include "stakemap/text/words.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>

#include <unistd.h>
#include <xlsxwriter.h>

namespace stakemap::io {

namespace {

using text::N_;

/// The last row (1-based, as Excel numbers them) that drop-down lists cover: room for a workgroup's
/// rows beyond the ones written.
std::size_t last_list_row(const std::vector<SheetTable>& tables) {
    std::size_t rows = 0;
    for (const auto& table : tables) {
        rows = std::max(rows, table.rows.size());
    }
    return std::max<std::size_t>(1000, rows + 1 + 500);
}

/// The number of characters (not bytes) of UTF-8 text.
std::size_t characters(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
    }));
}

/// What the read-me says about one column, and whether the sheet needs it.
struct ColumnHelp {
    const char* text;
    bool needed;
};

ColumnHelp column_help(SheetKind kind, const std::string& field) {
    static const std::map<std::pair<SheetKind, std::string>, ColumnHelp> help{
        {{SheetKind::actors, "id"},
         {N_("a short code, unique in the sheet, without spaces; relations name the actor by it"),
          true}},
        {{SheetKind::actors, "name"},
         {N_("the full name of the organisation, office or role"), true}},
        {{SheetKind::actors, "short"}, {N_("a short name, for drawings"), false}},
        {{SheetKind::actors, "kind"}, {N_("what the actor is: pick it from the list"), false}},
        {{SheetKind::actors, "level"},
         {N_("the level of government it works at: pick it from the list"), false}},
        {{SheetKind::actors, "area"},
         {N_("the code of the area where it is, as in the areas sheet"), false}},
        {{SheetKind::actors, "serves"},
         {N_("codes of the areas it serves, separated by |; * for every area; empty for its own "
             "area"),
          false}},
        {{SheetKind::actors, "services"},
         {N_("services it offers, by name or code, separated by |"), false}},
        {{SheetKind::actors, "languages"},
         {N_("languages spoken, as two-letter codes separated by |"), false}},
        {{SheetKind::actors, "capacity"}, {N_("how many people it can follow, a number"), false}},
        {{SheetKind::actors, "power"},
         {N_("its power over what the others decide, a whole number from 1 to 5"), false}},
        {{SheetKind::actors, "interest"},
         {N_("its interest in the integration of migrants, from 1 to 5"), false}},
        {{SheetKind::actors, "legitimacy"},
         {N_("how far the others recognise its role, from 1 to 5"), false}},
        {{SheetKind::actors, "urgency"}, {N_("how pressing its claims are, from 1 to 5"), false}},
        {{SheetKind::actors, "access_point"},
         {N_("yes when migrants can walk in and ask for help there"), false}},
        {{SheetKind::actors, "tags"}, {N_("free labels separated by |"), false}},
        {{SheetKind::actors, "note"}, {N_("free text"), false}},
        {{SheetKind::relations, "id"}, {N_("a code for the relation, if you want one"), false}},
        {{SheetKind::relations, "source"},
         {N_("code of the first actor: pick it from the list of the actors sheet"), true}},
        {{SheetKind::relations, "target"},
         {N_("code of the second actor: pick it from the list of the actors sheet"), true}},
        {{SheetKind::relations, "type"}, {N_("the kind of tie: pick it from the list"), false}},
        {{SheetKind::relations, "weight"},
         {N_("how strong the tie is, a number above 0 (1 when empty)"), false}},
        {{SheetKind::relations, "directed"},
         {N_("yes when the tie goes only from the first actor to the second"), false}},
        {{SheetKind::relations, "since"},
         {N_("the date the tie began, written year-month-day"), false}},
        {{SheetKind::relations, "until"},
         {N_("the date the tie ended, written year-month-day; empty while it holds"), false}},
        {{SheetKind::relations, "formality"},
         {N_("how formal the tie is: pick it from the list"), false}},
        {{SheetKind::relations, "confidence"},
         {N_("how sure you are of the tie, from 0 to 1"), false}},
        {{SheetKind::relations, "informants"},
         {N_("codes of who reported the tie, separated by |"), false}},
        {{SheetKind::relations, "note"}, {N_("free text"), false}},
        {{SheetKind::areas, "id"}, {N_("a short code for the area, without spaces"), true}},
        {{SheetKind::areas, "name"}, {N_("the name of the area"), false}},
        {{SheetKind::areas, "parent"}, {N_("code of the larger area it belongs to"), false}},
        {{SheetKind::areas, "population"}, {N_("residents, a whole number"), false}},
        {{SheetKind::areas, "foreign_residents"}, {N_("foreign residents, a whole number"), false}},
        {{SheetKind::areas, "languages"},
         {N_("share of foreign residents speaking each language, code:share separated by |"),
          false}},
        {{SheetKind::needs, "area"}, {N_("code of the area"), true}},
        {{SheetKind::needs, "service"}, {N_("the service needed: pick it from the list"), true}},
        {{SheetKind::needs, "demand"}, {N_("how many people need it"), false}},
        {{SheetKind::needs, "languages"},
         {N_("languages needed, as two-letter codes separated by |"), false}},
        {{SheetKind::needs, "note"}, {N_("free text"), false}},
        {{SheetKind::kinds, "id"}, {N_("the code of a kind of actor of this map"), true}},
        {{SheetKind::kinds, "label.it"}, {N_("its name in Italian"), false}},
        {{SheetKind::kinds, "label.en"}, {N_("its name in English"), false}},
        {{SheetKind::kinds, "sector"}, {N_("the code of its sector"), false}},
        {{SheetKind::kinds, "access_point"},
         {N_("yes when actors of this kind are access points"), false}},
        {{SheetKind::services, "id"}, {N_("the code of a service of this map"), true}},
        {{SheetKind::services, "label.it"}, {N_("its name in Italian"), false}},
        {{SheetKind::services, "label.en"}, {N_("its name in English"), false}},
    };
    const auto found = help.find({kind, field});
    if (found != help.end()) {
        return found->second;
    }
    return {N_("an attribute of this map's actors"), false};
}

/// The drop-down list a column gets, if any.
enum class Choice { none, yes_no, actor_id, kinds, levels, relation_types, formality, services };

Choice choice_of(SheetKind kind, const std::string& field) {
    if (field == "access_point" || field == "directed") {
        return Choice::yes_no;
    }
    if (kind == SheetKind::actors && field == "kind") {
        return Choice::kinds;
    }
    if (kind == SheetKind::actors && field == "level") {
        return Choice::levels;
    }
    if (kind == SheetKind::relations && (field == "source" || field == "target")) {
        return Choice::actor_id;
    }
    if (kind == SheetKind::relations && field == "type") {
        return Choice::relation_types;
    }
    if (kind == SheetKind::relations && field == "formality") {
        return Choice::formality;
    }
    if (kind == SheetKind::needs && field == "service") {
        return Choice::services;
    }
    return Choice::none;
}

/// The text a cell shows, for the read-me's examples and column widths.
std::string shown(const SheetCell& cell, model::Language language) {
    if (const auto* text = std::get_if<std::string>(&cell)) {
        return *text;
    }
    if (const auto* number = std::get_if<double>(&cell)) {
        std::string out = text::exact_number(*number);
        if (language == model::Language::it) {
            std::replace(out.begin(), out.end(), '.', ',');
        }
        return out;
    }
    if (const auto* yes = std::get_if<bool>(&cell)) {
        return yes_no_word(*yes, language);
    }
    if (const auto* date = std::get_if<DateCell>(&cell)) {
        return date->iso;
    }
    return "";
}

/// libxlsxwriter's workbook, closed (and so written) once.
class Workbook {
public:
    explicit Workbook(const std::string& path) {
        lxw_workbook_options options{};
        book_ = workbook_new_opt(path.c_str(), &options);
    }
    ~Workbook() {
        if (book_ != nullptr) {
            workbook_close(book_);
        }
    }
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;
    lxw_workbook* get() const { return book_; }
    lxw_error close() {
        const lxw_error error = workbook_close(book_);
        book_ = nullptr;
        return error;
    }

private:
    lxw_workbook* book_ = nullptr;
};

/// The temporary file a workbook is assembled in, removed when done.
class TemporaryFile {
public:
    TemporaryFile() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "stakemap-workbook-XXXXXX").string();
        std::vector<char> name(pattern.begin(), pattern.end());
        name.push_back('\0');
        const int fd = ::mkstemp(name.data());
        if (fd >= 0) {
            ::close(fd);
            path_ = name.data();
        }
    }
    ~TemporaryFile() {
        if (!path_.empty()) {
            std::remove(path_.c_str());
        }
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

std::time_t creation_time(const std::string& date) {
    const auto parsed = model::parse_date(date);
    std::tm when{};
    when.tm_year = (parsed ? parsed->year : 2000) - 1900;
    when.tm_mon = (parsed ? parsed->month : 1) - 1;
    when.tm_mday = parsed ? parsed->day : 1;
    when.tm_hour = 12;
    return ::timegm(&when);
}

bool is_hex_digit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/// Text that reads as itself in a shared string: libxlsxwriter writes control characters as
/// OOXML's _xHHHH_ escapes but leaves such a sequence already in the text as it is, which Excel
/// (and the workbook reader) would then read as the character; its underscore is escaped as
/// _x005F_.
std::string ooxml_literal(std::string text) {
    for (std::size_t at = text.find("_x"); at != std::string::npos; at = text.find("_x", at + 1)) {
        if (at + 7 <= text.size() && text[at + 6] == '_' && is_hex_digit(text[at + 2]) &&
            is_hex_digit(text[at + 3]) && is_hex_digit(text[at + 4]) &&
            is_hex_digit(text[at + 5])) {
            text.replace(at, 1, "_x005F_");
            at += 6;
        }
    }
    return text;
}

/// Writes one cell; LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED (and an empty cell) for a text longer
/// than the 32,767 characters a spreadsheet cell holds.
lxw_error write_cell(lxw_worksheet* sheet, std::size_t row, std::size_t column,
                     const SheetCell& cell, model::Language language) {
    const auto r = static_cast<lxw_row_t>(row);
    const auto c = static_cast<lxw_col_t>(column);
    if (const auto* number = std::get_if<double>(&cell)) {
        return worksheet_write_number(sheet, r, c, *number, nullptr);
    }
    if (!std::holds_alternative<std::monostate>(cell)) {
        // Text cells are shared strings, never formulas: no apostrophe is needed here.
        return worksheet_write_string(sheet, r, c, ooxml_literal(shown(cell, language)).c_str(),
                                      nullptr);
    }
    return LXW_NO_ERROR;
}

void set_widths(lxw_worksheet* sheet, const std::vector<std::vector<std::string>>& columns,
                std::size_t widest = 50) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
        std::size_t width = 8;
        for (const auto& text : columns[c]) {
            width = std::max(width, characters(text));
        }
        worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                             static_cast<double>(std::min(width, widest) + 2), nullptr);
    }
}

} // namespace

std::string readme_sheet_name(model::Language language) {
    return language == model::Language::it ? "Leggimi" : "Read me";
}

std::string lists_sheet_name(model::Language language) {
    return language == model::Language::it ? "liste" : "lists";
}

model::Map template_map(model::Language language) {
    const bool it = language == model::Language::it;
    model::Map map;
    map.title =
        it ? "Comune di Valdora – rete per l'integrazione" : "Valdora – integration network";
    map.date = "2025-01-15";
    model::Area town;
    town.id = "valdora";
    town.name = it ? "Comune di Valdora" : "Municipality of Valdora";
    town.population = 24300;
    town.foreign_residents = 3100;
    town.languages = {{"ar", 0.32}, {"ro", 0.21}, {"ur", 0.09}};
    model::Area centre;
    centre.id = "centro";
    centre.name = it ? "Centro storico" : "Old town";
    centre.parent = "valdora";
    centre.population = 5200;
    centre.foreign_residents = 940;
    centre.languages = {{"ar", 0.41}, {"wo", 0.12}};
    map.areas = {town, centre};

    model::Actor desk;
    desk.id = "sportello-comune";
    desk.name = it ? "Sportello immigrazione del Comune di Valdora"
                   : "Immigration desk of the Municipality of Valdora";
    desk.short_name = it ? "Sportello immigrazione" : "Immigration desk";
    desk.kind = "help_desk";
    desk.level = "municipal";
    desk.area = "centro";
    desk.serves = std::vector<std::string>{"valdora"};
    desk.services = {"information", "legal_permits"};
    desk.languages = {"it", "en", "ar"};
    desk.capacity = 400;
    desk.power = 3;
    desk.interest = 5;
    desk.legitimacy = 4;
    desk.urgency = 3;
    desk.access_point = true;
    desk.tags = {"front-office"};
    desk.note = it ? "Aperto il lunedì e il giovedì, 9–13" : "Open Monday and Thursday, 9–13";
    model::Actor association;
    association.id = "al-amal";
    association.name = it ? "Associazione Al Amal" : "Al Amal Association";
    association.short_name = "Al Amal";
    association.kind = "migrant_association";
    association.level = "neighbourhood";
    association.area = "centro";
    association.serves = std::vector<std::string>{"centro"};
    association.services = {"cultural_mediation", "italian_courses"};
    association.languages = {"ar", "fr", "it"};
    association.capacity = 60;
    association.power = 2;
    association.interest = 5;
    association.legitimacy = 3;
    association.urgency = 4;
    association.access_point = true;
    association.tags = {it ? "volontariato" : "volunteers"};
    association.note =
        it ? "Corsi di italiano il sabato mattina" : "Italian classes on Saturday mornings";
    map.actors = {desk, association};

    model::Relation referral;
    referral.id = "r1";
    referral.source = "sportello-comune";
    referral.target = "al-amal";
    referral.type = "referral";
    referral.weight = 3;
    referral.directed = true;
    referral.since = "2023-09-01";
    referral.formality = "protocol";
    referral.confidence = 0.9;
    referral.informants = {"sportello-comune", "al-amal"};
    referral.note =
        it ? "Invia le persone ai corsi di italiano" : "Sends people to the Italian classes";
    model::Relation information;
    information.id = "r2";
    information.source = "al-amal";
    information.target = "sportello-comune";
    information.type = "information";
    information.weight = 1;
    information.directed = false;
    information.since = "2024-01-15";
    information.until = "2025-12-31";
    information.formality = "informal";
    information.confidence = 0.6;
    information.informants = {"al-amal"};
    information.note = it ? "Incontro mensile" : "Monthly meeting";
    map.relations = {referral, information};

    model::Need permits;
    permits.area = "centro";
    permits.service = "legal_permits";
    permits.demand = 120;
    permits.languages = {"ar", "wo"};
    permits.note = it ? "Rinnovi dei permessi di soggiorno" : "Renewals of residence permits";
    model::Need classes;
    classes.area = "valdora";
    classes.service = "italian_courses";
    classes.demand = 250;
    classes.languages = {"ar", "ro", "ur"};
    classes.note = it ? "Corsi serali per chi lavora" : "Evening classes for people who work";
    map.needs = {permits, classes};
    return map;
}

std::vector<SheetTable> template_sheets(model::Language language) {
    return map_sheets(template_map(language),
                      {.language = language, .decimal_comma = language == model::Language::it});
}

std::string write_workbook(const std::vector<SheetTable>& tables, model::Language language,
                           const std::string& title, const std::string& created) {
    const text::Words words(language);
    const TemporaryFile file;
    const auto cannot_write = [&](const std::string& reason) {
        return FileError(
            words("cannot write {path}: {reason}", {{"path", file.path()}, {"reason", reason}}));
    };
    if (file.path().empty()) {
        throw cannot_write(words("no temporary file"));
    }
    Workbook book(file.path());
    if (book.get() == nullptr) {
        throw cannot_write(words("no temporary file"));
    }
    std::string title_text = title;
    std::string creator = "stakemap";
    lxw_doc_properties properties{};
    properties.title = title_text.empty() ? nullptr : title_text.data();
    properties.author = creator.data();
    properties.created = creation_time(created);
    workbook_set_properties(book.get(), &properties);
    lxw_format* bold = workbook_add_format(book.get());
    format_set_bold(bold);
    format_set_bg_color(bold, 0xDDEBF7);
    format_set_bottom(bold, LXW_BORDER_THIN);

    const std::size_t last_row = last_list_row(tables);
    const std::string yes = yes_no_word(true, language);
    const std::string no = yes_no_word(false, language);

    // The read-me sheet, first so that it is what a workgroup sees on opening the file.
    const std::string readme_name = readme_sheet_name(language);
    lxw_worksheet* readme = workbook_add_worksheet(book.get(), readme_name.c_str());
    const std::vector<std::string> readme_header{
        words("sheet"), words("column"), words("what to write"), words("needed"), words("example")};
    std::vector<std::vector<std::string>> readme_columns(readme_header.size());
    for (std::size_t c = 0; c < readme_header.size(); ++c) {
        worksheet_write_string(readme, 0, static_cast<lxw_col_t>(c), readme_header[c].c_str(),
                               bold);
        readme_columns[c].push_back(readme_header[c]);
    }
    const std::vector<SheetTable> examples = template_sheets(language);
    std::size_t readme_row = 1;
    for (const auto& table : tables) {
        const SheetTable* example = nullptr;
        for (const auto& candidate : examples) {
            if (candidate.kind == table.kind) {
                example = &candidate;
            }
        }
        for (std::size_t c = 0; c < table.fields.size(); ++c) {
            const ColumnHelp help = column_help(table.kind, table.fields[c]);
            std::string sample;
            if (example != nullptr && c < example->fields.size() &&
                example->fields[c] == table.fields[c]) {
                for (const auto& row : example->rows) {
                    if (sample.empty()) {
                        sample = shown(row[c], language);
                    }
                }
            } else if (example == nullptr || c >= example->fields.size()) {
                for (const auto& row : table.rows) {
                    if (sample.empty()) {
                        sample = shown(row[c], language);
                    }
                }
            }
            const std::vector<std::string> cells{table.name, table.header[c], words(help.text),
                                                 help.needed ? yes : no, sample};
            for (std::size_t k = 0; k < cells.size(); ++k) {
                worksheet_write_string(readme, static_cast<lxw_row_t>(readme_row),
                                       static_cast<lxw_col_t>(k), cells[k].c_str(), nullptr);
                readme_columns[k].push_back(cells[k]);
            }
            ++readme_row;
        }
    }
    ++readme_row;
    for (const char* note :
         {N_("Several values in one cell are separated by a vertical bar: it|en|ar."),
          N_("Dates are written year-month-day: 2024-03-01. Numbers may have a decimal comma."),
          N_("A cell with a drop-down list takes a value of the list; the relations sheet lists "
             "the "
             "codes of the actors sheet."),
          N_("Then make the map: stakemap import FILE.xlsx -o map.json (or save each sheet as CSV "
             "and use stakemap import --actors … --relations …).")}) {
        worksheet_write_string(readme, static_cast<lxw_row_t>(readme_row++), 0, words(note).c_str(),
                               nullptr);
    }
    set_widths(readme, readme_columns, 90);
    worksheet_freeze_panes(readme, 1, 0);

    // The tables.
    const std::string lists_name = lists_sheet_name(language);
    const std::map<Choice, std::pair<VocabularyList, std::size_t>> list_columns{
        {Choice::kinds, {VocabularyList::kinds, 0}},
        {Choice::levels, {VocabularyList::levels, 1}},
        {Choice::relation_types, {VocabularyList::relation_types, 2}},
        {Choice::formality, {VocabularyList::formality, 3}},
        {Choice::services, {VocabularyList::services, 4}}};
    std::string actor_ids;
    for (const auto& table : tables) {
        if (table.kind != SheetKind::actors) {
            continue;
        }
        const auto id = std::find(table.fields.begin(), table.fields.end(), "id");
        const std::string letter =
            column_letters(static_cast<std::size_t>(id - table.fields.begin()));
        actor_ids =
            "=" + table.name + "!$" + letter + "$2:$" + letter + "$" + std::to_string(last_row);
    }
    for (const auto& table : tables) {
        lxw_worksheet* sheet = workbook_add_worksheet(book.get(), table.name.c_str());
        std::vector<std::vector<std::string>> columns(table.header.size());
        for (std::size_t c = 0; c < table.header.size(); ++c) {
            worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), table.header[c].c_str(),
                                   bold);
            columns[c].push_back(table.header[c]);
        }
        for (std::size_t r = 0; r < table.rows.size(); ++r) {
            for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
                if (write_cell(sheet, r + 1, c, table.rows[r][c], language) ==
                    LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
                    // libxlsxwriter would leave the cell empty: a name lost without a word.
                    throw FileError(words(
                        "cannot write the workbook: cell {cell} of the {sheet} sheet has more than "
                        "the 32,767 characters a spreadsheet cell can hold",
                        {{"cell", column_letters(c) + std::to_string(r + 2)},
                         {"sheet", table.name}}));
                }
                columns[c].push_back(shown(table.rows[r][c], language));
            }
        }
        set_widths(sheet, columns);
        worksheet_freeze_panes(sheet, 1, 0);
        for (std::size_t c = 0; c < table.fields.size(); ++c) {
            const Choice choice = choice_of(table.kind, table.fields[c]);
            if (choice == Choice::none || (choice == Choice::actor_id && actor_ids.empty())) {
                continue;
            }
            lxw_data_validation validation{};
            validation.ignore_blank = LXW_VALIDATION_ON;
            validation.dropdown = LXW_VALIDATION_ON;
            std::string formula;
            std::vector<char*> values;
            std::string yes_text = yes;
            std::string no_text = no;
            if (choice == Choice::yes_no) {
                validation.validate = LXW_VALIDATION_TYPE_LIST;
                values = {yes_text.data(), no_text.data(), nullptr};
                validation.value_list = values.data();
                validation.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
            } else if (choice == Choice::actor_id) {
                validation.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
                formula = actor_ids;
                validation.value_formula = formula.data();
                validation.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
            } else {
                // A vocabulary the map may extend: a value off the list is allowed after a
                // warning (import then warns about it too).
                const auto& [list, column] = list_columns.at(choice);
                const std::string letter = column_letters(column);
                formula = "=" + lists_name + "!$" + letter + "$2:$" + letter + "$" +
                          std::to_string(vocabulary_words(list, language).size() + 1);
                validation.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
                validation.value_formula = formula.data();
                validation.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
            }
            worksheet_data_validation_range(sheet, 1, static_cast<lxw_col_t>(c),
                                            static_cast<lxw_row_t>(last_row - 1),
                                            static_cast<lxw_col_t>(c), &validation);
        }
    }

    // The hidden lists the drop-downs refer to.
    lxw_worksheet* lists = workbook_add_worksheet(book.get(), lists_name.c_str());
    const bool it = language == model::Language::it;
    const std::vector<std::pair<const char*, VocabularyList>> list_headers{
        {it ? "tipi" : "kinds", VocabularyList::kinds},
        {it ? "livelli" : "levels", VocabularyList::levels},
        {it ? "tipi di relazione" : "relation types", VocabularyList::relation_types},
        {it ? "formalità" : "formality", VocabularyList::formality},
        {it ? "servizi" : "services", VocabularyList::services}};
    std::vector<std::vector<std::string>> list_texts(list_headers.size());
    for (std::size_t c = 0; c < list_headers.size(); ++c) {
        worksheet_write_string(lists, 0, static_cast<lxw_col_t>(c), list_headers[c].first, bold);
        list_texts[c].emplace_back(list_headers[c].first);
        const auto items = vocabulary_words(list_headers[c].second, language);
        for (std::size_t r = 0; r < items.size(); ++r) {
            worksheet_write_string(lists, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c),
                                   items[r].c_str(), nullptr);
            list_texts[c].push_back(items[r]);
        }
    }
    set_widths(lists, list_texts);
    worksheet_hide(lists);

    if (const lxw_error error = book.close(); error != LXW_NO_ERROR) {
        throw cannot_write(lxw_strerror(error));
    }
    return read_file(file.path(), std::size_t{1} << 31U, language);
}

std::string template_workbook(model::Language language) {
    return write_workbook(template_sheets(language), language, template_map(language).title,
                          "2025-01-15");
}

std::string export_workbook(const model::Map& map, const ExportOptions& options) {
    SheetExportOptions sheet_options;
    sheet_options.language = options.language;
    sheet_options.decimal_comma = options.language == model::Language::it;
    sheet_options.types = options.types;
    sheet_options.at = options.at;
    return write_workbook(map_sheets(map, sheet_options), options.language, map.title,
                          map.date.value_or(""));
}

} // namespace stakemap::io
