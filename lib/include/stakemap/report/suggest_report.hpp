#pragma once
// How `suggest` results are printed: the goal-driven links with their measured gains, and the
// link-prediction ranking.

#include "stakemap/analysis/suggest.hpp"
#include "stakemap/model/map.hpp"
#include "stakemap/report/table.hpp"

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace stakemap::report {

struct SuggestReport {
    const model::Map* map = nullptr;
    std::optional<analysis::SuggestResult> goal; ///< none with --goal none
    std::size_t within = 2;
    std::string from_label;
    std::string to_label;
    std::vector<analysis::LinkScores> predicted; ///< ranked, the first --top
    std::string score = "adamic_adar";           ///< the score `predicted` is ranked by
};

/// The link-prediction pairs ranked by a score (highest first, ties by source then target), the
/// first `top` of them. Throws std::invalid_argument for an unknown score name.
std::vector<analysis::LinkScores> rank_links(std::vector<analysis::LinkScores> scores,
                                             const std::string& score, std::size_t top);

/// `{"goal": {...}, "link_prediction": {...}}`; see docs/gaps.md.
nlohmann::ordered_json suggest_results(const SuggestReport& report);

/// One sentence per suggested link, saying what it fixes and its measured gain.
std::vector<std::string> suggestion_sentences(const SuggestReport& report,
                                              model::Language language);

/// The goal-driven links as a table (rank, source, target, gain, objective after).
Table suggestions_table(const SuggestReport& report, model::Language language);

/// The link-prediction ranking as a table.
Table prediction_table(const SuggestReport& report, model::Language language);

} // namespace stakemap::report
