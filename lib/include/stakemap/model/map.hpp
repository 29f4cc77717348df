#pragma once
// The map: plain data describing actors, relations and the territory they work in.
// No algorithms live here; see graph/ and analysis/.

#include "stakemap/model/id_index.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace stakemap::model {

/// The only format identifier this version reads and writes.
inline constexpr const char* format_id = "stakemap/1";

/// A label in the two languages stakemap speaks. A label given once is used for both.
struct Label {
    std::string it;
    std::string en;
    bool operator==(const Label&) const = default;
};

/// One language of the interface, by its ISO 639-1 code ("it", "en"). English is the language of
/// the source texts; any other language is one catalogue, po/CODE.po (see text/words.hpp).
class Language {
public:
    constexpr Language() = default;
    /// The language with this code; codes longer than 7 characters are cut.
    static constexpr Language from_code(std::string_view code) {
        Language language;
        language.code_ = {};
        for (std::size_t i = 0; i < code.size() && i + 1 < language.code_.size(); ++i) {
            language.code_[i] = code[i];
        }
        return language;
    }
    std::string_view code() const { return std::string_view(code_.data()); }
    constexpr bool operator==(const Language&) const = default;

    static const Language it;
    static const Language en;

private:
    std::array<char, 8> code_{'e', 'n'};
};
inline constexpr Language Language::it = Language::from_code("it");
inline constexpr Language Language::en = Language::from_code("en");

/// The label text in the given language, falling back to the other one when empty.
const std::string& text(const Label& label, Language language);

/// An attribute value of an actor or a relation: text, number or yes/no.
using AttributeValue = std::variant<std::string, double, bool>;

/// A neighbourhood, district or municipality: the unit on which coverage is computed.
struct Area {
    std::string id;
    std::string name;
    std::optional<std::string> parent;
    std::optional<std::int64_t> population;
    std::optional<std::int64_t> foreign_residents;
    /// Share of foreign residents per language code, sorted by code.
    std::map<std::string, double> languages;
    bool operator==(const Area&) const = default;
};

/// What an actor is (help desk, association, consulta…), with its sector and access-point default.
struct Kind {
    std::string id;
    std::optional<Label> label;
    /// Empty optional: not given; optional holding "": explicitly no sector (JSON null).
    std::optional<std::string> sector;
    std::optional<bool> access_point;
    bool operator==(const Kind&) const = default;
};

/// Something an actor offers and an area may need.
struct Service {
    std::string id;
    std::optional<Label> label;
    bool operator==(const Service&) const = default;
};

/// Any organisation or role on the map.
struct Actor {
    std::string id;
    std::string name;
    std::optional<std::string> short_name;
    std::optional<std::string> kind;
    std::optional<std::string> level;
    std::optional<std::string> area;
    /// Areas served; empty optional means "the actor's own area".
    std::optional<std::vector<std::string>> serves;
    bool serves_all = false;
    std::vector<std::string> services;
    std::vector<std::string> languages;
    std::optional<double> capacity;
    std::optional<int> power;
    std::optional<int> interest;
    std::optional<int> legitimacy;
    std::optional<int> urgency;
    std::optional<bool> access_point;
    std::vector<std::string> tags;
    std::map<std::string, AttributeValue> attributes;
    std::string note;
    bool operator==(const Actor&) const = default;

    /// The kind id, "actor" when none is given.
    const std::string& kind_id() const;
};

/// A tie between two actors.
struct Relation {
    std::optional<std::string> id;
    std::string source;
    std::string target;
    std::optional<std::string> type;
    double weight = 1.0;
    std::optional<bool> directed;
    std::optional<std::string> since;
    std::optional<std::string> until;
    std::optional<std::string> formality;
    std::optional<double> confidence;
    std::vector<std::string> informants;
    /// Share of the informants who reported the tie, 0–1 (written by `merge`).
    std::optional<double> agreement;
    /// The map's own fields of the tie (e.g. "funding", "since_meeting"), as for actors.
    std::map<std::string, AttributeValue> attributes;
    std::string note;
    bool operator==(const Relation&) const = default;
};

/// Demand for a service in an area, from a needs survey.
struct Need {
    std::string area;
    std::string service;
    std::optional<double> demand;
    std::vector<std::string> languages;
    std::string note;
    bool operator==(const Need&) const = default;
};

/// Whether a relation is in force on `date` (YYYY-MM-DD): since ≤ date < until, a missing bound
/// being open. Dates are YYYY-MM-DD, so text order is date order.
bool in_force(const Relation& relation, const std::string& date);

/// Whether a relation is among those `--types` and `--at` keep (SPEC §2): its type is one of
/// `types` (any type when `types` is empty) and it is in force on `at` (any date when none).
bool kept(const Relation& relation, const std::vector<std::string>& types,
          const std::optional<std::string>& at);

/// A whole map file. Lists keep the file's order; positions in `actors` are the stable actor
/// indices.
struct Map {
    std::string format = format_id;
    std::string title;
    std::optional<std::string> date;
    std::string description;
    bool directed = false;
    std::vector<Area> areas;
    std::vector<Kind> kinds;
    std::vector<Service> services;
    std::vector<Actor> actors;
    std::vector<Relation> relations;
    std::vector<Need> needs;
    bool operator==(const Map&) const = default;

    /// Whether a relation is directed, applying the map's default.
    bool is_directed(const Relation& relation) const {
        return relation.directed.value_or(directed);
    }
    /// Index of the actor with this id, or nullopt. O(1) on average (see IdIndex).
    std::optional<std::size_t> actor_index(const std::string& id) const;
    /// Index of the area with this id, or nullopt. O(1) on average (see IdIndex).
    std::optional<std::size_t> area_index(const std::string& id) const;
    /// Every actor id, in map order (for "did you mean" messages).
    std::vector<std::string> actor_ids() const;
    /// Every area id, in map order.
    std::vector<std::string> area_ids() const;

    /// The lookups behind actor_index and area_index: a cache, checked against `actors` and
    /// `areas` on every use, empty in a copy and ignored by ==. Public only so that Map stays an
    /// aggregate.
    IdIndex actor_lookup;
    IdIndex area_lookup;
};

} // namespace stakemap::model
