#pragma once
// How `gaps` results are printed: JSON, tables and sentences in service terms.

#include "stakemap/analysis/gaps.hpp"
#include "stakemap/model/map.hpp"
#include "stakemap/model/rules.hpp"
#include "stakemap/model/vocabulary.hpp"
#include "stakemap/report/input.hpp"
#include "stakemap/report/table.hpp"
#include "stakemap/text/words.hpp"

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
    std::string from_label; ///< --from as written, e.g. "community" (JSON)
    std::string to_label;
    model::ActorSelector from; ///< --from as parsed, named in sentences by its labels
    model::ActorSelector to;
    std::size_t within = 2;
    std::size_t top = 10; ///< cut actors and bridges described in sentences and tables
};

/// How a selector reads in a sentence: the labels of its sectors, kinds and levels ("Comunità",
/// "Consulta dei cittadini stranieri o Sportello immigrati").
std::string selector_label(const model::ActorSelector& selector,
                           const model::Vocabulary& vocabulary, const text::Words& words);

/// The message for a selector that cannot be used, in the reader's language, with the nearest
/// item that would work ("did you mean …?").
std::string selector_error_text(const analysis::SelectorError& error, model::Language language);

/// `{"components", "largest_component", "other_components", "isolates", "cut_actors", "bridges",
/// "mixing", "from_to", "unreached", "overlaps", "rules"}`; see docs/gaps.md.
nlohmann::ordered_json gaps_results(const GapsReport& report);

/// What a removal does, as the second half of a sentence: "2 actors are cut off from the rest of
/// the network (Parioli: 2); the rest of its network loses its only speakers of Tamil".
std::string cut_consequences(const GapsReport& report, const analysis::CutImpact& impact,
                             model::Language language);

/// One sentence per cut actor (the first `top`), in service terms.
std::vector<std::string> cut_actor_sentences(const GapsReport& report, model::Language language);

/// One sentence per bridge (the first `top`).
std::vector<std::string> bridge_sentences(const GapsReport& report, model::Language language);

/// One line per component other than the largest, naming its actors.
std::vector<std::string> component_sentences(const GapsReport& report, model::Language language);

/// The whole report as text paragraphs with tables (`markdown` selects Markdown tables).
std::string gaps_text(const GapsReport& report, model::Language language, bool markdown);

/// The counts a what-if compares: components, isolates, cut actors, bridges, unreached,
/// overlaps and rule violations.
nlohmann::ordered_json gaps_summary(const analysis::GapsResult& gaps);

/// "unreached 3 → 1; cut actors 3 → 2" for the counts that changed ("no change" otherwise).
std::string gaps_changes(const analysis::GapsResult& before, const analysis::GapsResult& after,
                         model::Language language);

/// The records `--format csv` writes, from `results` (gaps_results()): one per finding, in the
/// JSON's order, with the kind of finding in `gap` (other_component, cut_actor, bridge, unreached,
/// overlap, rule) and its fields; lists of areas as "area:actors" texts.
nlohmann::ordered_json gaps_csv_records(const nlohmann::ordered_json& results);

/// One row per finding for spreadsheets: kind of gap, who, what, detail.
Table gaps_table(const GapsReport& report, model::Language language);

/// An actor selector as written for a setting (--from, --to), and whether it was written at all:
/// a selector the user wrote must select someone, a default may select nobody.
struct SelectorSetting {
    std::string text;
    bool given = false;
};

/// Parses a selector setting against the map; throws UsageError about the setting `name`
/// ("from", "to").
model::ActorSelector parse_selector_setting(const SelectorSetting& setting, const char* name,
                                            const Input& input);

/// What `gaps` is asked for.
struct GapsSettings {
    std::string group = "sector"; ///< grouping of the mixing matrix
    SelectorSetting from{"community"};
    SelectorSetting to{"institution"};
    std::size_t within = 2;
    std::string rules = "default"; ///< a rules file, "default" or "none"
    std::size_t top = 10;
};

/// `gaps`: cut actors and critical ties, mixing, unreached actors, overlaps and rules; with a
/// what-if edit, the summary before and after. Throws UsageError for a grouping or a selector the
/// map does not have (before computing).
Document gaps_document(const Input& input, const GapsSettings& settings);

} // namespace stakemap::report
