#pragma once
// How `assess` results are printed: the overall score, each theme with its indicators (value,
// threshold, status, reason, recommendation), and the resemblance to the three organisational
// models. Every word goes through the catalogue; the rubric's texts are English message ids.

#include "stakemap/analysis/assess.hpp"
#include "stakemap/model/map.hpp"
#include "stakemap/model/rubric.hpp"
#include "stakemap/report/input.hpp"

#include <optional>
#include <string>
#include <vector>

namespace stakemap::report {

/// What `assess` is asked for.
struct AssessSettings {
    /// "default" (data/assessment/default.json) or the path of a rubric file.
    std::string rubric = "default";
    /// The previous round's map, for `previous_score` beside each score, stability and referral
    /// change.
    std::optional<model::Map> previous;
    /// The previous map's file name: its title when it has none.
    std::string previous_source;
    /// Below this overall score, the document reports problems found (exit 1).
    std::optional<double> fail_under;
    std::size_t access_target = 3;
};

/// The rubric `settings.rubric` names: the default one, or a file read with every error reported
/// (io::LoadError, exit 3).
model::Rubric rubric_for(const std::string& rubric, model::Language language);

/// The English texts of the default rubric (labels, reasons, recommendations), marked for the
/// catalogue.
const std::vector<const char*>& default_rubric_messages();

/// `assess`: the overall score, one table per theme, the reasons and recommendations, and the
/// organisational models; with a previous round, each score's previous value beside it. Throws
/// io::LoadError for an invalid rubric, UsageError for a fail-under outside 0–100.
Document assess_document(const Input& input, const AssessSettings& settings);

} // namespace stakemap::report
