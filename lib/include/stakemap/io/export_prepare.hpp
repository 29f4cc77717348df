#pragma once
// What an export adds to or takes from a map before any writer sees it: the per-actor measures as
// actor attributes. Writers know nothing of these steps; every format gets them alike.

#include "stakemap/io/export.hpp"
#include "stakemap/model/map.hpp"

#include <string>
#include <vector>

namespace stakemap::io {

/// The attribute names with_measures adds, in order: the keys of `stakemap centrality` (degree,
/// in_degree and out_degree on directed maps only, neighbours, strength, betweenness, closeness,
/// harmonic, eigenvector, pagerank, coreness, constraint, effective_size, clustering).
std::vector<std::string> measure_attribute_names(bool directed);

/// A copy of the map whose actors carry every per-actor measure of SPEC §3 as a number attribute,
/// computed as `stakemap centrality MAP --at all` computes them (exact betweenness, distance
/// 1/weight, parallel relations merged by summing their weights, not normalized) on the relations
/// the export keeps (options.types and options.at). A measure without a value for an actor (Burt's
/// constraint and effective size of an isolated actor) is left out for that actor. An attribute of
/// the map with a measure's name is renamed "attribute.NAME". Throws UsageError (setting "at") when
/// `at` is not a date.
model::Map with_measures(const model::Map& map, const ExportOptions& options);

/// The map as export_map hands it to the writers: with_measures when options.with_measures.
model::Map prepared_for_export(const model::Map& map, const ExportOptions& options);

} // namespace stakemap::io
