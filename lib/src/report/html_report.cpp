#include "stakemap/report/html_report.hpp"

#include "report_assets.hpp"
#include "stakemap/analysis/centrality.hpp"
#include "stakemap/io/export.hpp"
#include "stakemap/io/map_writer.hpp"
#include "stakemap/model/vocabulary.hpp"
#include "stakemap/render/map_view.hpp"
#include "stakemap/report/assess_report.hpp"
#include "stakemap/report/centrality_report.hpp"
#include "stakemap/report/compare_report.hpp"
#include "stakemap/report/coverage_report.hpp"
#include "stakemap/report/diff_report.hpp"
#include "stakemap/report/gaps_report.hpp"
#include "stakemap/report/stats_report.hpp"
#include "stakemap/report/suggest_report.hpp"
#include "stakemap/report/table.hpp"
#include "stakemap/text/words.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

namespace stakemap::report {

namespace {

using nlohmann::ordered_json;

/// Graphviz's SVG without the XML declaration, DOCTYPE and comments before <svg>, so that it can
/// sit inside HTML.
std::string inline_svg(const std::string& svg) {
    const std::size_t start = svg.find("<svg");
    if (start == std::string::npos) {
        return {};
    }
    std::string out = svg.substr(start);
    // Without its fixed width and height the drawing scales to the page (its viewBox keeps the
    // proportions): the style sets the size on screen and on paper.
    const std::size_t tag_end = out.find('>');
    for (const char* attribute : {" width=\"", " height=\""}) {
        const std::size_t at = out.find(attribute);
        if (at != std::string::npos && at < tag_end) {
            const std::size_t value_end = out.find('"', at + std::string(attribute).size());
            out.erase(at, value_end + 1 - at);
        }
    }
    return out;
}

/// A drawing of the map, or nothing when Graphviz cannot make one (the report goes on without
/// it: a workgroup still gets the tables).
std::optional<std::string> drawing(const Input& input, const render::ViewOptions& options) {
    try {
        const auto drawn = render::draw_map(input.map(), options, render::OutputFormat::svg);
        if (drawn.bytes.empty()) {
            return std::nullopt;
        }
        return inline_svg(drawn.bytes);
    } catch (const render::RenderError&) {
        return std::nullopt;
    } catch (const render::ViewError&) {
        // A map larger than a drawing shows (render::max_drawn_actors): the report goes without it.
        return std::nullopt;
    }
}

/// The map composed for an A4 portrait page, so that it prints on one, at its natural size: a map
/// whose names would print below 6 pt on A4 is still drawn (render --paper would refuse it), and
/// stays readable on screen, where it can be enlarged.
std::optional<std::string> page_drawing(const Input& input, render::ViewOptions options) {
    options.paper = render::PaperSize::a4;
    options.landscape = false;
    try {
        const auto view = render::map_view(input.map(), input.graph(), options);
        return inline_svg(render::render_dot(view.dot, view.engine, "svg"));
    } catch (const render::RenderError&) {
        return std::nullopt;
    } catch (const render::ViewError&) {
        return std::nullopt;
    }
}

/// Whether an inline SVG is taller than wide (by its viewBox): printed upright on its page;
/// a wider drawing is turned a quarter to use the page's length.
bool upright(const std::string& svg) {
    const std::size_t at = svg.find("viewBox=\"");
    double left = 0.0;
    double top = 0.0;
    double width = 0.0;
    double height = 0.0;
    if (at == std::string::npos ||
        std::sscanf(svg.c_str() + at + 9, "%lf %lf %lf %lf", &left, &top, &width, &height) != 4) {
        return false;
    }
    return height >= width;
}

/// The blocks people read of a document, its lead lines first.
std::vector<Block> blocks_of(const Document& document) {
    std::vector<Block> blocks;
    for (const auto& line : document.lead) {
        blocks.push_back(Block::paragraph(line));
    }
    blocks.insert(blocks.end(), document.blocks.begin(), document.blocks.end());
    return blocks;
}

std::string number_text(const ordered_json& value, const text::Words& words, int digits = 3) {
    return value.is_number() ? words.number(value.get<double>(), digits) : words("no data");
}

/// The five findings of the summary, in sentences, from the documents' results.
std::vector<std::string> findings(const Document& stats, const Document& centrality,
                                  const Document& gaps, const Document* coverage,
                                  const Document& assess, std::size_t within,
                                  const text::Words& words) {
    std::vector<std::string> out;
    const auto& s = stats.results();
    out.push_back(words.plural(
        "The network has {actors} actor and {relations} relations; {components} components, the "
        "largest with {largest} actors.",
        "The network has {actors} actors and {relations} relations; {components} components, "
        "the largest with {largest} actors.",
        s.value("actors", std::size_t{0}),
        {{"actors", std::to_string(s.value("actors", std::size_t{0}))},
         {"relations", std::to_string(s.value("relations", std::size_t{0}))},
         {"components", std::to_string(s.value("components", std::size_t{0}))},
         {"largest", std::to_string(s.value("largest_component", std::size_t{0}))}}));
    const auto& actors = centrality.results()["actors"];
    if (!actors.empty() && actors[0].contains("name")) {
        out.push_back(words("The actor that holds the network together most is {name}: it lies on "
                            "more shortest paths between others than anyone else.",
                            {{"name", actors[0]["name"].get<std::string>()}}));
    }
    const auto& g = gaps.results();
    const std::size_t cut = g.contains("cut_actors") ? g["cut_actors"].size() : 0;
    if (cut > 0) {
        out.push_back(words.plural(
            "{count} actor is a single point of failure: if {first} stopped, {cut_off} actors "
            "would be cut off the network.",
            "{count} actors are single points of failure; if the first, {first}, stopped, "
            "{cut_off} actors would be cut off the network.",
            cut,
            {{"count", std::to_string(cut)},
             {"first", g["cut_actors"][0].value("name", std::string())},
             {"cut_off", std::to_string(g["cut_actors"][0].value("cut_off", std::size_t{0}))}}));
    } else {
        out.push_back(words("No single actor's stop would cut others off the network."));
    }
    const std::size_t unreached = g.contains("unreached") ? g["unreached"].size() : 0;
    out.push_back(words.plural(
        "{count} community actor reaches no institution within {within} steps.",
        "{count} community actors reach no institution within {within} steps.", unreached,
        {{"count", std::to_string(unreached)}, {"within", std::to_string(within)}}));
    if (coverage != nullptr) {
        const auto& ranking = coverage->results()["ranking"];
        if (!ranking.empty()) {
            const auto& first = ranking[0];
            out.push_back(words("The area with the largest gap in coverage is {area} (score "
                                "{score}).",
                                {{"area", first.value("name", first.value("id", std::string()))},
                                 {"score", number_text(first["score"], words)}}));
        }
    }
    const auto& a = assess.results();
    out.push_back(words("The self-assessment scores {score} out of 100.",
                        {{"score", number_text(a["score"], words)}}));
    return out;
}

/// The actors and what the page's script needs of them, as JSON for the script element.
std::string page_data(const Input& input, const Document& centrality, const Document& gaps,
                      const text::Words& words) {
    const model::Map& map = input.map();
    ordered_json data;
    data["lang"] = input.language() == model::Language::it ? "it" : "en";
    ordered_json measures = ordered_json::object();
    for (const auto& actor : centrality.results()["actors"]) {
        measures[actor["id"].get<std::string>()] = actor;
    }
    std::vector<std::string> cut;
    for (const auto& impact : gaps.results()["cut_actors"]) {
        cut.push_back(impact.value("actor", std::string()));
    }
    ordered_json actors = ordered_json::array();
    for (std::size_t a = 0; a < map.actors.size(); ++a) {
        const auto& actor = map.actors[a];
        ordered_json item;
        item["node"] = "n" + std::to_string(a);
        item["id"] = actor.id;
        item["name"] = actor.name;
        item["kind"] = actor.kind.value_or("");
        item["sector"] = model::sector_of(actor, input.vocabulary());
        item["area"] = actor.area.value_or("");
        item["cut"] = std::find(cut.begin(), cut.end(), actor.id) != cut.end();
        if (measures.contains(actor.id)) {
            const auto& m = measures[actor.id];
            for (const char* key : {"degree", "neighbours", "betweenness", "closeness",
                                    "eigenvector", "constraint"}) {
                if (m.contains(key)) {
                    item["measures"][key] = m[key];
                }
            }
        }
        actors.push_back(std::move(item));
    }
    data["actors"] = std::move(actors);
    ordered_json partners = ordered_json::object();
    for (const auto& relation : map.relations) {
        partners[relation.source].push_back(relation.target);
        partners[relation.target].push_back(relation.source);
    }
    data["partners"] = std::move(partners);
    // Per relation, in the map's order, its type ("" untyped): the drawing's ties have ids r<N>.
    ordered_json types = ordered_json::array();
    for (const auto& relation : map.relations) {
        types.push_back(relation.type.value_or(""));
    }
    data["relation_types"] = std::move(types);
    data["words"] = {
        {"close", words("Close")},
        {"single_point", words("A single point of failure: if it stops, others are cut off.")},
        {"ties_with", words("Ties with")},
        {"download_csv", words("Download as CSV")}};
    return script_json(data.dump());
}

/// Every actor of the map with its kind, sector and area, in the map's order.
Table actor_index(const Input& input, const text::Words& words) {
    const model::Map& map = input.map();
    const model::Vocabulary& vocabulary = input.vocabulary();
    Table table;
    table.columns = {words("actor"), words("kind"), words("sector"), words("area")};
    for (const auto& actor : map.actors) {
        const model::KindTerm* kind = vocabulary.find_kind(actor.kind_id());
        const std::string sector_id = model::sector_of(actor, vocabulary);
        const model::Term* sector = vocabulary.find_sector(sector_id);
        std::string area;
        for (const auto& item : map.areas) {
            if (actor.area && item.id == *actor.area) {
                area = item.name.empty() ? item.id : item.name;
            }
        }
        table.rows.push_back(
            {actor.name,
             kind != nullptr ? model::text(kind->label, input.language()) : actor.kind_id(),
             sector != nullptr ? model::text(sector->label, input.language()) : sector_id, area});
    }
    return table;
}

void write_table(std::string& out, const Table& table) {
    out += "<div class=\"table\"><table class=\"sortable\">\n<thead><tr>";
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
        const bool right = c < table.right_aligned.size() && table.right_aligned[c];
        out += std::string("<th scope=\"col\"") + (right ? " class=\"num\"" : "") + ">" +
               html_escape(table.columns[c]) + "</th>";
    }
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& row : table.rows) {
        out += "<tr>";
        for (std::size_t c = 0; c < row.size(); ++c) {
            const bool right = c < table.right_aligned.size() && table.right_aligned[c];
            out += std::string("<td") + (right ? " class=\"num\"" : "") + ">" +
                   html_escape(row[c]) + "</td>";
        }
        out += "</tr>\n";
    }
    out += "</tbody></table></div>\n";
}

