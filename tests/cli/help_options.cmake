# A command's --help against docs/cli.md, and its example run for real:
#   cmake -DEXE=… -DCOMMAND=name -DDOCS=docs/cli.md -DWORK=dir [-DANALYSIS=ON] -P help_options.cmake
# (run from the source folder, where the example's paths lead).
#
# 1. The options of `stakemap COMMAND --help` are exactly those of the `$ stakemap COMMAND --help`
#    block of docs/cli.md: an option the command accepts that the docs do not show, or one the docs
#    show that the command no longer has, fails.
# 2. Every option of the table "Options every command takes" of docs/cli.md is in the help, and with
#    ANALYSIS=ON every option of the table "Commands that analyse the network also take".
# 3. The help has an "Example:" line, the same as the docs', and that command runs with exit code 0
#    (its -o FILE, if any, redirected into WORK and checked to be written).
# 4. Every default is shown as a user would type it: "(=0.9)", not the nearest double printed to 17
#    digits, "(=0.90000000000000002)", which Boost.Program_options writes for a bare 0.9.

cmake_policy(VERSION 3.22)

unset(ENV{LANGUAGE})
unset(ENV{LC_MESSAGES})
unset(ENV{LANG})
set(ENV{LC_ALL} "C")

set(failures "")

# The lines of `text` as a list. ';' and brackets would split or join list elements: they become
# ',' and parentheses ("-h ( --help )"), which changes no option name.
function(lines_of text out_var)
    string(REPLACE ";" "," text "${text}")
    string(REPLACE "[" "(" text "${text}")
    string(REPLACE "]" ")" text "${text}")
    string(REPLACE "\n" ";" lines "${text}")
    set(${out_var} "${lines}" PARENT_SCOPE)
endfunction()

# The long names of the options in Boost.Program_options' help layout: "  --name arg  text" or
# "  -o [ --output ] arg  text" at two spaces of indent (wrapped descriptions are indented deeper).
function(options_in text out_var)
    set(names "")
    lines_of("${text}" lines)
    foreach(line IN LISTS lines)
        if(line MATCHES "^  (-[A-Za-z] \\( )?--([a-z0-9][a-z0-9-]*)")
            list(APPEND names "--${CMAKE_MATCH_2}")
        endif()
    endforeach()
    list(SORT names)
    set(${out_var} "${names}" PARENT_SCOPE)
endfunction()

# The line after "Example:" in a help text, without its indent.
function(example_in text out_var)
    set(example "")
    string(REGEX MATCH "\nExample:\n  ([^\n]*)" found "${text}")
    if(found)
        set(example "${CMAKE_MATCH_1}")
    endif()
    set(${out_var} "${example}" PARENT_SCOPE)
endfunction()

# The options named in the first column of the Markdown table that follows `heading` in the docs.
function(table_options docs heading out_var)
    set(names "")
    string(FIND "${docs}" "${heading}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "docs/cli.md has no \"${heading}\"")
    endif()
    string(SUBSTRING "${docs}" ${at} -1 rest)
    lines_of("${rest}" lines)
    set(in_table FALSE)
    foreach(line IN LISTS lines)
        if(line MATCHES "^\\|")
            set(in_table TRUE)
            # The first cell, "`-o FILE`, `--output FILE`": every --name in it. (A value list such
            # as `--format json\|csv` ends the match at its escaped pipe, after the name.)
            string(REGEX MATCH "^\\| [^|]*" first_cell "${line}")
            string(REGEX MATCHALL "--[a-z0-9][a-z0-9-]*" found "${first_cell}")
            list(APPEND names ${found})
        elseif(in_table)
            break()
        endif()
    endforeach()
    set(${out_var} "${names}" PARENT_SCOPE)
endfunction()

execute_process(COMMAND "${EXE}" ${COMMAND} --help RESULT_VARIABLE code OUTPUT_VARIABLE help
                ERROR_VARIABLE err)
if(NOT code EQUAL 0)
    message(FATAL_ERROR "stakemap ${COMMAND} --help: exit code ${code}\n${err}")
endif()
options_in("${help}" help_options)
if(NOT help_options)
    message(FATAL_ERROR "stakemap ${COMMAND} --help lists no option:\n${help}")
endif()

# 1. The docs' copy of the help.
file(READ "${DOCS}" docs)
set(marker "$ stakemap ${COMMAND} --help\n")
string(FIND "${docs}" "${marker}" at)
if(at EQUAL -1)
    message(FATAL_ERROR "${DOCS} has no \"$ stakemap ${COMMAND} --help\" block")
