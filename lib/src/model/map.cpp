#include "stakemap/model/map.hpp"

#include <algorithm>

namespace stakemap::model {

const std::string& text(const Label& label, Language language) {
    const std::string& wanted = language == Language::it ? label.it : label.en;
    if (!wanted.empty()) {
        return wanted;
    }
    return language == Language::it ? label.en : label.it;
}

const std::string& Actor::kind_id() const {
    static const std::string default_kind = "actor";
    return kind ? *kind : default_kind;
}

std::optional<std::size_t> Map::actor_index(const std::string& id) const {
    return actor_lookup.find(actors, id,
                             [](const Actor& actor) -> const std::string& { return actor.id; });
}

std::optional<std::size_t> Map::area_index(const std::string& id) const {
    return area_lookup.find(areas, id,
                            [](const Area& area) -> const std::string& { return area.id; });
}

std::vector<std::string> Map::actor_ids() const {
    std::vector<std::string> ids;
    ids.reserve(actors.size());
    for (const auto& actor : actors) {
        ids.push_back(actor.id);
    }
    return ids;
}

std::vector<std::string> Map::area_ids() const {
    std::vector<std::string> ids;
    ids.reserve(areas.size());
    for (const auto& area : areas) {
        ids.push_back(area.id);
    }
    return ids;
}

bool in_force(const Relation& relation, const std::string& date) {
    if (relation.since && date < *relation.since) {
        return false;
    }
    return !(relation.until && !(date < *relation.until));
}

bool kept(const Relation& relation, const std::vector<std::string>& types,
          const std::optional<std::string>& at) {
    if (!types.empty() &&
        (!relation.type || std::find(types.begin(), types.end(), *relation.type) == types.end())) {
        return false;
    }
    return !at || in_force(relation, *at);
}

} // namespace stakemap::model
