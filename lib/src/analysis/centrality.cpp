// Centrality measures: see centrality.hpp.
