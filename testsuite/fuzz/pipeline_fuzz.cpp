// Fuzz target "pipeline": requests, above all JSON bodies, through the whole pipeline in-process
// (route, authenticate, validate, handler, response check, journal), as the server runs them.
// Input: up to 8 requests in the corpus text form (fuzz_support.hpp), e.g. "POST /v5/pins" and a
// body, then "---" and "PATCH /v5/pins/1300000000000000001" and a body, on a world reset to the default fixtures.

#include "fuzz_support.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pinsmock::fuzz;
  static World world;
  world.reset();
  for (const pinsmock::HttpRequest& request : parse_requests(as_text(data, size)))
    check_answer(request, world.pipeline.handle(request));
  check_no_internal_errors(world.pipeline);
  return 0;
}
