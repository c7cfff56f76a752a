#include "server/violation_header.hpp"

namespace pinsmock {

void add_violation_header(HttpResponse& response, const std::vector<RecordedViolation>& violations) {
  if (violations.empty())
    return;
  for (const auto& [name, value] : response.headers)
    if (name == "X-Pinsmock-Violations")
      return; // already summarized (proxy mode: both directions)
  const RecordedViolation& v = violations.front();
  std::string text =
      "request " + v.location + ": " + v.rule + (v.value.empty() ? "" : " (value: " + v.value + ")");
  for (char& c : text)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f)
      c = '?'; // a header value stays one line of ASCII
  response.headers.emplace_back("X-Pinsmock-Violations", text.substr(0, kViolationHeaderLimit));
}

} // namespace pinsmock
