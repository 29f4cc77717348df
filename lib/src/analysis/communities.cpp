// Community detection: see communities.hpp.
