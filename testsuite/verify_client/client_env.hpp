#pragma once
// The coordinates verify-client hands to a client, read from the environment.

#include <cstdlib>
#include <string>

namespace pinsmock::test {

inline std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

} // namespace pinsmock::test
