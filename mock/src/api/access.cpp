#include "api/access.hpp"

#include <algorithm>

namespace pinsmock {

bool role_covers(const Principal& principal, BoardPrivacy privacy) {
  if (!principal.role)
    return true;
  const auto& roles = privacy == BoardPrivacy::Secret ? principal.allowed_roles.secret_roles
                                                      : principal.allowed_roles.public_roles;
  return std::find(roles.begin(), roles.end(), *principal.role) != roles.end();
}

Result<PinPtr> find_accessible_pin(const Principal& principal, const std::string& pin_id,
                                      Services& services, PinAccess access) {
  PinPtr pin = services.store.find(pin_id);
  if (!pin)
    return ApiError{ErrorId::PinNotFound, "", "pin_id"};
  const Board* board = services.fixtures.board(pin->board_id);
  const BoardPrivacy privacy = board ? board->privacy : BoardPrivacy::Public;
  if (pin->owner != principal.operation_user) {
    // Others' pins exist for us only on public boards ("any public Pin can be saved").
    if (privacy != BoardPrivacy::Public)
      return ApiError{ErrorId::PinNotFound, "", "pin_id"};
    if (access != PinAccess::Read)
      return ApiError{ErrorId::NotPermitted, "", "pin_id"};
    return pin;
  }
  if (!role_covers(principal, privacy))
    return ApiError{ErrorId::NotPermitted, "", "ad_account_id"};
  // Secret boards need the *_secret scopes (API-NOTES.md section 6): without the read scope the
  // pin does not exist for the token; without the write scope it cannot be changed.
  if (privacy == BoardPrivacy::Secret) {
    if (!principal.has_scope(kReadSecretScope))
      return ApiError{ErrorId::PinNotFound, "", "pin_id"};
    if (access == PinAccess::Write && !principal.has_scope(kWriteSecretScope))
      return ApiError{ErrorId::InsufficientScope, "", "Authorization"};
  }
  return pin;
}

Result<PinPtr> find_accessible_pin(const ApiRequest& request, Services& services,
                                      PinAccess access) {
  auto pin_id = json::get_string(request.params, "pin_id");
  return find_accessible_pin(request.principal, std::string(pin_id.value_or("")), services,
                             access);
}

Result<const Board*> find_writable_board(const Principal& principal, const Services& services,
                                         const std::string& board_id,
                                         const std::optional<std::string>& section_id,
                                         const std::string& board_pointer) {
  const Board* board = services.fixtures.board(board_id);
  if (!board || (board->owner != principal.operation_user && board->privacy == BoardPrivacy::Secret))
    return ApiError{ErrorId::BoardNotFound, "", board_pointer};
  if (board->owner != principal.operation_user)
    return ApiError{ErrorId::NotPermitted, "", board_pointer};
  if (!role_covers(principal, board->privacy))
    return ApiError{ErrorId::NotPermitted, "", "ad_account_id"};
  if (board->privacy == BoardPrivacy::Secret && !principal.has_scope(kWriteSecretScope))
    return ApiError{ErrorId::InsufficientScope, "", "Authorization"};
  if (section_id && !board->has_section(*section_id))
    return ApiError{ErrorId::BoardSectionNotFound, "", "board_section_id"};
  return board;
}

} // namespace pinsmock
