#pragma once
// The words people read, in their language: messages from the gettext catalogues in po/ (English
// source texts, one CODE.po per other language, compiled into the library), plural forms, and the
// one formatter for numbers a person reads (decimal comma and thousands dot in Italian).
//
// Messages name their placeholders, "{count} actors cut off", so that a translation may reorder
// them or use another form of the same value ("{share_the}": "l'88%" / "il 30%").
//
// Code marks translatable text in three ways, which xgettext extracts (scripts/update-po.sh):
//   words("text"), words("text {x}", {{"x", value}})         a message;
//   words.plural("{n} actor", "{n} actors", n, {...})           a message with plural forms;
//   words.in_context("context", "text")                        the same English text, two meanings;
//   N_("text")                                                  marks text in a table, translated
//   later.

#include "stakemap/model/map.hpp"

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace stakemap::text {

using model::Language;

/// Marks a message in a table for extraction; translate it later with Words::operator().
constexpr const char* N_(const char* message) {
    return message;
}

/// A named value for a message's placeholder.
struct Arg {
    std::string_view name;
    std::string value;
};

/// The languages with a catalogue (always "en", then the po/ files), sorted by code.
std::vector<std::string> available_languages();
/// Whether `code` names a language stakemap speaks.
bool is_available(std::string_view code);
/// The interface language from the environment: LC_ALL, else LC_MESSAGES, else LANG (the first
/// one set and not empty); its language part when stakemap has that catalogue, else English.
Language language_from_environment();

/// Messages and numbers in one language. Cheap to copy.
class Words {
public:
    explicit Words(Language language);

    Language language() const { return language_; }

    /// The message in this language.
    std::string operator()(const char* message) const;
    /// The message with its {placeholders} filled in.
    std::string operator()(const char* message, std::initializer_list<Arg> args) const;
    /// The form of the message for `n` (the language's plural rule), with {n} set to n written as
    /// an integer and the other placeholders filled in.
    std::string plural(const char* singular, const char* plural_form, std::uint64_t n,
                       std::initializer_list<Arg> args = {}) const;
    /// The message in a context that tells apart two meanings of the same English text.
    std::string in_context(const char* context, const char* message) const;

    /// 1,650 or 1.650.
    std::string integer(long long value) const;
    /// At most `digits` significant digits, no exponent for ordinary magnitudes: 0.84 or 0,84; the
    /// integer part grouped by thousands.
    std::string number(double value, int digits = 3) const;
    /// A share in [0, 1] as a percentage with at most `digits` significant digits: 86.4% or 86,4%.
    std::string percent(double share, int digits = 3) const;
    /// The percentage with the article a sentence needs before it ("l'88%", "il 30%"; "88%" in
    /// English).
    std::string percent_with_article(double share, int digits = 3) const;
    /// "a", "a and b", "a, b and c".
    std::string list_and(const std::vector<std::string>& items) const;
    /// A noun phrase with an ordinal number, from a message marked with N_ that holds {nth}:
    /// N_("the {nth} relation") gives "the 12th relation" for 12. {nth} is the number with its
    /// English ending in English and the bare number in Italian, whose translation writes the sign
    /// of its noun's gender ("la {nth}ª relazione"); there an article before a number read with a
    /// vowel is elided ("l'8ª relazione", "l'11º attore").
    std::string ordinal(const char* message, std::uint64_t n) const;

private:
    Language language_;
};

/// Fills {name} placeholders of `pattern`; a placeholder without a value is left as it is.
std::string fill(std::string_view pattern, std::initializer_list<Arg> args);

/// A number without locale: at most `digits` significant digits, no exponent for ordinary
/// magnitudes, "-0" never printed ("0.84", "1650", "6.4e-46"). Words::number groups and localises
/// it.
std::string plain_number(double value, int digits);

/// A number written for files and programs: the shortest text that reads back as the same double,
/// '.' as decimal point, never locale-dependent ("0.1", "1e-300", "12").
std::string exact_number(double value);
/// `decimals` digits after the point, never "-0.00", without the locale: coordinates and sizes in
/// DOT.
std::string fixed_number(double value, int decimals = 2);

} // namespace stakemap::text
