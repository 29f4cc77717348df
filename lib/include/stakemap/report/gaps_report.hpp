#pragma once
// How `gaps` results are printed: JSON, tables and sentences in service terms.

#include "stakemap/analysis/gaps.hpp"
#include "stakemap/model/map.hpp"
#include "stakemap/model/rules.hpp"
#include "stakemap/model/vocabulary.hpp"
#include "stakemap/report/table.hpp"

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace stakemap::report {

struct GapsReport {
    const model::Map* map = nullptr;
    const model::Vocabulary* vocabulary = nullptr;
    const graph::AnalysisGraph* graph = nullptr;
    const model::RuleSet* rules = nullptr;
    analysis::GapsResult gaps;
    std::string from_label; ///< how --from reads, e.g. "community"
    std::string to_label;
    std::size_t within = 2;
    std::size_t top = 10; ///< cut actors and bridges described in sentences and tables
};

/// `{"components", "largest_component", "isolates", "cut_actors", "bridges", "mixing", "from_to",
/// "unreached", "overlaps", "rules"}`; see docs/gaps.md.
nlohmann::ordered_json gaps_results(const GapsReport& report);

/// One sentence per cut actor (the first `top`), in service terms.
std::vector<std::string> cut_actor_sentences(const GapsReport& report, model::Language language);

/// One sentence per bridge (the first `top`).
std::vector<std::string> bridge_sentences(const GapsReport& report, model::Language language);

/// The whole report as text paragraphs with tables (`markdown` selects Markdown tables).
std::string gaps_text(const GapsReport& report, model::Language language, bool markdown);

/// The counts a what-if compares: components, isolates, cut actors, bridges, unreached,
/// overlaps and rule violations.
nlohmann::ordered_json gaps_summary(const analysis::GapsResult& gaps);

/// "unreached 3 → 1; cut actors 3 → 2" for the counts that changed ("no change" otherwise).
std::string gaps_changes(const analysis::GapsResult& before, const analysis::GapsResult& after,
                         model::Language language);

/// One row per finding for spreadsheets: kind of gap, who, what, detail.
Table gaps_table(const GapsReport& report, model::Language language);

} // namespace stakemap::report
