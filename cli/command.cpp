#include "command.hpp"

#include "stakemap/io/diagnostics.hpp"
#include "stakemap/io/files.hpp"
#include "stakemap/io/vocabulary.hpp"
#include "stakemap/model/date.hpp"
#include "stakemap/model/split.hpp"
#include "stakemap/render/escape.hpp"
#include "stakemap/report/csv.hpp"
#include "stakemap/report/gaps_report.hpp"
#include "stakemap/report/table.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace po = boost::program_options;

namespace stakemap::cli {

std::string help_paragraph(const std::string& text, std::size_t hanging) {
    constexpr std::size_t width = 80;
    constexpr std::size_t narrowest = 20; // however deep the indent, a line holds some words
    std::string out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        const std::string_view line = std::string_view(text).substr(start, end - start);
        // A line keeps its indent; the lines it is broken into go `hanging` further in.
        const std::size_t indent = std::min(line.find_first_not_of(' '), line.size());
        const std::string wrapped =
            render::wrap(line.substr(indent), std::max(width - std::min(width, indent), narrowest),
                         std::max(width - std::min(width, indent + hanging), narrowest));
        out.append(indent, ' ');
        for (const char c : wrapped) {
            out += c;
            if (c == '\n') {
                out.append(indent + hanging, ' ');
            }
        }
        if (end < text.size()) {
            out += '\n';
        }
        start = end + 1;
    }
    return out;
}

namespace {

analysis::RunControl& process_run_control() {
    static analysis::RunControl control;
    return control;
}

} // namespace

Format CommonOptions::format() const {
    if (!format_name.empty()) {
        return report::format_from_name(format_name).value_or(Format::json);
    }
    if (!output_path.empty()) {
        return report::format_from_extension(
                   std::filesystem::path(output_path).extension().string())
            .value_or(Format::json);
    }
    return ::isatty(STDOUT_FILENO) != 0 ? Format::table : Format::json;
}

model::Language CommonOptions::language() const {
    return lang.empty() ? text::language_from_environment() : model::Language::from_code(lang);
}

std::string CommonOptions::effective_at() const {
    if (at == "all") {
        return "";
    }
    return at.empty() ? map_date : at;
}

io::ReadOptions CommonOptions::read_options() const {
    io::ReadOptions options;
    options.max_file_bytes = max_file_mib * 1024 * 1024;
    options.language = language();
    return options;
}

graph::BuildOptions CommonOptions::build_options() const {
    graph::BuildOptions options;
    options.types = model::split_list(types);
    if (!effective_at().empty()) {
        options.at = effective_at();
    }
    options.merge = value_in(report::merge_names, merge).value_or(graph::Merge::sum);
    options.distance =
        value_in(report::distance_names, distance).value_or(graph::Distance::inverse);
    return options;
}

namespace {

/// The value of --lang among the arguments, before they are parsed (the help text needs it).
std::string language_argument(const std::vector<std::string>& arguments) {
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        if (arguments[i] == "--lang" && i + 1 < arguments.size()) {
            return arguments[i + 1];
        }
        if (arguments[i].rfind("--lang=", 0) == 0) {
            return arguments[i].substr(7);
        }
    }
    return "";
}

} // namespace

text::Language interface_language(const std::vector<std::string>& arguments) {
    const std::string code = language_argument(arguments);
    if (!code.empty() && text::is_available(code)) {
        return text::Language::from_code(code);
    }
    return text::language_from_environment();
}

void Command::add_at_option(po::options_description& options) {
    const text::Words& words = words_;
    options.add_options()("at", po::value(&common_.at),
                          words("analyse the relations valid on DATE (YYYY-MM-DD); all: every "
                                "relation (default: the map's date when it has one)")
                              .c_str());
}

