#include "command.hpp"

#include "stakemap/io/diagnostics.hpp"
#include "stakemap/io/files.hpp"
#include "stakemap/model/date.hpp"

#include <filesystem>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace po = boost::program_options;

namespace stakemap::cli {

namespace {

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> items;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ',')) {
        if (!item.empty()) {
            items.push_back(item);
        }
    }
    return items;
}

} // namespace

Format CommonOptions::format() const {
    if (!format_name.empty()) {
        if (format_name == "json") {
            return Format::json;
        }
        if (format_name == "csv") {
            return Format::csv;
        }
        if (format_name == "table") {
            return Format::table;
        }
        return Format::md;
    }
    if (!output_path.empty()) {
        const std::string extension = std::filesystem::path(output_path).extension().string();
        if (extension == ".csv") {
            return Format::csv;
        }
        if (extension == ".md") {
            return Format::md;
        }
        if (extension == ".txt") {
            return Format::table;
        }
        return Format::json;
    }
    return ::isatty(STDOUT_FILENO) != 0 ? Format::table : Format::json;
}

model::Language CommonOptions::language() const {
    return lang == "it" ? model::Language::it : model::Language::en;
}

io::ReadOptions CommonOptions::read_options() const {
    io::ReadOptions options;
    options.max_file_bytes = max_file_mib * 1024 * 1024;
    return options;
}

graph::BuildOptions CommonOptions::build_options() const {
    graph::BuildOptions options;
    options.types = split_list(types);
    if (!at.empty()) {
        options.at = at;
    }
    options.merge = merge == "max" ? graph::Merge::max : graph::Merge::sum;
    options.distance = distance == "unit"     ? graph::Distance::unit
                       : distance == "weight" ? graph::Distance::weight
                                              : graph::Distance::inverse;
    return options;
}

nlohmann::ordered_json CommonOptions::to_json() const {
    nlohmann::ordered_json out;
    out["types"] = split_list(types);
    out["at"] = at.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(at);
    out["distance"] = distance;
    out["merge"] = merge;
    return out;
}

bool Command::setup(const std::vector<std::string>& arguments) {
    po::options_description visible("Options");
    visible.add_options()("help,h", "show this help and exit");
    visible.add_options()("format", po::value(&common_.format_name),
                          "json, csv, table or md (default: table on a terminal, else json; with "
                          "-o, from the file extension)")(
        "output,o", po::value(&common_.output_path),
        "write results to FILE (atomically: complete or not at all)")(
        "quiet,q", po::bool_switch(&common_.quiet), "do not print warnings on stderr")(
        "lang", po::value(&common_.lang)->default_value("en"), "language of tables: it or en")(
        "max-file-size", po::value(&common_.max_file_mib)->default_value(512),
        "refuse map files larger than this many MiB");
    if (takes_analysis_options()) {
        visible.add_options()("types", po::value(&common_.types),
                              "analyse only these relation types, e.g. referral,information")(
            "at", po::value(&common_.at), "analyse relations valid on DATE (YYYY-MM-DD)")(
            "distance", po::value(&common_.distance)->default_value("inverse"),
            "tie length for path measures: inverse (1/weight), unit or weight")(
            "merge", po::value(&common_.merge)->default_value("sum"),
            "how parallel relations combine: sum or max")(
            "threads", po::value(&common_.threads)->default_value(0),
            "threads to use (0: all cores)");
    }
    if (takes_what_if()) {
        visible.add_options()("remove", po::value(&remove_),
                              "what if: analyse the map without these actors (comma-separated "
                              "ids)")(
            "add-relation", po::value(&add_relations_)->composing(),
            "what if: analyse the map with this relation added, SOURCE:TARGET[:TYPE[:WEIGHT]] "
            "(repeat for more)");
    }
    add_options(visible);
    po::options_description hidden;
    hidden.add_options()("map", po::value(&common_.map_path));
    if (!extra_argument().empty()) {
        hidden.add_options()("extra", po::value(&extra_));
    }
    po::options_description all;
    all.add(visible).add(hidden);
    po::positional_options_description positional;
    positional.add("map", 1);
    if (!extra_argument().empty()) {
        positional.add("extra", 1);
    }
    try {
        po::store(po::command_line_parser(arguments).options(all).positional(positional).run(),
                  values_);
        if (values_.count("help") != 0) {
            std::ostringstream help;
            help << "Usage: " << usage() << "\n\n"
                 << synopsis() << "\n\n"
                 << visible << "\nExample:\n  " << example() << "\n";
            std::cout << help.str();
            return false;
        }
        po::notify(values_);
    } catch (const po::error& error) {
        throw UsageError(error.what());
    }
    if (common_.map_path.empty()) {
        throw UsageError("missing MAP: give the path of a map file, or - for standard input");
    }
    if (!extra_argument().empty() && extra_.empty()) {
        throw UsageError("missing " + extra_argument() + ": see " + usage());
    }
    if (!common_.format_name.empty() && common_.format_name != "json" &&
        common_.format_name != "csv" && common_.format_name != "table" &&
        common_.format_name != "md") {
        throw UsageError("--format must be json, csv, table or md, not \"" + common_.format_name +
                         "\"");
    }
    if (common_.lang != "it" && common_.lang != "en") {
        throw UsageError("--lang must be it or en, not \"" + common_.lang + "\"");
    }
    if (common_.distance != "inverse" && common_.distance != "unit" &&
        common_.distance != "weight") {
        throw UsageError("--distance must be inverse, unit or weight, not \"" + common_.distance +
                         "\"");
    }
    if (common_.merge != "sum" && common_.merge != "max") {
        throw UsageError("--merge must be sum or max, not \"" + common_.merge + "\"");
    }
    if (!common_.at.empty() && !model::parse_date(common_.at)) {
        throw UsageError("--at must be a date written YYYY-MM-DD, not \"" + common_.at + "\"");
    }
    if (common_.max_file_mib == 0) {
        throw UsageError("--max-file-size must be at least 1 (MiB)");
    }
    if (!remove_.empty() || !add_relations_.empty()) {
        model::WhatIf edit;
        std::stringstream ids(remove_);
        std::string id;
        while (std::getline(ids, id, ',')) {
            if (!id.empty()) {
                edit.removed_actors.push_back(id);
            }
        }
        try {
            for (const auto& text : add_relations_) {
                edit.added_relations.push_back(model::parse_added_relation(text));
            }
        } catch (const model::WhatIfError& error) {
            throw UsageError(error.what());
        }
        what_if_ = std::move(edit);
    }
    check_options();
    return true;
}

