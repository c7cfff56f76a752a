#include "control/fault_action.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace pinsmock {
namespace {

constexpr std::array<std::pair<FaultKind, std::string_view>, 5> kFaultNames = {{
    {FaultKind::ConnectionReset, "connection_reset"},
    {FaultKind::EmptyResponse, "empty_response"},
    {FaultKind::TruncatedBody, "truncated_body"},
    {FaultKind::MalformedBody, "malformed_body"},
    {FaultKind::SlowBody, "slow_body"},
}};

} // namespace

std::optional<FaultKind> parse_fault_kind(std::string_view name) {
  for (const auto& [kind, text] : kFaultNames)
    if (text == name)
      return kind;
  return std::nullopt;
}

std::string_view to_string(FaultKind kind) {
  for (const auto& [k, text] : kFaultNames)
    if (k == kind)
      return text;
  return "";
}

std::string fault_kind_names() {
  std::string out;
  for (const auto& [kind, text] : kFaultNames)
    out += (out.empty() ? "" : ", ") + std::string(text);
  return out;
}

std::int64_t DelaySpec::sample(std::mt19937_64& random, std::int64_t cap_ms) const {
  std::int64_t ms = 0;
  switch (kind) {
  case Kind::None:
    break;
  case Kind::Fixed:
    ms = fixed_ms;
    break;
  case Kind::Uniform:
    ms = std::uniform_int_distribution<std::int64_t>(min_ms, max_ms)(random);
    break;
  case Kind::Lognormal: {
    const double draw = std::lognormal_distribution<double>(std::log(median_ms), sigma)(random);
    ms = static_cast<std::int64_t>(std::llround(std::min(draw, 1e12)));
    if (max_ms > 0)
      ms = std::min(ms, max_ms);
    break;
  }
  }
  return std::clamp<std::int64_t>(ms, 0, cap_ms);
}

json::Value DelaySpec::to_json(json::Allocator& a) const {
  json::Value out(rapidjson::kObjectType);
  switch (kind) {
  case Kind::None:
    return json::Value(rapidjson::kNullType);
  case Kind::Fixed:
    return json::Value(static_cast<std::int64_t>(fixed_ms));
  case Kind::Uniform:
    out.AddMember("distribution", "uniform", a);
    out.AddMember("min_ms", static_cast<std::int64_t>(min_ms), a);
    out.AddMember("max_ms", static_cast<std::int64_t>(max_ms), a);
    break;
  case Kind::Lognormal:
    out.AddMember("distribution", "lognormal", a);
    out.AddMember("median_ms", median_ms, a);
    out.AddMember("sigma", sigma, a);
    if (max_ms > 0)
      out.AddMember("max_ms", static_cast<std::int64_t>(max_ms), a);
    break;
  }
  return out;
}

bool FaultAction::runs_handler() const {
  if (when == When::After)
    return true;
  // Without a forced status these deliver the real answer badly, so there must be one.
  return !status && (fault == FaultKind::TruncatedBody || fault == FaultKind::SlowBody);
}

} // namespace pinsmock
