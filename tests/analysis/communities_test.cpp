// Tests for analysis/communities.
#include <doctest/doctest.h>
