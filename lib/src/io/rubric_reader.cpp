#include "stakemap/io/rubric_reader.hpp"

#include "json_document.hpp"
#include "stakemap/io/diagnostics.hpp"
#include "stakemap/io/files.hpp"
#include "stakemap/io/vocabulary_data.hpp"
#include "stakemap/text/words.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace stakemap::io {

namespace {

using detail::JsonType;
using detail::JsonValue;

constexpr std::size_t max_rubric_bytes = std::size_t{4} * 1024 * 1024;

class RubricReader {
public:
    RubricReader(std::string_view text, std::string file, const std::vector<std::string>& measures,
                 model::Language language)
        : text_(text), file_(std::move(file)), measures_(measures), words(language) {}

    model::Rubric read() {
        auto parsed = detail::parse_json(text_, 32, nullptr, words);
        for (const auto& issue : parsed.issues) {
            error(issue.offset, issue.pointer, issue.message);
        }
        if (!parsed.complete) {
            throw LoadError(std::move(diagnostics_));
        }
        const JsonValue& root = parsed.root;
        if (root.type != JsonType::object) {
            error(root.offset, "",
                  words("a rubric is a JSON object with \"format\", \"themes\" and "
                        "\"indicators\""));
            throw LoadError(std::move(diagnostics_));
        }
        model::Rubric rubric;
        const JsonValue* format = root.find("format");
        if (format == nullptr || format->type != JsonType::string ||
            format->text != "stakemap-rubric/1") {
            error(format != nullptr ? format->offset : root.offset, "/format",
                  words("expected \"format\": \"stakemap-rubric/1\""));
        }
        for (const auto& member : root.members) {
            if (member.key != "format" && member.key != "themes" && member.key != "indicators" &&
                member.key != "description") {
                error(member.key_offset, "/" + detail::pointer_token(member.key),
                      words("unknown field \"{field}\": a rubric has format, description, themes "
                            "and indicators",
                            {{"field", member.key}}) +
                          did_you_mean(words, member.key,
                                       {"format", "description", "themes", "indicators"}));
            }
        }
        std::vector<std::size_t> theme_offsets;
        const JsonValue* themes = root.find("themes");
        if (themes == nullptr || themes->type != JsonType::array || themes->items.empty()) {
            error(themes != nullptr ? themes->offset : root.offset, "/themes",
                  words("expected \"themes\": a non-empty array of themes"));
        } else {
            std::set<std::string> ids;
            for (std::size_t i = 0; i < themes->items.size(); ++i) {
                const std::string pointer = "/themes/" + std::to_string(i);
                auto theme = read_theme(themes->items[i], pointer);
                if (!theme) {
                    continue;
                }
                if (!ids.insert(theme->id).second) {
                    error(themes->items[i].find("id")->offset, pointer + "/id",
                          words("the theme id \"{id}\" is used twice", {{"id", theme->id}}));
                    continue;
                }
                theme_offsets.push_back(themes->items[i].offset);
                rubric.themes.push_back(std::move(*theme));
            }
        }
        const JsonValue* indicators = root.find("indicators");
        if (indicators == nullptr || indicators->type != JsonType::array) {
            error(indicators != nullptr ? indicators->offset : root.offset, "/indicators",
                  words("expected \"indicators\": an array of indicators"));
        } else {
            std::set<std::string> ids;
            std::vector<std::string> theme_ids;
            for (const auto& theme : rubric.themes) {
                theme_ids.push_back(theme.id);
            }
            for (std::size_t i = 0; i < indicators->items.size(); ++i) {
                const std::string pointer = "/indicators/" + std::to_string(i);
                const JsonValue& item = indicators->items[i];
                auto indicator = read_indicator(item, pointer, theme_ids);
                if (!indicator) {
                    continue;
                }
                if (!ids.insert(indicator->id).second) {
                    error(
                        item.find("id")->offset, pointer + "/id",
                        words("the indicator id \"{id}\" is used twice", {{"id", indicator->id}}));
                    continue;
                }
                rubric.indicators.push_back(std::move(*indicator));
            }
            if (diagnostics_.empty()) {
                for (std::size_t t = 0; t < rubric.themes.size(); ++t) {
                    bool used = false;
                    for (const auto& indicator : rubric.indicators) {
                        used = used || indicator.theme == rubric.themes[t].id;
                    }
                    if (!used) {
                        error(theme_offsets[t], "/themes/" + std::to_string(t),
                              words("the theme \"{id}\" has no indicator",
                                    {{"id", rubric.themes[t].id}}));
                    }
                }
            }
        }
        if (!diagnostics_.empty()) {
            throw LoadError(std::move(diagnostics_));
        }
        return rubric;
    }

private:
    void error(std::size_t offset, const std::string& pointer, const std::string& message) {
        const auto at = positions_.at(offset);
        diagnostics_.push_back(
            {Severity::error, "rubric.invalid", file_, at.line, at.column, pointer, message});
    }

