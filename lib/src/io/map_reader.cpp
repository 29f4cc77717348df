#include "stakemap/io/map_reader.hpp"

#include "json_document.hpp"
#include "stakemap/io/files.hpp"
#include "stakemap/io/vocabulary.hpp"
#include "stakemap/model/date.hpp"
#include "stakemap/model/vocabulary.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <set>
#include <unordered_map>

namespace stakemap::io {

namespace {

using detail::JsonType;
using detail::JsonValue;

/// A string like "1.5" for messages, without trailing zeros.
std::string number_text(const JsonValue& value) {
    return value.text;
}

std::string quoted(const std::string& text) {
    return "\"" + text + "\"";
}

bool looks_like_language_code(const std::string& code) {
    std::size_t i = 0;
    while (i < code.size() && code[i] >= 'a' && code[i] <= 'z') {
        ++i;
    }
    if (i < 2 || i > 3) {
        return false;
    }
    while (i < code.size()) {
        if (code[i] != '-') {
            return false;
        }
        const std::size_t start = ++i;
        while (i < code.size() && std::isalnum(static_cast<unsigned char>(code[i])) != 0) {
            ++i;
        }
        if (i - start < 2 || i - start > 8) {
            return false;
        }
    }
    return true;
}

/// A JSON pointer not yet written out: `base` + "/" + `key`. Most values are fine, so the pointer
/// text is built only when a message or a deferred check needs it.
struct LazyPointer {
    const std::string& base;
    std::string_view key;
    LazyPointer(const std::string& whole) : base(whole) {} // NOLINT: implicit on purpose
    LazyPointer(const std::string& parent, std::string_view child_key)
        : base(parent), key(child_key) {}
    std::string str() const {
        if (key.empty()) {
            return base;
        }
        std::string out = base + "/";
        detail::append_pointer_token(out, key);
        return out;
    }
};

/// Ids of one list with where each was first defined, for duplicates and "did you mean".
struct IdIndex {
    std::unordered_map<std::string, std::size_t> offsets;
    std::vector<std::string> ids;
    bool contains(const std::string& id) const { return offsets.count(id) > 0; }
};

class MapReader : public detail::JsonStreamHandler {
public:
    MapReader(std::string_view text, std::string file, const ReadOptions& options)
        : text_(text), file_(std::move(file)), options_(options), positions_(text) {}

    ReadResult run() {
        auto parsed = detail::parse_json(text_, options_.max_depth, this);
        if (!parsed.complete) {
            // A file that does not parse is reported by its syntax error alone: what was read of
            // the lists before it may be cut anywhere.
            pending_.clear();
            error_total_ = 0;
            warning_total_ = 0;
        }
        for (const auto& issue : parsed.issues) {
            add(Severity::error, issue.offset, issue.pointer, issue.code, issue.message);
        }
        if (parsed.complete) {
            read_document(parsed.root);
        }
        return finish();
    }

private:
    struct Pending {
        std::size_t offset;
        Diagnostic diagnostic;
    };

    std::string_view text_;
    std::string file_;
    ReadOptions options_;
    detail::SourcePositions positions_;
    std::vector<Pending> pending_;
    model::Map map_;
    model::Vocabulary vocabulary_;
    IdIndex area_ids_;
    IdIndex actor_ids_;
    IdIndex relation_ids_;
    std::size_t error_total_ = 0;
    std::size_t warning_total_ = 0;
    IdIndex kind_ids_;
    IdIndex service_ids_;
    std::map<std::pair<std::string, std::string>, std::size_t> need_keys_;
    std::vector<std::size_t> area_parent_offsets_; ///< per area read, 0 when it has no parent
    std::vector<std::string> area_parent_pointers_;
    bool areas_complete_ = false;
    bool actors_complete_ = false;

    /// A check that waits for a list the file gives later (file order is free).
    struct DeferredCheck {
        enum class Kind { kind_term, service_term, area_reference, actor_reference } kind;
        std::size_t offset;
        std::string pointer;
        std::string id;
        std::string what;
    };
    std::vector<DeferredCheck> deferred_;

    // ---- streaming: each element of the root lists is read as soon as it is parsed ----------

    void element(std::string_view list, std::size_t index, JsonValue&& value) override {
        JsonValue one;
        one.type = JsonType::array;
        one.items.push_back(std::move(value));
        if (list == "areas") {
            read_areas(one, index);
        } else if (list == "kinds") {
            read_kinds(one, index);
        } else if (list == "services") {
            read_services(one, index);
        } else if (list == "actors") {
            read_actors(one, index);
        } else if (list == "relations") {
            read_relations(one, index);
        } else if (list == "needs") {
            read_needs(one, index);
        }
    }

    void list_end(std::string_view list) override {
        areas_complete_ = areas_complete_ || list == "areas";
        actors_complete_ = actors_complete_ || list == "actors";
    }

    /// Checks a reference now when its list is complete, else after the whole file.
    void reference(DeferredCheck::Kind kind, std::size_t offset, LazyPointer pointer,
                   const std::string& id, const std::string& what) {
        const bool actors = kind == DeferredCheck::Kind::actor_reference;
        if (actors ? actors_complete_ : areas_complete_) {
            check_reference(actors ? actor_ids_ : area_ids_, offset, pointer, id, what,
                            actors ? "actors" : "areas");
        } else {
            deferred_.push_back({kind, offset, pointer.str(), id, what});
        }
    }

