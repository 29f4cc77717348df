// Uses the installed stakemap library: loads a map, prints its figures, and draws it with Graphviz,
// which the installed package has to find on this machine by itself.

#include <stakemap/analysis/stats.hpp>
#include <stakemap/error.hpp>
#include <stakemap/graph/analysis_graph.hpp>
#include <stakemap/io/map_reader.hpp>
#include <stakemap/render/graphviz.hpp>
#include <stakemap/render/map_view.hpp>

#include <cstddef>
#include <iostream>
#include <string>
#include <string_view>

namespace {

std::size_t occurrences(const std::string& text, std::string_view what) {
    std::size_t count = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++count;
    }
    return count;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: consumer MAP\n";
        return 2;
    }
    try {
        const auto map = stakemap::io::load_map(argv[1]);
        const auto graph = stakemap::graph::build(map);
        const auto stats = stakemap::analysis::map_stats(graph);
        std::cout << "actors: " << stats.actors << "\nrelations: " << stats.relations
                  << "\ncomponents: " << stats.components << '\n';
        const auto view = stakemap::render::map_view(map, graph, {});
        const auto svg = stakemap::render::render_dot(view.dot, view.engine, "svg");
        std::cout << "drawn nodes: " << occurrences(svg, "class=\"node\"") << '\n';
        return 0;
    } catch (const stakemap::Error& error) {
        std::cerr << "consumer: " << error.what() << '\n';
        return static_cast<int>(error.exit_code());
    }
}
