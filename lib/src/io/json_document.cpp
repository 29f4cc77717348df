#include "json_document.hpp"

#include "cell_text.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

namespace stakemap::io::detail {

const JsonValue* JsonValue::find(std::string_view key) const {
    for (const auto& member : members) {
        if (member.key == key) {
            return &member.value;
        }
    }
    return nullptr;
}

std::string describe(JsonType type, const text::Words& words) {
    switch (type) {
    case JsonType::null:
        return words("null");
    case JsonType::boolean:
        return words("a boolean");
    case JsonType::number:
        return words("a number");
    case JsonType::string:
        return words("a string");
    case JsonType::array:
        return words("an array");
    case JsonType::object:
        return words("an object");
    }
    return words("a value");
}

std::string line_and_column(const SourcePositions& positions, std::size_t offset,
                            const text::Words& words) {
    const auto position = positions.at(offset);
    return words("line {line}, column {column}", {{"line", std::to_string(position.line)},
                                                  {"column", std::to_string(position.column)}});
}

std::string pointer_token(std::string_view key) {
    std::string out;
    append_pointer_token(out, key);
    return out;
}

void append_pointer_token(std::string& out, std::string_view key) {
    for (char c : key) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
}

namespace {

bool is_continuation(unsigned char byte) {
    return (byte & 0xC0U) == 0x80U;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

struct Stop {};

class Parser {
public:
    Parser(std::string_view text, std::size_t max_depth, JsonParseResult& result,
           JsonStreamHandler* handler, const text::Words& language)
        : s_(text), max_depth_(max_depth), result_(result), positions_(text), handler_(handler),
          words(language) {}

    void run() {
        if (!check_encoding()) {
            return;
        }
        if (s_.substr(0, 3) == "\xEF\xBB\xBF") {
            pos_ = 3;
        }
        try {
            skip_whitespace();
            if (pos_ >= s_.size()) {
                fatal(pos_, "json.empty",
                      words("the file is empty; a map is a JSON object that starts with '{'"));
            }
            result_.root = parse_value(0);
            skip_whitespace();
            if (pos_ < s_.size()) {
                fatal(pos_, "json.syntax",
                      words("unexpected {found} after the end of the JSON document; remove it or "
                            "check the brackets before it",
                            {{"found", describe_here()}}));
            }
            result_.complete = true;
        } catch (const Stop&) {
            result_.complete = false;
        }
    }

private:
    std::string_view s_;
    std::size_t pos_ = 0;
    std::size_t max_depth_;
    JsonParseResult& result_;
    SourcePositions positions_;
    JsonStreamHandler* handler_;
    std::string pointer_;
    /// The language of messages.
    text::Words words;

    std::string where(std::size_t offset) const {
        return line_and_column(positions_, offset, words);
    }

    [[noreturn]] void fatal(std::size_t offset, std::string code, std::string message) {
        result_.issues.push_back({offset, std::move(code), std::move(message), pointer_, true});
        throw Stop{};
    }

    bool check_encoding() {
        std::size_t first_bad = std::string_view::npos;
        std::size_t bad_count = 0;
        for (std::size_t i = 0; i < s_.size();) {
            if (s_[i] == '\0') {
                result_.issues.push_back(
                    {i, "json.nul_byte",
                     words("NUL byte (0x00) in the file; a map is text and cannot contain NUL "
                           "bytes — was it saved by a word processor or as UTF-16?"),
                     "", true});
                return false;
            }
            const std::size_t length = utf8_sequence_length(s_, i);
            if (length == 0) {
                if (first_bad == std::string_view::npos) {
                    first_bad = i;
                }
                ++bad_count;
                ++i;
            } else {
                i += length;
            }
        }
        if (first_bad == std::string_view::npos) {
            return true;
        }
        std::string message = words.plural(
            "invalid UTF-8 byte {byte} ({n} such byte in the file); the file is probably saved as "
            "Windows-1252 or Latin-1: save it again as UTF-8",
            "invalid UTF-8 byte {byte} ({n} such bytes in the file); the file is probably saved as "
            "Windows-1252 or Latin-1: save it again as UTF-8",
            bad_count, {{"byte", hex_byte(static_cast<unsigned char>(s_[first_bad]))}});
        result_.issues.push_back({first_bad, "json.invalid_utf8", std::move(message), "", true});
        return false;
    }

    void skip_whitespace() {
        while (pos_ < s_.size()) {
            const char c = s_[pos_];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                ++pos_;
            } else {
                break;
            }
        }
    }

    std::string describe_here() const {
        if (pos_ >= s_.size()) {
            return words("the end of the file");
        }
        const auto c = static_cast<unsigned char>(s_[pos_]);
        if (c >= 0x20 && c < 0x7F) {
            return std::string("'") + static_cast<char>(c) + "'";
        }
        if (c >= 0x80) {
            const std::size_t length = utf8_sequence_length(s_, pos_);
            return "'" + std::string(s_.substr(pos_, std::max<std::size_t>(length, 1))) + "'";
        }
        return words("the control byte {byte}", {{"byte", hex_byte(c)}});
    }

    JsonValue parse_value(std::size_t depth) {
        skip_whitespace();
        if (pos_ >= s_.size()) {
            fatal(pos_, "json.syntax",
                  words("unexpected end of the file where a value was expected; the file looks "
                        "truncated"));
        }
        const char c = s_[pos_];
        switch (c) {
        case '{':
            return parse_object(depth + 1);
        case '[':
            return parse_array(depth + 1);
        case '"': {
            JsonValue value;
            value.type = JsonType::string;
            value.offset = pos_;
            value.text = parse_string();
            return value;
        }
        case 't':
        case 'f':
        case 'n':
            return parse_literal();
        default:
            if (c == '-' || (c >= '0' && c <= '9')) {
                return parse_number();
            }
        }
        if (c == '\'') {
            fatal(pos_, "json.syntax",
                  words("found a single quote; JSON strings use double quotes (\")"));
        }
        if (c == '/') {
            fatal(pos_, "json.syntax",
                  words("comments are not allowed in JSON; remove the comment"));
        }
        if (s_.substr(pos_, 3) == "NaN" || s_.substr(pos_, 8) == "Infinity") {
            fatal(pos_, "json.syntax",
                  words("NaN and Infinity are not JSON numbers; write a finite number"));
        }
        if (c == ']' || c == '}') {
            fatal(pos_, "json.syntax",
                  words("expected a value, found {found}; is there a comma too many?",
                        {{"found", describe_here()}}));
        }
        fatal(pos_, "json.syntax",
              words("expected a value (object, array, string, number, true, false or null), found "
                    "{found}",
                    {{"found", describe_here()}}));
    }

    void check_depth(std::size_t depth) {
        if (depth > max_depth_) {
            fatal(pos_, "json.too_deep",
                  words("nesting deeper than {max} levels; a stakemap map needs at most 5",
                        {{"max", std::to_string(max_depth_)}}));
        }
    }

    JsonValue parse_object(std::size_t depth) {
        check_depth(depth);
        JsonValue value;
        value.type = JsonType::object;
        value.offset = pos_;
        ++pos_;
        skip_whitespace();
        if (pos_ < s_.size() && s_[pos_] == '}') {
            ++pos_;
            return value;
        }
        std::size_t comma = 0; // the comma before this member
        while (true) {
            skip_whitespace();
            if (pos_ >= s_.size()) {
                fatal(pos_, "json.syntax",
                      words("unexpected end of the file inside an object; the file looks "
                            "truncated or a '}' is missing"));
            }
            if (s_[pos_] != '"') {
                if (s_[pos_] == '}') {
                    // Reported where the comma is: that is what to delete.
                    fatal(comma, "json.syntax",
                          words("trailing comma before '}'; remove the comma after the last "
                                "element"));
                }
                if (s_[pos_] == '\'') {
                    fatal(pos_, "json.syntax",
                          words("found a single quote; JSON keys and strings use double quotes "
                                "(\")"));
                }
                if (s_[pos_] == '/') {
                    fatal(pos_, "json.syntax",
                          words("comments are not allowed in JSON; remove the comment"));
                }
                fatal(pos_, "json.syntax",
                      words("expected a key in double quotes, found {found}",
                            {{"found", describe_here()}}));
            }
            const std::size_t key_offset = pos_;
            std::string key = parse_string();
            skip_whitespace();
            if (pos_ >= s_.size() || s_[pos_] != ':') {
                fatal(pos_, "json.syntax",
                      words("expected ':' after the key \"{key}\", found {found}",
                            {{"key", key}, {"found", describe_here()}}));
            }
            ++pos_;
            const std::size_t saved = pointer_.size();
            pointer_ += '/';
            append_pointer_token(pointer_, key);
            const bool repeated = std::any_of(value.members.begin(), value.members.end(),
                                              [&](const JsonMember& m) { return m.key == key; });
            skip_whitespace();
            JsonValue member_value;
            if (handler_ != nullptr && depth == 1 && !repeated && pos_ < s_.size() &&
                s_[pos_] == '[') {
                member_value = parse_array(depth + 1, key);
            } else {
                member_value = parse_value(depth);
            }
            const auto duplicate = std::find_if(value.members.begin(), value.members.end(),
                                                [&](const JsonMember& m) { return m.key == key; });
            if (duplicate != value.members.end()) {
                result_.issues.push_back(
                    {key_offset, "json.duplicate_key",
                     words("duplicate key \"{key}\" in the same object (first given at {where}); "
                           "keep only one",
                           {{"key", key}, {"where", where(duplicate->key_offset)}}),
                     pointer_, false});
            }
            skip_whitespace();
            const bool more = pos_ < s_.size() && s_[pos_] == ',';
            if (more) {
                check_decimal_comma(member_value);
            }
            pointer_.resize(saved);
            if (duplicate == value.members.end()) {
                value.members.push_back({std::move(key), key_offset, std::move(member_value)});
            }
            if (more) {
                comma = pos_;
                ++pos_;
                continue;
            }
            if (pos_ < s_.size() && s_[pos_] == '}') {
                ++pos_;
                return value;
            }
            if (pos_ >= s_.size()) {
                fatal(pos_, "json.syntax",
                      words("unexpected end of the file inside an object; the file looks "
                            "truncated or a '}' is missing"));
            }
            fatal(pos_, "json.syntax",
                  words("expected ',' or '}' after an object member, found {found}; is a comma "
                        "missing?",
                        {{"found", describe_here()}}));
        }
    }

    /// An array; when `stream_as` is given, its elements go to the handler instead of `items`.
    JsonValue parse_array(std::size_t depth, std::optional<std::string> stream_as = std::nullopt) {
        check_depth(depth);
        JsonValue value;
        value.type = JsonType::array;
        value.offset = pos_;
        value.streamed = stream_as.has_value();
        std::size_t count = 0;
        ++pos_;
        skip_whitespace();
        if (pos_ < s_.size() && s_[pos_] == ']') {
            ++pos_;
            if (stream_as) {
                handler_->list_end(*stream_as);
            }
            return value;
        }
        std::size_t comma = 0; // the comma before this element
        while (true) {
            skip_whitespace();
            if (pos_ < s_.size() && s_[pos_] == ']') {
                // Reported where the comma is: that is what to delete.
                fatal(comma, "json.syntax",
                      words("trailing comma before ']'; remove the comma after the last element"));
            }
            const std::size_t saved = pointer_.size();
            pointer_ += '/';
            pointer_ += std::to_string(count);
            if (stream_as) {
                handler_->element(*stream_as, count, parse_value(depth));
            } else {
                value.items.push_back(parse_value(depth));
            }
            ++count;
            pointer_.resize(saved);
            skip_whitespace();
            if (pos_ < s_.size() && s_[pos_] == ',') {
                comma = pos_;
                ++pos_;
                continue;
            }
            if (pos_ < s_.size() && s_[pos_] == ']') {
                ++pos_;
                if (stream_as) {
                    handler_->list_end(*stream_as);
                }
                return value;
            }
            if (pos_ >= s_.size()) {
                fatal(pos_, "json.syntax",
                      words("unexpected end of the file inside an array; the file looks truncated "
                            "or a ']' is missing"));
            }
            fatal(pos_, "json.syntax",
                  words("expected ',' or ']' after an array element, found {found}; is a comma "
                        "missing?",
                        {{"found", describe_here()}}));
        }
    }

    /// `"weight": 0,5` is a number with a decimal comma, not two values: say so before the parse
    /// stops at the 5 where a key should be. `pos_` is at the comma.
    void check_decimal_comma(const JsonValue& value) {
        if (value.type != JsonType::number || !value.is_integer ||
            value.offset + value.text.size() != pos_ || pos_ + 1 >= s_.size() ||
            s_[pos_ + 1] < '0' || s_[pos_ + 1] > '9') {
            return;
        }
        std::size_t end = pos_ + 1;
        while (end < s_.size() && s_[end] >= '0' && s_[end] <= '9') {
            ++end;
        }
        const std::string fraction(s_.substr(pos_ + 1, end - pos_ - 1));
        fatal(value.offset, "json.syntax",
              words("the number {number} is written with a decimal comma; write {fixed}, with a "
                    "decimal point",
                    {{"number", value.text + "," + fraction},
                     {"fixed", value.text + "." + fraction}}));
    }

    JsonValue parse_literal() {
        JsonValue value;
        value.offset = pos_;
        if (s_.substr(pos_, 4) == "true") {
            value.type = JsonType::boolean;
            value.boolean = true;
            pos_ += 4;
        } else if (s_.substr(pos_, 5) == "false") {
            value.type = JsonType::boolean;
            pos_ += 5;
        } else if (s_.substr(pos_, 4) == "null") {
            pos_ += 4;
        } else {
            fatal(pos_, "json.syntax",
                  words("expected true, false or null, found {found}; text values need double "
                        "quotes",
                        {{"found", describe_here()}}));
        }
        if (pos_ < s_.size() && std::isalnum(static_cast<unsigned char>(s_[pos_])) != 0) {
            fatal(value.offset, "json.syntax",
                  words("unknown word; text values need double quotes"));
        }
        return value;
    }

    JsonValue parse_number() {
        JsonValue value;
        value.type = JsonType::number;
        value.offset = pos_;
        const std::size_t start = pos_;
        auto digit = [&](std::size_t i) {
            return i < s_.size() && s_[i] >= '0' && s_[i] <= '9';
        };
        if (s_[pos_] == '-') {
            ++pos_;
        }
        if (!digit(pos_)) {
            fatal(pos_, "json.syntax",
                  words("expected a digit after '-', found {found}", {{"found", describe_here()}}));
        }
        if (s_[pos_] == '0' && digit(pos_ + 1)) {
            fatal(start, "json.syntax",
                  words("numbers cannot have leading zeros; write the number without them, or in "
                        "double quotes if it is a code"));
        }
        while (digit(pos_)) {
            ++pos_;
        }
        bool integer = true;
        if (pos_ < s_.size() && s_[pos_] == '.') {
            integer = false;
            ++pos_;
            if (!digit(pos_)) {
                fatal(pos_, "json.syntax",
                      words("expected a digit after the decimal point, found {found}",
                            {{"found", describe_here()}}));
            }
            while (digit(pos_)) {
                ++pos_;
            }
        }
        if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
            integer = false;
            ++pos_;
            if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) {
                ++pos_;
            }
            if (!digit(pos_)) {
                fatal(pos_, "json.syntax",
                      words("expected a digit in the exponent, found {found}",
                            {{"found", describe_here()}}));
            }
            while (digit(pos_)) {
                ++pos_;
            }
        }
        value.text = std::string(s_.substr(start, pos_ - start));
        value.is_integer = integer;
        const char* first = s_.data() + start;
        const char* last = s_.data() + pos_;
        const auto [end, error] = std::from_chars(first, last, value.number);
        if (error == std::errc::result_out_of_range || !std::isfinite(value.number)) {
            // Tiny numbers underflow harmlessly to zero; huge ones cannot be represented.
            if (value.text.find("e-") != std::string::npos ||
                value.text.find("E-") != std::string::npos) {
                value.number = 0.0;
            } else {
                value.invalid = true;
                result_.issues.push_back(
                    {start, "json.number_range",
                     words("the number {number} is too large to represent; write a smaller number",
                           {{"number", value.text}}),
                     pointer_, false});
            }
        } else if (error != std::errc{} || end != last) {
            fatal(start, "json.syntax",
                  words("malformed number {number}", {{"number", value.text}}));
        }
        return value;
    }

