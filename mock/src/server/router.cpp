#include "server/router.hpp"

#include "pinsmock/startup_error.hpp"

#include <algorithm>

namespace pinsmock {
namespace {

// "/a/b/" -> {"a", "b", ""}: the text after each '/'. A path not starting with '/' has none.
std::vector<std::string_view> split_segments(std::string_view path) {
  std::vector<std::string_view> segments;
  if (path.empty() || path.front() != '/')
    return segments;
  std::size_t start = 1;
  while (true) {
    const std::size_t slash = path.find('/', start);
    segments.push_back(path.substr(start, slash == std::string_view::npos ? slash : slash - start));
    if (slash == std::string_view::npos)
      break;
    start = slash + 1;
  }
  return segments;
}

} // namespace

Router::Router(const Manifest& manifest) {
  for (const OperationSpec& op : manifest.operations) {
    Route route{{}, 0, &op, 0};
    const std::string full = manifest.base_path + op.path;
    if (full.empty() || full.front() != '/')
      throw StartupError("manifest: " + op.id + ": path '" + full + "' does not start with '/'");
    for (std::string_view segment : split_segments(full)) {
      const bool is_param = segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
      if (!is_param && segment.find_first_of("{}") != std::string_view::npos)
        throw StartupError("manifest: " + op.id + ": path '" + full +
                           "': a parameter must be a whole segment");
      if (is_param)
        segment = segment.substr(1, segment.size() - 2);
      route.segments.push_back({std::string(segment), is_param});
      if (is_param)
        ++route.param_count;
      else
        ++route.literal_segments;
    }
    routes_.push_back(std::move(route));
  }
  // Fewer parameters first, then more literal segments: the most specific route wins.
  std::stable_sort(routes_.begin(), routes_.end(), [](const Route& a, const Route& b) {
    if (a.param_count != b.param_count)
      return a.param_count < b.param_count;
    return a.literal_segments > b.literal_segments;
  });
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
  // One trailing slash is allowed ("/v5/pins/"); "/v5/pins//" keeps an empty segment and fails.
  if (path.size() > 1 && path.back() == '/')
    path.remove_suffix(1);
  const std::vector<std::string_view> segments = split_segments(path);

  RouteMatch result;
  const Route* path_match = nullptr;
  for (const Route& route : routes_) {
    if (route.segments.size() != segments.size())
      continue;
    bool same_path = true;
    for (std::size_t i = 0; i < segments.size() && same_path; ++i) {
      const Segment& expected = route.segments[i];
      same_path = expected.is_param ? !segments[i].empty() : segments[i] == expected.text;
    }
    if (!same_path)
      continue;
    if (route.operation->method != method) {
      // Remember the most specific path match to answer 405 with its methods.
      if (!path_match || path_match->param_count == route.param_count)
        result.allowed_methods.push_back(route.operation->method);
      if (!path_match)
        path_match = &route;
      continue;
    }
    result.outcome = RouteMatch::Outcome::Matched;
    result.operation = route.operation;
    result.allowed_methods.clear(); // other methods seen on the way; only a 405 reports them
    for (std::size_t i = 0; i < segments.size(); ++i)
      if (route.segments[i].is_param)
        result.path_params.emplace_back(route.segments[i].text, std::string(segments[i]));
    return result;
  }
  result.outcome =
      path_match ? RouteMatch::Outcome::MethodNotAllowed : RouteMatch::Outcome::NotFound;
  return result;
}

} // namespace pinsmock