    /// Kinds and services may be declared anywhere in the file: an id the defaults lack is checked
    /// once the map's own declarations are all known.
    void vocabulary_term(DeferredCheck::Kind kind, std::size_t offset, LazyPointer pointer,
                         const std::string& id) {
        const auto& defaults = default_vocabulary();
        const bool known = kind == DeferredCheck::Kind::kind_term
                               ? defaults.find_kind(id) != nullptr
                               : defaults.find_service(id) != nullptr;
        if (!known) {
            deferred_.push_back({kind, offset, pointer.str(), id, ""});
        }
    }

    void run_deferred_checks(bool actors_usable) {
        vocabulary_ = default_vocabulary().merged_with(map_);
        for (const auto& check : deferred_) {
            switch (check.kind) {
            case DeferredCheck::Kind::kind_term:
                check_vocabulary(vocabulary_.kinds, check.offset, check.pointer, check.id, "kind",
                                 "declare it in \"kinds\" to give it a sector and label");
                break;
            case DeferredCheck::Kind::service_term:
                check_vocabulary(vocabulary_.services, check.offset, check.pointer, check.id,
                                 "service", "declare it in \"services\" to give it a label");
                break;
            case DeferredCheck::Kind::area_reference:
                check_reference(area_ids_, check.offset, check.pointer, check.id, check.what,
                                "areas");
                break;
            case DeferredCheck::Kind::actor_reference:
                // Relations refer to actors: check them only against a complete actor list.
                if (actors_usable) {
                    check_reference(actor_ids_, check.offset, check.pointer, check.id, check.what,
                                    "actors");
                }
                break;
            }
        }
        deferred_.clear();
    }

    /// Suggestions cost a scan of every id; past the errors that will be shown they are not worth
    /// it.
    bool suggesting() const { return error_total_ < options_.max_errors; }

    // ---- diagnostics -------------------------------------------------------------------------

    void add(Severity severity, std::size_t offset, std::string pointer, std::string code,
             std::string message) {
        (severity == Severity::error ? error_total_ : warning_total_) += 1;
        if (pending_.size() >= options_.max_errors * 20 + 1000) {
            return; // enough to sort and report; the totals above still count every problem
        }
        Diagnostic diagnostic;
        diagnostic.severity = severity;
        diagnostic.code = std::move(code);
        diagnostic.file = file_;
        const auto position = positions_.at(offset);
        diagnostic.line = position.line;
        diagnostic.column = position.column;
        diagnostic.pointer = std::move(pointer);
        diagnostic.message = std::move(message);
        pending_.push_back({offset, std::move(diagnostic)});
    }

    void error_at(std::size_t offset, const std::string& pointer, std::string code,
                  std::string message) {
        add(Severity::error, offset, pointer, std::move(code), std::move(message));
    }

    void error(const JsonValue& at, const std::string& pointer, std::string code,
               std::string message) {
        add(Severity::error, at.offset, pointer, std::move(code), std::move(message));
    }

    void warning(const JsonValue& at, const std::string& pointer, std::string code,
                 std::string message) {
        add(Severity::warning, at.offset, pointer, std::move(code), std::move(message));
    }

    std::string where(std::size_t offset) const {
        const auto position = positions_.at(offset);
        return "line " + std::to_string(position.line) + ", column " +
               std::to_string(position.column);
    }

    ReadResult finish() {
        std::stable_sort(pending_.begin(), pending_.end(),
                         [](const Pending& a, const Pending& b) { return a.offset < b.offset; });
        ReadResult result;
        std::size_t kept_errors = 0;
        for (auto& item : pending_) {
            if (item.diagnostic.severity == Severity::error) {
                ++result.error_count;
                if (kept_errors >= options_.max_errors) {
                    continue;
                }
                ++kept_errors;
            } else {
                ++result.warning_count;
            }
            result.diagnostics.push_back(std::move(item.diagnostic));
        }
        result.error_count = error_total_;
        result.warning_count = warning_total_;
        if (result.error_count > kept_errors) {
            Diagnostic note;
            note.code = "diagnostics.truncated";
            note.file = file_;
            note.message = std::to_string(result.error_count - kept_errors) +
                           " more errors not shown; fix the first " + std::to_string(kept_errors) +
                           " and read the file again";
            result.diagnostics.push_back(std::move(note));
        }
        if (result.error_count == 0) {
            result.map = std::move(map_);
        }
        return result;
    }

    // ---- typed access ------------------------------------------------------------------------

    static std::string child(const std::string& pointer, std::string_view key) {
        return pointer + "/" + detail::pointer_token(key);
    }
    static std::string child(const std::string& pointer, std::size_t index) {
        return pointer + "/" + std::to_string(index);
    }

    void wrong_type(const JsonValue& value, const std::string& pointer,
                    const std::string& expected) {
        if (value.invalid) {
            return; // already reported by the parser
        }
        error(
            value, pointer, "map.type",
            "expected " + expected + ", found " + detail::describe(value.type) +
                (value.type == JsonType::string ? " (" + quoted(value.text) + ")" : std::string()));
    }

