#pragma once
// The default vocabulary shipped in data/vocab/ and built into the library.

#include "stakemap/model/vocabulary.hpp"

namespace stakemap::io {

/// The built-in vocabulary (kinds, services, sectors, levels, relation types, formality).
const model::Vocabulary& default_vocabulary();

} // namespace stakemap::io
