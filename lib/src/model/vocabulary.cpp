#include "stakemap/model/vocabulary.hpp"

#include <algorithm>

namespace stakemap::model {

namespace {

template <typename T>
const T* find_by_id(const std::vector<T>& list, const std::string& id) {
    const auto it = std::find_if(list.begin(), list.end(), [&](const T& t) { return t.id == id; });
    return it == list.end() ? nullptr : &*it;
}

template <typename T>
T* find_by_id(std::vector<T>& list, const std::string& id) {
    const auto it = std::find_if(list.begin(), list.end(), [&](const T& t) { return t.id == id; });
    return it == list.end() ? nullptr : &*it;
}

} // namespace

const KindTerm* Vocabulary::find_kind(const std::string& id) const {
    return find_by_id(kinds, id);
}
const Term* Vocabulary::find_service(const std::string& id) const {
    return find_by_id(services, id);
}
const Term* Vocabulary::find_sector(const std::string& id) const {
    return find_by_id(sectors, id);
}
const LevelTerm* Vocabulary::find_level(const std::string& id) const {
    return find_by_id(levels, id);
}
const Term* Vocabulary::find_relation_type(const std::string& id) const {
    return find_by_id(relation_types, id);
}
const Term* Vocabulary::find_formality(const std::string& id) const {
    return find_by_id(formality, id);
}

Vocabulary Vocabulary::merged_with(const Map& map) const {
    Vocabulary merged = *this;
    for (const Kind& kind : map.kinds) {
        KindTerm* existing = find_by_id(merged.kinds, kind.id);
        if (existing == nullptr) {
            merged.kinds.push_back({kind.id, Label{kind.id, kind.id}, "", false});
            existing = &merged.kinds.back();
        }
        if (kind.label) {
            existing->label = *kind.label;
        }
        if (kind.sector) {
            existing->sector = *kind.sector;
        }
        if (kind.access_point) {
            existing->access_point = *kind.access_point;
        }
    }
    for (const Service& service : map.services) {
        Term* existing = find_by_id(merged.services, service.id);
        if (existing == nullptr) {
            merged.services.push_back({service.id, Label{service.id, service.id}});
            existing = &merged.services.back();
        }
        if (service.label) {
            existing->label = *service.label;
        }
    }
    return merged;
}

bool is_access_point(const Actor& actor, const Vocabulary& vocabulary) {
    if (actor.access_point) {
        return *actor.access_point;
    }
    const KindTerm* kind = vocabulary.find_kind(actor.kind_id());
    return kind != nullptr && kind->access_point;
}

std::string sector_of(const Actor& actor, const Vocabulary& vocabulary) {
    const KindTerm* kind = vocabulary.find_kind(actor.kind_id());
    return kind == nullptr ? std::string() : kind->sector;
}

} // namespace stakemap::model