    unsigned read_hex4() {
        unsigned code = 0;
        for (int k = 0; k < 4; ++k) {
            if (pos_ >= s_.size()) {
                fatal(pos_, "json.syntax", words("unexpected end of the file inside a \\u escape"));
            }
            const char c = s_[pos_];
            code <<= 4U;
            if (c >= '0' && c <= '9') {
                code |= static_cast<unsigned>(c - '0');
            } else if (c >= 'a' && c <= 'f') {
                code |= static_cast<unsigned>(c - 'a' + 10);
            } else if (c >= 'A' && c <= 'F') {
                code |= static_cast<unsigned>(c - 'A' + 10);
            } else {
                fatal(pos_, "json.syntax",
                      words("expected 4 hexadecimal digits after \\u, found {found}",
                            {{"found", describe_here()}}));
            }
            ++pos_;
        }
        return code;
    }

    std::string parse_string() {
        const std::size_t start = pos_;
        ++pos_;
        std::string out;
        while (true) {
            if (pos_ >= s_.size()) {
                fatal(start, "json.syntax",
                      words("string not closed before the end of the file; add the closing '\"'"));
            }
            if (out.size() > max_string_bytes) {
                fatal(start, "json.string_too_long",
                      words("a text longer than {max} bytes; a name or note is at most 1 MiB",
                            {{"max", std::to_string(max_string_bytes)}}));
            }
            const auto c = static_cast<unsigned char>(s_[pos_]);
            if (c == '"') {
                ++pos_;
                return out;
            }
            if (c == '\n' || c == '\r') {
                fatal(start, "json.syntax",
                      words("string not closed before the end of the line; add the closing '\"' "
                            "(a line break inside a text is written \\n)"));
            }
            if (c < 0x20) {
                fatal(pos_, "json.control_character",
                      words("control character {byte} inside a string; write tabs as \\t and "
                            "remove other control characters",
                            {{"byte", hex_byte(c)}}));
            }
            if (c != '\\') {
                const std::size_t length = utf8_sequence_length(s_, pos_);
                out.append(s_.substr(pos_, length));
                pos_ += length;
                continue;
            }
            const std::size_t escape_at = pos_;
            ++pos_;
            if (pos_ >= s_.size()) {
                fatal(pos_, "json.syntax", words("unexpected end of the file inside an escape"));
            }
            const char e = s_[pos_++];
            switch (e) {
            case '"':
                out += '"';
                break;
            case '\\':
                out += '\\';
                break;
            case '/':
                out += '/';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'u': {
                std::uint32_t code = read_hex4();
                if (code >= 0xD800 && code <= 0xDBFF) {
                    if (s_.substr(pos_, 2) != "\\u") {
                        fatal(escape_at, "json.invalid_unicode",
                              words("lone UTF-16 surrogate \\u{code} (a high surrogate must be "
                                    "followed by a low one)",
                                    {{"code", std::string(s_.substr(escape_at + 2, 4))}}));
                    }
                    pos_ += 2;
                    const std::uint32_t low = read_hex4();
                    if (low < 0xDC00 || low > 0xDFFF) {
                        fatal(escape_at, "json.invalid_unicode",
                              words("lone UTF-16 surrogate \\u{code} (not followed by a low "
                                    "surrogate)",
                                    {{"code", std::string(s_.substr(escape_at + 2, 4))}}));
                    }
                    code = 0x10000 + ((code - 0xD800) << 10U) + (low - 0xDC00);
                } else if (code >= 0xDC00 && code <= 0xDFFF) {
                    fatal(escape_at, "json.invalid_unicode",
                          words("lone UTF-16 surrogate \\u{code} (a low surrogate without a high "
                                "one)",
                                {{"code", std::string(s_.substr(escape_at + 2, 4))}}));
                } else if (code == 0) {
                    fatal(escape_at, "json.nul_byte",
                          words("NUL character (\\u0000) in a string; remove it"));
                }
                append_utf8(out, code);
                break;
            }
            default:
                fatal(escape_at, "json.syntax",
                      words("invalid escape \\{letter} in a string; write a backslash as \\\\",
                            {{"letter", std::string(1, e)}}));
            }
        }
    }
};

} // namespace

