// Fuzz target "router": request methods and (percent-decoded) paths against the manifest's routes.
// Input: "METHOD PATH" (a missing space means GET and the whole input is the path).

#include "fuzz_support.hpp"
#include "server/router.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

namespace {

// The path a match stands for: the template with its parameters filled in.
std::string expand(const pinsmock::RouteMatch& match) {
  std::string path = pinsmock::fuzz::manifest().base_path + match.operation->path;
  for (const auto& [name, value] : match.path_params) {
    const std::string placeholder = "{" + name + "}";
    path.replace(path.find(placeholder), placeholder.size(), value);
  }
  return path;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pinsmock;
  using pinsmock::fuzz::fail;
  static const Router router(pinsmock::fuzz::manifest());
  const std::string_view text = pinsmock::fuzz::as_text(data, size);
  const std::size_t space = text.find(' ');
  const std::string_view method = space == std::string_view::npos ? "GET" : text.substr(0, space);
  const std::string_view path = space == std::string_view::npos ? text : text.substr(space + 1);

  const RouteMatch match = router.match(method, path);
  const std::string shown = std::string(method) + " " + std::string(path);
  switch (match.outcome) {
  case RouteMatch::Outcome::Matched: {
    if (!match.operation || match.operation->method != method || !match.allowed_methods.empty())
      fail("a match is not for this method", shown);
    for (const auto& [name, value] : match.path_params)
      if (value.empty() || value.find('/') != std::string::npos)
        fail("a path parameter is not one segment", shown);
    const std::string expanded = expand(match);
    if (path != expanded && path != expanded + "/")
      fail("a match does not stand for the path it matched", shown + " vs " + expanded);
    break;
  }
  case RouteMatch::Outcome::MethodNotAllowed:
    if (match.operation || match.allowed_methods.empty() ||
        std::find(match.allowed_methods.begin(), match.allowed_methods.end(), method) !=
            match.allowed_methods.end())
      fail("a 405 does not list other methods only", shown);
    break;
  case RouteMatch::Outcome::NotFound:
    if (match.operation || !match.allowed_methods.empty())
      fail("a 404 carries a match", shown);
    break;
  }
  return 0;
}
