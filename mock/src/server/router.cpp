#include "server/router.hpp"

#include <algorithm>

namespace pinsmock {
namespace {

std::string escape_regex(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::string_view(".^$|()[]{}*+?\\").find(c) != std::string_view::npos)
      out += '\\';
    out += c;
  }
  return out;
}

} // namespace

Router::Router(const Manifest& manifest) {
  for (const OperationSpec& op : manifest.operations) {
    Route route{std::regex(), {}, &op, 0};
    std::string pattern = "^" + escape_regex(manifest.base_path);
    std::size_t pos = 0;
    const std::string& path = op.path;
    while (pos < path.size()) {
      const std::size_t open = path.find('{', pos);
      if (open == std::string::npos) {
        pattern += escape_regex(path.substr(pos));
        break;
      }
      const std::size_t close = path.find('}', open);
      pattern += escape_regex(path.substr(pos, open - pos)) + "([^/]+)";
      route.param_names.push_back(path.substr(open + 1, close - open - 1));
      pos = close + 1;
    }
    pattern += "/?$";
    route.pattern = std::regex(pattern, std::regex::optimize);
    route.literal_segments =
        static_cast<int>(std::count(path.begin(), path.end(), '/')) -
        static_cast<int>(route.param_names.size());
    routes_.push_back(std::move(route));
  }
  // Fewer parameters first, then more literal segments: the most specific route wins.
  std::stable_sort(routes_.begin(), routes_.end(), [](const Route& a, const Route& b) {
    if (a.param_names.size() != b.param_names.size())
      return a.param_names.size() < b.param_names.size();
    return a.literal_segments > b.literal_segments;
  });
}

RouteMatch Router::match(std::string_view method, const std::string& path) const {
  RouteMatch result;
  const Route* path_match = nullptr;
  std::smatch groups;
  for (const Route& route : routes_) {
    if (!std::regex_match(path, groups, route.pattern))
      continue;
    if (route.operation->method != method) {
      // Remember the most specific path match to answer 405 with its methods.
      if (!path_match || path_match->param_names.size() == route.param_names.size())
        result.allowed_methods.push_back(route.operation->method);
      if (!path_match)
        path_match = &route;
      continue;
    }
    result.outcome = RouteMatch::Outcome::Matched;
    result.operation = route.operation;
    result.allowed_methods.clear(); // other methods seen on the way; only a 405 reports them
    for (std::size_t i = 0; i < route.param_names.size(); ++i)
      result.path_params.emplace_back(route.param_names[i], groups[i + 1].str());
    return result;
  }
  result.outcome =
      path_match ? RouteMatch::Outcome::MethodNotAllowed : RouteMatch::Outcome::NotFound;
  return result;
}

} // namespace pinsmock
