#pragma once
// How `profile` results are printed.

#include "stakemap/analysis/profile.hpp"
#include "stakemap/model/map.hpp"
#include "stakemap/model/vocabulary.hpp"
#include "stakemap/report/input.hpp"

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace stakemap::report {

/// `{"actor", "name", "kind", "sector", "area", "measures", "brokerage", "quadrant", "salience",
/// "ego", "without"}`; see docs/gaps.md.
nlohmann::ordered_json profile_results(const model::Map& map,
                                       const analysis::ActorProfile& profile);

/// The profile as readable text (`markdown` for Markdown), in the chosen language.
std::string profile_text(const model::Map& map, const model::Vocabulary& vocabulary,
                         const graph::AnalysisGraph& graph, const analysis::ActorProfile& profile,
                         model::Language language, bool markdown);

/// `profile`: everything about the actor `id`. Throws UsageError when the map has no such actor.
Document profile_document(const Input& input, const std::string& id);

} // namespace stakemap::report
