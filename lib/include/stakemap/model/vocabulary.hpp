#pragma once
// The vocabulary a map is read against: the defaults shipped in data/vocab/ merged with the map's
// own kinds and services.

#include "stakemap/model/map.hpp"

#include <optional>
#include <string>
#include <vector>

namespace stakemap::model {

/// One entry of a vocabulary list (sector, level, service, relation type, formality).
struct Term {
    std::string id;
    Label label;
    bool operator==(const Term&) const = default;
};

/// A kind with every default resolved.
struct KindTerm {
    std::string id;
    Label label;
    std::string sector; ///< "" when the kind has no sector
    bool access_point = false;
    bool operator==(const KindTerm&) const = default;
};

/// Level of governance, ordered from neighbourhood (1) to European (8).
struct LevelTerm {
    std::string id;
    Label label;
    int rank = 0;
    bool operator==(const LevelTerm&) const = default;
};

/// All vocabulary lists, each in a fixed order.
struct Vocabulary {
    std::vector<Term> sectors;
    std::vector<LevelTerm> levels;
    std::vector<KindTerm> kinds;
    std::vector<Term> services;
    std::vector<Term> relation_types;
    std::vector<Term> formality;

    const KindTerm* find_kind(const std::string& id) const;
    const Term* find_service(const std::string& id) const;
    const Term* find_sector(const std::string& id) const;
    const LevelTerm* find_level(const std::string& id) const;
    const Term* find_relation_type(const std::string& id) const;
    const Term* find_formality(const std::string& id) const;

    /// This vocabulary extended or overridden by the kinds and services declared in a map.
    Vocabulary merged_with(const Map& map) const;
};

/// Whether the actor is an access point: its own flag, else its kind's default.
bool is_access_point(const Actor& actor, const Vocabulary& vocabulary);
/// The actor's sector id through its kind, "" when unknown.
std::string sector_of(const Actor& actor, const Vocabulary& vocabulary);

} // namespace stakemap::model
