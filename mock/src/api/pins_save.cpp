// pins/save — POST /pins/{pin_id}/save
#include "api/access.hpp"
#include "api/handlers.hpp"
#include "api/pin_json.hpp"

namespace pinsmock {

ApiResponse pins_save(const ApiRequest& request, Services& services) {
  auto original = find_accessible_pin(request, services, PinAccess::Read);
  if (!original)
    return error_response(original.error());
  const json::Value& body = request.body;
  const auto board_id = json::get_string(body, "board_id");
  // The spec makes both fields optional; a save needs somewhere to go (choice documented in
  // README "Behaviour where the spec is silent").
  if (!board_id)
    return error_response({ErrorId::InvalidBody,
                           "Invalid request body: /board_id: a board is required to save a Pin.",
                           "/board_id"});
  std::optional<std::string> section_id;
  if (auto section = json::get_string(body, "board_section_id"))
    section_id = std::string(*section);
  auto board = find_writable_board(request.principal, services, std::string(*board_id),
                                   section_id, "/board_id");
  if (!board)
    return error_response(board.error());

  const std::string created_at = services.clock.next_created_at();
  const json::Document content = pin_document(**original);
  PinPtr stored;
  do {
    PinRecord saved;
    saved.owner = request.principal.operation_user;
    saved.board_id = std::string(*board_id);
    saved.board_section_id = section_id;
    saved.id = services.ids.next_pin_id();
    record_pin(saved,
               pin_from_save(content, (*original)->id,
                             Placement{saved.id, created_at, *board, section_id}),
               services.check_pin, (*original)->violation.empty() ? &content : nullptr);
    stored = services.store.insert(std::move(saved));
  } while (!stored);
  return rendered_response(201, render_pin(*stored, stored->owner));
}

} // namespace pinsmock
