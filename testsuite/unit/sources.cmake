# Unit test sources (listed, not globbed: the list is the table of contents).
# One file per module, mirroring mock/src. Shared set-up (headers): unit_world.hpp (contracts,
# fixtures, a fresh store/ids/clock), temp_dir.hpp, catch_optional.hpp.
set(PINSMOCK_UNIT_TEST_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/core/error_catalog_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/core/error_catalog_readme_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/core/json_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/core/json_limits_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/core/utf8_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/core/pattern_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/contract/manifest_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/contract/contract_registry_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/contract/query_coercion_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/contract/string_checks_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/core/json_location_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/docs/docs_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/contract/unknown_fields_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/store/pin_store_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/store/bookmark_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/store/id_source_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/control/clock_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/control/state_saver_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/control/fault_rules_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/control/prefer_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/control/rate_limiter_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/fixtures/fixtures_conform_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/fixtures/fixture_items_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/api/pin_json_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/api/handlers_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/api/analytics_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/server/request_framing_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/server/router_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/server/wire_delivery_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/server/pipeline_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/server/fault_stage_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/server/cors_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/record/recorder_test.cpp
)
