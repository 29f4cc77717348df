# Installs stakemap into a fresh prefix, builds examples/library-use against it with
# find_package(stakemap), and runs the program on an example map.
set(prefix "${WORK}/prefix")
set(consumer "${WORK}/consumer")
file(REMOVE_RECURSE "${prefix}" "${consumer}")

function(run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT code EQUAL 0)
        message(FATAL_ERROR "failed (${code}): ${ARGN}\n${out}\n${err}")
    endif()
    set(last_output "${out}" PARENT_SCOPE)
endfunction()

run("${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}")
foreach(installed bin/stakemap include/stakemap/io/map_reader.hpp include/stakemap/version.hpp
                  share/stakemap/vocab/kinds.json share/stakemap/schema/stakemap.schema.json)
    if(NOT EXISTS "${prefix}/${installed}")
        message(FATAL_ERROR "${installed} was not installed")
    endif()
endforeach()
run("${CMAKE_COMMAND}" -S "${SOURCE_DIR}/examples/library-use" -B "${consumer}"
    "-DCMAKE_PREFIX_PATH=${prefix}" -DCMAKE_BUILD_TYPE=Release)
run("${CMAKE_COMMAND}" --build "${consumer}")
run("${consumer}/map_summary" "${SOURCE_DIR}/examples/prato/map.json")
if(NOT last_output MATCHES "^Prato .*: 67 actors, 202 relations, 3 components, 2 isolated\n$")
    message(FATAL_ERROR "unexpected output: ${last_output}")
endif()
run("${prefix}/bin/stakemap" validate "${SOURCE_DIR}/examples/prato/map.json")
