// From a map to sheets: the column names import recognises, vocabulary values by the label people
// read, and CSV written so that spreadsheet programs open it and import reads it back unchanged.

#include "stakemap/io/sheet_export.hpp"

#include "stakemap/error.hpp"
#include "stakemap/io/diagnostics.hpp"
#include "stakemap/io/files.hpp"
#include "stakemap/io/vocabulary.hpp"
#include "stakemap/model/date.hpp"
#include "stakemap/model/vocabulary.hpp"
#include "stakemap/text/words.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace stakemap::io {

namespace {

/// One column: the map's field and its name in English and in Italian (docs/spreadsheets.md; the
/// names import_sheets recognises).
struct ColumnName {
    const char* field;
    const char* en;
    const char* it;
};

const std::vector<ColumnName>& columns_of(SheetKind kind) {
    static const std::vector<ColumnName> actors{
        {"id", "id", "codice"},
        {"name", "name", "nome"},
        {"short", "short_name", "nome breve"},
        {"kind", "kind", "tipo"},
        {"level", "level", "livello"},
        {"area", "area", "zona"},
        {"serves", "serves", "aree servite"},
        {"services", "services", "servizi"},
        {"languages", "languages", "lingue"},
        {"capacity", "capacity", "capacità"},
        {"power", "power", "potere"},
        {"interest", "interest", "interesse"},
        {"legitimacy", "legitimacy", "legittimità"},
        {"urgency", "urgency", "urgenza"},
        {"access_point", "access_point", "punto di accesso"},
        {"tags", "tags", "etichette"},
        {"note", "note", "note"}};
    static const std::vector<ColumnName> relations{{"id", "id", "codice"},
                                                   {"source", "source", "da"},
                                                   {"target", "target", "a"},
                                                   {"type", "type", "tipo"},
                                                   {"weight", "weight", "peso"},
                                                   {"directed", "directed", "orientata"},
                                                   {"since", "since", "dal"},
                                                   {"until", "until", "al"},
                                                   {"formality", "formality", "formalità"},
                                                   {"confidence", "confidence", "affidabilità"},
                                                   {"informants", "informants", "informatori"},
                                                   {"note", "note", "nota"}};
    static const std::vector<ColumnName> areas{
        {"id", "id", "codice"},
        {"name", "name", "nome"},
        {"parent", "parent", "area superiore"},
        {"population", "population", "popolazione"},
        {"foreign_residents", "foreign_residents", "residenti stranieri"},
        {"languages", "languages", "lingue"}};
    static const std::vector<ColumnName> needs{{"area", "area", "zona"},
                                               {"service", "service", "servizio"},
                                               {"demand", "demand", "domanda"},
                                               {"languages", "languages", "lingue"},
                                               {"note", "note", "nota"}};
    static const std::vector<ColumnName> kinds{
        {"id", "id", "codice"},
        {"label.it", "label_it", "nome italiano"},
        {"label.en", "label_en", "nome inglese"},
        {"sector", "sector", "settore"},
        {"access_point", "access_point", "punto di accesso"}};
    static const std::vector<ColumnName> services{{"id", "id", "codice"},
                                                  {"label.it", "label_it", "nome italiano"},
                                                  {"label.en", "label_en", "nome inglese"}};
    switch (kind) {
    case SheetKind::actors:
        return actors;
    case SheetKind::relations:
        return relations;
    case SheetKind::areas:
        return areas;
    case SheetKind::needs:
        return needs;
    case SheetKind::kinds:
        return kinds;
    case SheetKind::services:
        break;
    }
    return services;
}

SheetTable empty_table(SheetKind kind, model::Language language) {
    SheetTable table;
    table.kind = kind;
    table.name = sheet_name(kind, language);
    for (const auto& column : columns_of(kind)) {
        table.fields.emplace_back(column.field);
        table.header.emplace_back(language == model::Language::it ? column.it : column.en);
    }
    return table;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += (i == 0 ? "" : "|") + items[i];
    }
    return out;
}

SheetCell text_cell(const std::string& text) {
    return text.empty() ? SheetCell{} : SheetCell{text};
}
SheetCell text_cell(const std::optional<std::string>& text) {
    return text ? text_cell(*text) : SheetCell{};
}
SheetCell list_cell(const std::vector<std::string>& items) {
    return text_cell(joined(items));
}
template <typename Number>
SheetCell number_cell(const std::optional<Number>& value) {
    return value ? SheetCell{static_cast<double>(*value)} : SheetCell{};
}
SheetCell boolean_cell(const std::optional<bool>& value) {
    return value ? SheetCell{*value} : SheetCell{};
}
SheetCell date_cell(const std::optional<std::string>& value) {
    return value && !value->empty() ? SheetCell{DateCell{*value}} : SheetCell{};
}

