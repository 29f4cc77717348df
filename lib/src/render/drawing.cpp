#include "stakemap/render/drawing.hpp"

#include "stakemap/render/compose.hpp"
#include "stakemap/render/escape.hpp"
#include "stakemap/render/graphviz.hpp"
#include "stakemap/report/coverage_report.hpp"
#include "stakemap/report/table.hpp"
#include "stakemap/text/words.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <numeric>
#include <set>
#include <string_view>
#include <tuple>

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

/// How the ties of one relation type are drawn: a line style and a colour. No two types shown
/// on a map look the same (up to 15 types): the nine standard types have fixed looks, and a map's
/// own types, then untyped relations, take the looks left over in the vocabulary's order. Width is
/// left to tie strength. Colours from Okabe & Ito's colour-blind-safe palette, and every colour
/// is also told apart by its line style within the same colour.
struct LineLook {
    const char* style;
    const char* colour;
};

constexpr LineLook line_looks[] = {
    {"solid", "#555555"},  {"solid", "#0072B2"},  {"solid", "#009E73"},  {"dashed", "#555555"},
    {"dashed", "#0072B2"}, {"dashed", "#009E73"}, {"dotted", "#555555"}, {"dotted", "#0072B2"},
    {"dotted", "#009E73"}, {"solid", "#CC79A7"},  {"dashed", "#CC79A7"}, {"dotted", "#CC79A7"},
    {"solid", "#E69F00"},  {"dashed", "#E69F00"}, {"dotted", "#E69F00"},
};

/// The standard types in the order of their looks: formal work ties solid, flows of information,
/// people and mediation dashed, belonging and money dotted.
constexpr std::string_view standard_types[] = {
    "collaboration", "coordination", "governance",     "information", "referral",
    "mediation",     "membership",   "representation", "funding",
};

/// Which of line_looks a relation type gets ("" for untyped relations).
std::size_t look_index(const std::string& type, const model::Vocabulary& vocabulary) {
    for (std::size_t k = 0; k < std::size(standard_types); ++k) {
        if (type == standard_types[k]) {
            return k;
        }
    }
    std::size_t next = std::size(standard_types);
    for (const auto& term : vocabulary.relation_types) {
        if (std::find(std::begin(standard_types), std::end(standard_types), term.id) !=
            std::end(standard_types)) {
            continue;
        }
        if (term.id == type) {
            return next % std::size(line_looks);
        }
        ++next;
    }
    return next % std::size(line_looks); // untyped, or a type the vocabulary does not list
}

/// The colour ties of that look are drawn in (a little transparent, so crossings stay visible).
std::string tie_colour(const LineLook& look) {
    return std::string(look.colour) + "CC";
}

