#include "stakemap/io/map_reader.hpp"

#include "json_document.hpp"
#include "stakemap/io/files.hpp"
#include "stakemap/io/vocabulary.hpp"
#include "stakemap/model/date.hpp"
#include "stakemap/model/id_index.hpp"
#include "stakemap/model/vocabulary.hpp"
#include "stakemap/text/words.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <set>
#include <span>
#include <unordered_map>

namespace stakemap::io {

namespace {

using detail::JsonType;
using detail::JsonValue;

/// The JSON number a text in quotes stands for: "3" → "3", " 0,5" → "0.5", "1.234,5" → "1234.5"
/// (a decimal comma, with or without thousands dots; spaces around ignored); "" when the text is
/// not a number.
std::string number_in_text(std::string_view text, bool& decimal_comma) {
    const auto is_digit = [](char c) {
        return c >= '0' && c <= '9';
    };
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    std::string out;
    std::size_t i = 0;
    if (i < text.size() && text[i] == '-') {
        out += text[i++];
    }
    const std::size_t comma = text.find(',');
    decimal_comma = comma != std::string_view::npos;
    if (decimal_comma) {
        // Thousands dots only in groups of three before the comma: 1.234,5.
        const std::string_view whole = text.substr(i, comma - i);
        const std::string_view fraction = text.substr(comma + 1);
        if (whole.empty() || fraction.empty() ||
            !std::all_of(fraction.begin(), fraction.end(), is_digit)) {
            return "";
        }
        std::size_t group = 0;
        bool grouped = false;
        for (std::size_t k = 0; k < whole.size(); ++k) {
            const char c = whole[k];
            if (c == '.') {
                if (k == 0 || (grouped && group != 3) || (!grouped && group > 3)) {
                    return "";
                }
                grouped = true;
                group = 0;
            } else if (is_digit(c)) {
                out += c;
                ++group;
            } else {
                return "";
            }
        }
        if (grouped && group != 3) {
            return "";
        }
        return out + "." + std::string(fraction);
    }
    // Otherwise only a number JSON would accept as it is.
    const detail::JsonParseResult parsed = detail::parse_json(text, 1);
    return parsed.complete && parsed.root.type == JsonType::number && !parsed.root.invalid
               ? std::string(text)
               : std::string();
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

// The fields of each element of the root lists.
constexpr std::string_view area_fields[] = {
    "id", "name", "parent", "population", "foreign_residents", "languages"};
constexpr std::string_view kind_fields[] = {"id", "label", "sector", "access_point"};
constexpr std::string_view service_fields[] = {"id", "label"};
constexpr std::string_view actor_fields[] = {
    "id",         "name",     "short",        "kind",     "level",      "area",
    "serves",     "services", "languages",    "capacity", "power",      "interest",
    "legitimacy", "urgency",  "access_point", "tags",     "attributes", "note"};
constexpr std::string_view relation_fields[] = {
    "id",    "source",    "target",     "type",       "weight",    "directed",   "since",
    "until", "formality", "confidence", "informants", "agreement", "attributes", "note"};
constexpr std::string_view need_fields[] = {"area", "service", "demand", "languages", "note"};

/// Ids of one list with where each was first defined, for duplicates and "did you mean".
struct IdIndex {
    std::vector<std::string> ids;
    std::vector<std::size_t> offsets; // of each id's definition in the file
    model::PositionTable positions;   // of ids in `ids`

    const std::string& id_at(std::size_t position) const { return ids[position]; }
    bool contains(std::string_view id) const {
        return positions.find(id, [this](std::size_t p) -> const std::string& {
            return id_at(p);
        }) != model::PositionTable::npos;
    }
    /// Adds `id`, defined at `offset`; the position of an earlier definition for a duplicate,
    /// else npos.
    std::size_t add(const std::string& id, std::size_t offset) {
        const std::size_t position = ids.size();
        ids.push_back(id);
        const std::size_t present = positions.insert(
            id, position, [this](std::size_t p) -> const std::string& { return id_at(p); });
        if (present != position) {
            ids.pop_back();
            return present;
        }
        offsets.push_back(offset);
        return model::PositionTable::npos;
    }
};

class MapReader : public detail::JsonStreamHandler {
public:
    MapReader(std::string_view text, std::string file, const ReadOptions& options)
        : text_(text), file_(std::move(file)), options_(options), positions_(text),
          words(options.language) {}

    ReadResult run() {
        auto parsed = detail::parse_json(text_, options_.max_depth, this, words);
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
    /// reserve_relations() looks at this many relations before it guesses how many follow.
    static constexpr std::size_t relations_sample = 256;
    std::size_t first_relation_offset_ = 0;
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
    /// The language of messages.
    text::Words words;

    /// A relation's end, kept until a batch of them is checked against the actor ids: on large
    /// maps one lookup after another waits for memory at every step (PositionTable::find_each).
    struct ActorReference {
        std::string id;
        std::size_t offset;
        std::size_t relation; ///< position in the file's relation list
        bool target;
    };

    /// A check that waits for a list the file gives later (file order is free).
    struct DeferredCheck {
        enum class Kind { kind_term, service_term, area_reference, actor_reference } kind;
        std::size_t offset;
        std::string pointer;
        std::string id;
    };
    std::vector<DeferredCheck> deferred_;
    std::size_t element_index_ = 0; ///< of the list element being read
    std::vector<ActorReference> actor_references_;

    // ---- streaming: each element of the root lists is read as soon as it is parsed ----------

    /// How the elements of one root list are read: what an element is called in messages, the
    /// fields it may have, and the function that reads one once it is known to be an object.
    struct ElementReader {
        std::string_view list;
        const char* what;    ///< "an area"
        const char* in_what; ///< "in an area"
        std::span<const std::string_view> fields;
        void (MapReader::*read)(const JsonValue& item, const std::string& pointer);
    };

    void element(std::string_view list, std::size_t index, JsonValue&& value) override {
        static const ElementReader readers[] = {
            {"areas", text::N_("an area"), text::N_("in an area"), area_fields,
             &MapReader::read_area},
            {"kinds", text::N_("a kind"), text::N_("in a kind"), kind_fields,
             &MapReader::read_kind},
            {"services", text::N_("a service"), text::N_("in a service"), service_fields,
             &MapReader::read_service},
            {"actors", text::N_("an actor"), text::N_("in an actor"), actor_fields,
             &MapReader::read_actor},
            {"relations", text::N_("a relation"), text::N_("in a relation"), relation_fields,
             &MapReader::read_relation},
            {"needs", text::N_("a need"), text::N_("in a need"), need_fields,
             &MapReader::read_need},
        };
        const bool actors = list == "actors";
        if (list == "relations") {
            reserve_relations(index, value.offset);
        }
        if ((actors || list == "relations") &&
            index >= (actors ? options_.max_actors : options_.max_relations)) {
            // One error at the first element too many; the rest are not read.
            if (index == (actors ? options_.max_actors : options_.max_relations)) {
                error(value, child("/" + std::string(list), index),
                      actors ? "map.too_many_actors" : "map.too_many_relations",
                      actors ? words("more than {max} actors; a map holds at most {max}",
                                     {{"max",
                                       words.integer(static_cast<long long>(options_.max_actors))}})
                             : words("more than {max} relations; a map holds at most {max}",
                                     {{"max", words.integer(static_cast<long long>(
                                                  options_.max_relations))}}));
            }
            return;
        }
        for (const ElementReader& reader : readers) {
            if (reader.list == list) {
                // The opening every element shares: its pointer ("/areas/3"), an object, and a
                // warning for each field it should not have.
                const std::string pointer = child("/" + std::string(list), index);
                if (expect_object(value, pointer, reader.what)) {
                    check_fields(value, pointer, reader.fields, reader.in_what);
                    element_index_ = index;
                    (this->*reader.read)(value, pointer);
                }
                return;
            }
        }
    }

    /// Room for the relations still to come, guessed from the bytes left in the file and the
    /// size of the first elements: a large map grows its list once or not at all, instead of
    /// moving every relation read so far at each doubling (a tenth of reading a
    /// 1,000,000-relation map). Capacity not used stays untouched virtual memory.
    void reserve_relations(std::size_t index, std::size_t offset) {
        if (index == 0) {
            first_relation_offset_ = offset;
        } else if (index == relations_sample && offset > first_relation_offset_) {
            const double bytes_each = static_cast<double>(offset - first_relation_offset_) /
                                      static_cast<double>(relations_sample);
            const double left = static_cast<double>(text_.size() - offset) / bytes_each;
            const std::size_t expected =
                index + static_cast<std::size_t>(std::min(left * 1.05, 1e9)) + 1;
            map_.relations.reserve(std::min(expected, options_.max_relations + 1));
        }
    }

    void list_end(std::string_view list) override {
        check_actor_references();
        areas_complete_ = areas_complete_ || list == "areas";
        actors_complete_ = actors_complete_ || list == "actors";
    }

    /// Checks a reference to an actor or an area now when its list is complete, else after the
    /// whole file.
    void reference(DeferredCheck::Kind kind, std::size_t offset, LazyPointer pointer,
                   const std::string& id) {
        const bool actors = kind == DeferredCheck::Kind::actor_reference;
        if (actors && actors_complete_) {
            check_actor_reference_later(offset, pointer.key == "target", id);
        } else if (!actors && areas_complete_) {
            check_reference(Reference::area, offset, pointer, id);
        } else {
            deferred_.push_back({kind, offset, pointer.str(), id});
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
            deferred_.push_back({kind, offset, pointer.str(), id});
        }
    }

    void run_deferred_checks(bool actors_usable) {
        vocabulary_ = default_vocabulary().merged_with(map_);
        for (const auto& check : deferred_) {
            switch (check.kind) {
            case DeferredCheck::Kind::kind_term:
                check_vocabulary(vocabulary_.kinds, check.offset, check.pointer, check.id,
                                 "vocab.unknown_kind",
                                 text::N_("unknown kind \"{id}\" (kept as written; declare it in "
                                          "\"kinds\" to give it a sector and label)"));
                break;
            case DeferredCheck::Kind::service_term:
                check_vocabulary(
                    vocabulary_.services, check.offset, check.pointer, check.id,
                    "vocab.unknown_service",
                    text::N_("unknown service \"{id}\" (kept as written; declare it in "
                             "\"services\" to give it a label)"));
                break;
            case DeferredCheck::Kind::area_reference:
                check_reference(Reference::area, check.offset, check.pointer, check.id);
                break;
            case DeferredCheck::Kind::actor_reference:
                // Relations refer to actors: check them only against a complete actor list.
                if (actors_usable) {
                    check_reference(Reference::actor, check.offset, check.pointer, check.id);
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
        return detail::line_and_column(positions_, offset, words);
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
            note.message = words.plural(
                "{n} more error not shown; fix the first {kept} and read the file again",
                "{n} more errors not shown; fix the first {kept} and read the file again",
                result.error_count - kept_errors,
                {{"kept", words.integer(static_cast<long long>(kept_errors))}});
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
        const std::string found = value.type == JsonType::string
                                      ? words("a string (\"{text}\")", {{"text", value.text}})
                                      : detail::describe(value.type, words);
        error(value, pointer, "map.type",
              words("expected {expected}, found {found}",
                    {{"expected", expected}, {"found", found}}));
    }

    /// A number is expected: a number in quotes gets the number to write instead.
    void wrong_type_for_number(const JsonValue& value, const std::string& pointer,
                               const std::string& expected) {
        bool decimal_comma = false;
        const std::string number =
            value.type == JsonType::string ? number_in_text(value.text, decimal_comma) : "";
        if (number.empty()) {
            wrong_type(value, pointer, expected);
            return;
        }
        const std::string found = words("a string (\"{text}\")", {{"text", value.text}});
        error(value, pointer, "map.type",
              decimal_comma
                  ? words("expected {expected}, found {found}; write {number}, a JSON number with "
                          "a decimal point and no quotes",
                          {{"expected", expected}, {"found", found}, {"number", number}})
                  : words("expected {expected}, found {found}; write {number}, a JSON number "
                          "without quotes",
                          {{"expected", expected}, {"found", found}, {"number", number}}));
    }

    /// Warns about the fields of `object` not in `known`; `in_what` says where: "in an actor".
    void check_fields(const JsonValue& object, const std::string& pointer,
                      std::initializer_list<std::string_view> known, const char* in_what) {
        check_fields(object, pointer, std::span(known.begin(), known.size()), in_what);
    }
    void check_fields(const JsonValue& object, const std::string& pointer,
                      std::span<const std::string_view> known, const char* in_what) {
        for (const auto& member : object.members) {
            if (std::find(known.begin(), known.end(), member.key) != known.end()) {
                continue;
            }
            const std::vector<std::string> names(known.begin(), known.end());
            const std::string message =
                words("unknown field \"{field}\" {in_what} (ignored)",
                      {{"field", member.key}, {"in_what", words(in_what)}}) +
                did_you_mean(words, member.key, names);
            JsonValue at;
            at.offset = member.key_offset;
            warning(at, child(pointer, member.key), "map.unknown_field", message);
        }
    }

    void missing(const JsonValue& object, const std::string& pointer, std::string_view key,
                 const std::string& why) {
        error(object, pointer, "map.missing_field",
              words("missing required field \"{field}\"; {why}",
                    {{"field", std::string(key)}, {"why", why}}));
    }

    std::optional<std::string> get_string(const JsonValue& object, const std::string& pointer,
                                          std::string_view key) {
        const JsonValue* value = object.find(key);
        if (value == nullptr) {
            return std::nullopt;
        }
        if (value->type != JsonType::string) {
            wrong_type(*value, child(pointer, key), words("a string"));
            return std::nullopt;
        }
        return value->text;
    }

    /// An id field: a non-empty string without surrounding spaces.
    std::optional<std::string> get_id(const JsonValue& object, const std::string& pointer,
                                      std::string_view key, const char* what) {
        const JsonValue* value = object.find(key);
        if (value == nullptr) {
            return std::nullopt;
        }
        // The pointer is built only for a message.
        const auto at = [&] {
            return child(pointer, key);
        };
        if (value->type != JsonType::string) {
            wrong_type(*value, at(), words("a string ({what})", {{"what", words(what)}}));
            return std::nullopt;
        }
        if (value->text.empty()) {
            error(*value, at(), "map.empty_id",
                  words("empty {what}; ids must not be empty", {{"what", words(what)}}));
            return std::nullopt;
        }
        const auto is_space = [](char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r';
        };
        if (is_space(value->text.front()) || is_space(value->text.back())) {
            error(*value, at(), "map.id_spaces",
                  words("{what} \"{id}\" has leading or trailing spaces; remove them",
                        {{"what", words(what)}, {"id", value->text}}));
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
            wrong_type(*value, child(pointer, key), words("true or false"));
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
            wrong_type_for_number(*value, child(pointer, key), words("a number"));
            return nullptr;
        }
        return value;
    }

    /// A number in [minimum, maximum] (minimum excluded when `exclusive_minimum`).
    std::optional<double> get_number(const JsonValue& object, const std::string& pointer,
                                     std::string_view key, double minimum, double maximum,
                                     bool exclusive_minimum, const char* rule) {
        const JsonValue* value = get_number_value(object, pointer, key);
        if (value == nullptr) {
            return std::nullopt;
        }
        const double x = value->number;
        const bool below = exclusive_minimum ? !(x > minimum) : x < minimum;
        if (below || x > maximum) {
            // The number as the file writes it (JsonValue::text): "1e3" stays "1e3".
            error(*value, child(pointer, key), "map.out_of_range",
                  words("{field} must be {rule}, found {value}", {{"field", std::string(key)},
                                                                  {"rule", words(rule)},
                                                                  {"value", value->text}}));
            return std::nullopt;
        }
        return x;
    }

    std::optional<std::int64_t> get_integer(const JsonValue& object, const std::string& pointer,
                                            std::string_view key, std::int64_t minimum,
                                            std::int64_t maximum, const char* rule) {
        const JsonValue* value = get_number_value(object, pointer, key);
        if (value == nullptr) {
            return std::nullopt;
        }
        const double x = value->number;
        if (std::floor(x) != x || x < static_cast<double>(minimum) ||
            x > static_cast<double>(maximum)) {
            // The number as the file writes it (JsonValue::text): "1e3" stays "1e3".
            error(*value, child(pointer, key), "map.out_of_range",
                  words("{field} must be {rule}, found {value}", {{"field", std::string(key)},
                                                                  {"rule", words(rule)},
                                                                  {"value", value->text}}));
            return std::nullopt;
        }
        return static_cast<std::int64_t>(x);
    }

    std::vector<std::string> get_string_list(const JsonValue& object, const std::string& pointer,
                                             std::string_view key, const char* what) {
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
            wrong_type(*value, at(), words("an array of {what}", {{"what", words(what)}}));
            return out;
        }
        for (std::size_t i = 0; i < value->items.size(); ++i) {
            const JsonValue& item = value->items[i];
            if (item.type != JsonType::string) {
                wrong_type(item, child(at(), i),
                           words("a string ({what})", {{"what", words(what)}}));
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
            wrong_type(*value, at(), words("a date \"YYYY-MM-DD\" or null"));
            return std::nullopt;
        }
        if (!model::parse_date(value->text)) {
            error(*value, at(), "map.bad_date",
                  words("invalid date \"{date}\"; write a real calendar date as YYYY-MM-DD, e.g. "
                        "\"2024-03-01\"",
                        {{"date", value->text}}));
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
            wrong_type(*value, at, words("a string or an object {\"it\": …, \"en\": …}"));
            return std::nullopt;
        }
        check_fields(*value, at, {"it", "en"}, text::N_("in a label"));
        model::Label label;
        label.it = get_string(*value, at, "it").value_or("");
        label.en = get_string(*value, at, "en").value_or("");
        if (label.it.empty() && label.en.empty()) {
            error(*value, at, "map.missing_field",
                  words("a label object needs \"it\" or \"en\" (or both)"));
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
            wrong_type(*value, child(pointer, key), words("an array of {what}", {{"what", what}}));
            return nullptr;
        }
        return value;
    }

    /// Whether `value` is an object; `what` names it in the message: "an actor".
    bool expect_object(const JsonValue& value, const std::string& pointer, const char* what) {
        if (value.type != JsonType::object) {
            wrong_type(value, pointer, words("an object ({what})", {{"what", words(what)}}));
            return false;
        }
        return true;
    }

    /// Registers an id in `index`; false (with an error) when it is a duplicate. `duplicate` is the
    /// message, with {id} and {where} (the first definition).
    bool register_id(IdIndex& index, const std::string& id, const JsonValue& object,
                     const std::string& pointer, const char* duplicate) {
        const JsonValue* value = object.find("id");
        const std::size_t earlier = index.add(id, value->offset);
        if (earlier != model::PositionTable::npos) {
            error(*value, child(pointer, "id"), "map.duplicate_id",
                  text::fill(words(duplicate),
                             {{"id", id}, {"where", where(index.offsets[earlier])}}));
            return false;
        }
        return true;
    }

    enum class Reference { actor, area, parent_area };

    void check_reference(Reference kind, std::size_t offset, LazyPointer pointer,
                         const std::string& id) {
        const IdIndex& index = kind == Reference::actor ? actor_ids_ : area_ids_;
        if (!index.contains(id)) {
            unknown_reference(kind, offset, pointer, id);
        }
    }

    void check_actor_reference_later(std::size_t offset, bool target, const std::string& id) {
        actor_references_.push_back({id, offset, element_index_, target});
        if (actor_references_.size() >= 4096) {
            check_actor_references();
        }
    }

    void check_actor_references() {
        const auto& batch = actor_references_;
        actor_ids_.positions.find_each(
            batch.size(), [&](std::size_t i) -> const std::string& { return batch[i].id; },
            [this](std::size_t p) -> const std::string& { return actor_ids_.ids[p]; },
            [&](std::size_t i, std::size_t position) {
                if (position == model::PositionTable::npos) {
                    const ActorReference& at = batch[i];
                    unknown_reference(Reference::actor, at.offset,
                                      LazyPointer(child("/relations", at.relation),
                                                  at.target ? "target" : "source"),
                                      at.id);
                }
            });
        actor_references_.clear();
    }

    void unknown_reference(Reference kind, std::size_t offset, LazyPointer pointer,
                           const std::string& id) {
        const IdIndex& index = kind == Reference::actor ? actor_ids_ : area_ids_;
        std::string message;
        switch (kind) {
        case Reference::actor:
            message = words("unknown actor \"{id}\"", {{"id", id}});
            break;
        case Reference::area:
            message = words("unknown area \"{id}\"", {{"id", id}});
            break;
        case Reference::parent_area:
            message = words("unknown parent area \"{id}\"", {{"id", id}});
            break;
        }
        const std::string suggestion =
            suggesting() ? did_you_mean(words, id, index.ids) : std::string();
        if (!suggestion.empty()) {
            message += suggestion;
        } else {
            message += words("; add it to \"{list}\" or correct the id",
                             {{"list", kind == Reference::actor ? "actors" : "areas"}});
        }
        error_at(offset, pointer.str(), "map.unknown_reference", message);
    }

    /// A warning for an id `terms` lack, with the term it most likely means (by id, or by label in
    /// either language).
    template <typename Terms>
    void check_vocabulary(const Terms& terms, std::size_t offset, LazyPointer pointer,
                          const std::string& id, const char* code, const char* message) {
        const bool known = std::any_of(terms.begin(), terms.end(),
                                       [&](const auto& term) { return term.id == id; });
        if (known) {
            return;
        }
        const std::string suggestion = nearest_term(id, terms);
        std::string text = text::fill(words(message), {{"id", id}});
        if (!suggestion.empty()) {
            text += words("; did you mean \"{name}\"?", {{"name", suggestion}});
        }
        add(Severity::warning, offset, pointer.str(), code, std::move(text));
    }

    void check_languages(const JsonValue& object, const std::string& pointer, std::string_view key,
                         const std::vector<std::string>& codes) {
        const JsonValue* list = object.find(key);
        for (std::size_t i = 0; i < codes.size() && list != nullptr; ++i) {
            if (!looks_like_language_code(codes[i])) {
                warning(list->items[i], child(child(pointer, key), i), "map.language_code",
                        words("\"{code}\" does not look like an ISO 639 language code (e.g. "
                              "\"ar\", \"zh\"); languages are compared by exact code",
                              {{"code", codes[i]}}));
            }
        }
    }

    // ---- the document ------------------------------------------------------------------------

    void read_document(const JsonValue& root) {
        if (root.type != JsonType::object) {
            error(root, "", "map.type",
                  words("expected a JSON object {…} at the top level, found {found}",
                        {{"found", detail::describe(root.type, words)}}));
            return;
        }
        check_fields(root, "",
                     {"format", "title", "date", "description", "directed", "areas", "kinds",
                      "services", "actors", "relations", "needs"},
                     text::N_("in the map"));
        const JsonValue* format = root.find("format");
        if (format == nullptr) {
            missing(root, "", "format",
                    words("add \"format\": \"stakemap/1\" at the top of the map"));
        } else if (format->type != JsonType::string) {
            wrong_type(*format, "/format", words("the string \"stakemap/1\""));
        } else if (format->text != model::format_id) {
            error(*format, "/format", "map.format",
                  words("unsupported format \"{format}\"; this version of stakemap reads "
                        "\"stakemap/1\"",
                        {{"format", format->text}}));
        }
        map_.title = get_string(root, "", "title").value_or("");
        map_.date = get_date(root, "", "date");
        map_.description = get_string(root, "", "description").value_or("");
        map_.directed = get_bool(root, "", "directed").value_or(false);

        // The lists were read element by element while parsing (see element()); what remains is
        // their types, the required ones, and the checks that needed every list.
        get_array(root, "", "areas", words("areas"));
        get_array(root, "", "kinds", words("kinds"));
        get_array(root, "", "services", words("services"));
        const JsonValue* actors = get_array(root, "", "actors", words("actors"));
        if (root.find("actors") == nullptr) {
            missing(root, "", "actors",
                    words("a map lists its actors in \"actors\": [ … ] (may be empty)"));
        }
        get_array(root, "", "relations", words("relations"));
        if (root.find("relations") == nullptr) {
            missing(root, "", "relations",
                    words("a map lists its relations in \"relations\": [ … ] (may be empty)"));
        }
        get_array(root, "", "needs", words("needs"));
        areas_complete_ = true;
        actors_complete_ = true;
        check_actor_references();
        finish_areas();
        run_deferred_checks(actors != nullptr);
    }

    void read_area(const JsonValue& item, const std::string& pointer) {
        model::Area area;
        auto id = get_id(item, pointer, "id", text::N_("area id"));
        if (item.find("id") == nullptr) {
            missing(item, pointer, "id", words("every area needs an id"));
        }
        area.name = get_string(item, pointer, "name").value_or("");
        area.parent = get_id(item, pointer, "parent", text::N_("parent area id"));
        area.population = get_integer(item, pointer, "population", 0,
                                      std::numeric_limits<std::int32_t>::max() * 1000LL,
                                      text::N_("a whole number ≥ 0"));
        area.foreign_residents = get_integer(item, pointer, "foreign_residents", 0,
                                             std::numeric_limits<std::int32_t>::max() * 1000LL,
                                             text::N_("a whole number ≥ 0"));
        if (area.population && area.foreign_residents &&
            *area.foreign_residents > *area.population) {
            // The two numbers as the file writes them.
            error(*item.find("foreign_residents"), child(pointer, "foreign_residents"),
                  "map.out_of_range",
                  words("foreign_residents ({foreign_residents}) is larger than population "
                        "({population})",
                        {{"foreign_residents", std::to_string(*area.foreign_residents)},
                         {"population", std::to_string(*area.population)}}));
        }
        read_language_shares(item, pointer, area);
        if (id) {
            area.id = *id;
            if (area.name.empty()) {
                area.name = area.id;
            }
            if (register_id(area_ids_, area.id, item, pointer,
                            text::N_("duplicate area id \"{id}\" (first defined at {where}); "
                                     "ids must be unique"))) {
                map_.areas.push_back(std::move(area));
                const JsonValue* parent = item.find("parent");
                area_parent_offsets_.push_back(parent != nullptr ? parent->offset : 0);
                area_parent_pointers_.push_back(child(pointer, "parent"));
            }
        }
    }

    /// Parent references and cycles, once every area is known.
    void finish_areas() {
        for (std::size_t i = 0; i < map_.areas.size(); ++i) {
            if (map_.areas[i].parent) {
                check_reference(Reference::parent_area, area_parent_offsets_[i],
                                area_parent_pointers_[i], *map_.areas[i].parent);
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
                             words("areas form a cycle through their parents ({cycle}); an area "
                                   "cannot contain itself",
                                   {{"cycle", cycle}}));
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
            wrong_type(*languages, at,
                       words("an object of language code → share, e.g. {\"ar\": 0.3}"));
            return;
        }
        double total = 0.0;
        for (const auto& member : languages->members) {
            const std::string member_at = child(at, member.key);
            if (!looks_like_language_code(member.key)) {
                warning(member.value, member_at, "map.language_code",
                        words("\"{code}\" does not look like an ISO 639 language code (e.g. "
                              "\"ar\", \"zh\"); languages are compared by exact code",
                              {{"code", member.key}}));
            }
            if (member.value.type != JsonType::number || member.value.invalid) {
                wrong_type_for_number(member.value, member_at, words("a share between 0 and 1"));
                continue;
            }
            const double share = member.value.number;
            if (share < 0.0 || share > 1.0) {
                error(member.value, member_at, "map.out_of_range",
                      words("a language share must be between 0 and 1, found {value}",
                            {{"value", member.value.text}}));
                continue;
            }
            total += share;
            area.languages[member.key] = share;
        }
        if (total > 1.0 + 1e-9) {
            error(*languages, at, "map.out_of_range",
                  words("language shares add up to {total}, more than 1; each share is the "
                        "fraction of foreign residents speaking that language",
                        {{"total", words.number(total, 4)}}));
        }
    }

    void read_kind(const JsonValue& item, const std::string& pointer) {
        model::Kind kind;
        auto id = get_id(item, pointer, "id", text::N_("kind id"));
        if (item.find("id") == nullptr) {
            missing(item, pointer, "id", words("every kind needs an id"));
        }
        kind.label = get_label(item, pointer);
        if (const JsonValue* sector = item.find("sector")) {
            if (sector->type == JsonType::null) {
                kind.sector = std::string();
            } else if (sector->type != JsonType::string) {
                wrong_type(*sector, child(pointer, "sector"), words("a sector id or null"));
            } else if (default_vocabulary().find_sector(sector->text) == nullptr) {
                const std::string suggestion =
                    nearest_term(sector->text, default_vocabulary().sectors);
                const std::string message =
                    words("unknown sector \"{id}\"", {{"id", sector->text}}) +
                    (suggestion.empty()
                         ? words("; use one of institution, civil_society, community, bridge, "
                                 "private or null")
                         : words("; did you mean \"{name}\"?", {{"name", suggestion}}));
                error(*sector, child(pointer, "sector"), "map.unknown_sector", message);
            } else {
                kind.sector = sector->text;
            }
        }
        kind.access_point = get_bool(item, pointer, "access_point");
        if (id) {
            kind.id = *id;
            if (register_id(kind_ids_, kind.id, item, pointer,
                            text::N_("duplicate kind id \"{id}\" (first defined at {where}); "
                                     "ids must be unique"))) {
                map_.kinds.push_back(std::move(kind));
            }
        }
    }

    void read_service(const JsonValue& item, const std::string& pointer) {
        model::Service service;
        auto id = get_id(item, pointer, "id", text::N_("service id"));
        if (item.find("id") == nullptr) {
            missing(item, pointer, "id", words("every service needs an id"));
        }
        service.label = get_label(item, pointer);
        if (id) {
            service.id = *id;
            if (register_id(service_ids_, service.id, item, pointer,
                            text::N_("duplicate service id \"{id}\" (first defined at "
                                     "{where}); ids must be unique"))) {
                map_.services.push_back(std::move(service));
            }
        }
    }

    std::optional<int> get_score(const JsonValue& item, const std::string& pointer,
                                 std::string_view key) {
        auto value = get_integer(item, pointer, key, 1, 5, text::N_("a whole number from 1 to 5"));
        return value ? std::optional<int>(static_cast<int>(*value)) : std::nullopt;
    }

    void read_attributes(const JsonValue& item, const std::string& pointer,
                         std::map<std::string, model::AttributeValue>& out) {
        const JsonValue* attributes = item.find("attributes");
        if (attributes == nullptr) {
            return;
        }
        const std::string at = child(pointer, "attributes");
        if (attributes->type != JsonType::object) {
            wrong_type(*attributes, at, words("an object of attribute name → value"));
            return;
        }
        for (const auto& member : attributes->members) {
            const JsonValue& value = member.value;
            const std::string member_at = child(at, member.key);
            switch (value.type) {
            case JsonType::string:
                out[member.key] = value.text;
                break;
            case JsonType::number:
                if (!value.invalid) {
                    out[member.key] = value.number;
                }
                break;
            case JsonType::boolean:
                out[member.key] = value.boolean;
                break;
            default:
                error(value, member_at, "map.type",
                      words("an attribute value must be text, a number or true/false, found "
                            "{found}",
                            {{"found", detail::describe(value.type, words)}}));
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
            wrong_type(*serves, at, words("an array of area ids or \"*\""));
            return;
        }
        std::vector<std::string> areas;
        for (std::size_t i = 0; i < serves->items.size(); ++i) {
            const JsonValue& entry = serves->items[i];
            if (entry.type != JsonType::string) {
                wrong_type(entry, child(at, i), words("an area id"));
                continue;
            }
            if (entry.text == "*") {
                actor.serves_all = true;
                continue;
            }
            reference(DeferredCheck::Kind::area_reference, entry.offset, child(at, i), entry.text);
            areas.push_back(entry.text);
        }
        if (!actor.serves_all) {
            actor.serves = std::move(areas);
        }
    }

    void read_actor(const JsonValue& item, const std::string& pointer) {
        model::Actor actor;
        auto id = get_id(item, pointer, "id", text::N_("actor id"));
        if (item.find("id") == nullptr) {
            missing(item, pointer, "id", words("every actor needs an id and a name"));
        }
        if (auto name = get_string(item, pointer, "name")) {
            actor.name = *name;
            if (name->empty()) {
                error(*item.find("name"), child(pointer, "name"), "map.empty_name",
                      words("the actor's name is empty; give the name people use for it"));
            }
        } else if (item.find("name") == nullptr) {
            missing(item, pointer, "name", words("every actor needs an id and a name"));
        }
        actor.short_name = get_string(item, pointer, "short");
        actor.kind = get_id(item, pointer, "kind", text::N_("kind id"));
        if (actor.kind) {
            vocabulary_term(DeferredCheck::Kind::kind_term, item.find("kind")->offset,
                            LazyPointer(pointer, "kind"), *actor.kind);
        }
        actor.level = get_id(item, pointer, "level", text::N_("level id"));
        if (actor.level) {
            check_vocabulary(default_vocabulary().levels, item.find("level")->offset,
                             LazyPointer(pointer, "level"), *actor.level, "vocab.unknown_level",
                             text::N_("unknown level \"{id}\" (kept as written; levels are "
                                      "neighbourhood, district, municipal, intermunicipal, "
                                      "provincial, regional, national, european)"));
        }
        actor.area = get_id(item, pointer, "area", text::N_("area id"));
        if (actor.area) {
            reference(DeferredCheck::Kind::area_reference, item.find("area")->offset,
                      LazyPointer(pointer, "area"), *actor.area);
        }
        read_serves(item, pointer, actor);
        actor.services = get_string_list(item, pointer, "services", text::N_("service ids"));
        std::set<std::string> seen;
        for (std::size_t k = 0; k < actor.services.size(); ++k) {
            const JsonValue& at = item.find("services")->items[k];
            const std::string service_pointer = child(child(pointer, "services"), k);
            if (!seen.insert(actor.services[k]).second) {
                error(at, service_pointer, "map.duplicate_entry",
                      words("service \"{id}\" is listed twice", {{"id", actor.services[k]}}));
                continue;
            }
            vocabulary_term(DeferredCheck::Kind::service_term, at.offset, service_pointer,
                            actor.services[k]);
        }
        actor.languages = get_string_list(item, pointer, "languages", text::N_("language codes"));
        check_languages(item, pointer, "languages", actor.languages);
        actor.capacity = get_number(item, pointer, "capacity", 0.0,
                                    std::numeric_limits<double>::max(), false, text::N_("≥ 0"));
        actor.power = get_score(item, pointer, "power");
        actor.interest = get_score(item, pointer, "interest");
        actor.legitimacy = get_score(item, pointer, "legitimacy");
        actor.urgency = get_score(item, pointer, "urgency");
        actor.access_point = get_bool(item, pointer, "access_point");
        actor.tags = get_string_list(item, pointer, "tags", text::N_("tags"));
        read_attributes(item, pointer, actor.attributes);
        actor.note = get_string(item, pointer, "note").value_or("");
        if (id) {
            actor.id = *id;
            if (register_id(actor_ids_, actor.id, item, pointer,
                            text::N_("duplicate actor id \"{id}\" (first defined at {where}); "
                                     "ids must be unique"))) {
                map_.actors.push_back(std::move(actor));
            }
        }
    }

    void read_relation(const JsonValue& item, const std::string& pointer) {
        model::Relation relation;
        bool usable = true;
        relation.id = get_id(item, pointer, "id", text::N_("relation id"));
        if (relation.id && !register_id(relation_ids_, *relation.id, item, pointer,
                                        text::N_("duplicate relation id \"{id}\" (first defined at "
                                                 "{where}); ids must be unique"))) {
            usable = false;
        }
        for (const char* end : {"source", "target"}) {
            const bool source = std::string_view(end) == "source";
            auto actor = get_id(item, pointer, end,
                                source ? text::N_("source actor id") : text::N_("target actor id"));
            if (!actor) {
                if (item.find(end) == nullptr) {
                    missing(item, pointer, end,
                            words("every relation needs a source and a target actor"));
                }
                usable = false;
                continue;
            }
            reference(DeferredCheck::Kind::actor_reference, item.find(end)->offset,
                      LazyPointer(pointer, end), *actor);
            (source ? relation.source : relation.target) = *actor;
        }
        if (usable && relation.source == relation.target) {
            error(*item.find("target"), child(pointer, "target"), "map.self_relation",
                  words("a relation from \"{id}\" to itself; self-relations are not allowed, "
                        "remove it",
                        {{"id", relation.source}}));
        }
        relation.type = get_id(item, pointer, "type", text::N_("relation type"));
        if (relation.type) {
            check_vocabulary(default_vocabulary().relation_types, item.find("type")->offset,
                             LazyPointer(pointer, "type"), *relation.type, "vocab.unknown_relation",
                             text::N_("unknown relation type \"{id}\" (kept as written; it can "
                                      "still be selected with --types)"));
        }
        if (item.find("weight") != nullptr) {
            auto weight =
                get_number(item, pointer, "weight", min_weight, max_weight, false,
                           text::N_("a number from 0.000000001 to 1000000000 (the strength of "
                                    "the tie, e.g. 1 to 5)"));
            relation.weight = weight.value_or(1.0);
        }
        relation.directed = get_bool(item, pointer, "directed");
        relation.since = get_date(item, pointer, "since");
        relation.until = get_date(item, pointer, "until");
        if (relation.since && relation.until &&
            !(*model::parse_date(*relation.since) < *model::parse_date(*relation.until))) {
            error(*item.find("until"), child(pointer, "until"), "map.bad_period",
                  words("\"until\" ({until}) must be after \"since\" ({since}); a relation "
                        "is valid from since up to the day before until",
                        {{"until", *relation.until}, {"since", *relation.since}}));
        }
        relation.formality = get_id(item, pointer, "formality", text::N_("formality"));
        if (relation.formality) {
            check_vocabulary(default_vocabulary().formality, item.find("formality")->offset,
                             LazyPointer(pointer, "formality"), *relation.formality,
                             "vocab.unknown_formality",
                             text::N_("unknown formality \"{id}\" (kept as written; use "
                                      "informal, agreement, protocol, co-design or contract)"));
        }
        relation.confidence =
            get_number(item, pointer, "confidence", 0.0, 1.0, false, text::N_("between 0 and 1"));
        relation.informants =
            get_string_list(item, pointer, "informants", text::N_("informant names"));
        relation.agreement =
            get_number(item, pointer, "agreement", 0.0, 1.0, false, text::N_("between 0 and 1"));
        read_attributes(item, pointer, relation.attributes);
        relation.note = get_string(item, pointer, "note").value_or("");
        map_.relations.push_back(std::move(relation));
    }

    void read_need(const JsonValue& item, const std::string& pointer) {
        model::Need need;
        auto area = get_id(item, pointer, "area", text::N_("area id"));
        auto service = get_id(item, pointer, "service", text::N_("service id"));
        if (item.find("area") == nullptr) {
            missing(item, pointer, "area", words("every need names an area and a service"));
        }
        if (item.find("service") == nullptr) {
            missing(item, pointer, "service", words("every need names an area and a service"));
        }
        if (area) {
            reference(DeferredCheck::Kind::area_reference, item.find("area")->offset,
                      LazyPointer(pointer, "area"), *area);
        }
        if (service) {
            vocabulary_term(DeferredCheck::Kind::service_term, item.find("service")->offset,
                            LazyPointer(pointer, "service"), *service);
        }
        need.demand = get_number(item, pointer, "demand", 0.0, std::numeric_limits<double>::max(),
                                 false, text::N_("≥ 0"));
        need.languages = get_string_list(item, pointer, "languages", text::N_("language codes"));
        check_languages(item, pointer, "languages", need.languages);
        need.note = get_string(item, pointer, "note").value_or("");
        if (area && service) {
            const auto [it, inserted] =
                need_keys_.emplace(std::make_pair(*area, *service), item.offset);
            if (!inserted) {
                error(
                    item, pointer, "map.duplicate_need",
                    words("a second need for area \"{area}\" and service \"{service}\" "
                          "(the first is at {where}); merge them into one",
                          {{"area", *area}, {"service", *service}, {"where", where(it->second)}}));
                return;
            }
            need.area = *area;
            need.service = *service;
            map_.needs.push_back(std::move(need));
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
        text = read_file(path, options.max_file_bytes, options.language);
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
