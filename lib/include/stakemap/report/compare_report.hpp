#pragma once
// How `compare` results are printed: a table with a row per figure and a column per option (the
// map as it is first), the options that do best on each row, and for each option what it reaches
// and at what cost in new actors and ties. Every word goes through the catalogue.

#include "stakemap/analysis/assess.hpp"
#include "stakemap/report/document.hpp"
#include "stakemap/report/input.hpp"

#include <string>
#include <vector>

namespace stakemap::report {

/// What `compare` is asked for.
struct CompareSettings {
    /// Option files (stakemap-option/1), applied each on its own to the map.
    std::vector<std::string> options;
    /// "default" (data/assessment/default.json) or the path of a rubric file.
    std::string rubric = "default";
    std::size_t access_target = 3;
    std::size_t within = 2;
};

/// `compare`. Throws io::LoadError for an option or rubric that is not valid or does not fit the
/// map, io::FileError for a file that cannot be read, UsageError without options or for two
/// options with the same id.
Document compare_document(const Input& input, const CompareSettings& settings);

/// The name of an organisational model in the language of `words`.
std::string model_label(analysis::OrganisationalModel model, const text::Words& words);

} // namespace stakemap::report