endif()
string(LENGTH "${marker}" marker_length)
math(EXPR block_start "${at} + ${marker_length}")
string(SUBSTRING "${docs}" ${block_start} -1 block)
string(FIND "${block}" "\n```" block_end)
string(SUBSTRING "${block}" 0 ${block_end} block)
options_in("${block}" docs_options)
foreach(option IN LISTS help_options)
    if(NOT option IN_LIST docs_options)
        string(APPEND failures
               "${option}: accepted by `stakemap ${COMMAND}` but missing from its help in ${DOCS}\n")
    endif()
endforeach()
foreach(option IN LISTS docs_options)
    if(NOT option IN_LIST help_options)
        string(APPEND failures
               "${option}: in the help of `stakemap ${COMMAND}` in ${DOCS}, not accepted by it\n")
    endif()
endforeach()

# 2. The options every command takes, and those of the commands that analyse the network.
table_options("${docs}" "## Options every command takes" common_options)
set(required ${common_options})
if(NOT "${COMMAND}" STREQUAL "report")
    table_options("${docs}" "Every command but `report`" format_options)
    list(APPEND required ${format_options})
endif()
if(ANALYSIS)
    table_options("${docs}" "Commands that analyse the network also take" analysis_options)
    list(APPEND required ${analysis_options})
endif()
list(LENGTH common_options common_count)
if(common_count LESS 4)
    message(FATAL_ERROR "read only ${common_count} common options from ${DOCS}: ${common_options}")
endif()
foreach(option IN LISTS required)
    if(NOT option IN_LIST help_options)
        string(APPEND failures "${option}: every such command takes it (${DOCS}), "
                               "`stakemap ${COMMAND} --help` does not list it\n")
    endif()
endforeach()

# 3. The example: present, the same in the docs, and it runs.
example_in("${help}" example)
example_in("\n${block}" docs_example)
if(example STREQUAL "")
    string(APPEND failures "no \"Example:\" line in `stakemap ${COMMAND} --help`\n")
elseif(NOT example MATCHES "^stakemap ${COMMAND} ")
    string(APPEND failures "the example does not run `stakemap ${COMMAND}`: ${example}\n")
else()
    if(NOT example STREQUAL docs_example)
        string(APPEND failures "the example differs from ${DOCS}:\n  help: ${example}\n"
                               "  docs: ${docs_example}\n")
    endif()
    separate_arguments(arguments UNIX_COMMAND "${example}")
    list(REMOVE_AT arguments 0)
    # -o FILE goes to WORK, so that the example does not write into the source folder.
    set(output "")
    list(LENGTH arguments count)
    set(run_arguments "")
    set(i 0)
    while(i LESS count)
        list(GET arguments ${i} argument)
        list(APPEND run_arguments "${argument}")
        if(argument STREQUAL "-o" OR argument STREQUAL "--output")
            math(EXPR i "${i} + 1")
            list(GET arguments ${i} file_name)
            get_filename_component(file_name "${file_name}" NAME)
            set(output "${WORK}/help-example-${COMMAND}-${file_name}")
            list(APPEND run_arguments "${output}")
        endif()
        math(EXPR i "${i} + 1")
    endwhile()
    if(output)
        file(REMOVE "${output}")
    endif()
    execute_process(COMMAND "${EXE}" ${run_arguments} RESULT_VARIABLE code OUTPUT_VARIABLE out
                    ERROR_VARIABLE err)
    if(NOT code EQUAL 0)
        string(APPEND failures "the example exits with ${code}: ${example}\n${err}\n")
    elseif(output AND NOT EXISTS "${output}")
        string(APPEND failures "the example wrote no ${output}\n")
    elseif(NOT output AND out STREQUAL "")
        string(APPEND failures "the example printed nothing: ${example}\n")
    endif()
endif()

# 4. Defaults as typed.
string(REGEX MATCHALL "\\(=[-+0-9.eE]*[0-9]\\.[0-9]*(0000000|9999999)[0-9]*([eE][-+]?[0-9]+)?\\)"
       long_defaults "${help}")
foreach(default IN LISTS long_defaults)
    string(APPEND failures "a default shown with all its binary digits, ${default}: give "
                           "default_value() the text to show\n")
endforeach()

if(NOT failures STREQUAL "")
    message(FATAL_ERROR "stakemap ${COMMAND} --help:\n${failures}--- help ---\n${help}")
endif()
list(LENGTH help_options option_count)
message(STATUS "stakemap ${COMMAND}: ${option_count} options, as documented; example ran")
