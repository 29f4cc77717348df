// Option files are applied to the map as JSON: the map is written in its own format, the removed
// actors and relations are taken out, the option's actors and relations are appended, and the
// result is read by the map reader. So an added actor or relation obeys exactly the rules of a
// map file, and each problem the map reader finds is moved from its JSON pointer in the patched
// map (/actors/80/area) to the line of the option file it comes from.

#include "stakemap/io/option_reader.hpp"

#include "json_document.hpp"
#include "stakemap/io/diagnostics.hpp"
#include "stakemap/io/files.hpp"
#include "stakemap/io/map_reader.hpp"
#include "stakemap/io/map_writer.hpp"
#include "stakemap/text/words.hpp"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

namespace stakemap::io {

namespace {

using detail::JsonType;
using detail::JsonValue;
using nlohmann::ordered_json;

constexpr std::size_t max_option_bytes = std::size_t{16} * 1024 * 1024;
constexpr const char* format_id = "stakemap-option/1";

/// A relation to remove: by id, or by its ends (and type).
struct RelationToRemove {
    const JsonValue* where = nullptr;
    std::string id;
    std::string source;
    std::string target;
    std::optional<std::string> type;
};

class OptionReader {
public:
    OptionReader(const model::Map& map, std::string_view text, std::string file,
                 model::Language language)
        : map_(map), text_(text), file_(std::move(file)), language_(language), words(language),
          positions_(text) {}

