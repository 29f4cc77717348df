# The installed package works elsewhere: installs stakemap into a prefix, moves the tree to another
# prefix, checks that no installed CMake file names the build or source tree, the first prefix or a
# library file of this machine, then builds tests/install/consumer (every public header in a
# translation unit of its own, and a program that loads and draws a map) and examples/library-use
# against the moved tree with find_package(stakemap), and runs them.
#   cmake -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK=... [-DGENERATOR=...] [-DCXX_COMPILER=...]
#         [-DCOMPILER_LAUNCHER=...] -P install_test.cmake
cmake_minimum_required(VERSION 3.22)
foreach(required BUILD_DIR SOURCE_DIR WORK)
    if(NOT DEFINED ${required})
        message(FATAL_ERROR "install_test.cmake needs -D${required}=...")
    endif()
endforeach()
set(staging "${WORK}/staging")
set(prefix "${WORK}/moved/prefix")
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/moved")

function(run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT code EQUAL 0)
        message(FATAL_ERROR "failed (${code}): ${ARGN}\n${out}\n${err}")
    endif()
    set(last_output "${out}" PARENT_SCOPE)
endfunction()

# ---- Install, then move: nothing may depend on where the tree was installed ----------------------
run("${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${staging}")
file(RENAME "${staging}" "${prefix}")
foreach(installed bin/stakemap include/stakemap/io/map_reader.hpp include/stakemap/version.hpp
                  share/stakemap/vocab/kinds.json share/stakemap/schema/stakemap.schema.json)
    if(NOT EXISTS "${prefix}/${installed}")
        message(FATAL_ERROR "${installed} was not installed")
    endif()
endforeach()

file(GLOB_RECURSE cmake_files "${prefix}/*.cmake")
set(package_files "")
foreach(file IN LISTS cmake_files)
    get_filename_component(name "${file}" NAME)
    list(APPEND package_files "${name}")
    file(READ "${file}" content)
    foreach(forbidden "${BUILD_DIR}" "${SOURCE_DIR}" "${staging}" "${WORK}")
        string(FIND "${content}" "${forbidden}" at)
        if(NOT at EQUAL -1)
            message(FATAL_ERROR "${file} names ${forbidden}")
        endif()
    endforeach()
    # A library by path (/usr/lib/x86_64-linux-gnu/libgvc.so…) ties the package to this machine;
    # dependencies must appear as imported targets found again by stakemapConfig.cmake.
    if(content MATCHES "(/usr(/local)?/lib[^\";]*)"
       OR content MATCHES "[\";](/[^\";\n]*\\.(so|a))[\";\n]")
        message(FATAL_ERROR "${file} names a file of this machine: ${CMAKE_MATCH_1}")
    endif()
endforeach()
foreach(expected stakemapConfig.cmake stakemapConfigVersion.cmake stakemapTargets.cmake)
    if(NOT expected IN_LIST package_files)
        message(FATAL_ERROR "${expected} was not installed")
    endif()
endforeach()

# ---- Another project finds the moved package and uses it -----------------------------------------
set(configure_options "-DCMAKE_PREFIX_PATH=${prefix}")
if(GENERATOR)
    list(APPEND configure_options -G "${GENERATOR}")
endif()
if(CXX_COMPILER)
    list(APPEND configure_options "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}")
endif()
if(COMPILER_LAUNCHER)
    list(APPEND configure_options "-DCMAKE_CXX_COMPILER_LAUNCHER=${COMPILER_LAUNCHER}")
endif()

set(consumer "${WORK}/consumer")
run("${CMAKE_COMMAND}" -S "${SOURCE_DIR}/tests/install/consumer" -B "${consumer}"
    ${configure_options} -DCHECK_HEADERS=ON)
file(STRINGS "${consumer}/CMakeCache.txt" found REGEX "^stakemap_DIR:")
if(NOT found STREQUAL "stakemap_DIR:PATH=${prefix}/lib/cmake/stakemap")
    message(FATAL_ERROR "the consumer found another stakemap: ${found}")
endif()
run("${CMAKE_COMMAND}" --build "${consumer}" --parallel 2)
run("${consumer}/consumer" "${SOURCE_DIR}/examples/prato/map.json")
set(expected "actors: 67\nrelations: 202\ncomponents: 3\ndrawn nodes: 67\n")
if(NOT last_output STREQUAL expected)
    message(FATAL_ERROR "consumer printed:\n${last_output}\ninstead of:\n${expected}")
endif()

set(library_use "${WORK}/library-use")
run("${CMAKE_COMMAND}" -S "${SOURCE_DIR}/examples/library-use" -B "${library_use}"
    ${configure_options})
run("${CMAKE_COMMAND}" --build "${library_use}")
run("${library_use}/map_summary" "${SOURCE_DIR}/examples/prato/map.json")
if(NOT last_output MATCHES "^Prato .*: 67 actors, 202 relations, 3 components, 2 isolated\n$")
    message(FATAL_ERROR "unexpected output of map_summary: ${last_output}")
endif()

run("${prefix}/bin/stakemap" validate "${SOURCE_DIR}/examples/prato/map.json")
