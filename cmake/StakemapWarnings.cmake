# Warnings are set per target (never globally) so third-party code is not affected.
function(stakemap_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                             -Wsign-conversion -Wimplicit-fallthrough
                                             -Wnon-virtual-dtor -Wold-style-cast
                                             # Options are C++20 aggregates filled with designated
                                             # initialisers; leaving fields at their defaults is
                                             # the point, not a mistake.
                                             -Wno-missing-field-initializers)
    # GCC 12 reports -Wrestrict inside libstdc++ for `"text" + std::string` at -O2 (GCC bug
    # 105329), a false positive that would fail every warnings-as-errors build.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
        target_compile_options(${target} PRIVATE -Wno-restrict)
    endif()
    if(STAKEMAP_WARNINGS_AS_ERRORS)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()
