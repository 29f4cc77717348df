#include "stakemap/report/language_names.hpp"

#include "stakemap/text/words.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>

namespace stakemap::report {

namespace {

struct LanguageName {
    std::string_view code;
    const char* name; ///< English, translated through the catalogue (context "language")
};

// Sorted by code. The languages of the largest foreign communities in Italy, and their neighbours.
constexpr LanguageName names[] = {
    {"ak", text::N_("Akan")},       {"am", text::N_("Amharic")},   {"ar", text::N_("Arabic")},
    {"bg", text::N_("Bulgarian")},  {"bn", text::N_("Bengali")},   {"bs", text::N_("Bosnian")},
    {"de", text::N_("German")},     {"el", text::N_("Greek")},     {"en", text::N_("English")},
    {"es", text::N_("Spanish")},    {"fa", text::N_("Persian")},   {"ff", text::N_("Fula")},
    {"fr", text::N_("French")},     {"ha", text::N_("Hausa")},     {"hi", text::N_("Hindi")},
    {"hr", text::N_("Croatian")},   {"hy", text::N_("Armenian")},  {"ig", text::N_("Igbo")},
    {"it", text::N_("Italian")},    {"ka", text::N_("Georgian")},  {"ku", text::N_("Kurdish")},
    {"mk", text::N_("Macedonian")}, {"ml", text::N_("Malayalam")}, {"ne", text::N_("Nepali")},
    {"pa", text::N_("Punjabi")},    {"pl", text::N_("Polish")},    {"ps", text::N_("Pashto")},
    {"pt", text::N_("Portuguese")}, {"ro", text::N_("Romanian")},  {"ru", text::N_("Russian")},
    {"si", text::N_("Sinhala")},    {"so", text::N_("Somali")},    {"sq", text::N_("Albanian")},
    {"sr", text::N_("Serbian")},    {"sw", text::N_("Swahili")},   {"ta", text::N_("Tamil")},
    {"ti", text::N_("Tigrinya")},   {"tl", text::N_("Tagalog")},   {"tr", text::N_("Turkish")},
    {"uk", text::N_("Ukrainian")},  {"ur", text::N_("Urdu")},      {"vi", text::N_("Vietnamese")},
    {"wo", text::N_("Wolof")},      {"yo", text::N_("Yoruba")},    {"zh", text::N_("Chinese")},
};

} // namespace

std::string language_name(const std::string& code, model::Language language) {
    const auto found = std::lower_bound(
        std::begin(names), std::end(names), code,
        [](const LanguageName& entry, const std::string& key) { return entry.code < key; });
    if (found == std::end(names) || found->code != code) {
        return code;
    }
    return text::Words(language)(found->name);
}

} // namespace stakemap::report