namespace {

/// Whether an option takes an unsigned number (a count, a size, a seed).
bool takes_count(const po::option_description& option) {
    const po::value_semantic* semantic = option.semantic().get();
    return dynamic_cast<const po::typed_value<unsigned long>*>(semantic) != nullptr ||
           dynamic_cast<const po::typed_value<unsigned int>*>(semantic) != nullptr ||
           dynamic_cast<const po::typed_value<unsigned long long>*>(semantic) != nullptr;
}

/// Boost reads "-1" into an unsigned option as 2^64 - 1 (lexical_cast wraps it): a count given
/// as a negative number is refused here, before it is read, with the option's name.
void refuse_negative_counts(const po::options_description& options,
                            const po::parsed_options& parsed, const text::Words& words) {
    for (const auto& given : parsed.options) {
        const po::option_description* option =
            options.find_nothrow(given.string_key, false, false, false);
        if (option == nullptr || !takes_count(*option)) {
            continue;
        }
        for (const auto& value : given.value) {
            const auto first = value.find_first_not_of(" \t");
            if (first != std::string::npos && value[first] == '-') {
                throw UsageError(
                    words("--{option} takes a whole number, 0 or more, not \"{value}\"",
                          {{"option", given.string_key}, {"value", value}}));
            }
        }
    }
}

} // namespace