/// A line in the legend drawn as the ties of that look are.
std::string legend_line(const LineLook& look) {
    const std::string style = look.style;
    return style == "dashed" ? "╌╌╌" : style == "dotted" ? "┈┈┈" : "───";
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
    return wrap(actor.name, 14);
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

/// The legend's type size: a little above the actors' labels (10 pt).
constexpr double legend_font_size = 11.0;
/// The type size of a cluster box's title.
constexpr double cluster_font_size = 15.0;

/// The attributes every actor's node shares.
constexpr const char* node_defaults = "fontname=\"DejaVu Sans\", fontsize=10, style=\"filled\", "
                                      "penwidth=1, color=\"#333333\", margin=\"0.06,0.03\"";

/// The rectangle a composed drawing should fill: the printable part of the sheet, or a landscape
/// A-series page (√2 : 1) for screens.
Size composition_target(const DrawingOptions& options) {
    if (options.paper) {
        if (const auto sheet = paper_sheet(*options.paper, options.landscape)) {
            return {sheet->width - 2.0 * paper_margin, sheet->height - 2.0 * paper_margin};
        }
    }
    return {std::sqrt(2.0), 1.0};
}

std::string graph_header(const DrawingOptions& options, std::size_t actors) {
    std::string out = "digraph \"stakemap\" {\n";
    out += "  graph [charset=\"UTF-8\", fontname=\"DejaVu Sans\", fontsize=" +
           format_number(legend_font_size, 3) + ", pad=\"0.3\",\n";
    out += "         outputorder=\"edgesfirst\", start=1, labelloc=\"b\", labeljust=\"l\"";
    if (options.engine == "neato" || options.engine == "fdp" || options.engine == "sfdp") {
        out += ",\n         overlap=\"prism\", sep=\"+4\", esep=\"+2\"";
        out += actors > 300 ? ", splines=\"false\"" : ", splines=\"true\"";
    }
    if (options.engine == composed_engine) {
        // Positions are given; Graphviz routes the ties around the actors.
        out += ",\n         esep=\"+1\"";
        out += actors > 300 ? ", splines=\"false\"" : ", splines=\"true\"";
    }
    if (options.engine == "dot") {
        out += ",\n         nodesep=\"0.25\", ranksep=\"0.6\", splines=\"true\"";
    }
    if (options.engine == "fdp") {
        out += ", K=\"0.4\"";
    }
    out += "];\n";
    out += "  node [" + std::string(node_defaults) + "];\n";
    out += "  edge [color=\"#55555599\", arrowsize=0.6];\n";
    return out;
}

/// Text with line breaks ("\n") for an HTML-like label: each line escaped, lines aligned as
/// `align` says ("left", "center").
std::string html_lines(const std::string& text, const std::string& align = "center") {
    std::string out;
    std::size_t start = 0;
    for (std::size_t end = text.find('\n'); end != std::string::npos;
         start = end + 1, end = text.find('\n', start)) {
        out += html_text(std::string_view(text).substr(start, end - start)) +
               (align == "center" ? "<br/>" : "<br align=\"" + align + "\"/>");
    }
    return out + html_text(std::string_view(text).substr(start));
}

/// A legend row: a symbol in its colour and what it means.
std::string legend_row(const std::string& symbol, const std::string& colour,
                       const std::string& text, int symbol_size = 12) {
    return "<tr><td><font color=\"" + colour + "\" point-size=\"" + std::to_string(symbol_size) +
           "\">" + symbol + "</font></td><td align=\"left\">" + html_text(text) + "</td></tr>";
}

/// A legend heading (bold), optionally followed by more markup on the same line.
std::string legend_heading(const std::string& text, const std::string& after = "") {
    return "<tr><td colspan=\"2\" align=\"left\"><b>" + html_text(text) + "</b>" + after +
           "</td></tr>";
}

/// A colour scale from low to high, in the legend.
std::string legend_scale(const text::Words& words, const std::vector<std::string>& colours) {
    std::string scale;
    for (const auto& colour : colours) {
        scale += "<font color=\"" + colour + "\">■</font>";
    }
    return " " + html_text(words.in_context("drawing", "low")) + " " + scale + " " +
           html_text(words.in_context("drawing", "high"));
}

/// The legend: a title above sections of entries (shapes and colours; ties; highlights).
struct Legend {
    std::string title;
    std::vector<std::string> sections; ///< rows of an HTML-like table

    /// An HTML-like label with `per_row` sections side by side (all of them by default, so that
    /// the legend stays low under the drawing); the title breaks to stay about as wide. One flat
    /// table, two columns per section: Graphviz would stretch nested tables' rows to the height of
    /// the tallest section.
    std::string table(std::size_t per_row = 0) const {
        if (per_row == 0 || per_row > sections.size()) {
            per_row = sections.size();
        }
        auto rows_of = [](const std::string& section) {
            std::vector<std::string> cells;
            for (std::size_t at = section.find("<tr>"); at != std::string::npos;
                 at = section.find("<tr>", at)) {
                const std::size_t end = section.find("</tr>", at);
                cells.push_back(section.substr(at + 4, end - at - 4));
                at = end;
            }
            return cells;
        };
        std::string rows;
        for (std::size_t first = 0; first < sections.size(); first += per_row) {
            const std::size_t last = std::min(sections.size(), first + per_row);
            std::vector<std::vector<std::string>> cells;
            std::size_t height = 0;
            for (std::size_t k = first; k < last; ++k) {
                cells.push_back(rows_of(sections[k]));
                height = std::max(height, cells.back().size());
            }
            for (std::size_t r = 0; r < height; ++r) {
                rows += "<tr>";
                for (std::size_t k = 0; k < cells.size(); ++k) {
                    rows += k > 0 ? "<td width=\"14\"></td>" : "";
                    rows += r < cells[k].size() ? cells[k][r] : "<td></td><td></td>";
                }
                rows += "</tr>";
            }
        }
        const std::string lines = html_lines(wrap(title, per_row <= 1 ? 40 : 70), "left");
        // A map without a title gets no title row: Graphviz refuses an empty <b></b>.
        const std::string title_row =
            lines.empty() ? std::string()
                          : "<tr><td colspan=\"" + std::to_string(3 * per_row - 1) +
                                "\" align=\"left\" balign=\"left\" cellpadding=\"4\"><font "
                                "point-size=\"13\"><b>" +
                                lines + "</b></font></td></tr>";
        return "<table border=\"0\" cellborder=\"0\" cellspacing=\"1\" cellpadding=\"1\">" +
               title_row + rows + "</table>";
    }
};

/// The legend of a drawing: shapes, colours and what size means; for networks the ties; then
/// `extra` rows.
Legend legend(const DrawingData& data, const DrawingOptions& options,
              const std::vector<std::string>& colours, bool network, const std::string& extra) {
    const text::Words words(options.language);
    std::vector<std::string> columns;
    std::string shapes;
    std::set<std::string> sectors;
    for (std::size_t v = 0; v < data.map->actors.size(); ++v) {
        if (data.shown[v]) {
            sectors.insert(model::sector_of(data.map->actors[v], *data.vocabulary));
        }
    }
    const bool by_sector = data.color_groups.empty() && data.color_values.empty();
    shapes +=
        legend_heading(by_sector ? words("Shape and colour: sector") : words("Shape: sector"));
    for (const auto& style : sector_styles) {
        if (sectors.count(style.sector) == 0) {
            continue;
        }
        const model::Term* term = data.vocabulary->find_sector(style.sector);
        const std::string name = term != nullptr ? model::text(term->label, options.language)
                                                 : words.in_context("drawing", "no sector");
        shapes += legend_row(style.symbol, by_sector ? style.colour : "#333333", name);
    }
    columns.push_back(shapes);
    if (!data.color_groups.empty()) {
        std::string groups = legend_heading(words("Colour: {what}", {{"what", data.color_label}}));
        std::set<std::string> done;
        for (std::size_t v = 0; v < data.map->actors.size(); ++v) {
            if (data.shown[v] && done.insert(data.color_groups[v]).second) {
                groups += legend_row("●", colours[v],
                                     data.color_group_names.empty() ? data.color_groups[v]
                                                                    : data.color_group_names[v]);
            }
        }
        columns.push_back(groups);
    }
    if (!data.color_values.empty()) {
        columns.back() += legend_heading(words("Colour: {what}", {{"what", data.color_label}}),
                                         legend_scale(words, sequential_palette()));
    }
    if (network && !data.size_values.empty()) {
        columns.back() +=
            legend_row("⬤", "#333333", words("Size: {measure}", {{"measure", data.size_label}}));
    }
    if (network) {
        std::string ties;
        std::set<std::string> styles;
        bool directed = false;
        for (std::size_t r = 0; r < data.map->relations.size(); ++r) {
            if (data.relation_shown[r]) {
                const auto& relation = data.map->relations[r];
                styles.insert(relation.type.value_or(""));
                directed = directed || data.map->is_directed(relation);
            }
        }
        ties += legend_heading(words("Ties: line style and colour by type"));
        std::vector<std::pair<std::size_t, std::string>> in_order;
        for (const auto& type : styles) {
            in_order.emplace_back(look_index(type, *data.vocabulary), type);
        }
        std::sort(in_order.begin(), in_order.end());
        for (const auto& [look, type] : in_order) {
            const model::Term* term =
                type.empty() ? nullptr : data.vocabulary->find_relation_type(type);
            const std::string name = term != nullptr ? model::text(term->label, options.language)
                                     : type.empty()  ? words.in_context("drawing", "untyped")
                                                     : type;
            ties +=
                legend_row(legend_line(line_looks[look]), tie_colour(line_looks[look]), name, 11);
        }
        ties += legend_row("───", "#555555", words("Line width: strength of the tie"), 11);
        if (directed) {
            ties += legend_row("──▶", "#555555", words("Arrow: directed relation"), 11);
        }
        columns.push_back(ties);
    }
    std::string more = extra;
    if (!data.cluster_fill_label.empty()) {
        std::vector<std::string> fills;
        for (double score : {0.1, 0.3, 0.5, 0.7, 0.9}) {
            fills.push_back(score_fill(score));
        }
        more +=
            legend_heading(words("Area background: {what}", {{"what", data.cluster_fill_label}}),
                           legend_scale(words, fills));
    }
    if (!more.empty()) {
        columns.push_back(more);
    }
    return {data.title, columns};
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
    const text::Words words(options.language);
    auto cell_text = [](const std::string& text, const std::string& attributes) {
        return "<td " + attributes + ">" + text + "</td>";
    };
    std::string table = "<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" "
                        "cellpadding=\"5\" color=\"#FFFFFF\">";
    table += "<tr>" +
             cell_text("<font point-size=\"16\"><b>" + html_lines(wrap(title, 70), "left") +
                           "</b></font>",
                       "colspan=\"" + std::to_string(areas.size() + 1) +
                           "\" align=\"left\" bgcolor=\"#FFFFFF\"") +
             "</tr>";
    // Header: one column per area; parent areas show their sub-areas' average.
    table += "<tr>" + cell_text("", "border=\"0\"");
    for (std::size_t a : areas) {
        const model::Area& area = map.areas[a];
        // Long names break at spaces.
        const std::string name = html_lines(wrap(area.name.empty() ? area.id : area.name, 14));
        table += cell_text(coverage.areas[a].sub_areas.empty() ? name : "<b>" + name + "</b>",
                           "bgcolor=\"#FFFFFF\" valign=\"bottom\"");
    }
    table +=
        "</tr><tr>" + cell_text("<i>" + html_text(words.in_context("drawing", "score")) + "</i>",
                                "align=\"right\" bgcolor=\"#FFFFFF\"");
    for (std::size_t a : areas) {
        const auto& figures = coverage.areas[a];
        const auto score = report::coverage_shown_score(figures);
        table += cell_text(score ? html_text(words.number(*score, 2)) : "–",
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
                text += cell.demand ? " " + words.number(*cell.demand, 6) : std::string(" *");
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
            name = words("present only thanks to actors working across the whole municipality "
                         "or beyond");
        }
        legend += "<tr><td bgcolor=\"" + std::string(style.fill) +
                  "\" width=\"44\" fixedsize=\"true\"><font color=\"" + style.ink + "\">" +
                  html_text(report::coverage_state_symbol(style.state, style.local)) +
                  "</font></td><td align=\"left\">" + html_text(name) + "</td></tr>";
    }
    legend += "<tr><td>" + html_text(words.integer(120)) + "</td><td align=\"left\">" +
              html_text(words("needed according to the needs survey, with its demand (* no "
                              "demand recorded)")) +
              "</td></tr><tr><td>" + html_text(words.number(0.42)) + "</td><td align=\"left\">" +
              html_text(words("coverage score (areas with sub-areas: their sub-areas' average)")) +
              "</td></tr></table>";

    std::string out = "digraph \"stakemap\" {\n";
    out += "  graph [charset=\"UTF-8\", fontname=\"DejaVu Sans\", fontsize=12, pad=\"0.3\", "
           "labelloc=\"b\", labeljust=\"l\"];\n";
    out += "  node [fontname=\"DejaVu Sans\", fontsize=11, shape=plain];\n";
    out += "  label=<" + legend + ">;\n";
    out += "  matrix [label=<" + table + ">];\n";
    out += "}\n";
    return out;
}

std::string sector_colour(const std::string& sector) {
    return sector_style(sector).colour;
}

double sized_node_width(double value, double largest) {
    return 0.5 + 1.1 * std::sqrt(std::max(0.0, value) / largest);
}

const std::vector<std::string>& category_palette() {
    static const std::vector<std::string> colours = {"#E69F00", "#56B4E9", "#009E73", "#F0E442",
                                                     "#0072B2", "#D55E00", "#CC79A7", "#999999"};
    return colours;
}

std::vector<DrawnTie> drawn_ties(const DrawingData& data) {
    std::vector<DrawnTie> ties;
    // (source, target, directed, type) → the tie's place in `ties`; undirected pairs in one order.
    // A directed and an undirected relation of one pair differ in their arrow: two lines.
    std::map<std::tuple<std::size_t, std::size_t, bool, std::string_view>, std::size_t> place;
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
        const bool directed = data.map->is_directed(relation);
        const std::size_t low = directed ? *source : std::min(*source, *target);
        const std::size_t high = directed ? *target : std::max(*source, *target);
        const std::string_view type =
            relation.type ? std::string_view(*relation.type) : std::string_view();
        const auto [found, added] =
            place.emplace(std::make_tuple(low, high, directed, type), ties.size());
        if (added) {
            ties.push_back({r, *source, *target, 0.0, false});
        }
        DrawnTie& tie = ties[found->second];
        tie.weight += relation.weight;
        tie.bridge = tie.bridge || (!data.bridge_relation.empty() && data.bridge_relation[r]);
    }
    return ties;
}

