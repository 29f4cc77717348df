// Runs Boost.Graph's own algorithms on a map through stakemap's views: Brandes betweenness on the
// ties as arcs, and articulation points on the undirected projection.
//   bgl_betweenness MAP [TOP]

#include <stakemap/graph/analysis_graph.hpp>
#include <stakemap/graph/bgl.hpp>
#include <stakemap/io/map_reader.hpp>

#include <algorithm>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/biconnected_components.hpp>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <iterator>
#include <numeric>
#include <vector>

namespace graph = stakemap::graph;

int main(int argc, char** argv) {
    if (argc != 2 && argc != 3) {
        std::cerr << "usage: bgl_betweenness MAP [TOP]\n";
        return 2;
    }
    const std::size_t top = argc == 3 ? std::strtoul(argv[2], nullptr, 10) : 5;
    try {
        const auto map = stakemap::io::load_map(argv[1]);
        // As the command-line tool does: a map with a date is analysed as it stands on that date.
        graph::BuildOptions options;
        options.at = map.date;
        const auto g = graph::build(map, options);
        const std::size_t n = g.vertex_count;

        // Brandes on G, every tie an arc (an undirected tie is two), lengths 1/weight. BGL sums
        // over ordered pairs without halving on a directed graph, so dividing by (n−1)(n−2) gives
        // the scale of NetworkX and `stakemap centrality` (docs/library.md says why a few weighted
        // scores still differ slightly).
        const graph::DirectedView arcs{g};
        std::vector<double> betweenness(n);
        boost::brandes_betweenness_centrality(
            arcs, boost::centrality_map(boost::make_iterator_property_map(
                                            betweenness.begin(), get(boost::vertex_index, arcs)))
                      .weight_map(graph::length_map(arcs)));
        const double pairs = static_cast<double>((n - 1) * (n - 2));

        std::vector<std::size_t> order(n);
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return betweenness[a] > betweenness[b];
        });
        std::cout << map.title << ": " << n << " actors, " << num_edges(arcs) << " arcs\n\n"
                  << "Betweenness (boost::brandes_betweenness_centrality, lengths 1/weight):\n"
                  << std::fixed << std::setprecision(4);
        for (std::size_t i = 0; i < std::min(top, n); ++i) {
            const auto& actor = map.actors[order[i]];
            std::cout << "  " << betweenness[order[i]] / pairs << "  " << actor.name << '\n';
        }

        // Articulation points on U: the actors whose removal splits their component.
        const graph::UndirectedView ties{g};
        std::vector<graph::Vertex> cut;
        boost::articulation_points(ties, std::back_inserter(cut));
        std::sort(cut.begin(), cut.end());
        std::cout << "\nCut actors (boost::articulation_points on " << num_edges(ties)
                  << " ties): " << cut.size() << '\n';
        for (const graph::Vertex v : cut) {
            std::cout << "  " << map.actors[v].name << '\n';
        }
        return 0;
    } catch (const stakemap::io::LoadError& error) {
        for (const auto& diagnostic : error.diagnostics()) {
            std::cerr << stakemap::io::to_string(diagnostic) << '\n';
        }
        return 3;
    }
}
