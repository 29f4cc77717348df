#include "stakemap/text/words.hpp"

#include "text/catalogue_data.hpp"

#include <algorithm>
#include <boost/locale/gnu_gettext.hpp>
#include <boost/locale/message.hpp>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <locale>
#include <map>
#include <mutex>
#include <optional>

namespace stakemap::text {

namespace {

/// Boost.Locale asks for files named PATH/LOCALE/LC_MESSAGES/DOMAIN.mo; the catalogues are compiled
/// into the library, so the "file system" is the table of embedded catalogues.
std::vector<char> read_embedded_catalogue(const std::string& file_name, const std::string&) {
    const std::string marker = "/LC_MESSAGES/";
    const auto end = file_name.find(marker);
    if (end == std::string::npos) {
        return {};
    }
    const auto begin = file_name.rfind('/', end - 1);
    const std::string locale_name =
        file_name.substr(begin == std::string::npos ? 0 : begin + 1,
                         end - (begin == std::string::npos ? 0 : begin + 1));
    for (std::size_t i = 0; i < detail::embedded_catalogue_count; ++i) {
        const auto& catalogue = detail::embedded_catalogues[i];
        if (locale_name == catalogue.code) {
            const auto* bytes = reinterpret_cast<const char*>(catalogue.data);
            return {bytes, bytes + catalogue.size};
        }
    }
    return {};
}

/// The std::locale that carries the message catalogue of one language, built once.
const std::locale& catalogue_locale(Language language) {
    static std::mutex mutex;
    static std::map<std::string, std::locale, std::less<>> locales;
    const std::lock_guard lock(mutex);
    const auto found = locales.find(language.code());
    if (found != locales.end()) {
        return found->second;
    }
    boost::locale::gnu_gettext::messages_info info;
    info.language = std::string(language.code());
    info.encoding = "UTF-8";
    info.paths.emplace_back("catalogues");
    info.domains.emplace_back("stakemap");
    info.callback = read_embedded_catalogue;
    std::locale with_messages(std::locale::classic(),
                              boost::locale::gnu_gettext::create_messages_facet<char>(info));
    return locales.emplace(std::string(language.code()), std::move(with_messages)).first->second;
}

/// Digits with a separator every three from the right: "1650" → "1,650".
std::string group_thousands(std::string_view digits, char separator) {
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) {
            out += separator;
        }
        out += digits[i];
    }
    return out;
}

} // namespace

std::vector<std::string> available_languages() {
    std::vector<std::string> codes{"en"};
    for (std::size_t i = 0; i < detail::embedded_catalogue_count; ++i) {
        codes.emplace_back(detail::embedded_catalogues[i].code);
    }
    std::sort(codes.begin(), codes.end());
    return codes;
}

bool is_available(std::string_view code) {
    const auto codes = available_languages();
    return std::find(codes.begin(), codes.end(), code) != codes.end();
}

Language language_from_environment() {
    for (const char* variable : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(variable);
        if (value == nullptr || *value == '\0') {
            continue;
        }
        const std::string_view setting(value);
        const std::string_view code = setting.substr(0, setting.find_first_of("_.@"));
        return is_available(code) ? Language::from_code(code) : Language::en;
    }
    return Language::en;
}

std::string fill(std::string_view pattern, std::initializer_list<Arg> args) {
    std::string out;
    out.reserve(pattern.size() + 16);
    std::size_t at = 0;
    while (at < pattern.size()) {
        const auto open = pattern.find('{', at);
        if (open == std::string_view::npos) {
            break;
        }
        const auto close = pattern.find('}', open);
        if (close == std::string_view::npos) {
            break;
        }
        const std::string_view name = pattern.substr(open + 1, close - open - 1);
        const Arg* arg = nullptr;
        for (const Arg& candidate : args) {
            if (candidate.name == name) {
                arg = &candidate;
                break;
            }
        }
        out.append(pattern.substr(at, open - at));
        if (arg != nullptr) {
            out += arg->value;
        } else {
            out.append(pattern.substr(open, close - open + 1));
        }
        at = close + 1;
    }
    out.append(pattern.substr(at));
    return out;
}

namespace {

/// NaN, infinities and zero written the same way by every formatter; nullopt for other values.
std::optional<std::string> special_number(double value) {
    if (std::isnan(value)) {
        return "NaN";
    }
    if (std::isinf(value)) {
        return value > 0 ? "inf" : "-inf";
    }
    if (value == 0.0) {
        return "0"; // never "-0"
    }
    return std::nullopt;
}

} // namespace

std::string plain_number(double value, int digits) {
    if (auto special = special_number(value)) {
        return *special;
    }
    char buffer[400];
    const auto result =
        std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, digits);
    std::string out(buffer, result.ptr);
    // The general form uses an exponent for small numbers only below 1e-4, so here the number has
    // at least `digits` digits before the point: written whole, without a fraction.
    if (out.find('e') != std::string::npos && std::fabs(value) >= 1e-4 && std::fabs(value) < 1e15) {
        const auto fixed =
            std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 0);
        out.assign(buffer, fixed.ptr);
    }
    return out;
}

std::string fixed_number(double value, int decimals) {
    // No "-0.00" for a value a hair below zero.
    const double shown = std::fabs(value) < 0.5 * std::pow(10.0, -decimals) ? 0.0 : value;
    if (!std::isfinite(shown)) {
        return *special_number(shown);
    }
    char buffer[400];
    const auto result =
        std::to_chars(buffer, buffer + sizeof buffer, shown, std::chars_format::fixed, decimals);
    return {buffer, result.ptr};
}

