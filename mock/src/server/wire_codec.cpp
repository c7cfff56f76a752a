#include "server/wire_codec.hpp"

#include <sstream>

namespace pinsmock {

std::string encode_wire_effect(const WireEffect& effect) {
  return std::to_string(effect.delay.count()) + " " +
         std::to_string(static_cast<int>(effect.fault)) + " " +
         std::to_string(effect.body_duration.count());
}

WireEffect take_wire_effect(std::string& answer) {
  WireEffect effect;
  const std::size_t header_end = answer.find("\r\n\r\n");
  if (header_end == std::string::npos)
    return effect;
  const std::string needle = "\r\n" + std::string(kWireEffectHeader) + ": ";
  const std::size_t at = answer.find(needle);
  if (at == std::string::npos || at > header_end)
    return effect;
  const std::size_t value_start = at + needle.size();
  const std::size_t line_end = answer.find("\r\n", value_start);
  std::istringstream in(answer.substr(value_start, line_end - value_start));
  long long delay = 0;
  int fault = 0;
  long long body = 0;
  if (in >> delay >> fault >> body && fault >= 0 &&
      fault <= static_cast<int>(WireEffect::Fault::SlowBody)) {
    effect.delay = std::chrono::milliseconds(delay < 0 ? 0 : delay);
    effect.fault = static_cast<WireEffect::Fault>(fault);
    effect.body_duration = std::chrono::milliseconds(body < 0 ? 0 : body);
  }
  answer.erase(at, line_end - at);
  return effect;
}

} // namespace pinsmock