    std::optional<std::string> text_field(const JsonValue& value, const std::string& pointer,
                                          bool allow_empty = false) {
        if (value.type != JsonType::string || (!allow_empty && value.text.empty())) {
            error(value.offset, pointer,
                  allow_empty ? words("expected a string") : words("expected a non-empty string"));
            return std::nullopt;
        }
        return value.text;
    }

    std::optional<double> number_field(const JsonValue& value, const std::string& pointer,
                                       bool positive) {
        if (value.type != JsonType::number || value.invalid || !std::isfinite(value.number) ||
            (positive && value.number <= 0.0)) {
            error(value.offset, pointer,
                  positive ? words("expected a number above 0") : words("expected a number"));
            return std::nullopt;
        }
        return value.number;
    }

    std::optional<model::RubricTheme> read_theme(const JsonValue& value,
                                                 const std::string& pointer) {
        if (value.type != JsonType::object) {
            error(value.offset, pointer, words("expected a theme object"));
            return std::nullopt;
        }
        model::RubricTheme theme;
        for (const auto& member : value.members) {
            const std::string at = pointer + "/" + detail::pointer_token(member.key);
            if (member.key == "id") {
                theme.id = text_field(member.value, at).value_or("");
            } else if (member.key == "label") {
                theme.label = text_field(member.value, at).value_or("");
            } else if (member.key == "weight") {
                theme.weight = number_field(member.value, at, true).value_or(1.0);
            } else {
                error(member.key_offset, at,
                      words("unknown field \"{field}\": a theme has id, label and weight",
                            {{"field", member.key}}) +
                          did_you_mean(words, member.key, {"id", "label", "weight"}));
            }
        }
        if (value.find("id") == nullptr) {
            error(value.offset, pointer, words("the theme has no \"id\""));
        }
        if (value.find("label") == nullptr) {
            error(value.offset, pointer, words("the theme has no \"label\""));
        }
        if (theme.id.empty()) {
            return std::nullopt;
        }
        return theme;
    }

