#include "stakemap/analysis/consensus.hpp"

#include "stakemap/error.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

namespace stakemap::analysis {

namespace {

/// U+0100–U+017F (Latin Extended-A) without their marks, one letter per code point except Ĳ and Œ.
constexpr std::string_view extended_a = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii"
                                        "\x01\x01jjkkkllllllllllnnnnnnnnnoooooo\x02\x02rrrrrrsss"
                                        "sssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/// U+00C0–U+00FF without marks, lower case; "" for × and ÷ (punctuation).
constexpr std::array<std::string_view, 64> latin1 = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};

/// Decodes one UTF-8 sequence at `i` (maps are valid UTF-8; a stray byte stands for itself).
char32_t decode(std::string_view text, std::size_t& i) {
    const auto byte = [&](std::size_t k) {
        return static_cast<unsigned char>(text[k]);
    };
    const unsigned char first = byte(i);
    std::size_t length = first < 0x80           ? 1
                         : (first >> 5) == 0x6  ? 2
                         : (first >> 4) == 0xE  ? 3
                         : (first >> 3) == 0x1E ? 4
                                                : 1;
    if (i + length > text.size()) {
        length = 1;
    }
    char32_t code = length == 1   ? first
                    : length == 2 ? first & 0x1F
                    : length == 3 ? first & 0x0F
                                  : first & 0x07;
    for (std::size_t k = 1; k < length; ++k) {
        code = (code << 6) | (byte(i + k) & 0x3F);
    }
    i += length;
    return code;
}

/// The ties one informant reports: pair → (weight summed over its relations, types met).
struct Report {
    double weight = 0.0;
    std::set<std::string> types;
    bool untyped = false;
};
using Pair = std::pair<std::size_t, std::size_t>;

} // namespace

std::string normalised_name(std::string_view name) {
    std::string out;
    std::size_t i = 0;
    while (i < name.size()) {
        const std::size_t start = i;
        const char32_t code = decode(name, i);
        if (code < 0x80) {
            const char c = static_cast<char>(code);
            if (c >= 'A' && c <= 'Z') {
                out += static_cast<char>(c - 'A' + 'a');
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                out += c;
            }
        } else if (code >= 0xC0 && code <= 0xFF) {
            out += latin1[code - 0xC0];
        } else if (code >= 0x100 && code <= 0x17F) {
            const char c = extended_a[code - 0x100];
            out += c == '\x01'   ? std::string_view("ij")
                   : c == '\x02' ? "oe"
                                 : std::string_view(&c, 1);
        } else if (code < 0xC0 || (code >= 0x2000 && code <= 0x206F) ||
                   (code >= 0x3000 && code <= 0x303F)) {
            // Latin-1 punctuation and spaces, general punctuation, CJK punctuation: dropped.
        } else {
            out.append(name.substr(start, i - start));
        }
    }
    return out;
}

std::optional<bool> map_direction(const model::Map& map) {
    if (map.relations.empty()) {
        return std::nullopt;
    }
    return std::any_of(map.relations.begin(), map.relations.end(),
                       [&](const model::Relation& r) { return map.is_directed(r); });
}