    AppliedOption read() {
        auto parsed = detail::parse_json(text_, 32, nullptr, words);
        for (const auto& issue : parsed.issues) {
            error(issue.offset, issue.pointer, issue.message);
        }
        if (!parsed.complete) {
            fail();
        }
        const JsonValue& root = parsed.root;
        if (root.type != JsonType::object) {
            error(root.offset, "",
                  words("an option is a JSON object with \"format\", \"title\", \"add\" and "
                        "\"remove\""));
            fail();
        }
        AppliedOption result;
        model::MapOption& option = result.option;
        option.file = file_;
        option.id = std::filesystem::path(file_).stem().string();

        const JsonValue* format = root.find("format");
        if (format == nullptr || format->type != JsonType::string || format->text != format_id) {
            error(format != nullptr ? format->offset : root.offset, "/format",
                  words("expected \"format\": \"stakemap-option/1\""));
        }
        const std::vector<std::string> fields = {"format",      "id",  "title",
                                                 "description", "add", "remove"};
        check_members(root, "", fields,
                      words("an option has format, id, title, description, add and remove"));
        if (const JsonValue* id = root.find("id")) {
            if (auto text = text_field(*id, "/id")) {
                option.id = *text;
            }
        }
        const JsonValue* title = root.find("title");
        if (title == nullptr) {
            error(root.offset, "/title",
                  words("an option needs a \"title\": what the workgroup calls it"));
        } else if (auto text = text_field(*title, "/title")) {
            option.title = *text;
        }
        if (const JsonValue* description = root.find("description")) {
            if (description->type != JsonType::string) {
                error(description->offset, "/description", words("expected a string"));
            } else {
                option.description = description->text;
            }
        }

        const JsonValue* add = root.find("add");
        const JsonValue* added_actors = nullptr;
        const JsonValue* added_relations = nullptr;
        if (add != nullptr) {
            if (add->type != JsonType::object) {
                error(add->offset, "/add",
                      words("expected \"add\": an object with \"actors\" and \"relations\""));
            } else {
                check_members(*add, "/add", {"actors", "relations"},
                              words("\"add\" has actors and relations"));
                added_actors = list_of(*add, "actors", "/add/actors", JsonType::object);
                added_relations = list_of(*add, "relations", "/add/relations", JsonType::object);
            }
        }
        std::vector<std::size_t> removed_actors; // indices in the map
        std::vector<RelationToRemove> removed_relations;
        if (const JsonValue* remove = root.find("remove")) {
            if (remove->type != JsonType::object) {
                error(remove->offset, "/remove",
                      words("expected \"remove\": an object with \"actors\" and \"relations\""));
            } else {
                check_members(*remove, "/remove", {"actors", "relations"},
                              words("\"remove\" has actors and relations"));
                read_removed_actors(*remove, option, removed_actors);
                read_removed_relations(*remove, removed_relations);
            }
        }
        // Which relations go: those named, and those of the removed actors.
        std::vector<bool> relation_removed(map_.relations.size(), false);
        std::set<std::string> actor_gone;
        for (const std::size_t index : removed_actors) {
            actor_gone.insert(map_.actors[index].id);
        }
        for (std::size_t r = 0; r < map_.relations.size(); ++r) {
            const auto& relation = map_.relations[r];
            relation_removed[r] =
                actor_gone.contains(relation.source) || actor_gone.contains(relation.target);
        }
        for (const auto& wanted : removed_relations) {
            bool found = false;
            for (std::size_t r = 0; r < map_.relations.size(); ++r) {
                if (matches(wanted, map_.relations[r])) {
                    relation_removed[r] = true;
                    found = true;
                }
            }
            if (!found) {
                error(wanted.where->offset, "",
                      wanted.id.empty()
                          ? words("no relation {source} – {target}{type} on the map",
                                  {{"source", wanted.source},
                                   {"target", wanted.target},
                                   {"type", wanted.type ? " (" + *wanted.type + ")" : ""}})
                          : words("no relation with the id \"{id}\" on the map",
                                  {{"id", wanted.id}}));
            }
        }
        // The added actors and relations are checked even when the rest has problems, so that
        // every problem is reported at once.
        option.relations_removed = static_cast<std::size_t>(
            std::count(relation_removed.begin(), relation_removed.end(), true));

        // A number the parser could not represent (2e308) is an error already reported; the
        // patch below re-reads the option with nlohmann/json, which would throw on it.
        if (!parsed.issues.empty()) {
            fail();
        }
        // The patched map, as JSON.
        ordered_json patched = ordered_json::parse(write_map_json(map_));
        const ordered_json own = ordered_json::parse(text_);
        ordered_json actors = ordered_json::array();
        for (std::size_t a = 0; a < map_.actors.size(); ++a) {
            if (!actor_gone.contains(map_.actors[a].id)) {
                actors.push_back(std::move(patched["actors"][a]));
            }
        }
        const std::size_t kept_actors = actors.size();
        ordered_json relations = ordered_json::array();
        for (std::size_t r = 0; r < map_.relations.size(); ++r) {
            if (!relation_removed[r]) {
                relations.push_back(std::move(patched["relations"][r]));
            }
        }
        const std::size_t kept_relations = relations.size();
        if (added_actors != nullptr) {
            for (const auto& actor : own["add"]["actors"]) {
                actors.push_back(actor);
                if (actor.contains("id") && actor["id"].is_string()) {
                    option.actors_added.push_back(actor["id"].get<std::string>());
                }
            }
        }
        if (added_relations != nullptr) {
            for (const auto& relation : own["add"]["relations"]) {
                relations.push_back(relation);
            }
            option.relations_added = added_relations->items.size();
        }
        patched["actors"] = std::move(actors);
        patched["relations"] = std::move(relations);

        ReadOptions read_options;
        read_options.language = language_;
        read_options.max_errors = 1000;
        ReadResult checked = read_map_text(patched.dump(), file_, read_options);
        for (const auto& diagnostic : checked.diagnostics) {
            const JsonValue* list = nullptr;
            std::string rest;
            std::size_t kept = 0;
            std::string prefix;
            if (diagnostic.pointer.starts_with("/actors/")) {
                list = added_actors;
                kept = kept_actors;
                prefix = "/add/actors/";
                rest = diagnostic.pointer.substr(8);
            } else if (diagnostic.pointer.starts_with("/relations/")) {
                list = added_relations;
                kept = kept_relations;
                prefix = "/add/relations/";
                rest = diagnostic.pointer.substr(11);
            }
            std::size_t index = 0;
            const std::size_t slash = rest.find('/');
            const std::string number = rest.substr(0, slash);
            const bool numbered =
                !number.empty() && std::all_of(number.begin(), number.end(),
                                               [](char c) { return c >= '0' && c <= '9'; });
            if (numbered) {
                index = std::stoul(number);
            }
            if (list != nullptr && numbered && index >= kept && index - kept < list->items.size()) {
                const JsonValue& item = list->items[index - kept];
                const std::string inner = slash == std::string::npos ? "" : rest.substr(slash);
                Diagnostic moved = diagnostic;
                const auto at = positions_.at(locate(item, inner));
                moved.line = at.line;
                moved.column = at.column;
                moved.pointer = prefix + std::to_string(index - kept) + inner;
                diagnostics_.push_back(std::move(moved));
            } else if (diagnostic.severity == Severity::error) {
                // A problem of the map itself once patched (the map was valid before).
                Diagnostic moved = diagnostic;
                moved.line = 0;
                moved.column = 0;
                moved.message =
                    words("the map with this option applied: {problem}",
                          {{"problem", diagnostic.pointer + ": " + diagnostic.message}});
                moved.pointer = "";
                diagnostics_.push_back(std::move(moved));
            }
        }
        const bool errors =
            std::any_of(diagnostics_.begin(), diagnostics_.end(),
                        [](const Diagnostic& d) { return d.severity == Severity::error; });
        if (errors || !checked.map) {
            fail();
        }
        result.map = std::move(*checked.map);
        result.warnings = std::move(diagnostics_);
        return result;
    }

private:
    /// Throws every problem found: errors first, each kind in file order.
    [[noreturn]] void fail() {
        std::stable_sort(
            diagnostics_.begin(), diagnostics_.end(), [](const Diagnostic& a, const Diagnostic& b) {
                return std::make_tuple(a.severity != Severity::error, a.line, a.column) <
                       std::make_tuple(b.severity != Severity::error, b.line, b.column);
            });
        throw LoadError(std::move(diagnostics_));
    }