model::Map Command::edited(const model::Map& map) const {
    const std::vector<std::string> ids = map.actor_ids();
    auto check = [&](const std::string& option, const std::string& id) {
        if (!map.actor_index(id)) {
            throw UsageError(io::unknown_name(option + ": no actor", id, ids));
        }
    };
    for (const auto& id : what_if_->removed_actors) {
        check("--remove", id);
    }
    for (const auto& relation : what_if_->added_relations) {
        check("--add-relation", relation.source);
        check("--add-relation", relation.target);
    }
    try {
        return model::apply(map, *what_if_);
    } catch (const model::WhatIfError& error) {
        throw UsageError(error.what());
    }
}

nlohmann::ordered_json Command::what_if_json() const {
    auto added = nlohmann::ordered_json::array();
    for (const auto& relation : what_if_->added_relations) {
        added.push_back({{"source", relation.source},
                         {"target", relation.target},
                         {"type", relation.type ? nlohmann::ordered_json(*relation.type)
                                                : nlohmann::ordered_json(nullptr)},
                         {"weight", relation.weight}});
    }
    return {{"removed", what_if_->removed_actors}, {"added", std::move(added)}};
}

std::string Command::what_if_text(model::Language language) const {
    const bool it = language == model::Language::it;
    std::string out = it ? "Ipotesi:" : "What if:";
    if (!what_if_->removed_actors.empty()) {
        out += it ? " senza" : " without";
        for (const auto& id : what_if_->removed_actors) {
            out += " " + id;
        }
        out += ";";
    }
    for (const auto& relation : what_if_->added_relations) {
        out += (it ? " con il legame " : " with the tie ") + relation.source + "–" +
               relation.target + ";";
    }
    out.pop_back();
    return out;
}

void print_warning(const std::string& message) {
    std::cerr << "stakemap: warning: " << message << '\n';
}

model::Map Command::load_map() const {
    io::ReadResult result = io::read_map_file(common_.map_path, common_.read_options());
    if (!result.ok()) {
        throw io::LoadError(result.diagnostics);
    }
    if (!common_.quiet && result.warning_count > 0) {
        constexpr std::size_t shown = 10;
        std::size_t printed = 0;
        for (const auto& diagnostic : result.diagnostics) {
            if (printed++ < shown) {
                print_warning(io::to_string(diagnostic));
            }
        }
        if (result.warning_count > shown) {
            print_warning(std::to_string(result.warning_count - shown) +
                          " more warnings; run `stakemap validate " + common_.map_path +
                          "` to see them all");
        }
    }
    return std::move(*result.map);
}

void Command::emit(const std::string& content) const {
    if (!common_.output_path.empty()) {
        io::write_file_atomically(common_.output_path, content);
        return;
    }
    std::cout << content << std::flush;
    if (!std::cout) {
        throw io::FileError("cannot write to standard output");
    }
}

} // namespace stakemap::cli
