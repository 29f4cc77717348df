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

# Graphviz through pkg-config's imported target, so that the exported link interface names
# PkgConfig::STAKEMAP_GRAPHVIZ and not this machine's library files (stakemapConfig.cmake makes the
# same call). The prefix is stakemap's own so that it cannot clash with a consumer's; GLOBAL so
# that a project that adds stakemap with add_subdirectory sees the target too.
find_package(PkgConfig QUIET)
if(NOT PkgConfig_FOUND)
    stakemap_missing("pkg-config" "pkgconf")
endif()
pkg_check_modules(STAKEMAP_GRAPHVIZ QUIET IMPORTED_TARGET GLOBAL libgvc libcgraph libcdt)
if(NOT STAKEMAP_GRAPHVIZ_FOUND)
    stakemap_missing("Graphviz (cgraph and gvc)" "libgraphviz-dev graphviz")
endif()
# The sources include <graphviz/gvc.h>, while the .pc files name the folder of gvc.h itself
# (includedir=${prefix}/include/graphviz on Debian): the folder above it is needed too.
set(STAKEMAP_GRAPHVIZ_PARENT_INCLUDE_DIRS "")
foreach(dir IN LISTS STAKEMAP_GRAPHVIZ_INCLUDE_DIRS STAKEMAP_GRAPHVIZ_libgvc_INCLUDEDIR)
    get_filename_component(parent "${dir}" DIRECTORY)
    if(EXISTS "${parent}/graphviz/gvc.h")
        list(APPEND STAKEMAP_GRAPHVIZ_PARENT_INCLUDE_DIRS "${parent}")
    endif()
endforeach()
list(REMOVE_DUPLICATES STAKEMAP_GRAPHVIZ_PARENT_INCLUDE_DIRS)

# libcsv (CSV sheets) has neither a CMake package nor a pkg-config file: an imported target found
# by header and library, made the same way by stakemapConfig.cmake on a consumer's machine.
find_path(STAKEMAP_LIBCSV_INCLUDE_DIR csv.h)
find_library(STAKEMAP_LIBCSV_LIBRARY csv)
if(NOT STAKEMAP_LIBCSV_INCLUDE_DIR OR NOT STAKEMAP_LIBCSV_LIBRARY)
    stakemap_missing("libcsv" "libcsv-dev")
endif()
if(NOT TARGET stakemap_libcsv::csv)
    add_library(stakemap_libcsv::csv UNKNOWN IMPORTED GLOBAL)
    set_target_properties(stakemap_libcsv::csv PROPERTIES
        IMPORTED_LOCATION "${STAKEMAP_LIBCSV_LIBRARY}"
        INTERFACE_INCLUDE_DIRECTORIES "${STAKEMAP_LIBCSV_INCLUDE_DIR}")
endif()

# libzip and pugixml (workbooks: .xlsx and .ods are zip archives of XML parts; pugixml also reads
# GraphML and GEXF), through
# pkg-config's imported targets, as Graphviz; stakemapConfig.cmake makes the same call.
pkg_check_modules(STAKEMAP_LIBZIP QUIET IMPORTED_TARGET GLOBAL libzip)
if(NOT STAKEMAP_LIBZIP_FOUND)
    stakemap_missing("libzip" "libzip-dev")
endif()
pkg_check_modules(STAKEMAP_PUGIXML QUIET IMPORTED_TARGET GLOBAL pugixml)
if(NOT STAKEMAP_PUGIXML_FOUND)
    stakemap_missing("pugixml" "libpugixml-dev")
endif()
# libxlsxwriter (workbooks: the template and export --to xlsx) through pkg-config's imported target,
# as Graphviz; stakemapConfig.cmake makes the same call. No public header includes it.
pkg_check_modules(STAKEMAP_XLSXWRITER QUIET IMPORTED_TARGET GLOBAL xlsxwriter)
if(NOT STAKEMAP_XLSXWRITER_FOUND)
    stakemap_missing("libxlsxwriter" "libxlsxwriter-dev")
endif()

if(STAKEMAP_BUILD_TESTS)
    find_package(doctest QUIET)
    if(NOT doctest_FOUND)
        stakemap_missing("doctest" "doctest-dev")
    endif()
endif()

find_package(Threads REQUIRED)
