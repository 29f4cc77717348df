# Every dependency comes from a Debian package; a missing one stops the configuration with the name of
# the package to install (scripts/setup.sh installs them all).

function(stakemap_missing what package)
    message(FATAL_ERROR "stakemap needs ${what}, which was not found.\n"
                        "Install it with:  apt-get install ${package}\n"
                        "(or run scripts/setup.sh as root, which installs every dependency)")
endfunction()

find_package(Boost 1.74 QUIET COMPONENTS program_options)
if(NOT Boost_FOUND)
    stakemap_missing("Boost.Program_options" "libboost-program-options-dev")
endif()
find_package(Boost 1.74 QUIET COMPONENTS locale)
if(NOT Boost_FOUND)
    stakemap_missing("Boost.Locale" "libboost-locale-dev")
endif()
find_path(STAKEMAP_BOOST_GRAPH_INCLUDE boost/graph/compressed_sparse_row_graph.hpp
          HINTS ${Boost_INCLUDE_DIRS})
if(NOT STAKEMAP_BOOST_GRAPH_INCLUDE)
    stakemap_missing("Boost.Graph" "libboost-graph-dev")
endif()

find_package(nlohmann_json 3.10 QUIET)
if(NOT nlohmann_json_FOUND)
    stakemap_missing("nlohmann/json" "nlohmann-json3-dev")
endif()

find_path(STAKEMAP_GRAPHVIZ_INCLUDE graphviz/gvc.h)
find_library(STAKEMAP_GVC_LIBRARY gvc)
find_library(STAKEMAP_CGRAPH_LIBRARY cgraph)
find_library(STAKEMAP_CDT_LIBRARY cdt)
if(NOT STAKEMAP_GRAPHVIZ_INCLUDE OR NOT STAKEMAP_GVC_LIBRARY OR NOT STAKEMAP_CGRAPH_LIBRARY)
    stakemap_missing("Graphviz (cgraph and gvc)" "libgraphviz-dev graphviz")
endif()

if(STAKEMAP_BUILD_TESTS)
    find_package(doctest QUIET)
    if(NOT doctest_FOUND)
        stakemap_missing("doctest" "doctest-dev")
    endif()
endif()

find_package(Threads REQUIRED)