    void check_fields(const JsonValue& object, const std::string& pointer,
                      std::initializer_list<std::string_view> known, const char* what) {
        for (const auto& member : object.members) {
            if (std::find(known.begin(), known.end(), member.key) != known.end()) {
                continue;
            }
            const std::vector<std::string> names(known.begin(), known.end());
            std::string message =
                "unknown field " + quoted(member.key) + " in " + what + " (ignored)";
            const std::string suggestion = nearest_name(member.key, names);
            if (!suggestion.empty()) {
                message += "; did you mean " + quoted(suggestion) + "?";
            }
            JsonValue at;
            at.offset = member.key_offset;
            warning(at, child(pointer, member.key), "map.unknown_field", message);
        }
    }

    void missing(const JsonValue& object, const std::string& pointer, std::string_view key,
                 const std::string& why) {
        error(object, pointer, "map.missing_field",
              "missing required field " + quoted(std::string(key)) + "; " + why);
    }

    std::optional<std::string> get_string(const JsonValue& object, const std::string& pointer,
                                          std::string_view key) {
        const JsonValue* value = object.find(key);
        if (value == nullptr) {
            return std::nullopt;
        }
        if (value->type != JsonType::string) {
            wrong_type(*value, child(pointer, key), "a string");
            return std::nullopt;
        }
        return value->text;
    }

    /// An id field: a non-empty string without surrounding spaces.
    std::optional<std::string> get_id(const JsonValue& object, const std::string& pointer,
                                      std::string_view key, const std::string& what) {
        const JsonValue* value = object.find(key);
        if (value == nullptr) {
            return std::nullopt;
        }
        // The pointer is built only for a message.
        const auto at = [&] {
            return child(pointer, key);
        };
        if (value->type != JsonType::string) {
            wrong_type(*value, at(), "a string (" + what + ")");
            return std::nullopt;
        }
        if (value->text.empty()) {
            error(*value, at(), "map.empty_id", "empty " + what + "; ids must not be empty");
            return std::nullopt;
        }
        const auto is_space = [](char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r';
        };
        if (is_space(value->text.front()) || is_space(value->text.back())) {
            error(*value, at(), "map.id_spaces",
                  what + " " + quoted(value->text) +
                      " has leading or trailing spaces; remove them");
            return std::nullopt;
        }
        return value->text;
    }

    std::optional<bool> get_bool(const JsonValue& object, const std::string& pointer,
                                 std::string_view key) {
        const JsonValue* value = object.find(key);
        if (value == nullptr) {
            return std::nullopt;
        }
        if (value->type != JsonType::boolean) {
            wrong_type(*value, child(pointer, key), "true or false");
            return std::nullopt;
        }
        return value->boolean;
    }

    const JsonValue* get_number_value(const JsonValue& object, const std::string& pointer,
                                      std::string_view key) {
        const JsonValue* value = object.find(key);
        if (value == nullptr) {
            return nullptr;
        }
        if (value->type != JsonType::number || value->invalid) {
            wrong_type(*value, child(pointer, key), "a number");
            return nullptr;
        }
        return value;
    }

    /// A number in [minimum, maximum] (minimum excluded when `exclusive_minimum`).
    std::optional<double> get_number(const JsonValue& object, const std::string& pointer,
                                     std::string_view key, double minimum, double maximum,
                                     bool exclusive_minimum, const std::string& rule) {
        const JsonValue* value = get_number_value(object, pointer, key);
        if (value == nullptr) {
            return std::nullopt;
        }
        const double x = value->number;
        const bool below = exclusive_minimum ? !(x > minimum) : x < minimum;
        if (below || x > maximum) {
            error(*value, child(pointer, key), "map.out_of_range",
                  std::string(key) + " must be " + rule + ", found " + number_text(*value));
            return std::nullopt;
        }
        return x;
    }

    std::optional<std::int64_t> get_integer(const JsonValue& object, const std::string& pointer,
                                            std::string_view key, std::int64_t minimum,
                                            std::int64_t maximum, const std::string& rule) {
        const JsonValue* value = get_number_value(object, pointer, key);
        if (value == nullptr) {
            return std::nullopt;
        }
        const double x = value->number;
        if (std::floor(x) != x || x < static_cast<double>(minimum) ||
            x > static_cast<double>(maximum)) {
            error(*value, child(pointer, key), "map.out_of_range",
                  std::string(key) + " must be " + rule + ", found " + number_text(*value));
            return std::nullopt;
        }
        return static_cast<std::int64_t>(x);
    }

    std::vector<std::string> get_string_list(const JsonValue& object, const std::string& pointer,
                                             std::string_view key, const std::string& what) {
        std::vector<std::string> out;
        const JsonValue* value = object.find(key);
        if (value == nullptr) {
            return out;
        }
        // The pointer is built only for a message.
        const auto at = [&] {
            return child(pointer, key);
        };
        if (value->type != JsonType::array) {
            wrong_type(*value, at(), "an array of " + what);
            return out;
        }
        for (std::size_t i = 0; i < value->items.size(); ++i) {
            const JsonValue& item = value->items[i];
            if (item.type != JsonType::string) {
                wrong_type(item, child(at(), i), "a string (" + what + ")");
                continue;
            }
            out.push_back(item.text);
        }
        return out;
    }

