#pragma once
// The self-assessment rubric (format "stakemap-rubric/1", docs/assessment.md): themes, and for each
// indicator what it measures, its thresholds and weight, and the English texts people read. Read by
// io/rubric_reader, scored by analysis/assess.

#include <optional>
#include <string>
#include <vector>

namespace stakemap::model {

/// Which side of a threshold is good.
enum class ThresholdDirection {
    at_least, ///< met when the value is at least the threshold
    at_most,  ///< met when the value is at most the threshold
};

/// One theme of the assessment (governance, community, monitoring, access).
struct RubricTheme {
    std::string id;
    std::string label; ///< English; translated through the catalogue when it has the text
    double weight = 1.0;
    bool operator==(const RubricTheme&) const = default;
};

/// One indicator: a measure of the map compared with two thresholds.
struct RubricIndicator {
    std::string id;
    std::string theme;
    std::string measure; ///< what is computed (analysis::assessment_measures())
    ThresholdDirection direction = ThresholdDirection::at_least;
    double met = 0.0;
    std::optional<double> partly; ///< none: the indicator is either met or not met
    double weight = 1.0;
    std::string label;          ///< English
    std::string reason;         ///< English, with {value}, {met} and {partly}
    std::string recommendation; ///< English, shown when the indicator is not met
    bool operator==(const RubricIndicator&) const = default;
};

struct Rubric {
    std::vector<RubricTheme> themes;
    std::vector<RubricIndicator> indicators; ///< grouped by theme in the report, file order within
    bool operator==(const Rubric&) const = default;
};

} // namespace stakemap::model
