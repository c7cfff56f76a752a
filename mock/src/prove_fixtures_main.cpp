// pinsmock_prove_fixtures: a build step. Checks the fixtures built into pinsmock_core against the
// contracts built into it, with every check the loader has (fixtures/built_in_proof.hpp); a
// failure fails the build, so the program may skip checking its built-in pins at start.
#include "fixtures/built_in_proof.hpp"
#include "pinsmock/startup_error.hpp"

#include <iostream>

int main() {
  try {
    pinsmock::prove_fixtures(pinsmock::FileSource::embedded("fixtures/default/"),
                             pinsmock::FileSource::embedded("contracts/"));
  } catch (const pinsmock::StartupError& e) {
    std::cerr << "the built-in fixtures break the built-in contracts: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
