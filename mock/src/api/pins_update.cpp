// pins/update — PATCH /pins/{pin_id}
#include "api/access.hpp"
#include "api/handlers.hpp"
#include "api/pin_json.hpp"

namespace pinsmock {

ApiResponse pins_update(const ApiRequest& request, Services& services) {
  auto pin = find_accessible_pin(request, services, PinAccess::Write);
  if (!pin)
    return error_response(pin.error());
  const json::Value& body = request.body;

  // Destination: a new board drops the old section unless one on the new board is given;
  // an explicit null section moves the pin to the board itself.
  const auto new_board = json::get_string(body, "board_id");
  const PinRecord& stored = **pin;
  std::string board_id = new_board ? std::string(*new_board) : stored.board_id;
  std::optional<std::string> section_id = new_board && board_id != stored.board_id
                                              ? std::nullopt
                                              : stored.board_section_id;
  if (const json::Value* section = json::find(body, "board_section_id"))
    section_id = section->IsString() ? std::optional<std::string>(section->GetString()) : std::nullopt;
  auto board = find_writable_board(request.principal, services, board_id, section_id, "/board_id");
  if (!board)
    return error_response(board.error());

  // Merged into the stored Pin and rendered (and checked) once, here: what the update changed,
  // when the stored Pin conformed (record_pin).
  const json::Document before = pin_document(stored);
  json::Document merged;
  merged.CopyFrom(before, merged.GetAllocator());
  apply_update(merged, body, **board, section_id);
  PinRecord updated;
  updated.id = stored.id;
  updated.owner = stored.owner;
  updated.board_id = board_id;
  updated.board_section_id = section_id;
  record_pin(updated, merged, services.check_pin,
             stored.violation.empty() ? &before : nullptr);
  RenderedBody answer = render_pin(updated, request.principal.operation_user);
  if (!services.store.replace(std::move(updated)))
    return error_response({ErrorId::PinNotFound, "", "pin_id"});
  return rendered_response(200, std::move(answer));
}

} // namespace pinsmock
