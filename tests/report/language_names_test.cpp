#include "stakemap/report/language_names.hpp"

#include <doctest/doctest.h>
#include <string>

using stakemap::model::Language;
using stakemap::report::language_name;

TEST_CASE("language names: in English and in Italian") {
    CHECK(language_name("bn", Language::en) == "Bengali");
    CHECK(language_name("bn", Language::it) == "bengalese");
    CHECK(language_name("ti", Language::en) == "Tigrinya");
    CHECK(language_name("ti", Language::it) == "tigrino");
    CHECK(language_name("it", Language::en) == "Italian");
    CHECK(language_name("it", Language::it) == "italiano");
    // The first and the last of the table: the search reaches both ends.
    CHECK(language_name("ak", Language::en) == "Akan");
    CHECK(language_name("ak", Language::it) == "akan");
    CHECK(language_name("zh", Language::en) == "Chinese");
    CHECK(language_name("zh", Language::it) == "cinese");
}

TEST_CASE("language names: a code not in the list is written as it is") {
    CHECK(language_name("xx", Language::en) == "xx");
    CHECK(language_name("xx", Language::it) == "xx");
    CHECK(language_name("", Language::en).empty());
    CHECK(language_name("a", Language::en) == "a");     // before "ak"
    CHECK(language_name("zz", Language::en) == "zz");   // after "zh"
    CHECK(language_name("b", Language::en) == "b");     // between "ar" and "bg"
    CHECK(language_name("BN", Language::en) == "BN");   // codes are lower case
    CHECK(language_name("bn ", Language::en) == "bn "); // no trimming
    CHECK(language_name("zh-Hant", Language::en) == "zh-Hant");
}

TEST_CASE("language names: every code of docs/coverage.md is found") {
    // The table is searched by bisection: a code out of order would not be found and come back as
    // the code itself. The 45 codes, in the order of the table, with their English names.
    const std::pair<const char*, const char*> expected[] = {
        {"ak", "Akan"},     {"am", "Amharic"},    {"ar", "Arabic"},    {"bg", "Bulgarian"},
        {"bn", "Bengali"},  {"bs", "Bosnian"},    {"de", "German"},    {"el", "Greek"},
        {"en", "English"},  {"es", "Spanish"},    {"fa", "Persian"},   {"ff", "Fula"},
        {"fr", "French"},   {"ha", "Hausa"},      {"hi", "Hindi"},     {"hr", "Croatian"},
        {"hy", "Armenian"}, {"ig", "Igbo"},       {"it", "Italian"},   {"ka", "Georgian"},
        {"ku", "Kurdish"},  {"mk", "Macedonian"}, {"ml", "Malayalam"}, {"ne", "Nepali"},
        {"pa", "Punjabi"},  {"pl", "Polish"},     {"ps", "Pashto"},    {"pt", "Portuguese"},
        {"ro", "Romanian"}, {"ru", "Russian"},    {"si", "Sinhala"},   {"so", "Somali"},
        {"sq", "Albanian"}, {"sr", "Serbian"},    {"sw", "Swahili"},   {"ta", "Tamil"},
        {"ti", "Tigrinya"}, {"tl", "Tagalog"},    {"tr", "Turkish"},   {"uk", "Ukrainian"},
        {"ur", "Urdu"},     {"vi", "Vietnamese"}, {"wo", "Wolof"},     {"yo", "Yoruba"},
        {"zh", "Chinese"},
    };
    for (const auto& [code, name] : expected) {
        CAPTURE(code);
        CHECK(language_name(code, Language::en) == name);
        // Every name has an Italian translation, written in lower case as Italian does.
        const std::string italian = language_name(code, Language::it);
        CHECK(italian != code);
        CHECK(italian != name);
        CHECK(!italian.empty());
        CHECK(italian[0] >= 'a');
        CHECK(italian[0] <= 'z');
    }
}