bool Command::setup(const std::vector<std::string>& arguments) {
    words_ = text::Words(interface_language(arguments));
    const text::Words& words = words_;
    po::options_description visible(words("Options"));
    visible.add_options()("help,h", words("show this help and exit").c_str());
    if (takes_format()) {
        visible.add_options()("format", po::value(&common_.format_name),
                              words("json, csv, table or md (default: table on a terminal, else "
                                    "json; with -o, from the file extension)")
                                  .c_str());
    }
    visible.add_options()(
        "output,o", po::value(&common_.output_path),
        words("write results to FILE (atomically: complete or not at all)").c_str())(
        "quiet,q", po::bool_switch(&common_.quiet),
        words("do not print warnings on stderr").c_str())(
        "lang", po::value(&common_.lang),
        words("language of tables and sentences: it or en (default: from LC_ALL, LC_MESSAGES or "
              "LANG)")
            .c_str());
    if (takes_format()) {
        visible.add_options()(
            "excel-it", po::bool_switch(&common_.excel_it),
            words("with --format csv: semicolons, a UTF-8 BOM and decimal commas, for Excel in an "
                  "Italian locale")
                .c_str());
    }
    visible.add_options()("max-file-size", po::value(&common_.max_file_mib)->default_value(512),
                          words("refuse map files larger than this many MiB").c_str());
    if (takes_analysis_options()) {
        visible.add_options()(
            "types", po::value(&common_.types),
            words("analyse only these relation types, e.g. referral,information").c_str());
        add_at_option(visible);
        visible.add_options()(
            "distance", po::value(&common_.distance)->default_value("inverse"),
            words("tie length for path measures: inverse (1/weight), unit or weight").c_str())(
            "merge", po::value(&common_.merge)->default_value("sum"),
            words("how parallel relations combine: sum or max").c_str())(
            "threads", po::value(&common_.threads)->default_value(0),
            words("threads to use (0: all cores)").c_str());
    }
    if (takes_what_if()) {
        visible.add_options()(
            "remove", po::value(&remove_),
            words("what if: analyse the map without these actors (comma-separated ids)").c_str())(
            "add-relation", po::value(&add_relations_)->composing(),
            words("what if: analyse the map with this relation added, "
                  "SOURCE:TARGET[:TYPE[:WEIGHT]] (repeat for more)")
                .c_str());
    }
    add_options(visible);
    po::options_description hidden;
    if (takes_several_maps()) {
        hidden.add_options()("map", po::value(&maps_)->composing()->notifier(
                                        [this](const std::vector<std::string>& maps) {
                                            common_.map_path = maps.empty() ? "" : maps.front();
                                        }));
    } else {
        hidden.add_options()("map", po::value(&common_.map_path));
    }
    if (!extra_argument().empty()) {
        hidden.add_options()("extra", po::value(&extra_));
    }
    po::options_description all;
    all.add(visible).add(hidden);
    po::positional_options_description positional;
    positional.add("map", takes_several_maps() ? -1 : 1);
    if (!extra_argument().empty()) {
        positional.add("extra", 1);
    }
    try {
        const po::parsed_options parsed =
            po::command_line_parser(arguments).options(all).positional(positional).run();
        refuse_negative_counts(all, parsed, words);
        po::store(parsed, values_);
        if (values_.count("help") != 0) {
            std::ostringstream help;
            help << help_paragraph(words("Usage:") + " " + usage(), 4) << "\n\n"
                 << help_paragraph(words(synopsis().c_str())) << "\n\n"
                 << visible << "\n"
                 << words("Example:") << "\n  " << example() << "\n";
            std::cout << help.str();
            return false;
        }
        po::notify(values_);
    } catch (const po::error& error) {
        throw UsageError(error.what());
    }
    if (common_.map_path.empty() && takes_map()) {
        throw UsageError(
            words("missing MAP: give the path of a map file, or - for standard input"));
    }
    if (!extra_argument().empty() && extra_argument_required() && extra_.empty()) {
        throw UsageError(words("missing {argument}: see {usage}",
                               {{"argument", extra_argument()}, {"usage", usage()}}));
    }
    if (!common_.format_name.empty() && !report::format_from_name(common_.format_name)) {
        throw UsageError(words("--format must be json, csv, table or md, not \"{value}\"",
                               {{"value", common_.format_name}}));
    }
    if (!common_.lang.empty() && !text::is_available(common_.lang)) {
        throw UsageError(words(
            "--lang must be one of {languages}, not \"{value}\"",
            {{"languages", words.list_and(text::available_languages())}, {"value", common_.lang}}));
    }
    if (!value_in(report::distance_names, common_.distance)) {
        throw UsageError(words("--distance must be inverse, unit or weight, not \"{value}\"",
                               {{"value", common_.distance}}));
    }
    if (!value_in(report::merge_names, common_.merge)) {
        throw UsageError(
            words("--merge must be sum or max, not \"{value}\"", {{"value", common_.merge}}));
    }
    if (!common_.at.empty() && common_.at != "all" && !model::parse_date(common_.at)) {
        throw UsageError(words("--at must be a date written YYYY-MM-DD, or all, not \"{value}\"",
                               {{"value", common_.at}}));
    }
    if (common_.max_file_mib == 0) {
        throw UsageError(words("--max-file-size must be at least 1 (MiB)"));
    }
    if (common_.excel_it && !takes_excel_it()) {
        throw UsageError(words("--excel-it applies to CSV output: add --format csv (--to csv for "
                               "export and template)"));
    }
    if (!remove_.empty() || !add_relations_.empty()) {
        model::WhatIf edit;
        edit.removed_actors = model::split_list(remove_);
        for (const auto& text : add_relations_) {
            edit.added_relations.push_back(model::parse_added_relation(text));
        }
        what_if_ = std::move(edit);
    }
    check_options();
    return true;
}

void Command::check_what_if(const model::Map& map) const {
    const text::Words& words = words_;
    const std::vector<std::string> ids = map.actor_ids();
    auto check = [&](const std::string& option, const std::string& id) {
        if (!map.actor_index(id)) {
            throw UsageError(io::unknown_name(words, option + ": " + words("no actor"), id, ids));
        }
    };
    for (const auto& id : what_if_->removed_actors) {
        check("--remove", id);
    }
    for (const auto& relation : what_if_->added_relations) {
        check("--add-relation", relation.source);
        check("--add-relation", relation.target);
        // A type neither in the vocabulary nor in the map is most likely a typo.
        const auto& types = io::default_vocabulary().relation_types;
        if (relation.type && !common_.quiet &&
            io::default_vocabulary().find_relation_type(*relation.type) == nullptr &&
            std::none_of(map.relations.begin(), map.relations.end(),
                         [&](const model::Relation& r) { return r.type == relation.type; })) {
            const std::string suggestion = io::nearest_term(*relation.type, types);
            print_warning(
                words("--add-relation: unknown relation type \"{type}\" (the relation is added "
                      "with it as written)",
                      {{"type", *relation.type}}) +
                (suggestion.empty() ? std::string()
                                    : words("; did you mean \"{name}\"?", {{"name", suggestion}})));
        }
    }
}

