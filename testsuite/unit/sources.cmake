# Unit test sources (listed, not globbed: the list is the table of contents).
set(PINSMOCK_UNIT_TEST_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/api/analytics_test.cpp
)
