#include "stakemap/io/vocabulary.hpp"

#include "stakemap/io/diagnostics.hpp"
#include "stakemap/io/vocabulary_data.hpp"

#include <cctype>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <utility>

namespace stakemap::io {

namespace {

model::Label read_label(const nlohmann::json& entry) {
    const auto& label = entry.at("label");
    return {label.at("it").get<std::string>(), label.at("en").get<std::string>()};
}

std::vector<model::Term> read_terms(const char* text) {
    std::vector<model::Term> terms;
    for (const auto& entry : nlohmann::json::parse(text)) {
        terms.push_back({entry.at("id").get<std::string>(), read_label(entry)});
    }
    return terms;
}

model::Vocabulary build_default_vocabulary() {
    model::Vocabulary vocabulary;
    vocabulary.sectors = read_terms(detail::vocabulary_sectors_json);
    vocabulary.services = read_terms(detail::vocabulary_services_json);
    vocabulary.relation_types = read_terms(detail::vocabulary_relation_types_json);
    vocabulary.formality = read_terms(detail::vocabulary_formality_json);
    for (const auto& entry : nlohmann::json::parse(detail::vocabulary_levels_json)) {
        vocabulary.levels.push_back(
            {entry.at("id").get<std::string>(), read_label(entry), entry.at("rank").get<int>()});
    }
    for (const auto& entry : nlohmann::json::parse(detail::vocabulary_kinds_json)) {
        const auto& sector = entry.at("sector");
        vocabulary.kinds.push_back({entry.at("id").get<std::string>(), read_label(entry),
                                    sector.is_null() ? std::string() : sector.get<std::string>(),
                                    entry.at("access_point").get<bool>()});
    }
    return vocabulary;
}

} // namespace

const model::Vocabulary& default_vocabulary() {
    static const model::Vocabulary vocabulary = build_default_vocabulary();
    return vocabulary;
}

std::string normalized_name(std::string_view name) {
    // Latin-1 letters U+00C0…U+00FF without their accents ('\0' for the few that are not letters).
    static constexpr char latin1[] = "aaaaaaaceeeeiiii"
                                     "dnooooo\0ouuuuyts"
                                     "aaaaaaaceeeeiiii"
                                     "dnooooo\0ouuuuyty";
    std::string out;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (c < 0x80) {
            if (std::isalnum(c) != 0) {
                out += static_cast<char>(std::tolower(c));
            }
            continue;
        }
        if ((c == 0xC3) && i + 1 < name.size()) {
            const auto next = static_cast<unsigned char>(name[i + 1]);
            const std::size_t index = static_cast<std::size_t>(next) - 0x80;
            if (next >= 0x80 && next <= 0xBF && latin1[index] != '\0') {
                out += latin1[index];
                ++i;
                continue;
            }
        }
        out += static_cast<char>(c); // other scripts are kept as they are
    }
    return out;
}

namespace {

template <typename Terms>
std::string nearest_term_of(const std::string& wanted, const Terms& terms) {
    const std::string key = normalized_name(wanted);
    if (key.empty()) {
        return "";
    }
    // Each term under its id and both labels; the first term with a name wins.
    std::vector<std::pair<std::string, const std::string*>> names;
    for (const auto& term : terms) {
        for (const std::string* name : {&term.id, &term.label.it, &term.label.en}) {
            names.emplace_back(normalized_name(*name), &term.id);
        }
    }
    for (const auto& [name, id] : names) {
        if (name == key) {
            return *id;
        }
    }
    std::vector<std::string> keys;
    keys.reserve(names.size());
    for (const auto& entry : names) {
        keys.push_back(entry.first);
    }
    const std::string nearest = nearest_name(key, keys);
    for (const auto& [name, id] : names) {
        if (!nearest.empty() && name == nearest) {
            return *id;
        }
    }
    return "";
}

} // namespace

std::string nearest_term(const std::string& wanted, const std::vector<model::Term>& terms) {
    return nearest_term_of(wanted, terms);
}

std::string nearest_term(const std::string& wanted, const std::vector<model::KindTerm>& terms) {
    return nearest_term_of(wanted, terms);
}

std::string nearest_term(const std::string& wanted, const std::vector<model::LevelTerm>& terms) {
    return nearest_term_of(wanted, terms);
}

} // namespace stakemap::io
