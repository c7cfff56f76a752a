# `./dev package` (cpack -G DEB): build/pins-mock_<version>_amd64.deb with the programs and the
# built-in data (the runtime component). Its Depends are the Debian runtime packages the binaries
# load, found by dpkg-shlibdeps (dpkg-dev) rather than listed by hand.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME pins-mock)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "pins-mock")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Mock server and contract tests for the Pinterest API v5 Pins endpoints")
set(CPACK_PACKAGE_DESCRIPTION
    "pins-mock serves the Pinterest API v5 Pins endpoints from memory, checks requests and its own answers against the API's contracts, and simulates failures; pins-contract runs the contract suite against any base URL.")
set(CPACK_PACKAGE_CONTACT "pins-mock maintainers <pins-mock@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_OUTPUT_FILE_PREFIX ${PROJECT_BINARY_DIR})
# Only the runtime component: headers and the static library are for `cmake --install`.
set(CPACK_INSTALL_CMAKE_PROJECTS "${PROJECT_BINARY_DIR};pins-mock;runtime;/")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # pins-mock_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)
include(CPack)
