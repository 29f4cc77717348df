# Warnings are set per target (never globally) so third-party code is not affected.
function(stakemap_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                             -Wsign-conversion -Wimplicit-fallthrough
                                             -Wnon-virtual-dtor -Wold-style-cast
                                             # Options are C++20 aggregates filled with designated
                                             # initialisers; leaving fields at their defaults is
                                             # the point, not a mistake.
                                             -Wno-missing-field-initializers)
    if(STAKEMAP_WARNINGS_AS_ERRORS)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()
