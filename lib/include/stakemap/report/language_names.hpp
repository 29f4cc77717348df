#pragma once
// Names of languages for sentences people read ("1,200 residents speak Bengali").

#include "stakemap/model/map.hpp"

#include <string>

namespace stakemap::report {

/// The name of an ISO 639-1 language code in the chosen language ("bn" → "Bengali" / "bengalese");
/// the code itself when it is not one of the languages listed in docs/coverage.md.
std::string language_name(const std::string& code, model::Language language);

} // namespace stakemap::report