    std::optional<std::string> get_date(const JsonValue& object, const std::string& pointer,
                                        std::string_view key) {
        const JsonValue* value = object.find(key);
        if (value == nullptr || value->type == JsonType::null) {
            return std::nullopt;
        }
        // The pointer is built only for a message.
        const auto at = [&] {
            return child(pointer, key);
        };
        if (value->type != JsonType::string) {
            wrong_type(*value, at(), "a date \"YYYY-MM-DD\" or null");
            return std::nullopt;
        }
        if (!model::parse_date(value->text)) {
            error(*value, at(), "map.bad_date",
                  "invalid date " + quoted(value->text) +
                      "; write a real calendar date as YYYY-MM-DD, e.g. \"2024-03-01\"");
            return std::nullopt;
        }
        return value->text;
    }

    std::optional<model::Label> get_label(const JsonValue& object, const std::string& pointer) {
        const JsonValue* value = object.find("label");
        if (value == nullptr) {
            return std::nullopt;
        }
        const std::string at = child(pointer, "label");
        if (value->type == JsonType::string) {
            return model::Label{value->text, value->text};
        }
        if (value->type != JsonType::object) {
            wrong_type(*value, at, "a string or an object {\"it\": …, \"en\": …}");
            return std::nullopt;
        }
        check_fields(*value, at, {"it", "en"}, "a label");
        model::Label label;
        label.it = get_string(*value, at, "it").value_or("");
        label.en = get_string(*value, at, "en").value_or("");
        if (label.it.empty() && label.en.empty()) {
            error(*value, at, "map.missing_field",
                  "a label object needs \"it\" or \"en\" (or both)");
            return std::nullopt;
        }
        return label;
    }

    /// The array at `key`, or nullptr (with an error when it has another type).
    const JsonValue* get_array(const JsonValue& object, const std::string& pointer,
                               std::string_view key, const std::string& what) {
        const JsonValue* value = object.find(key);
        if (value == nullptr) {
            return nullptr;
        }
        if (value->type != JsonType::array) {
            wrong_type(*value, child(pointer, key), "an array of " + what);
            return nullptr;
        }
        return value;
    }

    bool expect_object(const JsonValue& value, const std::string& pointer,
                       const std::string& what) {
        if (value.type != JsonType::object) {
            wrong_type(value, pointer, "an object (" + what + ")");
            return false;
        }
        return true;
    }

    /// Registers an id in `index`; false (with an error) when it is a duplicate.
    bool register_id(IdIndex& index, const std::string& id, const JsonValue& object,
                     const std::string& pointer, const std::string& what) {
        const JsonValue* value = object.find("id");
        const auto [it, inserted] = index.offsets.emplace(id, value->offset);
        if (!inserted) {
            error(*value, child(pointer, "id"), "map.duplicate_id",
                  "duplicate " + what + " id " + quoted(id) + " (first defined at " +
                      where(it->second) + "); ids must be unique");
            return false;
        }
        index.ids.push_back(id);
        return true;
    }

    void check_reference(const IdIndex& index, std::size_t offset, LazyPointer pointer,
                         const std::string& id, const std::string& what, const std::string& list) {
        if (index.contains(id)) {
            return;
        }
        std::string message = "unknown " + what + " " + quoted(id);
        const std::string suggestion = suggesting() ? nearest_name(id, index.ids) : std::string();
        if (!suggestion.empty()) {
            message += "; did you mean " + quoted(suggestion) + "?";
        } else {
            message += "; add it to \"" + list + "\" or correct the id";
        }
        error_at(offset, pointer.str(), "map.unknown_reference", message);
    }

    template <typename Terms>
    void check_vocabulary(const Terms& terms, std::size_t offset, LazyPointer pointer,
                          const std::string& id, const std::string& what, const std::string& fix) {
        const bool known = std::any_of(terms.begin(), terms.end(),
                                       [&](const auto& term) { return term.id == id; });
        if (known) {
            return;
        }
        std::vector<std::string> ids;
        for (const auto& term : terms) {
            ids.push_back(term.id);
        }
        std::string message =
            "unknown " + what + " " + quoted(id) + " (kept as written; " + fix + ")";
        const std::string suggestion = nearest_name(id, ids);
        if (!suggestion.empty()) {
            message += "; did you mean " + quoted(suggestion) + "?";
        }
        add(Severity::warning, offset, pointer.str(),
            "vocab.unknown_" + what.substr(0, what.find(' ')), message);
    }

    void check_languages(const JsonValue& object, const std::string& pointer, std::string_view key,
                         const std::vector<std::string>& codes) {
        const JsonValue* list = object.find(key);
        for (std::size_t i = 0; i < codes.size() && list != nullptr; ++i) {
            if (!looks_like_language_code(codes[i])) {
                warning(list->items[i], child(child(pointer, key), i), "map.language_code",
                        quoted(codes[i]) +
                            " does not look like an ISO 639 language code (e.g. \"ar\", "
                            "\"zh\"); languages are compared by exact code");
            }
        }
    }

    // ---- the document ------------------------------------------------------------------------