JsonParseResult parse_json(std::string_view text, std::size_t max_depth, JsonStreamHandler* handler,
                           const text::Words& words) {
    JsonParseResult result;
    Parser(text, max_depth, result, handler, words).run();
    return result;
}

SourcePositions::Position SourcePositions::at(std::size_t offset) const {
    if (line_starts_.empty()) {
        line_starts_.push_back(0);
        for (std::size_t i = 0; i < text_.size(); ++i) {
            if (text_[i] == '\n') {
                line_starts_.push_back(i + 1);
            }
        }
    }
    offset = std::min(offset, text_.size());
    const auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    const auto line_index = static_cast<std::size_t>(next - line_starts_.begin()) - 1;
    std::size_t from = line_starts_[line_index];
    std::size_t column = 1;
    if (line_index == last_line_index_ && offset >= last_offset_ && last_offset_ >= from) {
        from = last_offset_;
        column = last_column_;
    }
    for (std::size_t i = from; i < offset; ++i) {
        if (!is_continuation(static_cast<unsigned char>(text_[i]))) {
            ++column;
        }
    }
    last_line_index_ = line_index;
    last_offset_ = offset;
    last_column_ = column;
    if (line_index == 0 && text_.substr(0, 3) == "\xEF\xBB\xBF" && offset >= 3) {
        --column; // the byte-order mark is invisible in editors
    }
    return {line_index + 1, column};
}

} // namespace stakemap::io::detail
