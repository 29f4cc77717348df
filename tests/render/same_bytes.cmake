# Renders the same map twice in two runs and checks that the files are byte-identical, for each
# format given (DOT and SVG), and that a failing run leaves no file behind.
# PREFIX names the files written in WORK (default same-bytes), so that two such tests may run at
# once.
if(NOT DEFINED PREFIX)
    set(PREFIX same-bytes)
endif()
# A first run may build the font cache (fontconfig) after fonts were installed, and measure text
# differently from the runs that find the cache: warm it up first.
execute_process(COMMAND "${EXE}" render "${MAP}" -o "${WORK}/${PREFIX}-warm-up.svg" ${ARGS}
                OUTPUT_QUIET ERROR_QUIET)
foreach(format IN ITEMS dot svg)
    foreach(run IN ITEMS 1 2)
        set(out "${WORK}/${PREFIX}-${run}.${format}")
        file(REMOVE "${out}")
        execute_process(COMMAND "${EXE}" render "${MAP}" -o "${out}" ${ARGS} RESULT_VARIABLE code
                        ERROR_VARIABLE err)
        if(NOT code EQUAL 0)
            message(FATAL_ERROR "render failed (${code}): ${err}")
        endif()
    endforeach()
    file(READ "${WORK}/${PREFIX}-1.${format}" first)
    file(READ "${WORK}/${PREFIX}-2.${format}" second)
    if(NOT first STREQUAL second)
        message(FATAL_ERROR "two runs gave different ${format} files")
    endif()
endforeach()