    void read_document(const JsonValue& root) {
        if (root.type != JsonType::object) {
            error(root, "", "map.type",
                  std::string("expected a JSON object {…} at the top level, found ") +
                      detail::describe(root.type));
            return;
        }
        check_fields(root, "",
                     {"format", "title", "date", "description", "directed", "areas", "kinds",
                      "services", "actors", "relations", "needs"},
                     "the map");
        const JsonValue* format = root.find("format");
        if (format == nullptr) {
            missing(root, "", "format", "add \"format\": \"stakemap/1\" at the top of the map");
        } else if (format->type != JsonType::string) {
            wrong_type(*format, "/format", "the string \"stakemap/1\"");
        } else if (format->text != model::format_id) {
            error(*format, "/format", "map.format",
                  "unsupported format " + quoted(format->text) +
                      "; this version of stakemap reads \"stakemap/1\"");
        }
        map_.title = get_string(root, "", "title").value_or("");
        map_.date = get_date(root, "", "date");
        map_.description = get_string(root, "", "description").value_or("");
        map_.directed = get_bool(root, "", "directed").value_or(false);

        // The lists were read element by element while parsing (see element()); what remains is
        // their types, the required ones, and the checks that needed every list.
        get_array(root, "", "areas", "areas");
        get_array(root, "", "kinds", "kinds");
        get_array(root, "", "services", "services");
        const JsonValue* actors = get_array(root, "", "actors", "actors");
        if (root.find("actors") == nullptr) {
            missing(root, "", "actors",
                    "a map lists its actors in \"actors\": [ … ] (may be empty)");
        }
        get_array(root, "", "relations", "relations");
        if (root.find("relations") == nullptr) {
            missing(root, "", "relations",
                    "a map lists its relations in \"relations\": [ … ] (may be empty)");
        }
        get_array(root, "", "needs", "needs");
        areas_complete_ = true;
        actors_complete_ = true;
        finish_areas();
        run_deferred_checks(actors != nullptr);
    }

    void read_areas(const JsonValue& list, std::size_t first) {
        for (std::size_t i = 0; i < list.items.size(); ++i) {
            const JsonValue& item = list.items[i];
            const std::string pointer = child("/areas", first + i);
            if (!expect_object(item, pointer, "an area")) {
                continue;
            }
            check_fields(item, pointer,
                         {"id", "name", "parent", "population", "foreign_residents", "languages"},
                         "an area");
            model::Area area;
            auto id = get_id(item, pointer, "id", "area id");
            if (item.find("id") == nullptr) {
                missing(item, pointer, "id", "every area needs an id");
            }
            area.name = get_string(item, pointer, "name").value_or("");
            area.parent = get_id(item, pointer, "parent", "parent area id");
            area.population = get_integer(item, pointer, "population", 0,
                                          std::numeric_limits<std::int32_t>::max() * 1000LL,
                                          "a whole number ≥ 0");
            area.foreign_residents = get_integer(item, pointer, "foreign_residents", 0,
                                                 std::numeric_limits<std::int32_t>::max() * 1000LL,
                                                 "a whole number ≥ 0");
            if (area.population && area.foreign_residents &&
                *area.foreign_residents > *area.population) {
                error(*item.find("foreign_residents"), child(pointer, "foreign_residents"),
                      "map.out_of_range",
                      "foreign_residents (" + std::to_string(*area.foreign_residents) +
                          ") is larger than population (" + std::to_string(*area.population) + ")");
            }
            read_language_shares(item, pointer, area);
            if (id) {
                area.id = *id;
                if (area.name.empty()) {
                    area.name = area.id;
                }
                if (register_id(area_ids_, area.id, item, pointer, "area")) {
                    map_.areas.push_back(std::move(area));
                    const JsonValue* parent = item.find("parent");
                    area_parent_offsets_.push_back(parent != nullptr ? parent->offset : 0);
                    area_parent_pointers_.push_back(child(pointer, "parent"));
                }
            }
        }
    }

    /// Parent references and cycles, once every area is known.
    void finish_areas() {
        for (std::size_t i = 0; i < map_.areas.size(); ++i) {
            if (map_.areas[i].parent) {
                check_reference(area_ids_, area_parent_offsets_[i], area_parent_pointers_[i],
                                *map_.areas[i].parent, "parent area", "areas");
            }
        }
        check_area_cycles();
    }

    void check_area_cycles() {
        std::unordered_map<std::string, std::size_t> index;
        for (std::size_t i = 0; i < map_.areas.size(); ++i) {
            index.emplace(map_.areas[i].id, i);
        }
        std::vector<int> state(map_.areas.size(), 0); // 0 new, 1 on the current walk, 2 done
        for (std::size_t start = 0; start < map_.areas.size(); ++start) {
            std::vector<std::size_t> walk;
            std::size_t current = start;
            while (state[current] == 0) {
                state[current] = 1;
                walk.push_back(current);
                const auto& parent = map_.areas[current].parent;
                const auto next = parent ? index.find(*parent) : index.end();
                if (next == index.end()) {
                    break;
                }
                current = next->second;
                if (state[current] == 1) {
                    std::string cycle;
                    const auto from = std::find(walk.begin(), walk.end(), current);
                    for (auto it = from; it != walk.end(); ++it) {
                        cycle += map_.areas[*it].id + " → ";
                    }
                    cycle += map_.areas[current].id;
                    error_at(area_parent_offsets_[current], area_parent_pointers_[current],
                             "map.area_cycle",
                             "areas form a cycle through their parents (" + cycle +
                                 "); an area cannot contain itself");
                    break;
                }
            }
            for (std::size_t k : walk) {
                state[k] = 2;
            }
        }
    }

