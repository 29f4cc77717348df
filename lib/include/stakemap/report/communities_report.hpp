#pragma once
// How `communities` results are printed.

#include "stakemap/analysis/communities.hpp"
#include "stakemap/model/map.hpp"
#include "stakemap/report/input.hpp"
#include "stakemap/report/table.hpp"

#include "stakemap/model/vocabulary.hpp"

#include <array>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stakemap::report {

/// A partition of a map and how it lines up with groupings of the actors.
struct CommunitiesReport {
    const model::Map* map = nullptr;
    analysis::Partition partition;
    /// (grouping name, contingency of communities × groups), e.g. ("area", …), ("sector", …).
    std::vector<std::pair<std::string, analysis::Contingency>> alignments;
};

/// `{"modularity", "count", "actors": [{"id", "name", "community"}], "communities": [{"community",
/// "size", "members"}], "alignment": {GROUPING: {"nmi", "groups", "rows": [{"community",
/// "counts"}]}}}`; communities are numbered from 1.
nlohmann::ordered_json communities_results(const CommunitiesReport& report);

/// One row per community: its number, size and members' names.
Table communities_table(const CommunitiesReport& report, model::Language language);

/// The contingency table of one alignment: a row per community, a column per group.
Table alignment_table(const model::Map& map, const model::Vocabulary& vocabulary,
                      const std::string& grouping, const analysis::Contingency& contingency,
                      model::Language language);

/// A heading line per alignment, e.g. "Communities and area: normalised mutual information 0.42".
std::string alignment_heading(const std::string& grouping, const analysis::Contingency& contingency,
                              model::Language language);

/// Each method with its name on the command line and in the JSON options.
inline constexpr NameTable<analysis::CommunityMethod, 3> community_method_names{{
    {analysis::CommunityMethod::leiden, "leiden"},
    {analysis::CommunityMethod::louvain, "louvain"},
    {analysis::CommunityMethod::label_propagation, "labelprop"},
}};

/// `communities`: the partition, its modularity, and how it lines up with areas and sectors.
/// The input's run control replaces the one in `options`.
Document communities_document(const Input& input, analysis::CommunityOptions options);

} // namespace stakemap::report
