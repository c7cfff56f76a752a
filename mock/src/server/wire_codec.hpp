#pragma once
// How a WireEffect travels from the dispatch lambda to the connection that delivers the answer:
// as an internal response header that the connection removes before a byte is sent. The answer
// is serialized into memory first (server/connection.cpp), so the header never reaches a client,
// and no state is shared between the handler and the connection beyond the answer itself.

#include "core/api_types.hpp"

#include <string>
#include <string_view>

namespace pinsmock {

/// The internal header's name (never sent).
inline constexpr std::string_view kWireEffectHeader = "X-Pinsmock-Internal-Wire";

/// The header value for an effect: "<delay ms> <fault> <body ms>".
std::string encode_wire_effect(const WireEffect& effect);

/// Removes the internal header from a serialized answer and returns its effect (plain when the
/// answer carries none).
WireEffect take_wire_effect(std::string& answer);

} // namespace pinsmock
