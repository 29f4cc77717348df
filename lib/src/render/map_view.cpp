#include "stakemap/render/map_view.hpp"

#include "stakemap/render/graphviz.hpp"

#include "stakemap/analysis/centrality.hpp"
#include "stakemap/analysis/communities.hpp"
#include "stakemap/analysis/coverage.hpp"
#include "stakemap/analysis/structure.hpp"
#include "stakemap/analysis/suggest.hpp"
#include "stakemap/io/diagnostics.hpp"
#include "stakemap/io/vocabulary.hpp"
#include "stakemap/model/area_tree.hpp"
#include "stakemap/model/grouping.hpp"
#include "stakemap/report/centrality_report.hpp"
#include "stakemap/report/coverage_report.hpp"
#include "stakemap/report/table.hpp"
#include "stakemap/text/words.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace stakemap::render {

namespace {

/// The values of `measure`, asked for by `setting` ("color_by", "size_by").
std::vector<double> measure_values(const graph::AnalysisGraph& graph, analysis::Measure measure,
                                   const char* setting, unsigned threads,
                                   const text::Words& words) {
    if (!analysis::applies(measure, graph)) {
        throw ViewError(setting, words("the measure \"{name}\" applies to directed maps only",
                                       {{"name", analysis::measure_key(measure)}}));
    }
    return analysis::centrality(graph, {.measures = {measure}, .threads = threads}).front().values;
}

std::vector<std::size_t> communities_of(const graph::AnalysisGraph& graph, std::uint64_t seed) {
    return analysis::detect_communities(graph, {.seed = seed}).community;
}

std::string group_name(const model::Vocabulary& vocabulary, const std::string& by,
                       const std::string& value, const model::Map& map, model::Language language) {
    if (value.empty()) {
        const text::Words words(language);
        return words.in_context("drawing", "(none)");
    }
    if (by == "sector") {
        const auto* term = vocabulary.find_sector(value);
        return term != nullptr ? model::text(term->label, language) : value;
    }
    if (by == "kind") {
        const auto* term = vocabulary.find_kind(value);
        return term != nullptr ? model::text(term->label, language) : value;
    }
    if (by == "level") {
        const auto* term = vocabulary.find_level(value);
        return term != nullptr ? model::text(term->label, language) : value;
    }
    if (by == "area") {
        const auto index = map.area_index(value);
        return index ? map.areas[*index].name : value;
    }
    return value;
}

ViewError unknown_area(const text::Words& words, const model::Map& map, const std::string& id) {
    return {"area", io::unknown_name(words, words("no area"), id, map.area_ids())};
}

DrawingOptions drawing_options(const ViewOptions& options, std::string engine) {
    return {.engine = std::move(engine),
            .label = options.label,
            .language = options.language,
            .paper = options.paper ? std::optional<std::string>(to_string(*options.paper))
                                   : std::nullopt,
            .landscape = options.landscape};
}

/// Whether area `id` is area `root` or lies below it.
bool within(const model::Map& map, const model::AreaTree& tree, const std::string& id,
            std::size_t root) {
    const auto index = map.area_index(id);
    return index && tree.within(*index, root);
}

} // namespace

