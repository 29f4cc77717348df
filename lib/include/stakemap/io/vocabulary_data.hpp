#pragma once
// The raw JSON of data/vocab/*.json, embedded at build time (see cmake/embed_files.cmake).

namespace stakemap::io::detail {
extern const char* const vocabulary_sectors_json;
extern const char* const vocabulary_levels_json;
extern const char* const vocabulary_kinds_json;
extern const char* const vocabulary_services_json;
extern const char* const vocabulary_relation_types_json;
extern const char* const vocabulary_formality_json;
/// data/rules/default.json
extern const char* const default_rules_json;
/// data/assessment/default.json
extern const char* const default_rubric_json;
} // namespace stakemap::io::detail
