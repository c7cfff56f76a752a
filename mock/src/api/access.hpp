#pragma once
// Who may see and change which pins and boards: ownership, board privacy and Business Access.
// Every handler asks here instead of repeating the rules.

#include "api/services.hpp"
#include "core/api_types.hpp"
#include "pinsmock/result.hpp"

#include <string_view>

namespace pinsmock {

/// The scopes that pins on secret boards need on top of the operation's own.
constexpr std::string_view kReadSecretScope = "pins:read_secret";
constexpr std::string_view kWriteSecretScope = "pins:write_secret";

/// What the caller wants to do with a pin.
enum class PinAccess {
  Read,   // get, and the source of a save: public pins of others are readable
  Write,  // update, delete: only the operation user's own pins
  Report, // analytics: own pins only (403 for others' visible pins)
};

/// The pin named by the `pin_id` parameter if the principal may access it this way: 404 code 50
/// when it does not exist or is hidden from them, 403 code 29 when visible but not theirs to
/// change, or when their Business Access role does not cover the board's privacy.
Result<PinPtr> find_accessible_pin(const ApiRequest& request, Services& services,
                                      PinAccess access);

/// Same rules for an explicit pin id (multi-pin analytics).
Result<PinPtr> find_accessible_pin(const Principal& principal, const std::string& pin_id,
                                      Services& services, PinAccess access);

/// A board the operation user may put pins on, with the section checked when given: 404 code 40
/// for a missing (or someone else's secret) board, 403 code 29 for another user's board, 404 code
/// 2031 for a section that is not on this board.
Result<const Board*> find_writable_board(const Principal& principal, const Services& services,
                                         const std::string& board_id,
                                         const std::optional<std::string>& section_id,
                                         const std::string& board_pointer);

/// True when the principal's Business Access role (if acting for another user) covers boards of
/// this privacy for the current operation.
bool role_covers(const Principal& principal, BoardPrivacy privacy);

} // namespace pinsmock
