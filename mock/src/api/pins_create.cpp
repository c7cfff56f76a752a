// pins/create — POST /pins
#include "api/access.hpp"
#include "api/handlers.hpp"
#include "api/pin_json.hpp"

namespace pinsmock {

ApiResponse pins_create(const ApiRequest& request, Services& services) {
  const json::Value& body = request.body;
  const std::string board_id(json::get_string(body, "board_id").value_or(""));
  std::optional<std::string> section_id;
  if (auto section = json::get_string(body, "board_section_id"))
    section_id = std::string(*section);
  auto board = find_writable_board(request.principal, services, board_id, section_id, "/board_id");
  if (!board)
    return error_response(board.error());

  const auto source_type = json::get_string(body["media_source"], "source_type").value_or("");
  auto media = services.fixtures.media.find(std::string(source_type));
  if (media == services.fixtures.media.end())
    return error_response({ErrorId::InvalidBody,
                           "Invalid request body: /media_source/source_type: no media template "
                           "for '" + std::string(source_type) + "' in the fixtures.",
                           "/media_source/source_type"});

  const std::string created_at = services.clock.next_created_at();
  PinPtr stored;
  do {
    PinRecord record;
    record.owner = request.principal.operation_user;
    record.board_id = board_id;
    record.board_section_id = section_id;
    record.id = services.ids.next_pin_id();
    record_pin(record,
               pin_from_create(body, Placement{record.id, created_at, *board, section_id},
                               media->second),
               services.check_pin);
    stored = services.store.insert(std::move(record));
  } while (!stored);
  return rendered_response(201, render_pin(*stored, stored->owner));
}

} // namespace pinsmock