std::string exact_number(double value) {
    if (auto special = special_number(value)) {
        return *special;
    }
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return {buffer, result.ptr};
}

Words::Words(Language language) : language_(language) {}

std::string Words::operator()(const char* message) const {
    if (language_ == Language::en) {
        return message;
    }
    return boost::locale::translate(message).str(catalogue_locale(language_));
}

std::string Words::operator()(const char* message, std::initializer_list<Arg> args) const {
    return fill((*this)(message), args);
}

std::string Words::plural(const char* singular, const char* plural_form, std::uint64_t n,
                          std::initializer_list<Arg> args) const {
    // Plural rules look at the last digits; keep those when n does not fit an int.
    const int count = n <= static_cast<std::uint64_t>(INT_MAX)
                          ? static_cast<int>(n)
                          : static_cast<int>(1000000 + n % 1000000);
    std::string pattern;
    if (language_ == Language::en) {
        pattern = n == 1 ? singular : plural_form;
    } else {
        pattern =
            boost::locale::translate(singular, plural_form, count).str(catalogue_locale(language_));
    }
    std::string with_n = fill(
        pattern, {{"n", integer(static_cast<long long>(std::min<std::uint64_t>(n, LLONG_MAX)))}});
    return fill(with_n, args);
}

std::string Words::in_context(const char* context, const char* message) const {
    if (language_ == Language::en) {
        return message;
    }
    return boost::locale::translate(context, message).str(catalogue_locale(language_));
}

std::string Words::integer(long long value) const {
    const bool italian_style = language_ == Language::it;
    std::string digits = std::to_string(value);
    std::string sign;
    if (!digits.empty() && digits[0] == '-') {
        sign = "-";
        digits.erase(0, 1);
    }
    return sign + group_thousands(digits, italian_style ? '.' : ',');
}

std::string Words::number(double value, int digits) const {
    std::string plain = plain_number(value, digits);
    if (plain.find_first_of("eNn") != std::string::npos) {
        if (language_ == Language::it) {
            std::replace(plain.begin(), plain.end(), '.', ',');
        }
        return plain;
    }
    std::string sign;
    if (plain[0] == '-') {
        sign = "-";
        plain.erase(0, 1);
    }
    const auto point = plain.find('.');
    const std::string whole = plain.substr(0, point);
    const std::string fraction = point == std::string::npos ? "" : plain.substr(point + 1);
    const bool italian_style = language_ == Language::it;
    std::string out = sign + group_thousands(whole, italian_style ? '.' : ',');
    if (!fraction.empty()) {
        out += (italian_style ? ',' : '.') + fraction;
    }
    return out;
}

std::string Words::percent(double share, int digits) const {
    return number(share * 100.0, digits) + "%";
}

std::string Words::percent_with_article(double share, int digits) const {
    const std::string value = percent(share, digits);
    if (language_ != Language::it) {
        return value;
    }
    // The article follows the sound of the number read aloud: l'1%, l'8%, l'11%, l'80–89%
    // (uno, otto, undici, ottanta…), lo 0% (zero), il for the rest.
    std::string whole;
    for (char c : value) {
        if (c >= '0' && c <= '9') {
            whole += c;
        } else if (c != '.') {
            break;
        }
    }
    if (whole == "0") {
        return "lo " + value;
    }
    if (whole == "1" || whole == "11" || (!whole.empty() && whole[0] == '8')) {
        return "l'" + value;
    }
    return "il " + value;
}

std::string Words::list_and(const std::vector<std::string>& items) const {
    if (items.empty()) {
        return "";
    }
    std::string head = items[0];
    for (std::size_t i = 1; i + 1 < items.size(); ++i) {
        head += ", " + items[i];
    }
    if (items.size() == 1) {
        return head;
    }
    const Words& words = *this;
    return words("{first} and {last}", {{"first", head}, {"last", items.back()}});
}

std::string Words::ordinal(const char* message, std::uint64_t n) const {
    const std::string digits = std::to_string(n);
    std::string nth = integer(static_cast<long long>(std::min<std::uint64_t>(n, LLONG_MAX)));
    if (language_ == Language::en) {
        const std::uint64_t tens = n % 100;
        const std::uint64_t units = n % 10;
        nth += tens >= 11 && tens <= 13 ? "th"
               : units == 1             ? "st"
               : units == 2             ? "nd"
               : units == 3             ? "rd"
                                        : "th";
    }
    std::string out = fill((*this)(message), {{"nth", nth}});
    if (language_ != Language::it) {
        return out;
    }
    // Ordinals read with a vowel: ottavo, ottantesimo, ottocentesimo… (first digit 8), undicesimo,
    // undicimillesimo… (11 at the head of a group of two digits); "primo" takes "il".
    const bool vowel = digits[0] == '8' || (digits.size() % 3 == 2 && digits.rfind("11", 0) == 0);
    if (!vowel) {
        return out;
    }
    for (const std::string_view article : {"la ", "il ", "lo ", "La ", "Il ", "Lo "}) {
        const std::string before_number = std::string(article) + nth;
        const auto at = out.find(before_number);
        if (at != std::string::npos && (at == 0 || out[at - 1] == ' ' || out[at - 1] == '(')) {
            out.replace(at, article.size(), article[0] == 'L' || article[0] == 'I' ? "L'" : "l'");
            break;
        }
    }
    return out;
}

} // namespace stakemap::text
