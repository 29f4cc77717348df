#pragma once
// `merge`: several informants' maps made into one consensus map, with a document reporting the
// actors matched by name and the contested ties.

#include "stakemap/analysis/consensus.hpp"
#include "stakemap/model/map.hpp"
#include "stakemap/report/document.hpp"
#include "stakemap/text/words.hpp"

#include <string>
#include <vector>

namespace stakemap::report {

/// One input of `merge`: the file it was read from (for messages) and the map.
struct MergeInput {
    std::string file;
    model::Map map;
};

/// The consensus map and the report about it.
struct MergeOutcome {
    model::Map map;
    Document report;
};

/// The informant name of a map file: its file stem ("rounds/anna.json" → "anna", "-" → "stdin");
/// a stem met before gets "-2", "-3"… in input order.
std::vector<std::string> informant_names(const std::vector<std::string>& files);

/// `merge`: checks the inputs (at least two maps: UsageError; maps of different direction:
/// io::LoadError naming the file; informant actors missing or repeated: UsageError about setting
/// "informant_actors"), computes the consensus and writes the report in `language`.
MergeOutcome merge_document(const std::vector<MergeInput>& inputs,
                            const analysis::ConsensusSettings& settings, model::Language language);

} // namespace stakemap::report