MapView map_view(const model::Map& map, const graph::AnalysisGraph& graph,
                 const ViewOptions& options) {
    const auto vocabulary = io::default_vocabulary().merged_with(map);
    const std::size_t n = map.actors.size();
    DrawingData data;
    data.map = &map;
    data.vocabulary = &vocabulary;
    data.graph = &graph;
    data.title = map.title + (map.date ? " — " + *map.date : std::string());
    const text::Words words(options.language);
    if (options.color_areas != ColorAreas::none && options.cluster != Cluster::area) {
        throw ViewError("color_areas",
                        words("area boxes are shaded only when actors are clustered by area"));
    }
    analysis::CoverageResult coverage;
    if (options.view == View::coverage || options.color_areas == ColorAreas::coverage) {
        analysis::CoverageOptions settings;
        settings.access_target = options.access_target;
        settings.within = options.within;
        coverage = analysis::coverage(map, vocabulary, graph, settings);
    }

    // Which actors are drawn.
    data.shown.assign(n, true);
    if (options.ego) {
        const auto centre = graph.vertex(*options.ego);
        if (!centre) {
            throw ViewError(
                "ego", io::unknown_name(words, words("no actor"), *options.ego, map.actor_ids()));
        }
        const auto around = analysis::reach_from(graph, {*centre}, options.radius);
        for (std::size_t v = 0; v < n; ++v) {
            data.shown[v] = around.reached(v);
        }
        data.title += " — " + words("network of {name}", {{"name", map.actors[*centre].name}});
    }
    if (options.view == View::coverage) {
        if (map.areas.empty()) {
            throw ViewError("view", words("the coverage view needs areas, and the map has none"));
        }
        std::vector<std::size_t> areas;
        std::string title = data.title + " — " + words("service coverage by area");
        if (!options.area) {
            for (std::size_t a = 0; a < map.areas.size(); ++a) {
                areas.push_back(a);
            }
        } else if (const auto root = map.area_index(*options.area)) {
            areas = model::AreaTree(map).areas_within(*root);
        }
        if (areas.empty()) {
            throw unknown_area(words, map, *options.area);
        }
        return {
            coverage_dot(map, vocabulary, coverage, areas, title, drawing_options(options, "dot")),
            "dot"};
    }
    if (options.area) {
        const auto root = map.area_index(*options.area);
        if (!root) {
            throw unknown_area(words, map, *options.area);
        }
        const model::AreaTree tree(map);
        for (std::size_t v = 0; v < n; ++v) {
            const auto& actor = map.actors[v];
            bool here = actor.area && within(map, tree, *actor.area, *root);
            here = here || actor.serves_all;
            if (actor.serves) {
                for (const auto& served : *actor.serves) {
                    here = here || within(map, tree, served, *root);
                }
            }
            data.shown[v] = data.shown[v] && here;
        }
        data.title += " — " + map.areas[*root].name;
    }
    // A relation is drawn when the graph kept it and both its actors are shown; the graph's edges
    // hold its actors already, so no id is looked up.
    data.relation_shown.assign(map.relations.size(), false);
    for (const auto& edge : graph.undirected_edges) {
        for (auto r : edge.relations) {
            data.relation_shown[r] = data.shown[edge.source] && data.shown[edge.target];
        }
    }

    const auto actors_drawn =
        static_cast<long long>(std::count(data.shown.begin(), data.shown.end(), true));
    const auto ties_drawn = static_cast<long long>(drawn_ties(data).size());
    if (actors_drawn > static_cast<long long>(max_drawn_actors) ||
        ties_drawn > static_cast<long long>(max_drawn_ties)) {
        // No setting named: the size comes from the map, not from one option.
        throw ViewError(
            "", words("the drawing would show {actors} actors and {ties} ties; a drawing shows "
                      "at most {max_actors} actors and {max_ties} ties, as no page could show "
                      "more. Draw less of it: one area with --area ID, or one actor and those "
                      "around it with --ego ID --radius 1",
                      {{"actors", words.integer(actors_drawn)},
                       {"ties", words.integer(ties_drawn)},
                       {"max_actors", words.integer(static_cast<long long>(max_drawn_actors))},
                       {"max_ties", words.integer(static_cast<long long>(max_drawn_ties))}}));
    }

    // Clusters.
    std::vector<std::size_t> community;
    auto community_once = [&]() -> const std::vector<std::size_t>& {
        if (community.empty() && n > 0) {
            community = communities_of(graph, options.seed);
        }
        return community;
    };
    if (options.cluster == Cluster::area) {
        for (const auto& area : map.areas) {
            // Flat clusters: composition packs boxes side by side, never one inside another, and
            // a district box around every neighbourhood adds nothing a reader needs.
            data.clusters.push_back({area.id, area.name, "", ""});
        }
        if (options.color_areas == ColorAreas::coverage) {
            for (std::size_t a = 0; a < map.areas.size(); ++a) {
                const auto score = report::coverage_shown_score(coverage.areas[a]);
                data.clusters[a].fill = score_fill(score.value_or(std::nan("")));
                data.clusters[a].name += " (" + (score ? words.number(*score, 2) : "–") + ")";
            }
            data.cluster_fill_label = words.in_context("drawing", "coverage score");
        }
        for (const auto& actor : map.actors) {
            data.cluster_of.push_back(actor.area.value_or(""));
        }
    } else if (options.cluster == Cluster::sector || options.cluster == Cluster::kind) {
        const std::string by(to_string(options.cluster));
        const auto labels = *model::group_labels(map, vocabulary, by);
        std::set<std::string> seen;
        for (const auto& label : labels) {
            if (!label.empty() && seen.insert(label).second) {
                data.clusters.push_back(
                    {label, group_name(vocabulary, by, label, map, options.language), "", ""});
            }
        }
        data.cluster_of = labels;
    } else if (options.cluster == Cluster::community) {
        const auto& partition = community_once();
        std::set<std::size_t> seen;
        for (std::size_t v = 0; v < n; ++v) {
            if (seen.insert(partition[v]).second) {
                data.clusters.push_back(
                    {std::to_string(partition[v] + 1),
                     words("Community {number}",
                           {{"number", words.integer(static_cast<long long>(partition[v] + 1))}}),
                     "", ""});
            }
            data.cluster_of.push_back(std::to_string(partition[v] + 1));
        }
        std::sort(data.clusters.begin(), data.clusters.end(),
                  [](const ClusterInfo& a, const ClusterInfo& b) {
                      return std::stoul(a.key) < std::stoul(b.key);
                  });
    }

    // Colour.
    const auto* grouping = std::get_if<Grouping>(&options.color_by);
    if (grouping == nullptr) {
        const auto measure = std::get<analysis::Measure>(options.color_by);
        data.color_values = measure_values(graph, measure, "color_by", options.threads, words);
        data.color_label = report::measure_label(measure, words);
    } else if (*grouping == Grouping::community) {
        const auto& partition = community_once();
        for (std::size_t v = 0; v < n; ++v) {
            data.color_groups.push_back(std::to_string(partition[v] + 1));
            data.color_group_names.push_back(
                words("community {number}",
                      {{"number", words.integer(static_cast<long long>(partition[v] + 1))}}));
        }
        data.color_label = words.in_context("drawing", "community");
    } else if (*grouping != Grouping::sector) {
        const std::string by(to_string(*grouping));
        data.color_groups = *model::group_labels(map, vocabulary, by);
        for (const auto& value : data.color_groups) {
            data.color_group_names.push_back(
                group_name(vocabulary, by, value, map, options.language));
        }
        data.color_label = *grouping == Grouping::kind
                               ? words.in_context("drawing", "kind of actor")
                           : *grouping == Grouping::level ? words.in_context("drawing", "level")
                                                          : words.in_context("drawing", "area");
    }

    // Size.
    if (options.size_by) {
        data.size_values =
            measure_values(graph, *options.size_by, "size_by", options.threads, words);
        data.size_label = report::measure_label(*options.size_by, words);
    }

    // Suggested links, with the same goal and defaults as `stakemap suggest`.
    if (options.highlight == Highlight::suggestions) {
        analysis::SuggestOptions settings;
        settings.goal = options.goal;
        settings.k = options.suggestions;
        settings.build = options.build;
        settings.coverage.access_target = options.access_target;
        settings.coverage.within = options.within;
        const auto result = analysis::suggest(map, vocabulary, settings);
        for (std::size_t i = 0; i < result.links.size(); ++i) {
            data.suggested.push_back({result.links[i].source, result.links[i].target, i + 1});
        }
    }

    // Gaps: cut actors, bridges, isolates.
    if (options.highlight == Highlight::gaps) {
        data.cut_actor = analysis::cut_actors(graph);
        data.isolated.assign(n, false);
        for (std::size_t v = 0; v < n; ++v) {
            data.isolated[v] = graph.undirected.degree(static_cast<graph::Vertex>(v)) == 0;
        }
        const auto bridge_edges = analysis::bridges(graph);
        data.bridge_relation.assign(map.relations.size(), false);
        for (std::size_t e = 0; e < graph.undirected_edges.size(); ++e) {
            if (bridge_edges[e]) {
                for (auto r : graph.undirected_edges[e].relations) {
                    data.bridge_relation[r] = true;
                }
            }
        }
    }

    std::size_t shown = 0;
    for (bool s : data.shown) {
        shown += s ? 1 : 0;
    }
    MapView view;
    if (options.engine) {
        view.engine = to_string(*options.engine);
    } else {
        // Clusters are composed: each laid out on its own and packed to the page's proportions
        // (compose.hpp). dot puts clusters side by side and draws very wide maps, and Graphviz
        // 2.43's fdp gives a different drawing on every run when there are clusters, while a
        // drawing must be the same for the same map and options (ViewOptions::engine can still
        // ask for dot or fdp).
        // On paper, a drawing without clusters is composed too: one block, and the legend
        // beside it when that makes the drawing larger on the sheet.
        const bool composed = options.cluster != Cluster::none || options.paper.has_value();
        view.engine = options.view == View::grid ? "neato"
                      : composed                 ? std::string(composed_engine)
                      : shown <= 300             ? "neato"
                                                 : "sfdp";
    }
    const DrawingOptions drawing = drawing_options(options, view.engine);
    view.dot = options.view == View::grid ? grid_dot(data, drawing) : network_dot(data, drawing);
    if (options.view == View::grid) {
        view.engine = "neato"; // positions are fixed; neato keeps them
    }
    return view;
}

