// From sheets to a map: column names in English or Italian, cells as people type them, and every
// problem reported at its row and column. The map is then checked by the map reader's own rules.

#include "stakemap/io/map_reader.hpp"

#include "cell_text.hpp"
#include "stakemap/io/map_writer.hpp"
#include "stakemap/io/sheet.hpp"
#include "stakemap/io/vocabulary.hpp"
#include "stakemap/model/split.hpp"
#include "stakemap/text/words.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

namespace stakemap::io {

namespace {

/// One column a sheet may have: the JSON key of the field and its names (English, Italian).
struct Column {
    const char* field;
    std::vector<const char*> names;
};

const std::vector<Column>& actor_columns() {
    static const std::vector<Column> columns{{"id", {"id", "codice"}},
                                             {"name", {"name", "nome"}},
                                             {"short", {"short_name", "short", "nome breve"}},
                                             {"kind", {"kind", "tipo"}},
                                             {"level", {"level", "livello"}},
                                             {"area", {"area", "zona"}},
                                             {"serves", {"serves", "serve", "aree servite"}},
                                             {"services", {"services", "servizi"}},
                                             {"languages", {"languages", "lingue"}},
                                             {"capacity", {"capacity", "capacità"}},
                                             {"power", {"power", "potere"}},
                                             {"interest", {"interest", "interesse"}},
                                             {"legitimacy", {"legitimacy", "legittimità"}},
                                             {"urgency", {"urgency", "urgenza"}},
                                             {"access_point", {"access_point", "punto di accesso"}},
                                             {"tags", {"tags", "etichette"}},
                                             {"note", {"note", "nota"}}};
    return columns;
}

const std::vector<Column>& relation_columns() {
    static const std::vector<Column> columns{{"id", {"id", "codice"}},
                                             {"source", {"source", "da", "origine"}},
                                             {"target", {"target", "a", "destinazione"}},
                                             {"type", {"type", "tipo"}},
                                             {"weight", {"weight", "peso"}},
                                             {"directed", {"directed", "orientata"}},
                                             {"since", {"since", "dal"}},
                                             {"until", {"until", "al"}},
                                             {"formality", {"formality", "formalità"}},
                                             {"confidence", {"confidence", "affidabilità"}},
                                             {"informants", {"informants", "informatori"}},
                                             {"note", {"note", "nota"}}};
    return columns;
}

const std::vector<Column>& area_columns() {
    static const std::vector<Column> columns{
        {"id", {"id", "codice"}},
        {"name", {"name", "nome"}},
        {"parent", {"parent", "area superiore", "padre"}},
        {"population", {"population", "popolazione"}},
        {"foreign_residents", {"foreign_residents", "residenti stranieri"}},
        {"languages", {"languages", "lingue"}}};
    return columns;
}

const std::vector<Column>& need_columns() {
    static const std::vector<Column> columns{{"area", {"area", "zona"}},
                                             {"service", {"service", "servizio"}},
                                             {"demand", {"demand", "domanda"}},
                                             {"languages", {"languages", "lingue"}},
                                             {"note", {"note", "nota"}}};
    return columns;
}

const std::vector<Column>& kind_columns() {
    static const std::vector<Column> columns{
        {"id", {"id", "codice"}},
        {"label", {"label", "etichetta", "nome", "name"}},
        {"label_it", {"label_it", "etichetta italiana", "nome italiano", "italiano"}},
        {"label_en", {"label_en", "etichetta inglese", "nome inglese", "inglese", "english"}},
        {"sector", {"sector", "settore"}},
        {"access_point", {"access_point", "punto di accesso"}}};
    return columns;
}

const std::vector<Column>& service_columns() {
    static const std::vector<Column> columns{
        {"id", {"id", "codice"}},
        {"label", {"label", "etichetta", "nome", "name"}},
        {"label_it", {"label_it", "etichetta italiana", "nome italiano", "italiano"}},
        {"label_en", {"label_en", "etichetta inglese", "nome inglese", "inglese", "english"}}};
    return columns;
}

/// A number written with a decimal point or a decimal comma ("0,32", "1.650,5", "1650.5").
std::optional<double> parse_number(const std::string& cell) {
    std::string text = trimmed(cell);
    if (text.empty()) {
        return std::nullopt;
    }
    if (text.find(',') != std::string::npos) {
        if (text.find('.') != std::string::npos) {
            text.erase(std::remove(text.begin(), text.end(), '.'), text.end());
        }
        std::replace(text.begin(), text.end(), ',', '.');
    }
    if (text.front() == '+') {
        text.erase(0, 1);
    }
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

std::optional<bool> parse_boolean(const std::string& cell) {
    const std::string name = normalized_name(cell);
    for (const char* yes : {"si", "vero", "yes", "true", "1", "x"}) {
        if (name == yes) {
            return true;
        }
    }
    for (const char* no : {"no", "falso", "false", "0"}) {
        if (name == no) {
            return false;
        }
    }
    return std::nullopt;
}

/// An attribute cell as a number when it is written as one, with a decimal point or comma and no
/// leading zero ("15", "-2", "0,5", "1.5e-07"), as yes/no when it is one of the words for them
/// (sì, no, vero, falso, yes, true, false), as text otherwise ("0574", "1.650,5", "via Roma").
model::AttributeValue attribute_value(const std::string& cell) {
    std::size_t i = cell[0] == '-' ? 1 : 0;
    const auto digits = [&] {
        const std::size_t start = i;
        while (i < cell.size() && cell[i] >= '0' && cell[i] <= '9') {
            ++i;
        }
        return i - start;
    };
    const std::size_t whole = digits();
    bool number = whole > 0 && !(whole > 1 && cell[i - whole] == '0');
    if (number && i < cell.size() && (cell[i] == '.' || cell[i] == ',')) {
        ++i;
        number = digits() > 0;
    }
    if (number && i < cell.size() && (cell[i] == 'e' || cell[i] == 'E')) {
        ++i;
        i += i < cell.size() && (cell[i] == '+' || cell[i] == '-') ? 1U : 0U;
        number = digits() > 0;
    }
    if (number && i == cell.size()) {
        if (const auto value = parse_number(cell)) {
            return *value;
        }
    }
    const std::string name = normalized_name(cell);
    if (name != "1" && name != "0" && name != "x") {
        if (const auto yes = parse_boolean(cell)) {
            return *yes;
        }
    }
    return cell;
}

/// A date as YYYY-MM-DD; DD/MM/YYYY (as Excel writes it in Italy) is turned around.
std::string parse_date(const std::string& cell) {
    const std::string text = trimmed(cell);
    int day = 0;
    int month = 0;
    int year = 0;
    char a = 0;
    char b = 0;
    char rest = 0;
    if (std::sscanf(text.c_str(), "%d%c%d%c%d%c", &day, &a, &month, &b, &year, &rest) == 5 &&
        a == b && (a == '/' || a == '.') && year > 999 && year < 10000) {
        char buffer[16];
        std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
        return buffer;
    }
    return text;
}

/// The id of the vocabulary term the cell names, by id or by label in either language, up to case,
/// accents, spaces and underscores; the cell as written when no term matches (the map reader then
/// warns about it).
template <typename Terms>
std::string vocabulary_value(const std::string& cell, const Terms& terms) {
    const std::string value = trimmed(cell);
    const std::string name = normalized_name(value);
    for (const auto& term : terms) {
        if (term.id == value) {
            return term.id;
        }
    }
    for (const auto& term : terms) {
        if (normalized_name(term.id) == name || normalized_name(term.label.it) == name ||
            normalized_name(term.label.en) == name) {
            return term.id;
        }
    }
    return value;
}

/// The map's own kinds or services, then the default terms: a value is looked up among the map's
/// own first, so that a kind of the kinds sheet can be named by its label in the actors sheet.
template <typename Own, typename Terms>
std::vector<model::Term> with_own(const std::vector<Own>& own, const Terms& terms) {
    std::vector<model::Term> out;
    for (const auto& item : own) {
        out.push_back(model::Term{item.id, item.label.value_or(model::Label{})});
    }
    for (const auto& term : terms) {
        out.push_back(model::Term{term.id, term.label});
    }
    return out;
}

/// Places a diagnostic at a row (and column) of a sheet: "column "X": problem" at FILE:ROW:COL for
/// a CSV file; for a sheet of a workbook, the file, sheet, row and column in words (`where`).
void place(Diagnostic& diagnostic, const Sheet& sheet, std::size_t line,
           std::optional<std::size_t> column, const text::Words& words) {
    if (!sheet.name.empty()) {
        diagnostic.where =
            sheet_place(words, sheet.file, sheet.name, line, column ? sheet.header[*column] : "");
    } else if (column) {
        diagnostic.message =
            words("column \"{column}\": {problem}",
                  {{"column", sheet.header[*column]}, {"problem", diagnostic.message}});
    }
}

/// Reads one sheet's cells, collecting diagnostics.
class SheetReader {
public:
    SheetReader(const Sheet& sheet, const std::vector<Column>& columns, const text::Words& words_in,
                std::vector<Diagnostic>& diagnostics)
        : sheet_(sheet), words(words_in), diagnostics_(diagnostics) {
        for (std::size_t c = 0; c < sheet.header.size(); ++c) {
            const std::string name = normalized_name(sheet.header[c]);
            const Column* found = nullptr;
            for (const auto& column : columns) {
                for (const char* candidate : column.names) {
                    if (normalized_name(candidate) == name) {
                        found = &column;
                    }
                }
            }
            if (found == nullptr) {
                if (!trimmed(sheet.header[c]).empty()) {
                    extra_.push_back(c);
                }
                continue;
            }
            if (fields_.count(found->field) != 0) {
                report(Severity::error, "sheet.duplicate_column", sheet.header_line, c,
                       words("this column repeats the column \"{other}\"",
                             {{"other", sheet.header[fields_[found->field]]}}));
                continue;
            }
            fields_[found->field] = c;
        }
    }

    /// Reports a missing column when `field` is not in the sheet.
    void require(const char* field, const std::vector<Column>& columns) {
        if (fields_.count(field) != 0) {
            return;
        }
        for (const auto& column : columns) {
            if (std::string(column.field) == field) {
                missing_required_ = true;
                std::vector<std::string> names(column.names.begin(), column.names.end());
                Diagnostic diagnostic{
                    Severity::error,
                    "sheet.missing_column",
                    sheet_.file,
                    sheet_.header_line,
                    0,
                    "",
                    words("the column \"{column}\" is missing (it may also be called {names})",
                          {{"column", field}, {"names", words.list_and(names)}})};
                place(diagnostic, sheet_, sheet_.header_line, std::nullopt, words);
                diagnostics_.push_back(std::move(diagnostic));
            }
        }
    }

    /// The column index of a field, or nullopt.
    std::optional<std::size_t> column_of(const std::string& field) const {
        const auto found = fields_.find(field);
        return found == fields_.end() ? std::nullopt : std::optional(found->second);
    }
    const std::vector<std::size_t>& extra_columns() const { return extra_; }
    /// Whether a needed column is missing (then the empty values it leaves are not reported).
    bool missing_required() const { return missing_required_; }
    const Sheet& sheet() const { return sheet_; }

    /// The trimmed cell of `field` in `row`, "" when the column is absent.
    std::string text(const SheetRow& row, const char* field) const {
        const auto column = column_of(field);
        return column ? trimmed(row.cells[*column]) : std::string();
    }
    std::optional<std::string> optional_text(const SheetRow& row, const char* field) const {
        std::string value = text(row, field);
        return value.empty() ? std::nullopt : std::optional(std::move(value));
    }
    std::vector<std::string> list(const SheetRow& row, const char* field) const {
        const auto column = column_of(field);
        return column ? model::split_list(row.cells[*column], '|') : std::vector<std::string>{};
    }

    std::optional<double> number(const SheetRow& row, const char* field) {
        const std::string cell = text(row, field);
        if (cell.empty()) {
            return std::nullopt;
        }
        auto value = parse_number(cell);
        if (!value) {
            bad(row, field, cell, words("a number, such as 12 or 0,5"));
        }
        return value;
    }
    std::optional<std::int64_t> whole(const SheetRow& row, const char* field,
                                      const char* expected) {
        const std::string cell = text(row, field);
        if (cell.empty()) {
            return std::nullopt;
        }
        const auto value = parse_number(cell);
        if (!value || *value != std::floor(*value) || std::fabs(*value) > 9e15) {
            bad(row, field, cell, words(expected));
            return std::nullopt;
        }
        return static_cast<std::int64_t>(*value);
    }
    std::optional<bool> boolean(const SheetRow& row, const char* field) {
        const std::string cell = text(row, field);
        if (cell.empty()) {
            return std::nullopt;
        }
        auto value = parse_boolean(cell);
        if (!value) {
            bad(row, field, cell, words("yes or no (sì, no, vero, falso, 1, 0)"));
        }
        return value;
    }

    void bad(const SheetRow& row, const char* field, const std::string& cell,
             const std::string& expected) {
        const std::size_t column = *column_of(field);
        report(Severity::error, "sheet.bad_cell", row.line, column,
               words("expected {expected}, not \"{value}\"",
                     {{"expected", expected}, {"value", cell}}));
    }

    /// A diagnostic at a row and column of this sheet, the column named in the message.
    void report(Severity severity, const char* code, std::size_t line, std::size_t column,
                const std::string& message) {
        Diagnostic diagnostic{severity, code, sheet_.file, line, column + 1, "", message};
        place(diagnostic, sheet_, line, column, words);
        diagnostics_.push_back(std::move(diagnostic));
    }

private:
    const Sheet& sheet_;
    const text::Words& words;
    std::vector<Diagnostic>& diagnostics_;
    std::map<std::string, std::size_t> fields_;
    std::vector<std::size_t> extra_;
    bool missing_required_ = false;
};

bool blank(const SheetRow& row) {
    return std::all_of(row.cells.begin(), row.cells.end(),
                       [](const std::string& cell) { return trimmed(cell).empty(); });
}

/// A row read into the map: which sheet and which row, for messages about it found later.
struct Origin {
    SheetReader* reader;
    const SheetRow* row;
};

std::optional<int> score(SheetReader& reader, const SheetRow& row, const char* field) {
    const auto value = reader.whole(row, field, text::N_("a whole number from 1 to 5"));
    if (!value) {
        return std::nullopt;
    }
    if (*value < 1 || *value > 5) {
        reader.bad(row, field, reader.text(row, field), "1–5");
        return std::nullopt;
    }
    return static_cast<int>(*value);
}

} // namespace

ImportResult import_sheets(const SheetSet& sheets, model::Language language) {
    const text::Words words(language);
    const model::Vocabulary& vocabulary = default_vocabulary();
    std::vector<Diagnostic> diagnostics;
    model::Map map;

    SheetReader actors(sheets.actors, actor_columns(), words, diagnostics);
    actors.require("id", actor_columns());
    actors.require("name", actor_columns());
    SheetReader relations(sheets.relations, relation_columns(), words, diagnostics);
    relations.require("source", relation_columns());
    relations.require("target", relation_columns());
    std::optional<SheetReader> areas;
    if (sheets.areas) {
        areas.emplace(*sheets.areas, area_columns(), words, diagnostics);
        areas->require("id", area_columns());
    }
    std::optional<SheetReader> kinds;
    if (sheets.kinds) {
        kinds.emplace(*sheets.kinds, kind_columns(), words, diagnostics);
        kinds->require("id", kind_columns());
    }
    std::optional<SheetReader> services;
    if (sheets.services) {
        services.emplace(*sheets.services, service_columns(), words, diagnostics);
        services->require("id", service_columns());
    }
    std::optional<SheetReader> needs;
    if (sheets.needs) {
        needs.emplace(*sheets.needs, need_columns(), words, diagnostics);
        needs->require("area", need_columns());
        needs->require("service", need_columns());
    }
    std::vector<Origin> area_rows;
    std::vector<Origin> actor_rows;
    std::vector<Origin> relation_rows;
    std::vector<Origin> need_rows;
    std::vector<Origin> kind_rows;
    std::vector<Origin> service_rows;
    // A label column gives the label in both languages; the Italian and English columns, one each.
    auto label_of = [](SheetReader& reader, const SheetRow& row) -> std::optional<model::Label> {
        model::Label label;
        label.it = label.en = reader.text(row, "label");
        if (auto it = reader.optional_text(row, "label_it")) {
            label.it = *it;
        }
        if (auto en = reader.optional_text(row, "label_en")) {
            label.en = *en;
        }
        if (label.it.empty() && label.en.empty()) {
            return std::nullopt;
        }
        return label;
    };
    if (kinds) {
        for (const auto& row : kinds->sheet().rows) {
            if (blank(row)) {
                continue;
            }
            model::Kind kind;
            kind.id = kinds->text(row, "id");
            kind.label = label_of(*kinds, row);
            if (auto sector = kinds->optional_text(row, "sector")) {
                const std::string name = normalized_name(*sector);
                kind.sector = name == "nessuno" || name == "none"
                                  ? std::string()
                                  : vocabulary_value(*sector, vocabulary.sectors);
            }
            kind.access_point = kinds->boolean(row, "access_point");
            map.kinds.push_back(std::move(kind));
            kind_rows.push_back({&*kinds, &row});
        }
    }
    if (services) {
        for (const auto& row : services->sheet().rows) {
            if (blank(row)) {
                continue;
            }
            model::Service service;
            service.id = services->text(row, "id");
            service.label = label_of(*services, row);
            map.services.push_back(std::move(service));
            service_rows.push_back({&*services, &row});
        }
    }
    const std::vector<model::Term> kind_terms = with_own(map.kinds, vocabulary.kinds);
    const std::vector<model::Term> service_terms = with_own(map.services, vocabulary.services);
    if (areas) {
        for (const auto& row : areas->sheet().rows) {
            if (blank(row)) {
                continue;
            }
            model::Area area;
            area.id = areas->text(row, "id");
            area.name = areas->text(row, "name");
            area.parent = areas->optional_text(row, "parent");
            area.population = areas->whole(row, "population", text::N_("a whole number"));
            area.foreign_residents =
                areas->whole(row, "foreign_residents", text::N_("a whole number"));
            for (const auto& item : areas->list(row, "languages")) {
                const auto colon = item.find(':');
                const auto share = colon == std::string::npos
                                       ? std::nullopt
                                       : parse_number(item.substr(colon + 1));
                if (!share) {
                    areas->bad(row, "languages", item,
                               words("language:share pairs such as ar:0,32|wo:0,18"));
                    continue;
                }
                area.languages[trimmed(item.substr(0, colon))] = *share;
            }
            map.areas.push_back(std::move(area));
            area_rows.push_back({&*areas, &row});
        }
    }
    for (const auto& row : sheets.actors.rows) {
        if (blank(row)) {
            continue;
        }
        model::Actor actor;
        actor.id = actors.text(row, "id");
        actor.name = actors.text(row, "name");
        actor.short_name = actors.optional_text(row, "short");
        if (auto kind = actors.optional_text(row, "kind")) {
            actor.kind = vocabulary_value(*kind, kind_terms);
        }
        if (auto level = actors.optional_text(row, "level")) {
            actor.level = vocabulary_value(*level, vocabulary.levels);
        }
        actor.area = actors.optional_text(row, "area");
        if (actors.column_of("serves") && !actors.text(row, "serves").empty()) {
            auto serves = actors.list(row, "serves");
            if (serves.size() == 1 && serves.front() == "*") {
                actor.serves_all = true;
            } else {
                actor.serves = std::move(serves);
            }
        }
        for (const auto& service : actors.list(row, "services")) {
            actor.services.push_back(vocabulary_value(service, service_terms));
        }
        actor.languages = actors.list(row, "languages");
        actor.capacity = actors.number(row, "capacity");
        actor.power = score(actors, row, "power");
        actor.interest = score(actors, row, "interest");
        actor.legitimacy = score(actors, row, "legitimacy");
        actor.urgency = score(actors, row, "urgency");
        actor.access_point = actors.boolean(row, "access_point");
        actor.tags = actors.list(row, "tags");
        actor.note = actors.text(row, "note");
        for (const std::size_t column : actors.extra_columns()) {
            std::string value = trimmed(row.cells[column]);
            if (!value.empty()) {
                actor.attributes[trimmed(sheets.actors.header[column])] = attribute_value(value);
            }
        }
        map.actors.push_back(std::move(actor));
        actor_rows.push_back({&actors, &row});
    }
    for (const auto& row : sheets.relations.rows) {
        if (blank(row)) {
            continue;
        }
        model::Relation relation;
        relation.id = relations.optional_text(row, "id");
        relation.source = relations.text(row, "source");
        relation.target = relations.text(row, "target");
        if (auto type = relations.optional_text(row, "type")) {
            relation.type = vocabulary_value(*type, vocabulary.relation_types);
        }
        if (auto weight = relations.number(row, "weight")) {
            relation.weight = *weight;
        }
        relation.directed = relations.boolean(row, "directed");
        if (auto since = relations.optional_text(row, "since")) {
            relation.since = parse_date(*since);
        }
        if (auto until = relations.optional_text(row, "until")) {
            relation.until = parse_date(*until);
        }
        if (auto formality = relations.optional_text(row, "formality")) {
            relation.formality = vocabulary_value(*formality, vocabulary.formality);
        }
        relation.confidence = relations.number(row, "confidence");
        relation.informants = relations.list(row, "informants");
        relation.note = relations.text(row, "note");
        for (const std::size_t column : relations.extra_columns()) {
            std::string value = trimmed(row.cells[column]);
            if (!value.empty()) {
                relation.attributes[trimmed(sheets.relations.header[column])] =
                    attribute_value(value);
            }
        }
        map.relations.push_back(std::move(relation));
        relation_rows.push_back({&relations, &row});
    }
    if (needs) {
        for (const auto& row : needs->sheet().rows) {
            if (blank(row)) {
                continue;
            }
            model::Need need;
            need.area = needs->text(row, "area");
            need.service = vocabulary_value(needs->text(row, "service"), service_terms);
            need.demand = needs->number(row, "demand");
            need.languages = needs->list(row, "languages");
            need.note = needs->text(row, "note");
            map.needs.push_back(std::move(need));
            need_rows.push_back({&*needs, &row});
        }
    }

    // The map reader's rules, applied to the canonical text of the map; each diagnostic is moved
    // from its JSON pointer (/actors/3/kind) to the row and column it comes from.
    ReadOptions read_options;
    read_options.language = language;
    read_options.max_errors = 1000;
    ReadResult checked = read_map_text(write_map_json(map), sheets.actors.file, read_options);
    for (auto& diagnostic : checked.diagnostics) {
        const std::string& pointer = diagnostic.pointer;
        const std::vector<std::pair<const char*, std::vector<Origin>*>> lists{
            {"/actors/", &actor_rows}, {"/relations/", &relation_rows},
            {"/areas/", &area_rows},   {"/needs/", &need_rows},
            {"/kinds/", &kind_rows},   {"/services/", &service_rows}};
        bool placed = false;
        for (const auto& [prefix, rows] : lists) {
            if (!pointer.starts_with(prefix)) {
                continue;
            }
            const std::string rest = pointer.substr(std::string_view(prefix).size());
            const std::size_t slash = rest.find('/');
            const std::size_t index = std::stoul(rest.substr(0, slash));
            if (index >= rows->size()) {
                break;
            }
            const Origin& origin = (*rows)[index];
            std::string field = slash == std::string::npos ? "" : rest.substr(slash + 1);
            field = field.substr(0, field.find('/'));
            const auto column = origin.reader->column_of(field);
            if (!column && origin.reader->missing_required()) {
                placed = true; // the missing column is already reported
                break;
            }
            Diagnostic moved = diagnostic;
            moved.file = origin.reader->sheet().file;
            moved.line = origin.row->line;
            moved.column = column ? *column + 1 : 0;
            moved.pointer = "";
            place(moved, origin.reader->sheet(), moved.line, column, words);
            const bool repeated =
                std::any_of(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) {
                    return d.severity == Severity::error && d.file == moved.file &&
                           d.where == moved.where && d.line == moved.line &&
                           d.column == moved.column && d.column != 0;
                });
            if (!repeated) {
                diagnostics.push_back(std::move(moved));
            }
            placed = true;
            break;
        }
        if (!placed) {
            diagnostic.line = 0;
            diagnostic.column = 0;
            diagnostics.push_back(std::move(diagnostic));
        }
    }

    ImportResult result;
    std::stable_sort(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) {
                         return a.severity == Severity::error && b.severity != Severity::error;
                     });
    for (const auto& diagnostic : diagnostics) {
        (diagnostic.severity == Severity::error ? result.error_count : result.warning_count) += 1;
    }
    if (result.error_count == 0 && checked.map) {
        result.map = std::move(checked.map);
    }
    result.diagnostics = std::move(diagnostics);
    return result;
}

} // namespace stakemap::io
