#include "stakemap/render/graphviz.hpp"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <memory>
#include <mutex>

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

} // namespace

std::string render_dot(const std::string& dot, const std::string& engine,
                       const std::string& format) {
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
    if (gvLayout(context, graph.get(), engine.c_str()) != 0) {
        throw RenderError(take_errors("Graphviz could not lay out the map with " + engine));
    }
    const LayoutGuard layout(context, graph.get());
    char* data = nullptr;
    unsigned int length = 0;
    if (gvRenderData(context, graph.get(), format.c_str(), &data, &length) != 0 ||
        data == nullptr) {
        if (data != nullptr) {
            gvFreeRenderData(data);
        }
        throw RenderError(take_errors("Graphviz could not render " + format +
                                      " (is the Graphviz plugin for it installed? apt-get "
                                      "install graphviz)"));
    }
    std::string output(data, length);
    gvFreeRenderData(data);
    collected_errors().clear();
    return output;
}

} // namespace stakemap::render
