#include "stakemap/model/what_if.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

namespace stakemap::model {

Relation parse_added_relation(const std::string& text) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t colon = text.find(':', start);
        parts.push_back(text.substr(start, colon - start));
        if (colon == std::string::npos) {
            break;
        }
        start = colon + 1;
    }
    if (parts.size() < 2 || parts.size() > 4 || parts[0].empty() || parts[1].empty()) {
        throw WhatIfError("add_relation", "\"" + text + "\": write SOURCE:TARGET[:TYPE[:WEIGHT]]");
    }
    Relation relation;
    relation.source = parts[0];
    relation.target = parts[1];
    if (parts.size() >= 3 && !parts[2].empty()) {
        relation.type = parts[2];
    }
    if (parts.size() == 4) {
        // from_chars, not stod: the same number in any locale (a library caller may run with an
        // Italian LC_NUMERIC, where strtod stops at the '.').
        double weight = 0.0;
        const std::string& number = parts[3];
        const auto [end, error] =
            std::from_chars(number.data(), number.data() + number.size(), weight);
        if (error != std::errc() || end != number.data() + number.size() ||
            !std::isfinite(weight) || weight <= 0.0) {
            throw WhatIfError("add_relation",
                              "\"" + text + "\": the weight must be a number above 0");
        }
        relation.weight = weight;
    }
    relation.note = "what-if";
    return relation;
}

Map apply(const Map& map, const WhatIf& edit) {
    std::set<std::string> removed;
    for (const auto& id : edit.removed_actors) {
        if (!map.actor_index(id)) {
            throw WhatIfError("remove", "no actor \"" + id + "\" in this map");
        }
        removed.insert(id);
    }
    Map out = map;
    out.actors.erase(std::remove_if(out.actors.begin(), out.actors.end(),
                                    [&](const Actor& a) { return removed.count(a.id) != 0; }),
                     out.actors.end());
    out.relations.erase(std::remove_if(out.relations.begin(), out.relations.end(),
                                       [&](const Relation& r) {
                                           return removed.count(r.source) != 0 ||
                                                  removed.count(r.target) != 0;
                                       }),
                        out.relations.end());
    for (const auto& relation : edit.added_relations) {
        for (const auto* id : {&relation.source, &relation.target}) {
            if (!map.actor_index(*id)) {
                throw WhatIfError("add_relation", "no actor \"" + *id + "\" in this map");
            }
            if (removed.count(*id) != 0) {
                throw WhatIfError("add_relation", "\"" + *id + "\" is also removed");
            }
        }
        if (relation.source == relation.target) {
            throw WhatIfError("add_relation",
                              "an actor cannot be related to itself (\"" + relation.source + "\")");
        }
        out.relations.push_back(relation);
    }
    return out;
}

} // namespace stakemap::model
