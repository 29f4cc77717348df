#pragma once
// How `diff` results are printed: the JSON of SPEC §4.3, the change records CSV writes, and a
// monitoring report in the reader's language — how stable the ties are, who joined and left,
// relations by type, figures before and after, the actors whose position moved most, gaps closed
// and opened, coverage per area. Definitions: docs/monitoring.md.

#include "stakemap/analysis/diff.hpp"
#include "stakemap/report/input.hpp"

#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace stakemap::report {

/// What `diff` is asked for.
struct DiffSettings {
    std::size_t top = 5; ///< actors listed for each measure whose value moved most
};

/// The name of a map field for people ("services" / «servizi»); an attribute is named by its key.
std::string field_label(const std::string& field, model::Language language);

/// The sentence that opens a monitoring report: how stable the network is by RSiena's reading of
/// the Jaccard index, and what it rests on ("The network is stable: the Jaccard index is 0.42 …").
std::string stability_reading(const analysis::TieStability& stability, model::Language language);

/// `diff`: what changed from the round `before` to the round `after` (two maps, or one map at two
/// dates). Both inputs must share their settings other than the map and the date.
Document diff_document(const Input& before, const Input& after, const DiffSettings& settings = {});

} // namespace stakemap::report