    void read_language_shares(const JsonValue& item, const std::string& pointer,
                              model::Area& area) {
        const JsonValue* languages = item.find("languages");
        if (languages == nullptr) {
            return;
        }
        const std::string at = child(pointer, "languages");
        if (languages->type != JsonType::object) {
            wrong_type(*languages, at, "an object of language code → share, e.g. {\"ar\": 0.3}");
            return;
        }
        double total = 0.0;
        for (const auto& member : languages->members) {
            const std::string member_at = child(at, member.key);
            if (!looks_like_language_code(member.key)) {
                warning(member.value, member_at, "map.language_code",
                        quoted(member.key) +
                            " does not look like an ISO 639 language code (e.g. \"ar\", \"zh\"); "
                            "languages are compared by exact code");
            }
            if (member.value.type != JsonType::number || member.value.invalid) {
                wrong_type(member.value, member_at, "a share between 0 and 1");
                continue;
            }
            const double share = member.value.number;
            if (share < 0.0 || share > 1.0) {
                error(member.value, member_at, "map.out_of_range",
                      "a language share must be between 0 and 1, found " + member.value.text);
                continue;
            }
            total += share;
            area.languages[member.key] = share;
        }
        if (total > 1.0 + 1e-9) {
            error(*languages, at, "map.out_of_range",
                  "language shares add up to " + std::to_string(total).substr(0, 6) +
                      ", more than 1; each share is the fraction of foreign residents speaking "
                      "that language");
        }
    }

    void read_kinds(const JsonValue& list, std::size_t first) {
        for (std::size_t i = 0; i < list.items.size(); ++i) {
            const JsonValue& item = list.items[i];
            const std::string pointer = child("/kinds", first + i);
            if (!expect_object(item, pointer, "a kind")) {
                continue;
            }
            check_fields(item, pointer, {"id", "label", "sector", "access_point"}, "a kind");
            model::Kind kind;
            auto id = get_id(item, pointer, "id", "kind id");
            if (item.find("id") == nullptr) {
                missing(item, pointer, "id", "every kind needs an id");
            }
            kind.label = get_label(item, pointer);
            if (const JsonValue* sector = item.find("sector")) {
                if (sector->type == JsonType::null) {
                    kind.sector = std::string();
                } else if (sector->type != JsonType::string) {
                    wrong_type(*sector, child(pointer, "sector"), "a sector id or null");
                } else if (default_vocabulary().find_sector(sector->text) == nullptr) {
                    std::vector<std::string> sectors;
                    for (const auto& term : default_vocabulary().sectors) {
                        sectors.push_back(term.id);
                    }
                    std::string message = "unknown sector " + quoted(sector->text);
                    const std::string suggestion = nearest_name(sector->text, sectors);
                    message += suggestion.empty() ? "; use one of institution, civil_society, "
                                                    "community, bridge, private or null"
                                                  : "; did you mean " + quoted(suggestion) + "?";
                    error(*sector, child(pointer, "sector"), "map.unknown_sector", message);
                } else {
                    kind.sector = sector->text;
                }
            }
            kind.access_point = get_bool(item, pointer, "access_point");
            if (id) {
                kind.id = *id;
                if (register_id(kind_ids_, kind.id, item, pointer, "kind")) {
                    map_.kinds.push_back(std::move(kind));
                }
            }
        }
    }

    void read_services(const JsonValue& list, std::size_t first) {
        for (std::size_t i = 0; i < list.items.size(); ++i) {
            const JsonValue& item = list.items[i];
            const std::string pointer = child("/services", first + i);
            if (!expect_object(item, pointer, "a service")) {
                continue;
            }
            check_fields(item, pointer, {"id", "label"}, "a service");
            model::Service service;
            auto id = get_id(item, pointer, "id", "service id");
            if (item.find("id") == nullptr) {
                missing(item, pointer, "id", "every service needs an id");
            }
            service.label = get_label(item, pointer);
            if (id) {
                service.id = *id;
                if (register_id(service_ids_, service.id, item, pointer, "service")) {
                    map_.services.push_back(std::move(service));
                }
            }
        }
    }

    std::optional<int> get_score(const JsonValue& item, const std::string& pointer,
                                 std::string_view key) {
        auto value = get_integer(item, pointer, key, 1, 5, "a whole number from 1 to 5");
        return value ? std::optional<int>(static_cast<int>(*value)) : std::nullopt;
    }

    void read_attributes(const JsonValue& item, const std::string& pointer, model::Actor& actor) {
        const JsonValue* attributes = item.find("attributes");
        if (attributes == nullptr) {
            return;
        }
        const std::string at = child(pointer, "attributes");
        if (attributes->type != JsonType::object) {
            wrong_type(*attributes, at, "an object of attribute name → value");
            return;
        }
        for (const auto& member : attributes->members) {
            const JsonValue& value = member.value;
            const std::string member_at = child(at, member.key);
            switch (value.type) {
            case JsonType::string:
                actor.attributes[member.key] = value.text;
                break;
            case JsonType::number:
                if (!value.invalid) {
                    actor.attributes[member.key] = value.number;
                }
                break;
            case JsonType::boolean:
                actor.attributes[member.key] = value.boolean;
                break;
            default:
                error(value, member_at, "map.type",
                      std::string("an attribute value must be text, a number or true/false, "
                                  "found ") +
                          detail::describe(value.type));
            }
        }
    }

