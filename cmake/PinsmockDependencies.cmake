# Every dependency comes from a Debian package; nothing is downloaded.
find_package(Threads REQUIRED)

# Debian's cpp-httplib is a compiled library that ships pkg-config only. Its Cflags carry the
# CPPHTTPLIB_* feature macros the .so was built with: never define them ourselves.
find_package(PkgConfig REQUIRED)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
if(NOT TARGET pinsmock_httplib)
  add_library(pinsmock_httplib INTERFACE)
  target_link_libraries(pinsmock_httplib INTERFACE PkgConfig::HTTPLIB)
  add_library(pinsmock::httplib ALIAS pinsmock_httplib)
endif()

# RapidJSON 1.1.0's config sets RAPIDJSON_INCLUDE_DIRS and creates no target.
find_package(RapidJSON CONFIG REQUIRED)
if(NOT TARGET pinsmock_rapidjson)
  add_library(pinsmock_rapidjson INTERFACE)
  target_include_directories(pinsmock_rapidjson SYSTEM INTERFACE ${RAPIDJSON_INCLUDE_DIRS})
  add_library(pinsmock::rapidjson ALIAS pinsmock_rapidjson)
endif()

# valijson's config exports a target named `valijson` carrying VALIJSON_USE_EXCEPTIONS=1.
find_package(valijson CONFIG REQUIRED)
