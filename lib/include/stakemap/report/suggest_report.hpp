#pragma once
// How `suggest` results are printed: the goal-driven links with their measured gains, and the
// link-prediction ranking.

#include "stakemap/analysis/suggest.hpp"
#include "stakemap/model/map.hpp"
#include "stakemap/model/vocabulary.hpp"
#include "stakemap/report/gaps_report.hpp"
#include "stakemap/report/input.hpp"
#include "stakemap/report/table.hpp"

#include <array>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stakemap::report {

struct SuggestReport {
    const model::Map* map = nullptr;
    const model::Vocabulary* vocabulary = nullptr;
    std::optional<analysis::SuggestResult> goal; ///< none with --goal none
    /// When the goal found no link: the other goals that can gain on this map.
    std::optional<std::vector<analysis::Goal>> goals_that_gain;
    std::size_t within = 2;
    std::string from_label; ///< --from as written (JSON)
    std::string to_label;
    model::ActorSelector from; ///< --from as parsed, named in sentences by its labels
    model::ActorSelector to;
    analysis::Candidates candidates = analysis::Candidates::plausible;
    std::vector<analysis::LinkScores> predicted; ///< ranked, the first --top
    std::string score = "adamic_adar";           ///< the score `predicted` is ranked by
};

/// The link-prediction pairs ranked by a score (highest first, ties by source then target), the
/// first `top` of them. Throws UsageError for an unknown score name.
std::vector<analysis::LinkScores> rank_links(std::vector<analysis::LinkScores> scores,
                                             const std::string& score, std::size_t top);

/// The score names --score takes, in the order they are listed.
const std::vector<std::string>& score_names();

/// `{"goal": {...}, "link_prediction": {...}}`; see docs/gaps.md.
nlohmann::ordered_json suggest_results(const SuggestReport& report);

/// The goal's name in a sentence ("reach" / "raggiungibilità").
std::string goal_label(analysis::Goal goal, model::Language language);

/// "Goal «reach»: unreached 5 → 0 with 5 new links".
std::string goal_summary(const SuggestReport& report, model::Language language);

/// One sentence per suggested link, saying what it fixes and its measured gain; when the goal
/// found none, why not and which goals can gain on this map.
std::vector<std::string> suggestion_sentences(const SuggestReport& report,
                                              model::Language language);

/// "Unlinked pairs by Adamic–Adar index".
std::string prediction_heading(const SuggestReport& report, model::Language language);

/// The goal-driven links as a table (rank, source, target, gain, objective after); numbers
/// written for files.
Table suggestions_table(const SuggestReport& report, model::Language language);

/// The link-prediction ranking as a table; numbers written for people when `readable` (terminal
/// and Markdown), for files otherwise (CSV).
Table prediction_table(const SuggestReport& report, model::Language language,
                       bool readable = false);

/// Each candidate policy with its name on the command line and in the JSON options.
inline constexpr NameTable<analysis::Candidates, 2> candidates_names{{
    {analysis::Candidates::plausible, "plausible"},
    {analysis::Candidates::any, "any"},
}};

/// What `suggest` is asked for.
struct SuggestSettings {
    std::optional<analysis::Goal> goal = analysis::Goal::reach; ///< none: rank pairs only
    std::size_t k = 5;
    SelectorSetting from{"community"};
    SelectorSetting to{"institution"};
    std::size_t within = 2;
    analysis::Candidates candidates = analysis::Candidates::plausible;
    std::string score = "adamic_adar"; ///< one of score_names()
    std::size_t top = 10;
};

/// `suggest`: the goal's links with their measured gains, and the link-prediction ranking.
/// Throws UsageError for a selector that selects nobody.
Document suggest_document(const Input& input, const SuggestSettings& settings);

} // namespace stakemap::report