std::vector<PaperAlternative> readable_alternatives(const model::Map& map,
                                                    const graph::AnalysisGraph& graph,
                                                    const ViewOptions& options) {
    if (!options.paper) {
        return {};
    }
    const PaperSize asked = *options.paper;
    std::vector<PaperAlternative> candidates;
    if (asked == PaperSize::a4) {
        candidates.push_back({PaperSize::a3, options.landscape, false});
        candidates.push_back({PaperSize::a3, !options.landscape, false});
    }
    candidates.push_back({asked, !options.landscape, false});
    if (options.label == LabelMode::name) {
        candidates.push_back({asked, options.landscape, true});
    }
    std::vector<PaperAlternative> readable;
    for (auto candidate : candidates) {
        ViewOptions changed = options;
        changed.paper = candidate.paper;
        changed.landscape = candidate.landscape;
        if (candidate.short_labels) {
            changed.label = LabelMode::short_name;
        }
        const MapView view = map_view(map, graph, changed);
        const auto sheet = paper_sheet(to_string(candidate.paper), candidate.landscape);
        const Fit fit = fit_on_paper(view.dot, view.engine, *sheet);
        if (fit.readable()) {
            candidate.smallest_printed_text = fit.smallest_printed_text();
            readable.push_back(std::move(candidate));
        }
    }
    return readable;
}

Drawing draw_map(const model::Map& map, const ViewOptions& options, OutputFormat format) {
    const graph::AnalysisGraph graph = graph::build(map, options.build);
    MapView view = map_view(map, graph, options);
    if (format == OutputFormat::dot) {
        return {std::move(view.dot), std::nullopt};
    }
    RenderOptions rendering;
    rendering.date = map.date;
    if (options.paper) {
        rendering.paper = paper_sheet(to_string(*options.paper), options.landscape);
    }
    try {
        return {render_dot(view.dot, view.engine, std::string(to_string(format)), rendering),
                std::nullopt};
    } catch (const DoesNotFit& refusal) {
        return {"", Refusal{refusal.paper(), refusal.fit(),
                            readable_alternatives(map, graph, options)}};
    }
}

} // namespace stakemap::render
