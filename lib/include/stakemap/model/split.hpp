#pragma once
// Splitting a list written on one line ("information,housing" or "a, b, c"), as options give them.

#include <string>
#include <string_view>
#include <vector>

namespace stakemap::model {

/// The items of `text` separated by `separator`, in order, each without the white space around it;
/// empty items ("a,,b", a trailing comma, "a, ,b") are skipped. Duplicates are kept.
std::vector<std::string> split_list(std::string_view text, char separator = ',');

} // namespace stakemap::model
