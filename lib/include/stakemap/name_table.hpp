#pragma once
// Enums with one table of names each: the names a user types on the command line, the names in JSON
// options and the choices listed in help texts and docs all come from the same table.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stakemap {

/// One name per value of an enum, in the order the choices are listed.
template <class Enum, std::size_t N>
using NameTable = std::array<std::pair<Enum, std::string_view>, N>;

namespace detail {

constexpr char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

constexpr bool same_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i])) {
            return false;
        }
    }
    return true;
}

} // namespace detail

/// The name of `value` in `table`.
template <class Enum, std::size_t N>
constexpr std::string_view name_in(const NameTable<Enum, N>& table, Enum value) {
    for (const auto& [entry, name] : table) {
        if (entry == value) {
            return name;
        }
    }
    return {};
}

/// The value called `name` in `table`, ignoring case (a3 is A3); nothing for other names.
template <class Enum, std::size_t N>
constexpr std::optional<Enum> value_in(const NameTable<Enum, N>& table, std::string_view name) {
    for (const auto& [entry, entry_name] : table) {
        if (detail::same_ignoring_case(entry_name, name)) {
            return entry;
        }
    }
    return std::nullopt;
}

/// Every name of `table`, in its order: for help texts and "did you mean" suggestions.
template <class Enum, std::size_t N>
std::vector<std::string> names_in(const NameTable<Enum, N>& table) {
    std::vector<std::string> names;
    names.reserve(N);
    for (const auto& entry : table) {
        names.emplace_back(entry.second);
    }
    return names;
}

} // namespace stakemap