/// The label of the term `id` in `language` when import reads that label back as `id` (the way
/// import matches: an id written exactly, then ids and labels up to case, accents and spaces, in
/// vocabulary order); the id otherwise.
template <typename Terms>
std::string label_or_id(const std::string& id, const Terms& terms, model::Language language) {
    const auto term = std::find_if(terms.begin(), terms.end(),
                                   [&](const auto& candidate) { return candidate.id == id; });
    if (term == terms.end()) {
        return id;
    }
    const std::string& label = model::text(term->label, language);
    if (label.empty() || label.find('|') != std::string::npos || label.find_first_of(" \t") == 0) {
        return id;
    }
    for (const auto& other : terms) {
        if (other.id == label) {
            return other.id == id ? label : id;
        }
    }
    const std::string name = normalized_name(label);
    for (const auto& other : terms) {
        if (normalized_name(other.id) == name || normalized_name(other.label.it) == name ||
            normalized_name(other.label.en) == name) {
            return other.id == id ? label : id;
        }
    }
    return id;
}

template <typename Terms>
SheetCell vocabulary_cell(const std::optional<std::string>& id, const Terms& terms,
                          model::Language language) {
    return id ? text_cell(label_or_id(*id, terms, language)) : SheetCell{};
}

/// Number text written for files: shortest round trip, with a decimal comma when asked.
std::string number_text(double value, bool decimal_comma) {
    std::string text = text::exact_number(value);
    if (decimal_comma) {
        std::replace(text.begin(), text.end(), '.', ',');
    }
    return text;
}

/// Every name a column of this sheet may have, normalised: an attribute must not take one.
std::set<std::string> taken_names(SheetKind kind) {
    std::set<std::string> names;
    for (const auto& column : columns_of(kind)) {
        names.insert(normalized_name(column.en));
        names.insert(normalized_name(column.it));
    }
    // The other names import accepts (sheet_import.cpp).
    for (const char* other : {"origine", "destinazione", "serve", "padre", "nota", "note"}) {
        names.insert(normalized_name(other));
    }
    return names;
}

/// Adds one column per attribute name found in `items` (sorted by name) and returns the names. A
/// name that import would take for one of the sheet's own columns is written "attribute.NAME".
template <typename Items>
std::vector<std::string> add_attribute_columns(SheetTable& table, const Items& items) {
    std::set<std::string> names;
    for (const auto& item : items) {
        for (const auto& entry : item.attributes) {
            names.insert(entry.first);
        }
    }
    std::set<std::string> taken = taken_names(table.kind);
    std::vector<std::string> ordered(names.begin(), names.end());
    for (const auto& name : ordered) {
        std::string header = name;
        while (taken.count(normalized_name(header)) != 0) {
            header = "attribute." + header;
        }
        taken.insert(normalized_name(header));
        table.fields.push_back("attributes/" + name);
        table.header.push_back(header);
    }
    return ordered;
}

template <typename Item>
void add_attribute_cells(std::vector<SheetCell>& row, const Item& item,
                         const std::vector<std::string>& names) {
    for (const auto& name : names) {
        const auto found = item.attributes.find(name);
        if (found == item.attributes.end()) {
            row.emplace_back();
        } else if (const auto* text = std::get_if<std::string>(&found->second)) {
            row.push_back(text_cell(*text));
        } else if (const auto* number = std::get_if<double>(&found->second)) {
            row.emplace_back(*number);
        } else {
            row.emplace_back(std::get<bool>(found->second));
        }
    }
}

SheetTable actor_table(const model::Map& map, const model::Vocabulary& vocabulary,
                       model::Language language) {
    SheetTable table = empty_table(SheetKind::actors, language);
    const auto attributes = add_attribute_columns(table, map.actors);
    for (const auto& actor : map.actors) {
        std::vector<SheetCell> row;
        row.push_back(text_cell(actor.id));
        row.push_back(text_cell(actor.name));
        row.push_back(text_cell(actor.short_name));
        row.push_back(vocabulary_cell(actor.kind, vocabulary.kinds, language));
        row.push_back(vocabulary_cell(actor.level, vocabulary.levels, language));
        row.push_back(text_cell(actor.area));
        if (actor.serves_all) {
            row.emplace_back(std::string("*"));
        } else {
            row.push_back(actor.serves ? list_cell(*actor.serves) : SheetCell{});
        }
        std::vector<std::string> services;
        for (const auto& service : actor.services) {
            services.push_back(label_or_id(service, vocabulary.services, language));
        }
        row.push_back(list_cell(services));
        row.push_back(list_cell(actor.languages));
        row.push_back(number_cell(actor.capacity));
        row.push_back(number_cell(actor.power));
        row.push_back(number_cell(actor.interest));
        row.push_back(number_cell(actor.legitimacy));
        row.push_back(number_cell(actor.urgency));
        row.push_back(boolean_cell(actor.access_point));
        row.push_back(list_cell(actor.tags));
        row.push_back(text_cell(actor.note));
        add_attribute_cells(row, actor, attributes);
        table.rows.push_back(std::move(row));
    }
    return table;
}