std::string stderr_text(const std::string& message) {
    std::string out;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = message.find('\n', start);
        out += report::terminal_text(std::string_view(message).substr(
            start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) {
            return out;
        }
        out += '\n';
        start = end + 1;
    }
}

void print_warning(const std::string& message) {
    std::cerr << "stakemap: warning: " << stderr_text(message) << '\n';
}

model::Map Command::load_map() const {
    return load_map(common_.map_path, common_.at.empty());
}

model::Map Command::load_map(const std::string& path, bool note_map_date) const {
    io::ReadResult result = io::read_map_file(path, common_.read_options());
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
            print_warning(
                words_.plural("{n} more warning; run `stakemap validate {map}` to see them all",
                              "{n} more warnings; run `stakemap validate {map}` to see them all",
                              result.warning_count - shown, {{"map", path}}));
        }
    }
    common_.map_date = result.map->date.value_or("");
    if (note_map_date && !common_.map_date.empty() && !common_.quiet) {
        const std::string& date = common_.map_date;
        const auto left_out = static_cast<std::size_t>(std::count_if(
            result.map->relations.begin(), result.map->relations.end(),
            [&](const model::Relation& relation) { return !model::in_force(relation, date); }));
        if (left_out > 0) {
            std::cerr << "stakemap: note: "
                      << words_.plural(
                             "analysing the relations in force on {date}, the map's date: "
                             "{n} relation that is not in force then is left out "
                             "(--at all includes it)",
                             "analysing the relations in force on {date}, the map's date: "
                             "{n} relations that are not in force then are left out "
                             "(--at all includes them)",
                             left_out, {{"date", date}})
                      << '\n';
        }
    }
    return std::move(*result.map);
}

report::AnalysisSettings Command::analysis_settings() const {
    report::AnalysisSettings settings;
    settings.source = common_.map_path;
    settings.types = model::split_list(common_.types);
    settings.at = common_.at;
    settings.distance = common_.build_options().distance;
    settings.merge = common_.build_options().merge;
    settings.threads = common_.threads;
    settings.language = common_.language();
    settings.what_if = what_if_;
    settings.control = run_control();
    return settings;
}

std::unique_ptr<report::Input> Command::open_map() const {
    model::Map map = load_map();
    if (what_if_) {
        check_what_if(map);
    }
    return std::make_unique<report::Input>(std::move(map), analysis_settings());
}

int Command::publish(const report::Document& document) const {
    if (!common_.quiet) {
        for (const auto& warning : document.warnings) {
            print_warning(warning);
        }
    }
    emit(report::write(document, common_.format(), {.excel_it = common_.excel_it}));
    return document.problems_found ? exit_problems_found : exit_ok;
}

void set_run_control(analysis::RunControl control) {
    process_run_control() = std::move(control);
}

analysis::RunControl Command::run_control() const {
    analysis::RunControl control = process_run_control();
    if (common_.quiet) {
        control.not_converged = nullptr;
    }
    return control;
}

void Command::emit(const std::string& content) const {
    if (!common_.output_path.empty()) {
        io::write_file_atomically(common_.output_path, content, words_.language());
        return;
    }
    std::cout << content << std::flush;
    if (!std::cout) {
        throw io::FileError(words_("cannot write to standard output"));
    }
}

} // namespace stakemap::cli
