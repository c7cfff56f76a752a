# HTTP test sources (listed, not globbed).
set(PINSMOCK_HTTP_TEST_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/analytics_test.cpp
)
