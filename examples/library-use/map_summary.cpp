// Loads a map with the stakemap library and prints a few figures: the smallest useful program.

#include <stakemap/analysis/stats.hpp>
#include <stakemap/graph/analysis_graph.hpp>
#include <stakemap/io/map_reader.hpp>

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: map_summary MAP\n";
        return 2;
    }
    try {
        const auto map = stakemap::io::load_map(argv[1]);
        const auto graph =
            stakemap::graph::build(map, {.distance = stakemap::graph::Distance::inverse});
        const auto stats = stakemap::analysis::map_stats(graph);
        std::cout << map.title << ": " << stats.actors << " actors, " << stats.relations
                  << " relations, " << stats.components << " components, " << stats.isolates
                  << " isolated\n";
        return 0;
    } catch (const stakemap::io::LoadError& error) {
        for (const auto& diagnostic : error.diagnostics()) {
            std::cerr << stakemap::io::to_string(diagnostic) << '\n';
        }
        return 3;
    }
}
