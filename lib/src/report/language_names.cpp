#include "stakemap/report/language_names.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>

namespace stakemap::report {

namespace {

struct LanguageName {
    std::string_view code;
    std::string_view it;
    std::string_view en;
};

// Sorted by code. The languages of the largest foreign communities in Italy, and their neighbours.
constexpr LanguageName names[] = {
    {"ak", "akan", "Akan"},           {"am", "amarico", "Amharic"},
    {"ar", "arabo", "Arabic"},        {"bg", "bulgaro", "Bulgarian"},
    {"bn", "bengalese", "Bengali"},   {"bs", "bosniaco", "Bosnian"},
    {"de", "tedesco", "German"},      {"el", "greco", "Greek"},
    {"en", "inglese", "English"},     {"es", "spagnolo", "Spanish"},
    {"fa", "persiano", "Persian"},    {"ff", "fula", "Fula"},
    {"fr", "francese", "French"},     {"ha", "hausa", "Hausa"},
    {"hi", "hindi", "Hindi"},         {"hr", "croato", "Croatian"},
    {"hy", "armeno", "Armenian"},     {"ig", "igbo", "Igbo"},
    {"it", "italiano", "Italian"},    {"ka", "georgiano", "Georgian"},
    {"ku", "curdo", "Kurdish"},       {"mk", "macedone", "Macedonian"},
    {"ml", "malayalam", "Malayalam"}, {"ne", "nepalese", "Nepali"},
    {"pa", "punjabi", "Punjabi"},     {"pl", "polacco", "Polish"},
    {"ps", "pashto", "Pashto"},       {"pt", "portoghese", "Portuguese"},
    {"ro", "rumeno", "Romanian"},     {"ru", "russo", "Russian"},
    {"si", "singalese", "Sinhala"},   {"so", "somalo", "Somali"},
    {"sq", "albanese", "Albanian"},   {"sr", "serbo", "Serbian"},
    {"sw", "swahili", "Swahili"},     {"ta", "tamil", "Tamil"},
    {"ti", "tigrino", "Tigrinya"},    {"tl", "tagalog", "Tagalog"},
    {"tr", "turco", "Turkish"},       {"uk", "ucraino", "Ukrainian"},
    {"ur", "urdu", "Urdu"},           {"vi", "vietnamita", "Vietnamese"},
    {"wo", "wolof", "Wolof"},         {"yo", "yoruba", "Yoruba"},
    {"zh", "cinese", "Chinese"},
};

} // namespace

std::string language_name(const std::string& code, model::Language language) {
    const auto found = std::lower_bound(
        std::begin(names), std::end(names), code,
        [](const LanguageName& entry, const std::string& key) { return entry.code < key; });
    if (found == std::end(names) || found->code != code) {
        return code;
    }
    return std::string(language == model::Language::it ? found->it : found->en);
}

} // namespace stakemap::report
