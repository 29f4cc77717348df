#pragma once
// `stakemap export` as one library call: what an export adds to or takes from a map before any
// writer sees it (the per-actor measures as actor attributes, pseudonyms in place of whatever could
// name an organisation or a person, the looks of each actor in a drawing program), then the io
// writers. The writers (io/export.hpp, io/sheet_export.hpp) know nothing of analysis or drawing;
// every format gets these steps alike.

#include "stakemap/io/export.hpp"
#include "stakemap/io/sheet_export.hpp"
#include "stakemap/model/map.hpp"

#include <string>
#include <vector>

namespace stakemap::report {

using io::ExportOptions;

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

/// A copy of the map that can be published without naming anyone (docs/export.md, "Anonymized
/// exports"): each actor's name becomes its kind's label in `language` and a number, counting the
/// actors of that kind in map order ("Associazione di migranti 3"); actor ids become "actor-N" and
/// relation ids "relation-N" (N: the position in the map, from 1); short names, notes, tags,
/// informants, text attributes, the map's title and description and the needs' notes are dropped.
/// Kinds, levels, areas, services, languages, scores, capacities, number and yes/no attributes,
/// relation types, weights, directions, formality, confidence and dates are kept, and so are the
/// order of actors and relations and every tie. The same map and language give the same result.
model::Map anonymized(const model::Map& map, model::Language language);

/// The map as export_map hands it to the writers: anonymized when options.anonymize, then
/// with_measures when options.with_measures.
model::Map prepared_for_export(const model::Map& map, const ExportOptions& options);

/// Each actor as `stakemap render` draws it: coloured by sector, sized by betweenness on the
/// relations the export keeps (options.types, options.at).
io::ActorLooks actor_looks(const model::Map& map, const ExportOptions& options);

/// The bytes of `stakemap export MAP --to FORMAT`: the map prepared by prepared_for_export, with
/// the looks of actor_looks for GEXF, written by io::export_map. Throws UsageError for csv (a
/// folder: export_sheet_files).
std::string export_map(const model::Map& map, const ExportOptions& options);

/// The files of `stakemap export MAP --to csv`: the prepared map as io::export_sheet_files cuts it.
std::vector<io::SheetFile> export_sheet_files(const model::Map& map, const ExportOptions& options);

} // namespace stakemap::report
