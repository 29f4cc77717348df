#include "stakemap/io/vocabulary.hpp"

#include "stakemap/io/vocabulary_data.hpp"

#include <nlohmann/json.hpp>

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

} // namespace stakemap::io