ConsensusResult consensus(const std::vector<InformantMap>& informants,
                          const ConsensusSettings& settings) {
    const std::size_t count = informants.size();
    if (count < 2) {
        throw UsageError("a consensus needs the maps of at least two informants");
    }
    std::optional<bool> direction;
    for (const auto& informant : informants) {
        const auto own = map_direction(*informant.map);
        if (own && direction && *own != *direction) {
            throw UsageError("the maps do not agree on direction");
        }
        if (own) {
            direction = own;
        }
    }
    const bool las = settings.method == ConsensusMethod::las_intersection ||
                     settings.method == ConsensusMethod::las_union;
    if (las && settings.informant_actors.size() != count) {
        throw UsageError("the LAS methods need one informant actor per map");
    }
    if (settings.method == ConsensusMethod::central &&
        !(settings.min_agreement > 0.0 && settings.min_agreement <= 1.0)) {
        throw UsageError("the minimum agreement must be above 0 and at most 1");
    }

    ConsensusResult result;
    result.directed = direction.value_or(false);
    model::Map& merged = result.map;
    const model::Map& first = *informants.front().map;
    merged.title = first.title;
    merged.date = first.date;
    merged.description = first.description;
    merged.directed = result.directed;

    // Actors: by id first, then by normalised name, each consensus actor taken at most once per
    // map; areas, kinds and services by id, needs by area and service; the first map met wins.
    std::unordered_map<std::string, std::size_t> by_id;
    std::multimap<std::string, std::size_t> by_name;
    std::set<std::string> areas, kinds, services;
    std::set<std::pair<std::string, std::string>> needs;
    result.actor_of.resize(count);
    for (std::size_t k = 0; k < count; ++k) {
        const model::Map& map = *informants[k].map;
        for (const auto& area : map.areas) {
            if (areas.insert(area.id).second) {
                merged.areas.push_back(area);
            }
        }
        for (const auto& kind : map.kinds) {
            if (kinds.insert(kind.id).second) {
                merged.kinds.push_back(kind);
            }
        }
        for (const auto& service : map.services) {
            if (services.insert(service.id).second) {
                merged.services.push_back(service);
            }
        }
        for (const auto& need : map.needs) {
            if (needs.insert({need.area, need.service}).second) {
                merged.needs.push_back(need);
            }
        }
        constexpr std::size_t none = static_cast<std::size_t>(-1);
        std::vector<std::size_t>& actor_of = result.actor_of[k];
        actor_of.assign(map.actors.size(), none);
        std::set<std::size_t> taken;
        for (std::size_t a = 0; a < map.actors.size(); ++a) {
            const auto found = by_id.find(map.actors[a].id);
            if (found != by_id.end()) {
                actor_of[a] = found->second;
                taken.insert(found->second);
            }
        }
        for (std::size_t a = 0; a < map.actors.size(); ++a) {
            if (actor_of[a] != none) {
                continue;
            }
            const model::Actor& actor = map.actors[a];
            const std::string key = normalised_name(actor.name);
            if (!key.empty()) {
                const auto [begin, end] = by_name.equal_range(key);
                std::optional<std::size_t> match;
                for (auto it = begin; it != end; ++it) {
                    if (taken.count(it->second) == 0 && (!match || it->second < *match)) {
                        match = it->second;
                    }
                }
                if (match) {
                    actor_of[a] = *match;
                    taken.insert(*match);
                    result.name_matches.push_back({k, actor.id, actor.name, *match});
                    continue;
                }
            }
            actor_of[a] = merged.actors.size();
            taken.insert(actor_of[a]);
            by_id.emplace(actor.id, actor_of[a]);
            if (!key.empty()) {
                by_name.emplace(key, actor_of[a]);
            }
            merged.actors.push_back(actor);
        }
    }

    // Each informant's reports, as SPEC §2 pairs.
    std::vector<std::map<Pair, Report>> reports(count);
    result.reported.resize(count);
    for (std::size_t k = 0; k < count; ++k) {
        const model::Map& map = *informants[k].map;
        for (const auto& relation : map.relations) {
            const std::size_t s = result.actor_of[k][*map.actor_index(relation.source)];
            const std::size_t t = result.actor_of[k][*map.actor_index(relation.target)];
            if (s == t) {
                continue; // two actors of one map matched to the same person cannot happen
            }
            std::vector<Pair> pairs;
            if (!result.directed) {
                pairs.push_back({std::min(s, t), std::max(s, t)});
            } else {
                pairs.push_back({s, t});
                if (!map.is_directed(relation)) {
                    pairs.push_back({t, s});
                }
            }
            for (const Pair& pair : pairs) {
                Report& report = reports[k][pair];
                report.weight += relation.weight;
                if (relation.type) {
                    report.types.insert(*relation.type);
                } else {
                    report.untyped = true;
                }
            }
        }
        result.reported[k] = reports[k].size();
    }

    // The informant each actor is (LAS methods).
    std::map<std::size_t, std::size_t> informant_of_actor;
    if (las) {
        for (std::size_t k = 0; k < count; ++k) {
            const model::Map& map = *informants[k].map;
            const auto index = map.actor_index(settings.informant_actors[k]);
            if (!index) {
                throw UsageError("an informant actor is not in its map");
            }
            if (!informant_of_actor.emplace(result.actor_of[k][*index], k).second) {
                throw UsageError("two maps name the same informant actor");
            }
        }
    }

    std::set<Pair> all;
    for (const auto& report : reports) {
        for (const auto& [pair, unused] : report) {
            all.insert(pair);
        }
    }
    const double n = static_cast<double>(count);
    constexpr double tolerance = 1e-9;
    for (const Pair& pair : all) {
        ConsensusTie tie;
        tie.source = pair.first;
        tie.target = pair.second;
        std::set<std::string> types;
        bool untyped = false;
        double weight = 0.0;
        for (std::size_t k = 0; k < count; ++k) {
            const auto found = reports[k].find(pair);
            if (found == reports[k].end()) {
                continue;
            }
            tie.informants.push_back(k);
            weight += found->second.weight;
            types.insert(found->second.types.begin(), found->second.types.end());
            untyped = untyped || found->second.untyped;
        }
        tie.agreement = static_cast<double>(tie.informants.size()) / n;
        tie.weight = weight / static_cast<double>(tie.informants.size());
        if (types.size() == 1 && !untyped) {
            tie.type = *types.begin();
        }
        const auto reports_it = [&](std::size_t actor) {
            const auto found = informant_of_actor.find(actor);
            return found != informant_of_actor.end() &&
                   std::find(tie.informants.begin(), tie.informants.end(), found->second) !=
                       tie.informants.end();
        };
        switch (settings.method) {
        case ConsensusMethod::central:
            tie.kept = tie.agreement >= settings.min_agreement - tolerance;
            break;
        case ConsensusMethod::union_of:
            tie.kept = true;
            break;
        case ConsensusMethod::intersection:
            tie.kept = tie.informants.size() == count;
            break;
        case ConsensusMethod::las_intersection:
            tie.kept = reports_it(tie.source) && reports_it(tie.target);
            break;
        case ConsensusMethod::las_union:
            tie.kept = reports_it(tie.source) || reports_it(tie.target);
            break;
        }
        tie.contested = !tie.kept || tie.agreement <= 2.0 / 3.0 + tolerance;
        if (tie.kept) {
            model::Relation relation;
            relation.source = merged.actors[tie.source].id;
            relation.target = merged.actors[tie.target].id;
            relation.type = tie.type;
            relation.weight = tie.weight;
            for (const std::size_t k : tie.informants) {
                relation.informants.push_back(informants[k].name);
            }
            relation.agreement = tie.agreement;
            merged.relations.push_back(std::move(relation));
        }
        result.ties.push_back(std::move(tie));
    }
    return result;
}

} // namespace stakemap::analysis
