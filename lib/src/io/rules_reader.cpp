#include "stakemap/io/rules_reader.hpp"

#include "json_document.hpp"
#include "stakemap/io/diagnostics.hpp"
#include "stakemap/io/files.hpp"
#include "stakemap/io/vocabulary_data.hpp"
#include "stakemap/text/words.hpp"

#include <set>

namespace stakemap::io {

namespace {

using detail::JsonType;
using detail::JsonValue;

constexpr std::size_t max_rules_bytes = std::size_t{16} * 1024 * 1024;

class RulesReader {
public:
    RulesReader(std::string_view text, std::string file, model::Language language)
        : text_(text), file_(std::move(file)), words(language) {}

    model::RuleSet read() {
        auto parsed = detail::parse_json(text_, 32, nullptr, words);
        for (const auto& issue : parsed.issues) {
            error(issue.offset, issue.pointer, issue.message);
        }
        model::RuleSet rules;
        if (!parsed.complete) {
            throw LoadError(std::move(diagnostics_));
        }
        const JsonValue& root = parsed.root;
        if (root.type != JsonType::object) {
            error(root.offset, "",
                  words("a rules file is a JSON object with \"format\" and \"rules\""));
            throw LoadError(std::move(diagnostics_));
        }
        const JsonValue* format = root.find("format");
        if (format == nullptr || format->type != JsonType::string ||
            format->text != "stakemap-rules/1") {
            error(format != nullptr ? format->offset : root.offset, "/format",
                  words("expected \"format\": \"stakemap-rules/1\""));
        }
        const JsonValue* list = root.find("rules");
        if (list == nullptr || list->type != JsonType::array) {
            error(list != nullptr ? list->offset : root.offset, "/rules",
                  words("expected \"rules\": an array of rules"));
        } else {
            std::set<std::string> ids;
            for (std::size_t i = 0; i < list->items.size(); ++i) {
                const std::string pointer = "/rules/" + std::to_string(i);
                auto rule = read_rule(list->items[i], pointer);
                if (rule && !ids.insert(rule->id).second) {
                    error(list->items[i].find("id")->offset, pointer + "/id",
                          words("the rule id \"{id}\" is used twice", {{"id", rule->id}}));
                }
                if (rule) {
                    rules.rules.push_back(std::move(*rule));
                }
            }
        }
        if (!diagnostics_.empty()) {
            throw LoadError(std::move(diagnostics_));
        }
        return rules;
    }

private:
    void error(std::size_t offset, const std::string& pointer, const std::string& message) {
        const auto at = positions_.at(offset);
        diagnostics_.push_back(
            {Severity::error, "rules.invalid", file_, at.line, at.column, pointer, message});
    }

    std::vector<std::string> ids(const JsonValue& value, const std::string& pointer) {
        std::vector<std::string> out;
        if (value.type == JsonType::string && !value.text.empty()) {
            out.push_back(value.text);
            return out;
        }
        if (value.type == JsonType::array) {
            if (value.items.empty()) {
                error(value.offset, pointer,
                      words("an empty list would match every actor; leave the field out instead"));
            }
            for (std::size_t i = 0; i < value.items.size(); ++i) {
                const JsonValue& item = value.items[i];
                if (item.type == JsonType::string && !item.text.empty()) {
                    out.push_back(item.text);
                } else {
                    error(item.offset, pointer + "/" + std::to_string(i),
                          words("expected an id (a non-empty string)"));
                }
            }
            return out;
        }
        error(value.offset, pointer, words("expected an id or an array of ids"));
        return out;
    }

    model::ActorSelector selector(const JsonValue& value, const std::string& pointer) {
        model::ActorSelector out;
        if (value.type != JsonType::object) {
            error(value.offset, pointer,
                  words("expected an object such as {\"kind\": \"social_service\"} or "
                        "{\"sector\": [\"bridge\"]}"));
            return out;
        }
        for (const auto& member : value.members) {
            const std::string at = pointer + "/" + detail::pointer_token(member.key);
            if (member.key == "kind") {
                out.kinds = ids(member.value, at);
            } else if (member.key == "sector") {
                out.sectors = ids(member.value, at);
            } else if (member.key == "level") {
                out.levels = ids(member.value, at);
            } else {
                error(member.key_offset, at,
                      words("unknown selector \"{name}\": use kind, sector or level",
                            {{"name", member.key}}) +
                          did_you_mean(words, member.key, {"kind", "sector", "level"}));
            }
        }
        return out;
    }

