# `cmake --install` (README "Install and embed"): the programs and the built-in data (component
# runtime, what the .deb ships), the library, headers, CMake package and pkg-config file
# (component development). A project embedding us with add_subdirectory installs none of this.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(PINSMOCK_DATADIR ${CMAKE_INSTALL_DATADIR}/pinsmock)
set(PINSMOCK_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/pinsmock)

install(TARGETS pins-mock RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
# The same contracts and fixtures the binary embeds, as files to read or copy and edit
# (--contracts, --fixtures), with the example fault scripts and request bodies.
install(DIRECTORY contracts/overrides contracts/schemas
        DESTINATION ${PINSMOCK_DATADIR}/contracts COMPONENT runtime)
install(FILES contracts/manifest.json contracts/README.md
        DESTINATION ${PINSMOCK_DATADIR}/contracts COMPONENT runtime)
install(DIRECTORY fixtures/default fixtures/faults fixtures/requests
        DESTINATION ${PINSMOCK_DATADIR}/fixtures COMPONENT runtime)
install(FILES fixtures/README.md DESTINATION ${PINSMOCK_DATADIR}/fixtures COMPONENT runtime)

# Installed as libpinsmock.a and pinsmock::core (pinsmock::httplib and ::rapidjson carry its
# dependencies' usage requirements).
set(PINSMOCK_LIBRARY_NAME pinsmock)
set_target_properties(pinsmock_core PROPERTIES OUTPUT_NAME ${PINSMOCK_LIBRARY_NAME} EXPORT_NAME core)
set_target_properties(pinsmock_httplib PROPERTIES EXPORT_NAME httplib)
set_target_properties(pinsmock_rapidjson PROPERTIES EXPORT_NAME rapidjson)
install(TARGETS pinsmock_core pinsmock_httplib pinsmock_rapidjson EXPORT pinsmockTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY mock/include/pinsmock DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        COMPONENT development)
install(EXPORT pinsmockTargets NAMESPACE pinsmock:: DESTINATION ${PINSMOCK_CMAKEDIR}
        COMPONENT development)
configure_package_config_file(cmake/pinsmockConfig.cmake.in
  ${PROJECT_BINARY_DIR}/pinsmockConfig.cmake
  INSTALL_DESTINATION ${PINSMOCK_CMAKEDIR}
  PATH_VARS PINSMOCK_DATADIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/pinsmockConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/pinsmockConfig.cmake
              ${PROJECT_BINARY_DIR}/pinsmockConfigVersion.cmake
        DESTINATION ${PINSMOCK_CMAKEDIR} COMPONENT development)
# The prefix is written at install time: `cmake --install --prefix DIR` gets DIR's paths.
set(PINSMOCK_PC_PREFIX "@PINSMOCK_PC_PREFIX@") # kept as a placeholder until then
configure_file(cmake/pinsmock.pc.in ${PROJECT_BINARY_DIR}/pinsmock.pc.in @ONLY)
install(CODE "set(PINSMOCK_PC_PREFIX \"\${CMAKE_INSTALL_PREFIX}\")
  configure_file(\"${PROJECT_BINARY_DIR}/pinsmock.pc.in\" \"${PROJECT_BINARY_DIR}/pinsmock.pc\" @ONLY)"
  COMPONENT development)
install(FILES ${PROJECT_BINARY_DIR}/pinsmock.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT development)
