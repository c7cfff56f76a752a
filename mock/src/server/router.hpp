#pragma once
// Manifest paths become ordered regex routes: the only route table (literal segments win over
// parameters, so /pins/analytics is never taken for /pins/{pin_id}).

#include "contract/manifest.hpp"
#include "core/api_types.hpp"

#include <regex>
#include <string>
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
  /// official clients send `GET /v5/pins/`.
  explicit Router(const Manifest& manifest);

  RouteMatch match(std::string_view method, const std::string& path) const;

private:
  struct Route {
    std::regex pattern;
    std::vector<std::string> param_names;
    const OperationSpec* operation;
    int literal_segments;
  };
  std::vector<Route> routes_;
};

} // namespace pinsmock