    void error(std::size_t offset, const std::string& pointer, const std::string& message) {
        const auto at = positions_.at(offset);
        diagnostics_.push_back(
            {Severity::error, "option.invalid", file_, at.line, at.column, pointer, message});
    }

    std::optional<std::string> text_field(const JsonValue& value, const std::string& pointer) {
        if (value.type != JsonType::string || value.text.empty()) {
            error(value.offset, pointer, words("expected a non-empty string"));
            return std::nullopt;
        }
        return value.text;
    }

    void check_members(const JsonValue& object, const std::string& pointer,
                       const std::vector<std::string>& known, const std::string& what) {
        for (const auto& member : object.members) {
            if (std::find(known.begin(), known.end(), member.key) == known.end()) {
                error(member.key_offset, pointer + "/" + detail::pointer_token(member.key),
                      words("unknown field \"{field}\": {what}",
                            {{"field", member.key}, {"what", what}}) +
                          did_you_mean(words, member.key, known));
            }
        }
    }

    /// The array `key` of `object` when it is one whose items all have `item_type`; else
    /// reported.
    const JsonValue* list_of(const JsonValue& object, const char* key, const std::string& pointer,
                             JsonType item_type) {
        const JsonValue* list = object.find(key);
        if (list == nullptr) {
            return nullptr;
        }
        if (list->type != JsonType::array) {
            error(list->offset, pointer, words("expected an array"));
            return nullptr;
        }
        bool good = true;
        for (std::size_t i = 0; i < list->items.size(); ++i) {
            if (list->items[i].type != item_type) {
                error(list->items[i].offset, pointer + "/" + std::to_string(i),
                      words("expected {what}, not {found}",
                            {{"what", detail::describe(item_type, words)},
                             {"found", detail::describe(list->items[i].type, words)}}));
                good = false;
            }
        }
        return good ? list : nullptr;
    }

    void read_removed_actors(const JsonValue& remove, model::MapOption& option,
                             std::vector<std::size_t>& removed) {
        const JsonValue* list = list_of(remove, "actors", "/remove/actors", JsonType::string);
        if (list == nullptr) {
            return;
        }
        std::vector<std::string> ids;
        for (const auto& actor : map_.actors) {
            ids.push_back(actor.id);
        }
        for (std::size_t i = 0; i < list->items.size(); ++i) {
            const std::string& id = list->items[i].text;
            const auto found = std::find(ids.begin(), ids.end(), id);
            if (found == ids.end()) {
                error(list->items[i].offset, "/remove/actors/" + std::to_string(i),
                      unknown_name(words, words("no actor"), id, ids));
                continue;
            }
            const auto index = static_cast<std::size_t>(found - ids.begin());
            if (std::find(removed.begin(), removed.end(), index) == removed.end()) {
                removed.push_back(index);
                option.actors_removed.push_back(id);
            }
        }
    }

