#pragma once
// Manifest paths become ordered segment routes: the only route table (literal segments win over
// parameters, so /pins/analytics is never taken for /pins/{pin_id}). Plain segment comparison, no
// regex: manifest paths are literal segments and whole-segment {params}, and matching stays linear
// in the path's length whatever a client sends.

#include "contract/manifest.hpp"
#include "core/api_types.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace pinsmock {

struct RouteMatch {
  enum class Outcome { Matched, NotFound, MethodNotAllowed };
  Outcome outcome = Outcome::NotFound;
  const OperationSpec* operation = nullptr;
  Headers path_params; // name -> raw (percent-decoded) segment
  std::vector<std::string> allowed_methods; // for 405
};

class Router {
public:
  /// Routes for every operation, below `manifest.base_path`. A trailing slash is accepted, as
  /// official clients send `GET /v5/pins/`. Throws StartupError when a path template has a
  /// parameter that is not a whole segment (e.g. "/pins/{id}.json").
  explicit Router(const Manifest& manifest);

  RouteMatch match(std::string_view method, std::string_view path) const;

private:
  struct Segment {
    std::string text; // the literal, or the parameter's name
    bool is_param;
  };
  struct Route {
    std::vector<Segment> segments;
    std::size_t param_count;
    const OperationSpec* operation;
    int literal_segments;
  };
  std::vector<Route> routes_;
};

} // namespace pinsmock
