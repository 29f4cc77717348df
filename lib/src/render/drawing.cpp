#include "stakemap/render/drawing.hpp"

#include "stakemap/render/escape.hpp"
#include "stakemap/report/coverage_report.hpp"
#include "stakemap/report/table.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

namespace stakemap::render {

namespace {

using report::format_number;

const std::vector<std::string>& sequential_palette() {
    // Viridis in five steps: readable with every common colour-vision deficiency.
    static const std::vector<std::string> colours = {"#FDE725", "#5EC962", "#21918C", "#3B528B",
                                                     "#440154"};
    return colours;
}

struct SectorStyle {
    const char* sector;
    const char* shape;
    const char* colour;
    const char* symbol;
};

// Okabe–Ito colours; one shape per sector so that the map also reads in grey.
constexpr SectorStyle sector_styles[] = {
    {"institution", "box", "#0072B2", "■"},   {"civil_society", "ellipse", "#E69F00", "●"},
    {"community", "hexagon", "#009E73", "⬢"}, {"bridge", "diamond", "#CC79A7", "◆"},
    {"private", "octagon", "#F0E442", "◉"},   {"", "oval", "#BBBBBB", "○"},
};

const SectorStyle& sector_style(const std::string& sector) {
    for (const auto& style : sector_styles) {
        if (sector == style.sector) {
            return style;
        }
    }
    return sector_styles[std::size(sector_styles) - 1];
}

struct TypeStyle {
    const char* type;
    const char* style;
};

constexpr TypeStyle type_styles[] = {
    {"information", "dashed"},    {"referral", "solid"},   {"collaboration", "solid"},
    {"coordination", "bold"},     {"funding", "solid"},    {"membership", "dotted"},
    {"representation", "dotted"}, {"mediation", "dashed"}, {"governance", "bold"},
};

const char* type_style(const std::optional<std::string>& type) {
    if (type) {
        for (const auto& style : type_styles) {
            if (*type == style.type) {
                return style.style;
            }
        }
    }
    return "solid";
}

bool italian(const DrawingOptions& options) {
    return options.language == model::Language::it;
}

std::string words(const DrawingOptions& options, const char* it, const char* en) {
    return italian(options) ? it : en;
}

std::string node_label(const model::Actor& actor, LabelMode mode) {
    switch (mode) {
    case LabelMode::none:
        return "";
    case LabelMode::short_name:
        return wrap(actor.short_name.value_or(actor.name), 16);
    case LabelMode::name:
        break;
    }
    return wrap(actor.name, 18);
}

std::string sequential_colour(double value, double low, double high) {
    const auto& palette = sequential_palette();
    if (!(high > low) || std::isnan(value)) {
        return palette.front();
    }
    const double position = (value - low) / (high - low);
    const auto step =
        static_cast<std::size_t>(std::clamp(position * static_cast<double>(palette.size()), 0.0,
                                            static_cast<double>(palette.size() - 1)));
    return palette[step];
}

/// Colour of each actor: by category (palette in order of first appearance) or by a measure.
std::vector<std::string> actor_colours(const DrawingData& data) {
    const std::size_t n = data.map->actors.size();
    std::vector<std::string> colours(n, "#BBBBBB");
    if (!data.color_values.empty()) {
        double low = INFINITY;
        double high = -INFINITY;
        for (double value : data.color_values) {
            if (!std::isnan(value)) {
                low = std::min(low, value);
                high = std::max(high, value);
            }
        }
        for (std::size_t v = 0; v < n; ++v) {
            colours[v] = sequential_colour(data.color_values[v], low, high);
        }
        return colours;
    }
    if (data.color_groups.empty()) {
        for (std::size_t v = 0; v < n; ++v) {
            colours[v] =
                sector_style(model::sector_of(data.map->actors[v], *data.vocabulary)).colour;
        }
        return colours;
    }
    const auto& palette = category_palette();
    std::map<std::string, std::size_t> index;
    for (std::size_t v = 0; v < n; ++v) {
        const auto [it, inserted] = index.emplace(data.color_groups[v], index.size());
        colours[v] =
            data.color_groups[v].empty() ? "#BBBBBB" : palette[it->second % palette.size()];
    }
    return colours;
}

/// For a poster: the drawing scaled to the sheet (A4 8.27 × 11.69 in, A3 11.69 × 16.54 in) inside
/// a 0.4 in margin.
std::string paper_attributes(const DrawingOptions& options) {
    if (!options.paper) {
        return "";
    }
    double width = *options.paper == "A3" ? 11.69 : 8.27;
    double height = *options.paper == "A3" ? 16.54 : 11.69;
    if (options.landscape) {
        std::swap(width, height);
    }
    return ",\n         size=\"" + format_number(width - 0.8) + "," + format_number(height - 0.8) +
           "!\", margin=\"0.4\"";
}

std::string graph_header(const DrawingOptions& options, std::size_t actors) {
    std::string out = "digraph \"stakemap\" {\n";
    out += "  graph [charset=\"UTF-8\", fontname=\"DejaVu Sans\", fontsize=18, pad=\"0.3\",\n";
    out += "         outputorder=\"edgesfirst\", start=1, labelloc=\"b\", labeljust=\"l\"";
    if (options.engine == "neato" || options.engine == "fdp" || options.engine == "sfdp") {
        out += ",\n         overlap=\"prism\", sep=\"+4\", esep=\"+2\"";
        out += actors > 300 ? ", splines=\"false\"" : ", splines=\"true\"";
    }
    if (options.engine == "dot") {
        out += ",\n         nodesep=\"0.25\", ranksep=\"0.6\", splines=\"true\"";
    }
    if (options.engine == "fdp") {
        out += ", K=\"0.4\"";
    }
    out += paper_attributes(options);
    out += "];\n";
    out += "  node [fontname=\"DejaVu Sans\", fontsize=10, style=\"filled\", penwidth=1, "
           "color=\"#333333\", margin=\"0.08,0.04\"];\n";
    out += "  edge [color=\"#55555599\", arrowsize=0.6];\n";
    return out;
}

/// The legend: title, shapes by sector, colours, edge styles, what size means; an HTML-like label
/// under the drawing so that every layout engine places it the same way.
std::string legend(const DrawingData& data, const DrawingOptions& options,
                   const std::vector<std::string>& colours, bool network,
                   const std::string& extra) {
    std::string rows;
    auto row = [&](const std::string& symbol, const std::string& colour, const std::string& text) {
        rows += "<tr><td><font color=\"" + colour + "\" point-size=\"14\">" + symbol +
                "</font></td><td align=\"left\">" + html_text(text) + "</td></tr>";
    };
    std::set<std::string> sectors;
    for (std::size_t v = 0; v < data.map->actors.size(); ++v) {
        if (data.shown[v]) {
            sectors.insert(model::sector_of(data.map->actors[v], *data.vocabulary));
        }
    }
    const bool by_sector = data.color_groups.empty() && data.color_values.empty();
    rows +=
        "<tr><td colspan=\"2\" align=\"left\"><b>" +
        html_text(words(options, "Forma: settore", "Shape: sector")) +
        (by_sector ? html_text(words(options, " (anche il colore)", " (also the colour)")) : "") +
        "</b></td></tr>";
    for (const auto& style : sector_styles) {
        if (sectors.count(style.sector) == 0) {
            continue;
        }
        const model::Term* term = data.vocabulary->find_sector(style.sector);
        const std::string name = term != nullptr ? model::text(term->label, options.language)
                                                 : words(options, "senza settore", "no sector");
        row(style.symbol, by_sector ? style.colour : "#333333", name);
    }
    if (!data.color_groups.empty()) {
        rows += "<tr><td colspan=\"2\" align=\"left\"><b>" +
                html_text(words(options, "Colore: ", "Colour: ") + data.color_label) +
                "</b></td></tr>";
        std::set<std::string> done;
        for (std::size_t v = 0; v < data.map->actors.size(); ++v) {
            if (data.shown[v] && done.insert(data.color_groups[v]).second) {
                row("●", colours[v],
                    data.color_group_names.empty() ? data.color_groups[v]
                                                   : data.color_group_names[v]);
            }
        }
    }
    if (!data.color_values.empty()) {
        std::string scale;
        for (const auto& colour : sequential_palette()) {
            scale += "<font color=\"" + colour + "\">■</font>";
        }
        rows += "<tr><td colspan=\"2\" align=\"left\"><b>" +
                html_text(words(options, "Colore: ", "Colour: ") + data.color_label) + "</b> " +
                html_text(words(options, "basso ", "low ")) + scale +
                html_text(words(options, " alto", " high")) + "</td></tr>";
    }
    if (network) {
        if (!data.size_values.empty()) {
            row("⬤", "#333333", words(options, "Dimensione: ", "Size: ") + data.size_label);
        }
        std::set<std::string> styles;
        bool directed = false;
        for (std::size_t r = 0; r < data.map->relations.size(); ++r) {
            if (data.relation_shown[r]) {
                const auto& relation = data.map->relations[r];
                styles.insert(relation.type.value_or(""));
                directed = directed || data.map->is_directed(relation);
            }
        }
        for (const auto& type : styles) {
            const char* style = type_style(type.empty() ? std::nullopt : std::optional(type));
            const std::string line = std::string(style) == "dashed"   ? "╌╌╌"
                                     : std::string(style) == "dotted" ? "┈┈┈"
                                     : std::string(style) == "bold"   ? "━━━"
                                                                      : "───";
            const model::Term* term =
                type.empty() ? nullptr : data.vocabulary->find_relation_type(type);
            const std::string name = term != nullptr ? model::text(term->label, options.language)
                                     : type.empty()  ? words(options, "senza tipo", "untyped")
                                                     : type;
            row(line, "#555555", name);
        }
        row("───", "#555555",
            words(options, "Spessore: forza del legame", "Line width: strength of the tie"));
        if (directed) {
            row("──▶", "#555555",
                words(options, "Freccia: relazione orientata", "Arrow: directed relation"));
        }
    }
    if (!data.cluster_fill_label.empty()) {
        std::string scale;
        for (double score : {0.1, 0.3, 0.5, 0.7, 0.9}) {
            scale += "<font color=\"" + score_fill(score) + "\">■</font>";
        }
        rows += "<tr><td colspan=\"2\" align=\"left\"><b>" +
                html_text(words(options, "Sfondo delle aree: ", "Area background: ") +
                          data.cluster_fill_label) +
                "</b> " + html_text(words(options, "basso ", "low ")) + scale +
                html_text(words(options, " alto", " high")) + "</td></tr>";
    }
    rows += extra;
    std::string title = "<tr><td colspan=\"2\" align=\"left\"><font point-size=\"16\"><b>" +
                        html_text(data.title) + "</b></font></td></tr>";
    return "  label=<<table border=\"0\" cellborder=\"0\" cellspacing=\"1\" cellpadding=\"1\">" +
           title + rows + "</table>>;\n";
}

struct StateStyle {
    analysis::ServiceState state;
    bool local;
    const char* fill;
    const char* ink;
};

// Okabe–Ito colours, each with its symbol so that the matrix also reads in grey.
constexpr StateStyle state_styles[] = {
    {analysis::ServiceState::present, true, "#009E73", "#FFFFFF"},
    {analysis::ServiceState::present, false, "#9AD9C4", "#000000"},
    {analysis::ServiceState::unconnected, true, "#F0E442", "#000000"},
    {analysis::ServiceState::reachable, true, "#56B4E9", "#000000"},
    {analysis::ServiceState::missing, true, "#EEEEEE", "#666666"},
    {analysis::ServiceState::needed_missing, true, "#D55E00", "#FFFFFF"},
};

const StateStyle& state_style(analysis::ServiceState state, bool local) {
    for (const auto& style : state_styles) {
        if (style.state == state &&
            (style.local == local || state != analysis::ServiceState::present)) {
            return style;
        }
    }
    return state_styles[4];
}

} // namespace

std::string score_fill(double score) {
    static const char* const colours[] = {"#F8C4AA", "#FCE3D4", "#F5F5F5", "#DDEBF4", "#B9D7EA"};
    if (std::isnan(score)) {
        return colours[2];
    }
    const auto step = static_cast<std::size_t>(std::clamp(score * 5.0, 0.0, 4.0));
    return colours[step];
}

std::string coverage_dot(const model::Map& map, const model::Vocabulary& vocabulary,
                         const analysis::CoverageResult& coverage,
                         const std::vector<std::size_t>& areas, const std::string& title,
                         const DrawingOptions& options) {
    auto cell_text = [](const std::string& text, const std::string& attributes) {
        return "<td " + attributes + ">" + text + "</td>";
    };
    std::string table = "<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" "
                        "cellpadding=\"5\" color=\"#FFFFFF\">";
    table += "<tr>" +
             cell_text("<font point-size=\"16\"><b>" + html_text(title) + "</b></font>",
                       "colspan=\"" + std::to_string(areas.size() + 1) +
                           "\" align=\"left\" bgcolor=\"#FFFFFF\"") +
             "</tr>";
    // Header: one column per area; parent areas show their sub-areas' average.
    table += "<tr>" + cell_text("", "border=\"0\"");
    for (std::size_t a : areas) {
        const model::Area& area = map.areas[a];
        // Long names break at spaces; <br/> is the line break of HTML-like labels.
        std::string name;
        const std::string wrapped = wrap(area.name.empty() ? area.id : area.name, 14);
        std::size_t start = 0;
        for (std::size_t end = wrapped.find('\n'); end != std::string::npos;
             start = end + 1, end = wrapped.find('\n', start)) {
            name += html_text(std::string_view(wrapped).substr(start, end - start)) + "<br/>";
        }
        name += html_text(std::string_view(wrapped).substr(start));
        table += cell_text(coverage.areas[a].sub_areas.empty() ? name : "<b>" + name + "</b>",
                           "bgcolor=\"#FFFFFF\" valign=\"bottom\"");
    }
    table +=
        "</tr><tr>" + cell_text("<i>" + html_text(words(options, "punteggio", "score")) + "</i>",
                                "align=\"right\" bgcolor=\"#FFFFFF\"");
    for (std::size_t a : areas) {
        const auto& figures = coverage.areas[a];
        const auto score = report::coverage_shown_score(figures);
        table += cell_text(score ? format_number(*score, 2) : "–",
                           "bgcolor=\"" + score_fill(score.value_or(std::nan(""))) + "\"");
    }
    table += "</tr>";
    for (std::size_t s = 0; s < coverage.services.size(); ++s) {
        const std::string& service = coverage.services[s];
        const model::Term* term = vocabulary.find_service(service);
        const std::string label =
            term != nullptr ? model::text(term->label, options.language) : service;
        table += "<tr>" + cell_text(html_text(label.empty() ? service : label),
                                    "align=\"right\" bgcolor=\"#FFFFFF\"");
        for (std::size_t a : areas) {
            const analysis::ServiceCell& cell = coverage.areas[a].cells[s];
            const StateStyle& style = state_style(cell.state, cell.local);
            std::string text = report::coverage_state_symbol(cell.state, cell.local);
            if (cell.needed) {
                text += cell.demand ? " " + format_number(*cell.demand) : std::string(" *");
            }
            table += cell_text("<font color=\"" + std::string(style.ink) + "\">" + html_text(text) +
                                   "</font>",
                               "bgcolor=\"" + std::string(style.fill) + "\"");
        }
        table += "</tr>";
    }
    table += "</table>";

    std::string legend = "<table border=\"0\" cellborder=\"0\" cellspacing=\"1\" "
                         "cellpadding=\"2\">";
    for (const auto& style : state_styles) {
        std::string name = report::coverage_state_label(style.state, options.language);
        if (!style.local) {
            name = words(options, "presente solo da attori cittadini",
                         "present only from city-wide actors");
        }
        legend += "<tr><td bgcolor=\"" + std::string(style.fill) +
                  "\" width=\"44\" fixedsize=\"true\"><font color=\"" + style.ink + "\">" +
                  html_text(report::coverage_state_symbol(style.state, style.local)) +
                  "</font></td><td align=\"left\">" + html_text(name) + "</td></tr>";
    }
    legend += "<tr><td>120</td><td align=\"left\">" +
              html_text(words(options,
                              "necessario secondo la rilevazione dei bisogni, con la domanda "
                              "(* senza domanda)",
                              "needed according to the needs survey, with its demand (* no "
                              "demand recorded)")) +
              "</td></tr><tr><td>0.42</td><td align=\"left\">" +
              html_text(words(options,
                              "punteggio di copertura (aree con sotto-aree: media delle "
                              "sotto-aree)",
                              "coverage score (areas with sub-areas: their sub-areas' average)")) +
              "</td></tr></table>";

    std::string out = "digraph \"stakemap\" {\n";
    out += "  graph [charset=\"UTF-8\", fontname=\"DejaVu Sans\", fontsize=12, pad=\"0.3\", "
           "labelloc=\"b\", labeljust=\"l\"" +
           paper_attributes(options) + "];\n";
    out += "  node [fontname=\"DejaVu Sans\", fontsize=11, shape=plain];\n";
    out += "  label=<" + legend + ">;\n";
    out += "  matrix [label=<" + table + ">];\n";
    out += "}\n";
    return out;
}

const std::vector<std::string>& category_palette() {
    static const std::vector<std::string> colours = {"#E69F00", "#56B4E9", "#009E73", "#F0E442",
                                                     "#0072B2", "#D55E00", "#CC79A7", "#999999"};
    return colours;
}

std::string network_dot(const DrawingData& data, const DrawingOptions& options) {
    const auto& actors = data.map->actors;
    const std::size_t n = actors.size();
    const auto colours = actor_colours(data);
    std::size_t shown_count = 0;
    for (bool shown : data.shown) {
        shown_count += shown ? 1 : 0;
    }
    std::string out = graph_header(options, shown_count);
    const bool gaps = !data.cut_actor.empty();
    std::string extra;
    if (!data.suggested.empty()) {
        extra += "<tr><td><font color=\"#0072B2\">╌ 1 ╌</font></td><td align=\"left\">" +
                 html_text(words(options, "Tratteggio blu: legame suggerito, con il suo numero",
                                 "Blue dashes: suggested link, with its rank")) +
                 "</td></tr>";
    }
    if (gaps) {
        extra +=
            "<tr><td><font color=\"#D55E00\" point-size=\"14\">□</font></td><td "
            "align=\"left\">" +
            html_text(words(options, "Bordo rosso: attore critico (se si ferma, la rete si divide)",
                            "Red border: cut actor (if it stops, the network splits)")) +
            "</td></tr><tr><td><font color=\"#D55E00\">───</font></td><td align=\"left\">" +
            html_text(words(options, "Legame rosso: legame critico (ponte)",
                            "Red tie: critical tie (bridge)")) +
            "</td></tr><tr><td><font color=\"#BBBBBB\" point-size=\"14\">●</font></td><td "
            "align=\"left\">" +
            html_text(words(options, "Grigio: attore isolato", "Grey: isolated actor")) +
            "</td></tr>";
    }
    out += legend(data, options, colours, true, extra);

    double largest = 0.0;
    for (std::size_t v = 0; v < data.size_values.size(); ++v) {
        if (data.shown[v] && !std::isnan(data.size_values[v])) {
            largest = std::max(largest, data.size_values[v]);
        }
    }
    auto node = [&](std::size_t v, const std::string& indent) {
        const auto& actor = actors[v];
        const auto& style = sector_style(model::sector_of(actor, *data.vocabulary));
        std::string colour = colours[v];
        std::string attributes = "label=" + dot_label(node_label(actor, options.label)) +
                                 ", tooltip=" + dot_quoted(actor.id) + ", shape=" + style.shape;
        if (gaps && data.isolated[v]) {
            colour = "#DDDDDD";
            attributes += ", style=\"filled,dashed\", fontcolor=\"#666666\"";
        }
        attributes += ", fillcolor=\"" + colour + "B3\"";
        if (gaps && data.cut_actor[v]) {
            attributes += ", color=\"#D55E00\", penwidth=3.5";
        }
        if (!data.size_values.empty() && largest > 0.0 && !std::isnan(data.size_values[v])) {
            const double width =
                0.5 + 1.5 * std::sqrt(std::max(0.0, data.size_values[v]) / largest);
            attributes +=
                ", width=" + format_number(width, 3) + ", height=" + format_number(width * 0.6, 3);
        }
        out += indent + "n" + std::to_string(v) + " [" + attributes + "];\n";
    };

    // Clusters (nested by parent), each with the actors that belong directly to it.
    std::map<std::string, std::vector<std::size_t>> members;
    for (std::size_t v = 0; v < n; ++v) {
        if (data.shown[v] && !data.cluster_of.empty() && !data.cluster_of[v].empty()) {
            members[data.cluster_of[v]].push_back(v);
        }
    }
    std::map<std::string, std::vector<const ClusterInfo*>> children;
    std::set<std::string> known;
    for (const auto& cluster : data.clusters) {
        known.insert(cluster.key);
    }
    for (const auto& cluster : data.clusters) {
        children[known.count(cluster.parent) != 0 ? cluster.parent : ""].push_back(&cluster);
    }
    // A cluster is drawn when it or one of its descendants has actors.
    std::map<std::string, bool> occupied;
    std::function<bool(const ClusterInfo&)> has_actors = [&](const ClusterInfo& cluster) {
        const auto cached = occupied.find(cluster.key);
        if (cached != occupied.end()) {
            return cached->second;
        }
        bool any = members.count(cluster.key) != 0;
        for (const auto* child : children[cluster.key]) {
            any = has_actors(*child) || any;
        }
        occupied[cluster.key] = any;
        return any;
    };
    std::size_t cluster_number = 0;
    std::function<void(const ClusterInfo&, const std::string&)> draw_cluster =
        [&](const ClusterInfo& cluster, const std::string& indent) {
            if (!has_actors(cluster)) {
                return;
            }
            out += indent + "subgraph \"cluster_" + std::to_string(cluster_number++) + "\" {\n";
            out += indent + "  label=" + dot_label(cluster.name) +
                   "; fontsize=20; labelloc=\"t\"; labeljust=\"l\"; style=\"rounded,filled\"; "
                   "fillcolor=\"" +
                   (cluster.fill.empty() ? std::string("#F5F5F5") : cluster.fill) +
                   "\"; color=\"#AAAAAA\";\n";
            for (const auto* child : children[cluster.key]) {
                draw_cluster(*child, indent + "  ");
            }
            for (std::size_t v : members[cluster.key]) {
                node(v, indent + "  ");
            }
            out += indent + "}\n";
        };
    for (const auto* cluster : children[""]) {
        draw_cluster(*cluster, "  ");
    }
    for (std::size_t v = 0; v < n; ++v) {
        const bool clustered = !data.cluster_of.empty() && !data.cluster_of[v].empty() &&
                               known.count(data.cluster_of[v]) != 0;
        if (data.shown[v] && !clustered) {
            node(v, "  ");
        }
    }

    for (std::size_t r = 0; r < data.map->relations.size(); ++r) {
        if (!data.relation_shown[r]) {
            continue;
        }
        const auto& relation = data.map->relations[r];
        const auto source = data.map->actor_index(relation.source);
        const auto target = data.map->actor_index(relation.target);
        if (!source || !target) {
            continue;
        }
        std::string attributes =
            "penwidth=" + format_number(std::clamp(0.6 + 0.5 * relation.weight, 0.6, 4.5), 3) +
            ", style=" + std::string(type_style(relation.type));
        if (!data.map->is_directed(relation)) {
            attributes += ", dir=none";
        }
        if (gaps && data.bridge_relation[r]) {
            attributes += ", color=\"#D55E00\"";
        }
        out += "  n" + std::to_string(*source) + " -> n" + std::to_string(*target) + " [" +
               attributes + "];\n";
    }
    for (const auto& link : data.suggested) {
        if (!data.shown[link.source] || !data.shown[link.target]) {
            continue;
        }
        out += "  n" + std::to_string(link.source) + " -> n" + std::to_string(link.target) +
               " [style=dashed, color=\"#0072B2\", penwidth=2.5, dir=none, label=\"" +
               std::to_string(link.rank) +
               "\", fontcolor=\"#0072B2\", fontsize=14, fontname=\"DejaVu Sans Bold\"];\n";
    }
    out += "}\n";
    return out;
}

std::string grid_dot(const DrawingData& data, const DrawingOptions& options) {
    const auto& actors = data.map->actors;
    const auto colours = actor_colours(data);
    constexpr double cell_width = 2.4;
    constexpr double cell_height = 1.5;
    // Cells by (interest, power), actors in map order inside each cell.
    std::map<std::pair<int, int>, std::vector<std::size_t>> cells;
    std::size_t unscored = 0;
    for (std::size_t v = 0; v < actors.size(); ++v) {
        if (!data.shown[v]) {
            continue;
        }
        if (!actors[v].power || !actors[v].interest) {
            ++unscored;
            continue;
        }
        cells[{*actors[v].interest, *actors[v].power}].push_back(v);
    }
    DrawingOptions grid_options = options;
    grid_options.engine = "neato";
    std::string out = "digraph \"stakemap\" {\n";
    out += "  graph [charset=\"UTF-8\", fontname=\"DejaVu Sans\", fontsize=11, pad=\"0.3\", "
           "outputorder=\"nodesfirst\", labelloc=\"b\", labeljust=\"l\", splines=\"false\"";
    out += paper_attributes(options);
    out += "];\n";
    out += "  node [fontname=\"DejaVu Sans\", fontsize=8, style=\"filled\", penwidth=0.8, "
           "color=\"#333333\"];\n";
    std::string extra;
    if (unscored > 0) {
        extra = "<tr><td colspan=\"2\" align=\"left\">" +
                html_text(std::to_string(unscored) +
                          words(options,
                                " attori senza punteggi di potere e interesse non sono "
                                "mostrati",
                                " actors without power and interest scores are not shown")) +
                "</td></tr>";
    }
    out += legend(data, options, colours, false, extra);
    // Quadrants: low = scores 1–3, high = 4–5; drawn first, under the actors.
    struct Quadrant {
        int interest_from, interest_to, power_from, power_to;
        const char* it;
        const char* en;
        const char* fill;
    };
    const Quadrant quadrants[] = {
        {4, 5, 4, 5, "Gestire da vicino", "Manage closely", "#FBE3D6"},
        {1, 3, 4, 5, "Tenere soddisfatti", "Keep satisfied", "#FDF3D0"},
        {4, 5, 1, 3, "Tenere informati", "Keep informed", "#DCEEF8"},
        {1, 3, 1, 3, "Monitorare", "Monitor", "#ECECEC"},
    };
    // neato reads input positions in inches.
    auto x_of = [&](double interest) {
        return (interest - 0.5) * cell_width;
    };
    auto y_of = [&](double power) {
        return (power - 0.5) * cell_height;
    };
    int number = 0;
    for (const auto& q : quadrants) {
        const double left = x_of(q.interest_from - 0.5);
        const double right = x_of(q.interest_to + 0.5);
        const double bottom = y_of(q.power_from - 0.5);
        const double top = y_of(q.power_to + 0.5);
        out += "  q" + std::to_string(number++) +
               " [shape=box, style=\"filled\", color=\"#FFFFFF\", " + "penwidth=3, fillcolor=\"" +
               q.fill + "\", fontsize=16, fontcolor=\"#555555\", " +
               "labelloc=\"t\", label=" + dot_label(italian(options) ? q.it : q.en) +
               ", width=" + format_number(right - left, 4) +
               ", height=" + format_number(top - bottom, 4) + ", fixedsize=true, pos=\"" +
               format_number((left + right) / 2.0, 6) + "," +
               format_number((bottom + top) / 2.0, 6) + "!\"];\n";
    }
    // Axis labels.
    out += "  axis_x [shape=plaintext, style=\"\", fontsize=12, label=" +
           dot_label(words(options, "Interesse →", "Interest →")) + ", pos=\"" +
           format_number(x_of(3.0), 6) + "," + format_number(y_of(0.3), 6) + "!\"];\n";
    out += "  axis_y [shape=plaintext, style=\"\", fontsize=12, label=" +
           dot_label(words(options, "Potere ↑", "Power ↑")) + ", pos=\"" +
           format_number(x_of(0.25), 6) + "," + format_number(y_of(3.0), 6) + "!\"];\n";
    for (const auto& [cell, members] : cells) {
        const auto columns = static_cast<std::size_t>(std::ceil(std::sqrt(members.size())));
        const std::size_t rows = (members.size() + columns - 1) / columns;
        const double slot_width = cell_width * 0.92 / static_cast<double>(columns);
        const double slot_height = cell_height * 0.62 / static_cast<double>(rows);
        for (std::size_t k = 0; k < members.size(); ++k) {
            const std::size_t v = members[k];
            const double x = x_of(cell.first) + (static_cast<double>(k % columns) -
                                                 (static_cast<double>(columns) - 1) / 2.0) *
                                                    slot_width;
            const double y =
                y_of(cell.second) - 0.08 -
                (static_cast<double>(k / columns) - (static_cast<double>(rows) - 1) / 2.0) *
                    slot_height;
            const auto& style = sector_style(model::sector_of(actors[v], *data.vocabulary));
            const std::string text =
                options.label == LabelMode::none
                    ? std::string()
                    : wrap(actors[v].short_name.value_or(actors[v].name), columns > 2 ? 10 : 16);
            // Crowded cells get smaller type so that labels stay inside their slots.
            const int font = columns > 3 ? 5 : columns > 2 ? 6 : 8;
            out += "  n" + std::to_string(v) + " [label=" + dot_label(text) +
                   ", fontsize=" + std::to_string(font) + ", tooltip=" + dot_quoted(actors[v].id) +
                   ", shape=" + style.shape + ", fillcolor=\"" + colours[v] +
                   "B3\", width=" + format_number(slot_width * 0.94, 4) +
                   ", height=" + format_number(slot_height * 0.9, 4) + ", fixedsize=true, pos=\"" +
                   format_number(x, 6) + "," + format_number(y, 6) + "!\"];\n";
        }
    }
    out += "}\n";
    return out;
}

} // namespace stakemap::render