    std::optional<model::RubricIndicator> read_indicator(const JsonValue& value,
                                                         const std::string& pointer,
                                                         const std::vector<std::string>& themes) {
        if (value.type != JsonType::object) {
            error(value.offset, pointer, words("expected an indicator object"));
            return std::nullopt;
        }
        static const std::vector<std::string> fields{
            "id",     "theme", "measure", "direction",      "met",   "partly",
            "weight", "label", "reason",  "recommendation", "source"};
        model::RubricIndicator indicator;
        for (const auto& member : value.members) {
            const std::string at = pointer + "/" + detail::pointer_token(member.key);
            const JsonValue& v = member.value;
            if (member.key == "id") {
                indicator.id = text_field(v, at).value_or("");
            } else if (member.key == "theme") {
                indicator.theme = text_field(v, at).value_or("");
                if (!indicator.theme.empty() &&
                    std::find(themes.begin(), themes.end(), indicator.theme) == themes.end()) {
                    error(v.offset, at,
                          words("no theme \"{id}\" in this rubric", {{"id", indicator.theme}}) +
                              did_you_mean(words, indicator.theme, themes));
                }
            } else if (member.key == "measure") {
                indicator.measure = text_field(v, at).value_or("");
                if (!indicator.measure.empty() && std::find(measures_.begin(), measures_.end(),
                                                            indicator.measure) == measures_.end()) {
                    error(v.offset, at,
                          words("unknown measure \"{name}\" (docs/assessment.md lists them)",
                                {{"name", indicator.measure}}) +
                              did_you_mean(words, indicator.measure, measures_));
                }
            } else if (member.key == "direction") {
                if (v.type == JsonType::string && v.text == "at_least") {
                    indicator.direction = model::ThresholdDirection::at_least;
                } else if (v.type == JsonType::string && v.text == "at_most") {
                    indicator.direction = model::ThresholdDirection::at_most;
                } else {
                    error(v.offset, at, words("expected \"at_least\" or \"at_most\""));
                }
            } else if (member.key == "met") {
                indicator.met = number_field(v, at, false).value_or(0.0);
            } else if (member.key == "partly") {
                if (v.type != JsonType::null) {
                    indicator.partly = number_field(v, at, false);
                }
            } else if (member.key == "weight") {
                indicator.weight = number_field(v, at, true).value_or(1.0);
            } else if (member.key == "label") {
                indicator.label = text_field(v, at).value_or("");
            } else if (member.key == "reason") {
                indicator.reason = text_field(v, at, true).value_or("");
            } else if (member.key == "recommendation") {
                indicator.recommendation = text_field(v, at, true).value_or("");
            } else if (member.key == "source") {
                text_field(v, at, true);
            } else {
                error(member.key_offset, at,
                      words("unknown field \"{field}\": an indicator has id, theme, measure, "
                            "direction, met, partly, weight, label, reason, recommendation and "
                            "source",
                            {{"field", member.key}}) +
                          did_you_mean(words, member.key, fields));
            }
        }
        for (const char* required : {"id", "theme", "measure", "met", "label"}) {
            if (value.find(required) == nullptr) {
                error(value.offset, pointer,
                      words("the indicator has no \"{field}\"", {{"field", required}}));
            }
        }
        const JsonValue* partly = value.find("partly");
        if (indicator.partly && partly != nullptr) {
            const bool wrong_side = indicator.direction == model::ThresholdDirection::at_least
                                        ? *indicator.partly > indicator.met
                                        : *indicator.partly < indicator.met;
            if (wrong_side) {
                error(partly->offset, pointer + "/partly",
                      indicator.direction == model::ThresholdDirection::at_least
                          ? words("with \"at_least\", \"partly\" cannot be above \"met\"")
                          : words("with \"at_most\", \"partly\" cannot be below \"met\""));
            }
        }
        if (indicator.id.empty()) {
            return std::nullopt;
        }
        return indicator;
    }

    std::string_view text_;
    std::string file_;
    const std::vector<std::string>& measures_;
    text::Words words;
    detail::SourcePositions positions_{text_};
    std::vector<Diagnostic> diagnostics_;
};

} // namespace

model::Rubric read_rubric_text(std::string_view text, const std::string& file_name,
                               const std::vector<std::string>& measures, model::Language language) {
    return RubricReader(text, file_name, measures, language).read();
}

model::Rubric load_rubric(const std::string& path, const std::vector<std::string>& measures,
                          model::Language language) {
    const std::string text = read_file(path, max_rubric_bytes, language);
    return read_rubric_text(text, display_name(path), measures, language);
}

std::string_view default_rubric_text() {
    return detail::default_rubric_json;
}

} // namespace stakemap::io
