include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS stakemap EXPORT stakemapTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/lib/include/stakemap DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${PROJECT_BINARY_DIR}/generated/include/stakemap/version.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/stakemap)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/data/ DESTINATION ${CMAKE_INSTALL_DATADIR}/stakemap)
if(TARGET stakemap_cli)
    install(TARGETS stakemap_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

install(EXPORT stakemapTargets NAMESPACE stakemap::
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/stakemap)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/stakemapConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/stakemapConfig.cmake
                              INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/stakemap)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/stakemapConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/stakemapConfig.cmake ${PROJECT_BINARY_DIR}/stakemapConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/stakemap)
