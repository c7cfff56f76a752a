#include "core/api_types.hpp"

#include <algorithm>
#include <cctype>

namespace pinsmock {

std::optional<std::string> HttpRequest::header(std::string_view name) const {
  auto same = [&](const std::string& key) {
    return key.size() == name.size() &&
           std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
             return std::tolower(static_cast<unsigned char>(a)) ==
                    std::tolower(static_cast<unsigned char>(b));
           });
  };
  for (const auto& [key, value] : headers)
    if (same(key))
      return value;
  return std::nullopt;
}

bool Principal::has_scope(std::string_view scope) const {
  return std::find(scopes.begin(), scopes.end(), scope) != scopes.end();
}

} // namespace pinsmock
