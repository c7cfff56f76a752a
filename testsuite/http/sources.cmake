# HTTP test sources (listed, not globbed).
set(PINSMOCK_HTTP_TEST_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/analytics_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/admin_api_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/auth_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/business_access_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/concurrency_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/determinism_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/mock_server_lifecycle_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pins_create_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pins_get_update_delete_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pins_list_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pins_save_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/routing_errors_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tolerance_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/validation_errors_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/journal_test.cpp
)
