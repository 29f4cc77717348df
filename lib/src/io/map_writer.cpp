#include "stakemap/io/map_writer.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

namespace stakemap::io {

namespace {

using Json = nlohmann::ordered_json;

/// Whole numbers are written without a fractional part, so weights read "3" rather than "3.0".
Json number(double value) {
    if (std::floor(value) == value && std::fabs(value) < 9.0e15) {
        return static_cast<std::int64_t>(value);
    }
    return value;
}

Json label(const model::Label& value) {
    if (value.it == value.en) {
        return value.it;
    }
    return Json{{"it", value.it}, {"en", value.en}};
}

template <typename T>
void put(Json& object, const char* key, const std::optional<T>& value) {
    if (value) {
        object[key] = *value;
    }
}

void put_text(Json& object, const char* key, const std::string& value) {
    if (!value.empty()) {
        object[key] = value;
    }
}

void put_list(Json& object, const char* key, const std::vector<std::string>& value) {
    if (!value.empty()) {
        object[key] = value;
    }
}

Json area_json(const model::Area& area) {
    Json out{{"id", area.id}, {"name", area.name}};
    put(out, "parent", area.parent);
    put(out, "population", area.population);
    put(out, "foreign_residents", area.foreign_residents);
    if (!area.languages.empty()) {
        Json shares = Json::object();
        for (const auto& [code, share] : area.languages) {
            shares[code] = number(share);
        }
        out["languages"] = std::move(shares);
    }
    return out;
}

Json kind_json(const model::Kind& kind) {
    Json out{{"id", kind.id}};
    if (kind.label) {
        out["label"] = label(*kind.label);
    }
    if (kind.sector) {
        out["sector"] = kind.sector->empty() ? Json(nullptr) : Json(*kind.sector);
    }
    put(out, "access_point", kind.access_point);
    return out;
}

void put_attributes(Json& out, const std::map<std::string, model::AttributeValue>& values) {
    if (values.empty()) {
        return;
    }
    Json attributes = Json::object();
    // Not a structured binding: clang before 16 cannot capture one in a lambda (the fuzz preset).
    for (const auto& entry : values) {
        const std::string& name = entry.first;
        const model::AttributeValue& value = entry.second;
        std::visit(
            [&](const auto& v) {
                using V = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<V, double>) {
                    attributes[name] = number(v);
                } else {
                    attributes[name] = v;
                }
            },
            value);
    }
    out["attributes"] = std::move(attributes);
}

Json actor_json(const model::Actor& actor) {
    Json out{{"id", actor.id}, {"name", actor.name}};
    put(out, "short", actor.short_name);
    put(out, "kind", actor.kind);
    put(out, "level", actor.level);
    put(out, "area", actor.area);
    if (actor.serves_all) {
        out["serves"] = "*";
    } else if (actor.serves) {
        out["serves"] = *actor.serves;
    }
    put_list(out, "services", actor.services);
    put_list(out, "languages", actor.languages);
    if (actor.capacity) {
        out["capacity"] = number(*actor.capacity);
    }
    put(out, "power", actor.power);
    put(out, "interest", actor.interest);
    put(out, "legitimacy", actor.legitimacy);
    put(out, "urgency", actor.urgency);
    put(out, "access_point", actor.access_point);
    put_list(out, "tags", actor.tags);
    put_attributes(out, actor.attributes);
    put_text(out, "note", actor.note);
    return out;
}

Json relation_json(const model::Relation& relation) {
    Json out = Json::object();
    put(out, "id", relation.id);
    out["source"] = relation.source;
    out["target"] = relation.target;
    put(out, "type", relation.type);
    if (relation.weight != 1.0) {
        out["weight"] = number(relation.weight);
    }
    put(out, "directed", relation.directed);
    put(out, "since", relation.since);
    put(out, "until", relation.until);
    put(out, "formality", relation.formality);
    if (relation.confidence) {
        out["confidence"] = number(*relation.confidence);
    }
    put_list(out, "informants", relation.informants);
    if (relation.agreement) {
        out["agreement"] = number(*relation.agreement);
    }
    put_attributes(out, relation.attributes);
    put_text(out, "note", relation.note);
    return out;
}

Json need_json(const model::Need& need) {
    Json out{{"area", need.area}, {"service", need.service}};
    if (need.demand) {
        out["demand"] = number(*need.demand);
    }
    put_list(out, "languages", need.languages);
    put_text(out, "note", need.note);
    return out;
}

template <typename T, typename F>
Json list(const std::vector<T>& items, F convert) {
    Json out = Json::array();
    for (const auto& item : items) {
        out.push_back(convert(item));
    }
    return out;
}

} // namespace

std::string write_map_json(const model::Map& map) {
    Json out{{"format", map.format}};
    put_text(out, "title", map.title);
    put(out, "date", map.date);
    put_text(out, "description", map.description);
    out["directed"] = map.directed;
    if (!map.areas.empty()) {
        out["areas"] = list(map.areas, area_json);
    }
    if (!map.kinds.empty()) {
        out["kinds"] = list(map.kinds, kind_json);
    }
    if (!map.services.empty()) {
        out["services"] = list(map.services, [](const model::Service& service) {
            Json entry{{"id", service.id}};
            if (service.label) {
                entry["label"] = label(*service.label);
            }
            return entry;
        });
    }
    out["actors"] = list(map.actors, actor_json);
    out["relations"] = list(map.relations, relation_json);
    if (!map.needs.empty()) {
        out["needs"] = list(map.needs, need_json);
    }
    return out.dump(2, ' ', false, nlohmann::json::error_handler_t::strict) + "\n";
}

} // namespace stakemap::io