std::string network_dot(const DrawingData& data, const DrawingOptions& options) {
    const text::Words words(options.language);
    const auto& actors = data.map->actors;
    const std::size_t n = actors.size();
    const auto colours = actor_colours(data);
    std::size_t shown_count = 0;
    for (bool shown : data.shown) {
        shown_count += shown ? 1 : 0;
    }
    const bool gaps = !data.cut_actor.empty();
    std::string extra;
    if (!data.suggested.empty() || gaps) {
        extra += legend_heading(words("Highlights"));
    }
    if (!data.suggested.empty()) {
        extra +=
            legend_row("╌ 1 ╌", "#D55E00", words("Red dashes: suggested link, with its rank"), 11);
    }
    if (gaps) {
        extra += legend_row("□", "#D55E00",
                            words("Red border: cut actor (if it stops, the network splits)")) +
                 legend_row("───", "#D55E00", words("Red tie: critical tie (bridge)"), 12) +
                 legend_row("●", "#BBBBBB", words("Grey: isolated actor"));
    }
    const Legend key = legend(data, options, colours, true, extra);

    double largest = 0.0;
    for (std::size_t v = 0; v < data.size_values.size(); ++v) {
        if (data.shown[v] && !std::isnan(data.size_values[v])) {
            largest = std::max(largest, data.size_values[v]);
        }
    }
    auto node_attributes = [&](std::size_t v) {
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
            const double width = sized_node_width(data.size_values[v], largest);
            attributes +=
                ", width=" + format_number(width, 3) + ", height=" + format_number(width * 0.6, 3);
        }
        return attributes;
    };
    auto node_name = [](std::size_t v) {
        return "n" + std::to_string(v);
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
    auto cluster_attributes = [](const ClusterInfo& cluster) {
        return "label=" + dot_label(cluster.name) +
               "; fontsize=" + format_number(cluster_font_size, 3) +
               "; labelloc=\"t\"; labeljust=\"l\"; style=\"rounded,filled\"; "
               "fillcolor=\"" +
               (cluster.fill.empty() ? std::string("#F5F5F5") : cluster.fill) +
               "\"; color=\"#AAAAAA\";";
    };
    std::vector<std::size_t> loose;
    for (std::size_t v = 0; v < n; ++v) {
        const bool clustered = !data.cluster_of.empty() && !data.cluster_of[v].empty() &&
                               known.count(data.cluster_of[v]) != 0;
        if (data.shown[v] && !clustered) {
            loose.push_back(v);
        }
    }

    std::string edges;
    std::vector<std::pair<std::string, std::string>> ties;
    for (const DrawnTie& tie : drawn_ties(data)) {
        const auto& relation = data.map->relations[tie.first_relation];
        const LineLook& look = line_looks[look_index(relation.type.value_or(""), *data.vocabulary)];
        // The id (the first relation's place in the map) lets the report's script find a tie's
        // type.
        std::string attributes =
            "id=\"r" + std::to_string(tie.first_relation) +
            "\", penwidth=" + format_number(std::clamp(0.6 + 0.5 * tie.weight, 0.6, 4.5), 3) +
            ", style=" + look.style + ", color=\"" +
            (gaps && tie.bridge ? std::string("#D55E00") : tie_colour(look)) + "\"";
        if (!data.map->is_directed(relation)) {
            attributes += ", dir=none";
        }
        edges += "  " + node_name(tie.source) + " -> " + node_name(tie.target) + " [" + attributes +
                 "];\n";
        ties.emplace_back(node_name(tie.source), node_name(tie.target));
    }
    for (const auto& link : data.suggested) {
        if (!data.shown[link.source] || !data.shown[link.target]) {
            continue;
        }
        edges += "  " + node_name(link.source) + " -> " + node_name(link.target) +
                 " [style=dashed, color=\"#D55E00\", penwidth=2.5, dir=none, label=\"" +
                 std::to_string(link.rank) +
                 "\", fontcolor=\"#D55E00\", fontsize=14, fontname=\"DejaVu Sans Bold\"];\n";
    }

    std::string out = graph_header(options, shown_count);
    if (options.engine == composed_engine) {
        // Each top-level cluster (with its sub-clusters' actors) and the actors in no cluster
        // are laid out on their own, then packed into the page's proportions.
        CompositionInput input;
        input.node_defaults = node_defaults;
        input.legend_font_size = legend_font_size;
        for (std::size_t per_row = key.sections.size(); per_row >= 1; --per_row) {
            input.legends.push_back(key.table(per_row));
        }
        input.ties = ties;
        for (std::size_t v = 0; v < n; ++v) {
            if (data.shown[v]) {
                input.node_attributes.emplace_back(node_name(v), node_attributes(v));
            }
        }
        std::vector<const ClusterInfo*> boxed;
        std::function<void(const ClusterInfo&, Block&)> gather = [&](const ClusterInfo& cluster,
                                                                     Block& block) {
            for (const auto* child : children[cluster.key]) {
                gather(*child, block);
            }
            for (std::size_t v : members[cluster.key]) {
                block.nodes.push_back(node_name(v));
            }
        };
        for (const auto* cluster : children[""]) {
            if (has_actors(*cluster)) {
                Block block{
                    .label = cluster->name, .label_font_size = cluster_font_size, .nodes = {}};
                gather(*cluster, block);
                input.blocks.push_back(block);
                boxed.push_back(cluster);
            }
        }
        if (!loose.empty()) {
            Block block;
            for (std::size_t v : loose) {
                block.nodes.push_back(node_name(v));
            }
            input.blocks.push_back(block);
        }
        input.target = composition_target(options);
        const Composition composition = compose(input);
        std::map<std::string, Point> centre(composition.node_centre.begin(),
                                            composition.node_centre.end());
        auto placed_node = [&](std::size_t v, const std::string& indent) {
            const Point at = centre.at(node_name(v));
            return indent + node_name(v) + " [" + node_attributes(v) + ", pos=\"" +
                   text::fixed_number(at.x) + "," + text::fixed_number(at.y) + "\"];\n";
        };
        for (std::size_t b = 0; b < boxed.size(); ++b) {
            const auto& [corner, size] = composition.block_box[b];
            out += "  subgraph \"cluster_" + std::to_string(b) + "\" {\n";
            out += "    " + cluster_attributes(*boxed[b]) + " bb=\"" +
                   text::fixed_number(corner.x) + "," + text::fixed_number(corner.y) + "," +
                   text::fixed_number(corner.x + size.width) + "," +
                   text::fixed_number(corner.y + size.height) + "\";\n";
            for (const auto& name : input.blocks[b].nodes) {
                out += placed_node(std::stoul(name.substr(1)), "    ");
            }
            out += "  }\n";
        }
        for (std::size_t v : loose) {
            out += placed_node(v, "  ");
        }
        out += "  legend [shape=plaintext, style=\"filled\", fillcolor=\"#FFFFFF\", margin=0, "
               "fontsize=" +
               text::fixed_number(legend_font_size) + ", label=<" +
               input.legends[composition.legend_choice] + ">, pos=\"" +
               text::fixed_number(composition.legend_centre.x) + "," +
               text::fixed_number(composition.legend_centre.y) + "\"];\n";
    } else {
        out += "  label=<" + key.table() + ">;\n";
        std::size_t cluster_number = 0;
        std::function<void(const ClusterInfo&, const std::string&)> draw_cluster =
            [&](const ClusterInfo& cluster, const std::string& indent) {
                if (!has_actors(cluster)) {
                    return;
                }
                out += indent + "subgraph \"cluster_" + std::to_string(cluster_number++) + "\" {\n";
                out += indent + "  " + cluster_attributes(cluster) + "\n";
                for (const auto* child : children[cluster.key]) {
                    draw_cluster(*child, indent + "  ");
                }
                for (std::size_t v : members[cluster.key]) {
                    out += indent + "  " + node_name(v) + " [" + node_attributes(v) + "];\n";
                }
                out += indent + "}\n";
            };
        for (const auto* cluster : children[""]) {
            draw_cluster(*cluster, "  ");
        }
        for (std::size_t v : loose) {
            out += "  " + node_name(v) + " [" + node_attributes(v) + "];\n";
        }
    }
    out += edges;
    out += "}\n";
    return out;
}