SheetTable relation_table(const model::Map& map, const model::Vocabulary& vocabulary,
                          const SheetExportOptions& options) {
    const model::Language language = options.language;
    SheetTable table = empty_table(SheetKind::relations, language);
    // The relations' own attributes after their fields, as the actors'.
    const auto attributes = add_attribute_columns(table, map.relations);
    for (const auto& relation : map.relations) {
        if (!model::kept(relation, options.types, options.at)) {
            continue;
        }
        std::vector<SheetCell> row;
        row.push_back(text_cell(relation.id));
        row.push_back(text_cell(relation.source));
        row.push_back(text_cell(relation.target));
        row.push_back(vocabulary_cell(relation.type, vocabulary.relation_types, language));
        row.emplace_back(relation.weight);
        // The sheets have no map-wide default: a map directed by default says so in every row.
        row.push_back(boolean_cell(relation.directed
                                       ? relation.directed
                                       : (map.directed ? std::optional(true) : std::nullopt)));
        row.push_back(date_cell(relation.since));
        row.push_back(date_cell(relation.until));
        row.push_back(vocabulary_cell(relation.formality, vocabulary.formality, language));
        row.push_back(number_cell(relation.confidence));
        row.push_back(list_cell(relation.informants));
        row.push_back(text_cell(relation.note));
        add_attribute_cells(row, relation, attributes);
        table.rows.push_back(std::move(row));
    }
    return table;
}

SheetTable area_table(const model::Map& map, const SheetExportOptions& options) {
    SheetTable table = empty_table(SheetKind::areas, options.language);
    for (const auto& area : map.areas) {
        std::vector<SheetCell> row;
        row.push_back(text_cell(area.id));
        row.push_back(text_cell(area.name));
        row.push_back(text_cell(area.parent));
        row.push_back(number_cell(area.population));
        row.push_back(number_cell(area.foreign_residents));
        std::vector<std::string> shares;
        for (const auto& [code, share] : area.languages) {
            shares.push_back(code + ":" + number_text(share, options.decimal_comma));
        }
        row.push_back(list_cell(shares));
        table.rows.push_back(std::move(row));
    }
    return table;
}

SheetTable need_table(const model::Map& map, const model::Vocabulary& vocabulary,
                      model::Language language) {
    SheetTable table = empty_table(SheetKind::needs, language);
    for (const auto& need : map.needs) {
        std::vector<SheetCell> row;
        row.push_back(text_cell(need.area));
        row.push_back(text_cell(label_or_id(need.service, vocabulary.services, language)));
        row.push_back(number_cell(need.demand));
        row.push_back(list_cell(need.languages));
        row.push_back(text_cell(need.note));
        table.rows.push_back(std::move(row));
    }
    return table;
}

SheetTable kind_table(const model::Map& map, model::Language language) {
    SheetTable table = empty_table(SheetKind::kinds, language);
    for (const auto& kind : map.kinds) {
        table.rows.push_back({text_cell(kind.id),
                              kind.label ? text_cell(kind.label->it) : SheetCell{},
                              kind.label ? text_cell(kind.label->en) : SheetCell{},
                              text_cell(kind.sector), boolean_cell(kind.access_point)});
    }
    return table;
}

SheetTable service_table(const model::Map& map, model::Language language) {
    SheetTable table = empty_table(SheetKind::services, language);
    for (const auto& service : map.services) {
        table.rows.push_back({text_cell(service.id),
                              service.label ? text_cell(service.label->it) : SheetCell{},
                              service.label ? text_cell(service.label->en) : SheetCell{}});
    }
    return table;
}

bool needs_quotes(std::string_view text, char separator) {
    return text.find_first_of(std::string{separator, '"', '\n', '\r'}) != std::string_view::npos ||
           (!text.empty() && (text.front() == ' ' || text.back() == ' ' || text.front() == '\t' ||
                              text.back() == '\t'));
}

std::string csv_field(const std::string& text, char separator) {
    if (!needs_quotes(text, separator)) {
        return text;
    }
    std::string out = "\"";
    for (const char c : text) {
        out += c;
        if (c == '"') {
            out += '"';
        }
    }
    return out + "\"";
}

} // namespace

std::string sheet_name(SheetKind kind, model::Language language) {
    const bool it = language == model::Language::it;
    switch (kind) {
    case SheetKind::actors:
        return it ? "attori" : "actors";
    case SheetKind::relations:
        return it ? "relazioni" : "relations";
    case SheetKind::areas:
        return it ? "aree" : "areas";
    case SheetKind::needs:
        return it ? "bisogni" : "needs";
    case SheetKind::kinds:
        return it ? "tipi" : "kinds";
    case SheetKind::services:
        break;
    }
    return it ? "servizi" : "services";
}

