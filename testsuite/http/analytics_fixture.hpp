#pragma once
// Shared by the analytics [http] tests: the mock's today, query building, JSON navigation.

#include "http/http_fixture.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace pinsmock::test::analytics {

using pinsmock::ServerOptions;
using pinsmock::json::Value;

// The mock's today in these tests: the 90-day window is 2026-08-30 .. 2026-11-28.
inline ServerOptions analytics_options(std::uint64_t seed = 1) {
  ServerOptions options = test_options(seed);
  options.today = "2026-11-28";
  return options;
}

inline Query window(const std::string& start, const std::string& end, const std::string& metrics,
                    const Query& extra = {}) {
  Query query{{"start_date", start}, {"end_date", end}, {"metric_types", metrics}};
  query.insert(query.end(), extra.begin(), extra.end());
  return query;
}

inline const Value& at(const ApiResult& result, std::string_view path) {
  const Value* v = json_at(result.json, path);
  if (!v)
    FAIL("no " << std::string(path) << " in " << result.body.substr(0, 1024));
  return *v;
}

// A metric's value as a number (-1 when absent).
inline double num(const Value& object, const char* key) {
  const Value* v = pinsmock::json::find(object, key);
  return v && v->IsNumber() ? v->GetDouble() : -1;
}

inline std::vector<std::string> member_names(const Value& object) {
  std::vector<std::string> names;
  for (const auto& m : object.GetObject())
    names.emplace_back(m.name.GetString());
  return names;
}

inline std::string message(const ApiResult& result) { return str_at(result.json, "message"); }

} // namespace pinsmock::test::analytics