std::string grid_dot(const DrawingData& data, const DrawingOptions& options) {
    const text::Words words(options.language);
    const auto& actors = data.map->actors;
    const auto colours = actor_colours(data);
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
        cells[{std::clamp(*actors[v].interest, 1, 5), std::clamp(*actors[v].power, 1, 5)}]
            .push_back(v);
    }
    // Every actor gets a slot with its short name in 8 pt type (lines of at most 16 characters),
    // as high as the longest name in its row of the cell needs; a crowded cell grows, and with it
    // its column and row, instead of shrinking the type. Sizes in inches, as neato reads
    // positions.
    auto slot_text = [&](std::size_t v) {
        return options.label == LabelMode::none
                   ? std::string()
                   : wrap(actors[v].short_name.value_or(actors[v].name), 16);
    };
    auto lines_of = [&](std::size_t v) {
        const std::string text = slot_text(v);
        return 1 + static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    };
    // Short names first, so that long ones share rows.
    for (auto& [cell, members] : cells) {
        std::stable_sort(members.begin(), members.end(),
                         [&](std::size_t a, std::size_t b) { return lines_of(a) < lines_of(b); });
    }
    constexpr double slot_width = 1.25;
    auto slot_height = [](std::size_t lines) {
        return 0.2 + 0.135 * static_cast<double>(lines);
    };
    /// The height of each row of actors in a cell with `columns` side by side.
    auto row_heights = [&](const std::vector<std::size_t>& members, std::size_t columns) {
        std::vector<double> heights((members.size() + columns - 1) / columns, 0.0);
        for (std::size_t k = 0; k < members.size(); ++k) {
            heights[k / columns] =
                std::max(heights[k / columns], slot_height(lines_of(members[k])));
        }
        return heights;
    };
    constexpr double cell_padding = 0.12;
    constexpr double smallest_cell_width = 1.6;
    constexpr double smallest_cell_height = 0.9;
    constexpr double title_band = 0.42; // the quadrant's name, above its top row
    // How many actors side by side in a crowded cell: about √(count × spread). The spread that
    // lets the grid and its legend be drawn largest on the page (or a landscape screen) wins.
    auto columns_for = [](std::size_t count, double spread) {
        const auto columns = static_cast<std::size_t>(
            std::ceil(std::sqrt(static_cast<double>(count) * spread) - 1e-9));
        return std::clamp<std::size_t>(columns, 1, std::max<std::size_t>(count, 1));
    };
    double column_width[6] = {0, 0, 0, 0, 0, 0};
    double row_height[6] = {0, 0, 0, 0, 0, 0};
    auto measure = [&](double spread) {
        for (int score = 1; score <= 5; ++score) {
            column_width[score] = smallest_cell_width;
            row_height[score] = smallest_cell_height;
        }
        for (const auto& [cell, members] : cells) {
            const std::size_t columns = columns_for(members.size(), spread);
            const auto heights = row_heights(members, columns);
            column_width[cell.first] =
                std::max(column_width[cell.first],
                         static_cast<double>(columns) * slot_width + 2 * cell_padding);
            row_height[cell.second] =
                std::max(row_height[cell.second],
                         std::accumulate(heights.begin(), heights.end(), 0.0) + 2 * cell_padding);
        }
    };
    std::string extra;
    if (unscored > 0) {
        extra = "<tr><td colspan=\"2\" align=\"left\">" +
                html_text(words.plural("{n} actor without power and interest scores is not shown",
                                       "{n} actors without power and interest scores are not "
                                       "shown",
                                       unscored)) +
                "</td></tr>";
    }
    const std::string legend_label = legend(data, options, colours, false, extra).table();
    const Layout legend_size = layout(
        "graph { node [shape=plaintext, margin=0, width=0.01, height=0.01, fontname=\"DejaVu "
        "Sans\", fontsize=11]; legend [label=<" +
            legend_label + ">]; }",
        "neato");
    const Size target = composition_target(options);
    double best_spread = 1.0;
    double best_scale = 0.0;
    for (double spread : {0.5, 0.75, 1.0, 1.5, 2.0, 3.0}) {
        measure(spread);
        double width = 0.8; // the axis names and scores left of the grid
        double height = 2 * title_band + 0.6 + legend_size.height() / 72.0;
        for (int score = 1; score <= 5; ++score) {
            width += column_width[score];
            height += row_height[score];
        }
        width = std::max(width, legend_size.width() / 72.0);
        const double scale = std::min(target.width / width, target.height / height);
        if (scale > best_scale * (1.0 + 1e-9)) {
            best_scale = scale;
            best_spread = spread;
        }
    }
    measure(best_spread);
    // Power 5 and 3 are the top rows of the quadrants: their names go above them.
    row_height[5] += title_band;
    row_height[3] += title_band;
    double left[7] = {0, 0, 0, 0, 0, 0, 0};
    double bottom[7] = {0, 0, 0, 0, 0, 0, 0};
    for (int score = 1; score <= 5; ++score) {
        left[score + 1] = left[score] + column_width[score];
        bottom[score + 1] = bottom[score] + row_height[score];
    }
    auto band_of = [&](int power) {
        return power == 5 || power == 3 ? title_band : 0.0;
    };

    std::string out = "digraph \"stakemap\" {\n";
    out += "  graph [charset=\"UTF-8\", fontname=\"DejaVu Sans\", fontsize=11, pad=\"0.3\", "
           "outputorder=\"nodesfirst\", labelloc=\"b\", labeljust=\"l\", splines=\"false\"];\n";
    out += "  node [fontname=\"DejaVu Sans\", fontsize=8, style=\"filled\", penwidth=0.8, "
           "color=\"#333333\"];\n";
    out += "  label=<" + legend_label + ">;\n";
    // Quadrants: low = scores 1–3, high = 4–5; drawn first, under the actors.
    struct Quadrant {
        int interest_from, interest_to, power_from, power_to;
        const char* name;
        const char* fill;
    };
    const Quadrant quadrants[] = {
        {4, 5, 4, 5, text::N_("Manage closely"), "#FBE3D6"},
        {1, 3, 4, 5, text::N_("Keep satisfied"), "#FDF3D0"},
        {4, 5, 1, 3, text::N_("Keep informed"), "#DCEEF8"},
        {1, 3, 1, 3, text::N_("Monitor"), "#ECECEC"},
    };
    auto pos = [](double x, double y) {
        return ", pos=\"" + format_number(x, 6) + "," + format_number(y, 6) + "!\"";
    };
    int number = 0;
    for (const auto& q : quadrants) {
        const double x0 = left[q.interest_from];
        const double x1 = left[q.interest_to + 1];
        const double y0 = bottom[q.power_from];
        const double y1 = bottom[q.power_to + 1];
        out += "  q" + std::to_string(number++) +
               " [shape=box, style=\"filled\", color=\"#FFFFFF\", penwidth=3, fillcolor=\"" +
               q.fill + "\", fontsize=16, fontcolor=\"#555555\", labelloc=\"t\", label=" +
               dot_label(words(q.name)) + ", width=" + format_number(x1 - x0, 4) +
               ", height=" + format_number(y1 - y0, 4) + ", fixedsize=true" +
               pos((x0 + x1) / 2.0, (y0 + y1) / 2.0) + "];\n";
    }
    // Axes: their names and the scores of each column and row.
    out += "  axis_x [shape=plaintext, style=\"\", fontsize=12, label=" +
           dot_label(words("Interest →")) + pos(left[6] / 2.0, -0.45) + "];\n";
    out +=
        "  axis_y [shape=plaintext, style=\"\", fontsize=12, label=" + dot_label(words("Power ↑")) +
        pos(-0.65, bottom[6] / 2.0) + "];\n";
    for (int score = 1; score <= 5; ++score) {
        out += "  interest" + std::to_string(score) +
               " [shape=plaintext, style=\"\", fontsize=10, fontcolor=\"#555555\", label=\"" +
               std::to_string(score) + "\"" + pos((left[score] + left[score + 1]) / 2.0, -0.15) +
               "];\n";
        out += "  power" + std::to_string(score) +
               " [shape=plaintext, style=\"\", fontsize=10, fontcolor=\"#555555\", label=\"" +
               std::to_string(score) + "\"" +
               pos(-0.15, bottom[score] + (row_height[score] - band_of(score)) / 2.0) + "];\n";
    }
    for (const auto& [cell, members] : cells) {
        const std::size_t columns = columns_for(members.size(), best_spread);
        const auto heights = row_heights(members, columns);
        const double centre_x = (left[cell.first] + left[cell.first + 1]) / 2.0;
        const double centre_y =
            bottom[cell.second] + (row_height[cell.second] - band_of(cell.second)) / 2.0;
        double row_top = centre_y + std::accumulate(heights.begin(), heights.end(), 0.0) / 2.0;
        for (std::size_t k = 0; k < members.size(); ++k) {
            const std::size_t v = members[k];
            const std::size_t row = k / columns;
            // The last row may be shorter: centre it too.
            const std::size_t in_row = std::min(columns, members.size() - row * columns);
            const double x = centre_x + (static_cast<double>(k % columns) -
                                         (static_cast<double>(in_row) - 1) / 2.0) *
                                            slot_width;
            const double y = row_top - heights[row] / 2.0;
            if (k % columns == columns - 1 || k + 1 == members.size()) {
                row_top -= heights[row];
            }
            const auto& style = sector_style(model::sector_of(actors[v], *data.vocabulary));
            out += "  n" + std::to_string(v) + " [label=" + dot_label(slot_text(v)) +
                   ", tooltip=" + dot_quoted(actors[v].id) + ", shape=" + style.shape +
                   ", fillcolor=\"" + colours[v] +
                   "B3\", width=" + format_number(slot_width - 0.08, 4) +
                   ", height=" + format_number(heights[row] - 0.08, 4) + ", fixedsize=true" +
                   pos(x, y) + "];\n";
        }
    }
    out += "}\n";
    return out;
}

} // namespace stakemap::render
