#include "stakemap/io/diagnostics.hpp"

#include "stakemap/text/words.hpp"

#include <algorithm>
#include <cstddef>
#include <string_view>

namespace stakemap::io {

std::string to_string(const Diagnostic& diagnostic) {
    if (!diagnostic.where.empty()) {
        return diagnostic.where + ": " + diagnostic.message;
    }
    std::string out = diagnostic.file;
    if (diagnostic.line > 0) {
        out += ':' + std::to_string(diagnostic.line) + ':' + std::to_string(diagnostic.column);
    }
    out += ": ";
    if (!diagnostic.pointer.empty()) {
        out += diagnostic.pointer + ": ";
    }
    out += diagnostic.message;
    return out;
}

namespace {

std::string first_error_text(const std::vector<Diagnostic>& diagnostics) {
    for (const auto& diagnostic : diagnostics) {
        if (diagnostic.severity == Severity::error) {
            return to_string(diagnostic);
        }
    }
    return "the map is not valid";
}

/// Edit distance counting a swap of two neighbouring letters as one edit ("stast" → "stats").
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) {
        d[i][0] = i;
    }
    for (std::size_t j = 0; j <= b.size(); ++j) {
        d[0][j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.size()][b.size()];
}

} // namespace

LoadError::LoadError(std::vector<Diagnostic> diagnostics)
    : Error(ErrorCode::invalid_map, first_error_text(diagnostics)),
      diagnostics_(std::move(diagnostics)) {}

std::string nearest_name(const std::string& wanted, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_distance = 0;
    const std::size_t allowed = std::clamp<std::size_t>(wanted.size() / 3, 1, 3);
    for (const auto& candidate : candidates) {
        const std::size_t longer = std::max(wanted.size(), candidate.size());
        const std::size_t shorter = std::min(wanted.size(), candidate.size());
        if (longer - shorter > allowed) {
            continue; // cannot be within the allowed number of edits
        }
        const std::size_t distance = edit_distance(wanted, candidate);
        if (best.empty() || distance < best_distance ||
            (distance == best_distance && candidate < best)) {
            best = candidate;
            best_distance = distance;
        }
    }
    // Suggest only plausible typos: at most a third of the word, and never more than 3 edits.
    return !best.empty() && best_distance <= allowed ? best : std::string();
}

} // namespace stakemap::io

namespace stakemap::io {

std::string did_you_mean(const text::Words& words, const std::string& wanted,
                         const std::vector<std::string>& candidates) {
    const std::string nearest = nearest_name(wanted, candidates);
    return nearest.empty() ? std::string()
                           : words("; did you mean \"{name}\"?", {{"name", nearest}});
}

std::string unknown_name(const text::Words& words, const std::string& what,
                         const std::string& wanted, const std::vector<std::string>& candidates) {
    return words("{what} \"{name}\" in this map", {{"what", what}, {"name", wanted}}) +
           did_you_mean(words, wanted, candidates);
}

std::string unknown_name(const std::string& what, const std::string& wanted,
                         const std::vector<std::string>& candidates, const std::string& where) {
    return what + " \"" + wanted + "\"" + where +
           did_you_mean(text::Words(text::Language::en), wanted, candidates);
}

} // namespace stakemap::io
