#include "stakemap/report/envelope.hpp"

#include "stakemap/version.hpp"

#include <nlohmann/json.hpp>

namespace stakemap::report {

std::string json_envelope(const std::string& command, const model::Map* map,
                          const nlohmann::ordered_json& options,
                          const nlohmann::ordered_json& results) {
    nlohmann::ordered_json out;
    out["stakemap"] = version;
    out["command"] = command;
    if (map != nullptr) {
        out["map"] = {{"title", map->title},
                      {"actors", map->actors.size()},
                      {"relations", map->relations.size()}};
    } else {
        out["map"] = nullptr;
    }
    out["options"] = options;
    out["results"] = results;
    // Invalid UTF-8 cannot reach here (the reader rejects it); strict keeps it that way.
    return out.dump(2, ' ', false, nlohmann::json::error_handler_t::strict) + "\n";
}

} // namespace stakemap::report
