#pragma once
// has_shape(text, "DDDD-DD-DD"): a layout check for ids and timestamps without std::regex (which
// trips g++ 12's -Wmaybe-uninitialized inside libstdc++ under the sanitizers).

#include <cstddef>
#include <string_view>

namespace pinsmock::test {

/// True when `text` has the layout of `shape`: 'D' stands for one ASCII digit, anything else for
/// itself.
inline bool has_shape(std::string_view text, std::string_view shape) {
  if (text.size() != shape.size())
    return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool ok = shape[i] == 'D' ? (text[i] >= '0' && text[i] <= '9') : text[i] == shape[i];
    if (!ok)
      return false;
  }
  return true;
}

} // namespace pinsmock::test
