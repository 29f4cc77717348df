# Warnings are set per target (never globally) so third-party code is not affected.
function(stakemap_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                             -Wsign-conversion -Wimplicit-fallthrough
                                             -Wnon-virtual-dtor -Wold-style-cast)
    if(STAKEMAP_WARNINGS_AS_ERRORS)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()
