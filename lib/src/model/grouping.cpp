#include "stakemap/model/grouping.hpp"

#include <set>
#include <sstream>

namespace stakemap::model {

namespace {

std::string attribute_text(const AttributeValue& value) {
    if (const auto* text = std::get_if<std::string>(&value)) {
        return *text;
    }
    if (const auto* flag = std::get_if<bool>(&value)) {
        return *flag ? "true" : "false";
    }
    std::ostringstream out;
    out.imbue(std::locale::classic());
    out << std::get<double>(value);
    return out.str();
}

} // namespace

std::optional<std::vector<std::string>> group_labels(const Map& map, const Vocabulary& vocabulary,
                                                     const std::string& by) {
    std::vector<std::string> labels;
    labels.reserve(map.actors.size());
    if (by == "kind" || by == "sector" || by == "level" || by == "area") {
        for (const Actor& actor : map.actors) {
            if (by == "kind") {
                labels.push_back(actor.kind_id());
            } else if (by == "sector") {
                labels.push_back(sector_of(actor, vocabulary));
            } else if (by == "level") {
                labels.push_back(actor.level.value_or(""));
            } else {
                labels.push_back(actor.area.value_or(""));
            }
        }
        return labels;
    }
    const std::string name = by.rfind("attributes.", 0) == 0 ? by.substr(11) : by;
    bool found = false;
    for (const Actor& actor : map.actors) {
        const auto it = actor.attributes.find(name);
        if (it == actor.attributes.end()) {
            labels.emplace_back();
        } else {
            found = true;
            labels.push_back(attribute_text(it->second));
        }
    }
    if (!found) {
        return std::nullopt;
    }
    return labels;
}

std::vector<std::string> available_groupings(const Map& map) {
    std::set<std::string> names;
    for (const Actor& actor : map.actors) {
        for (const auto& [name, value] : actor.attributes) {
            names.insert(name);
        }
    }
    std::vector<std::string> result{"kind", "sector", "level", "area"};
    result.insert(result.end(), names.begin(), names.end());
    return result;
}

} // namespace stakemap::model
