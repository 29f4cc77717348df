#include "stakemap/render/graphviz.hpp"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <mutex>
#include <string_view>

namespace stakemap::render {

namespace {

std::mutex& graphviz_lock() {
    static std::mutex lock;
    return lock;
}

/// Graphviz reports errors through a C callback; collected here while the lock is held.
std::string& collected_errors() {
    static std::string errors;
    return errors;
}

extern "C" int collect_error(char* message) {
    collected_errors() += message;
    return 0;
}

/// One Graphviz context for the whole process, made on first use and kept: Graphviz 2.43 caches
/// font data in static memory that outlives a freed context (a second context then reads freed
/// memory), and its text measurement depends on whether its text plugin has been used yet. So the
/// context is created once, and first lays out a small labelled graph, so that every real drawing
/// meets it in the same state. Called with the Graphviz lock held.
GVC_t* shared_context() {
    static GVC_t* const context = [] {
        GVC_t* created = gvContext();
        if (created == nullptr) {
            return created;
        }
        Agraph_t* warm_up = agmemread("digraph { graph [label=<<b>a</b>>]; a [label=\"a\"]; }");
        if (warm_up != nullptr) {
            if (gvLayout(created, warm_up, "dot") == 0) {
                char* data = nullptr;
                unsigned int length = 0;
                if (gvRenderData(created, warm_up, "svg", &data, &length) == 0 && data != nullptr) {
                    gvFreeRenderData(data);
                }
                gvFreeLayout(created, warm_up);
            }
            agclose(warm_up);
        }
        return created;
    }();
    return context;
}
struct GraphDeleter {
    void operator()(Agraph_t* graph) const { agclose(graph); }
};

/// Frees a layout when it goes out of scope.
class LayoutGuard {
public:
    LayoutGuard(GVC_t* context, Agraph_t* graph) : context_(context), graph_(graph) {}
    ~LayoutGuard() { gvFreeLayout(context_, graph_); }
    LayoutGuard(const LayoutGuard&) = delete;
    LayoutGuard& operator=(const LayoutGuard&) = delete;

private:
    GVC_t* context_;
    Agraph_t* graph_;
};

std::string take_errors(const std::string& what) {
    std::string errors = collected_errors();
    collected_errors().clear();
    while (!errors.empty() && (errors.back() == '\n' || errors.back() == ' ')) {
        errors.pop_back();
    }
    return errors.empty() ? what : what + ": " + errors;
}

/// Puts the clusters of a laid-out graph back in the order of the DOT text. Some engines (nop,
/// reading clusters' positions) collect them in the order of cgraph's subgraph dictionary, which
/// compares ids made from string addresses: the clusters would be drawn in a different order on
/// different runs.
void in_creation_order(Agraph_t* graph) {
    const int count = GD_n_cluster(graph);
    if (count > 1 && GD_clust(graph) != nullptr) {
        std::stable_sort(GD_clust(graph) + 1, GD_clust(graph) + 1 + count,
                         [](Agraph_t* a, Agraph_t* b) { return AGSEQ(a) < AGSEQ(b); });
    }
    for (int c = 1; c <= count; ++c) {
        in_creation_order(GD_clust(graph)[c]);
    }
}

/// Every coordinate of a laid-out drawing rounded to 1/64 pt: nodes, ties (their curves, arrow
/// ends and labels), boxes and labels of the graph and its clusters. Graphviz's layouts of the same
/// graph differ in the last bits from run to run, even within one process; SVG hides that (two
/// decimals) but PDF writes six, so the same map gave different PDF bytes.
void round_layout(Agraph_t* graph) {
    const auto round = [](double& value) {
        value = std::round(value * 64.0) / 64.0;
    };
    const auto round_point = [&](pointf& point) {
        round(point.x);
        round(point.y);
    };
    const auto round_box = [&](boxf& box) {
        round_point(box.LL);
        round_point(box.UR);
    };
    const auto round_label = [&](textlabel_t* label) {
        if (label != nullptr) {
            round_point(label->pos);
        }
    };
    std::function<void(Agraph_t*)> round_clusters = [&](Agraph_t* cluster) {
        round_box(GD_bb(cluster));
        round_label(GD_label(cluster));
        for (int c = 1; c <= GD_n_cluster(cluster); ++c) {
            round_clusters(GD_clust(cluster)[c]);
        }
    };
    round_clusters(graph);
    for (Agnode_t* node = agfstnode(graph); node != nullptr; node = agnxtnode(graph, node)) {
        round_point(ND_coord(node));
        round_label(ND_xlabel(node));
        for (Agedge_t* edge = agfstout(graph, node); edge != nullptr;
             edge = agnxtout(graph, edge)) {
            for (textlabel_t* label :
                 {ED_label(edge), ED_xlabel(edge), ED_head_label(edge), ED_tail_label(edge)}) {
                round_label(label);
            }
            splines* curves = ED_spl(edge);
            if (curves == nullptr) {
                continue;
            }
            round_box(curves->bb);
            for (int b = 0; b < curves->size; ++b) {
                bezier& curve = curves->list[b];
                for (int i = 0; i < curve.size; ++i) {
                    round_point(curve.list[i]);
                }
                round_point(curve.sp);
                round_point(curve.ep);
            }
        }
    }
}

/// Runs `use` on the laid-out drawing, with the Graphviz lock held and everything freed after.
template <typename Use>
auto with_layout(const std::string& dot, const std::string& engine, Use&& use) {
    const std::lock_guard lock(graphviz_lock());
    collected_errors().clear();
    agseterrf(collect_error);
    agseterr(AGERR);
    GVC_t* const context = shared_context();
    if (context == nullptr) {
        throw RenderError("Graphviz could not start");
    }
    std::unique_ptr<Agraph_t, GraphDeleter> graph(agmemread(dot.c_str()));
    if (!graph) {
        throw RenderError(take_errors("Graphviz could not read the drawing"));
    }
    // Parts of Graphviz draw from rand() and drand48() without seeding them (prism's overlap
    // removal, neato's spline routing): the same generators' state for every drawing makes the
    // same drawing, in the first call of a process as in the hundredth.
    std::srand(1);
    srand48(1);
    // Graphviz reports some failures only as an error message and still returns 0 (dot's "Edge
    // length … larger than maximum 65535", after which its drawing is wrong): any error reported
    // during the layout or the rendering fails the drawing.
    if (gvLayout(context, graph.get(), engine.c_str()) != 0) {
        throw RenderError(take_errors("Graphviz could not lay out the map with " + engine));
    }
    const LayoutGuard layout(context, graph.get());
    if (!collected_errors().empty()) {
        throw RenderError(take_errors("Graphviz could not lay out the map with " + engine));
    }
    in_creation_order(graph.get());
    round_layout(graph.get());
    auto result = use(context, graph.get());
    if (!collected_errors().empty()) {
        throw RenderError(take_errors("Graphviz could not draw the map with " + engine));
    }
    return result;
}

/// The font size a label is written in, and the smallest `point-size` inside an HTML label.
double label_font_size(void* object, const char* label, bool html) {
    const char* size_text = agget(object, const_cast<char*>("fontsize"));
    double size = size_text != nullptr && *size_text != '\0' ? std::atof(size_text) : 14.0;
    if (html) {
        const std::string_view text(label);
        const std::string_view key = "point-size=\"";
        for (auto at = text.find(key); at != std::string_view::npos; at = text.find(key, at)) {
            at += key.size();
            size = std::min(size, std::atof(std::string(text.substr(at, 12)).c_str()));
        }
    }
    return size;
}

/// The smallest type of every label drawn: the graph's, its clusters', its nodes' and its edges'.
double smallest_text(Agraph_t* root) {
    double smallest = 0.0;
    auto consider = [&](void* object, const char* label) {
        if (label == nullptr || *label == '\0') {
            return;
        }
        const double size = label_font_size(object, label, aghtmlstr(const_cast<char*>(label)));
        if (size > 0.0 && (smallest == 0.0 || size < smallest)) {
            smallest = size;
        }
    };
    char label_name[] = "label";
    std::function<void(Agraph_t*)> visit_clusters = [&](Agraph_t* graph) {
        for (Agraph_t* sub = agfstsubg(graph); sub != nullptr; sub = agnxtsubg(sub)) {
            if (std::string_view(agnameof(sub)).rfind("cluster", 0) == 0) {
                consider(sub, agget(sub, label_name));
            }
            visit_clusters(sub);
        }
    };
    consider(root, agget(root, label_name));
    visit_clusters(root);
    for (Agnode_t* node = agfstnode(root); node != nullptr; node = agnxtnode(root, node)) {
        const char* label = agget(node, label_name);
        consider(node, label == nullptr ? agnameof(node) : label); // no label: the name shows
        for (Agedge_t* edge = agfstout(root, node); edge != nullptr; edge = agnxtout(root, edge)) {
            for (const char* name : {"label", "xlabel", "headlabel", "taillabel"}) {
                consider(edge, agget(edge, const_cast<char*>(name)));
            }
        }
    }
    return smallest;
}

Fit fit_of(Agraph_t* graph, const Paper& paper) {
    Fit fit;
    const boxf box = GD_bb(graph);
    fit.width = box.UR.x - box.LL.x;
    fit.height = box.UR.y - box.LL.y;
    const double usable_width = paper.width - 2.0 * paper_margin;
    const double usable_height = paper.height - 2.0 * paper_margin;
    fit.scale = largest_enlargement;
    if (fit.width > 0.0) {
        fit.scale = std::min(fit.scale, usable_width / fit.width);
    }
    if (fit.height > 0.0) {
        fit.scale = std::min(fit.scale, usable_height / fit.height);
    }
    fit.smallest_text = smallest_text(graph);
    return fit;
}

std::string fixed(double value) {
    char text[64];
    std::snprintf(text, sizeof text, "%.6f", value);
    return text;
}

/// Writes `date` (YYYY-MM-DD) over the creation time cairo puts in a PDF's information
/// dictionary ("/CreationDate (D:20261203191421Z)"), digit for digit: the file keeps its length,
/// so its cross-reference offsets stay right.
void set_creation_date(std::string& pdf, const std::string& date) {
    const std::string key = "/CreationDate (D:";
    const auto at = pdf.find(key);
    std::string digits;
    for (char c : date) {
        if (c >= '0' && c <= '9') {
            digits += c;
        }
    }
    digits.resize(14, '0');
    if (at == std::string::npos || at + key.size() + digits.size() > pdf.size()) {
        return;
    }
    const auto written = pdf.begin() + static_cast<std::ptrdiff_t>(at + key.size());
    if (std::all_of(written, written + 14, [](char c) { return c >= '0' && c <= '9'; })) {
        std::copy(digits.begin(), digits.end(), written);
    }
}

} // namespace

std::optional<Paper> paper_sheet(std::string_view name, bool landscape) {
    constexpr double point_per_mm = 72.0 / 25.4;
    Paper paper;
    if (name == "A4") {
        paper = {"A4", landscape, 210.0 * point_per_mm, 297.0 * point_per_mm};
    } else if (name == "A3") {
        paper = {"A3", landscape, 297.0 * point_per_mm, 420.0 * point_per_mm};
    } else {
        return std::nullopt;
    }
    if (landscape) {
        std::swap(paper.width, paper.height);
    }
    return paper;
}

bool Fit::readable() const {
    return smallest_text <= 0.0 || smallest_printed_text() >= smallest_text_on_paper - 1e-9;
}

DoesNotFit::DoesNotFit(Paper paper, Fit fit)
    : Error(ErrorCode::view, "the drawing does not fit on " + paper.name +
                                 (paper.landscape ? " landscape" : "") +
                                 " with text of at least 6 pt"),
      paper_(std::move(paper)), fit_(fit) {}

std::string render_dot(const std::string& dot, const std::string& engine, const std::string& format,
                       const RenderOptions& options) {
    return with_layout(dot, engine, [&](GVC_t* context, Agraph_t* graph) {
        if (options.paper) {
            const Fit fit = fit_of(graph, *options.paper);
            if (!fit.readable()) {
                throw DoesNotFit(*options.paper, fit);
            }
            // The page is exactly the sheet: the viewport is the sheet's size at the drawing's
            // scale, centred on the drawing; no Graphviz margin (PDF would add 36 pt).
            const boxf box = GD_bb(graph);
            agsafeset(graph, const_cast<char*>("viewport"),
                      const_cast<char*>((fixed(options.paper->width) + "," +
                                         fixed(options.paper->height) + "," + fixed(fit.scale) +
                                         "," + fixed((box.LL.x + box.UR.x) / 2.0) + "," +
                                         fixed((box.LL.y + box.UR.y) / 2.0))
                                            .c_str()),
                      const_cast<char*>(""));
            agsafeset(graph, const_cast<char*>("margin"), const_cast<char*>("0"),
                      const_cast<char*>(""));
            if (format == "png") {
                GD_drawing(graph)->dpi = paper_png_dpi;
            }
        }
        char* data = nullptr;
        unsigned int length = 0;
        if (gvRenderData(context, graph, format.c_str(), &data, &length) != 0 || data == nullptr) {
            if (data != nullptr) {
                gvFreeRenderData(data);
            }
            throw RenderError(take_errors("Graphviz could not render " + format +
                                          " (is the Graphviz plugin for it installed? apt-get "
                                          "install graphviz)"));
        }
        std::string output(data, length);
        gvFreeRenderData(data);
        if (format == "pdf") {
            set_creation_date(output, options.date.value_or("1970-01-01"));
        }
        return output;
    });
}

Fit fit_on_paper(const std::string& dot, const std::string& engine, const Paper& paper) {
    return with_layout(dot, engine, [&](GVC_t*, Agraph_t* graph) { return fit_of(graph, paper); });
}

Layout layout(const std::string& dot, const std::string& engine) {
    return with_layout(dot, engine, [](GVC_t*, Agraph_t* graph) {
        Layout result;
        const boxf box = GD_bb(graph);
        result.left = box.LL.x;
        result.bottom = box.LL.y;
        result.right = box.UR.x;
        result.top = box.UR.y;
        for (Agnode_t* node = agfstnode(graph); node != nullptr; node = agnxtnode(graph, node)) {
            result.nodes[agnameof(node)] = {ND_coord(node).x, ND_coord(node).y,
                                            ND_width(node) * 72.0, ND_height(node) * 72.0};
        }
        return result;
    });
}

} // namespace stakemap::render
