#include "stakemap/report/merge_report.hpp"

#include "stakemap/io/diagnostics.hpp"
#include "stakemap/text/words.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

namespace stakemap::report {

std::vector<std::string> informant_names(const std::vector<std::string>& files) {
    std::vector<std::string> names;
    std::map<std::string, int> seen;
    for (const auto& file : files) {
        std::string stem =
            file == "-" ? std::string("stdin") : std::filesystem::path(file).stem().string();
        if (stem.empty()) {
            stem = "informant";
        }
        const int n = ++seen[stem];
        names.push_back(n == 1 ? stem : stem + "-" + std::to_string(n));
    }
    return names;
}

namespace {

void check_inputs(const std::vector<MergeInput>& inputs,
                  const analysis::ConsensusSettings& settings, const text::Words& words) {
    if (inputs.size() < 2) {
        throw UsageError(words("a consensus needs the maps of at least two informants: give two "
                               "or more map files"));
    }
    std::optional<std::size_t> reference;
    for (std::size_t k = 0; k < inputs.size(); ++k) {
        const auto own = analysis::map_direction(inputs[k].map);
        if (!own) {
            continue;
        }
        if (!reference) {
            reference = k;
            continue;
        }
        if (*own != *analysis::map_direction(inputs[*reference].map)) {
            io::Diagnostic diagnostic;
            diagnostic.code = "merge.direction";
            diagnostic.file = inputs[k].file;
            diagnostic.where = inputs[k].file;
            diagnostic.message =
                *own ? words("this map has directed relations and {other} has only undirected "
                             "ones: informants must report ties the same way",
                             {{"other", inputs[*reference].file}})
                     : words("this map has only undirected relations and {other} has directed "
                             "ones: informants must report ties the same way",
                             {{"other", inputs[*reference].file}});
            throw io::LoadError({diagnostic});
        }
    }
    const bool las = settings.method == analysis::ConsensusMethod::las_intersection ||
                     settings.method == analysis::ConsensusMethod::las_union;
    if (las && settings.informant_actors.size() != inputs.size()) {
        throw UsageError(words("the methods las-intersection and las-union need the informant "
                               "actor of each map, {n} ids in the order of the maps (given: {m})",
                               {{"n", std::to_string(inputs.size())},
                                {"m", std::to_string(settings.informant_actors.size())}}),
                         "informant_actors");
    }
    if (!las && !settings.informant_actors.empty()) {
        throw UsageError(words("informant actors apply only to the methods las-intersection and "
                               "las-union"),
                         "informant_actors");
    }
    if (las) {
        for (std::size_t k = 0; k < inputs.size(); ++k) {
            if (!inputs[k].map.actor_index(settings.informant_actors[k])) {
                throw UsageError(
                    words("no actor \"{id}\" in {file}",
                          {{"id", settings.informant_actors[k]}, {"file", inputs[k].file}}),
                    "informant_actors");
            }
        }
    }
    if (!(settings.min_agreement > 0.0 && settings.min_agreement <= 1.0)) {
        throw UsageError(words("the minimum agreement must be above 0 and at most 1, e.g. 0.5"),
                         "min_agreement");
    }
}

} // namespace

MergeOutcome merge_document(const std::vector<MergeInput>& inputs,
                            const analysis::ConsensusSettings& settings, model::Language language) {
    const text::Words words(language);
    check_inputs(inputs, settings, words);
    std::vector<std::string> files;
    for (const auto& input : inputs) {
        files.push_back(input.file);
    }
    const std::vector<std::string> names = informant_names(files);
    std::vector<analysis::InformantMap> informants;
    for (std::size_t k = 0; k < inputs.size(); ++k) {
        informants.push_back({names[k], &inputs[k].map});
    }
    analysis::ConsensusResult result = [&] {
        try {
            return analysis::consensus(informants, settings);
        } catch (const UsageError&) {
            // Two maps whose informant actors are the same person, matched by id or name.
            throw UsageError(words("two maps name the same informant actor: each map must be the "
                                   "report of a different actor"),
                             "informant_actors");
        }
    }();

    const model::Map& merged = result.map;
    const std::string method(name_in(analysis::consensus_method_names, settings.method));
    const bool central = settings.method == analysis::ConsensusMethod::central;
    const bool las = settings.method == analysis::ConsensusMethod::las_intersection ||
                     settings.method == analysis::ConsensusMethod::las_union;
    auto id = [&](std::size_t actor) {
        return merged.actors[actor].id;
    };
    auto reporters = [&](const analysis::ConsensusTie& tie) {
        std::vector<std::string> out;
        for (const std::size_t k : tie.informants) {
            out.push_back(names[k]);
        }
        return out;
    };
    const std::size_t kept = merged.relations.size();
    const std::size_t contested = static_cast<std::size_t>(
        std::count_if(result.ties.begin(), result.ties.end(),
                      [](const analysis::ConsensusTie& tie) { return tie.contested; }));

    MergeOutcome outcome;
    Document& document = outcome.report;
    document.command = "merge";
    document.map = summary_of(merged);
    document.title = words("Consensus of {n} informants' maps",
                           {{"n", words.integer(static_cast<long long>(inputs.size()))}});
    const std::string rule =
        settings.method == analysis::ConsensusMethod::central
            ? words("ties reported by at least {share} of the informants",
                    {{"share", words.percent(settings.min_agreement)}})
        : settings.method == analysis::ConsensusMethod::union_of
            ? words("ties reported by any informant")
        : settings.method == analysis::ConsensusMethod::intersection
            ? words("ties reported by every informant")
        : settings.method == analysis::ConsensusMethod::las_intersection
            ? words("ties reported by both of the actors they join (locally aggregated "
                    "structure, intersection)")
            : words("ties reported by either of the actors they join (locally aggregated "
                    "structure, union)");
    document.lead.push_back(
        words("Method {method}: {rule}.", {{"method", method}, {"rule", rule}}));
    document.lead.push_back(
        words("{actors}; {kept} of {reported} reported ties kept; {contested} contested.",
              {{"actors", words.plural("{n} actor", "{n} actors", merged.actors.size())},
               {"kept", words.integer(static_cast<long long>(kept))},
               {"reported", words.integer(static_cast<long long>(result.ties.size()))},
               {"contested", words.integer(static_cast<long long>(contested))}}));

    Table informant_table;
    informant_table.columns = {words("informant"), words("file"), words("actors"),
                               words("ties reported")};
    informant_table.right_aligned = {false, false, true, true};
    if (las) {
        informant_table.columns.push_back(words("actor"));
        informant_table.right_aligned.push_back(false);
    }
    for (std::size_t k = 0; k < inputs.size(); ++k) {
        informant_table.rows.push_back(
            {names[k], inputs[k].file,
             words.integer(static_cast<long long>(inputs[k].map.actors.size())),
             words.integer(static_cast<long long>(result.reported[k]))});
        if (las) {
            informant_table.rows.back().push_back(settings.informant_actors[k]);
        }
    }
    document.blocks.push_back(Block::heading(words("Informants")));
    document.blocks.push_back(Block::of_table(std::move(informant_table)));

    document.blocks.push_back(Block::heading(words("Actors matched by name")));
    if (result.name_matches.empty()) {
        document.blocks.push_back(
            Block::paragraph(words("Every actor was matched by id or is on one map only.")));
    } else {
        Table matches;
        matches.columns = {words("informant"), words("id"), words("name"), words("matched to"),
                           words("name")};
        for (const auto& match : result.name_matches) {
            matches.rows.push_back({names[match.informant], match.id, match.name, id(match.actor),
                                    merged.actors[match.actor].name});
        }
        document.blocks.push_back(Block::of_table(std::move(matches)));
    }

    document.blocks.push_back(Block::heading(words("Contested ties")));
    if (contested == 0) {
        document.blocks.push_back(Block::paragraph(words("No contested tie.")));
    } else {
        document.blocks.push_back(Block::paragraph(
            words("Reported but left out of the consensus, or kept with an agreement of at most "
                  "two thirds.")));
        Table table;
        table.columns = {words("source"), words("target"), words("agreement"), words("informants"),
                         words("kept")};
        table.right_aligned = {false, false, true, false, false};
        for (const auto& tie : result.ties) {
            if (tie.contested) {
                table.rows.push_back(
                    {id(tie.source), id(tie.target), words.number(tie.agreement, 3),
                     words.list_and(reporters(tie)), tie.kept ? words("yes") : words("no")});
            }
        }
        document.blocks.push_back(Block::of_table(std::move(table)));
    }

    auto& options = document.options();
    options["method"] = method;
    if (central) {
        options["min_agreement"] = settings.min_agreement;
    }
    if (las) {
        options["informant_actors"] = settings.informant_actors;
    }
    auto& results = document.results();
    results["directed"] = result.directed;
    auto informants_json = nlohmann::ordered_json::array();
    for (std::size_t k = 0; k < inputs.size(); ++k) {
        nlohmann::ordered_json item{{"name", names[k]},
                                    {"file", inputs[k].file},
                                    {"actors", inputs[k].map.actors.size()},
                                    {"ties", result.reported[k]}};
        if (las) {
            item["actor"] = settings.informant_actors[k];
        }
        informants_json.push_back(std::move(item));
    }
    results["informants"] = std::move(informants_json);
    auto matches_json = nlohmann::ordered_json::array();
    for (const auto& match : result.name_matches) {
        matches_json.push_back({{"informant", names[match.informant]},
                                {"id", match.id},
                                {"name", match.name},
                                {"matched", id(match.actor)}});
    }
    results["matched_by_name"] = std::move(matches_json);
    results["ties"] = {{"reported", result.ties.size()}, {"kept", kept}};
    auto contested_json = nlohmann::ordered_json::array();
    auto records = nlohmann::ordered_json::array();
    for (const auto& tie : result.ties) {
        if (!tie.contested) {
            continue;
        }
        contested_json.push_back({{"source", id(tie.source)},
                                  {"target", id(tie.target)},
                                  {"agreement", tie.agreement},
                                  {"informants", reporters(tie)},
                                  {"kept", tie.kept}});
        std::string joined;
        for (const auto& name : reporters(tie)) {
            joined += (joined.empty() ? "" : ";") + name;
        }
        records.push_back({{"source", id(tie.source)},
                           {"target", id(tie.target)},
                           {"agreement", tie.agreement},
                           {"informants", joined},
                           {"kept", tie.kept}});
    }
    results["contested"] = std::move(contested_json);
    document.csv_records() = std::move(records);
    document.csv_columns = {"source", "target", "agreement", "informants", "kept"};
    outcome.map = std::move(result.map);
    // The first map's title when every map has the same one, else the title of the report.
    if (std::any_of(inputs.begin(), inputs.end(), [&](const MergeInput& input) {
            return input.map.title != inputs.front().map.title;
        })) {
        outcome.map.title = document.title;
    }
    return outcome;
}

} // namespace stakemap::report
