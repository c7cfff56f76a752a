// Fuzz target "admin": /__admin requests (paths, methods, query, bodies) mixed with API requests
// that fill the journal, violations and coverage; then every admin report is read back and must
// still be well-formed JSON whatever was recorded.
// Input: up to 8 requests in the corpus text form (fuzz_support.hpp).

#include "fuzz_support.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pinsmock::fuzz;
  static World world;
  world.reset();
  for (const pinsmock::HttpRequest& request : parse_requests(as_text(data, size)))
    check_answer(request, world.pipeline.handle(request));
  for (const char* report : {"/__admin/requests", "/__admin/violations", "/__admin/coverage",
                             "/__admin/health"}) {
    pinsmock::HttpRequest read;
    read.method = "GET";
    read.path = report;
    const pinsmock::HttpResponse response = world.pipeline.handle(read);
    if (response.status != 200)
      fail("an admin report does not answer 200", read.path + " -> " + response.body);
    check_answer(read, response);
  }
  check_no_internal_errors(world.pipeline);
  return 0;
}