    void read_serves(const JsonValue& item, const std::string& pointer, model::Actor& actor) {
        const JsonValue* serves = item.find("serves");
        if (serves == nullptr) {
            return;
        }
        const std::string at = child(pointer, "serves");
        if (serves->type == JsonType::string && serves->text == "*") {
            actor.serves_all = true;
            return;
        }
        if (serves->type != JsonType::array) {
            wrong_type(*serves, at, "an array of area ids or \"*\"");
            return;
        }
        std::vector<std::string> areas;
        for (std::size_t i = 0; i < serves->items.size(); ++i) {
            const JsonValue& entry = serves->items[i];
            if (entry.type != JsonType::string) {
                wrong_type(entry, child(at, i), "an area id");
                continue;
            }
            if (entry.text == "*") {
                actor.serves_all = true;
                continue;
            }
            reference(DeferredCheck::Kind::area_reference, entry.offset, child(at, i), entry.text,
                      "area");
            areas.push_back(entry.text);
        }
        if (!actor.serves_all) {
            actor.serves = std::move(areas);
        }
    }

    void read_actors(const JsonValue& list, std::size_t first) {
        for (std::size_t i = 0; i < list.items.size(); ++i) {
            const JsonValue& item = list.items[i];
            const std::string pointer = child("/actors", first + i);
            if (!expect_object(item, pointer, "an actor")) {
                continue;
            }
            check_fields(item, pointer,
                         {"id", "name", "short", "kind", "level", "area", "serves", "services",
                          "languages", "capacity", "power", "interest", "legitimacy", "urgency",
                          "access_point", "tags", "attributes", "note"},
                         "an actor");
            model::Actor actor;
            auto id = get_id(item, pointer, "id", "actor id");
            if (item.find("id") == nullptr) {
                missing(item, pointer, "id", "every actor needs an id and a name");
            }
            if (auto name = get_string(item, pointer, "name")) {
                actor.name = *name;
                if (name->empty()) {
                    error(*item.find("name"), child(pointer, "name"), "map.empty_name",
                          "the actor's name is empty; give the name people use for it");
                }
            } else if (item.find("name") == nullptr) {
                missing(item, pointer, "name", "every actor needs an id and a name");
            }
            actor.short_name = get_string(item, pointer, "short");
            actor.kind = get_id(item, pointer, "kind", "kind id");
            if (actor.kind) {
                vocabulary_term(DeferredCheck::Kind::kind_term, item.find("kind")->offset,
                                LazyPointer(pointer, "kind"), *actor.kind);
            }
            actor.level = get_id(item, pointer, "level", "level id");
            if (actor.level) {
                check_vocabulary(default_vocabulary().levels, item.find("level")->offset,
                                 LazyPointer(pointer, "level"), *actor.level, "level",
                                 "levels are neighbourhood, district, municipal, intermunicipal, "
                                 "provincial, regional, national, european");
            }
            actor.area = get_id(item, pointer, "area", "area id");
            if (actor.area) {
                reference(DeferredCheck::Kind::area_reference, item.find("area")->offset,
                          LazyPointer(pointer, "area"), *actor.area, "area");
            }
            read_serves(item, pointer, actor);
            actor.services = get_string_list(item, pointer, "services", "service ids");
            std::set<std::string> seen;
            for (std::size_t k = 0; k < actor.services.size(); ++k) {
                const JsonValue& at = item.find("services")->items[k];
                const std::string service_pointer = child(child(pointer, "services"), k);
                if (!seen.insert(actor.services[k]).second) {
                    error(at, service_pointer, "map.duplicate_entry",
                          "service " + quoted(actor.services[k]) + " is listed twice");
                    continue;
                }
                vocabulary_term(DeferredCheck::Kind::service_term, at.offset, service_pointer,
                                actor.services[k]);
            }
            actor.languages = get_string_list(item, pointer, "languages", "language codes");
            check_languages(item, pointer, "languages", actor.languages);
            actor.capacity = get_number(item, pointer, "capacity", 0.0,
                                        std::numeric_limits<double>::max(), false, "≥ 0");
            actor.power = get_score(item, pointer, "power");
            actor.interest = get_score(item, pointer, "interest");
            actor.legitimacy = get_score(item, pointer, "legitimacy");
            actor.urgency = get_score(item, pointer, "urgency");
            actor.access_point = get_bool(item, pointer, "access_point");
            actor.tags = get_string_list(item, pointer, "tags", "tags");
            read_attributes(item, pointer, actor);
            actor.note = get_string(item, pointer, "note").value_or("");
            if (id) {
                actor.id = *id;
                if (register_id(actor_ids_, actor.id, item, pointer, "actor")) {
                    map_.actors.push_back(std::move(actor));
                }
            }
        }
    }