    void read_removed_relations(const JsonValue& remove, std::vector<RelationToRemove>& removed) {
        const JsonValue* list = remove.find("relations");
        if (list == nullptr) {
            return;
        }
        if (list->type != JsonType::array) {
            error(list->offset, "/remove/relations", words("expected an array"));
            return;
        }
        for (std::size_t i = 0; i < list->items.size(); ++i) {
            const JsonValue& item = list->items[i];
            const std::string pointer = "/remove/relations/" + std::to_string(i);
            RelationToRemove wanted;
            wanted.where = &item;
            if (item.type == JsonType::string && !item.text.empty()) {
                wanted.id = item.text;
                removed.push_back(std::move(wanted));
                continue;
            }
            if (item.type != JsonType::object) {
                error(item.offset, pointer,
                      words("a relation to remove is its id, or an object with \"source\", "
                            "\"target\" and, if needed, \"type\""));
                continue;
            }
            check_members(item, pointer, {"source", "target", "type"},
                          words("a relation to remove has source, target and type"));
            const JsonValue* source = item.find("source");
            const JsonValue* target = item.find("target");
            if (source == nullptr || target == nullptr) {
                error(item.offset, pointer,
                      words("a relation to remove needs \"source\" and \"target\""));
                continue;
            }
            auto source_text = text_field(*source, pointer + "/source");
            auto target_text = text_field(*target, pointer + "/target");
            if (!source_text || !target_text) {
                continue;
            }
            wanted.source = *source_text;
            wanted.target = *target_text;
            if (const JsonValue* type = item.find("type")) {
                wanted.type = text_field(*type, pointer + "/type");
                if (!wanted.type) {
                    continue;
                }
            }
            removed.push_back(std::move(wanted));
        }
    }

    /// Whether `relation` is the one named: by id; or by its ends (either way round when it is
    /// undirected) and, when named, its type.
    bool matches(const RelationToRemove& wanted, const model::Relation& relation) const {
        if (!wanted.id.empty()) {
            return relation.id && *relation.id == wanted.id;
        }
        if (wanted.type && relation.type != wanted.type) {
            return false;
        }
        const bool directed = relation.directed.value_or(map_.directed);
        return (relation.source == wanted.source && relation.target == wanted.target) ||
               (!directed && relation.source == wanted.target && relation.target == wanted.source);
    }

    /// The offset of the value at `pointer` (/area, /languages/2) inside `value`, as deep as it
    /// goes.
    static std::size_t locate(const JsonValue& value, std::string_view pointer) {
        const JsonValue* at = &value;
        while (!pointer.empty() && pointer.front() == '/') {
            pointer.remove_prefix(1);
            const std::size_t end = std::min(pointer.find('/'), pointer.size());
            const std::string token(pointer.substr(0, end));
            pointer.remove_prefix(end);
            const JsonValue* next = nullptr;
            if (at->type == JsonType::object) {
                for (const auto& member : at->members) {
                    if (detail::pointer_token(member.key) == token) {
                        next = &member.value;
                    }
                }
            } else if (at->type == JsonType::array && !token.empty() &&
                       std::all_of(token.begin(), token.end(),
                                   [](char c) { return c >= '0' && c <= '9'; })) {
                const std::size_t index = std::stoul(token);
                next = index < at->items.size() ? &at->items[index] : nullptr;
            }
            if (next == nullptr) {
                break;
            }
            at = next;
        }
        return at->offset;
    }

    const model::Map& map_;
    std::string_view text_;
    std::string file_;
    model::Language language_;
    text::Words words;
    detail::SourcePositions positions_;
    std::vector<Diagnostic> diagnostics_;
};

} // namespace

AppliedOption apply_option_text(const model::Map& map, std::string_view text,
                                const std::string& file_name, model::Language language) {
    return OptionReader(map, text, file_name, language).read();
}

AppliedOption apply_option_file(const model::Map& map, const std::string& path,
                                model::Language language) {
    const std::string text = read_file(path, max_option_bytes, language);
    return apply_option_text(map, text, display_name(path), language);
}

} // namespace stakemap::io