    std::optional<model::TieRule> read_rule(const JsonValue& value, const std::string& pointer) {
        if (value.type != JsonType::object) {
            error(value.offset, pointer, words("expected a rule object"));
            return std::nullopt;
        }
        model::TieRule rule;
        bool has_check = false;
        for (const auto& member : value.members) {
            const std::string at = pointer + "/" + detail::pointer_token(member.key);
            const JsonValue& v = member.value;
            if (member.key == "id") {
                if (v.type != JsonType::string || v.text.empty()) {
                    error(v.offset, at, words("expected a non-empty string"));
                } else {
                    rule.id = v.text;
                }
            } else if (member.key == "text") {
                if (v.type == JsonType::string) {
                    rule.text = {v.text, v.text};
                } else if (v.type == JsonType::object) {
                    const JsonValue* it = v.find("it");
                    const JsonValue* en = v.find("en");
                    rule.text.it = it != nullptr && it->type == JsonType::string ? it->text : "";
                    rule.text.en = en != nullptr && en->type == JsonType::string ? en->text : "";
                } else {
                    error(v.offset, at, words("expected a string or {\"it\": …, \"en\": …}"));
                }
            } else if (member.key == "every") {
                rule.every = selector(v, at);
            } else if (member.key == "tied_to" || member.key == "reaches") {
                if (has_check) {
                    error(member.key_offset, at,
                          words("a rule has either tied_to or reaches, not both"));
                }
                has_check = true;
                rule.check =
                    member.key == "tied_to" ? model::RuleCheck::tied_to : model::RuleCheck::reaches;
                rule.target = selector(v, at);
            } else if (member.key == "within") {
                if (v.type != JsonType::number || !v.is_integer || v.number < 1 || v.number > 100) {
                    error(v.offset, at, words("expected a whole number of steps from 1 to 100"));
                } else {
                    rule.within = static_cast<std::size_t>(v.number);
                }
            } else if (member.key == "each_area") {
                if (v.type != JsonType::boolean) {
                    error(v.offset, at, words("expected true or false"));
                } else {
                    rule.each_area = v.boolean;
                }
            } else {
                error(member.key_offset, at,
                      words("unknown field \"{field}\": a rule has id, text, every, tied_to or "
                            "reaches, within, each_area",
                            {{"field", member.key}}) +
                          did_you_mean(words, member.key,
                                       {"id", "text", "every", "tied_to", "reaches", "within",
                                        "each_area"}));
            }
        }
        if (rule.id.empty() && value.find("id") == nullptr) {
            error(value.offset, pointer, words("the rule has no \"id\""));
        }
        if (!has_check) {
            error(value.offset, pointer, words("the rule needs \"tied_to\" or \"reaches\""));
        }
        if (rule.check == model::RuleCheck::tied_to && value.find("within") != nullptr) {
            error(value.find("within")->offset, pointer + "/within",
                  words("\"within\" goes with \"reaches\", not with \"tied_to\""));
        }
        if (rule.check == model::RuleCheck::reaches && value.find("within") == nullptr) {
            rule.within = 2;
        }
        if (rule.text.it.empty() && rule.text.en.empty()) {
            rule.text = {rule.id, rule.id};
        }
        if (rule.text.it.empty()) {
            rule.text.it = rule.text.en;
        }
        if (rule.text.en.empty()) {
            rule.text.en = rule.text.it;
        }
        if (rule.id.empty()) {
            return std::nullopt;
        }
        return rule;
    }

    std::string_view text_;
    std::string file_;
    /// The language of messages.
    text::Words words;
    detail::SourcePositions positions_{text_};
    std::vector<Diagnostic> diagnostics_;
};

} // namespace

model::RuleSet read_rules_text(std::string_view text, const std::string& file_name,
                               model::Language language) {
    return RulesReader(text, file_name, language).read();
}

model::RuleSet load_rules(const std::string& path, model::Language language) {
    const std::string text = read_file(path, max_rules_bytes, language);
    return read_rules_text(text, display_name(path), language);
}

const model::RuleSet& default_rules() {
    static const model::RuleSet rules =
        read_rules_text(detail::default_rules_json, "data/rules/default.json");
    return rules;
}

} // namespace stakemap::io
