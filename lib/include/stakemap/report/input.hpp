#pragma once
// The opening every analysis command shares: the map as read, the what-if edit applied, the
// analysis graph built with the settings, and the vocabulary merged with the map's own terms.

#include "stakemap/analysis/run_control.hpp"
#include "stakemap/graph/analysis_graph.hpp"
#include "stakemap/model/map.hpp"
#include "stakemap/model/vocabulary.hpp"
#include "stakemap/model/what_if.hpp"
#include "stakemap/report/document.hpp"
#include "stakemap/text/words.hpp"

#include <array>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stakemap::report {

inline constexpr NameTable<graph::Distance, 3> distance_names{{
    {graph::Distance::inverse, "inverse"},
    {graph::Distance::unit, "unit"},
    {graph::Distance::weight, "weight"},
}};
inline constexpr NameTable<graph::Merge, 2> merge_names{{
    {graph::Merge::sum, "sum"},
    {graph::Merge::max, "max"},
}};

/// The settings of SPEC §4 every analysis shares.
struct AnalysisSettings {
    /// The map's file name: the title of a map without one.
    std::string source;
    /// Analyse only these relation types (empty: all).
    std::vector<std::string> types;
    /// "" for the map's own date (every relation when it has none), "all", or YYYY-MM-DD.
    std::string at;
    graph::Distance distance = graph::Distance::inverse;
    graph::Merge merge = graph::Merge::sum;
    unsigned threads = 0; ///< 0: every core
    model::Language language = model::Language::en;
    /// Analyse the map with this edit applied (--remove, --add-relation).
    std::optional<model::WhatIf> what_if;
    /// Progress, stop requests and warnings handed to every analysis the document runs.
    analysis::RunControl control;
};

/// A map ready for analysis. Not copyable nor movable: results keep pointers into it.
class Input {
public:
    /// Applies the what-if edit (throws model::WhatIfError when it does not fit the map) and
    /// builds the graph.
    Input(model::Map map, AnalysisSettings settings);
    Input(const Input&) = delete;
    Input& operator=(const Input&) = delete;

    /// The map analysed: with the what-if edit applied, when there is one.
    const model::Map& map() const { return edited_ ? *edited_ : original_; }
    /// The map as read.
    const model::Map& original() const { return original_; }
    const graph::AnalysisGraph& graph() const { return graph_; }
    const model::Vocabulary& vocabulary() const { return vocabulary_; }
    const AnalysisSettings& settings() const { return settings_; }
    const graph::BuildOptions& build_options() const { return build_; }
    model::Language language() const { return settings_.language; }
    bool has_what_if() const { return edited_.has_value(); }

    /// The graph of the map as read (built on each call: only what-if comparisons need it).
    graph::AnalysisGraph original_graph() const;
    /// The map's title, or its file name.
    std::string title() const;
    /// The shared options as the JSON envelope shows them: types, at (and at_source), distance,
    /// merge.
    nlohmann::ordered_json options_json() const;
    /// {"removed": [...], "added": [...]}; call only with a what-if edit.
    nlohmann::ordered_json what_if_json() const;
    /// "What if: without a b; with the tie c–d"; call only with a what-if edit.
    std::string what_if_text() const;

private:
    model::Map original_;
    std::optional<model::Map> edited_;
    AnalysisSettings settings_;
    graph::BuildOptions build_;
    model::Vocabulary vocabulary_;
    graph::AnalysisGraph graph_;
};

/// Throws UsageError about `setting` ("by", "group") when the map has no grouping `name` (kind,
/// sector, level, area or an attribute of its actors).
void check_grouping(const Input& input, const std::string& name, const char* setting);

/// A document about `input` for `command`: the map's summary, the title, and the shared options
/// (the command adds its own options, lead lines, blocks and results).
Document new_document(const Input& input, std::string command);

} // namespace stakemap::report