std::vector<SheetTable> map_sheets(const model::Map& map, const SheetExportOptions& options) {
    if (options.at && !model::parse_date(*options.at)) {
        throw UsageError("not a date written YYYY-MM-DD: \"" + *options.at + "\"", "at");
    }
    const model::Vocabulary& vocabulary = default_vocabulary();
    std::vector<SheetTable> tables;
    tables.push_back(actor_table(map, vocabulary, options.language));
    tables.push_back(relation_table(map, vocabulary, options));
    tables.push_back(area_table(map, options));
    tables.push_back(need_table(map, vocabulary, options.language));
    if (!map.kinds.empty()) {
        tables.push_back(kind_table(map, options.language));
    }
    if (!map.services.empty()) {
        tables.push_back(service_table(map, options.language));
    }
    return tables;
}

std::vector<std::string> vocabulary_words(VocabularyList list, model::Language language) {
    const model::Vocabulary& vocabulary = default_vocabulary();
    std::vector<std::string> words;
    const auto add = [&](const auto& terms) {
        for (const auto& term : terms) {
            words.push_back(label_or_id(term.id, terms, language));
        }
    };
    switch (list) {
    case VocabularyList::kinds:
        add(vocabulary.kinds);
        break;
    case VocabularyList::levels:
        add(vocabulary.levels);
        break;
    case VocabularyList::relation_types:
        add(vocabulary.relation_types);
        break;
    case VocabularyList::formality:
        add(vocabulary.formality);
        break;
    case VocabularyList::services:
        add(vocabulary.services);
        break;
    }
    return words;
}

std::string yes_no_word(bool yes, model::Language language) {
    return yes ? (language == model::Language::it ? "sì" : "yes") : "no";
}

std::string neutralized_text(std::string_view text) {
    const std::size_t first = text.find_first_not_of('\'');
    if (first == std::string_view::npos) {
        return std::string(text);
    }
    const char c = text[first];
    if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
        return "'" + std::string(text);
    }
    return std::string(text);
}

std::string write_csv_table(const SheetTable& table, CsvDialect dialect, model::Language language) {
    const bool excel = dialect == CsvDialect::excel_it;
    const char separator = excel ? ';' : ',';
    const char* line_end = excel ? "\r\n" : "\n";
    std::string out = excel ? "\xEF\xBB\xBF" : "";
    const auto write_row = [&](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            out += (i == 0 ? "" : std::string(1, separator)) + csv_field(cells[i], separator);
        }
        out += line_end;
    };
    std::vector<std::string> cells;
    for (const auto& name : table.header) {
        cells.push_back(neutralized_text(name));
    }
    write_row(cells);
    for (const auto& row : table.rows) {
        cells.clear();
        for (const auto& cell : row) {
            if (const auto* text = std::get_if<std::string>(&cell)) {
                cells.push_back(neutralized_text(*text));
            } else if (const auto* number = std::get_if<double>(&cell)) {
                cells.push_back(number_text(*number, excel));
            } else if (const auto* yes = std::get_if<bool>(&cell)) {
                cells.push_back(yes_no_word(*yes, language));
            } else if (const auto* date = std::get_if<DateCell>(&cell)) {
                cells.push_back(neutralized_text(date->iso));
            } else {
                cells.emplace_back();
            }
        }
        write_row(cells);
    }
    return out;
}

std::vector<SheetFile> csv_sheet_files(const std::vector<SheetTable>& tables, CsvDialect dialect,
                                       model::Language language) {
    std::vector<SheetFile> files;
    for (const auto& table : tables) {
        files.push_back({table.name + ".csv", write_csv_table(table, dialect, language)});
    }
    return files;
}

std::vector<SheetFile> export_sheet_files(const model::Map& map, const ExportOptions& options) {
    SheetExportOptions sheet_options;
    sheet_options.language = options.language;
    sheet_options.decimal_comma = options.excel_it;
    sheet_options.types = options.types;
    sheet_options.at = options.at;
    return csv_sheet_files(map_sheets(map, sheet_options),
                           options.excel_it ? CsvDialect::excel_it : CsvDialect::plain,
                           options.language);
}

void write_sheet_folder(const std::string& folder, const std::vector<SheetFile>& files,
                        model::Language language) {
    const text::Words words(language);
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error || !std::filesystem::is_directory(folder)) {
        throw FileError(
            words("cannot write {path}: {reason}",
                  {{"path", folder},
                   {"reason", error ? error.message() : words("it is a file, not a folder")}}));
    }
    for (const auto& file : files) {
        write_file_atomically((std::filesystem::path(folder) / file.name).string(), file.content,
                              language);
    }
}

} // namespace stakemap::io