    void read_relations(const JsonValue& list, std::size_t first) {
        for (std::size_t i = 0; i < list.items.size(); ++i) {
            const JsonValue& item = list.items[i];
            const std::string pointer = child("/relations", first + i);
            if (!expect_object(item, pointer, "a relation")) {
                continue;
            }
            check_fields(item, pointer,
                         {"id", "source", "target", "type", "weight", "directed", "since", "until",
                          "formality", "confidence", "informants", "note"},
                         "a relation");
            model::Relation relation;
            bool usable = true;
            relation.id = get_id(item, pointer, "id", "relation id");
            if (relation.id &&
                !register_id(relation_ids_, *relation.id, item, pointer, "relation")) {
                usable = false;
            }
            for (const char* end : {"source", "target"}) {
                auto actor = get_id(item, pointer, end, std::string(end) + " actor id");
                if (!actor) {
                    if (item.find(end) == nullptr) {
                        missing(item, pointer, end,
                                "every relation needs a source and a target actor");
                    }
                    usable = false;
                    continue;
                }
                reference(DeferredCheck::Kind::actor_reference, item.find(end)->offset,
                          LazyPointer(pointer, end), *actor, "actor");
                (std::string_view(end) == "source" ? relation.source : relation.target) = *actor;
            }
            if (usable && relation.source == relation.target) {
                error(*item.find("target"), child(pointer, "target"), "map.self_relation",
                      "a relation from " + quoted(relation.source) +
                          " to itself; self-relations are not allowed, remove it");
            }
            relation.type = get_id(item, pointer, "type", "relation type");
            if (relation.type) {
                check_vocabulary(default_vocabulary().relation_types, item.find("type")->offset,
                                 LazyPointer(pointer, "type"), *relation.type, "relation type",
                                 "it can still be selected with --types");
            }
            if (item.find("weight") != nullptr) {
                auto weight = get_number(item, pointer, "weight", 0.0,
                                         std::numeric_limits<double>::max(), true,
                                         "a number greater than 0 (the strength of the tie, e.g. "
                                         "1 to 5)");
                relation.weight = weight.value_or(1.0);
            }
            relation.directed = get_bool(item, pointer, "directed");
            relation.since = get_date(item, pointer, "since");
            relation.until = get_date(item, pointer, "until");
            if (relation.since && relation.until &&
                !(*model::parse_date(*relation.since) < *model::parse_date(*relation.until))) {
                error(*item.find("until"), child(pointer, "until"), "map.bad_period",
                      "\"until\" (" + *relation.until + ") must be after \"since\" (" +
                          *relation.since +
                          "); a relation is valid from since up to the day "
                          "before until");
            }
            relation.formality = get_id(item, pointer, "formality", "formality");
            if (relation.formality) {
                check_vocabulary(default_vocabulary().formality, item.find("formality")->offset,
                                 LazyPointer(pointer, "formality"), *relation.formality,
                                 "formality",
                                 "use informal, agreement, protocol, co-design or contract");
            }
            relation.confidence =
                get_number(item, pointer, "confidence", 0.0, 1.0, false, "between 0 and 1");
            relation.informants = get_string_list(item, pointer, "informants", "informant names");
            relation.note = get_string(item, pointer, "note").value_or("");
            map_.relations.push_back(std::move(relation));
        }
    }

    void read_needs(const JsonValue& list, std::size_t first) {
        for (std::size_t i = 0; i < list.items.size(); ++i) {
            const JsonValue& item = list.items[i];
            const std::string pointer = child("/needs", first + i);
            if (!expect_object(item, pointer, "a need")) {
                continue;
            }
            check_fields(item, pointer, {"area", "service", "demand", "languages", "note"},
                         "a need");
            model::Need need;
            auto area = get_id(item, pointer, "area", "area id");
            auto service = get_id(item, pointer, "service", "service id");
            if (item.find("area") == nullptr) {
                missing(item, pointer, "area", "every need names an area and a service");
            }
            if (item.find("service") == nullptr) {
                missing(item, pointer, "service", "every need names an area and a service");
            }
            if (area) {
                reference(DeferredCheck::Kind::area_reference, item.find("area")->offset,
                          LazyPointer(pointer, "area"), *area, "area");
            }
            if (service) {
                vocabulary_term(DeferredCheck::Kind::service_term, item.find("service")->offset,
                                LazyPointer(pointer, "service"), *service);
            }
            need.demand = get_number(item, pointer, "demand", 0.0,
                                     std::numeric_limits<double>::max(), false, "≥ 0");
            need.languages = get_string_list(item, pointer, "languages", "language codes");
            check_languages(item, pointer, "languages", need.languages);
            need.note = get_string(item, pointer, "note").value_or("");
            if (area && service) {
                const auto [it, inserted] =
                    need_keys_.emplace(std::make_pair(*area, *service), item.offset);
                if (!inserted) {
                    error(item, pointer, "map.duplicate_need",
                          "a second need for area " + quoted(*area) + " and service " +
                              quoted(*service) + " (the first is at " + where(it->second) +
                              "); merge them into one");
                    continue;
                }
                need.area = *area;
                need.service = *service;
                map_.needs.push_back(std::move(need));
            }
        }
    }
};

} // namespace

ReadResult read_map_text(std::string_view text, const std::string& file_name,
                         const ReadOptions& options) {
    return MapReader(text, file_name, options).run();
}

ReadResult read_map_file(const std::string& path, const ReadOptions& options) {
    std::string text;
    try {
        text = read_file(path, options.max_file_bytes);
    } catch (const LoadError& error) {
        ReadResult result;
        result.diagnostics = error.diagnostics();
        result.error_count = result.diagnostics.size();
        return result;
    }
    return read_map_text(text, display_name(path), options);
}

model::Map load_map(const std::string& path, const ReadOptions& options) {
    ReadResult result = read_map_file(path, options);
    if (!result.ok()) {
        std::vector<Diagnostic> errors;
        for (auto& diagnostic : result.diagnostics) {
            if (diagnostic.severity == Severity::error) {
                errors.push_back(std::move(diagnostic));
            }
        }
        throw LoadError(std::move(errors));
    }
    return std::move(*result.map);
}

} // namespace stakemap::io
