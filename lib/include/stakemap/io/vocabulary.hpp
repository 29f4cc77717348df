#pragma once
// The default vocabulary shipped in data/vocab/ and built into the library, and how a value that is
// not in it is matched to the term it most likely means.

#include "stakemap/model/vocabulary.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace stakemap::io {

/// The built-in vocabulary (kinds, services, sectors, levels, relation types, formality).
const model::Vocabulary& default_vocabulary();

/// A name as people vary it: lower case, accents taken off, and only letters and digits kept
/// ("Associazione di migranti" → "associazionedimigranti", "co-design" → "codesign").
std::string normalized_name(std::string_view name);

/// The id of the term `wanted` most likely means: a term whose id or label (Italian or English) is
/// the same up to case, accents, spaces, underscores and hyphens, else the one closest by a few
/// edits (as nearest_name); "" when none is close. "associazione_migranti" and "Associazione di
/// migranti" both give "migrant_association".
std::string nearest_term(const std::string& wanted, const std::vector<model::Term>& terms);
std::string nearest_term(const std::string& wanted, const std::vector<model::KindTerm>& terms);
std::string nearest_term(const std::string& wanted, const std::vector<model::LevelTerm>& terms);

} // namespace stakemap::io