void write_blocks(std::string& out, const std::vector<Block>& blocks) {
    for (const auto& block : blocks) {
        switch (block.kind) {
        case Block::Kind::heading:
            out += "<h3>" + html_escape(block.text) + "</h3>\n";
            break;
        case Block::Kind::paragraph:
            out += "<p>" + html_escape(block.text) + "</p>\n";
            break;
        case Block::Kind::bullets:
            out += "<ul>\n";
            for (const auto& item : block.items) {
                out += "<li>" + html_escape(item) + "</li>\n";
            }
            out += "</ul>\n";
            break;
        case Block::Kind::table:
            write_table(out, block.table);
            break;
        case Block::Kind::prose:
            out += "<div class=\"prose\">" + html_escape(block.text) + "</div>\n";
            break;
        }
    }
}

} // namespace

std::string html_escape(std::string_view text) {
    // HTML reads XML's escapes the same way; one escaping for every markup file stakemap writes.
    return io::xml_escape(text);
}

std::string script_json(std::string_view json) {
    std::string out;
    out.reserve(json.size());
    for (std::size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (c == '<') {
            out += "\\u003c";
        } else if (c == '>') {
            out += "\\u003e";
        } else if (c == '&') {
            out += "\\u0026";
        } else if (c == '\xE2' && i + 2 < json.size() && json[i + 1] == '\x80' &&
                   (json[i + 2] == '\xA8' || json[i + 2] == '\xA9')) {
            out += json[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

std::vector<ReportSection> report_sections(const Input& input, const ReportSettings& settings) {
    const text::Words words(input.language());
    const model::Map& map = input.map();
    std::vector<ReportSection> sections;

    const Document stats = stats_document(input);
    CentralitySettings centrality_settings;
    centrality_settings.top = 10;
    // The measures a workgroup reads (docs/measures.md says how); the profile panel and the
    // exports carry the others.
    centrality_settings.measures = {analysis::Measure::neighbours, analysis::Measure::betweenness,
                                    analysis::Measure::closeness, analysis::Measure::eigenvector,
                                    analysis::Measure::constraint};
    const Document centrality = centrality_document(input, centrality_settings);
    GapsSettings gaps_settings;
    gaps_settings.rules = settings.rules;
    gaps_settings.within = settings.within;
    const Document gaps = gaps_document(input, gaps_settings);
    std::unique_ptr<Document> coverage;
    if (!map.areas.empty()) {
        CoverageSettings coverage_settings;
        coverage_settings.options.access_target = settings.access_target;
        coverage_settings.options.within = settings.within;
        coverage = std::make_unique<Document>(coverage_document(input, coverage_settings));
    }
    AssessSettings assess_settings;
    assess_settings.rubric = settings.rubric;
    assess_settings.access_target = settings.access_target;
    assess_settings.previous = settings.previous;
    assess_settings.previous_source = settings.previous_source;
    const Document assess = assess_document(input, assess_settings);

    {
        ReportSection section{"summary",
                              words("Summary"),
                              words("The five findings that matter most first, then the figures "
                                    "of the whole network; each section below explains one of "
                                    "them."),
                              {},
                              {}};
        section.blocks.push_back(Block::bullets(
            findings(stats, centrality, gaps, coverage.get(), assess, settings.within, words)));
        for (const auto& block : blocks_of(stats)) {
            section.blocks.push_back(block);
        }
        sections.push_back(std::move(section));
    }
    {
        ReportSection section{"map",
                              words("The map"),
                              words("Each box is an area; a larger actor lies on more paths "
                                    "between others; actors with a red border are single points "
                                    "of failure. Click an actor for its profile."),
                              {},
                              {}};
        render::ViewOptions view;
        view.language = input.language();
        view.cluster = map.areas.empty() ? render::Cluster::sector : render::Cluster::area;
        view.size_by = analysis::Measure::betweenness;
        view.highlight = render::Highlight::gaps;
        view.build = input.build_options();
        if (auto svg = page_drawing(input, view)) {
            section.drawings.push_back({"map", *svg, words("The network, clustered by area")});
        }
        render::ViewOptions grid;
        grid.view = render::View::grid;
        grid.language = input.language();
        grid.build = input.build_options();
        if (auto svg = drawing(input, grid)) {
            section.drawings.push_back({"grid", *svg, words("The power–interest grid")});
        }
        sections.push_back(std::move(section));
    }
    {
        ReportSection section{"actors",
                              words("Key actors and brokers"),
                              words("The ten actors that lie on most shortest paths between "
                                    "others, with their other measures, then every actor of the "
                                    "map; click a column to sort."),
                              blocks_of(centrality),
                              {}};
        section.blocks.push_back(Block::heading(words("Every actor of the map")));
        section.blocks.push_back(Block::of_table(actor_index(input, words)));
        sections.push_back(std::move(section));
    }
    sections.push_back({"gaps",
                        words("Gaps"),
                        words("What the network loses if one actor stops, who nobody reaches, "
                              "offices that overlap, and the expected ties that are missing."),
                        blocks_of(gaps),
                        {}});
    if (!coverage) {
        sections.push_back({"coverage",
                            words("Coverage of the territory"),
                            words("Each area's services, access points and languages against "
                                  "its needs."),
                            {Block::paragraph(words("The map has no areas: record the areas of "
                                                    "the territory, where each actor works and "
                                                    "the needs of each area to see its coverage "
                                                    "(docs/format.md)."))},
                            {}});
    } else {
        ReportSection section{"coverage",
                              words("Coverage of the territory"),
                              words("Each area's services, access points and languages against "
                                    "its needs; red cells are gaps, the score runs from 0 to 1."),
                              blocks_of(*coverage),
                              {}};
        render::ViewOptions heat;
        heat.view = render::View::coverage;
        heat.language = input.language();
        heat.access_target = settings.access_target;
        heat.within = settings.within;
        heat.build = input.build_options();
        if (auto svg = drawing(input, heat)) {
            section.drawings.push_back({"coverage", *svg, words("Services by area")});
        }
        sections.push_back(std::move(section));
    }
    {
        SuggestSettings suggest_settings;
        suggest_settings.within = settings.within;
        sections.push_back({"suggestions",
                            words("Suggested links"),
                            words("The new ties that would bring most community actors within "
                                  "reach of an institution, each with what it gains."),
                            blocks_of(suggest_document(input, suggest_settings)),
                            {}});
    }
    sections.push_back({"assessment",
                        words("Self-assessment"),
                        words("Each indicator met, partly met or not met (100, 50, 0), averaged "
                              "per theme; the models describe the network, they do not rank it."),
                        blocks_of(assess),
                        {}});
    if (settings.previous) {
        AnalysisSettings previous_settings = input.settings();
        previous_settings.source = settings.previous_source;
        previous_settings.what_if.reset();
        previous_settings.at = "";
        const Input previous(*settings.previous, previous_settings);
        sections.push_back({"changes",
                            words("What changed"),
                            words("The previous round against this one: who joined and left, "
                                  "which ties came and went, and whether gaps closed."),
                            blocks_of(diff_document(previous, input)),
                            {}});
    }
    if (!settings.options.empty()) {
        CompareSettings compare_settings;
        compare_settings.options = settings.options;
        compare_settings.rubric = settings.rubric;
        compare_settings.access_target = settings.access_target;
        compare_settings.within = settings.within;
        sections.push_back({"options",
                            words("Options compared"),
                            words("Each option applied to the same map, side by side; the last "
                                  "column names the options that do best on each row."),
                            blocks_of(compare_document(input, compare_settings)),
                            {}});
    }
    return sections;
}

std::string html_report(const Input& input, const ReportSettings& settings) {
    const text::Words words(input.language());
    const auto sections = report_sections(input, settings);
    // The page's script needs every actor's measures (the sections show the first ten) and the
    // cut actors, with the same settings as the gaps section.
    CentralitySettings centrality_settings;
    const Document centrality = centrality_document(input, centrality_settings);
    GapsSettings gaps_settings;
    gaps_settings.rules = settings.rules;
    gaps_settings.within = settings.within;
    const Document gaps = gaps_document(input, gaps_settings);

    const std::string title = input.title();
    std::string out;
    out += "<!DOCTYPE html>\n<html lang=\"";
    out += input.language() == model::Language::it ? "it" : "en";
    out += "\">\n<head>\n<meta charset=\"utf-8\">\n";
    // No request of any kind: everything the page shows is inside it.
    out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
           "connect-src 'none'; form-action 'none'; base-uri 'none'\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<title>" + html_escape(title) + "</title>\n<style>\n";
    out += detail::report_css;
    out += "</style>\n</head>\n<body>\n<header>\n<h1>" + html_escape(title) + "</h1>\n";
    out += "<div class=\"controls\" role=\"search\">\n";
    out +=
        "<label>" + html_escape(words("Find an actor")) +
        " <input type=\"search\" id=\"find\" list=\"actor-names\" autocomplete=\"off\"></label>\n";
    out += "<datalist id=\"actor-names\">";
    for (const auto& actor : input.map().actors) {
        out += "<option value=\"" + html_escape(actor.name) + "\">";
    }
    out += "</datalist>\n";
    out += "<label>" + html_escape(words("Area")) +
           " <select id=\"filter-area\"><option value=\"\">" + html_escape(words("all")) +
           "</option>";
    for (const auto& area : input.map().areas) {
        out += "<option value=\"" + html_escape(area.id) + "\">" +
               html_escape(area.name.empty() ? area.id : area.name) + "</option>";
    }
    out += "</select></label>\n";
    out += "<label>" + html_escape(words("Sector")) +
           " <select id=\"filter-sector\"><option value=\"\">" +
           html_escape(words.in_context("sector or type filter", "all")) + "</option>";
    for (const auto& sector : input.vocabulary().sectors) {
        out += "<option value=\"" + html_escape(sector.id) + "\">" +
               html_escape(model::text(sector.label, input.language())) + "</option>";
    }
    out += "</select></label>\n";
    // The relation types the map uses, in the vocabulary's order, then untyped relations.
    std::set<std::string> used;
    for (const auto& relation : input.map().relations) {
        used.insert(relation.type.value_or(""));
    }
    out += "<label>" + html_escape(words("Relation type")) +
           " <select id=\"filter-type\"><option value=\"\">" +
           html_escape(words.in_context("sector or type filter", "all")) + "</option>";
    for (const auto& type : input.vocabulary().relation_types) {
        if (used.erase(type.id) != 0) {
            out += "<option value=\"" + html_escape(type.id) + "\">" +
                   html_escape(model::text(type.label, input.language())) + "</option>";
        }
    }
    for (const auto& type : used) {
        out += "<option value=\"" + html_escape(type) + "\">" +
               html_escape(type.empty() ? words.in_context("drawing", "untyped") : type) +
               "</option>";
    }
    out += "</select></label>\n</div>\n<nav aria-label=\"" + html_escape(words("Sections")) +
           "\"><ol>";
    for (const auto& section : sections) {
        out += "<li><a href=\"#" + section.id + "\">" + html_escape(section.title) + "</a></li>";
    }
    out += "</ol></nav>\n</header>\n<main>\n";
    for (const auto& section : sections) {
        out += "<section id=\"" + section.id + "\">\n<h2>" + html_escape(section.title) +
               "</h2>\n<p class=\"how\">" + html_escape(section.how_to_read) + "</p>\n";
        for (const auto& drawing : section.drawings) {
            out += "<figure class=\"drawing" + std::string(upright(drawing.svg) ? " upright" : "") +
                   "\" id=\"drawing-" + drawing.id + "\">\n" + drawing.svg + "<figcaption>" +
                   html_escape(drawing.caption) + "</figcaption>\n</figure>\n";
        }
        write_blocks(out, section.blocks);
        out += "</section>\n";
    }
    out += "</main>\n<aside id=\"profile\" hidden aria-live=\"polite\"></aside>\n";
    out += "<script type=\"application/json\" id=\"page-data\">";
    out += page_data(input, centrality, gaps, words);
    out += "</script>\n<script>\n";
    out += detail::report_js;
    out += "</script>\n</body>\n</html>\n";
    return out;
}

namespace {

/// A file name as a relative URL: bytes outside the unreserved set percent-encoded, so spaces,
/// brackets and quotes in the name cannot end a Markdown link early.
std::string url_path(std::string_view file) {
    const char* hex = "0123456789ABCDEF";
    std::string out;
    for (const char c : file) {
        const auto byte = static_cast<unsigned char>(c);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            out += c;
        } else {
            out += '%';
            out += hex[byte >> 4U];
            out += hex[byte & 0xFU];
        }
    }
    return out;
}

} // namespace

MarkdownReport markdown_report(const Input& input, const ReportSettings& settings,
                               const std::string& stem) {
    const auto sections = report_sections(input, settings);
    MarkdownReport out;
    Document document = new_document(input, "report");
    document.title = input.title();
    for (const auto& section : sections) {
        document.blocks.push_back(Block::heading(section.title));
        document.blocks.push_back(Block::paragraph(section.how_to_read));
        for (const auto& drawing : section.drawings) {
            const std::string file = stem + "-" + drawing.id + ".svg";
            // Graphviz's file as it writes it, with the XML prologue an image file needs.
            out.drawings.emplace_back(file,
                                      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + drawing.svg);
            document.blocks.push_back(
                Block::prose(drawing.caption + ": " + file,
                             "![" + markdown_text(drawing.caption) + "](" + url_path(file) + ")"));
        }
        for (const auto& block : section.blocks) {
            document.blocks.push_back(block);
        }
    }
    out.markdown = write_markdown(document);
    return out;
}

} // namespace stakemap::report
