#pragma once
// A strict JSON parser that keeps the byte offset of every value and key, so that any problem found
// later can be reported with its line and column. It enforces the limits of SPEC §7 while parsing:
// valid UTF-8, no NUL bytes, no duplicate keys, bounded nesting. nlohmann/json gives no positions
// for values and recurses on deep input when copying, so maps are read with this parser instead.

#include "stakemap/text/words.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace stakemap::io::detail {

enum class JsonType { null, boolean, number, string, array, object };

struct JsonMember;

/// A parsed JSON value with its position in the source.
struct JsonValue {
    JsonType type = JsonType::null;
    std::size_t offset = 0; ///< byte offset of the value's first character
    bool boolean = false;
    double number = 0.0;
    bool is_integer = false; ///< written without fraction or exponent
    bool invalid = false;    ///< already reported (e.g. a number out of range)
    bool streamed = false;   ///< an array whose elements went to a JsonStreamHandler
    std::string text;        ///< string contents, or the number as written
    std::vector<JsonValue> items;
    std::vector<JsonMember> members;

    /// The member with this key, or nullptr.
    const JsonValue* find(std::string_view key) const;
};

struct JsonMember {
    std::string key;
    std::size_t key_offset = 0;
    JsonValue value;
};

/// A problem found while parsing. `fatal` problems stop the parse.
struct JsonIssue {
    std::size_t offset = 0;
    std::string code;
    std::string message;
    std::string pointer;
    bool fatal = true;
};

struct JsonParseResult {
    JsonValue root;
    bool complete = false; ///< false when a fatal issue stopped the parse
    std::vector<JsonIssue> issues;
};

/// Receives the elements of the arrays that are direct members of the root object one at a time, so
/// that a large map is read without holding the whole document in memory.
class JsonStreamHandler {
public:
    virtual ~JsonStreamHandler() = default;
    /// One element of the root member `list`; it is not kept in the document.
    virtual void element(std::string_view list, std::size_t index, JsonValue&& value) = 0;
    /// The array `list` is complete.
    virtual void list_end(std::string_view list) = 0;
};

/// Parses `text` strictly (RFC 8259; a leading UTF-8 byte-order mark is skipped). With a handler,
/// the arrays directly under the root object are streamed to it (their JsonValue stays empty, with
/// `streamed` set); a member repeated at the root is parsed and reported, never streamed twice.
/// Messages are written in the language of `words`.
/// The longest string the parser accepts, in bytes once unescaped: far beyond any name or note,
/// and it keeps one string from taking the memory the file size limit allows.
inline constexpr std::size_t max_string_bytes = std::size_t{1} << 20;

JsonParseResult parse_json(std::string_view text, std::size_t max_depth,
                           JsonStreamHandler* handler = nullptr,
                           const text::Words& words = text::Words(text::Language::en));

/// Maps byte offsets to 1-based line and column (columns count Unicode characters). The line index
/// is built on the first question, so a file without problems never pays for it.
class SourcePositions {
public:
    explicit SourcePositions(std::string_view text) : text_(text) {}
    struct Position {
        std::size_t line;
        std::size_t column;
    };
    Position at(std::size_t offset) const;

private:
    std::string_view text_;
    mutable std::vector<std::size_t> line_starts_;
    // The last position asked for: diagnostics come mostly in document order, and a minified map
    // is one line of megabytes, so each column is counted on from the last one rather than from
    // the line's start (which made 90,000 errors on one line take seconds).
    mutable std::size_t last_line_index_ = 0;
    mutable std::size_t last_offset_ = 0;
    mutable std::size_t last_column_ = 1;
};

/// Escapes a key for use in a JSON pointer (RFC 6901).
std::string pointer_token(std::string_view key);
/// Appends the escaped key to a pointer being built.
void append_pointer_token(std::string& out, std::string_view key);

/// "a string", "a number", "an object"… for messages, in the language of `words`.
std::string describe(JsonType type, const text::Words& words);

/// "line 3, column 7" in the language of `words`.
std::string line_and_column(const SourcePositions& positions, std::size_t offset,
                            const text::Words& words);

} // namespace stakemap::io::detail
