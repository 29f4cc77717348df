// Tests for analysis/centrality.
#include <doctest/doctest.h>
