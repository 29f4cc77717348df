#include "stakemap/report/communities_report.hpp"

#include "stakemap/model/grouping.hpp"
#include "stakemap/report/stats_report.hpp"
#include "stakemap/text/words.hpp"

#include <nlohmann/json.hpp>

namespace stakemap::report {

namespace {

std::vector<std::vector<std::size_t>> members_of(const CommunitiesReport& report) {
    std::vector<std::vector<std::size_t>> members(report.partition.count);
    for (std::size_t v = 0; v < report.partition.community.size(); ++v) {
        members[report.partition.community[v]].push_back(v);
    }
    return members;
}

} // namespace

nlohmann::ordered_json communities_results(const CommunitiesReport& report) {
    nlohmann::ordered_json out;
    out["modularity"] = report.partition.modularity;
    out["count"] = report.partition.count;
    auto actors = nlohmann::ordered_json::array();
    for (std::size_t v = 0; v < report.map->actors.size(); ++v) {
        actors.push_back({{"id", report.map->actors[v].id},
                          {"name", report.map->actors[v].name},
                          {"community", report.partition.community[v] + 1}});
    }
    out["actors"] = std::move(actors);
    auto communities = nlohmann::ordered_json::array();
    const auto members = members_of(report);
    for (std::size_t c = 0; c < members.size(); ++c) {
        auto ids = nlohmann::ordered_json::array();
        for (std::size_t v : members[c]) {
            ids.push_back(report.map->actors[v].id);
        }
        communities.push_back(
            {{"community", c + 1}, {"size", members[c].size()}, {"members", ids}});
    }
    out["communities"] = std::move(communities);
    auto alignment = nlohmann::ordered_json::object();
    for (const auto& [grouping, contingency] : report.alignments) {
        auto rows = nlohmann::ordered_json::array();
        for (std::size_t r = 0; r < contingency.row_labels.size(); ++r) {
            rows.push_back({{"community", r + 1}, {"counts", contingency.counts[r]}});
        }
        alignment[grouping] = {{"nmi", contingency.nmi},
                               {"groups", contingency.column_labels},
                               {"rows", std::move(rows)}};
    }
    out["alignment"] = std::move(alignment);
    return out;
}

// "Community" is also a sector (associations and groups of residents); the groups that the
// algorithms find are called clusters in tables and sentences, so that the two never mix.

Table communities_table(const CommunitiesReport& report, model::Language language) {
    const text::Words words(language);
    Table table;
    table.columns = {words("cluster"), words("actors"), words("members")};
    table.right_aligned = {true, true, false};
    const auto members = members_of(report);
    for (std::size_t c = 0; c < members.size(); ++c) {
        std::string names;
        for (std::size_t v : members[c]) {
            names += (names.empty() ? "" : "; ") + report.map->actors[v].name;
        }
        table.rows.push_back({words.integer(static_cast<long long>(c + 1)),
                              words.integer(static_cast<long long>(members[c].size())), names});
    }
    return table;
}

Table alignment_table(const model::Map& map, const model::Vocabulary& vocabulary,
                      const std::string& grouping, const analysis::Contingency& contingency,
                      model::Language language) {
    const text::Words words(language);
    Table table;
    table.columns = {words("cluster")};
    table.right_aligned = {true};
    for (const auto& label : contingency.column_labels) {
        table.columns.push_back(group_value_label(map, vocabulary, grouping, label, words));
        table.right_aligned.push_back(true);
    }
    for (std::size_t r = 0; r < contingency.row_labels.size(); ++r) {
        std::vector<std::string> row{contingency.row_labels[r]};
        for (std::size_t count : contingency.counts[r]) {
            row.push_back(count == 0 ? "." : words.integer(static_cast<long long>(count)));
        }
        table.rows.push_back(std::move(row));
    }
    return table;
}

std::string alignment_heading(const std::string& grouping, const analysis::Contingency& contingency,
                              model::Language language) {
    const text::Words words(language);
    return words(
        "Clusters and {grouping}: normalised mutual information {nmi} (1 = the same "
        "grouping, 0 = unrelated)",
        {{"grouping", grouping_label(grouping, words)}, {"nmi", words.number(contingency.nmi, 3)}});
}

Document communities_document(const Input& input, analysis::CommunityOptions options) {
    options.control = input.settings().control;
    const model::Map& map = input.map();
    const model::Language language = input.language();
    CommunitiesReport result;
    result.map = &map;
    result.partition = analysis::detect_communities(input.graph(), options);
    for (const char* by : {"area", "sector"}) {
        result.alignments.emplace_back(
            by, analysis::align(result.partition.community,
                                *model::group_labels(map, input.vocabulary(), by)));
    }
    const std::string_view method = name_in(community_method_names, options.method);
    const text::Words words(language);
    Document document = new_document(input, "communities");
    document.options()["method"] = method;
    document.options()["seed"] = options.seed;
    document.options()["resolution"] = options.resolution;
    document.lead.push_back(words.plural(
        "{n} cluster, modularity {modularity} ({method}, seed {seed})",
        "{n} clusters, modularity {modularity} ({method}, seed {seed})", result.partition.count,
        {{"modularity", words.number(result.partition.modularity, 4)},
         {"method", std::string(method)},
         {"seed", std::to_string(options.seed)}}));
    document.blocks.push_back(Block::of_table(communities_table(result, language)));
    for (const auto& [grouping, contingency] : result.alignments) {
        document.blocks.push_back(
            Block::heading(alignment_heading(grouping, contingency, language)));
        document.blocks.push_back(Block::of_table(
            alignment_table(map, input.vocabulary(), grouping, contingency, language)));
    }
    document.results() = communities_results(result);
    document.csv_records() = document.results()["actors"];
    return document;
}

} // namespace stakemap::report
